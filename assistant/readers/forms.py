"""Numbered forms (様式): the projects listed in one table, their KPIs' targets in another, the actuals in a third and
the evaluations in a fourth, on pages of their own — joined by the 事業No. (and the KPI's No. and name).

「様式１ 事業一覧: 事業No. | 事業名 | 担当課 | 事業期間 | 交付金の種類 | 事業費 by year」, 「様式２ KPI設定表: 事業No. |
KPI No. | 指標名 | 単位 | 基準値 | 目標値（令和4年度） | 最終目標値 | 達成率の算定」, 「様式３ KPI実績報告: 事業No. | KPI No. |
指標名 | 実績値（令和4年度） | 達成率」, 「様式４ 事業評価: 事業No. | 主な取組内容 | 事業の評価 | 今後の方針」. A target and an
actual are one KPI only where both tables print the same project number, KPI number and name; a number no project has
gives nothing (precision first: a value is never given to a neighbour).
"""

from __future__ import annotations

import re
from dataclasses import replace

from .. import eras
from ..errors import ReportError
from ..records import Kpi, ParsedReport, Problem, Project, Report
from .base import Document
from .segments import Segment, text_of
from .sheet import _rows_by_number
from .summary_table import _project
from .tables import EMPTY, Column, KpiCells, baseline_value, clean, kpi_name, make_kpi, read_value
from .text import guess_header

_KPI_NO = re.compile(r"^(?:KPI|ＫＰＩ|指標)\s*(?:No\.?|番号|№)$")
_FORMULA = re.compile(r"^(実績|目標)(?:値)?[÷/](目標|実績)(?:値)?$")  # 達成率の算定: 目標÷実績 = lower is better
_FIELDS = ("evaluation", "policy", "outcome")


def _col(seg: Segment, role: str, fy: str | None = None) -> Column | None:
    """The column of a role; of several, the one of the report's year (a 最終目標値 beside the year's target is the
    plan's end, not this year's)."""
    cols = [c for c in seg.cols if c.role == role and not _KPI_NO.match(c.header) and "最終" not in c.header]
    if len(cols) > 1:
        cols = [c for c in cols if c.year and c.year == fy]
    return cols[0] if len(cols) == 1 else None


def _is_project_list(seg: Segment) -> bool:
    roles = {c.role for c in seg.cols}
    return {"no", "title"} <= roles and "kpi" not in roles


def _is_kpi_form(seg: Segment) -> bool:
    roles = {c.role for c in seg.cols}
    return {"no", "kpi"} <= roles and "title" not in roles and bool(roles & {"target", "actual"})


def _is_evaluation_form(seg: Segment) -> bool:
    roles = {c.role for c in seg.cols}
    return "no" in roles and not roles & {"title", "kpi"} and bool(roles & {"evaluation", "policy"})


def _cell(seg: Segment, i: int, col: Column | None) -> str:
    return seg.rows[i][col.index] if col is not None and col.index < len(seg.rows[i]) else ""


def _kpi_rows(seg: Segment, fy: str | None) -> dict[tuple[int, str], dict]:
    """{(project no, KPI no or name): what this form prints of the KPI}."""
    no_kpi = next((c for c in seg.cols if _KPI_NO.match(c.header)), None)
    names = [c for c in seg.cols if c.role == "kpi" and c is not no_kpi]
    if len(names) != 1:
        return {}
    formula = next((c for c in seg.cols if c.role == "rate" and any(
        _FORMULA.match(clean(r[c.index])) for r in seg.rows if c.index < len(r))), None)
    rate = _col(seg, "rate") if formula is None else None
    note = next((c for c in seg.cols if c.role is None and clean(c.header).startswith("備考")), None)
    out: dict[tuple[int, str], dict] = {}
    for n, rows in _rows_by_number(seg).items():
        for i in rows:
            name = kpi_name(_cell(seg, i, names[0]))
            if not name:
                continue
            key = (n, clean(_cell(seg, i, no_kpi)) or clean(name))
            f = _FORMULA.match(clean(_cell(seg, i, formula)))
            out[key] = {"name": name, "page": seg.pages[i], "unit": clean(_cell(seg, i, _col(seg, "unit"))) or None,
                        "baseline": baseline_value(_cell(seg, i, _col(seg, "baseline"))),
                        "target": read_value(_cell(seg, i, _col(seg, "target", fy))),
                        "actual": read_value(_cell(seg, i, _col(seg, "actual", fy))),
                        "rate": read_value(_cell(seg, i, rate)) if rate else EMPTY,
                        "lower": (f.group(1) == "目標") if f else None,
                        "note": text_of(_cell(seg, i, note)) if note else None}
    return out


class FormsReader:
    name = "forms"

    def detect(self, doc: Document) -> float:
        segs = doc.segments
        return 0.9 if any(_is_project_list(s) for s in segs) and any(_is_kpi_form(s) for s in segs) else 0.0

    def read(self, doc: Document) -> ParsedReport:
        title, fy, city = guess_header(doc.pages)
        lists = [s for s in doc.segments if _is_project_list(s)]
        if len(lists) != 1:
            raise ReportError(doc.name, "not one numbered project list (事業No. | 事業名 …)")
        seg = lists[0]
        no_col = next(c for c in seg.cols if c.role == "no")
        title_col = next(c for c in seg.cols if c.role == "title")
        projects: dict[int, Project] = {}
        for i in range(len(seg.rows)):
            no, name = clean(_cell(seg, i, no_col)), clean(_cell(seg, i, title_col))
            if re.fullmatch(r"\d{1,3}", no) and name and int(no) not in projects:
                g = {"key": (no, name), "rows": [i], "printed_no": int(no), "seg": seg}
                projects[int(no)] = _project(doc.name, int(no), g, seg, fy, city)[0]
        if not projects:
            raise ReportError(doc.name, "numbered project list without a numbered project")
        problems: list[Problem] = []
        forms = [_kpi_rows(s, fy) for s in doc.segments if _is_kpi_form(s)]
        merged: dict[tuple[int, str], dict] = {}
        for form in forms:
            for key, got in form.items():
                have = merged.setdefault(key, {})
                if have and clean(have["name"]) != clean(got["name"]):
                    problems.append(Problem(doc.name, f"KPI {key[1]} of project {key[0]}: 「{have['name']}」 and "
                                                      f"「{got['name']}」 in two forms; not joined"))
                    have["conflict"] = True
                    continue
                for k, v in got.items():  # a later form (the actuals) adds what it prints, and its page
                    if v is not None and getattr(v, "kind", "") != "empty":
                        have[k] = v
        kpis: list[Kpi] = []
        for (n, _), k in merged.items():
            if n not in projects or k.get("conflict"):
                continue
            cells = KpiCells(k["name"], k.get("unit"), fy, k.get("target", EMPTY), k.get("actual", EMPTY),
                             k.get("rate", EMPTY), k.get("baseline", EMPTY), None, k["page"], k.get("note"))
            kpis.append(make_kpi(cells, doc.name, n, k.get("lower")))
        for ev in (s for s in doc.segments if _is_evaluation_form(s)):
            ev_no = next(c for c in ev.cols if c.role == "no")
            for i in range(len(ev.rows)):
                no = clean(_cell(ev, i, ev_no))
                if not re.fullmatch(r"\d{1,3}", no) or int(no) not in projects:
                    continue
                p = projects[int(no)]
                add = {f: v for f in _FIELDS if getattr(p, f) is None
                       and (c := next((c for c in ev.cols if c.role == f), None)) and (v := text_of(_cell(ev, i, c)))}
                projects[int(no)] = replace(p, **add)
        if fy is None:
            problems.append(Problem(doc.name, "fiscal year of the report not printed in its title; KPI years unknown"))
        report = Report(doc.name, city, fy, eras.western(fy), title, doc.encoding, len(doc.pages), layout=self.name)
        return ParsedReport(report, tuple(projects.values()), tuple(kpis), tuple(problems), doc.pages)
