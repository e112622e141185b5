"""The summary table: one landscape table for a whole municipality, a project's cells spanning its KPI rows."""

from __future__ import annotations

import re
from dataclasses import replace

from .. import eras
from ..errors import ReportError
from ..records import Kpi, ParsedReport, Problem, Project, Report
from .base import Document
from .blocks import Budget, budget_cell, kpi_stacked, project_of
from .segments import Segment, text_of
from .tables import Column, clean, kpis_in_rows, make_kpi, money, money_unit, role_of
from .text import guess_header

_CONTINUED = re.compile(r"^[(（]?(続き|続|同上|〃|再掲)[)）]?$")


def _is_summary(seg: Segment) -> bool:
    roles = {c.role for c in seg.cols}
    return "title" in roles and (("kpi" in roles and bool(roles & {"target", "actual"})) or _stacked(seg) is not None)


def _stacked(seg: Segment) -> Column | None:
    """The column whose header names the KPIs (「KPI（指標・目標値・実績値）」) and whose cells hold them as sentences,
    several stacked in one cell (「①名称：目標 6件／実績 7件（116.7％）②…」)."""
    for c in seg.cols:
        cells = [r[c.index] for r in seg.rows if c.index < len(r)]
        if re.search(r"KPI|指標", c.header) and any("目標" in x and "実績" in x for x in cells):
            return c
    return None


_DEPARTMENT_IN_TITLE = re.compile(r"^(.*\S)\(([^()]{2,15}?(?:課|室|局|部|所|センター))\)$")  # 「…事業（水産振興課）」


class SummaryTableReader:
    name = "summary_table"

    def detect(self, doc: Document) -> float:
        return 0.95 if any(_is_summary(s) for s in doc.segments) else 0.0

    def read(self, doc: Document) -> ParsedReport:
        segs = [s for s in doc.segments if _is_summary(s)]
        if not segs:
            raise ReportError(doc.name, "no summary table (事業名 and KPI columns) found")
        title, fy, city = guess_header(doc.pages)
        problems: list[Problem] = []
        groups: list[dict] = []  # one per project, in order of appearance
        for seg in segs:
            _group_rows(seg, groups)
        lost = [g for g in groups if g.get("lost")]
        if lost:
            groups = [g for g in groups if not g.get("lost")]
            n = sum(len(g["rows"]) for g in lost)
            problems.append(Problem(doc.name, f"{n} KPI row(s) whose project name cell could not be read "
                                              "(a page break?); not kept rather than given to another project"))
        numbers = [g["printed_no"] for g in groups]
        use_printed = all(n is not None for n in numbers) and len(set(numbers)) == len(numbers)
        if not use_printed and any(n is not None for n in numbers):
            problems.append(Problem(doc.name, "project numbers missing or repeated in the No column; "
                                              "projects numbered in order of appearance"))
        projects: list[Project] = []
        kpis: list[Kpi] = []
        for k, g in enumerate(groups):
            no = g["printed_no"] if use_printed else k + 1
            seg: Segment = g["seg"]
            p, budget_problem = _project(doc.name, no, g, seg, fy, city)
            if budget_problem:
                problems.append(Problem(doc.name, f"project {no}: {budget_problem}"))
            projects.append(p)
            if (col := _stacked(seg)) is not None:
                texts = {seg.rows[i][col.index]: seg.pages[i] for i in reversed(g["rows"])}  # a spanning cell: once
                cells = [c for text, page in reversed(texts.items()) for c in kpi_stacked(text, fy, page)]
            else:
                cells = kpis_in_rows(seg.rows, seg.cols, g["rows"], fy, seg.pages)
            if not cells:
                problems.append(Problem(doc.name, f"project {no} 「{p.title}」: no KPI row read"))
            kpis.extend(make_kpi(c, doc.name, no) for c in cells)
        projects = _with_side_tables(projects, [s for s in doc.segments if not _is_summary(s)])
        if fy is None:
            problems.append(Problem(doc.name, "fiscal year of the report not printed in its title; "
                                              "KPI years unknown"))
        report = Report(doc.name, city, fy, eras.western(fy), title, doc.encoding, len(doc.pages),
                        layout=self.name)
        return ParsedReport(report, tuple(projects), tuple(kpis), tuple(problems), doc.pages)


def _cell(seg: Segment, i: int, role: str) -> str:
    col = next((c for c in seg.cols if c.role == role), None)
    return seg.rows[i][col.index] if col is not None and col.index < len(seg.rows[i]) else ""


def _group_rows(seg: Segment, groups: list[dict]) -> None:
    """Rows with the same No and name belong to one project; rows with neither continue the last project."""
    for i, row in enumerate(seg.rows):
        if not any(clean(c) for c in row):
            continue
        no_text, title = clean(_cell(seg, i, "no")), clean(_cell(seg, i, "title"))
        if role_of(title) == "title":
            continue  # a header repeated inside the table
        if _CONTINUED.match(title) or (not title and not no_text):
            # 「（続き）」「同上」 or no name at all: the row continues the project above — except where this
            # table spans each project's name over all its rows: a nameless row on the same page then belongs to
            # a project whose name cell was lost (rows kept apart and dropped, never given to the project above)
            if groups and groups[-1]["seg"] is seg:
                last = groups[-1]
                if (not _CONTINUED.match(title) and not last.get("lost") and seg.pages[i] == seg.pages[last["rows"][-1]]
                        and _spans_names(seg, groups)):
                    groups.append({"key": None, "seg": seg, "rows": [i], "printed_no": None, "lost": True})
                else:
                    last["rows"].append(i)
            continue
        if not title:
            continue  # a number without a name: not a project we can name
        key = (no_text, title)
        same = next((g for g in groups if g["key"] == key and g["seg"] is seg), None)
        if same is None:
            printed = int(no_text) if re.fullmatch(r"\d{1,3}", no_text) else None
            same = {"key": key, "seg": seg, "rows": [], "printed_no": printed}
            groups.append(same)
        same["rows"].append(i)


def _spans_names(seg: Segment, groups: list[dict]) -> bool:
    """Does this table print each project's name on every row of it (a cell spanning the rows)? Then a row without
    a name is not a continuation row."""
    own = [g for g in groups if g["seg"] is seg and not g.get("lost") and len(g["rows"]) >= 2]
    return bool(own) and all(clean(_cell(seg, i, "title")) for g in own for i in g["rows"])


def _project(report: str, no: int, g: dict, seg: Segment, fy: str | None, city: str | None) -> tuple[Project, str | None]:
    first = g["rows"][0]
    fields = {role: text_of(_cell(seg, first, role))
              for role in ("department", "period", "grant", "evaluation", "policy", "outcome")}
    # a row cut by the page break goes on in the next page's first row: its text cell continues there
    fields["outcome"] = "".join(dict.fromkeys(t for i in g["rows"] if (t := text_of(_cell(seg, i, "outcome"))))) or None
    budget, problem = _budget(seg, first, fy)
    pages = sorted({seg.pages[i] for i in g["rows"]})
    title = g["key"][1]
    if fields["department"] is None and (m := _DEPARTMENT_IN_TITLE.match(title)):
        title, fields["department"] = m.group(1), m.group(2)  # 事業名（担当課）: the department after the title
    return project_of(report, no, title, city, fields, budget, None, fields["outcome"], pages[0], pages), problem


def _budget(seg: Segment, row: int, fy: str | None) -> tuple[Budget, str | None]:
    """The project's budget from its first row, and why none was kept when the cells were not clean."""
    by_year = [c for c in seg.cols if c.role == "budget" and c.year]
    if len(by_year) >= 2 and len({c.year for c in by_year}) == len(by_year):
        # 「事業費（千円） R3決算 | R4決算 | R5予算」: one column per fiscal year; 「－」 is a year outside the period
        return _budget_years(seg, row, by_year, fy)
    budget_col = next((c for c in seg.cols if c.role == "budget"), None)
    if budget_col is None:
        return Budget(), None
    raw = _cell(seg, row, "budget")
    v = money(raw)
    unit = money_unit(budget_col.header, raw)
    if v.kind == "num" and fy:
        return Budget([(fy, v.value)], [], unit), None
    if v.kind == "num":
        return Budget(unit=unit), "budget printed but the report's fiscal year is unknown; budget not kept"
    if v.kind in ("dash", "empty"):
        return Budget([(fy, None)] if fy else [], [], unit), None
    if (listed := budget_cell(raw)) is not None and listed.amounts and unit in (None, listed.unit):
        return listed, None  # 「R3決算 8,760千円 R4決算 10,240千円 R5予算 9,500千円」: the years in the cell
    return Budget(unit=unit), f"budget cell not a number ({clean(raw)}); not kept"


def _budget_years(seg: Segment, row: int, cols: list, fy: str | None) -> tuple[Budget, str | None]:
    out = Budget(unit=next((c.unit for c in cols if c.unit), None))
    for c in cols:
        v = money(seg.rows[row][c.index] if c.index < len(seg.rows[row]) else "")
        if v.kind == "num":
            out.amounts.append((c.year, v.value))
            later = (eras.western(c.year) or 0) > (eras.western(fy) or 9999)
            if c.planned or ("予算" in c.header and later):
                out.planned.append(c.year)
        elif v.kind not in ("dash", "empty"):
            return Budget(unit=out.unit), f"budget cell not a number ({clean(v.text)}); not kept"
    return out, None


_SIDE_FIELDS = ("department", "evaluation", "policy", "outcome")


def _with_side_tables(projects: list[Project], segs: list[Segment]) -> list[Project]:
    """A separate table keyed by 事業名 (「別表 事業の評価及び今後の方針: No. | 事業名 | 担当課 | 事業の評価 | 今後の
    方針」) fills the fields the summary left empty — for the project whose name it prints exactly (and whose
    number, when both print one, agrees). Nothing already read is overwritten."""
    by_title = {clean(p.title): i for i, p in enumerate(projects)}
    out = list(projects)
    for seg in segs:
        roles = {c.role for c in seg.cols}
        if "title" not in roles or not roles & set(_SIDE_FIELDS):
            continue
        for i in range(len(seg.rows)):
            k = by_title.get(clean(_cell(seg, i, "title")))
            no = clean(_cell(seg, i, "no"))
            if k is None or (re.fullmatch(r"\d{1,3}", no) and int(no) != out[k].no):
                continue
            add = {f: v for f in _SIDE_FIELDS
                   if f in roles and getattr(out[k], f) is None and (v := text_of(_cell(seg, i, f)))}
            # a second column of the same kind (外部有識者の主な意見 beside 事業の評価) is kept as a note, headed
            extra = [f"{text_of(c.header)}: {v}" for c in [c for c in seg.cols if c.role == "evaluation"][1:]
                     if c.index < len(seg.rows[i]) and (v := text_of(seg.rows[i][c.index]))]
            if extra:
                add["notes"] = tuple(dict.fromkeys((*out[k].notes, *extra)))
            if add:
                out[k] = replace(out[k], **add)
    return out
