"""The one library API the CLI and the chat share: open an index, list records, search, answer."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from .answering.router import Answerer
from .config import MAX_QUESTION_CHARS, Config
from .embed.base import Embedder
from .errors import QuestionError
from .index import Index, Progress, open_or_build
from .records import Answer, Hit, Kpi, Project, Report
from .retrieve import Filters, Retriever
from .serialize import answer_json, hit_json, kpi_json, project_json, reports_json


class Assistant:
    """Holds one opened index; cheap to query and safe to share between threads.

    The MeCab tagger and the embedder are not thread-safe, so searches and answers take a lock; each costs
    milliseconds, so serializing them costs nothing a user could notice.
    """

    def __init__(self, config: Config, index: Index) -> None:
        self.config = config
        self.index = index
        self.retriever = Retriever(index)
        self.answerer = Answerer(index.records, self.retriever, index.tokenizer)
        self._reports = {r.report: r for r in index.records.reports}
        self._projects = {(p.report, p.no): p for p in index.records.projects}
        self._lock = threading.Lock()

    @classmethod
    def open(cls, config: Config, log: Callable[[str], None] | None = None, progress: Progress | None = None,
             embedder: Embedder | None = None) -> Assistant:
        """Open the index in config.index_dir, building it first when it is missing or stale."""
        return cls(config, open_or_build(config, progress=progress, log=log, embedder=embedder))

    # records -----------------------------------------------------------------------------------------------
    @property
    def reports(self) -> tuple[Report, ...]:
        return self.index.records.reports

    @property
    def projects(self) -> tuple[Project, ...]:
        return self.index.records.projects

    @property
    def kpis(self) -> tuple[Kpi, ...]:
        return self.index.records.kpis

    def lookup(self, report: str, project_no: int) -> tuple[Report | None, Project | None]:
        return self._reports.get(report), self._projects.get((report, project_no))

    def projects_json(self, filters: Filters | None = None) -> list[dict[str, Any]]:
        return [project_json(p, self._reports.get(p.report)) for p in self.projects
                if self._allowed(p.report, p.no, filters)]

    def kpis_json(self, filters: Filters | None = None, kpis: Sequence[Kpi] | None = None) -> list[dict[str, Any]]:
        rows = self.kpis if kpis is None else kpis
        return [kpi_json(k, *self.lookup(k.report, k.project_no)) for k in rows
                if self._allowed(k.report, k.project_no, filters)]

    def reports_json(self) -> list[dict[str, Any]]:
        """Every corpus file the index was built from: layout read, projects, KPIs, warnings, or why it was skipped."""
        r = self.index.records
        files = self.index.manifest.get("files") or [x.report for x in r.reports]
        return reports_json(r.reports, r.projects, r.kpis, r.problems, files)

    def _allowed(self, report: str, project_no: int, f: Filters | None) -> bool:
        return f is None or f.empty() or f.allows(self._reports.get(report), self._projects.get((report, project_no)))

    # retrieval and answers ---------------------------------------------------------------------------------
    def search(self, query: str, k: int = 5, filters: Filters | None = None, mode: str = "hybrid") -> list[Hit]:
        query = check_question(query)
        with self._lock:
            return self.retriever.search(query, k=k, filters=filters, mode=mode)

    def search_json(self, query: str, k: int = 5, filters: Filters | None = None,
                    mode: str = "hybrid") -> list[dict[str, Any]]:
        return [hit_json(h) for h in self.search(query, k, filters, mode)]

    def answer(self, question: str, history: Sequence[Answer] = (), filters: Filters | None = None) -> Answer:
        """Answer one turn; `history` holds this conversation's earlier answers (for follow-ups)."""
        question = check_question(question)
        with self._lock:
            return self.answerer.answer(question, list(history), filters or Filters())

    def answer_json(self, ans: Answer) -> dict[str, Any]:
        return answer_json(ans, self.lookup)


def check_question(question: str) -> str:
    """Reject empty and over-long questions with a message a user can act on."""
    q = (question or "").strip()
    if not q:
        raise QuestionError("質問が空です。質問を入力してください。(the question is empty)")
    if len(q) > MAX_QUESTION_CHARS:
        raise QuestionError(f"質問が長すぎます（{len(q)}文字）。{MAX_QUESTION_CHARS}文字以内で入力してください。"
                            f"(question too long: {len(q)} > {MAX_QUESTION_CHARS} characters)")
    return q
