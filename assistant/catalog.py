"""Browse the projects: which pass the filters (city, year, KPI achievement, words), and one project's card as Markdown.

Pure functions over the records an Assistant holds (reports, projects, KPIs); the 事業一覧 tab and the chat's project
answers (ui.py) only wire them to the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from . import eras
from .format import MISSING, fmt_num, kpi_value
from .reading import normalize
from .records import Answer, Kpi, Project, Report
from .retrieve import Filters
from .series import is_future

# How a project's KPI rows did, one status per project (Tally.status): any row missed; every row met; none missed but
# some undecided (no actual yet, or a direction the arithmetic cannot tell); no KPI rows at all.
SOME_MISSED, ALL_MET, UNDECIDED, NO_KPIS = "未達成あり", "すべて達成", "判定できないKPIあり", "KPIなし"
ACHIEVEMENTS = (SOME_MISSED, ALL_MET, UNDECIDED, NO_KPIS)
TABLE_COLUMNS = ["市町村", "年度", "No", "事業名", "担当部署", "事業期間", "交付対象事業経費", "KPI達成", "頁"]
ACTIVITY_CHARS = 60  # an activity's text in a card: its opening words only
MAX_ACTIVITIES = 8

Key = tuple[str, int]  # (report, project no)


class Source(Protocol):
    """What the catalog reads: an Assistant, or the index's Records."""

    @property
    def reports(self) -> Sequence[Report]: ...

    @property
    def projects(self) -> Sequence[Project]: ...

    @property
    def kpis(self) -> Sequence[Kpi]: ...


@dataclass(frozen=True)
class Query:
    """The 事業一覧 filters; an empty field lets every project through."""

    city: str | None = None
    year: str | None = None
    achievement: str | None = None  # one of ACHIEVEMENTS
    text: str = ""  # words that must all occur in the title, department, purpose or an activity title


@dataclass(frozen=True)
class Tally:
    """How a project's KPI rows did: achieved, missed, and those the report leaves undecided."""

    met: int = 0
    missed: int = 0
    unknown: int = 0

    @property
    def total(self) -> int:
        return self.met + self.missed + self.unknown

    @property
    def status(self) -> str:
        """One of ACHIEVEMENTS."""
        if not self.total:
            return NO_KPIS
        return SOME_MISSED if self.missed else UNDECIDED if self.unknown else ALL_MET

    def label(self) -> str:
        """「未達成あり（達成1/4件）」; 「KPIなし」 without KPI rows."""
        return f"{self.status}（達成{self.met}/{self.total}件）" if self.total else NO_KPIS


def tally(kpis: Iterable[Kpi]) -> Tally:
    flags = [k.achieved for k in kpis]
    return Tally(flags.count(True), flags.count(False), flags.count(None))


def project_key(p: Project) -> str:
    """The value the chat's 「事業で絞り込む」 filter uses for a project."""
    return f"{p.report}#{p.no}"


def verdict(k: Kpi, future: bool = False) -> str:
    """達成 / 未達成 / 判定不可 (no printed or computable result), or 未報告 for a year after the report's own."""
    if future:
        return "未報告（目標のみ）"
    word = {True: "達成", False: "未達成", None: "判定不可"}[k.achieved]
    return word + ("（低いほど良い）" if k.lower_is_better else "")


def year_label(code: str) -> str:
    return eras.japanese(code) or code


def searchable(text: str) -> str:
    """What a word search compares: NFKC (ＡＩ = AI), case-folded, without spaces."""
    return "".join(normalize(text).casefold().split())


class Catalog:
    """The corpus's projects with their KPIs grouped, built once per opened index."""

    def __init__(self, source: Source) -> None:
        self.reports = {r.report: r for r in source.reports}
        self.projects = list(source.projects)
        self.by_key = {(p.report, p.no): p for p in self.projects}
        self.kpis: dict[Key, list[Kpi]] = {}
        for k in source.kpis:
            self.kpis.setdefault((k.report, k.project_no), []).append(k)
        self.tallies = {key: tally(self.kpis.get(key, ())) for key in self.by_key}
        # one searchable text per project; the fields stay apart so that no word matches across two of them
        self._text = {(p.report, p.no): "\x00".join(searchable(f or "") for f in (
            p.title, p.department, p.purpose, *(a.title for a in p.activities))) for p in self.projects}

    def find(self, q: Query) -> list[Project]:
        """The projects passing every filter, in report order."""
        where = Filters(city=q.city or None, fiscal_year=q.year or None)
        words = [searchable(w) for w in normalize(q.text or "").split()]
        return [p for p in self.projects
                if where.allows(self.reports.get(p.report), p)
                and (not q.achievement or self.tallies[(p.report, p.no)].status == q.achievement)
                and all(w in self._text[(p.report, p.no)] for w in words)]

    def row(self, p: Project) -> list[str | int]:
        """The project's row in the 事業一覧 table (TABLE_COLUMNS)."""
        report = self.reports.get(p.report)
        budget = " / ".join(f"{y}: {fmt_num(v)}" for y, v in p.budget)
        if budget and p.budget_unit:
            budget += f"（{p.budget_unit}）"
        return [(report.city if report else None) or p.city or "", (report.fiscal_year if report else None) or "",
                p.no, p.title, p.department or "", p.period or "", budget, self.tallies[(p.report, p.no)].label(),
                p.page]

    def project(self, key: str | None) -> Project | None:
        """The project behind a 「report#no」 key (None for an unknown or malformed one)."""
        report, _, no = (key or "").rpartition("#")
        return self.by_key.get((report, int(no))) if no.isdigit() else None

    def card(self, p: Project) -> str:
        return card_markdown(p, self.reports.get(p.report), self.kpis.get((p.report, p.no), []))

    def answer_project(self, ans: Answer) -> Project | None:
        """The one project an answer is about, for its card beside the chat; None for any other answer.

        An answer is about one project when it found something, used no KPI rows (a KPI answer has its own table and
        chart) and carries exactly one project (else cites exactly one).
        """
        if not ans.found or ans.kpis or ans.intent == "smalltalk":
            return None
        keys = {(p.report, p.no) for p in ans.projects} or \
            {(c.report, c.project_no) for c in ans.citations if c.project_no is not None}
        if len(keys) != 1:
            return None
        return self.by_key.get(next(iter(keys)))


# --- the card -------------------------------------------------------------------------------------------------------


def cell(text: str | None) -> str:
    """A value safe inside a Markdown table cell: one line, no column bars or markup characters."""
    if not text:
        return "-"
    out = " ".join(str(text).split())
    for ch in "\\`*_[]<>#|$":
        out = out.replace(ch, "\\" + ch)
    return out


def short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def budget_text(p: Project) -> str:
    """「令和2年度 67,055 / 令和3年度 81,801（単位の記載なし）」, planned years marked （予定）."""
    if not p.budget:
        return MISSING
    parts = [f"{year_label(y)} {fmt_num(v) if v is not None else MISSING}"
             + ("（予定）" if y in p.budget_planned else "") for y, v in p.budget]
    return " / ".join(parts) + f"（{p.budget_unit or '単位の記載なし'}）"


def pages_text(p: Project) -> str:
    pages = sorted(set(p.pages) | {p.page}) if p.pages else [p.page]
    return f"{pages[0]}ページ" if len(pages) == 1 else f"{pages[0]}〜{pages[-1]}ページ"


def grant_text(p: Project) -> str | None:
    if p.grant_program and p.grant_type:
        return f"{p.grant_program}（{p.grant_type}）"
    return p.grant_program or p.grant_type


def kpi_table(kpis: Sequence[Kpi], report: Report | None = None) -> list[str]:
    """The KPI summary as Markdown table lines; the year column only when the rows span several fiscal years."""
    reports = {report.report: report} if report else {}
    years = len({k.fiscal_year for k in kpis}) > 1
    head = ["指標", *(["年度"] if years else []), "目標", "実績", "達成率", "評価"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for k in kpis:
        row = [k.name, *([year_label(k.fiscal_year or "-")] if years else []),
               *(kpi_value(k, i) or "-" for i in range(3)), verdict(k, is_future(k, reports))]
        lines.append("| " + " | ".join(cell(v) for v in row) + " |")
    return lines


def card_markdown(p: Project, report: Report | None, kpis: Sequence[Kpi]) -> str:
    """A project's card: facts, budget by year, KPI summary, evaluation and policy, activities, and where it is printed.

    Only what the report prints is shown; a fact it leaves out reads 「-」 (facts) or is left out (texts).
    """
    city = "、".join(p.cities) if p.cities else (report.city if report else None)
    year = report.fiscal_year if report else None
    facts = [("市町村", city), ("資料", f"{p.report}（{year_label(year)}）" if year else p.report),
             ("担当部署", p.department), ("事業期間", p.period), ("交付金", grant_text(p)),
             ("交付対象事業経費", budget_text(p))]
    lines = [f"### {cell(p.title)}", "", "| 項目 | 内容 |", "|---|---|"]
    lines += [f"| {name} | {cell(value)} |" for name, value in facts]
    t = tally(kpis)
    lines += ["", f"**KPI {t.total}件**: 達成{t.met}・未達成{t.missed}・判定できない{t.unknown}" if t.total
              else "**KPI**: 資料に記載がありません"]
    if kpis:
        lines += ["", *kpi_table(kpis, report)]
    for name, text in (("事業の評価", p.evaluation), ("今後の方針", p.policy), ("事業の成果", p.outcome)):
        if text:
            lines += ["", f"**{name}**: {cell(short(text, 200))}"]
    if p.activities:
        lines += ["", "**主な取組**", ""]
        lines += [f"- {cell(a.title)}" + (f" — {cell(short(a.text, ACTIVITY_CHARS))}" if a.text else "")
                  for a in p.activities[:MAX_ACTIVITIES]]
        if len(p.activities) > MAX_ACTIVITIES:
            lines.append(f"- …ほか{len(p.activities) - MAX_ACTIVITIES}件")
    lines += ["", f"出典: {cell(p.report)} / 事業{p.no} {cell(p.title)} / {pages_text(p)}"]
    return "\n".join(lines)
