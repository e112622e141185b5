"""Frozen records that every pipeline stage passes along: reports, projects, KPIs, chunks, hits, answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Number = int | float


@dataclass(frozen=True)
class Report:
    """One report file: where it came from and what it covers."""

    report: str  # file name inside the corpus folder, the report's id
    city: str | None  # 市町村名 from the report header
    fiscal_year: str | None  # "R2", "H30"
    western_year: int | None  # 2020
    title: str | None
    encoding: str
    pages: int
    layout: str = "sections"  # which layout reader read it ("sections", "summary_table", "sheet", "flat_table", "text")


@dataclass(frozen=True)
class Activity:
    """A numbered block of the project's activities (１ エンジニアが集まる場の提供 ...)."""

    no: int
    title: str
    text: str  # body lines joined, normalized
    page: int = 0


@dataclass(frozen=True)
class Project:
    """One project section of a report."""

    report: str
    no: int  # ① -> 1
    title: str
    cities: tuple[str, ...]  # lead first: ("福岡市（代表）", "糸島市") as written
    department: str | None
    period: str | None  # "令和元年度〜令和3年度"
    period_raw: str | None  # "R1n-R3n"
    purpose: str | None
    grant_program: str | None  # 地方創生推進交付金事業
    grant_type: str | None  # 横展開タイプ / 先駆タイプ
    budget: tuple[tuple[str, Number | None], ...]  # (("R2", 67055), ("R3", None)) in report order
    budget_unit: str | None  # only when the report states one
    activities: tuple[Activity, ...]
    notes: tuple[str, ...]  # 補足 texts that name no KPI
    page: int  # first page of the section (1-based)
    pages: tuple[int, ...] = ()
    budget_planned: tuple[str, ...] = ()  # fiscal years whose budget is printed as planned (（予定）)
    evaluation: str | None = None  # 事業の評価 / 外部有識者からの評価, as printed
    policy: str | None = None  # 今後の方針, as printed
    outcome: str | None = None  # 事業の成果 / 事業効果, as printed
    budget_grant: tuple[tuple[str, Number], ...] = ()  # うち交付金: the grant's share of a year's budget, same unit

    @property
    def city(self) -> str | None:
        """The lead applicant without its （代表） mark."""
        if not self.cities:
            return None
        return self.cities[0].replace("（代表）", "").replace("(代表)", "")

    def budget_dict(self) -> dict[str, Number | None]:
        return dict(self.budget)


@dataclass(frozen=True)
class Kpi:
    """One KPI row with values reconciled and checked by arithmetic."""

    report: str
    project_no: int
    name: str
    unit: str | None  # 人, 件, 倍, ％ ... as written inside the brackets
    target: Number | None
    actual: Number | None
    rate: float | None  # 達成率 in percent, as printed
    fiscal_year: str | None  # from the column header (R2n目標 -> "R2")
    lower_is_better: bool | None  # None when arithmetic cannot tell
    achieved: bool | None  # None when not measurable
    note: str | None  # 補足 text naming this KPI
    page: int
    flags: tuple[str, ...] = ()  # e.g. "missing_actual", "rate_mismatch", "value_displaced"
    line: int = 0  # line number of the KPI name in the source file (1-based)
    printed: tuple[str, str, str] = ("", "", "")  # target, actual, rate exactly as printed ("2.50", "", "")
    baseline: Number | None = None  # 基準値 / 現状値
    target_date: str | None = None  # 目標年月 as printed ("R3.3")
    rate_source: str | None = None  # "printed", "computed" (実績÷目標 where no rate is printed), None without a rate


@dataclass(frozen=True)
class Problem:
    """Something a reader could not make sense of; reported, never fatal to other reports."""

    file: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class ParsedReport:
    """Everything read from one report file."""

    report: Report
    projects: tuple[Project, ...]
    kpis: tuple[Kpi, ...]
    problems: tuple[Problem, ...] = ()
    pages_text: tuple[str, ...] = ()  # normalized text of each page, for chunking and display


@dataclass(frozen=True)
class Chunk:
    """A retrievable passage: belongs to exactly one report, project and page."""

    chunk_id: int
    report: str
    project_no: int
    project_title: str
    page: int
    kind: str  # "overview", "purpose", "activity", "kpi", "budget", "note"
    text: str  # what is shown to the user
    context: str = ""  # prepended for embedding/BM25 (report/city/project title)
    ref: int = -1  # kind "kpi": position of the KPI in the index's KPI list; "activity": the activity's number

    @property
    def indexed_text(self) -> str:
        return f"{self.context}\n{self.text}" if self.context else self.text


@dataclass(frozen=True)
class Hit:
    """A chunk returned by retrieval, with the scores that ranked it."""

    chunk: Chunk
    score: float  # fused (or the single retriever's) score
    sparse_score: float | None = None
    dense_score: float | None = None
    sparse_rank: int | None = None
    dense_rank: int | None = None


@dataclass(frozen=True)
class Citation:
    report: str
    project_no: int | None
    project_title: str | None
    page: int | None


@dataclass(frozen=True)
class Answer:
    """What the assistant says for one turn, with everything it rests on."""

    question: str
    text: str  # markdown
    intent: str
    citations: tuple[Citation, ...] = ()
    kpis: tuple[Kpi, ...] = ()
    projects: tuple[Project, ...] = ()
    hits: tuple[Hit, ...] = ()
    found: bool = True  # False when the reports do not contain the answer
    context: dict[str, Any] = field(default_factory=dict, compare=False)  # state for follow-ups
