"""Line-level pieces shared by the readers of one-heading-per-project reports (project cards, narrative reports,
Q&A forms): the page's lines without running headers, label lines (「所管課 企画課 実施期間 令和3年度~令和5年度」),
section headings (「◇事業費の状況」「② 事業費」), budgets (a row or a column per fiscal year, or sentences), KPIs (a
table with a row or a column per indicator, bullets and sentences: 「・名称:目標 650千人 → 実績 488千人(達成率
75.1%)」), check boxes, and the Project they make (project_of).

Everything here keeps precision first: a KPI row whose cells do not line up with its header is kept by name only,
a budget whose units disagree is not kept, and each KPI still goes through tables.make_kpi's arithmetic check.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .. import eras
from ..reading import normalize, oku_man
from ..records import Number, Project
from .base import Document
from .segments import split_grant
from .tables import (
    EMPTY,
    KpiCells,
    Value,
    clean,
    kpi_name,
    money,
    money_unit,
    read_value,
    role_of,
    strip_footnote,
    year_of,
)

Line = tuple[str, int]  # (text, page)

PAGE_NO = re.compile(r"^[-－—–‐ー]?\s*\d{1,3}\s*[-－—–‐ー]?$|^\d{1,3}\s*/\s*\d{1,3}$|^p\.?\s*\d+$|^\d{1,3}\s*ページ$",
                     re.I)
LABEL_ROLES = ("department", "period", "grant", "evaluation", "policy")
_MARKED = re.compile(r"^[◇◆■□●○▼▽◎]\s*(\S.*)$")  # ◇事業費の状況
_CIRCLED = re.compile(r"^([①-⑳])\s*(\S.*)$")  # ② 事業費
_PAREN = re.compile(r"^\(([^()]*)\)$")
_STATUS = re.compile(r"^\(?(?:未?達成|概ね達成|達成済み?|○|×|△)\)?$")
_PLANNED = re.compile(r"計画|予定|見込|当初予算|予算額|予算計上|計上")


def page_lines(doc: Document, running_headers: bool = True) -> list[Line]:
    """(line, page) of every non-empty line, without page numbers and without the running header: the line that
    opens (before or after the page number) at least two pages and half of them, also where page 1 prints it.
    `running_headers=False` keeps such lines (a slide or section continued on the next page prints its heading
    again, which is no running header)."""
    openers: Counter[str] = Counter()
    for page in doc.pages if running_headers else ():
        first = next((s for s in (ln.strip() for ln in page.split("\n")) if s and not PAGE_NO.match(s)), None)
        if first:
            openers[first] += 1
    running = {s for s, n in openers.items() if n >= 2 and n * 2 >= len(doc.pages) - 1}
    out = []
    for n, page in enumerate(doc.pages, start=1):
        lines = [s for s in (ln.strip() for ln in page.split("\n")) if s]
        for i, s in enumerate(lines):
            # a page number stands at the top or the foot of its page (a lone 120 inside is a table cell)
            if (PAGE_NO.match(s) and (i < 3 or i >= len(lines) - 2)) or s in running:
                continue
            out.append((s, n))
    return out


def labels(line: str) -> list[tuple[str, str]]:
    """「所管課 企画課 実施期間 令和3年度~令和5年度」 → [("department", "企画課"), ("period", "令和3年度~令和5年度")];
    「担当課:商工労政課 事業期間:令和2年度~令和3年度」 and 「【期間】令和3～5年度 【交付金】…」 the same. Nothing unless the
    line opens with a label."""
    line = re.sub(r"【([^】]{1,10})】\s*", r" \1:", line).strip()  # 【期間】令和3～5年度 【交付金】…: labels in brackets
    line = re.sub(r"^[・･]\s*(?=[^:\s]{2,8}:)", "", line)  # 「・担当課：商工観光課」: a label as a bullet
    words: list[str] = []
    for w in line.split():
        m = re.match(r"^([^:]{2,8}?):(.*)$", w)
        if m and role_of(m.group(1)) in LABEL_ROLES:
            words += [m.group(1), *([m.group(2)] if m.group(2) else [])]
        else:
            words.append(w)
    out: list[tuple[str, list[str]]] = []
    for w in words:
        # 「代表団体 茜ヶ浦町 担当課 商工観光課」: the member towns of a joint project, a pair like the others
        label = w.rstrip(":")
        role = ("lead" if label in ("代表団体", "代表自治体") else "members" if label in ("連携団体", "連携自治体")
                else role_of(label))
        if (role in LABEL_ROLES or role in ("lead", "members")) and (not out or out[-1][1]):
            out.append((role, []))
        elif out:
            out[-1][1].append(w)
        else:
            return []
    return [(role, " ".join(v)) for role, v in out if v]


def section_heading(line: str) -> str | None:
    """The kind of a section heading line (「◇事業費の状況」「② 事業費」 → "budget"), else None."""
    m = _MARKED.match(line) or _CIRCLED.match(line)
    if not m or len(m.group(m.lastindex or 1)) > 30 or "。" in line:
        return None
    return section_kind(m.group(m.lastindex or 1))


def section_kind(heading: str) -> str:
    h = re.sub(r"\([^()]*\)", "", heading)
    role = role_of(h)
    if role == "kpi" or re.search(r"KPI|指標", heading):
        return "kpi"
    if role == "budget" or "事業費" in heading:
        return "budget"
    if re.search(r"評価|方針", h):
        return "evaluation"
    if role == "outcome" or re.search(r"成果|取組実績|取組状況|実施内容|実施状況|取り?組み?$", heading):
        return "outcome"
    if re.search(r"概要|目的", heading):
        return "purpose"
    return "other"


def joined(lines: list[str] | None) -> str | None:
    """Lines of one paragraph wrapped by the PDF, joined without the line breaks."""
    return "".join(lines).strip() or None if lines else None


# ---- budgets ----

@dataclass
class Budget:
    amounts: list[tuple[str, Number | None]] = field(default_factory=list)
    planned: list[str] = field(default_factory=list)
    unit: str | None = None
    why: str | None = None  # why nothing was read, when nothing was
    grant: list[tuple[str, Number]] = field(default_factory=list)  # うち交付金 of a year, in the same unit


def budget_rows(lines: list[str]) -> Budget | None:
    """A table with a row per fiscal year: 「年度 事業費(千円) うち交付金(千円) 備考」 then 「令和3年度 8,420 4,210
    決算額」. The amount is the cell under the 事業費 header; a year cell with (計画) or a 備考 of 計画額 /
    当初予算額 marks the year planned; 合計 rows are skipped. None when the lines are not such a table."""
    head_at = next((i for i, s in enumerate(lines) if (w := s.split()) and w[0] in ("年度", "区分", "年 度")
                    and any(role_of(x) == "budget" for x in w[1:])), None)
    if head_at is None:
        return None
    head = lines[head_at].split()
    col = next(i for i, x in enumerate(head) if role_of(x) == "budget")
    note_col = next((i for i, x in enumerate(head) if x in ("備考", "摘要")), None)
    grant_col = next((i for i, x in enumerate(head) if i != col and re.match(r"^(うち)?(国の)?交付金(額)?\b|^うち交付金", x)), None)
    out = Budget(unit=money_unit(head[col], ""))
    same_unit = grant_col is not None and money_unit(head[grant_col], "") in (None, out.unit)
    for s in lines[head_at + 1:]:
        cells = s.split()
        if not cells or cells[0] in ("合計", "計", "累計", "総額"):
            continue
        year = year_of(cells[0]) if re.match(r"^(令和|平成|R|H|20\d\d)", cells[0]) else None
        if year is None:
            break
        if len(cells) < col + 1 or (note_col is not None and len(cells) > len(head)):
            return Budget(unit=out.unit, why=f"row {s!r} does not line up with the header")
        v = money(cells[col])
        if v.kind not in ("num", "dash"):
            return Budget(unit=out.unit, why=f"amount {cells[col]!r} unreadable")
        out.amounts.append((year, v.value if v.kind == "num" else None))
        if same_unit and len(cells) > grant_col and (g := money(cells[grant_col])).kind == "num":
            out.grant.append((year, g.value))  # the うち交付金 column of the same row
        note = cells[note_col] if note_col is not None and len(cells) > note_col else ""
        if re.search(r"\((計画|予定|見込)", cells[0]) or (_PLANNED.search(note) and "決算" not in note):
            out.planned.append(year)
    if not out.amounts:
        out.why = "no year row under the budget header"
    return out


_MARK = re.compile(r"^\(?(予定|見込|計画|当初予算|予算|決算|実績|当初)\)?$")
_YEAR_MARKED = re.compile(r"^((?:令和|平成|R|H)(?:元|\d{1,2})(?:年度)?)(\((?:予定|見込|計画|当初予算|予算|決算|実績)\))$")


def budget_columns(lines: list[str]) -> Budget:
    """A table with a column per fiscal year: 「年度 R3 R4 (予定)」 or 「区分 令和4年度 (決算) 令和6年度 (予算) 合計」
    (its header may wrap) then 「事業費 8,000 9,500」. A (予定) / (予算) under a year marks it planned; a 合計
    column's amount is left out; nothing when the counts still differ (a value is never matched to a year by
    guess). The first line may be the section heading, naming the unit (「(2)事業費の推移 (単位:千円)」)."""
    if not lines:
        return Budget()
    out = Budget(unit=money_unit(lines[0], ""))
    years: list[str] = []
    total_at: int | None = None
    amounts: list[str] | None = None
    grant: list[str] | None = None
    in_header = False
    for line in lines:
        # 「R6（当初予算）」 in one cell: the year, then its mark
        words = [x for w in normalize(line).split() for x in _YEAR_MARKED.sub(r"\1 \2", w).split()]
        if not words:
            continue
        if words[0] in ("年度", "区分") or (words and all(_YEAR_TOKEN.match(w) for w in words)):
            in_header = True
            words = words[1:] if words[0] in ("年度", "区分") else words
        elif role_of(words[0]) == "budget" and amounts is None and years:
            amounts = words[1:]
            out.unit = out.unit or money_unit(words[0], "")
            in_header = False
            continue
        elif amounts is not None and grant is None and re.fullmatch(r"うち(?:国の)?交付金(?:額)?", words[0]):
            grant = words[1:]  # 「うち交付金 6,240 7,963 7,000 21,203」 under the 事業費 row: the grant's share
            continue
        elif not (in_header and all(_MARK.match(w) or _YEAR_TOKEN.match(w) or w in ("合計", "計") for w in words)):
            in_header = False
            continue
        for w in words:
            if (m := _MARK.match(w)) and years:
                if m.group(1) in ("予定", "見込", "計画", "予算", "当初予算"):
                    out.planned.append(years[-1])
            elif w in ("合計", "計"):
                total_at = len(years)
            elif (y := year_of(w)) and _YEAR_TOKEN.match(w):
                years.append(y)
    if not years or amounts is None:
        return Budget(unit=out.unit, why="no year row and amount row")
    if total_at is not None and len(amounts) == len(years) + 1:
        amounts = amounts[:total_at] + amounts[total_at + 1:]
        grant = grant[:total_at] + grant[total_at + 1:] if grant and len(grant) == len(years) + 1 else grant
    if len(years) != len(amounts):
        return Budget(unit=out.unit, why=f"{len(years)} years but {len(amounts)} amounts")
    for y, cell in zip(years, amounts, strict=True):
        v = money(cell)
        if v.kind not in ("num", "dash"):
            return Budget(unit=out.unit, why=f"amount {cell!r} unreadable")
        out.amounts.append((y, v.value if v.kind == "num" else None))
    if grant and len(grant) == len(years):  # (as many cells as years, each beside an amount read)
        out.grant = [(y, g.value) for (y, a), cell in zip(out.amounts, grant, strict=True)
                     if a is not None and (g := money(cell)).kind == "num" and g.value <= a]
    out.planned = list(dict.fromkeys(out.planned))
    return out


_PAIR_YEAR = re.compile(r"^((?:令和|平成|R|H)(?:元|\d{1,2})(?:年度)?|(?:19|20)\d\d(?:年度)?)\(?(決算|(?:当初)?予算|計画|予定|見込|実績)?\)?$")


def budget_pairs(line: str) -> Budget | None:
    """A budget written as cells in pairs on one row: 「(単位:千円) R3決算 9,860 R4決算 11,420 R5予算 10,500」 — a
    year (with 決算 / 予算 / 計画 / 見込 after it) then its amount; 予算 / 計画 / 見込 mark the year planned. The unit is
    the row's (単位:…) cell or a unit after the amounts, and must be one. None unless every cell is such a pair. A
    「（うち交付金 2,000）」 after an amount is the grant's share of that year (grant_shares)."""
    words = re.sub(r"[(（]\s*うち[^()（）]*[)）]", " ", normalize(line)).split()
    unit_cells = [w for w in words if re.fullmatch(r"\(?単位:?[^()]*\)?", clean(w))]
    words = [w for w in words if w not in unit_cells]
    if not words or len(words) % 2:
        return None
    out = Budget()
    units = {u for w in unit_cells if (u := money_unit(w, ""))}
    for year_cell, amount in zip(words[::2], words[1::2], strict=True):
        m = _PAIR_YEAR.match(clean(year_cell))
        v = money(amount)
        if not m or v.kind not in ("num", "dash") or (year := year_of(m.group(1))) is None:
            return None
        if v.kind == "num" and v.suffix:
            units.add(money_unit(v.suffix, "") or v.suffix)
        out.amounts.append((year, v.value if v.kind == "num" else None))
        if m.group(2) in ("予算", "当初予算", "計画", "予定", "見込"):
            out.planned.append(year)
    if len(units) != 1:
        return Budget(why="budget cells without one unit")
    out.unit = units.pop()
    out.grant = grant_shares(line, out)
    return out


_YEAR_TOKEN = re.compile(r"^(?:令和|平成|R|H)(?:元|\d{1,2})(?:年度)?$|^(?:19|20)\d\d(?:年度)?$")
_AMOUNT = re.compile(eras.ERA_YEAR + r"\s*年度(?:の)?(?:事業費|総事業費)?(?P<kind>決算額|当初予算額|予算額|当初予算|決算|予算)?"
                     r"(?:は|では|には|で|:)?\s*(?:(?:当初)?予算(?:額)?に)?\s*"
                     r"(?P<amount>[\d,]+(?:\.\d+)?)\s*"
                     r"(?P<unit>百万円|千円|万円|円)?(?![\d,.])")
_DECLARED_UNIT = re.compile(r"\((?:単位:?)?(百万円|千円|万円|円)(?:単位)?\)")  # 「（千円単位）」「（単位：千円）」


def budget_sentences(text: str) -> Budget:
    """「令和3年度事業費 32,480千円(うち交付金 16,240千円)」「事業費は、令和2年度 18,600千円、令和3年度 21,340千円
    …であり、令和4年度は 15,000千円を当初予算に計上している。」: each year's amount, the grant share in brackets left
    out; a clause that says 予算 / 計画 / 予定 makes its year planned. Nothing when the units differ."""
    t = re.sub(r"\(うち[^()]*\)", "", oku_man(clean(text)))
    declared = m.group(1) if (m := _DECLARED_UNIT.search(t)) else None
    out = Budget()
    units = set()
    found = [m for m in _AMOUNT.finditer(t) if m.group("unit") or (declared and m.group("kind"))]
    for i, m in enumerate(found):  # (an amount without a unit only as 「令和5年度決算額 12,340」 under a declared unit)
        year = year_of(m.group(0))
        if year is None or any(y == year for y, _ in out.amounts):
            continue
        upto = found[i + 1].start() if i + 1 < len(found) else len(t)  # (the next year's amount says its own)
        clause = re.split(r"[、。※]", t[m.end():upto], maxsplit=1)[0]
        unit = m.group("unit") or declared
        out.amounts.append((year, money(m.group("amount") + unit).value))
        units.add(unit)
        if _PLANNED.search(clause) or "予算" in (m.group("kind") or ""):
            out.planned.append(year)
    if len(units) > 1:
        return Budget(why="budget sentences in different units")
    out.unit = next(iter(units), None)
    if not out.amounts:
        out.why = "no fiscal year with an amount"
    out.grant = grant_shares(text, out)
    return out


# 「令和4年度は21,486,300円（うち国の交付金10,743,150円）」「R4決算 10,240千円（うち交付金 5,120千円）」: the grant's share
# printed in brackets right after a year's amount, in the same unit.
_GRANT_SHARE = re.compile(r"(?P<year>(?:令和|平成|R|H)(?:元|\d{1,2})(?:年度)?)[^()。、\d]{0,16}?(?P<amount>[\d,]+(?:\.\d+)?)\s*"
                          r"(?P<unit>百万円|千円|万円|円)?\s*\(うち(?:国の)?交付金(?:額)?\s*:?\s*(?P<grant>[\d,]+(?:\.\d+)?)\s*"
                          r"(?P<gunit>百万円|千円|万円|円)?\)")


def grant_shares(text: str, budget: Budget) -> list[tuple[str, Number]]:
    """The うち交付金 amounts of the budget's years: each printed beside the very amount the budget read for its year
    (same amount, same unit — an amount printed without one is in the unit the table declares: 「R5決算 4,000（うち交付金
    2,000）」 under 「（単位：千円）」); anything else is left out rather than guessed."""
    read = dict(budget.amounts)
    out: list[tuple[str, Number]] = []
    for m in _GRANT_SHARE.finditer(clean(text)):
        year = year_of(m.group("year"))
        unit = m.group("unit") or budget.unit or ""
        gunit = m.group("gunit") or unit
        amount, grant = money(m.group("amount") + unit), money(m.group("grant") + gunit)
        if (year in read and read[year] == amount.value and unit == gunit == budget.unit
                and grant.value is not None and all(y != year for y, _ in out)):
            out.append((year, grant.value))
    return out


# ---- KPIs ----

@dataclass
class _Row:
    name: list[str]
    page: int
    values: list[str] = field(default_factory=list)


def _cell(text: str) -> Value:
    """A KPI cell: footnote marks off, 「5人以下」 read as 5 人."""
    t = re.sub(r"\((?:R|H|令和|平成)(?:元|\d{1,2})(?:年度)?\)$", "", strip_footnote(clean(text)))  # 86(R4): its year
    return read_value(t)


def _is_value(tok: str) -> bool:
    return _cell(tok).kind in ("num", "pct", "dash", "pending")


def _header(lines: list[Line]) -> tuple[list[tuple[str, str | None]], int] | None:
    """The columns of a KPI table whose header opens with 指標 / 指標名 (its words may wrap over lines, a column's
    year printed under it): [(role, year)], and how many lines it took. None when a header word is unknown."""
    if not lines or not (w := lines[0][0].split()) or role_of(w[0]) != "kpi":
        return None
    cols: list[tuple[str, str | None]] = []
    used = 0
    for text, _ in lines:
        words = text.split()
        if used and words and role_of(words[0]) is None and not _PAREN.match(words[0]):
            break
        for w in words:
            if _PAREN.match(w):
                if cols and (y := year_of(w)):
                    cols[-1] = (cols[-1][0], y)
                continue
            role = "rate" if re.search(r"達成状況|達成率|達成度", w) else role_of(w)
            if role not in ("kpi", "unit", "baseline", "target", "actual", "rate"):
                return None
            cols.append((role, year_of(w)))
        used += 1
    if [r for r, _ in cols][:1] != ["kpi"] or not {"target", "actual"} <= {r for r, _ in cols}:
        return None
    return cols, used


def kpi_table(lines: list[Line], fy: str | None) -> list[KpiCells] | None:
    """KPIs of a table with a row per indicator (指標名 単位 基準値 目標値 実績値 達成率), its cells read as a stream
    of words so that a row wrapped by the PDF (a name on two lines, a baseline's year or 「(達成)」 under a cell)
    is still one row. A row with fewer values than columns keeps its name only: which cell is blank is unknown.
    None when the lines hold no such table."""
    start = next((i for i, (s, _) in enumerate(lines) if (w := s.split()) and role_of(w[0]) == "kpi"), None)
    if start is None or (found := _header(lines[start:])) is None:
        return None
    cols, used = found
    value_cols = [(r, y) for r, y in cols[1:] if r != "unit"]
    has_unit = any(r == "unit" for r, _ in cols)
    rows: list[_Row] = []
    for text, page in lines[start + used:]:
        if text.startswith("※") or "。" in text:
            break  # a footnote or a sentence under the table
        for tok in text.split():
            if _PAREN.match(tok) and (year_of(tok) or _STATUS.match(tok)):
                continue  # a baseline's year under its cell, 「(達成)」 under a rate
            if _STATUS.match(tok):
                continue
            if _is_value(tok):
                if not rows:
                    return None  # a value before any name: not a table we understand
                rows[-1].values.append(tok)
            elif not rows or rows[-1].values:
                rows.append(_Row([tok], page))
            else:
                rows[-1].name.append(tok)
    out = []
    for r in rows:
        unit = None
        name_parts = r.name
        if has_unit and len(name_parts) >= 2:
            unit, name_parts = clean(name_parts[-1]), name_parts[:-1]
        name = strip_footnote(clean("".join(name_parts)))
        if not name:
            continue
        slots: dict[str, Value] = {}
        if len(r.values) == len(value_cols):
            slots = {role: _cell(v) for (role, _), v in zip(value_cols, r.values, strict=True)}
        year = next((y for role, y in value_cols if role in ("target", "actual") and y), None) or fy
        out.append(KpiCells(name=name, unit=unit or None, year=year, target=slots.get("target", EMPTY),
                            actual=slots.get("actual", EMPTY), rate=slots.get("rate", EMPTY),
                            baseline=slots.get("baseline", EMPTY), target_date=None, page=r.page))
    return out


_BULLET = re.compile(r"^(?:[・･●○◆◇■□]|[①-⑳](?=\s)|(?:KPI|指標)\s*(?:[①-⑳]|\d{1,2}(?=\s)))\s*(\S.*)$")  # ・, 「① 」, 「KPI① 」
# a value with its unit (no particle: 「600人に対し」 is 600 人)
_VAL = r"([△▲-]?[\d,]*\.?\d+\s*[^\s\d、,/→()\[\]:ぁ-おが-ゖ]{0,6}|未確定|集計中|調査中|未集計|算出中|[-―ー]+)"
_ERA_PREFIX = r"(?:(?:令和|平成|R|H)(?:元|\d{1,2})年度の?)?"
_SLOT = {"baseline": re.compile(r"(?:基準値|現状値|当初値)(?:は|:)?\s*" + _ERA_PREFIX + r"\s*" + _VAL),
         "target": re.compile(r"目標値?(?:は|を|:)?\s*" + _VAL),
         "actual": re.compile(r"実績値?(?:は|:)?\s*" + _VAL),
         "rate": re.compile(r"達成(?:率|度)(?:は|:)?\s*" + _VAL)}
# the KPI's name: up to 「:」 or a space before the values, a bracket holding its baseline, or 「は、」 before them
_BULLET_NAME = re.compile(r"^(.+?)(?:\s*\((?=基準値|現状値)|\s*(?::\s*|\s+)(?=基準値|現状値|当初値|目標)|"
                          r"は、?(?=[^。]{0,40}?(?:基準値|現状値|目標)))")
_NEXT_KPI = re.compile(r"、(?=[^、。()]{2,40}?は、?(?:目標|基準値))")  # 「…(達成率108.7%)、移住者数は目標30人…」
_RATE_AFTER = re.compile(r"\s*(?:\([^()\d]*\)\s*)*\(([\d,]*\.?\d+\s*%|[-―ー−]+)\)")
_PENDING_WORDS = re.compile(r"未確定|集計中|調査中|未集計|算出中|公表予定")


def kpi_bullets(lines: list[Line], fy: str | None) -> list[KpiCells]:
    """KPIs written as bullets or sentences: 「・名称:基準値 612千人(H30)、目標 650千人 → 実績 488千人(達成率 75.1%)」,
    「・名称 目標:2,400人/実績:2,918人/達成率:121.6%」, 「・名称は、目標12件に対し実績15件(達成率125.0%)となり…」
    (two KPIs in one sentence are read apart); a bullet wrapped over lines is joined first, and what follows a ※
    (a note on how the rate is computed) is not read as values. An actual the sentence says is still to come
    (未確定) is pending, not a number."""
    bullets: list[list] = []
    for text, page in lines:
        if m := _BULLET.match(text):
            bullets.append([m.group(1), page])
        elif bullets and not text.startswith("※"):
            bullets[-1][0] += text
    out = []
    for text, page in bullets:
        text = re.sub(r"(?<=\S)※\d*(?=[(:])", "", text)  # 「待ち時間※（基準値…」: a mark on the name, not a note
        for body in _NEXT_KPI.split(text.split("※", 1)[0]):
            m = _BULLET_NAME.match(body)
            if not m:
                continue
            rest = body[m.end():]
            slots = {k: p.search(rest) for k, p in _SLOT.items()}
            if not slots["rate"] and slots["actual"]:  # 「実績 5.3万人（速報値）（106.0％）」: the rate in brackets after it
                slots["rate"] = _RATE_AFTER.match(rest, slots["actual"].end())
            actual = _cell(slots["actual"].group(1)) if slots["actual"] else (
                Value("pending", None, p.group(0)) if (p := _PENDING_WORDS.search(rest)) else None)
            if not slots["target"] or actual is None:
                continue
            out.append(KpiCells(name=kpi_name(m.group(1)), unit=None, year=fy,
                                target=_cell(slots["target"].group(1)), actual=actual,
                                rate=_cell(slots["rate"].group(1)) if slots["rate"] else EMPTY,
                                baseline=_cell(slots["baseline"].group(1)) if slots["baseline"] else EMPTY,
                                target_date=None, page=page))
    return out


def kpi_stacked(text: str, fy: str | None, page: int) -> list[KpiCells]:
    """KPIs stacked in one table cell, one paragraph each under ①②…: 「①朝市の来場者数（基準値 3.8万人）：目標 5.0万人／
    実績 5.3万人（106.0％）②…」 — each read as a KPI sentence (kpi_bullets)."""
    items = [m.group(1) for m in re.finditer(r"[①-⑳]([^①-⑳]+)", clean(text))]
    return kpi_bullets([("・" + it, page) for it in items], fy)


# 「KPI① 渓谷エリアの観光入込客数」 / 「単位：千人 基準値：142（令和2年度） 目標の方向：増加」 / 「年度 目標値 実績値 達成率 備考」
# / 「令和3年度 150 138 92.0% コロナ禍の影響」: one KPI named above a table whose rows are its fiscal years.
_YEAR_BLOCK_NAME = re.compile(r"^(?:KPI|指標)\s*(?:[①-⑳]|\d{1,2})\s*[:：]?\s*(\S.*)$")
_YEAR_BLOCK_HEAD = re.compile(r"^年度\s*目標値?\s*実績値?\s*達成率")


def kpi_year_blocks(lines: list[Line]) -> list[tuple[KpiCells, bool | None]]:
    """KPIs each named on a line of its own (「KPI① 名称」), its unit, baseline and direction on the next line, then a
    table with a row per fiscal year (年度 目標値 実績値 達成率 [備考]) — one record per year with a printed target
    (a year whose target is 「－」 is history). With each record, the direction the block states (減少 → lower is
    better), or None. Nothing for a block whose rows do not line up."""
    out: list[tuple[KpiCells, bool | None]] = []
    i = 0
    while i < len(lines):
        m = _YEAR_BLOCK_NAME.match(clean(lines[i][0]))
        head_at = next((j for j in range(i + 1, min(i + 4, len(lines))) if _YEAR_BLOCK_HEAD.match(clean(lines[j][0]))),
                       None)
        if not m or head_at is None:
            i += 1
            continue
        name, unit = m.group(1).strip(), None
        info = " ".join(normalize(s) for s, _ in lines[i + 1:head_at])
        if u := re.search(r"単位\s*[:：]\s*(\S+?)(?=\s|基準値|目標|$)", info):
            unit = u.group(1)
        base = read_value(b.group(1)) if (b := re.search(r"基準値\s*[:：]\s*([-－−\d,.]+)", info)) else EMPTY
        lower = True if re.search(r"方向\s*[:：]\s*(減少|低減|縮減|下げ)", info) else (
            False if re.search(r"方向\s*[:：]\s*(増加|上昇|向上|上げ)", info) else None)
        j = head_at + 1
        noted = "備考" in lines[head_at][0]
        while j < len(lines):
            cells = normalize(lines[j][0]).split()
            year = year_of(cells[0]) if cells else None
            if year is None or len(cells) < 4:
                break
            t, a, r = (read_value(x) for x in cells[1:4])
            note = "".join(cells[4:]) if noted and len(cells) > 4 else None  # 「住宅の運用は7月から」 under 備考
            if t.kind in ("num", "pct"):  # (a 「－」 target: a year of history, not a record)
                out.append((KpiCells(name, unit, year, t, a, r, base, None, lines[j][1], note), lower))
            j += 1
        i = j
    return out


_MEMBER_YEAR = re.compile(r"^(?:令和|平成|R|H)(?:元|\d{1,2})年度\((決算|予算|計画|見込|予定)\)$")


def budget_members(lines: list[str]) -> Budget | None:
    """A joint project's cost by member town: 「令和3年度（決算） 令和4年度（予算）」 over 「事業費 うち交付金」 pairs, a
    row per town and a 合計 row — the 合計 row is the project's budget (its うち交付金 the grant's share); the unit from
    「（単位：円）」. None when the lines are not such a table (or the 合計 row does not line up)."""
    flat = [normalize(s) for s in lines]
    at = next((i for i, s in enumerate(flat) if (ws := s.split()) and all(_MEMBER_YEAR.match(w) for w in ws)), None)
    if at is None or at + 1 >= len(flat):
        return None
    years = flat[at].split()
    pairs = flat[at + 1].split()
    if pairs != ["事業費", "うち交付金"] * len(years):
        return None
    total = next((s.split()[1:] for s in flat[at + 2:] if s.split() and s.split()[0] in ("合計", "計")), None)
    if total is None or len(total) != 2 * len(years):
        return Budget(why="the 合計 row of the member towns' table does not line up")
    unit = next((m.group(1) for s in flat[:at + 1] if (m := re.search(r"単位\s*[:：]\s*(百万円|千円|万円|円)", s))), None)
    out = Budget(unit=unit)
    for n, head in enumerate(years):
        year = year_of(head)
        amount, grant = money(total[2 * n]), money(total[2 * n + 1])
        if year is None or amount.kind != "num":
            continue
        out.amounts.append((year, amount.value))
        if grant.kind == "num":
            out.grant.append((year, grant.value))
        if _MEMBER_YEAR.match(head).group(1) != "決算":
            out.planned.append(year)
    return out if out.amounts else None


_AREA_HEAD = ("指標名", "単位", "基準値", "目標値", "実績値", "達成率", "備考")


def kpi_area_table(lines: list[Line], fy: str | None) -> list[KpiCells] | None:
    """A KPI table whose header wraps over lines (「指標名 単位 基準値」「（R2）」「目標値」…) and whose 実績値 may be split
    into the area's total and each member town (「圏域全体 茜ヶ浦町 鶉野町 …」): the total is the actual, the towns'
    values are left out. A name that wraps (「…経」「営体数 経営体 …」) is joined. None when no such header is found;
    a row that does not line up (its rate not where the header puts it) is left out."""
    flat = [(normalize(s).strip(), pg) for s, pg in lines]
    head: list[str] = []
    i = 0
    while i < len(flat) and len(head) < 7:
        words = [re.sub(r"\([^()]*\)$", "", w) for w in flat[i][0].split()]  # 実績値（令和4年度）: 実績値
        cols = [w for w in words if w in _AREA_HEAD]
        if not cols and not re.fullmatch(r"\([^()]*\)(?:\s+\S+)*", flat[i][0]):
            if head:
                break
            i += 1
            continue
        head += cols
        i += 1
    if head[:1] != ["指標名"] or not {"目標値", "実績値", "達成率"} <= set(head):
        return None
    towns = 0
    if i < len(flat) and (w := flat[i][0].split()) and w[0] in ("圏域全体", "全体", "合計", "計"):
        towns, i = len(w) - 1, i + 1
    slots = {c: n + (towns if n > head.index("実績値") else 0) for n, c in enumerate(head)}  # (town columns after 実績値)
    out: list[KpiCells] = []
    carry = ""
    for text, page in flat[i:]:
        words = (carry + text).split()
        if len(words) < 2 or not any(re.search(r"\d", w) for w in words[1:]):
            carry = carry + text if not text.startswith("※") else ""  # a wrapped name, or a note
            continue
        carry = ""
        if len(words) < len(head) + towns - (1 if "備考" in head else 0):
            continue
        rate = words[slots["達成率"]]
        if not (rate.endswith("%") or re.fullmatch(r"[-－−―]", rate)):
            continue  # the row does not line up with the header
        unit = words[slots["単位"]] if "単位" in slots else None
        base = read_value(words[slots["基準値"]]) if "基準値" in slots else EMPTY
        out.append(KpiCells(words[0], unit, fy, read_value(words[slots["目標値"]]), read_value(words[slots["実績値"]]),
                            read_value(rate), base, None, page))
    return out or None


def budget_cell(text: str) -> Budget | None:
    """A budget cell listing its years: 「R3決算 8,760千円 R4決算 10,240千円（うち交付金 5,120千円）R5予算 9,500千円」 —
    the grant share in brackets left out, each year paired with its amount (budget_pairs)."""
    t = re.sub(r"\(うち[^()]*\)", " ", clean(text))
    t = re.sub(r"(決算|予算|計画|予定|見込|実績)(?=[\d,.]+(?:百万円|千円|万円|円))", r"\1 ", t)
    listed = budget_pairs(re.sub(r"(百万円|千円|万円|円)", r"\1 ", t))
    if listed is not None:
        listed.grant = grant_shares(text, listed)
    return listed


# ---- facts written as prose ----

def quoted_after(text: str, word: str) -> str | None:
    """「評価は「地方創生に効果があった」であり」 → 地方創生に効果があった (the quoted words after `word`)."""
    m = re.search(word + r"[はを]?「([^「」]{1,80})」", text)
    return m.group(1) if m else None


def prose_facts(text: str) -> dict[str, str]:
    """Department, period and grant from a sentence such as 「本事業は、こども未来課が令和2年度から令和4年度までの
    3か年計画で実施しているもので、地方創生推進交付金(先駆タイプ)を活用している。」."""
    out: dict[str, str] = {}
    if m := re.search(r"(?:^|[、。])(?:本事業は、?)?([^\s、。「」()]{2,12}?[課室])が", text):
        out["department"] = m.group(1)
    if m := re.search(r"((?:令和|平成)(?:元|\d{1,2})年度)から((?:令和|平成)(?:元|\d{1,2})年度)まで", text):
        out["period"] = f"{m.group(1)}~{m.group(2)}"
    if m := re.search(r"([^\s、。「」]{2,30}?交付金(?:\([^()]*タイプ\))?)を活用", text):
        out["grant"] = m.group(1)
    return out


_ROW_LABEL = {"kpi": "name", "unit": "unit", "baseline": "baseline", "target": "target", "actual": "actual",
              "rate": "rate"}


def _row_label(word: str) -> str | None:
    if re.fullmatch(r"達成状況|達成度|達成率", word):
        return "rate" if word != "達成状況" else "status"
    if word in ("項目", "区分"):
        return "head"
    return _ROW_LABEL.get(role_of(word) or "")


def kpi_columns(lines: list[Line], fy: str | None) -> list[KpiCells] | None:
    """KPIs of a transposed table, a column per indicator: 「項目 指標① 指標② 指標③」 / 「指標名 A B C」 / 「単位 人 人
    件」 / 「基準値 18,500 (R3) 120 (R3) …」 / 「目標値 (R5) 25,000 600 3」 … — each row a label then one cell per
    indicator (a year under a label names the row's year; the rows may wrap). A row whose cells do not number the
    indicators is left empty; names that wrap onto another line make the table unreadable (which name goes on is
    unknown). None when the lines hold no such table."""
    rows: dict[str, list[str]] = {}
    years: dict[str, str] = {}
    pages: dict[str, int] = {}
    cur: str | None = None
    wrapped_names = False
    for text, page in lines:
        if text.startswith("※"):
            break
        words = text.split()
        label = _row_label(words[0]) if words else None
        if label is not None:
            cur = label
            rows.setdefault(cur, [])
            pages.setdefault(cur, page)
            words = words[1:]
        elif cur == "name":
            wrapped_names = True
        elif cur is None:
            continue
        for w in words:
            if _PAREN.match(w):
                if (y := year_of(w)) and cur in ("target", "actual"):
                    years[cur] = y
                continue
            rows[cur].append(w)
    names = rows.get("name")
    if not names or "target" not in rows or "actual" not in rows:
        return None
    n = len(rows["head"]) if rows.get("head") else len(names)
    if wrapped_names or len(names) != n:
        return []
    def cells(role: str) -> list[str]:
        got = rows.get(role) or []
        return got if len(got) == n else []
    units = cells("unit")
    out = []
    for j, name in enumerate(names):
        slot = {role: _cell(c[j]) if (c := cells(role)) else EMPTY for role in ("baseline", "target", "actual", "rate")}
        out.append(KpiCells(name=kpi_name(name), unit=(clean(units[j]) or None) if units else None,
                            year=years.get("target") or years.get("actual") or fy, target=slot["target"],
                            actual=slot["actual"], rate=slot["rate"], baseline=slot["baseline"], target_date=None,
                            page=pages["name"]))
    return out


def ruled_rows(doc: Document, lines: list[Line]) -> list[Line]:
    """The rows of the PDF's ruled table that these text lines flatten, as lines of whole cells (a name wrapped
    inside its cell is one word again): rows on the lines' pages that open with a row label (指標名 / 単位 / 基準値 /
    目標値 …), kept only when every name of the 指標名 row is written in the lines. Nothing for a text file."""
    pages = {p for _, p in lines}
    said = clean("".join(s for s, _ in lines))
    out: list[Line] = []
    for seg in doc.segments:
        if seg.first_page not in pages:
            continue
        for row, page in zip(seg.head + seg.rows, [seg.first_page] * len(seg.head) + seg.pages, strict=True):
            cells = [c for c in (clean(x) for x in row) if c]
            if cells and _row_label(re.sub(r"\([^()]*\)$", "", cells[0])) is not None:
                out.append((" ".join(cells), page))
    at = next((i for i, (ln, _) in enumerate(out) if _row_label(ln.split()[0]) == "name"), None)
    if at is None or not all(n[:6] in said for n in out[at][0].split()[1:]):
        return []
    if at and _row_label(out[at - 1][0].split()[0]) == "head":
        at -= 1  # 「項目 指標① 指標②」 above the names; rows before it belong to another table (事業費)
    return out[at:]


def checked(text: str) -> str | None:
    """The ticked option of a check-box list (「□拡充 ■継続 □改善・見直し」 → 継続); None unless exactly one."""
    ticked = re.findall(r"[■☑✓✔]\s*([^□■☐☑✓✔\s]+)", text)
    return ticked[0] if len(ticked) == 1 else None


def project_of(report: str, no: int, title: str, city: str | None, fields: dict[str, str | None], budget: Budget,
               purpose: str | None, outcome: str | None, page: int, pages: list[int]) -> Project:
    """One project of a heading-per-project report from what its lines gave (labels, budget, sections)."""
    program, gtype = split_grant(fields.get("grant"))
    period = eras.parse_period(fields["period"]) if fields.get("period") else None
    cities = (city,) if city else ()
    if lead := fields.get("lead"):  # 「代表団体 鶉野町」: the town that filed the joint project first, its partners after
        members = [m for m in re.split(r"[、・,\s]+", fields.get("members") or "") if m and m != lead]
        cities = (f"{lead}（代表）", *members)
    return Project(
        report=report, no=no, title=title, cities=cities, department=fields.get("department"),
        period=eras.period_display(period[1], period[2]) if period else None,
        period_raw=period[0] if period else None, purpose=purpose, grant_program=program, grant_type=gtype,
        budget=tuple(budget.amounts), budget_unit=budget.unit, budget_grant=tuple(budget.grant), activities=(), notes=(),
        page=page, pages=tuple(pages),
        budget_planned=tuple(budget.planned), evaluation=fields.get("evaluation"), policy=fields.get("policy"),
        outcome=outcome)
