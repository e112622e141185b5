"""Numbered headings with a definition list under each: a web page printed from a browser (or a Word document in
its style) — 「(1)題名」 wrapped over lines, then each label alone on a line with its value under it (担当課 / こども保育課,
事業期間 / 令和4年度から令和6年度まで, 交付金の種類, 事業の目的, 主な取組, 事業の評価, 今後の方針), and ruled tables for
the 事業費 by year and the KPIs (one row each, a 目標の方向 column saying 減少 or 増加).

A table belongs to the project under whose heading its first cell's text is printed; the browser's own header and
footer lines (the print date, the URL, n/5) are no part of any value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import eras
from ..errors import ReportError
from ..records import Kpi, ParsedReport, Problem, Project, Report
from .base import Document
from .blocks import LABEL_ROLES, PAGE_NO, Budget, budget_sentences, joined, project_of, section_kind
from .segments import Segment
from .sheet import budget_of
from .tables import clean, kpis_in_rows, make_kpi, money_unit, role_of
from .text import guess_header

_HEADING = re.compile(r"^[(（]\s*(\d{1,2})\s*[)）]\s*(\S.*)$")
_BROWSER = re.compile(r"^\d{4}/\d{1,2}/\d{1,2}\s+\d{1,2}:\d{2}\s|^https?://\S+(\s+\d+/\d+)?$")  # a print's own lines
_LABEL_MAX = 16


def _label(line: str) -> str | None:
    """The field a line alone names (担当課 → department, 令和5年度の主な取組 → outcome, 事業費 → budget), else None; an
    opinion (外部有識者会議の主な意見) is a section of its own, no evaluation."""
    t = clean(line)
    if not t or len(t) > _LABEL_MAX or re.search(r"\d{2,}|[。、]", re.sub(r"(令和|平成|R|H)\d{1,2}年度", "", t)):
        return None
    if "意見" in t:
        return "opinion"
    if (role := role_of(t)) in LABEL_ROLES or role in ("budget", "outcome"):
        return role
    kind = section_kind(t)
    return kind if kind in ("purpose", "outcome", "budget", "kpi") else None


@dataclass
class _Item:
    no: int
    title: list[str]
    at: int  # index of the heading line
    page: int
    pages: list[int] = field(default_factory=list)
    fields: dict[str, list[str]] = field(default_factory=dict)


def _lines(doc: Document) -> list[tuple[str, int]]:
    out = []
    for n, page in enumerate(doc.pages, 1):
        lines = [s for s in (ln.strip() for ln in page.split("\n")) if s]
        out += [(s, n) for i, s in enumerate(lines)
                if not _BROWSER.match(s) and not (PAGE_NO.match(s) and (i < 2 or i >= len(lines) - 2))]
    return out


def _items(lines: list[tuple[str, int]]) -> list[_Item]:
    """「(n)題名」 headings whose title (wrapped over at most three lines, ending in 事業) is followed by a label line."""
    out: list[_Item] = []
    for i, (s, page) in enumerate(lines):
        if not (m := _HEADING.match(s)):
            continue
        title = [m.group(2)]
        j = i + 1
        while j < len(lines) and j <= i + 2 and _label(lines[j][0]) is None and not title[-1].endswith("事業"):
            title.append(lines[j][0])
            j += 1
        if j < len(lines) and _label(lines[j][0]) and title[-1].endswith("事業"):
            out.append(_Item(int(m.group(1)), title, i, page, [page]))
    return out


class DefinitionListReader:
    name = "deflist"

    def detect(self, doc: Document) -> float:
        items = _items(_lines(doc))
        # (below the narrative reader's headings: a Word report's 「(1)」 items with prose under them are its)
        return 0.5 if len(items) >= 2 and len({x.no for x in items}) == len(items) else 0.0

    def read(self, doc: Document) -> ParsedReport:
        lines = _lines(doc)
        items = _items(lines)
        if not items or len({x.no for x in items}) != len(items):
            raise ReportError(doc.name, "no numbered headings 「(1)…事業」 with a label line under each")
        for a, b in zip(items, [*items[1:], None], strict=True):
            _fields(a, lines[a.at + len(a.title):b.at if b else len(lines)])
        where = _located(doc, lines, items)
        title, fy, city = guess_header(doc.pages)
        projects: list[Project] = []
        kpis: list[Kpi] = []
        problems: list[Problem] = []
        for it in items:
            segs = [(seg, [i for i, o in owners.items() if o is it]) for seg, owners in where]
            segs = [(seg, rows) for seg, rows in segs if rows]
            budget = _budget(it, [seg for seg, rows in segs if len(rows) == len(seg.rows)])
            if budget.why:
                problems.append(Problem(doc.name, f"project {it.no}: budget not read ({budget.why})"))
            own = [k for seg, rows in segs for k in _kpis(seg, rows, doc.name, it.no, fy)]
            if not own:
                problems.append(Problem(doc.name, f"project {it.no}: no KPI table read"))
            kpis += own
            for seg, rows in segs:
                it.pages += [p for i in rows if i < len(seg.pages) and (p := seg.pages[i]) not in it.pages]
            fields = {k: joined(v) for k, v in it.fields.items()}
            projects.append(project_of(doc.name, it.no, "".join(it.title), city, fields, budget,
                                       fields.get("purpose"), fields.get("outcome"), it.page, sorted(it.pages)))
        report = Report(doc.name, city, fy, eras.western(fy), title, doc.encoding, len(doc.pages), layout=self.name)
        return ParsedReport(report, tuple(projects), tuple(kpis), tuple(problems), doc.pages)


_SECTION_MARK = re.compile(r"^(?:[①-⑳■◆●○◇□▼]|[(（]\d{1,2}[)）]|\d{1,2}[.．)）]\s)")


def _fields(it: _Item, lines: list[tuple[str, int]]) -> None:
    """Each label line's value: the lines under it up to the next label line (a table's text stops nothing: its
    lines land in the 事業費 / KPI sections, which are read from the tables). A label's value is one line (a longer
    one is prose that mentions the label: not kept); a paragraph (目的, 主な取組) stops at a numbered or marked
    line."""
    role = None
    for s, page in lines:
        if page not in it.pages:
            it.pages.append(page)
        if (r := _label(s)) is not None:
            role = r
            it.fields.setdefault(role, [])
            continue
        if role is None or role in ("opinion", "kpi"):
            continue
        if _SECTION_MARK.match(s) or (re.search(r"[^\d\s][:：]\S", s) and role != "budget"):
            role = None
            continue
        it.fields[role].append(s)
    for role in LABEL_ROLES:
        if len(it.fields.get(role) or []) > 1:
            it.fields[role] = []


def _located(doc: Document, lines: list[tuple[str, int]], items: list[_Item]
             ) -> list[tuple[Segment, dict[int, _Item]]]:
    """Each table with the project of each of its rows: the one under whose heading the row's first cell is printed
    (a table continued on the next page may pass a heading: its rows are told apart). A row whose text is not found
    belongs to no project."""
    out: list[tuple[Segment, dict[int, _Item]]] = []
    for seg in doc.segments:
        owners: dict[int, _Item] = {}
        start = 0  # a row is printed after the one above it (「うち交付金」 of an earlier table is not this one's)
        for i, row in enumerate(seg.rows):
            anchor = next((clean(c) for c in row if len(clean(c)) >= 4), "")[:8]
            page = seg.pages[i] if i < len(seg.pages) else seg.first_page
            at = next((n for n in range(start, len(lines)) if lines[n][1] == page and anchor
                       and anchor in clean(lines[n][0])), None)
            if at is not None and (owner := next((it for it in reversed(items) if it.at <= at), None)):
                owners[i] = owner
                start = at
        out.append((seg, owners))
    return out


def _budget(it: _Item, segs: list[Segment]) -> Budget:
    """The 事業費 table by year (its unit from the 「（単位：千円）」 line above it), else the 事業費 section's sentences
    (「令和5年度決算額 38,412,000円（うち交付金 …）／令和6年度当初予算額 …」)."""
    text = it.fields.get("budget") or []
    for seg in segs:
        amounts, planned, unit, grant = budget_of(seg)
        if amounts:
            unit = unit or next((u for s in text if re.search(r"単位", s) and (u := money_unit(s, ""))), None)
            if unit is None:
                return Budget(why="an amount table without its unit")
            return Budget(amounts, planned, unit, grant=grant)
    if text:
        return budget_sentences(" ".join(text))
    return Budget(why="no 事業費 table or sentence")


def _kpis(seg: Segment, rows: list[int], report: str, no: int, fy: str | None) -> list[Kpi]:
    """One KPI a row (of the given rows); the 目標の方向 column (減少 / 増加) says the direction where it is printed."""
    cells = kpis_in_rows(seg.rows, seg.cols, rows, fy, seg.pages, seg.head)
    direction = next((c.index for c in seg.cols if "方向" in clean(c.header)), None)
    stated: dict[str, bool | None] = {}
    if direction is not None:
        for r in seg.rows:
            word = clean(r[direction]) if direction < len(r) else ""
            name = next((c for c in r if clean(c)), "")
            stated[clean(name)] = True if word in ("減少", "低減") else False if word in ("増加", "向上", "上昇") else None
    return [make_kpi(c, report, no, stated_lower=stated.get(clean(c.name))) for c in cells]
