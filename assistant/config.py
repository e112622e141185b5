"""One frozen settings object, read once at the entry point; environment variables move all state."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_EMBEDDER = "e5-small-q4"
ENV_CORPUS = "ASSISTANT_CORPUS"
ENV_INDEX = "ASSISTANT_INDEX"
ENV_EMBEDDER = "ASSISTANT_EMBEDDER"
MAX_QUESTION_CHARS = 500


@dataclass(frozen=True)
class Config:
    corpus_dir: Path
    index_dir: Path
    embedder: str = DEFAULT_EMBEDDER

    @classmethod
    def from_env(cls, corpus: str | Path | None = None, index: str | Path | None = None,
                 embedder: str | None = None) -> Config:
        """Explicit arguments win, then ASSISTANT_CORPUS / ASSISTANT_INDEX / ASSISTANT_EMBEDDER, then defaults."""
        root = Path(__file__).resolve().parent.parent
        c = corpus or os.environ.get(ENV_CORPUS) or root / "corpus"
        i = index or os.environ.get(ENV_INDEX) or root / "index"
        e = embedder or os.environ.get(ENV_EMBEDDER) or DEFAULT_EMBEDDER
        return cls(Path(c), Path(i), e)
