"""Build and open the index folder: records (SQLite), BM25 files, FAISS vectors and a manifest, swapped in atomically.

Layout::

    index/
      CURRENT                 name of the live build (replaced atomically with os.replace)
      builds/<build>/         manifest.json, records.sqlite, sparse/, dense.faiss
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .chunking import make_chunks
from .config import Config
from .corpus import Corpus, corpus_signature, fingerprint, read_corpus, report_files
from .dense import DenseIndex
from .embcache import EmbeddingCache, embed_cached, text_key, tokenize_cached
from .embed.base import Embedder
from .embed.factory import make_embedder
from .errors import IndexStoreError
from .parsecache import READER_VERSION
from .sparse import SparseIndex
from .store import Records, load_records, write_records
from .tokenize import JapaneseTokenizer

FORMAT_VERSION = 3  # 3: records stored a JSON array per field (store.py)
EMBED_BATCH = 64
Progress = Callable[[int, int, str], None]  # (done, total, stage)


@dataclass(frozen=True)
class Index:
    """An opened index: the records plus both retrieval structures and the embedder that built them."""

    path: Path
    manifest: dict[str, Any]
    records: Records
    sparse: SparseIndex
    dense: DenseIndex
    embedder: Embedder
    tokenizer: JapaneseTokenizer


def stderr_progress(done: int, total: int, stage: str) -> None:
    """A one-line progress bar on stderr (only drawn for long runs)."""
    if total < 200 and done < total:
        return
    width = 30
    filled = int(width * done / max(total, 1))
    end = "\n" if done >= total else ""
    print(f"\r{stage}: [{'#' * filled}{'.' * (width - filled)}] {done}/{total}", end=end, file=sys.stderr,
          flush=True)


def current_build(index_dir: Path) -> Path | None:
    pointer = index_dir / "CURRENT"
    if not pointer.is_file():
        return None
    name = pointer.read_text(encoding="utf-8").strip()
    path = index_dir / "builds" / name
    return path if name and path.is_dir() else None


def build_index(config: Config, progress: Progress | None = None, embedder: Embedder | None = None,
                tokenizer: JapaneseTokenizer | None = None) -> tuple[Index, Corpus]:
    """Read the corpus and write a complete new index; the previous one stays live until the final swap.

    Returns the opened index and the corpus read (its problems list every report that was skipped or doubtful).
    """
    corpus = read_corpus(config.corpus_dir, cache=config.index_dir / "cache" / "parsed.sqlite")
    if not corpus.reports:
        detail = "; ".join(str(p) for p in corpus.problems[:5])
        raise IndexStoreError(f"no readable report in {config.corpus_dir}: {detail}")
    embedder = embedder or make_embedder(config.embedder)
    tokenizer = tokenizer or JapaneseTokenizer()
    chunks = make_chunks(corpus.reports)
    records = Records(
        reports=tuple(r.report for r in corpus.reports),
        projects=tuple(p for r in corpus.reports for p in r.projects),
        kpis=tuple(k for r in corpus.reports for k in r.kpis),
        chunks=tuple(chunks),
        problems=corpus.problems,
    )
    builds = config.index_dir / "builds"
    builds.mkdir(parents=True, exist_ok=True)
    name = time.strftime("%Y%m%d-%H%M%S") + "-" + uuid.uuid4().hex[:8]
    tmp = builds / f".tmp-{name}"
    tmp.mkdir()
    try:
        texts = [c.indexed_text for c in chunks]
        write_records(tmp / "records.sqlite", records)
        t0 = time.perf_counter()
        report = (lambda done, total: progress(done, total, "embedding new passages")) if progress else None
        cache = EmbeddingCache(cache_path(config.index_dir))
        try:
            terms, _ = tokenize_cached(cache, tokenizer_id(tokenizer), tokenizer, texts)
            sparse = SparseIndex.from_tokens(terms, tokenizer)
            sparse.save(tmp / "sparse")
            t1 = time.perf_counter()
            vectors, stats = embed_cached(cache, embedder, texts, batch_size=EMBED_BATCH, progress=report)
        finally:
            cache.close()
        t2 = time.perf_counter()
        dense = DenseIndex.build(vectors)
        dense.save(tmp / "dense.faiss")
        manifest = {
            "format_version": FORMAT_VERSION,
            "reader_version": READER_VERSION,
            "embedder": embedder.id,
            "dim": int(embedder.dim),
            "corpus_dir": str(config.corpus_dir),
            "corpus_fingerprint": corpus.fingerprint,
            "corpus_stat": stat_signature(config.corpus_dir),
            "files": list(corpus.files),
            "reports": len(records.reports),
            "projects": len(records.projects),
            "kpis": len(records.kpis),
            "chunks": len(chunks),
            "problems": len(corpus.problems),
            "tokenizer": tokenizer_id(tokenizer),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "seconds": {"sparse": round(t1 - t0, 3), "embed": round(t2 - t1, 3)},
            "embedding_cache": {"hits": stats.hits, "misses": stats.misses},
            "parse_cache": {"hits": corpus.parsed_from_cache, "misses": len(corpus.files) - corpus.parsed_from_cache},
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        _fsync_tree(tmp)
        final = builds / name
        os.rename(tmp, final)
        pointer_tmp = config.index_dir / f".CURRENT.{name}"
        pointer_tmp.write_text(name, encoding="utf-8")
        _fsync_file(pointer_tmp)
        os.replace(pointer_tmp, config.index_dir / "CURRENT")  # the single atomic step that publishes the build
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _remove_old_builds(builds, keep=name)
    _prune_cache(config.index_dir, embedder.id, tokenizer_id(tokenizer), texts)
    index = Index(final, manifest, records, sparse, dense, embedder, tokenizer)
    return index, corpus


def cache_path(index_dir: Path) -> Path:
    """The embedding cache shared by every build of this index folder."""
    return index_dir / "cache" / "embeddings.sqlite"


def tokenizer_id(tokenizer: JapaneseTokenizer) -> str:
    return tokenizer.id if hasattr(tokenizer, "id") else type(tokenizer).__name__


def _prune_cache(index_dir: Path, embedder_id: str, tok_id: str, texts: list[str]) -> None:
    """Keep only the vectors and terms the live build uses (the only build left once older ones are removed)."""
    cache = EmbeddingCache(cache_path(index_dir))
    try:
        keys = {text_key(t) for t in texts}
        cache.prune({embedder_id: keys}, {tok_id: keys})
    finally:
        cache.close()


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as f:
        os.fsync(f.fileno())


def _fsync_tree(root: Path) -> None:
    for p in root.rglob("*"):
        if p.is_file():
            _fsync_file(p)


def _remove_old_builds(builds: Path, keep: str) -> None:
    for p in builds.iterdir():
        if p.name != keep and not p.name.startswith(".tmp-"):
            shutil.rmtree(p, ignore_errors=True)
        elif p.name.startswith(".tmp-") and time.time() - p.stat().st_mtime > 24 * 3600:
            shutil.rmtree(p, ignore_errors=True)  # left by a build killed a day ago


def same_embedder(spec: str, built: str) -> bool:
    """Does a settings spec name the embedder an index was built with? (ST specs may spell default prefixes.)"""
    if spec.strip() == built.strip():
        return True
    st = "sentence-transformers:"
    if not (spec.startswith(st) and built.startswith(st)):
        return False
    from .embed.factory import parse_st_spec
    from .embed.st import default_prefixes

    (name, q, p), (bname, bq, bp) = parse_st_spec(spec), parse_st_spec(built)
    defaults = default_prefixes(name)

    def custom(a: str | None, b: str | None) -> tuple[str, str] | None:
        return None if a is None or b is None or (a, b) == defaults else (a, b)

    return name == bname and custom(q, p) == custom(bq, bp)


def tune_threads() -> None:
    """One FAISS thread: on small machines its OpenMP pool fights the embedder's (measured in bench/RESULTS.md).

    Process-wide, so entry points (CLI, app, eval) call it, not the library.
    """
    import faiss

    faiss.omp_set_num_threads(1)


def stat_signature(corpus_dir: Path) -> str:
    """A hash of the report files' names, sizes and modification times (no file is read)."""
    h = hashlib.sha256()
    for name, size, mtime in corpus_signature(corpus_dir):
        h.update(f"{name}\0{size}\0{mtime}\n".encode())
    return h.hexdigest()[:32]


def staleness(config: Config, manifest: dict[str, Any]) -> str | None:
    """Why an index no longer matches the corpus/settings, or None when it still does."""
    if manifest.get("format_version") != FORMAT_VERSION:
        return f"index format {manifest.get('format_version')} is not the current {FORMAT_VERSION}"
    if manifest.get("reader_version") != READER_VERSION:
        # the reports were read by other reader code (an upgrade): their records may differ now
        return "the report readers changed since the index was built"
    if not same_embedder(config.embedder, str(manifest.get("embedder"))):
        return f"index was built with embedder {manifest.get('embedder')!r}, settings ask for {config.embedder!r}"
    try:
        if manifest.get("corpus_stat") and stat_signature(config.corpus_dir) == manifest["corpus_stat"]:
            return None  # same names, sizes and times as at build time: no need to read every file
        fp = fingerprint(report_files(config.corpus_dir))
    except Exception:
        return None  # no corpus folder: the index is all there is
    if fp != manifest.get("corpus_fingerprint"):
        return "the corpus changed since the index was built"
    return None


def open_index(config: Config, embedder: Embedder | None = None, tokenizer: JapaneseTokenizer | None = None,
               check: bool = True) -> Index:
    """Open the live build.

    Raises:
        IndexStoreError: no index, a stale one (check=True), or a corrupt one — the message says how to rebuild.
    """
    path = current_build(config.index_dir)
    rebuild = "rebuild it with: python -m assistant index"
    if path is None:
        raise IndexStoreError(f"no index in {config.index_dir}; build it with: python -m assistant index")
    try:
        manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexStoreError(f"index manifest in {path} is unreadable ({exc}); {rebuild}") from None
    if check and (why := staleness(config, manifest)):
        raise StaleIndex(f"{why}; {rebuild}")
    embedder = embedder or make_embedder(manifest["embedder"])
    if not same_embedder(embedder.id, str(manifest.get("embedder"))) or embedder.dim != manifest.get("dim"):
        raise StaleIndex(f"index vectors come from {manifest.get('embedder')} ({manifest.get('dim')}-d), "
                         f"not {embedder.id} ({embedder.dim}-d); {rebuild}")
    tokenizer = tokenizer or JapaneseTokenizer()
    try:
        records = load_records(path / "records.sqlite")
    except sqlite3.DatabaseError as exc:
        raise IndexStoreError(f"index records in {path} are corrupt ({exc}); {rebuild}") from None
    try:
        sparse = SparseIndex.load(path / "sparse", tokenizer)
        dense = DenseIndex.load(path / "dense.faiss")
    except IndexStoreError as exc:
        raise IndexStoreError(f"{exc}; {rebuild}") from None
    if len(dense) != len(records.chunks) or len(sparse) != len(records.chunks):
        raise IndexStoreError(f"index in {path} is inconsistent ({len(records.chunks)} chunks, {len(dense)} vectors, "
                              f"{len(sparse)} BM25 docs); {rebuild}")
    return Index(path, manifest, records, sparse, dense, embedder, tokenizer)


class StaleIndex(IndexStoreError):
    """The index was built from another corpus or with another embedder."""


def open_or_build(config: Config, progress: Progress | None = None, log: Callable[[str], None] | None = None,
                  embedder: Embedder | None = None) -> Index:
    """Open the index, building it when missing or stale (never when corrupt: that needs a deliberate rebuild)."""
    try:
        return open_index(config, embedder=embedder)
    except StaleIndex as exc:
        if log:
            log(f"rebuilding the index: {exc}")
    except IndexStoreError:
        if current_build(config.index_dir) is not None:
            raise
        if log:
            log(f"building the index for {config.corpus_dir} (first use)…")
    index, corpus = build_index(config, progress=progress, embedder=embedder)
    if log:
        for p in corpus.problems:
            log(f"warning: {p}")
    return index
