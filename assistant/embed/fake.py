"""Deterministic hashing embedder (character bigrams -> 64 dims) for fast tests without a model."""

from __future__ import annotations

import unicodedata
import zlib
from collections.abc import Sequence

import numpy as np

from .base import Role, check_role, normalize_rows


class FakeEmbedder:
    """Texts sharing character bigrams get similar vectors; same text, same vector, in any process.

    The role is ignored: a query and a passage with the same text get the same vector.
    """

    id = "fake-hash-64"
    dim = 64

    def embed(self, texts: Sequence[str], *, role: Role) -> np.ndarray:
        """Hash each text's NFKC character bigrams into signed buckets, then L2-normalize."""
        check_role(role)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            text = unicodedata.normalize("NFKC", text).lower()
            grams = [text[i : i + 2] for i in range(len(text) - 1)] or [text]
            for gram in grams:
                # crc32, not hash(): Python salts str hashes per process
                h = zlib.crc32(gram.encode("utf-8"))
                out[row, h % self.dim] += 1.0 if (h >> 16) & 1 else -1.0
            if not out[row].any():  # "" or grams cancelling out: still a unit vector
                out[row, 0] = 1.0
        return normalize_rows(out)
