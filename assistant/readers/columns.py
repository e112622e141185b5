"""Projects side by side: one ruled table whose columns are the projects and whose rows are the fields — 事業番号,
事業名, 担当課, 事業期間, 交付金の種類, 事業費 by year, 主な取組内容, KPI① 指標名 / 単位 / 基準値 / 目標値 / 実績値 /
達成率, … , 事業の評価, 今後の方針 — a few projects per page (an Excel 対照表 printed landscape)."""

from __future__ import annotations

import re

from .. import eras
from ..errors import ReportError
from ..records import Kpi, ParsedReport, Problem, Project, Report
from .base import Document
from .blocks import Budget, project_of
from .segments import Segment
from .tables import EMPTY, KpiCells, clean, make_kpi, money, money_unit, read_value, role_of, year_of
from .text import guess_header

_KPI_LABEL = re.compile(r"^(?:KPI|指標)\s*([①-⑳]|\d{1,2})$")
_SLOTS = {"指標名": "name", "単位": "unit", "基準値": "baseline", "目標値": "target", "実績値": "actual", "達成率": "rate"}
_LOWER_MARK = re.compile(r"^[▼↓]\s*")  # 「▼町外へ通勤する就業者の割合」: a target to go down


def _rows(doc: Document) -> list[tuple[list[str], int]]:
    """Every row of every ruled table (header rows included), in order, with its page."""
    out: list[tuple[list[str], int]] = []
    segs = list(doc.segments)
    for n, seg in enumerate(segs):
        # a table's header rows alone (no body rows): the page of the table part that follows them
        page = seg.pages[0] if seg.pages else next((x.pages[0] for x in segs[n + 1:] if x.pages),
                                                   out[-1][1] if out else 1)
        out += [(list(r), page) for r in seg.head]
        out += [(list(r), seg.pages[i] if i < len(seg.pages) else page) for i, r in enumerate(seg.rows)]
    return out


def _periods(row: list[str]) -> list[int]:
    """The columns of a 事業期間 row that each hold a period — when two or more different periods stand in it
    (projects side by side; one period spanning two cells is one project's); else none."""
    label = clean(next((c for c in row if clean(c)), ""))
    if role_of(label) != "period":
        return []
    cols = [i for i, c in enumerate(row) if clean(c) != label and eras.parse_period(clean(c))]
    return cols if len({clean(row[i]) for i in cols}) >= 2 else []


def _tables(rows: list[tuple[list[str], int]]) -> list[tuple[list[tuple[list[str], int]], int]]:
    """The side-by-side tables: from a 事業番号 / 事業名 row to the next one, with the first project column (from the
    事業期間 row's periods)."""
    starts = [i for i, (r, _) in enumerate(rows) if role_of(clean(r[0])) in ("no", "title") and len(r) >= 3]
    out = []
    for a, b in zip(starts, [*starts[1:], len(rows)], strict=True):
        block = rows[a:b]
        cols = next((p for r, _ in block if len(p := _periods(r)) >= 2), [])
        if cols:
            out.append((block, min(cols)))
    return out


class ColumnsReader:
    name = "columns"

    def detect(self, doc: Document) -> float:
        return 0.9 if any(len(_periods(list(r))) >= 2 for s in doc.segments for r in (*s.head, *s.rows)) else 0.0

    def read(self, doc: Document) -> ParsedReport:
        tables = _tables(_rows(doc))
        if not tables:
            raise ReportError(doc.name, "no table with projects side by side (several periods in one 事業期間 row)")
        title, fy, city = guess_header(doc.pages)
        problems: list[Problem] = []
        projects: list[Project] = []
        kpis: list[Kpi] = []
        for block, first in tables:
            width = max(len(r) for r, _ in block)
            for col in range(first, width):
                got = _project(doc.name, block, col, fy, city, len(projects) + 1)
                if got is None:
                    continue  # an empty column (a page with fewer projects than columns)
                p, own = got
                if any(q.no == p.no for q in projects):
                    raise ReportError(doc.name, f"project number {p.no} printed twice")
                projects.append(p)
                kpis += own
                if not own:
                    problems.append(Problem(doc.name, f"project {p.no} 「{p.title}」: no KPI read"))
        if not projects:
            raise ReportError(doc.name, "side-by-side table with no project named")
        report = Report(doc.name, city, fy, eras.western(fy), title, doc.encoding, len(doc.pages), layout=self.name)
        return ParsedReport(report, tuple(projects), tuple(kpis), tuple(problems), doc.pages)


def _cell(row: list[str], col: int) -> str:
    return clean(row[col]) if col < len(row) else ""


def _project(report: str, block: list[tuple[list[str], int]], col: int, fy: str | None, city: str | None,
             order: int) -> tuple[Project, list[Kpi]] | None:
    """One project's column: its fields by the row labels, its budget by the year rows, its KPIs by the KPI rows."""
    fields: dict[str, str | None] = {}
    budget = Budget()
    kpi_rows: dict[str, dict[str, str]] = {}
    pages: list[int] = []
    no = order
    for row, page in block:
        label, sub, value = clean(row[0]), clean(row[1]) if len(row) > 1 else "", _cell(row, col)
        if not value:
            continue
        pages.append(page)
        role = role_of(label)
        if (m := _KPI_LABEL.match(label)) and sub in _SLOTS:
            kpi_rows.setdefault(m.group(1), {})[_SLOTS[sub]] = value
        elif role == "budget" and (year := year_of(sub)):
            v = money(value)
            if v.kind == "num":
                budget.amounts.append((year, v.value))
                budget.unit = budget.unit or money_unit(label, value)
        elif role == "no" and (m := re.search(r"(\d{1,3})", value)):
            no = int(m.group(1))
        elif role in ("title", "department", "period", "grant", "evaluation", "policy", "outcome"):
            fields.setdefault(role, value)
    if not fields.get("title"):
        return None
    own: list[Kpi] = []
    for slots in kpi_rows.values():
        name = slots.get("name", "")
        if not name:
            continue
        lower = True if _LOWER_MARK.match(name) else None  # (the mark states the direction; no mark states none)
        base = re.sub(r"[(（].*$", "", slots.get("baseline", ""))  # 「312,000（令和3年度）」: the value, its year apart
        cells = KpiCells(_LOWER_MARK.sub("", name), slots.get("unit") or None, fy,
                         read_value(slots.get("target", "")), read_value(slots.get("actual", "")),
                         read_value(slots.get("rate", "")), read_value(base) if base else EMPTY, None,
                         pages[0] if pages else 1)
        own.append(make_kpi(cells, report, no, lower))
    p = project_of(report, no, fields["title"], city, fields, budget, None, fields.get("outcome"),
                   pages[0] if pages else 1, sorted(set(pages)))
    return p, own


def is_side_by_side(seg: Segment) -> bool:
    """Does a row of this table hold one field of several projects (two or more periods in one 事業期間 row)?"""
    return any(len(_periods(list(r))) >= 2 for r in (*seg.head, *seg.rows))
