"""BM25 keyword index (bm25s) over texts split by a tokenizer passed in as a callable."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import bm25s
import numpy as np

from .errors import IndexStoreError

Tokenize = Callable[[str], list[str]]
_FILES = (
    "params.index.json",
    "vocab.index.json",
    "data.csc.index.npy",
    "indices.csc.index.npy",
    "indptr.csc.index.npy",
)


def top_k(scores: np.ndarray, k: int, ids: np.ndarray | None = None) -> list[tuple[int, float]]:
    """The `k` best (id, score) pairs with a positive score, best first; equal scores ordered by lower id.

    Args:
        scores: one score per candidate.
        k: how many to return at most.
        ids: the doc id of each candidate; defaults to the position in `scores`.
    """
    ids = np.arange(len(scores)) if ids is None else ids
    positive = np.flatnonzero(scores > 0)
    if k <= 0 or positive.size == 0:
        return []
    if positive.size > k:
        positive = positive[np.argpartition(-scores[positive], k - 1)[:k]]
    order = np.lexsort((ids[positive], -scores[positive]))
    return [(int(ids[i]), float(scores[i])) for i in positive[order]]


class SparseIndex:
    """BM25 (Lucene variant, k1=1.5, b=0.75) over a fixed list of texts; doc ids are positions in that list."""

    def __init__(self, retriever: bm25s.BM25, tokenize: Tokenize) -> None:
        self._bm25 = retriever
        self.tokenize = tokenize

    @classmethod
    def build(cls, texts: Sequence[str], tokenize: Tokenize, *, k1: float = 1.5, b: float = 0.75) -> SparseIndex:
        """Tokenize `texts` and index them; a text with no terms is kept (it just never matches)."""
        return cls.from_tokens([tokenize(t) for t in texts], tokenize, k1=k1, b=b)

    @classmethod
    def from_tokens(
        cls, tokens: Sequence[list[str]], tokenize: Tokenize, *, k1: float = 1.5, b: float = 0.75
    ) -> SparseIndex:
        """Index texts already split into terms (`tokenize` is kept for queries)."""
        if not tokens:
            raise ValueError("cannot build a BM25 index over no texts")
        retriever = bm25s.BM25(k1=k1, b=b, method="lucene")
        retriever.index(list(tokens), show_progress=False)
        return cls(retriever, tokenize)

    def __len__(self) -> int:
        return int(self._bm25.scores["num_docs"])

    @property
    def vocab_size(self) -> int:
        """Distinct terms in the index."""
        return sum(1 for term in self._bm25.vocab_dict if term)

    def doc_freqs(self) -> dict[str, int]:
        """How many indexed texts contain each term (the column sizes of the BM25 matrix)."""
        counts = np.diff(np.asarray(self._bm25.scores["indptr"]))
        return {t: int(counts[i]) for t, i in self._bm25.vocab_dict.items() if t and i < len(counts)}

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every doc for `query` (zeros when no query term is in the vocabulary)."""
        ids = self._bm25.get_tokens_ids(self.tokenize(query))
        if not ids:
            return np.zeros(len(self), dtype=np.float32)
        return self._bm25.get_scores_from_ids(ids)

    def search(self, query: str, k: int, subset: np.ndarray | None = None) -> list[tuple[int, float]]:
        """The `k` best (doc id, score) pairs for `query`, best first; docs scoring 0 are left out.

        Args:
            query: free text, split with the index's tokenizer.
            k: how many hits at most.
            subset: doc ids to search among (a filter); None searches all docs.
        """
        scores = self.scores(query)
        if subset is None:
            return top_k(scores, k)
        subset = np.asarray(subset, dtype=np.int64)
        return top_k(scores[subset], k, subset)

    def search_many(
        self, queries: Sequence[str], k: int, subset: np.ndarray | None = None
    ) -> list[list[tuple[int, float]]]:
        """`search` for each query in turn."""
        return [self.search(q, k, subset) for q in queries]

    def save(self, directory: Path) -> None:
        """Write the index as plain files (JSON params and vocabulary, .npy arrays) into `directory`."""
        self._bm25.save(str(directory), show_progress=False)

    @classmethod
    def load(cls, directory: Path, tokenize: Tokenize) -> SparseIndex:
        """Read an index written by `save`; `tokenize` must be the tokenizer it was built with."""
        directory = Path(directory)
        missing = [f for f in _FILES if not (directory / f).is_file()]
        if missing:
            raise IndexStoreError(f"BM25 index in {directory} is incomplete (missing {', '.join(missing)}): rebuild it")
        try:
            retriever = bm25s.BM25.load(str(directory), show_progress=False)
        except (ValueError, OSError, KeyError, TypeError) as exc:
            raise IndexStoreError(f"BM25 index in {directory} is unreadable ({exc}): rebuild it") from exc
        arrays, vocab = retriever.scores, retriever.vocab_dict
        n_terms = len(arrays["indptr"]) - 1  # the "" term bm25s adds to the vocabulary has no column
        if (
            not isinstance(arrays["num_docs"], int)
            or max((i for t, i in vocab.items() if t), default=-1) >= n_terms
            or len(arrays["data"]) != len(arrays["indices"])
            or int(arrays["indptr"][-1]) != len(arrays["data"])
        ):
            raise IndexStoreError(f"BM25 index in {directory} is inconsistent (vocabulary vs. arrays): rebuild it")
        return cls(retriever, tokenize)
