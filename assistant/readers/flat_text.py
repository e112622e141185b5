"""Tables flattened to text by a PDF extractor (a row or a cell per line): only what is unambiguous is read.

Two shapes are recognized by their header lines, never by a template:
- a summary table: a header line naming the KPI columns (指標 目標値 単位 目標年月 実績値) lets a line that starts with a
  KPI name followed by exactly those cells read as one KPI row; a project is a bare number line, its name lines and
  the line that names its 交付金;
- 効果検証シート rows: `事業名 …` / `担当課 …` lines, a `区分 令和2年度 …` line over a `事業費（千円） …` line, and a
  `KPI … 区分 令和2年度 …` grid whose KPIs print a name line then 目標値 / 実績値 / 達成率 lines with one value per year.

Anything that does not fit exactly — a name broken across lines, text glued before a row, a count of values that
does not match the header — is left to the page passages, with a warning. A wrong record is worse than none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import eras
from ..errors import ReportError
from ..reading import join_jp
from ..records import Kpi, ParsedReport, Problem, Project, Report
from .base import Document
from .segments import split_grant
from .tables import EMPTY, KpiCells, Value, make_kpi, money, money_unit, read_value, role_of, year_of
from .text import guess_header

_DATE = re.compile(r"^(?:R|H|令和|平成)?\d{1,4}[./年]\d{1,2}月?$")
_GRANT = re.compile(r"交付金(?:[(（][^()（）]*[)）])?$")
_LABELS = {"title": "事業名", "department": "担当課", "period": "事業期間", "grant": "交付金"}
_BOXES = ("outcome", "evaluation", "policy")
_MAX_TITLE_LINES = 5


@dataclass(frozen=True)
class _Line:
    text: str
    page: int


def _lines(doc: Document) -> list[_Line]:
    return [_Line(t.strip(), n) for n, page in enumerate(doc.pages, start=1) for t in page.split("\n") if t.strip()]


def _summary_header(lines: list[_Line]) -> list[str] | None:
    """Column roles of a flattened KPI header line such as 「指標 目標値 単位 目標年月 実績値」."""
    for ln in lines[:40]:
        roles = [role_of(tok) for tok in ln.text.split()]
        if roles and roles[0] == "kpi" and len(roles) >= 3 and None not in roles \
                and {"target", "actual"} <= set(roles) and set(roles) <= {"kpi", "target", "actual", "rate", "unit",
                                                                          "target_date", "baseline"}:
            return roles
    return None


def _is_sheet(lines: list[_Line]) -> bool:
    titles = sum(1 for ln in lines if ln.text.startswith("事業名 "))
    grids = any(ln.text.startswith(("KPI ", "指標 ")) and sum(1 for t in ln.text.split() if year_of(t)) >= 1
                for ln in lines)
    return titles >= 1 and grids


class FlatTableReader:
    name = "flat_table"

    def detect(self, doc: Document) -> float:
        if doc.tables:
            return 0.0  # a PDF with ruled tables is read from its cells
        lines = _lines(doc)
        return 0.6 if _is_sheet(lines) or _summary_header(lines) else 0.0

    def read(self, doc: Document) -> ParsedReport:
        lines = _lines(doc)
        title, fy, city = guess_header(doc.pages)
        problems: list[Problem] = []
        if _is_sheet(lines):
            projects, kpis = _read_sheets(doc, lines, city, problems)
        elif roles := _summary_header(lines):
            projects, kpis = _read_summary(doc, lines, roles, fy, city, problems)
        else:
            raise ReportError(doc.name, "no flattened KPI table header found")
        if not projects:
            raise ReportError(doc.name, "no project could be read without ambiguity from the flattened table")
        if fy is None:
            years = sorted({k.fiscal_year for k in kpis if k.fiscal_year and k.actual is not None},
                           key=lambda y: eras.western(y) or 0)
            fy = years[-1] if years else None
        problems.append(Problem(doc.name, "table read from flattened text: only rows that fit the header exactly "
                                          "were read; the rest is searchable as passages"))
        report = Report(doc.name, city, fy, eras.western(fy), title, doc.encoding, len(doc.pages), layout=self.name)
        return ParsedReport(report, tuple(projects), tuple(kpis), tuple(problems), doc.pages)


# --- summary table ------------------------------------------------------------------------------------------------


def _cell_fits(role: str, tok: str) -> bool:
    v = read_value(tok)
    if role in ("target", "actual", "baseline"):
        return v.kind in ("num", "dash", "pending") or (v.kind == "pct")
    if role == "rate":
        return v.kind in ("pct", "dash", "num")
    if role == "unit":
        return v.kind == "text" and len(tok) <= 6 and not _DATE.match(tok)
    if role == "target_date":
        return bool(_DATE.match(tok)) or v.kind == "dash"
    return False


def _row_at(tokens: list[str], start: int, roles: list[str]) -> dict[str, str] | None:
    """The cells of a KPI row whose name is tokens[start], when every following cell fits its column."""
    cells = roles[1:]
    if start + len(cells) >= len(tokens) + 0 and start + len(cells) > len(tokens) - 1:
        return None
    name = tokens[start]
    if len(name) < 2 or role_of(name) or read_value(name).kind != "text":
        return None
    out = {"kpi": name}
    for role, tok in zip(cells, tokens[start + 1:start + 1 + len(cells)], strict=True):
        if not _cell_fits(role, tok):
            return None
        out[role] = tok
    return out


@dataclass
class _Proj:
    printed_no: int
    title_lines: list[str] = field(default_factory=list)
    grant: str | None = None
    budget: Value = EMPTY
    page: int = 0
    pages: set[int] = field(default_factory=set)
    complete: bool = False  # its name and 交付金 line were read without doubt
    rows: list[tuple[dict[str, str], int]] = field(default_factory=list)


def _read_summary(doc: Document, lines: list[_Line], roles: list[str], fy: str | None, city: str | None,
                  problems: list[Problem]) -> tuple[list[Project], list[Kpi]]:
    money_header = next((ln.text for ln in lines[:40] if role_of(ln.text.split()[-1]) == "budget"
                         or any(role_of(t) == "budget" for t in ln.text.split())), "")
    unit = money_unit(money_header, "")
    projs: list[_Proj] = []
    cur: _Proj | None = None
    prev_ok = False  # the previous line ended where a new row may start (a number, the 交付金 line, a KPI row)
    for ln in lines:
        toks = ln.text.split()
        if re.fullmatch(r"\d{1,3}", ln.text) and int(ln.text) == (projs[-1].printed_no + 1 if projs else 1):
            cur = _Proj(int(ln.text), page=ln.page)
            cur.pages.add(ln.page)
            projs.append(cur)
            prev_ok = True
            continue
        if cur is None:
            continue
        start = 0
        if not cur.complete:
            gi = next((i for i, t in enumerate(toks) if _GRANT.search(t) and len(t) >= 4), None)
            if gi is None:
                cur.title_lines.append(ln.text)
                if len(cur.title_lines) > _MAX_TITLE_LINES:
                    cur = None  # no 交付金 line where one belongs: this project is not read
                prev_ok = False
                continue
            cur.title_lines.extend(toks[:gi])
            cur.grant = toks[gi]
            cur.complete = bool(cur.title_lines)
            start = gi + 1
            if start < len(toks) and read_value(toks[start]).kind in ("num", "dash"):
                cur.budget = money(toks[start])
                start += 1
            prev_ok = True
        row = _row_at(toks, start, roles) if (start > 0 or prev_ok) and start < len(toks) else None
        if row is not None and cur.complete:
            cur.rows.append((row, ln.page))
            cur.pages.add(ln.page)
            last = start + len(roles) - 1
            prev_ok = last == len(toks) - 1
        else:
            prev_ok = bool(toks) and read_value(toks[-1]).kind in ("num", "pct") and row is None and False
    projects: list[Project] = []
    kpis: list[Kpi] = []
    for p in projs:
        if not p.complete:
            problems.append(Problem(doc.name, f"project {p.printed_no}: name or 交付金 not read without doubt; "
                                              "left as text"))
            continue
        program, gtype = split_grant(p.grant)
        budget = ((fy, p.budget.value),) if fy and p.budget.kind == "num" else ()
        pages = tuple(sorted(p.pages))
        projects.append(Project(
            report=doc.name, no=p.printed_no, title=join_jp(p.title_lines).replace("\n", ""),
            cities=(city,) if city else (), department=None, period=None, period_raw=None, purpose=None,
            grant_program=program, grant_type=gtype, budget=budget, budget_unit=unit if budget else None,
            activities=(), notes=(), page=pages[0], pages=pages))
        for row, page in p.rows:
            cells = KpiCells(row["kpi"], row.get("unit"), fy, read_value(row.get("target", "")),
                             read_value(row.get("actual", "")), read_value(row.get("rate", "")),
                             read_value(row.get("baseline", "")), row.get("target_date"), page)
            kpis.append(make_kpi(cells, doc.name, p.printed_no))
    return projects, kpis


# --- 効果検証シート rows ---------------------------------------------------------------------------------------------


def _read_sheets(doc: Document, lines: list[_Line], city: str | None, problems: list[Problem]
                 ) -> tuple[list[Project], list[Kpi]]:
    doc_title = lines[0].text if lines else ""
    sheets: list[dict] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        t = ln.text
        label, _, rest = t.partition(" ")
        role = role_of(label)
        if label == _LABELS["title"] and rest:
            sheets.append({"fields": {"title": rest}, "page": ln.page, "pages": {ln.page}, "budget": [],
                           "planned": [], "unit": None, "kpis": []})
            i += 1
            continue
        if not sheets:
            i += 1
            continue
        sh = sheets[-1]
        sh["pages"].add(ln.page)
        if role in ("department", "period", "grant") and rest and label == _LABELS[role]:
            sh["fields"].setdefault(role, rest)
        elif role == "label" and i + 1 < len(lines) and not sh["budget"]:
            years = [year_of(x) for x in rest.split()]
            nxt = lines[i + 1].text.split()
            if years and None not in years and nxt and role_of(nxt[0]) == "budget" and len(nxt) == len(years) + 1:
                vals = [money(x) for x in nxt[1:]]
                if all(v.kind in ("num", "dash") for v in vals):
                    sh["budget"] = [(y, v.value) for y, v in zip(years, vals, strict=True)]
                    sh["planned"] = [y for y, x in zip(years, rest.split(), strict=True) if "予定" in x]
                    sh["unit"] = money_unit(nxt[0], "")
                    i += 2
                    continue
        elif role == "kpi" and any(year_of(x) for x in t.split()):
            i = _read_grid(doc, lines, i, sh, problems)
            continue
        elif role in _BOXES and not rest:
            body: list[str] = []
            j = i + 1
            while j < len(lines) and not _starts_label(lines[j].text):
                text = lines[j].text
                if doc_title and doc_title in text:  # the next sheet's title glued on by the extractor
                    text = text.split(doc_title)[0]
                    if text:
                        body.append(text)
                    break
                body.append(text)
                j += 1
            if body:
                sh["fields"].setdefault(role, join_jp(body).replace("\n", ""))
            i = j
            continue
        i += 1
    projects: list[Project] = []
    kpis: list[Kpi] = []
    for no, sh in enumerate(sheets, start=1):
        f = sh["fields"]
        program, gtype = split_grant(f.get("grant"))
        period = eras.parse_period(f["period"]) if f.get("period") else None
        pages = tuple(sorted(sh["pages"]))
        projects.append(Project(
            report=doc.name, no=no, title=f["title"].replace(" ", ""), cities=(city,) if city else (),
            department=f.get("department"), period=eras.period_display(period[1], period[2]) if period else None,
            period_raw=period[0] if period else None, purpose=None, grant_program=program, grant_type=gtype,
            budget=tuple(sh["budget"]), budget_unit=sh["unit"], activities=(), notes=(), page=pages[0], pages=pages,
            budget_planned=tuple(sh["planned"]), evaluation=f.get("evaluation"), policy=f.get("policy"),
            outcome=f.get("outcome")))
        kpis.extend(make_kpi(c, doc.name, no) for c in sh["kpis"])
    return projects, kpis


def _starts_label(text: str) -> bool:
    head = text.split(" ", 1)[0]
    return role_of(head) in (*_BOXES, "title") and (head == text or head == _LABELS["title"])


def _read_grid(doc: Document, lines: list[_Line], i: int, sh: dict, problems: list[Problem]) -> int:
    """A flattened KPI grid: header `KPI 単位 基準値 区分 Y1 Y2 …`, then per KPI a name line and one line per
    slot (目標値 / 実績値 / 達成率) with exactly one value per year. Returns the index after the grid."""
    head = lines[i].text.split()
    years = [year_of(x) for x in head if year_of(x)]
    extra = [role_of(x) for x in head[1:] if not year_of(x)]
    per_name = [r for r in extra if r in ("unit", "baseline")]  # cells printed after the name on its line
    j = i + 1
    while j < len(lines):
        toks = lines[j].text.split()
        if not toks or role_of(toks[0]) in ("target", "actual", "rate"):
            j += 1
            continue
        if _starts_label(lines[j].text) or role_of(toks[0]) in ("title", "kpi", "label"):
            break
        if len(toks) != 1 + len(per_name):
            problems.append(Problem(doc.name, f"page {lines[j].page}: KPI line 「{lines[j].text}」 does not fit "
                                              "the grid header; not read"))
            j += 1
            continue
        name, cells = toks[0], dict(zip(per_name, toks[1:], strict=True))
        slots: dict[str, list[str]] = {}
        k = j + 1
        while k < len(lines) and len(slots) < 3:
            st = lines[k].text.split()
            r = role_of(st[0]) if st else None
            if r not in ("target", "actual", "rate") or r in slots:
                break
            if len(st) != len(years) + 1:
                slots = {}
                break
            slots[r] = st[1:]
            k += 1
        if "target" not in slots or "actual" not in slots:
            problems.append(Problem(doc.name, f"page {lines[j].page}: KPI 「{name}」 without complete 目標値 / 実績値 "
                                              "rows; not read"))
            j = max(k, j + 1)
            continue
        base = read_value(cells.get("baseline", ""))
        for n, y in enumerate(years):
            vals = [read_value(slots[s][n]) if s in slots else EMPTY for s in ("target", "actual", "rate")]
            if all(v.kind in ("empty", "dash") for v in vals):
                continue
            sh["kpis"].append(KpiCells(name, cells.get("unit"), y, vals[0], vals[1], vals[2], base, None,
                                       lines[j].page))
        j = k
    return j
