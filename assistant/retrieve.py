"""Hybrid retrieval: BM25 and dense search over the same chunks, fused by reciprocal rank, with optional filters."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .fusion import rrf
from .index import Index
from .records import Hit, Project, Report

MODES = ("hybrid", "sparse", "dense")
CANDIDATES = 50  # per retriever, before fusion


@dataclass(frozen=True)
class Filters:
    report: str | None = None
    city: str | None = None
    fiscal_year: str | None = None
    project_no: int | None = None
    kinds: tuple[str, ...] = ()  # chunk kinds ("kpi", "activity", ...); empty = all

    def empty(self) -> bool:
        return not (self.report or self.city or self.fiscal_year or self.project_no or self.kinds)

    def allows(self, report: Report | None, project: Project | None, kind: str | None = None) -> bool:
        """Does a record pass? The one definition of the filters, shared by retrieval, listings and answers.

        A city matches the report's city or any applicant of the project (a co-applicant's question finds the
        project filed by the lead city).
        """
        if self.report and (report is None or report.report != self.report):
            return False
        if self.city and not ((report and report.city and self.city in report.city)
                              or (project and any(self.city in c for c in project.cities))):
            return False
        if self.fiscal_year and not (report and report.fiscal_year == self.fiscal_year):
            return False
        if self.project_no is not None and (project is None or project.no != self.project_no):
            return False
        return not (self.kinds and kind not in self.kinds)


class Retriever:
    """Searches one opened index; `search` is the library's single retrieval entry point."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.chunks = index.records.chunks
        self._report_meta = {r.report: r for r in index.records.reports}
        self._projects = {(p.report, p.no): p for p in index.records.projects}
        # Chunk ids by project, and project keys by every city name that appears (report city or applicant), so a
        # city filter looks at the few matching projects instead of every chunk.
        self.chunks_of: dict[tuple[str, int], list[int]] = {}
        for c in self.chunks:
            self.chunks_of.setdefault((c.report, c.project_no), []).append(c.chunk_id)
        self.projects_of_city: dict[str, set[tuple[str, int]]] = {}
        for p in index.records.projects:
            r = self._report_meta.get(p.report)
            for city in {*(p.cities), *([r.city] if r and r.city else [])}:
                self.projects_of_city.setdefault(city, set()).add((p.report, p.no))
        self._subsets: dict[Filters, np.ndarray] = {}

    def subset(self, f: Filters) -> np.ndarray | None:
        """Chunk ids allowed by the filters (None = all); computed once per distinct filter."""
        if f.empty():
            return None
        if f not in self._subsets:
            if len(self._subsets) > 256:
                self._subsets.clear()
            self._subsets[f] = self._compute_subset(f)
        return self._subsets[f]

    def _compute_subset(self, f: Filters) -> np.ndarray:
        if f.city:
            keys = {k for city, ks in self.projects_of_city.items() if f.city in city for k in ks}
            candidates = (self.chunks[i] for k in sorted(keys) for i in self.chunks_of.get(k, []))
        else:
            candidates = iter(self.chunks)
        keep = sorted(c.chunk_id for c in candidates
                      if f.allows(self._report_meta.get(c.report), self._projects.get((c.report, c.project_no)), c.kind))
        return np.asarray(keep, dtype=np.int64)

    def search(self, query: str, k: int = 10, filters: Filters | None = None, mode: str = "hybrid",
               qvec: np.ndarray | None = None) -> list[Hit]:
        """Ranked hits for a query; `qvec` lets a caller reuse a query embedding it already computed."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        subset = self.subset(filters or Filters())
        if subset is not None and subset.size == 0:
            return []
        n = max(k, CANDIDATES)
        sparse = self.index.sparse.search(query, n, subset) if mode != "dense" else []
        dense: list[tuple[int, float]] = []
        if mode != "sparse":
            if qvec is None:
                qvec = self.embed_query(query)
            dense = self.index.dense.search(qvec, n, subset)
        s_rank = {d: (i + 1, s) for i, (d, s) in enumerate(sparse)}
        d_rank = {d: (i + 1, s) for i, (d, s) in enumerate(dense)}
        fused = rrf([sparse, dense]) if mode == "hybrid" else (sparse if mode == "sparse" else dense)
        hits = []
        for doc, score in fused[:k]:
            sr, dr = s_rank.get(doc), d_rank.get(doc)
            hits.append(Hit(self.chunks[doc], float(score), sr[1] if sr else None, dr[1] if dr else None,
                            sr[0] if sr else None, dr[0] if dr else None))
        return hits

    def embed_query(self, query: str) -> np.ndarray:
        return self.index.embedder.embed([query], role="query")[0]
