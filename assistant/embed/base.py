"""The embedder interface: texts in, L2-normalized float32 rows out, plus conveniences built on it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal, Protocol, runtime_checkable

import numpy as np

Role = Literal["query", "passage"]
ROLES: tuple[Role, ...] = ("query", "passage")


@runtime_checkable
class Embedder(Protocol):
    """Maps texts to unit-length float32 vectors; `id` names the model and settings that shape the vectors."""

    id: str
    dim: int

    def embed(self, texts: Sequence[str], *, role: Role) -> np.ndarray:
        """Embed `texts` as queries or passages: an (n, dim) float32 array with L2-normalized rows."""
        ...


def check_role(role: str) -> None:
    """Raise ValueError unless `role` is "query" or "passage"."""
    if role not in ROLES:
        raise ValueError(f"role must be 'query' or 'passage', not {role!r}")


def normalize_rows(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit L2 length as float32 (all-zero rows stay zero)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.ascontiguousarray(vectors / np.maximum(norms, 1e-12), dtype=np.float32)


def embed_query(embedder: Embedder, text: str) -> np.ndarray:
    """One query vector, shape (dim,)."""
    return embedder.embed([text], role="query")[0]


def embed_passages(
    embedder: Embedder,
    texts: Sequence[str],
    *,
    batch_size: int = 64,
    progress: Callable[[int, int], None] | None = None,
) -> np.ndarray:
    """Passage vectors for many texts, (n, dim), embedded `batch_size` at a time.

    Args:
        embedder: any backend.
        texts: passages to embed.
        batch_size: texts per `embed` call (bounds memory; progress is reported per batch).
        progress: called with (done, total) after each batch.
    """
    out = np.empty((len(texts), embedder.dim), dtype=np.float32)
    for start in range(0, len(texts), batch_size):
        stop = min(start + batch_size, len(texts))
        out[start:stop] = embedder.embed(texts[start:stop], role="passage")
        if progress is not None:
            progress(stop, len(texts))
    return out
