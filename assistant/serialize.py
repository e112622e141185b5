"""The CLI's JSON schemas for projects, KPIs, hits and answers (null where absent)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from .records import Answer, Hit, Kpi, Problem, Project, Report


def kpi_json(k: Kpi, report: Report | None, project: Project | None) -> dict[str, Any]:
    return {
        "report": k.report,
        "city": report.city if report else None,
        "fiscal_year": k.fiscal_year or (report.fiscal_year if report else None),
        "project_no": k.project_no,
        "project_title": project.title if project else None,
        "name": k.name,
        "unit": k.unit,
        "target": k.target,
        "actual": k.actual,
        "rate": k.rate,
        "rate_source": k.rate_source,
        "baseline": k.baseline,
        "target_date": k.target_date,
        "lower_is_better": k.lower_is_better,
        "achieved": k.achieved,
        "note": k.note,
        "page": k.page,
        "flags": list(k.flags),
    }


def project_json(p: Project, report: Report | None) -> dict[str, Any]:
    return {
        "report": p.report,
        "city": report.city if report else p.city,
        "fiscal_year": report.fiscal_year if report else None,
        "no": p.no,
        "title": p.title,
        "cities": list(p.cities),
        "department": p.department,
        "period": p.period,
        "purpose": p.purpose,
        "grant_type": p.grant_type,
        "budget": dict(p.budget),
        "budget_unit": p.budget_unit,
        "budget_planned": list(p.budget_planned),
        "budget_grant": dict(p.budget_grant),
        "grant_program": p.grant_program,
        "evaluation": p.evaluation,
        "policy": p.policy,
        "outcome": p.outcome,
        "activities": [{"no": a.no, "title": a.title, "text": a.text} for a in p.activities],
        "page": p.page,
    }


def hit_json(h: Hit) -> dict[str, Any]:
    c = h.chunk
    return {
        "report": c.report,
        "project_no": c.project_no,
        "project_title": c.project_title,
        "page": c.page,
        "kind": c.kind,
        "text": c.text,
        "score": round(h.score, 6),
        "sparse_score": None if h.sparse_score is None else round(h.sparse_score, 6),
        "dense_score": None if h.dense_score is None else round(h.dense_score, 6),
        "sparse_rank": h.sparse_rank,
        "dense_rank": h.dense_rank,
    }


def answer_json(a: Answer, lookup: Any) -> dict[str, Any]:
    """lookup(report, project_no) -> (Report, Project) supplies the KPI rows' context."""
    return {
        "question": a.question,
        "answer": a.text,
        "intent": a.intent,
        "found": a.found,
        "citations": [{"report": c.report, "project_no": c.project_no, "project_title": c.project_title,
                       "page": c.page} for c in a.citations],
        "kpis": [kpi_json(k, *lookup(k.report, k.project_no)) for k in a.kpis],
    }


def reports_json(reports: Sequence[Report], projects: Sequence[Project], kpis: Sequence[Kpi],
                 problems: Sequence[Problem], files: Sequence[str]) -> list[dict[str, Any]]:
    """One row per corpus file: read (with its layout, counts and warnings), text only, or skipped with the reason."""
    n_projects = Counter(p.report for p in projects)
    n_kpis = Counter(k.report for k in kpis)
    warnings: dict[str, list[str]] = {}
    for pr in problems:
        warnings.setdefault(pr.file, []).append(f"line {pr.line}: {pr.message}" if pr.line else pr.message)
    by_name = {r.report: r for r in reports}
    rows = []
    for f in dict.fromkeys([*files, *by_name]):
        r = by_name.get(f)
        if r is None:
            rows.append({"file": f, "status": "skipped", "layout": None, "city": None, "fiscal_year": None,
                         "pages": None, "projects": 0, "kpis": 0, "warnings": [],
                         "reason": "; ".join(warnings.get(f, [])) or "not read"})
            continue
        status = "read" if n_projects[f] else "text only"
        rows.append({"file": f, "status": status, "layout": r.layout, "city": r.city, "fiscal_year": r.fiscal_year,
                     "pages": r.pages, "projects": n_projects[f], "kpis": n_kpis[f], "warnings": warnings.get(f, []),
                     "reason": None})
    return rows
