"""Read one report into structured records: report header, projects (header, purpose, budget, activities), KPIs."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

from . import eras
from .errors import ReportError
from .kpis import Orphan, RawKpi, finish, parse_kpi_line, reconcile, value_tokens
from .layout import Page, Section, split_pages, split_sections, title_of
from .reading import CIRCLED_VALUE, Line, decode, join_jp, parse_number, split_lines
from .records import Activity, Kpi, Number, ParsedReport, Problem, Project, Report

_REPORT_TITLE = re.compile(r"(実施状況|交付金事業|事業の実施|効果検証)")
_PERIOD_LABEL = "事業期間"
_BUDGET = re.compile(r"^(?:(令和|平成|R|H)\s*)?(元|\d{1,2})\s*年度\s*[:：]?\s+([-ー―*]|[△▲]?[\d,.]+(?:千円|百万円|万円|円)?)$")
_GRANT = re.compile(r"【([^】]*?)(?:\(([^()]*タイプ)\))?】")
_ACTIVITY = re.compile(r"^(\d{1,2})[ .．、)]\s*(\S.*)$")
_COLUMN_FY = re.compile(eras.ERA_YEAR + r"\s*n?\s*(?:年度)?\s*目標(?=.*(?:実績|達成))")
_UNIT_LABEL = re.compile(r"(?:交付対象事業経費|単位)\s*[:：]?\s*\(?\s*(千円|百万円|万円|円)\s*\)?")
_CITY = re.compile(r"[^\s、,・]+?[都道府県市区町村](?:\((?:代表|幹事)\))?")
_CITIES_PREFIX = re.compile(rf"^({_CITY.pattern}(?:\s*[、,・]\s*{_CITY.pattern})*)(?:\s+|$)")


def read_report(path: Path, name: str | None = None) -> ParsedReport:
    """Read a report file into records.

    Raises:
        ReportError: the file cannot be read, decoded, or holds no recognizable project.
    """
    name = name or path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReportError(name, f"cannot read file ({exc.strerror or exc})") from None
    text, encoding = decode(data, name)
    return parse_text(text, name, encoding)


def parse_text(text: str, name: str, encoding: str = "utf-8") -> ParsedReport:
    """Parse decoded report text; see read_report."""
    lines = split_lines(text)
    pages = split_pages(lines)
    sections, orphan_pages = split_sections(pages)
    if not sections:
        raise ReportError(name, "no recognizable project (expected titles like ①事業名 with 事業期間 and KPI rows)")
    problems: list[Problem] = []
    for p in orphan_pages:
        if any(ln.text.startswith("KPI") for ln in p.lines):
            problems.append(Problem(name, f"page {p.no} has KPI rows before any project title; skipped",
                                    p.lines[0].no))
    title, fy, city = _report_header(pages)
    era = fy[0] if fy else "R"
    projects: list[Project] = []
    raw_by_project: list[tuple[int, list[RawKpi], dict[int, str | None]]] = []
    leftovers: list[Orphan] = []
    seen: set[int] = set()
    for sec in sections:
        if sec.no in seen:
            problems.append(Problem(name, f"project number {sec.no} appears twice", sec.title_line))
        seen.add(sec.no)
        project, raws, orphans, col_fy = _read_section(sec, name, era, problems)
        projects.append(project)
        raw_by_project.append((sec.no, raws, col_fy))
        leftovers.extend(orphans)
    leftovers = _reconcile_across_pages(raw_by_project, leftovers)
    for o in leftovers:
        problems.append(Problem(name, f"values not attached to any KPI: {o.line.text}", o.line.no))
    kpis: list[Kpi] = []
    projects_out: list[Project] = []
    for project, (no, raws, col_fy) in zip(projects, raw_by_project, strict=True):
        notes, kpi_notes = _attach_notes(project.notes, raws)
        for r in raws:
            kfy = col_fy.get(r.page) or fy
            kpis.append(finish(r, name, no, kfy, kpi_notes.get(id(r))))
        projects_out.append(_replace_notes(project, notes))
    if city is None:
        leads = Counter(p.city for p in projects_out if p.city)
        city = leads.most_common(1)[0][0] if leads else None
    if fy is None:
        years = Counter(k.fiscal_year for k in kpis if k.fiscal_year)
        fy = years.most_common(1)[0][0] if years else None
    report = Report(name, city, fy, eras.western(fy), title, encoding, len(pages))
    page_texts = tuple("\n".join(ln.text for ln in p.lines) for p in pages)
    return ParsedReport(report, tuple(projects_out), tuple(kpis), tuple(problems), page_texts)


def _report_header(pages: list[Page]) -> tuple[str | None, str | None, str | None]:
    """Title, fiscal year and city from the first lines of the report."""
    first = [ln for ln in pages[0].lines if ln.text][:6] if pages else []
    for i, ln in enumerate(first):
        if _REPORT_TITLE.search(ln.text) and eras.find_fy(ln.text):
            city = None
            if i + 1 < len(first):
                m = _CITIES_PREFIX.match(first[i + 1].text)
                if m and first[i + 1].text.strip() == m.group(1).strip():
                    city = _clean_city(m.group(1).split("、")[0])
            return ln.text, eras.find_fy(ln.text), city
    return None, None, None


def _clean_city(c: str) -> str:
    return re.sub(r"\((代表|幹事)\)", "", c).strip()


def _read_section(sec: Section, file: str, era: str, problems: list[Problem]
                  ) -> tuple[Project, list[RawKpi], list[Orphan], dict[int, str | None]]:
    lines = _join_wrapped([ln for _, ln in sec.lines])
    page_of = {ln.no: p for p, ln in sec.lines}
    cities, dept, period = _header(lines, sec)
    budget, unit = _budget(lines, era)
    program, gtype = _grant(lines)
    raws: list[RawKpi] = []
    orphans: list[Orphan] = []
    col_fy: dict[int, str | None] = {}
    notes: list[str] = []
    for ln in lines:
        page = page_of[ln.no]
        if ln.text.startswith("KPI"):
            raw, probs = parse_kpi_line(ln, page, file)
            problems.extend(probs)
            if raw:
                raws.append(raw)
            continue
        if ln.text.startswith("補足"):
            body = ln.text[2:].strip(" :：")
            if body:
                notes.append(body)
            continue
        if m := _COLUMN_FY.search(ln.text):
            col_fy.setdefault(page, eras.fy_code(m.group(1), m.group(2)))
            continue
        if _BUDGET.match(ln.text):
            continue  # "2年度 67,055" is a budget row, never a displaced KPI value
        toks = value_tokens(ln.text)
        if toks is not None:
            orphans.append(Orphan(ln, page, toks))
    # Values first from their own page, then from anywhere in the project's section.
    leftover: list[Orphan] = []
    for page in sec.pages:
        leftover += reconcile([r for r in raws if r.page == page], [o for o in orphans if o.page == page])
    leftover = reconcile(raws, leftover)
    if not raws:
        problems.append(Problem(file, f"project {sec.no} 「{sec.title}」 has no KPI rows", sec.title_line))
    period_raw, period_disp = (period[0], eras.period_display(period[1], period[2])) if period else (None, None)
    if period is None:
        problems.append(Problem(file, f"project {sec.no}: no 事業期間 found", sec.title_line))
    project = Project(
        report=file, no=sec.no, title=sec.title, cities=cities, department=dept, period=period_disp,
        period_raw=period_raw, purpose=_purpose(lines), grant_program=program, grant_type=gtype,
        budget=tuple(budget), budget_unit=unit, activities=tuple(_activities(lines, page_of)), notes=tuple(notes),
        page=sec.pages[0], pages=sec.pages)
    return project, raws, leftover, col_fy


_WRAPPED_KPI_TAIL = re.compile(r"^[^\s(]*\([^()]{1,10}\)(\s+\S+){0,3}$")
_STOP = ("KPI", "補足", "指標内容", "【", "目的")


def _join_wrapped(lines: list[Line]) -> list[Line]:
    """Join a KPI name or a 補足 note that a PDF extractor wrapped onto the next line.

    A KPI line with neither unit nor values, followed by a line that ends the name with its （unit） and values, is
    one row; a 補足 line that does not end a sentence takes the following plain lines up to the 。 that ends it.
    Lines are joined only in these two unmistakable shapes; everything else is left as it came.
    """
    out: list[Line] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if (ln.text.startswith("KPI") and nxt is not None and "(" not in ln.text and value_tokens(ln.text) is None
                and not ln.text.rstrip().endswith(("%", "-")) and _WRAPPED_KPI_TAIL.match(nxt.text)
                and not nxt.text.startswith(_STOP) and not title_of(nxt)):
            out.append(Line(ln.no, ln.raw, ln.text + nxt.text))
            i += 2
            continue
        if ln.text.startswith("補足") and not ln.text.endswith("。"):
            text, j = ln.text, i + 1
            while (j < len(lines) and j - i <= 3 and lines[j].text and not lines[j].text.startswith(_STOP)
                   and not title_of(lines[j]) and value_tokens(lines[j].text) is None and not _BUDGET.match(lines[j].text)):
                text += lines[j].text
                j += 1
                if text.endswith("。"):
                    break
            if text.endswith("。"):
                out.append(Line(ln.no, ln.raw, text))
                i = j
                continue
        out.append(ln)
        i += 1
    return out


def _reconcile_across_pages(projects: list[tuple[int, list[RawKpi], dict]], leftovers: list[Orphan]
                            ) -> list[Orphan]:
    """Last resort: a value stranded on a neighbouring page (e.g. a lone rate at the top of the next page)."""
    if not leftovers:
        return leftovers
    for _, raws, _ in projects:
        for page in sorted({r.page for r in raws if r.open_slots()}):
            near = [o for o in leftovers if abs(o.page - page) <= 1]
            if near:
                unused = reconcile([r for r in raws if r.page == page], near)
                leftovers = [o for o in leftovers if o not in near or o in unused]
    return leftovers


def _header(lines: list[Line], sec: Section) -> tuple[tuple[str, ...], str | None, tuple[str, str, str] | None]:
    """Cities, department and period from the header ("福岡市 総務企画局… 事業期間 R1n-R4n" or spread over lines)."""
    for i, ln in enumerate(lines):
        if _PERIOD_LABEL not in ln.text:
            continue
        before, _, after = ln.text.partition(_PERIOD_LABEL)
        period = eras.parse_period(after)
        head = before.strip()
        j = i - 1
        while j >= 0 and not lines[j].text:
            j -= 1
        if head and not _CITIES_PREFIX.match(head) and j >= 0 and _CITIES_PREFIX.match(lines[j].text) \
                and _header_like(lines[j]):
            head = f"{lines[j].text} {head}"  # "福岡市 局・部" above "課 事業期間 …": one header wrapped in two
        if not head:
            block: list[str] = []
            j = i - 1
            while j >= 0 and not lines[j].text:
                j -= 1
            while j >= 0 and lines[j].text and len(block) < 4 and _header_like(lines[j]):
                block.insert(0, lines[j].text)
                j -= 1
            head = " ".join(block)
        cities, dept = _split_cities(head)
        return cities, dept, period
    return (), None, None


def _header_like(ln: Line) -> bool:
    t = ln.text
    return not (_REPORT_TITLE.search(t) or t.startswith(("KPI", "補足", "【")) or title_of(ln)
                or _BUDGET.match(t) or value_tokens(t) is not None or "交付対象事業経費" in t or len(t) > 60)


def _split_cities(head: str) -> tuple[tuple[str, ...], str | None]:
    head = head.strip()
    if not head:
        return (), None
    m = _CITIES_PREFIX.match(head)
    if not m:
        return (), head
    rest = head[m.end():].strip()
    cities = tuple(c.strip().replace("(代表)", "（代表）").replace("(幹事)", "（幹事）")
                   for c in re.split(r"\s*[、,・]\s*", m.group(1)) if c.strip())
    return cities, (rest or None)


def _budget(lines: list[Line], era: str) -> tuple[list[tuple[str, Number | None]], str | None]:
    out: dict[str, Number | None] = {}
    unit = None
    for ln in lines:
        if u := _UNIT_LABEL.search(ln.text):
            unit = unit or u.group(1)
        m = _BUDGET.match(ln.text)
        if not m:
            continue
        code = eras.fy_code(m.group(1) or era, m.group(2))
        value = m.group(3)
        if um := re.search(r"(千円|百万円|万円|円)$", value):
            unit = unit or um.group(1)
            value = value[: um.start()]
        num = None if value in ("-", "ー", "―", "*") else parse_number(value)
        if code and code not in out:
            out[code] = num
    return list(out.items()), unit


def _grant(lines: list[Line]) -> tuple[str | None, str | None]:
    for ln in lines:
        if m := _GRANT.search(ln.text):
            program = m.group(1).strip() or None
            gtype = m.group(2).strip() if m.group(2) else None
            return program, gtype
    return None, None


def _purpose(lines: list[Line]) -> str | None:
    """The block after a 目的 label (written "目的", or "目" and "的" on two lines)."""
    texts = [ln.text for ln in lines]
    start = None
    for i, t in enumerate(texts):
        if t == "目的":
            start = i + 1
        elif t == "目":
            j = i + 1
            while j < len(texts) and not texts[j]:
                j += 1
            if j < len(texts) and texts[j] == "的":
                start = j + 1
        elif t.startswith("目的") and len(t) > 3 and t[2] in " :：":
            return t[3:].strip() or None
        if start is not None:
            break
    if start is None:
        return None
    block: list[str] = []
    for t in texts[start:]:
        if not t:
            if block:
                break
            continue
        if _BUDGET.match(t) or t.startswith(("KPI", "補足", "【")) or t[:1] in CIRCLED_VALUE:
            break
        block.append(t)
    return join_jp(block) or None


def _activities(lines: list[Line], page_of: dict[int, int]) -> list[Activity]:
    """Numbered activity blocks: a heading "１　場の提供" at the margin, then indented body lines.

    Text from a PDF has no indentation at all: there a body runs from its heading to the next heading or to the
    first line that opens another part of the section (KPI rows, 補足, a budget line, the grant line).
    """
    acts: list[Activity] = []
    cur: tuple[int, str, list[str], int] | None = None
    flat = not any(ln.raw[:1] in ("\u3000", "\t") or ln.raw[:2] == "  " for ln in lines)
    for ln in lines:
        raw = ln.raw
        heading = None
        if raw[:1] not in (" ", "\u3000", "\t") or (raw[:1] == " " and raw[1:2] not in (" ", "\u3000")):
            m = _ACTIVITY.match(ln.text)
            if m and value_tokens(ln.text) is None and not _BUDGET.match(ln.text):
                heading = (int(m.group(1)), m.group(2).strip())
        if heading:
            if cur:
                acts.append(Activity(cur[0], cur[1], join_jp(cur[2]), cur[3]))
            cur = (heading[0], heading[1], [], page_of[ln.no])
            continue
        if cur is None:
            continue
        if (ln.text and raw[:1] in (" ", "\u3000") and not (raw[:1] == " " and raw[1:2] not in (" ", "\u3000"))) or (flat and ln.text and not (ln.text.startswith(_STOP) or _BUDGET.match(ln.text) or title_of(ln)
                                       or value_tokens(ln.text) is not None or "交付対象事業経費" in ln.text)):
            cur[2].append(ln.text)
        elif ln.text:
            acts.append(Activity(cur[0], cur[1], join_jp(cur[2]), cur[3]))
            cur = None
    if cur:
        acts.append(Activity(cur[0], cur[1], join_jp(cur[2]), cur[3]))
    return acts


def _attach_notes(notes: tuple[str, ...], raws: list[RawKpi]) -> tuple[list[str], dict[int, str]]:
    """A 補足 that names a KPI in 「」 goes to that KPI; the rest stay on the project.

    An exact name wins; a partial one (「留学生数」 for 「市内の留学生数」) only when exactly one KPI fits it.
    """
    project_notes: list[str] = []
    by_kpi: dict[int, str] = {}
    for note in notes:
        targets: list[RawKpi] = []
        for quoted in re.findall(r"「([^」]+)」", note):
            q = re.sub(r"\s+", "", quoted)
            names = [(r, re.sub(r"\s+", "", r.name)) for r in raws]
            exact = [r for r, n in names if n == q]
            partial = [r for r, n in names if len(q) >= 4 and (q in n or n in q)]
            targets += exact or (partial if len(partial) == 1 else [])
        if not targets:
            project_notes.append(note)
        for r in {id(r): r for r in targets}.values():
            by_kpi[id(r)] = f"{by_kpi[id(r)]} {note}" if id(r) in by_kpi else note
    return project_notes, by_kpi


def _replace_notes(p: Project, notes: list[str]) -> Project:
    return replace(p, notes=tuple(notes))
