"""Header-driven mapping of ruled tables: name each column by its header words, then read KPI and project cells.

Shared by the table layouts (summary table, 効果検証シート). Nothing here knows a template: a column is what its
header says (指標 / 目標値 / 実績値 / 達成率 / 単位 / 基準値 / 目標年月 / 年度 …), a row is what its label cell says
(目標値 / 実績値 / 達成率 rows under fiscal-year columns), and a value is kept only when its cell holds one clean
number.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .. import arith, eras
from ..reading import normalize, oku_man, parse_number
from ..records import Kpi, Number

Grid = list[list[str]]

# Most specific first: 実績額 is money, not an actual; 指標値 is a target; 目標年月 is a date.
ROLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((role, re.compile(p)) for role, p in (
    ("target_date", r"目標年月|達成時期|目標時期|目標年月日"),
    ("budget", r"事業費|実績額|経費|交付額|決算額|予算額|交付金額"),
    ("rate", r"達成率|達成度|進捗率"),
    ("baseline", r"基準値|現状値|策定時|当初値|事業開始前"),
    ("target", r"目標値|指標値|^目標$|目標\(|目標（"),
    ("actual", r"実績値|^実績$|実績\(|実績（"),
    ("unit", r"^単位$"),
    ("total", r"累計$|^合計$"),  # 「KPI増加分の累計」: a sum over the years, not the indicator
    ("kpi", r"指標名|^指標$|^指標\(|KPI|重要業績評価指標|成果指標|評価指標"),
    ("no", r"^(No\.?|NO\.?|番号|№|#|事業番号|事業No\.?|事業NO\.?)$"),
    ("title", r"事業名|事業の名称|事業名称"),
    ("grant", r"交付金の種類|交付金種別|交付金の名称|^交付金$|交付金区分"),
    ("department", r"担当課|担当部署|所管課|担当部局|^担当$|担当部課|^(?:お)?問(?:い)?(?:合わ?せ)?(?:先)?$"),
    ("period", r"事業期間|実施期間|計画期間|^期間$"),
    ("evaluation", r"事業の評価|^評価$|評価結果|有識者|事業効果|効果の評価|効果検証の結果|^(?:[市町村区]|協議会|委員会|推進会議)の評価$"),
    ("policy", r"今後の方針|^方針$|今後の対応|今後の取組|今後の方向性|^方向性$"),
    ("outcome", r"事業の成果|^成果$|事業成果|実施内容|取組内容|取組実績|主な取組|主な成果$|年度の実施状況$|^実施状況$"),
    ("label", r"^区分$|^項目$|^内訳$"),
))
SLOT_OF_LABEL = {"target": "target", "actual": "actual", "rate": "rate", "baseline": "baseline"}
_KPI_TITLE = re.compile(r"^(?:KPI|ＫＰＩ|成果指標|評価指標|指標)\s*[①-⑳\d]*\s*[:：.]?\s*(.*)$")
_MONEY_UNIT = re.compile(r"(百万円|千円|万円|円)")
_YEAR = re.compile(eras.ERA_YEAR + r"\s*(?:年度|n|年)?|(20\d\d|19\d\d)\s*年度?")
_PLANNED = re.compile(r"予定|見込|計画")
_PENDING = re.compile(r"集計中|調査中|未確定|未集計|公表待|算出中|未把握|確定前")
_DASH = re.compile(r"^[-ー―‐－—–−*＊/／]+$|^なし$|^該当なし$")
_VALUE = re.compile(r"^([△▲-]?[\d,]*\.?\d+)\s*([%％]|[^\d\s,.]{1,6})?$")
# Names that usually measure something to be reduced: with no printed rate the direction stays unknown.
_LOWER_CUES = re.compile(r"待機|待ち|削減|減少|事故|死亡|離職|不足|処理日数|所要|平均.{0,12}(時間|日数)|空き家数|廃業|未受診")


def clean(text: str | None) -> str:
    """A cell's text as compared: normalized, whitespace and line breaks removed."""
    if not text:
        return ""
    return re.sub(r"\s+", "", normalize(text))


MAX_LABEL_CHARS = 24  # a header or row label is short; a long cell is text even if it mentions 目標 or 基準値


def role_of(text: str) -> str | None:
    t = clean(text)
    if not t or len(t) > MAX_LABEL_CHARS:
        return None
    for role, pat in ROLE_PATTERNS:
        if pat.search(t):
            return role
    return None


def year_of(text: str) -> str | None:
    """The fiscal-year code a header cell names ("令和2年度" / "R2" / "2020年度" → "R2")."""
    t = clean(text)
    m = _YEAR.search(t) if len(t) <= MAX_LABEL_CHARS else None
    if not m:
        return None
    if m.group(3):
        return eras.from_western(int(m.group(3)))
    return eras.fy_code(m.group(1), m.group(2))


@dataclass(frozen=True)
class Column:
    index: int
    role: str | None  # a ROLE_PATTERNS name, "year" for a bare fiscal-year column, None when unknown
    year: str | None  # fiscal year named in the header, if any
    planned: bool  # header says 予定 / 見込
    unit: str | None  # money unit in the header (千円 / 円)
    header: str


def header_depth(grid: Grid, limit: int = 3) -> int:
    """Leading rows that read as headers: role or year words, and no cell that is a bare value."""
    depth = 0
    for row in grid[:limit]:
        cells = [clean(c) for c in row if clean(c)]
        if not cells:
            break
        if any(_is_value_cell(c) for c in cells):
            break
        if depth and year_of(cells[0]) and any(_DASH.match(c) for c in cells[1:]):
            break  # 「令和3年度 | － | － | － | 事業開始前」 under 「年度 | 目標値 | …」: a year's row, not a second header
        if not any(role_of(c) or year_of(c) or _KPI_TITLE.match(c) for c in cells):
            break
        depth += 1
    return depth


def _is_value_cell(c: str) -> bool:
    return bool(_VALUE.match(c)) and year_of(c) is None


def columns(grid: Grid, depth: int) -> list[Column]:
    """Name every column from its header cells (a sub-header names the column, the top cell adds year/unit)."""
    out = []
    width = max((len(r) for r in grid), default=0)
    # A header row that is one cell across the whole table is the table's title, not a column's name.
    named = [i for i in range(depth) if width < 2 or len({clean(c) for c in grid[i] if clean(c)}) > 1]
    for j in range(width):
        texts = [grid[i][j] if j < len(grid[i]) else "" for i in named]
        texts = list(dict.fromkeys(clean(t) for t in texts if clean(t)))
        role = None
        for t in reversed(texts):  # the lowest header row is the most specific
            role = role_of(t)
            if role:
                break
        joined = "".join(texts)
        year = next((y for t in texts if (y := year_of(t))), None)
        if role is None and year:
            role = "year"
        mu = _MONEY_UNIT.search(joined)
        out.append(Column(j, role, year, bool(_PLANNED.search(joined)), mu.group(1) if mu else None, joined))
    return out


def filled(table) -> Grid:
    """The table as a grid with each merged cell's text copied into every slot it spans ("" where empty)."""
    grid = [["" for _ in range(table.n_cols)] for _ in range(table.n_rows)]
    for c in table.cells:
        for i in range(c.row, min(c.row + c.rowspan, table.n_rows)):
            for j in range(c.col, min(c.col + c.colspan, table.n_cols)):
                grid[i][j] = c.text or ""
    return grid


@dataclass(frozen=True)
class Value:
    """One cell read as a value: kind "num", "pct", "dash", "pending", "empty" or "text"."""

    kind: str
    value: Number | None
    text: str
    suffix: str | None = None  # a unit written after the number ("120人")
    bound: str | None = None  # 以下 / 以上 / 未満 / 超 written after it (「5人以下」: a target to stay under)


_BOUND = re.compile(r"(以下|以上|未満|超)$")
_GRADE = re.compile(r"^[◎○◯●△▲×✕]\s+(?=[\d.])")  # 「○ 105.5%」: a grade mark beside the rate (「△312」 is a minus)


def read_value(cell: str) -> Value:
    t = clean(_GRADE.sub("", normalize(cell or "").strip()))
    if not t:
        return Value("empty", None, "")
    if _DASH.match(t):
        return Value("dash", None, t)
    if _PENDING.search(t):
        return Value("pending", None, t)
    bound = b.group(1) if (b := _BOUND.search(t)) and _VALUE.match(t[:b.start()]) else None
    m = _VALUE.match(oku_man(t[:b.start()] if bound else t))
    if not m:
        return Value("text", None, t)
    num = parse_number(m.group(1))
    if num is None:
        return Value("text", None, t)
    suffix = m.group(2)
    if suffix in ("%", "％"):
        return Value("pct", float(num), t, bound=bound)
    return Value("num", num, t, suffix, bound)


_YEAR_BRACKET = re.compile(r"\((?:令和|平成|R|H)(?:元|\d{1,2})(?:年度?)?\)$|\((?:19|20)\d\d年度?\)$")


def baseline_value(cell: str) -> Value:
    """A 基準値 cell, its year in brackets after it left out (「27（R3）」「1,284（令和2年度）」 → 27, 1,284)."""
    return read_value(_YEAR_BRACKET.sub("", clean(normalize(cell or ""))))


_FOOTNOTE = re.compile(r"(?:※\s*\d*|\*\d*|注\d+)+$")  # ※1, *1, ＊ (NFKC *), 注2


def strip_footnote(text: str) -> str:
    """"待機児童数※1" → "待機児童数": a footnote mark is a pointer, not part of the name."""
    return _FOOTNOTE.sub("", text)


_ARROW = re.compile(r"\([↓↑]\)$|[↓↑]$")  # 「空き店舗率（↓）」: a direction mark (the rate's arithmetic says which way)


def kpi_name(text: str) -> str:
    """A KPI name cell without footnote marks or a direction mark (「空き店舗率（↓）※1」 → 「空き店舗率」)."""
    return strip_footnote(_ARROW.sub("", strip_footnote(clean(text))))


def unit_from_name(name: str) -> tuple[str, str | None]:
    """"観光客数（人）" → ("観光客数", "人"): a short bracketed unit at the end of a KPI name."""
    n = kpi_name(name)
    m = re.search(r"\(([^()]{1,8})\)$", n)
    if m and not re.search(r"[\u4e00-\u9fff]{4,}|時点|\d+[年月日]", m.group(1)):  # 「（4月1日時点）」 is no unit
        return strip_footnote(n[: m.start()]), m.group(1)
    return n, None


@dataclass(frozen=True)
class KpiCells:
    """What a table says about one KPI in one fiscal year, before checking."""

    name: str
    unit: str | None
    year: str | None
    target: Value
    actual: Value
    rate: Value
    baseline: Value
    target_date: str | None
    page: int
    note: str | None = None  # the row's 備考 / 補足 cell, as printed


def make_kpi(c: KpiCells, report: str, project_no: int, stated_lower: bool | None = None) -> Kpi:
    """A checked KPI record: printed rates are verified by arithmetic, missing ones computed and marked so.
    `stated_lower`: the direction the report states beside the KPI (「目標の方向：減少」, a ▼ mark), which holds
    where the arithmetic cannot tell."""
    flags: list[str] = []
    if stated_lower is None and c.target.bound:
        stated_lower = c.target.bound in ("以下", "未満")  # 「5人以下」: the target is a ceiling
    unit = c.unit
    values: dict[str, Number | None] = {}
    for slot, v in (("target", c.target), ("actual", c.actual), ("baseline", c.baseline)):
        values[slot] = None
        if v.kind == "num":
            if v.suffix and unit and v.suffix != unit:
                flags.append(f"unit_conflict_{slot}")  # 120件 in a 人 column: keep nothing rather than guess
                continue
            unit = unit or v.suffix
            values[slot] = v.value
        elif v.kind == "pct" and (unit in (None, "%")):
            unit = "%"
            values[slot] = v.value
        elif v.kind == "pending":
            flags.append(f"pending_{slot}")
        elif v.kind in ("text", "pct"):
            flags.append("unparseable_value")
    t, a = values["target"], values["actual"]
    rate, rate_source, lower, printed_rate = _rate(c.rate, t, a, flags)
    if rate_source == "computed" and stated_lower and t is not None and a is not None:
        # a stated lower-is-better KPI with no rate printed: 目標÷実績, none when the actual is 0 (待機児童数 0人)
        rate = round(float(t) / float(a) * 100, 1) if a else None
        rate_source = "computed" if a else None
    for slot, v in (("target", t), ("actual", a)):
        if v is None:
            flags.append(f"missing_{slot}")
    if rate is None:
        flags.append("missing_rate")
    achieved: bool | None = None
    if rate_source == "printed":
        achieved = arith.achieved(rate)
    elif t is not None and a is not None and stated_lower is not None and rate_source != "printed":
        achieved = a <= t if stated_lower else a >= t  # the direction the report states decides
    elif rate_source == "computed" and t is not None and a is not None:
        if _LOWER_CUES.search(c.name):
            flags.append("direction_unknown")
        else:
            achieved = a >= t
            flags.append("direction_assumed_higher")
    # (an actual printed as 集計中 / 未確定 keeps that word: the answer says what the report says, not just "missing")
    printed = (c.target.text if t is not None else "",
               c.actual.text if a is not None or c.actual.kind == "pending" else "", printed_rate)
    # a KPI name never ends a clause: a 、 or 。 there is the neighbouring cell's line end caught by the PDF's boxes
    return Kpi(report=report, project_no=project_no, name=c.name.rstrip("、。,"), unit=unit, target=t, actual=a, rate=rate,
               fiscal_year=c.year, lower_is_better=stated_lower if lower is None else lower, achieved=achieved,
               note=c.note, page=c.page,
               flags=tuple(dict.fromkeys(flags)), printed=printed, baseline=values["baseline"],
               target_date=c.target_date or None, rate_source=rate_source)


def _rate(v: Value, t: Number | None, a: Number | None, flags: list[str]
          ) -> tuple[float | None, str | None, bool | None, str]:
    """(rate, source, lower_is_better, printed text) from a rate cell and the target and actual.

    A printed percentage is kept (flagged when the arithmetic disagrees); a bare number such as 1.05 is a ratio
    or a percentage, so it is kept only when the arithmetic says which; with no rate printed, 実績÷目標 is computed.
    """
    both = t is not None and a is not None
    if v.kind == "pct" and v.value is not None:
        rate = float(v.value)
        lower = None
        if both:
            d = arith.direction(float(t), float(a), rate, arith.decimals(v.text))
            if d is None:
                flags.append("rate_mismatch")
            lower = {arith.LOWER: True, arith.HIGHER: False}.get(d or "")
        return rate, "printed", lower, v.text
    if v.kind == "num" and v.value is not None:
        dec = arith.decimals(v.text)
        if both:
            for rate, d_dec in ((float(v.value) * 100, max(dec - 2, 0)), (float(v.value), dec)):
                d = arith.direction(float(t), float(a), rate, d_dec)
                if d is not None:
                    return round(rate, 6), "printed", {arith.LOWER: True, arith.HIGHER: False}.get(d), v.text
        flags.append("rate_unreadable")
        return None, None, None, ""
    if v.kind in ("text", "pending"):
        flags.append("rate_unreadable" if v.kind == "text" else "pending_rate")
    if both and (t < 0 or a < 0):
        flags.append("negative_values")  # △3 (a decrease): 実績÷目標 and 実績≥目標 say nothing sure about it
        return None, None, None, ""
    if both and t != 0:
        return round(float(a) / float(t) * 100, 1), "computed", None, ""
    return None, None, None, ""


EMPTY = Value("empty", None, "")


def fitting_rate(candidates: list[str], target: Value, actual: Value, lower: bool | None) -> Value:
    """The first of the printed rates (nearest first) that 実績÷目標 (or 目標÷実績 for a stated lower-is-better KPI)
    gives; EMPTY if none does — a rate printed apart from its values is taken only where its arithmetic fits."""
    if target.kind != "num" or actual.kind != "num" or not target.value or not actual.value:
        return EMPTY
    for r in candidates:
        d = arith.direction(float(target.value), float(actual.value), float(r.replace(",", "")), arith.decimals(r))
        if d is not None and (lower is None or (d == arith.LOWER) == lower):
            return read_value(r + "%")
    return EMPTY


def kpi_title(head: Grid) -> tuple[str, str | None] | None:
    """The KPI a grid is about when its name is printed above it (「KPI① 観光入込客数（人）」), else None."""
    for row in head:
        for c in dict.fromkeys(x for x in row if clean(x)):
            m = _KPI_TITLE.match(clean(c))
            if m and m.group(1) and role_of(m.group(1)) is None:
                return unit_from_name(m.group(1))
    return None


def _name_column(grid: Grid, rows: Sequence[int], cands: Sequence[Column]) -> Column | None:
    """The KPI column that holds the names: of 「KPI | 指標」 the one whose cells are not only labels (KPI①)."""
    def labels_only(c: Column) -> bool:
        cells = [clean(grid[i][c.index]) for i in rows if c.index < len(grid[i])]
        return any((m := _KPI_TITLE.match(x)) and not m.group(1) and x not in ("指標", "KPI") for x in cells)
    return next((c for c in cands if not labels_only(c)), cands[0] if cands else None)


def kpis_in_rows(grid: Grid, cols: Sequence[Column], rows: Sequence[int], default_year: str | None,
                 page_of_row: Sequence[int], head: Grid = ()) -> list[KpiCells]:
    """KPI cells of the given data rows, in any orientation the header allows.

    - column mode: one row a KPI; 目標値 / 実績値 / 達成率 columns, optionally per fiscal year (a year in the header);
    - row mode: a label column whose cells say 目標値 / 実績値 / 達成率, fiscal years as columns; a KPI spans rows;
    - year rows: one KPI named above the grid, one row per fiscal year, 目標値 / 実績値 / 達成率 columns.
    """
    if len(groups := kpi_column_groups(cols)) > 1:
        # KPI① | KPI② | KPI③ side by side (指標名 単位 目標値 実績値 達成率 each): each group read on its own, a row's
        # KPIs in the order of the groups
        return [k for i in rows for g in groups for k in kpis_in_rows(grid, g, [i], default_year, page_of_row, head)]
    by_role: dict[str, list[Column]] = {}
    for c in cols:
        by_role.setdefault(c.role or "", []).append(c)
    kpi_col = _name_column(grid, rows, by_role.get("kpi") or [])
    if kpi_col is None:
        return _year_rows(grid, cols, rows, page_of_row, head)
    unit_col = (by_role.get("unit") or [None])[0]
    base_col = (by_role.get("baseline") or [None])[0]
    date_col = (by_role.get("target_date") or [None])[0]
    label_col = (by_role.get("label") or [None])[0]
    year_cols = [c for c in cols if c.role == "year"]
    rate_col = next((c for c in cols if c.role == "rate" and c.year), None)
    out: list[KpiCells] = []

    def cell(i: int, c: Column | None) -> str:
        return grid[i][c.index] if c is not None and c.index < len(grid[i]) else ""

    def name_unit(i: int) -> tuple[str, str | None]:
        name, unit = unit_from_name(cell(i, kpi_col))
        u = clean(cell(i, unit_col)) or None
        if u and unit and unit != u:  # a unit column: 「歩行者通行量（休日）」's bracket is part of the name
            name = kpi_name(cell(i, kpi_col))
        return name, u or unit

    if year_cols and (label_col is not None or _has_slot_labels(grid, rows, cols)):
        lab = label_col or _slot_label_column(grid, rows, cols)
        groups: dict[tuple[str, str | None], dict[str, int]] = {}
        order: list[tuple[str, str | None]] = []
        for i in rows:
            name, unit = name_unit(i)
            slot = role_of(cell(i, lab)) if lab is not None else None
            if not name or slot not in SLOT_OF_LABEL:
                continue
            key = (name, unit)
            if key not in groups:
                groups[key] = {}
                order.append(key)
            groups[key].setdefault(slot, i)
        for key in order:
            g = groups[key]
            first = min(g.values())
            base = baseline_value(cell(first, base_col))
            if base.kind == "empty" and "baseline" in g:
                base = read_value(cell(g["baseline"], year_cols[0]))
            for year, ycs in itertools.groupby(year_cols, key=lambda c: c.year):
                # a cell spanning two columns of one year repeats in both; two different values: which is unknown
                per_col = [{s: cell(g[s], yc) if s in g else "" for s in ("target", "actual", "rate")} for yc in ycs]
                if any(v != per_col[0] for v in per_col):
                    continue
                vals = {s: read_value(t) if t else EMPTY for s, t in per_col[0].items()}
                if "rate" not in g and rate_col is not None and rate_col.year == year:
                    # 「達成率（令和4年度）」: a column beside the years, its cell spanning the KPI's rows
                    rates = {cell(i, rate_col) for i in g.values()}
                    vals["rate"] = read_value(rates.pop()) if len(rates) == 1 else EMPTY
                if all(v.kind in ("empty", "dash") for v in vals.values()):
                    continue
                if vals["target"].kind == "dash" and "target" in g:
                    continue  # a year before the KPI's first target (「－」): the table's history, not a record
                out.append(KpiCells(key[0], key[1], year, vals["target"], vals["actual"], vals["rate"], base,
                                    None, page_of_row[first]))
        return out
    slot_cols: dict[tuple[str, str | None], Column] = {}
    for c in cols:
        if c.role in ("target", "actual", "rate"):
            slot_cols.setdefault((c.role, c.year), c)
    named_years = {y for (_, y) in slot_cols if y}
    if len(named_years) == 1:  # 目標値（R4） | 実績値（R4） | 達成度: the one year's rate, its header naming no year
        (only,) = named_years
        for role in ("target", "actual", "rate"):
            if (role, None) in slot_cols and (role, only) not in slot_cols:
                slot_cols[(role, only)] = slot_cols.pop((role, None))
    years = sorted({y for (_, y) in slot_cols}, key=lambda y: (y is not None, eras.western(y) or 0))
    note_col = next((c for c in cols if clean(c.header) in ("備考", "補足", "備考欄", "特記事項")), None)
    for i in rows:
        name, unit = name_unit(i)
        if not name or role_of(name) in ("kpi", "target", "actual", "rate"):
            continue
        for y in years:
            t, a, r = (slot_cols.get((s, y)) for s in ("target", "actual", "rate"))
            if t is None and a is None:
                continue
            vals = [read_value(cell(i, c)) if c is not None else EMPTY for c in (t, a, r)]
            if all(v.kind in ("empty", "dash") for v in vals) and len(years) > 1:
                continue
            note = re.sub(r"\s+", "", normalize(cell(i, note_col))) or None if len(years) == 1 else None
            out.append(KpiCells(name, unit, y or default_year, vals[0], vals[1], vals[2],
                                baseline_value(cell(i, base_col)), clean(cell(i, date_col)) or None, page_of_row[i],
                                note))
    return out


_GROUP_ROLES = ("unit", "baseline", "target_date", "target", "actual", "rate")


def kpi_column_groups(cols: Sequence[Column]) -> list[list[Column]]:
    """KPI column groups repeated across a row (「KPI① 指標名 | 単位 | 目標値 | 実績値 | 達成率 | KPI② 指標名 | …」): each
    name column with the value columns up to the next name column. One group (or none) when the names do not repeat
    with their own target / actual columns (「KPI | 指標」 side by side is one name, not two groups)."""
    starts = [n for n, c in enumerate(cols) if c.role == "kpi"]
    if len(starts) < 2:
        return []
    groups = []
    for a, b in zip(starts, [*starts[1:], len(cols)], strict=True):
        own = [c for c in cols[a + 1:b] if c.role in _GROUP_ROLES]
        if not any(c.role in ("target", "actual") for c in own):
            return []
        groups.append([cols[a], *own])
    return groups if len(groups) > 1 else []


def _year_rows(grid: Grid, cols: Sequence[Column], rows: Sequence[int], page_of_row: Sequence[int],
               head: Grid) -> list[KpiCells]:
    titled = kpi_title(head)
    slots = {c.role: c for c in cols if c.role in ("target", "actual", "rate", "baseline")}
    if titled is None or not {"target", "actual"} <= slots.keys():
        return []
    year_col = next((c for c in cols if c.role not in slots and sum(1 for i in rows if year_of(grid[i][c.index]))
                     >= max(1, len(rows) * 0.6)), None)
    if year_col is None:
        return []
    name, unit = titled
    out = []
    for i in rows:
        y = year_of(grid[i][year_col.index])
        if y is None:
            continue
        vals = {s: read_value(grid[i][c.index]) if (c := slots.get(s)) else EMPTY for s in
                ("target", "actual", "rate", "baseline")}
        if all(v.kind in ("empty", "dash") for k, v in vals.items() if k != "baseline"):
            continue
        out.append(KpiCells(name, unit, y, vals["target"], vals["actual"], vals["rate"], vals["baseline"], None,
                            page_of_row[i]))
    return out


def _has_slot_labels(grid: Grid, rows: Sequence[int], cols: Sequence[Column]) -> bool:
    return _slot_label_column(grid, rows, cols) is not None


def _slot_label_column(grid: Grid, rows: Sequence[int], cols: Sequence[Column]) -> Column | None:
    """A column (other than years) whose cells are mostly 目標値 / 実績値 / 達成率: the row labels of a year grid."""
    for c in cols:
        if c.role == "year":
            continue
        labels = [role_of(grid[i][c.index]) for i in rows if c.index < len(grid[i]) and clean(grid[i][c.index])]
        hits = sum(1 for x in labels if x in ("target", "actual", "rate"))
        if labels and hits >= max(2, len(labels) * 0.6):
            return c
    return None


def money(cell: str) -> Value:
    """A budget cell: a number, or nothing (a unit may be written after it)."""
    v = read_value(cell)
    if v.kind == "num" and v.suffix and not _MONEY_UNIT.fullmatch(v.suffix):
        return Value("text", None, v.text)
    return v


def money_unit(header: str, cell: str) -> str | None:
    for text in (cell, header):
        if m := _MONEY_UNIT.search(clean(text)):
            return m.group(1)
    return None
