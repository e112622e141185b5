"""A slide deck (a presentation printed to PDF, or its text): one project per slide, or two side by side on a slide
of 「その他の事業」 — a heading 「① 題名」 wrapped over lines with 「担当：課」 beside it, 事業期間 / 交付金 labels, the
year's 主な取組 as ・ bullets, KPIs as boxes (a big target and actual over the words 目標 実績, the 達成率 beside them),
「総合評価 A 今後の方針 拡充」, and a footer 「事業費 R4決算 … ／ R5決算 …（うち交付金 …）／ R6当初予算 …」.

A KPI is read two ways, and only where it is sure:
- a box as its PDF cell gives it: 「遊覧船の年間乗船者数基準値 9,800人（R3）達成率12,000 13,450 112.1%目標 実績人 人」
  (values before the words that name them; a cell may hold several boxes) — on a slide of one project only;
- a box as text lines give it: the name, 基準値, then 「目標 12,000 人 実績 13,450 人」; its 達成率 may stand lines away
  (a text export prints a box's rate before the next box's name), so a rate is taken only where its arithmetic fits
  (実績÷目標, or 目標÷実績 for a 減少目標).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import eras
from ..errors import ReportError
from ..reading import normalize
from ..records import Kpi, ParsedReport, Problem, Project, Report
from .base import Document
from .blocks import Budget, budget_cell, labels, page_lines, project_of
from .tables import EMPTY, KpiCells, Value, clean, fitting_rate, make_kpi, read_value, year_of
from .text import guess_header

_HEADING = re.compile(r"^([①-⑳])\s*(\S.*)$")
_PAGE_MARK = re.compile(r"\s*[(（](?:\d/\d|続き|続)[)）]\s*")  # (1/2), (続き): a project continued on the next slide
_DEPT_TAIL = re.compile(r"\s*担当\s*[:：]\s*(\S+)\s*$")  # 「交流人口の拡大事業 担当：観光交流課」
_VALUE = r"[\d,]+(?:\.\d+)?"
_TARGET_ACTUAL = re.compile(rf"^目標\s*({_VALUE})\s*([^\s\d]{{0,5}})\s*実績\s*({_VALUE}|集計中|調査中|未確定|-+)\s*"
                            r"([^\s\d]{0,5})$")
_BASELINE = re.compile(rf"^基準値\s*({_VALUE})\s*([^\s\d(（]{{0,5}})\s*(?:[(（]([^)）]+)[)）])?$")
_RATE_LINE = re.compile(rf"^(?:達成率\s*)?({_VALUE})\s*[%％]$")
_LOWER = re.compile(r"\s*減少目標$")
_BOX = re.compile(rf"(?P<name>[^。・\s][^。]*?)(?P<lower>\s*減少目標)?\s*"
                  rf"(?:基準値\s*(?P<base>{_VALUE})\s*(?P<bunit>[^\s\d(（]{{0,5}})\s*[(（](?P<by>[^)）]+)[)）])?\s*"
                  r"達成率\s*(?P<vals>[^目]*?)\s*目標\s*実績\s*(?P<unit>[^\s\d]{1,5}?)(?:\s+(?P=unit)|$)")
_BOX_TOKEN = re.compile(rf"{_VALUE}\s*%|{_VALUE}|集計中|調査中|未確定|-")
_EVALUATION = re.compile(r"総合評価\s*([A-DＡ-Ｄ])?\s*今後の方針\s*(\S+)")
_OUTCOME = re.compile(r"(?:^|主な取組)\s*((?:・.+?。)+)")
_FOOTER = re.compile(r"^事業費\s*((?:R|H|令和|平成)\s*(?:元|\d{1,2}).*)$")


@dataclass
class _Slide:
    no: int
    title: list[str]
    page: int
    pages: list[int] = field(default_factory=list)
    lines: list[tuple[str, int]] = field(default_factory=list)
    title_open: bool = True
    fields: dict[str, str] = field(default_factory=dict)


def _headings(lines: list[tuple[str, int]]) -> list[int]:
    """Indexes of the lines that open a project's slide: 「① …」 with a 担当 label on it or within the next three
    lines (a summary table's 「① 略称 種類 金額」 rows have none)."""
    out = []
    for i, (s, _) in enumerate(lines):
        if _HEADING.match(s) and any("担当" in t and labels(re.sub(r"^.*?(?=担当)", "", t))
                                     for t, _ in lines[i:i + 4]):
            out.append(i)
    return out


def _lines(doc: Document) -> list[tuple[str, int]]:
    """(line, page) of every page without its page number (its heading printed again on a continued slide kept)."""
    return page_lines(doc, running_headers=False)


def _slides(doc: Document) -> list[_Slide]:
    lines = _lines(doc)
    starts = _headings(lines)
    slides: list[_Slide] = []
    for a, b in zip(starts, [*starts[1:], len(lines)], strict=False):
        m = _HEADING.match(lines[a][0])
        assert m
        no = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳".index(m.group(1)) + 1
        page = lines[a][1]
        old = next((s for s in slides if s.no == no), None)
        s = old or _Slide(no, [], page, [page])
        if old is not None:
            s.title_open = False  # a continued slide prints its title again
            if page not in s.pages:
                s.pages.append(page)
        head = m.group(2)
        for text, pg in [(head, page), *lines[a + 1:b]]:
            if pg not in s.pages:
                s.pages.append(pg)
            text = _PAGE_MARK.sub(" ", text).strip()
            if dm := _DEPT_TAIL.search(text):
                s.fields.setdefault("department", dm.group(1))
                text = text[:dm.start()].strip()
            if s.title_open:
                if text and not labels(text):
                    s.title.append(text)
                    if text.endswith("事業") or len(s.title) >= 3:
                        s.title_open = False
                continue
            if text:
                s.lines.append((text, pg))
        if old is None:
            slides.append(s)
    return slides


class SlidesReader:
    name = "slides"

    def detect(self, doc: Document) -> float:
        lines = _lines(doc)
        if not _headings(lines):
            return 0.0
        boxes = sum(1 for t in doc.tables for c in t.cells for _ in _BOX.finditer(clean_spaced(c.text)))
        pairs = sum(1 for s, _ in lines if _TARGET_ACTUAL.match(s))
        return 0.8 if boxes + pairs >= 2 else 0.0

    def read(self, doc: Document) -> ParsedReport:
        slides = _slides(doc)
        if not slides:
            raise ReportError(doc.name, "no slide heading 「① …」 with a 担当 label")
        if any(not s.title or not s.title[-1].endswith("事業") for s in slides):
            raise ReportError(doc.name, "a slide's title does not end where a title ends (…事業)")
        title, fy, city = guess_header(doc.pages)
        by_page: dict[int, set[int]] = {}
        for s in slides:
            for pg in s.pages:
                by_page.setdefault(pg, set()).add(s.no)
        projects: list[Project] = []
        kpis: list[Kpi] = []
        problems: list[Problem] = []
        for s in slides:
            for line, _ in s.lines:
                for role, value in labels(line):
                    s.fields.setdefault(role, value)
            _evaluation(s)
            budget = _budget(s)
            if budget.why:
                problems.append(Problem(doc.name, f"project {s.no}: budget not read ({budget.why})"))
            year = _kpi_year(s) or fy
            own = _merge(_line_kpis(s, year), _box_kpis(doc, s, by_page, year))
            if not own:
                problems.append(Problem(doc.name, f"project {s.no}: no KPI read"))
            kpis += [make_kpi(c, doc.name, s.no, stated_lower=lower) for c, lower in own]
            projects.append(project_of(doc.name, s.no, "".join(s.title), city, s.fields, budget, None,
                                       _outcome(doc, s, by_page), s.page, s.pages))
        report = Report(doc.name, city, fy, eras.western(fy), title, doc.encoding, len(doc.pages), layout=self.name)
        return ParsedReport(report, tuple(projects), tuple(kpis), tuple(problems), doc.pages)


def clean_spaced(text: str | None) -> str:
    """A cell's text normalized, its spaces kept (the values of a box are told apart by them)."""
    return re.sub(r"\s+", " ", normalize(text or "").replace("\n", "")).strip()


def _evaluation(s: _Slide) -> None:
    """「総合評価 A 今後の方針 拡充」, or the letter alone on the line above 「総合評価 今後の方針 拡充」."""
    for i, (line, _) in enumerate(s.lines):
        if m := _EVALUATION.search(line):
            grade = m.group(1)
            if grade is None and i and re.fullmatch(r"[A-DＡ-Ｄ]", s.lines[i - 1][0]):
                grade = s.lines[i - 1][0]
            if grade:
                s.fields.setdefault("evaluation", normalize(grade))
            s.fields.setdefault("policy", m.group(2))
            return


def _budget(s: _Slide) -> Budget:
    """The footer 「事業費 R4決算 18,200千円 ／ R5決算 24,860千円（うち交付金 12,430千円）／ R6当初予算 20,000千円」 (its
    unit may wrap onto the next line)."""
    for i, (line, _) in enumerate(s.lines):
        if m := _FOOTER.match(line):
            text = re.sub(r"(?<=円)\s+\d{1,3}$", "", m.group(1))  # the slide's number printed after the footer
            if i + 1 < len(s.lines) and re.fullmatch(r"(?:百万円|千円|万円|円)", s.lines[i + 1][0]):
                text += s.lines[i + 1][0]
            got = budget_cell(re.sub(r"\s*[/／]\s*", " ", text))
            return got if got is not None else Budget(why="footer not read as year and amount pairs")
    return Budget(why="no 事業費 footer")


def _kpi_year(s: _Slide) -> str | None:
    """The year of a slide's KPIs: 「KPIの達成状況（令和5年度）」."""
    for line, _ in s.lines:
        if m := re.search(r"KPI[^()（）]*[(（]([^)）]+)[)）]", line):
            return year_of(m.group(1))
    return None


def _pending(text: str) -> bool:
    """A value still to come (集計中, 調査中, 未確定), as the table cells' reader tells one."""
    return read_value(text).kind == "pending"


def _line_kpis(s: _Slide, year: str | None) -> list[tuple[KpiCells, bool | None]]:
    """Boxes as text lines: the name, 基準値, 「目標 … 実績 …」; the 達成率 is the one rate of the slide whose arithmetic
    fits (目標÷実績 when the name says 減少目標), else none."""
    rates = [(i, m.group(1)) for i, (t, _) in enumerate(s.lines) if (m := _RATE_LINE.match(t))]
    out: list[tuple[KpiCells, bool | None]] = []
    for i, (line, page) in enumerate(s.lines):
        m = _TARGET_ACTUAL.match(line)
        if not m:
            continue
        baseline = EMPTY
        name = None
        for j in range(i - 1, max(i - 5, -1), -1):
            t = s.lines[j][0]
            if b := _BASELINE.match(t):
                baseline = read_value(b.group(1) + b.group(2))
                continue
            if t == "達成率" or _RATE_LINE.match(t):
                continue
            if _TARGET_ACTUAL.match(t) or labels(t) or "。" in t or t.startswith("・") or "KPI" in t:
                break
            name = t
            break
        if not name:
            continue
        lower = True if _LOWER.search(name) else None
        name = _LOWER.sub("", name).strip()
        t_unit, a_unit = m.group(2) or None, m.group(4) or None
        if t_unit and a_unit and t_unit != a_unit:
            continue
        target = read_value(m.group(1) + (t_unit or ""))
        actual = Value("pending", None, m.group(3)) if _pending(m.group(3)) else read_value(m.group(3) + (a_unit or ""))
        rate = fitting_rate([r for _, r in sorted(rates, key=lambda x: abs(x[0] - i))], target, actual, lower)
        out.append((KpiCells(name=name, unit=t_unit or a_unit, year=year, target=target, actual=actual, rate=rate,
                             baseline=baseline, target_date=None, page=page), lower))
    return out


def _box_kpis(doc: Document, s: _Slide, by_page: dict[int, set[int]], year: str | None
              ) -> list[tuple[KpiCells, bool | None]]:
    """Boxes as PDF cells give them, on the slides that hold this project alone (two projects side by side on one
    slide would need the columns told apart: their boxes are read from the text lines only)."""
    out: list[tuple[KpiCells, bool | None]] = []
    seen: set[str] = set()
    for t in doc.tables:
        if t.page not in s.pages or by_page.get(t.page) != {s.no}:
            continue
        for c in sorted(t.cells, key=lambda c: len(c.text or "")):
            for m in _BOX.finditer(clean_spaced(c.text)):
                got = _box(m, year, t.page)
                if got and got[0].name not in seen:
                    seen.add(got[0].name)
                    out.append(got)
    return out


def _box(m: re.Match[str], year: str | None, page: int) -> tuple[KpiCells, bool | None] | None:
    tokens = [x.replace(" ", "") for x in _BOX_TOKEN.findall(m.group("vals"))]
    rates = [x for x in tokens if x.endswith("%")]
    nums = [x for x in tokens if re.fullmatch(_VALUE, x)]
    pending = [x for x in tokens if _pending(x)]
    dashes = [x for x in tokens if re.fullmatch(r"-", x)]
    unit = m.group("unit")
    if len(rates) > 1 or not nums or len(nums) + len(pending) != 2 or len(dashes) > (1 if pending else 0):
        return None
    target = read_value(nums[0] + unit)
    actual = Value("pending", None, pending[0]) if pending else read_value(nums[1] + unit)
    if pending and rates:
        return None  # a rate beside a value still to come: the box is not what it seems
    lower = True if m.group("lower") else None
    baseline = read_value(m.group("base") + m.group("bunit")) if m.group("base") else EMPTY
    rate = read_value(rates[0]) if rates else EMPTY
    return KpiCells(name=m.group("name").strip(), unit=unit, year=year, target=target, actual=actual, rate=rate,
                    baseline=baseline, target_date=None, page=page), lower


def _merge(a: list[tuple[KpiCells, bool | None]], b: list[tuple[KpiCells, bool | None]]
           ) -> list[tuple[KpiCells, bool | None]]:
    """Both reads of one slide's boxes: a name read both ways is kept once when they agree, left out when not."""
    by_name = {c.name: (c, lower) for c, lower in a}
    out = list(a)
    for c, lower in b:
        other = by_name.get(c.name)
        if other is None:
            out.append((c, lower))
        elif (other[0].target, other[0].actual) != (c.target, c.actual):
            out = [x for x in out if x[0].name != c.name]
    return out


def _outcome(doc: Document, s: _Slide, by_page: dict[int, set[int]]) -> str | None:
    """The year's 主な取組 bullets: from a PDF cell (on a slide of this project alone: its text lines interleave with
    the boxes beside them), else from the text lines when every bullet ends its sentence."""
    for t in doc.tables:
        if t.page in s.pages and by_page.get(t.page) == {s.no}:
            for c in t.cells:
                if m := _OUTCOME.search(clean(c.text)):
                    return re.sub(r"(?:^|(?<=。))・", "", m.group(1))
    if doc.tables and any(by_page.get(p) == {s.no} for p in s.pages):
        return None
    bullets: list[str] = []
    for line, _ in s.lines:
        if line.startswith("・"):
            bullets.append(line[1:])
        elif bullets and not bullets[-1].endswith("。"):
            bullets[-1] += line
    if not bullets or any(not b.endswith("。") for b in bullets):
        return None
    return "".join(bullets)
