"""Content-addressed cache of per-passage work: a passage is embedded (and tokenized for BM25) once per embedder
(tokenizer), whatever build asks for it again.

Vectors are keyed by (embedder id, SHA-256 of the exact text embedded) in one SQLite file beside the index builds.
SQLite commits a batch or nothing, so a build killed mid-way leaves only whole entries behind; an entry written by
another embedder (or with another dimension) is never returned. Builds prune entries that no build uses any more.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .embed.base import Embedder
from .sqlitefile import open_cache_db

SCHEMA = """
CREATE TABLE IF NOT EXISTS vectors (embedder TEXT NOT NULL, key TEXT NOT NULL, dim INTEGER NOT NULL,
                                    vec BLOB NOT NULL, PRIMARY KEY (embedder, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tokens (tokenizer TEXT NOT NULL, key TEXT NOT NULL, terms TEXT NOT NULL,
                                   PRIMARY KEY (tokenizer, key)) WITHOUT ROWID;
"""
_SEP = "\x1f"  # ASCII unit separator: never part of a term
_LOOKUP_CHUNK = 500  # SQLite binds at most ~32k parameters; stay far below


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CacheStats:
    hits: int
    misses: int


class EmbeddingCache:
    """One SQLite file of vectors; open, use, close (not shared between threads)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.con = open_cache_db(path, SCHEMA, "vectors")

    def close(self) -> None:
        self.con.close()

    def get(self, embedder_id: str, dim: int, keys: Sequence[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), _LOOKUP_CHUNK):
            part = unique[start:start + _LOOKUP_CHUNK]
            q = f"SELECT key, vec FROM vectors WHERE embedder = ? AND dim = ? AND key IN ({','.join('?' * len(part))})"
            for key, blob in self.con.execute(q, (embedder_id, dim, *part)):
                vec = np.frombuffer(blob, dtype=np.float32)
                if vec.shape == (dim,):
                    out[key] = vec
        return out

    def put(self, embedder_id: str, dim: int, items: Sequence[tuple[str, np.ndarray]]) -> None:
        """Store a batch in one transaction (all of it or none of it)."""
        with self.con:
            self.con.executemany(
                "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)",
                [(embedder_id, k, dim, np.ascontiguousarray(v, dtype=np.float32).tobytes()) for k, v in items])

    def get_terms(self, tokenizer_id: str, keys: Sequence[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), _LOOKUP_CHUNK):
            part = unique[start:start + _LOOKUP_CHUNK]
            q = f"SELECT key, terms FROM tokens WHERE tokenizer = ? AND key IN ({','.join('?' * len(part))})"
            for key, terms in self.con.execute(q, (tokenizer_id, *part)):
                out[key] = terms.split(_SEP) if terms else []
        return out

    def put_terms(self, tokenizer_id: str, items: Sequence[tuple[str, list[str]]]) -> None:
        with self.con:
            self.con.executemany("INSERT OR REPLACE INTO tokens VALUES (?, ?, ?)",
                                 [(tokenizer_id, k, _SEP.join(t)) for k, t in items])

    def prune(self, keep: dict[str, set[str]], keep_terms: dict[str, set[str]] | None = None) -> int:
        """Delete every entry not in `keep` (embedder id → keys) or `keep_terms` (tokenizer id → keys)."""
        with self.con:
            self.con.execute("CREATE TEMP TABLE IF NOT EXISTS keep (owner TEXT, key TEXT, PRIMARY KEY (owner, key))")
            self.con.execute("DELETE FROM keep")
            self.con.executemany("INSERT OR IGNORE INTO keep VALUES (?, ?)",
                                 [(e, k) for e, ks in keep.items() for k in ks])
            n = self.con.execute("DELETE FROM vectors WHERE (embedder, key) NOT IN (SELECT owner, key FROM keep)"
                                 ).rowcount
            if keep_terms is not None:
                self.con.execute("DELETE FROM keep")
                self.con.executemany("INSERT OR IGNORE INTO keep VALUES (?, ?)",
                                     [(e, k) for e, ks in keep_terms.items() for k in ks])
                n += self.con.execute("DELETE FROM tokens WHERE (tokenizer, key) NOT IN (SELECT owner, key FROM keep)"
                                      ).rowcount
            return n

    def __len__(self) -> int:
        return int(self.con.execute("SELECT count(*) FROM vectors").fetchone()[0])


def embed_cached(cache: EmbeddingCache, embedder: Embedder, texts: Sequence[str], *, batch_size: int = 64,
                 progress: Callable[[int, int], None] | None = None) -> tuple[np.ndarray, CacheStats]:
    """Passage vectors for `texts`, embedding only the texts this embedder has never embedded before.

    Each embedded batch is committed to the cache before the next one starts, so an interrupted build keeps the
    work it has done.
    """
    keys = [text_key(t) for t in texts]
    found = cache.get(embedder.id, embedder.dim, keys)
    todo = [i for i, k in enumerate(keys) if k not in found]
    first = {}
    for i in todo:
        first.setdefault(keys[i], i)
    missing = list(first.values())  # each distinct text once
    out = np.empty((len(texts), embedder.dim), dtype=np.float32)
    for start in range(0, len(missing), batch_size):
        idx = missing[start:start + batch_size]
        vecs = embedder.embed([texts[i] for i in idx], role="passage")
        cache.put(embedder.id, embedder.dim, [(keys[i], v) for i, v in zip(idx, vecs, strict=True)])
        for i, v in zip(idx, vecs, strict=True):
            found[keys[i]] = v
        if progress is not None:
            progress(min(start + batch_size, len(missing)), len(missing))
    for i, k in enumerate(keys):
        out[i] = found[k]
    return out, CacheStats(hits=len(texts) - len(todo), misses=len(missing))


def tokenize_cached(cache: EmbeddingCache, tokenizer_id: str, tokenize: Callable[[str], list[str]],
                    texts: Sequence[str]) -> tuple[list[list[str]], CacheStats]:
    """BM25 terms for `texts`, running the tokenizer only on texts it has never split before."""
    keys = [text_key(t) for t in texts]
    found = cache.get_terms(tokenizer_id, keys)
    new: dict[str, list[str]] = {}
    for k, t in zip(keys, texts, strict=True):
        if k not in found and k not in new:
            new[k] = tokenize(t)
    if new:
        cache.put_terms(tokenizer_id, list(new.items()))
    found.update(new)
    return [found[k] for k in keys], CacheStats(hits=len(texts) - sum(1 for k in keys if k in new), misses=len(new))
