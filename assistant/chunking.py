"""Cut each project into passages along the report's own structure (overview, purpose, activities, KPIs, budget,
evaluation), and every page no project covers into plain page passages."""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import eras
from .format import fmt_kpi_values, fmt_num
from .records import Chunk, Kpi, ParsedReport, Project, Report

MAX_CHARS = 360  # e5-small reads 512 tokens; Japanese runs ~1–1.5 chars a token, and the context line rides along


def project_context(report: Report, project: Project) -> str:
    """The line every chunk of a project carries into the embedder and BM25, so a chunk about 研修 knows its project."""
    city = "、".join(project.cities) or (report.city or "")
    fy = eras.japanese(report.fiscal_year) or ""
    return f"{city} {fy} {project.title}".strip()


def _split(text: str, limit: int = MAX_CHARS) -> list[str]:
    """Split long text at sentence ends (。 or bullet ・) into pieces of at most `limit` characters."""
    if len(text) <= limit:
        return [text]
    parts = [p for p in re.split(r"(?<=[。])|(?=・)", text) if p]
    out: list[str] = []
    cur = ""
    for p in parts:
        while len(p) > limit:  # one enormous sentence: hard cut
            out.append(p[:limit])
            p = p[limit:]
        if len(cur) + len(p) > limit and cur:
            out.append(cur)
            cur = ""
        cur += p
    if cur:
        out.append(cur)
    return out


def kpi_text(k: Kpi) -> str:
    unit = f"({k.unit})" if k.unit else ""
    s = f"KPI {k.name}{unit}: {fmt_kpi_values(k)}"
    if k.note:
        s += f" 補足: {k.note}"
    return s


def project_chunks(report: Report, project: Project, kpis: Iterable[tuple[int, Kpi]], start_id: int) -> list[Chunk]:
    """Chunks of one project; `kpis` pairs each KPI with its position in the index's KPI list."""
    ctx = project_context(report, project)
    out: list[Chunk] = []

    def add(kind: str, text: str, page: int, ref: int = -1) -> None:
        for piece in _split(text):
            out.append(Chunk(start_id + len(out), report.report, project.no, project.title, page or project.page,
                             kind, piece, ctx, ref))

    head = [f"事業名: {project.title}"]
    if project.cities:
        head.append(f"実施主体: {'、'.join(project.cities)}")
    if project.department:
        head.append(f"担当: {project.department}")
    if project.period:
        head.append(f"事業期間: {project.period}")
    if project.grant_type or project.grant_program:
        head.append(f"交付金: {project.grant_program or ''} {project.grant_type or ''}".strip())
    add("overview", " / ".join(head), project.page)
    if project.purpose:
        add("purpose", f"目的: {project.purpose}", project.page)
    for a in project.activities:
        body = f"{a.no} {a.title}: {a.text}" if a.text else f"{a.no} {a.title}"
        for piece in _split(a.text or "", MAX_CHARS - len(a.title) - 4) if a.text else [""]:
            text = f"{a.no} {a.title}: {piece}" if piece else body
            out.append(Chunk(start_id + len(out), report.report, project.no, project.title, a.page or project.page,
                             "activity", text, ctx, a.no))
    if project.budget:
        unit = project.budget_unit or ""
        items = [f"{eras.japanese(y) or y} {fmt_num(v) + unit if v is not None else '記載なし(-)'}"
                 for y, v in project.budget]
        add("budget", "交付対象事業経費: " + " / ".join(items), project.page)
    for label, text in (("事業の成果", project.outcome), ("事業の評価", project.evaluation),
                        ("今後の方針", project.policy)):
        if text:
            add("evaluation", f"{label}: {text}", project.page)
    for pos, k in kpis:
        add("kpi", kpi_text(k), k.page, pos)
    for n in project.notes:
        add("note", f"補足: {n}", project.page)
    return out


def page_chunks(pr: ParsedReport, start_id: int) -> list[Chunk]:
    """Passages of the pages no project section covers (all pages of a report read as text only, the pages
    around a table layout's table), so every readable word of a report can be found and quoted with its page.

    A page covered by exactly one project is attributed to it; others belong to no project (project_no 0).
    """
    covered: dict[int, set[int]] = {}
    for p in pr.projects:
        for pg in p.pages or (p.page,):
            covered.setdefault(pg, set()).add(p.no)
    titles = {p.no: p.title for p in pr.projects}
    ctx = " ".join(x for x in (pr.report.city, eras.japanese(pr.report.fiscal_year), pr.report.title) if x)
    out: list[Chunk] = []
    for no, text in enumerate(pr.pages_text, start=1):
        if pr.report.layout == "sections" and no in covered:
            continue  # the ①-section reader already cut these pages into structured passages
        owners = covered.get(no, set())
        pno = next(iter(owners)) if len(owners) == 1 else 0
        body = re.sub(r"\n{2,}", "\n", text).strip()
        body = re.sub(r"(?<=[ぁ-ヿ一-龯、])\n(?=[ぁ-ヿ一-龯])", "", body)  # a line the PDF wrapped inside a word
        for piece in _split(body.replace("\n", " ")):
            out.append(Chunk(start_id + len(out), pr.report.report, pno, titles.get(pno, ""), no, "page", piece,
                             ctx, -1))
    return out


def make_chunks(reports: Iterable[ParsedReport]) -> list[Chunk]:
    """All chunks of all reports, with ids 0..n-1 in report/project order."""
    chunks: list[Chunk] = []
    offset = 0
    for pr in reports:
        for p in pr.projects:
            kp = [(offset + i, k) for i, k in enumerate(pr.kpis) if k.project_no == p.no]
            chunks.extend(project_chunks(pr.report, p, kp, len(chunks)))
        chunks.extend(page_chunks(pr, len(chunks)))
        offset += len(pr.kpis)
    return chunks
