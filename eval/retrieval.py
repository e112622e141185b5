"""Retrieval evaluation: hit@1, hit@3, MRR@10, nDCG@10 for BM25, dense, hybrid and a naive chunking baseline."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.index import Index
from assistant.reading import normalize
from assistant.retrieve import Retriever

NAIVE_CHARS = 300
NAIVE_OVERLAP = 50


def load_questions(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def relevant(text: str, project_no: int | None, kind: str | None, q: dict[str, Any]) -> bool:
    """A passage answers a question when it matches one of its relevant entries (project, kind, substring)."""
    for r in q["relevant"]:
        if project_no is not None and r.get("project_no") not in (None, project_no):
            continue
        if kind is not None and r.get("kind") not in (None, kind):
            continue
        if normalize(r["contains"]) in text:
            return True
    return False


def metrics(flags: Sequence[Sequence[bool]]) -> dict[str, float]:
    """hit@1, hit@3, MRR@10 and nDCG@10 (binary gains) over per-question relevance lists (pure)."""
    n = max(len(flags), 1)
    hit1 = sum(bool(f[:1]) and f[0] for f in flags) / n
    hit3 = sum(any(f[:3]) for f in flags) / n
    mrr = sum(next((1 / (i + 1) for i, x in enumerate(f[:10]) if x), 0.0) for f in flags) / n
    ndcg = 0.0
    for f in flags:
        dcg = sum(1 / math.log2(i + 2) for i, x in enumerate(f[:10]) if x)
        ideal = sum(1 / math.log2(i + 2) for i in range(min(10, max(sum(f), 1))))
        ndcg += dcg / ideal if ideal else 0.0
    return {"hit@1": round(hit1, 4), "hit@3": round(hit3, 4), "mrr@10": round(mrr, 4), "ndcg@10": round(ndcg / n, 4)}


@dataclass(frozen=True)
class NaiveChunk:
    report: str
    page: int
    text: str


def naive_chunks(index: Index, pages_text: dict[str, tuple[str, ...]]) -> list[NaiveChunk]:
    """What common RAG tools ship: fixed windows of characters over the raw page text, no structure."""
    out = []
    for report, pages in pages_text.items():
        for pno, text in enumerate(pages, start=1):
            flat = text.replace("\n", "")
            step = NAIVE_CHARS - NAIVE_OVERLAP
            for i in range(0, max(len(flat) - NAIVE_OVERLAP, 1), step):
                out.append(NaiveChunk(report, pno, flat[i:i + NAIVE_CHARS]))
    return out


def evaluate(index: Index, questions: list[dict[str, Any]], pages_text: dict[str, tuple[str, ...]],
             embed_query: Callable[[str], np.ndarray] | None = None) -> dict[str, dict[str, float]]:
    """All four systems on the same questions, in one run."""
    retriever = Retriever(index)
    proj_page = {(p.report, p.no): set(p.pages) for p in index.records.projects}
    out: dict[str, dict[str, float]] = {}
    qvecs = [retriever.embed_query(q["query"]) for q in questions]
    for mode in ("sparse", "dense", "hybrid"):
        flags = []
        for q, v in zip(questions, qvecs, strict=True):
            hits = retriever.search(q["query"], k=10, mode=mode, qvec=v)
            flags.append([relevant(h.chunk.text, h.chunk.project_no, h.chunk.kind, q) for h in hits])
        out[{"sparse": "bm25", "dense": "dense", "hybrid": "hybrid"}[mode]] = metrics(flags)
    # Which BM25 terms: lemmas (the index's) vs surface forms, same chunks and questions.
    from assistant.sparse import SparseIndex
    from assistant.tokenize import JapaneseTokenizer

    surface = SparseIndex.build([c.indexed_text for c in index.records.chunks], JapaneseTokenizer(form="surface"))
    flags = []
    for q in questions:
        hits = surface.search(q["query"], 10)
        chunks = [index.records.chunks[i] for i, _ in hits]
        flags.append([relevant(c.text, c.project_no, c.kind, q) for c in chunks])
    out["bm25_surface_forms"] = metrics(flags)
    naive = naive_chunks(index, pages_text)
    if naive:
        vecs = index.embedder.embed([c.text for c in naive], role="passage")
        flags = []
        for q, v in zip(questions, qvecs, strict=True):
            order = np.argsort(-(vecs @ v))[:10]
            row = []
            for i in order:
                c = naive[int(i)]
                pno = next((no for (r, no), pages in proj_page.items() if r == c.report and c.page in pages), None)
                row.append(relevant(c.text, pno, None, q))
            flags.append(row)
        out["naive_fixed_chars_dense"] = metrics(flags)
    return out
