"""The embedding cache: a rebuild embeds only new passages, another embedder's vectors are never used, and a build
killed with SIGKILL leaves the old index serving and the cache whole."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from assistant.config import Config
from assistant.embcache import EmbeddingCache, embed_cached, text_key
from assistant.embed.fake import FakeEmbedder
from assistant.index import build_index, cache_path, open_index
from tests.conftest import FIXTURES, SEED

ROOT = Path(__file__).resolve().parent.parent


class CountingEmbedder(FakeEmbedder):
    def __init__(self) -> None:
        self.embedded: list[str] = []

    def embed(self, texts: Sequence[str], *, role: str) -> np.ndarray:
        self.embedded.extend(texts)
        return super().embed(texts, role=role)


def test_rebuild_embeds_only_new_passages(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus)
    cfg = Config(corpus, tmp_path / "index", "fake-hash-64")
    first = CountingEmbedder()
    index, _ = build_index(cfg, embedder=first)
    n = index.manifest["chunks"]
    assert index.manifest["embedding_cache"] == {"hits": 0, "misses": len(set(first.embedded))}
    shutil.copy(FIXTURES / "reports" / "toho-village_H30.txt", corpus)
    second = CountingEmbedder()
    index2, _ = build_index(cfg, embedder=second)
    assert index2.manifest["embedding_cache"]["hits"] == n  # the seed's passages come from the cache
    assert 0 < len(second.embedded) == index2.manifest["embedding_cache"]["misses"] < index2.manifest["chunks"]
    fresh = FakeEmbedder().embed([c.indexed_text for c in index2.records.chunks], role="passage")
    assert np.allclose(open_index(cfg).dense.vectors(), fresh)  # cached vectors are the ones embedding gives


def test_other_embedders_entries_are_never_used(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path / "c.sqlite")
    key = text_key("同じ文")
    cache.put("model-a", 4, [(key, np.ones(4, dtype=np.float32))])
    cache.put("model-b", 8, [(key, np.zeros(8, dtype=np.float32))])
    assert set(cache.get("model-c", 4, [key])) == set()
    assert cache.get("model-a", 8, [key]) == {}  # same id, other dimension: not this model's vector
    assert np.array_equal(cache.get("model-a", 4, [key])[key], np.ones(4))
    counting = CountingEmbedder()
    cache.put("model-a", 64, [(key, np.full(64, 0.5, dtype=np.float32))])
    vecs, stats = embed_cached(cache, counting, ["同じ文"])
    assert counting.embedded == ["同じ文"] and (stats.hits, stats.misses) == (0, 1)
    assert np.allclose(vecs[0], FakeEmbedder().embed(["同じ文"], role="passage")[0])
    assert cache.prune({"fake-hash-64": {key}}) == 2 and len(cache) == 1  # model-a (replaced once) and model-b
    cache.close()


def test_corrupt_cache_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    path.write_bytes(b"not a database" * 100)
    cache = EmbeddingCache(path)
    assert len(cache) == 0 and (tmp_path / "c.sqlite.corrupt").exists()
    cache.close()


def test_kill_9_during_cached_build(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus)
    cfg = Config(corpus, tmp_path / "index", "fake-hash-64")
    old, _ = build_index(cfg)
    for p in (FIXTURES / "reports").glob("*.txt"):
        shutil.copy(p, corpus)
    script = textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        sys.path.insert(0, {str(ROOT)!r})
        from assistant.config import Config
        from assistant.embed.fake import FakeEmbedder
        from assistant.index import build_index

        class Slow(FakeEmbedder):
            def embed(self, texts, *, role):
                print("batch", flush=True)
                time.sleep(0.3)
                return super().embed(texts, role=role)

        build_index(Config(Path({str(corpus)!r}), Path({str(cfg.index_dir)!r}), "fake-hash-64"), embedder=Slow())
    """)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    batches = 0
    deadline = time.time() + 60
    while batches < 2 and time.time() < deadline:  # the 2nd batch starts after the 1st is committed
        if proc.stdout.readline().startswith("batch"):
            batches += 1
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert batches == 2
    still = open_index(cfg, check=False)  # the old build is still the live one
    assert still.path == old.path and still.records == old.records
    cache = EmbeddingCache(cache_path(cfg.index_dir))
    rows = cache.con.execute("SELECT key, dim, vec FROM vectors WHERE embedder = 'fake-hash-64'").fetchall()
    cache.close()
    assert len(rows) > old.manifest["chunks"]  # whole batches of the killed build were kept
    texts = {text_key(t): t for t in _all_chunk_texts(cfg)}
    for key, dim, blob in rows:
        vec = np.frombuffer(blob, dtype=np.float32)
        assert dim == 64 and vec.shape == (64,)
        if key in texts:
            assert np.allclose(vec, FakeEmbedder().embed([texts[key]], role="passage")[0])
    rebuilt, _ = build_index(cfg)  # the next build reuses what the killed one embedded
    assert rebuilt.manifest["embedding_cache"]["hits"] == sum(1 for key, _, _ in rows if key in texts)


def _all_chunk_texts(cfg: Config) -> list[str]:
    from assistant.chunking import make_chunks
    from assistant.corpus import read_corpus

    return [c.indexed_text for c in make_chunks(read_corpus(cfg.corpus_dir, workers=1).reports)]


def test_parse_cache_reuses_unchanged_reports(tmp_path: Path) -> None:
    from assistant.corpus import read_corpus
    from assistant.parsecache import ParseCache, file_key, from_json, to_json

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus)
    shutil.copy(FIXTURES / "layouts" / "sheet_shiratoridai-city.pdf", corpus)
    (corpus / "empty.txt").write_bytes(b"")
    cache = tmp_path / "parsed.sqlite"
    first = read_corpus(corpus, workers=1, cache=cache)
    second = read_corpus(corpus, workers=1, cache=cache)
    assert first.parsed_from_cache == 0 and second.parsed_from_cache == 2  # the empty file is never cached
    assert second.reports == first.reports and second.problems == first.problems
    for pr in first.reports:
        assert from_json(to_json(pr)) == pr
    (corpus / SEED.name).write_text(SEED.read_text(encoding="utf-8").replace("67,055", "67,056"), encoding="utf-8")
    third = read_corpus(corpus, workers=1, cache=cache)
    assert third.parsed_from_cache == 1
    pc = ParseCache(cache)
    import hashlib

    assert pc.get(file_key(SEED.name, hashlib.sha256(SEED.read_bytes()).digest())) is None  # pruned: gone
    pc.close()
