"""Project cards: each project starts with a numbered heading line (「■事業No.1 …」「【事業番号2】…」) followed by
label lines (担当課 / 事業期間 / 交付金), numbered sections ((1)事業の概要, (2)事業費の推移, (3)重要業績評価指標,
(4)事業の成果) and 事業の評価 / 今後の方針 lines — read from the text line by line, the same for a PDF and its text
export. Budgets are kept only when the year row and the amount row have as many cells; each KPI row is checked by
arithmetic (tables.make_kpi); a page's running header and page number are skipped."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import eras
from ..errors import ReportError
from ..records import Kpi, ParsedReport, Problem, Project, Report
from .base import Document
from .blocks import (
    Budget,
    budget_columns,
    budget_rows,
    joined,
    kpi_table,
    labels,
    project_of,
    section_heading,
    section_kind,
)
from .tables import EMPTY, KpiCells, make_kpi, read_value, role_of, unit_from_name, year_of
from .text import guess_header

# 「■事業No.1 移住定住…」「【事業番号 2】デマンド…」「事業No.3：…」: a card's heading, the title after the number.
_CARD = re.compile(r"^[■□◆◇●○▼▶【\[]?\s*事業\s*(?:No|NO|Ｎｏ|番号)\s*[.．]?\s*(\d{1,2})\s*[】\]:：.．、]?\s*(.*)$")
_SECTION = re.compile(r"^[(（]\s*(\d{1,2})\s*[)）]\s*(.+)$")  # (2)事業費の推移 (単位:千円)
_KPI_HEAD = re.compile(r"^(?:KPI|ＫＰＩ|成果指標|指標)\s*([①-⑳\d]{0,2})\s*[:：.]?\s*(.+)$")
_KPI_ROW = re.compile(r"^(\S+)\s+(\S+)\s+(\S+)(?:\s+(\S+))?$")  # 年度 目標値 実績値 [達成率]
_BASELINE = re.compile(r"^(?:基準値|現状値|当初値)\s*[:：]?\s*(\S+?)\s*(?:[(（]([^()（）]+)[)）])?$")


@dataclass
class _Card:
    no: int
    title: list[str]
    page: int
    fields: dict[str, str] = field(default_factory=dict)
    section: str = ""
    text: dict[str, list[str]] = field(default_factory=dict)  # section → its lines
    budget_lines: list[str] = field(default_factory=list)
    kpi_lines: list[tuple[str, int]] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    title_open: bool = True


class CardsReader:
    name = "cards"

    def detect(self, doc: Document) -> float:
        lines = [s for s, _ in doc.lines]
        cards = sum(1 for s in lines if _CARD.match(s))
        kpis = sum(1 for s in lines if _KPI_HEAD.match(s) or section_heading(s) == "kpi")
        return 0.85 if cards and kpis else 0.0

    def read(self, doc: Document) -> ParsedReport:
        cards: list[_Card] = []
        for line, page in doc.lines:
            if m := _CARD.match(line):
                title = re.sub(r"^(?:事業名|事業の名称)\s*[:：]?\s*", "", m.group(2))
                cards.append(_Card(int(m.group(1)), [title] if title else [], page, pages=[page]))
                continue
            if not cards:
                continue
            c = cards[-1]
            if page not in c.pages:
                c.pages.append(page)
            pairs = labels(line)
            if not pairs and ((sec := _SECTION.match(line)) or section_heading(line)):
                c.title_open = False
                heading = sec.group(2) if sec else line
                c.section = section_kind(heading)
                if c.section == "budget":
                    c.budget_lines.append(heading)  # the unit is printed on the heading: (単位:千円)
                continue
            if pairs:
                c.title_open = False
                for role, value in pairs:
                    if role in ("evaluation", "policy"):
                        c.section = ""
                    c.fields.setdefault(role, value)
                continue
            if c.title_open:
                c.title.append(line)  # a title wrapped onto the next line
            elif c.section == "budget":
                c.budget_lines.append(line)
            elif c.section == "kpi":
                c.kpi_lines.append((line, page))
            elif c.section:
                c.text.setdefault(c.section, []).append(line)
        if not cards:
            raise ReportError(doc.name, "no project card (「事業No.1 …」) found")
        if len({c.no for c in cards}) != len(cards):
            raise ReportError(doc.name, "a project card number printed twice")
        title, fy, city = guess_header(doc.pages)
        problems: list[Problem] = []
        projects: list[Project] = []
        kpis: list[Kpi] = []
        for c in cards:
            b = budget_rows(c.budget_lines) or budget_columns(c.budget_lines)
            budget, planned, unit, why = b.amounts, b.planned, b.unit, b.why
            if why:
                problems.append(Problem(doc.name, f"project {c.no}: budget not read ({why})"))
            own = _kpis(c, doc.name, fy)
            if not own:
                problems.append(Problem(doc.name, f"project {c.no}: no KPI read"))
            kpis += own
            projects.append(project_of(doc.name, c.no, "".join(c.title).strip(), city, c.fields,
                                       Budget(budget, planned, unit, grant=b.grant), joined(c.text.get("purpose")),
                                       joined(c.text.get("outcome")), c.page, c.pages))
        report = Report(doc.name, city, fy, eras.western(fy), title, doc.encoding, len(doc.pages), layout=self.name)
        return ParsedReport(report, tuple(projects), tuple(kpis), tuple(problems), doc.pages)


def _kpis(c: _Card, report: str, fy: str | None) -> list[Kpi]:
    """One KPI per (name, year) row under 「KPI① 名称（単位）」, with its 基準値; a heading printed again (a card
    broken across columns) continues the same KPI."""
    if (table := kpi_table(c.kpi_lines, fy)) is not None:
        return [make_kpi(cells, report, c.no) for cells in table]
    out: list[Kpi] = []
    seen: set[tuple[str, str | None]] = set()
    name = unit = None
    baseline = EMPTY
    order: tuple[str, ...] = ()
    for line, page in c.kpi_lines:
        if m := _KPI_HEAD.match(line):
            new_name, new_unit = unit_from_name(m.group(2))
            if new_name != name:
                baseline, order = EMPTY, ()
            name, unit = new_name, new_unit
            continue
        if name is None:
            continue
        if m := _BASELINE.match(line):
            baseline = read_value(m.group(1))
            continue
        words = line.split()
        if words and not year_of(words[0]):
            roles = [role_of(w) for w in words[1:]]
            if roles and all(r in ("target", "actual", "rate") for r in roles):
                order = tuple(roles)  # 年度 目標値 実績値 達成率
            continue
        if not order or not (m := _KPI_ROW.match(line)):
            continue
        cells = [x for x in m.groups()[1:] if x is not None]
        year = year_of(m.group(1))
        if len(cells) != len(order) or (name, year) in seen:
            continue
        seen.add((name, year))
        slot = dict(zip(order, (read_value(x) for x in cells), strict=True))
        out.append(make_kpi(KpiCells(name=name, unit=unit, year=year or fy, target=slot.get("target", EMPTY),
                                     actual=slot.get("actual", EMPTY), rate=slot.get("rate", EMPTY),
                                     baseline=baseline, target_date=None, page=page), report, c.no))
    return out
