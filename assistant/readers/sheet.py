"""効果検証シート: one sheet per project (事業名 / 担当課 / 事業期間 / 交付金, 事業費 by year, a KPI grid over fiscal
years, then 事業の成果 / 事業の評価 / 今後の方針), read from its ruled tables by their labels."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from .. import eras
from ..errors import ReportError
from ..reading import normalize
from ..records import Kpi, Number, ParsedReport, Problem, Project, Report
from .base import Document
from .blocks import Budget, budget_sentences, kpi_year_blocks
from .columns import is_side_by_side
from .segments import Segment, split_grant, text_of
from .tables import (
    EMPTY,
    KpiCells,
    clean,
    kpi_name,
    kpi_title,
    kpis_in_rows,
    make_kpi,
    money,
    money_unit,
    read_value,
    role_of,
    unit_from_name,
    year_of,
)
from .text import guess_header

_FIELDS = ("title", "department", "period", "grant", "evaluation", "policy", "outcome")


@dataclass
class _Sheet:
    fields: dict[str, str] = field(default_factory=dict)
    segs: list[Segment] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)


def _pairs(seg: Segment) -> list[tuple[str, str]]:
    """(role, text) from label/value cells: `事業名 | ○○` side by side, or a label row above a text row."""
    out: list[tuple[str, str]] = []
    rows = seg.head + seg.rows
    for i, row in enumerate(rows):
        cells = list(dict.fromkeys(c for c in row if clean(c)))
        for a, b in itertools.pairwise(cells):
            ra = role_of(a)
            if ra in _FIELDS and role_of(b) is None:
                out.append((ra, b))
        if len(cells) == 1 and (ra := role_of(cells[0])) in _FIELDS and i + 1 < len(rows):
            nxt = list(dict.fromkeys(c for c in rows[i + 1] if clean(c)))
            if len(nxt) == 1 and role_of(nxt[0]) is None:
                out.append((ra, nxt[0]))
    return out


_GRANT_ROW = re.compile(r"^(?:うち|内)\s*(?:国の)?交付金(?:額)?(?:\([^()]*\))?$")  # 「うち交付金（千円）」: the grant's share


def _grant_row(seg: Segment, years: list, after: int) -> list[tuple[str, Number]]:
    """The うち交付金 row right under the 事業費 row: the grant's share of each year (one value per year)."""
    out: list[tuple[str, Number]] = []
    row = seg.rows[after] if after < len(seg.rows) else []
    heads = row[:min(c.index for c in years)]  # (「事業費（単位：千円） | うち交付金 | 9,210 …」: a spanning label first)
    if not any(_GRANT_ROW.match(clean(c).replace(" ", "")) for c in heads):
        return out
    for year, cols in itertools.groupby(years, key=lambda c: c.year):
        cells = {row[c.index] if c.index < len(row) else "" for c in cols}
        if len(cells) == 1 and (v := money(cells.pop())).kind == "num":
            out.append((year, v.value))
    return out


def budget_of(seg: Segment) -> tuple[list[tuple[str, Number | None]], list[str], str | None, list[tuple[str, Number]]]:
    """Budget by fiscal year from a table with year columns and a 事業費 row (years marked 予定 kept as planned), with
    the うち交付金 row under it where there is one."""
    years = [c for c in seg.cols if c.year and c.role in ("year", None)]
    if not years:
        return [], [], None, []
    for at, row in enumerate(seg.rows):
        label = next((c for c in row if clean(c)), "")
        if role_of(label) != "budget":
            continue
        out: list[tuple[str, Number | None]] = []
        planned: list[str] = []
        first_year = min(c.index for c in years)
        unit = (money_unit(label, "") or next((u for c in row[:first_year] if (u := money_unit(c, ""))), None)
                or next((c.unit for c in seg.cols if c.unit), None))  # (「事業費 | 事業費（千円） | 12,800」)
        for year, cols in itertools.groupby(years, key=lambda c: c.year):
            cols = list(cols)
            cells = {row[c.index] if c.index < len(row) else "" for c in cols}
            if len(cells) > 1:
                continue  # a cell spanning two columns of one year repeats; two different amounts: which is unknown
            cell = cells.pop()
            v = money(cell)
            if v.kind != "num":
                continue  # 「－」: nothing spent that year, no amount to show
            out.append((year, v.value))
            if any(c.planned for c in cols) or "予定" in cell or any("予算" in c.header and "決算" not in c.header
                                                                   for c in cols):
                planned.append(year)
            unit = unit or money_unit("", cell)
        return out, planned, unit, _grant_row(seg, years, at + 1)
    return [], [], None, []


_SETTLED = re.compile(r"^(?P<year>(?:令和|平成|R|H)(?:元|\d{1,2})年度)決算額?(?:\(単位:(?P<unit>百万円|千円|万円|円)\))?$")
_REFERENCE = re.compile(r"^(?:\(参考\))?(?P<year>(?:令和|平成|R|H)(?:元|\d{1,2})年度)(?:当初)?予算額?$")


def _settlement(seg: Segment) -> tuple[list[tuple[str, Number | None]], list[str], str | None]:
    """A 主要な施策の成果 sheet's budget: 「令和4年度決算（単位：千円） | 決算額 | 財源内訳 (国庫支出金 …)」 with the amount
    under 決算額 a row or two below, and 「（参考）令和5年度当初予算額 | 10,400」 (planned, in the block's unit). The
    財源内訳 columns are not read as the grant's share: a 国庫支出金 may hold other grants too."""
    rows = [*seg.head, *seg.rows]
    for i, row in enumerate(rows):
        cells = [clean(c) for c in row]
        label = next((c for c in cells if c), "")
        if not (m := _SETTLED.match(label)) or "決算額" not in cells or not m.group("unit"):
            continue
        col = cells.index("決算額")
        below = [r for r in rows[i + 1:i + 4] if clean(r[0]) in ("", label)]  # the block's own rows
        amounts = [v for r in below if col < len(r) and (v := money(r[col])).kind == "num"]
        if len(amounts) != 1 or (year := year_of(m.group("year"))) is None:
            return [], [], None
        out: list[tuple[str, Number | None]] = [(year, amounts[0].value)]
        planned: list[str] = []
        for r in rows[i + 1:i + 6]:
            ref = [clean(c) for c in r if clean(c)]
            if ref and (rm := _REFERENCE.match(ref[0])) and len(ref) >= 2 and (v := money(ref[1])).kind == "num":
                if (ry := year_of(rm.group("year"))) and ry != year:
                    out.append((ry, v.value))
                    planned.append(ry)
                break
        return out, planned, m.group("unit")
    return [], [], None


# 「No.1 2款 総務費 1項 総務管理費 6目 企画費 【企画政策課】」: a sheet's heading line naming its section in brackets
_HEADED = re.compile(r"^No\.?\s*(\d{1,2})\s.*【([^【】]{2,14}?(?:課|室|局|部|所|センター))】$")


def _headed_department(doc: Document, page: int, no: int) -> str | None:
    """The section the heading line above sheet `no` names (on its first page), where the number printed is `no`."""
    text = doc.pages[page - 1] if 0 < page <= len(doc.pages) else ""
    found = {m.group(2) for line in text.splitlines() if (m := _HEADED.match(normalize(line).strip()))
             and int(m.group(1)) == no}
    return found.pop() if len(found) == 1 else None


def _budget_cell(segs: list[Segment]) -> Budget | None:
    """「事業費 | 令和4年度決算額 2,860万円 令和5年度決算額 3,512万円（うち交付金 …）令和6年度当初予算額 3,400万円」: the
    years' amounts written in the one cell beside the 事業費 label (budget_sentences: one unit, or none)."""
    for seg in segs:
        for row in (*seg.head, *seg.rows):
            cells = list(dict.fromkeys(c for c in row if clean(c)))
            if len(cells) == 2 and role_of(cells[0]) == "budget" and (b := budget_sentences(cells[1])).amounts:
                return b
    return None


def _year_blocks(doc: Document, sheets: list, sh, no: int) -> list[Kpi]:
    """KPIs each named above a small table of its years (「KPI① 名称」 / 「単位：人 … 目標の方向：減少」 / 「年度 目標値 実績値
    達成率」), read from the text of the sheet's own pages (a page another sheet shares is left out: whose KPI a block
    is would be a guess); the direction the block states holds where the arithmetic cannot tell."""
    shared = {pg for other in sheets if other is not sh for pg in other.pages}
    lines = [(s, pg) for s, pg in doc.lines if pg in set(sh.pages) - shared]
    return [make_kpi(cells, doc.name, no, lower) for cells, lower in kpi_year_blocks(lines)]


_LABEL = re.compile(r"^(?:KPI|指標)\s*([0-9]{1,2}|[①-⑳])(?:\([^()]*\))?$")  # KPI1, KPI1(人/日): a label, no name


def _label_key(text: str) -> str | None:
    """「KPI1（人/日）」「KPI1」「指標①」 → "1"; None for any other cell."""
    m = _LABEL.match(clean(text))
    if not m:
        return None
    g = m.group(1)
    return str(ord(g) - 0x2460 + 1) if "①" <= g <= "⑳" else g


def _kpi_labels(segs: list[Segment]) -> dict[str, tuple[str, str | None, str]]:
    """A sheet's KPI definitions 「区分 | 指標名 | 単位 | … | 基準値」 with rows KPI1 / KPI2: label → (name, unit,
    baseline cell), for a history grid that prints only the labels."""
    out: dict[str, tuple[str, str | None, str]] = {}
    for seg in segs:
        rows = seg.head + seg.rows
        head = next((r for r in rows if any(role_of(c) == "kpi" and "名" in clean(c) for c in r)), None)
        if head is None:
            continue
        name_at = next(i for i, c in enumerate(head) if role_of(c) == "kpi" and "名" in clean(c))
        unit_at = next((i for i, c in enumerate(head) if role_of(c) == "unit"), None)
        base_at = next((i for i, c in enumerate(head) if role_of(c) == "baseline"), None)
        for r in rows:
            if r and (key := _label_key(r[0])) and name_at < len(r) and clean(r[name_at]):
                out.setdefault(key, (kpi_name(r[name_at]), clean(r[unit_at]) or None if unit_at is not None else None,
                                     r[base_at] if base_at is not None and base_at < len(r) else ""))
    return out


def _grouped_year_grid(seg: Segment, labelled: dict[str, tuple[str, str | None, str]],
                       fy: str | None) -> list[KpiCells] | None:
    """「指標の推移」: a row per fiscal year, a 目標 | 実績 column pair per KPI headed by its label (KPI1（人/日）) and a
    closing 達成率（R4） row. Each label is named from the sheet's KPI definitions (no name: not read); a year
    without a printed target is history, not a record. None when the grid is not of this shape."""
    groups: dict[str, dict[str, int]] = {}
    for c in seg.cols:
        key = _label_key(seg.head[0][c.index] if seg.head and c.index < len(seg.head[0]) else "")
        if key and c.role in ("target", "actual"):
            groups.setdefault(key, {})[c.role] = c.index
    if not groups or any(set(g) != {"target", "actual"} for g in groups.values()) or not set(groups) & set(labelled):
        return None
    out: list[KpiCells] = []
    rate_rows = [(y, r) for r in seg.rows if r and re.match(r"^(達成率|達成度|達成状況)", clean(r[0]))
                 and (y := year_of(r[0]))]
    for key, g in groups.items():
        if key not in labelled:
            continue
        name, unit, base = labelled[key]
        head = seg.head[0][g["target"]] if seg.head else ""
        unit = unit or unit_from_name(head)[1]
        for i, r in enumerate(seg.rows):
            y = year_of(r[0]) if r else None
            if y is None or re.match(r"^(達成率|達成度|達成状況)", clean(r[0])):
                continue
            target, actual = read_value(r[g["target"]]), read_value(r[g["actual"]])
            if target.kind in ("dash", "empty"):
                continue  # history before the first target year
            rate = next((read_value(rr[g["target"]]) for ry, rr in rate_rows if ry == y), EMPTY)
            out.append(KpiCells(name, unit, y, target, actual, rate, read_value(re.sub(r"\(.*?\)$", "", clean(base))),
                                None, seg.pages[i] if i < len(seg.pages) else seg.first_page))
    return out


def _by_number(seg: Segment) -> bool:
    """A KPI table listing every project's KPIs in rows keyed by a 事業番号 column."""
    roles = {c.role for c in seg.cols}
    return {"no", "kpi"} <= roles and bool(roles & {"target", "actual"})


def _rows_by_number(seg: Segment) -> dict[int, list[int]]:
    """Rows of a 事業番号-keyed KPI table by project number. A row with a blank number continues the group above
    only where the table prints the number once per group; where it prints it on every row of a group (a merged
    cell), a blank is a cell the PDF lost, and the row is left out rather than given to the project above."""
    col = next(c for c in seg.cols if c.role == "no")
    nums = [clean(r[col.index]) if col.index < len(r) else "" for r in seg.rows]
    merged = any(a and a == b for a, b in itertools.pairwise(nums))
    out: dict[int, list[int]] = {}
    cur: int | None = None
    for i, n in enumerate(nums):
        if re.fullmatch(r"\d{1,2}", n):
            cur = int(n)
        elif n or merged:
            cur = None
        if cur is not None:
            out.setdefault(cur, []).append(i)
    return out


class SheetReader:
    name = "sheet"

    def detect(self, doc: Document) -> float:
        segs = doc.segments
        named = sum(1 for s in segs if any(r == "title" for r, _ in _pairs(s)))
        grids = any(any(c.role == "kpi" for c in s.cols) or kpi_title(s.head) for s in segs)
        return 0.9 if named and grids else (0.5 if named else 0.0)

    def read(self, doc: Document) -> ParsedReport:
        if any(is_side_by_side(seg) for seg in doc.segments):
            # 「事業期間 | 令和4年度〜令和6年度 | 令和3年度〜令和5年度 | …」: projects as columns, one row per field — a
            # sheet's label/value pairs would mix the projects' values (precision first: not read as sheets)
            raise ReportError(doc.name, "projects side by side in columns (a field per row): not one sheet per project")
        sheets: list[_Sheet] = []
        for seg in doc.segments:
            pairs = _pairs(seg)
            if any(r == "title" for r, _ in pairs):
                sheets.append(_Sheet())  # a 事業名 starts the next project's sheet
            if not sheets:
                continue  # tables before the first 事業名 belong to no project
            sh = sheets[-1]
            for role, text in pairs:
                sh.fields.setdefault(role, text)
            sh.segs.append(seg)
            sh.pages.extend(p for p in dict.fromkeys(seg.pages or [seg.first_page]) if p not in sh.pages)
        sheets = [s for s in sheets if "title" in s.fields]
        if not sheets:
            raise ReportError(doc.name, "no 効果検証シート (a 事業名 label with its value) found")
        title, fy, city = guess_header(doc.pages)
        problems: list[Problem] = []
        projects: list[Project] = []
        kpis: list[Kpi] = []
        for no, sh in enumerate(sheets, start=1):
            budget: list = []
            planned: list[str] = []
            unit = None
            grant: list = []
            for seg in sh.segs:
                b, pl, u, g = budget_of(seg)
                if b and not budget:
                    budget, planned, unit, grant = b, pl, u, g
            for seg in sh.segs if not budget else ():
                b, pl, u = _settlement(seg)
                if b and not budget:
                    budget, planned, unit = b, pl, u
            if not budget and (b := _budget_cell(sh.segs)):
                budget, planned, unit, grant = b.amounts, b.planned, b.unit, b.grant
            if budget and unit is None:
                # 「事業費（単位：千円）」 as the form's row label, the year table beside it printing no unit
                unit = next((u for seg in sh.segs for row in seg.rows for c in row[:1]
                             if role_of(clean(c)) == "budget" and (u := money_unit(c, ""))), None)
            labelled = _kpi_labels(sh.segs)
            for seg in sh.segs:
                if _by_number(seg):
                    continue  # a KPI table of every project, keyed by 事業番号: read below, not as this sheet's
                grouped = _grouped_year_grid(seg, labelled, fy)
                cells = grouped if grouped is not None else kpis_in_rows(seg.rows, seg.cols, range(len(seg.rows)), fy,
                                                                         seg.pages, seg.head)
                kpis.extend(make_kpi(c, doc.name, no) for c in cells)
            f = {k: text_of(v) for k, v in sh.fields.items()}
            program, gtype = split_grant(f.get("grant"))
            period = eras.parse_period(f["period"]) if f.get("period") else None
            pages = tuple(sorted(sh.pages)) or (1,)
            if not f.get("department"):
                f["department"] = _headed_department(doc, pages[0], no)
            projects.append(Project(
                report=doc.name, no=no, title=clean(sh.fields["title"]), cities=(city,) if city else (),
                department=f.get("department"),
                period=eras.period_display(period[1], period[2]) if period else None,
                period_raw=period[0] if period else None, purpose=None, grant_program=program, grant_type=gtype,
                budget=tuple(budget), budget_unit=unit, activities=(), notes=(), page=pages[0], pages=pages,
                budget_planned=tuple(planned), evaluation=f.get("evaluation"), policy=f.get("policy"),
                outcome=f.get("outcome"), budget_grant=tuple(grant)))
            if not any(k.project_no == no for k in kpis):
                kpis += _year_blocks(doc, sheets, sh, no)
            if not any(k.project_no == no for k in kpis):
                problems.append(Problem(doc.name, f"project {no} 「{projects[-1].title}」: no KPI grid read"))
        keyed = {id(seg): seg for sh in sheets for seg in sh.segs if _by_number(seg)}
        for seg in keyed.values():
            for n, rows in _rows_by_number(seg).items():
                if 1 <= n <= len(projects):  # (a number no sheet has: not given to any project)
                    cells = kpis_in_rows(seg.rows, seg.cols, rows, fy, seg.pages)
                    kpis.extend(make_kpi(c, doc.name, n) for c in cells)
        if keyed:
            have = {k.project_no for k in kpis}
            problems = [x for x in problems if not (x.message.endswith("no KPI grid read")
                                                    and int(x.message.split()[1]) in have)]
        if fy is None:
            years = sorted({k.fiscal_year for k in kpis if k.fiscal_year and k.actual is not None},
                           key=lambda y: eras.western(y) or 0)
            fy = years[-1] if years else None
        report = Report(doc.name, city, fy, eras.western(fy), title, doc.encoding, len(doc.pages), layout=self.name)
        return ParsedReport(report, tuple(projects), tuple(kpis), tuple(problems), doc.pages)
