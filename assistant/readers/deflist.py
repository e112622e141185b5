"""Numbered headings with a definition list under each: a web page printed from a browser (or a Word document in
its style) — 「(1)題名」 wrapped over lines, then each label alone on a line with its value under it (担当課 / こども保育課,
事業期間 / 令和4年度から令和6年度まで, 交付金の種類, 事業の目的, 主な取組, 事業の評価, 今後の方針), and ruled tables for
the 事業費 by year and the KPIs (one row each, a 目標の方向 column saying 減少 or 増加).

A table belongs to the project under whose heading its first cell's text is printed; the browser's own header and
footer lines (the print date, the URL, n/5) are no part of any value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .. import eras
from ..errors import ReportError
from ..records import Kpi, ParsedReport, Problem, Project, Report
from .base import Document
from .blocks import LABEL_ROLES, Budget, budget_sentences, joined, labels, page_lines, project_of, section_kind
from .segments import Segment
from .sheet import budget_of
from .tables import (
    EMPTY,
    KpiCells,
    baseline_value,
    clean,
    fitting_rate,
    kpis_in_rows,
    make_kpi,
    money_unit,
    read_value,
    role_of,
    year_of,
)
from .text import guess_header

_HEADING = re.compile(r"^(?:[(（]\s*(\d{1,2})\s*[)）]|事業\s*(\d{1,2})(?=\s))\s*(\S.*)$")  # (1)題名, 事業1 題名
_BROWSER = re.compile(r"^\d{4}/\d{1,2}/\d{1,2}\s+\d{1,2}:\d{2}\s|^https?://\S+(\s+\d+/\d+)?$")  # a print's own lines
_LABEL_MAX = 16


def _label(line: str) -> str | None:
    """The field a line alone names (担当課 → department, 令和5年度の主な取組 → outcome, 事業費 → budget), else None; an
    opinion (外部有識者会議の主な意見) is a section of its own, no evaluation."""
    t = clean(line)
    if t and len(t) <= 30 and re.match(r"^(?:成果指標|重要業績評価指標)", t):
        return "kpi"  # 「成果指標(KPI)の達成状況(令和4年度)」: a section heading, longer than a label
    if not t or len(t) > _LABEL_MAX or re.search(r"\d{2,}|[。、]", re.sub(r"(令和|平成|R|H)\d{1,2}年度", "", t)):
        return None
    if "意見" in t:
        return "opinion"
    if section_kind(t) == "kpi" or re.match(r"^(?:成果指標|重要業績評価指標|KPI)", t):
        return "kpi"
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
    """(line, page) of every page without its page number and the browser's own header and footer lines (a heading
    printed again on the next page kept)."""
    return [(s, n) for s, n in page_lines(doc, running_headers=False) if not _BROWSER.match(s)]


def _items(lines: list[tuple[str, int]]) -> list[_Item]:
    """「(n)題名」 headings whose title (wrapped over at most three lines, ending in 事業) is followed by a label line."""
    out: list[_Item] = []
    for i, (s, page) in enumerate(lines):
        if not (m := _HEADING.match(s)):
            continue
        title = [m.group(3)]
        j = i + 1
        while j < len(lines) and j <= i + 2 and _label(lines[j][0]) is None and not title[-1].endswith("事業"):
            title.append(lines[j][0])
            j += 1
        if j < len(lines) and _label(lines[j][0]) and title[-1].endswith("事業"):
            out.append(_Item(int(m.group(1) or m.group(2)), title, i, page, [page]))
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
            own = [k for seg, rows in segs if _kpi_table(seg) for k in _kpis(seg, rows, doc.name, it.no, fy)]
            if not own:
                own = [make_kpi(c, doc.name, it.no, stated_lower=lower) for c, lower in _kpi_blocks(it, fy)]
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
    lines land in the 事業費 / KPI sections, which are read from the tables). A label's value is one line (or two
    when a bracket opened on the first closes on the second; longer is prose that mentions the label: not kept); a
    paragraph (目的, 主な取組) stops at a numbered or marked line; 「評価 … 今後の方針 …」 on one line is read as its
    pairs. The first value of a field stands (「課題・今後の取組」 after the 今後の方針 is no second policy)."""
    role = None
    for s, page in lines:
        if page not in it.pages:
            it.pages.append(page)
        if role == "kpi" and re.fullmatch(r"(?:KPI|指標)\s*[①-⑳\d]*", s):
            it.fields[role].append(s)  # 「KPI②」: the next block of the same section
            continue
        if (r := _label(s)) is not None:
            role = r if not it.fields.get(r) else None
            if role is not None:
                it.fields.setdefault(role, [])
            continue
        if (pairs := labels(s)) and all(r in ("evaluation", "policy") for r, _ in pairs):
            for r, value in pairs:
                it.fields.setdefault(r, [value])
            role = None
            continue
        if role is None or role == "opinion":
            continue
        if role != "kpi" and (_SECTION_MARK.match(s) or (re.search(r"[^\d\s][:：]\S", s) and role != "budget")):
            role = None
            continue
        it.fields[role].append(s)
    for role in LABEL_ROLES:
        value = it.fields.get(role) or []
        if len(value) == 2 and value[0].count("(") > value[0].count(")") and value[1].endswith(")"):
            it.fields[role] = ["".join(value)]  # 「…交付金(デ」 / 「ジタル実装タイプ)」: one value wrapped
        elif len(value) > 1:
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
            page = seg.pages[i] if i < len(seg.pages) else seg.first_page
            at = None
            # the row's longest cell printed on its page (「（千円）」 is in every panel; a long 備考 may be cut short)
            for anchor in sorted((clean(c)[:8] for c in row if len(clean(c)) >= 4), key=len, reverse=True):
                at = next((n for n in range(start, len(lines)) if lines[n][1] == page and anchor in clean(lines[n][0])),
                          None)
                if at is not None:
                    break
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
        head = clean(next((c for r in seg.head for c in r[:1]), ""))
        if role_of(head) == "budget" and len(seg.rows) == 1 and not role_of(clean(seg.rows[0][0])):
            # 「事業費 | 令和3年度（決算） | …」 over 「（千円） | 16,820 | …」: the label is the header's, the unit the row's
            seg = replace(seg, rows=[[head + clean(seg.rows[0][0]), *seg.rows[0][1:]]])
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


def _kpi_table(seg: Segment) -> bool:
    """A table with one KPI a row: 目標 and 実績 columns in its header."""
    roles = {c.role for c in seg.cols}
    return {"target", "actual"} <= roles


_BLOCK_NAME = re.compile(r"^(?P<lower>[↓▼]\s*)?(?P<name>.+?)\s*(?:基準値\s*[:：]?\s*(?P<base>\S+))?$")
_BLOCK_SLOT = re.compile(r"^(目標|実績)\s*([\d△▲-]\S*|集計中|調査中|未確定)$")
_BLOCK_RATE = re.compile(r"^(?:達成率\s*)?([\d.,]+)\s*%$")


def _kpi_blocks(it: _Item, fy: str | None) -> list[tuple[KpiCells, bool | None]]:
    """KPIs printed as small blocks in the KPI section's lines: 「KPI①」, 「観光入込客数 基準値：412千人（R2）」,
    「目標 480千人」, 「実績 503千人」, 「達成率」 「104.8%」 (↓ before the name: lower is better); the rate is kept
    only where its arithmetic fits."""
    year = next((y for s in it.fields.get("kpi") or [] if (y := _section_year(s))), None) or fy
    out: list[tuple[KpiCells, bool | None]] = []
    block: list[str] = []
    for s in [*(it.fields.get("kpi") or []), "KPI"]:
        if re.fullmatch(r"(?:KPI|指標)\s*[①-⑳\d]*", s):
            if got := _block(block, year, it.page):
                out.append(got)
            block = []
            continue
        block.append(s)
    return out


def _section_year(line: str) -> str | None:
    m = re.search(r"[(（]((?:令和|平成|R|H)(?:元|\d{1,2})年度)[)）]$", line)
    return year_of(m.group(1)) if m else None


def _block(lines: list[str], year: str | None, page: int) -> tuple[KpiCells, bool | None] | None:
    if not lines or not (m := _BLOCK_NAME.match(lines[0])) or _BLOCK_SLOT.match(lines[0]):
        return None
    slots = {sm.group(1): sm.group(2) for s in lines[1:] if (sm := _BLOCK_SLOT.match(s))}
    rates = [rm.group(1) for s in lines[1:] if (rm := _BLOCK_RATE.match(s))]
    if "目標" not in slots or "実績" not in slots or read_value(slots["目標"]).kind != "num":
        return None
    lower = True if m.group("lower") else None
    target = read_value(slots["目標"])
    actual = read_value(slots["実績"])
    base = m.group("base")
    baseline = baseline_value(base) if base else EMPTY
    rate = fitting_rate(rates, target, actual, lower)
    return KpiCells(name=m.group("name").strip(), unit=None, year=year, target=target, actual=actual, rate=rate,
                    baseline=baseline, target_date=None, page=page), lower
