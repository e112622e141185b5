"""Exact cosine search over normalized embeddings with a FAISS flat inner-product index."""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

from .errors import IndexStoreError


class DenseIndex:
    """FAISS `IndexFlatIP` over L2-normalized rows, so scores are cosines; doc ids are row positions."""

    def __init__(self, index: faiss.Index) -> None:
        self._index = index

    @classmethod
    def build(cls, vectors: np.ndarray) -> DenseIndex:
        """Index the rows of `vectors` (n, dim); rows are expected L2-normalized (embedders return them so)."""
        vectors = _as_matrix(vectors)
        index = faiss.IndexFlatIP(vectors.shape[1])
        index.add(vectors)
        return cls(index)

    @property
    def dim(self) -> int:
        return int(self._index.d)

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def add(self, vectors: np.ndarray) -> None:
        """Append rows; they get the next doc ids."""
        vectors = _as_matrix(vectors)
        if vectors.shape[1] != self.dim:
            raise ValueError(f"vectors have {vectors.shape[1]} dimensions, the index {self.dim}")
        self._index.add(vectors)

    def search(self, qvec: np.ndarray, k: int, subset: np.ndarray | None = None) -> list[tuple[int, float]]:
        """The `k` nearest docs to one query vector as (doc id, cosine), best first.

        Args:
            qvec: a (dim,) or (1, dim) normalized query vector.
            k: how many hits at most.
            subset: doc ids to search among (a filter); None searches all docs.
        """
        return self.search_many(np.atleast_2d(qvec), k, subset)[0]

    def search_many(self, qvecs: np.ndarray, k: int, subset: np.ndarray | None = None) -> list[list[tuple[int, float]]]:
        """`search` for each row of `qvecs` (one FAISS call)."""
        qvecs = _as_matrix(qvecs)
        if qvecs.shape[1] != self.dim:
            raise ValueError(f"query vectors have {qvecs.shape[1]} dimensions, the index {self.dim}")
        k = min(k, len(self) if subset is None else len(subset))
        if k <= 0:
            return [[] for _ in range(len(qvecs))]
        params = None
        if subset is not None:
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(np.asarray(subset, dtype=np.int64)))
        scores, ids = self._index.search(qvecs, k, params=params)
        return [
            [(int(i), float(s)) for i, s in zip(row_ids, row_scores, strict=True) if i >= 0]
            for row_ids, row_scores in zip(ids, scores, strict=True)
        ]

    def vectors(self) -> np.ndarray:
        """All indexed rows, (n, dim) float32 (a copy)."""
        return self._index.reconstruct_n(0, len(self))

    def save(self, path: Path) -> None:
        """Write the index to one file (FAISS's own binary format)."""
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path) -> DenseIndex:
        """Read a file written by `save`; a missing, truncated or foreign file raises `IndexStoreError`."""
        path = Path(path)
        if not path.is_file():
            raise IndexStoreError(f"dense index file {path} not found: build the index first")
        try:
            index = faiss.read_index(str(path))
        except RuntimeError as exc:
            reason = str(exc).strip().rsplit(": ", 1)[-1]  # FAISS prefixes the C++ function and source line
            raise IndexStoreError(f"dense index file {path} is corrupt or not a FAISS index ({reason})") from exc
        if not isinstance(index, faiss.IndexFlatIP):
            raise IndexStoreError(f"dense index file {path} holds a {type(index).__name__}, expected IndexFlatIP")
        return cls(index)


def _as_matrix(vectors: np.ndarray) -> np.ndarray:
    """A C-contiguous float32 (n, dim) array, as FAISS requires."""
    matrix = np.ascontiguousarray(np.atleast_2d(vectors), dtype=np.float32)
    if matrix.ndim != 2 or matrix.shape[1] == 0:
        raise ValueError(f"expected an (n, dim) array of vectors, got shape {np.shape(vectors)}")
    return matrix
