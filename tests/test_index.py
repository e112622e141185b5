"""The index folder: manifest checks, stale and corrupt indexes, atomic rebuilds, and search on the real index."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assistant.api import Assistant
from assistant.config import Config
from assistant.errors import IndexStoreError
from assistant.index import FORMAT_VERSION, StaleIndex, build_index, current_build, open_index, open_or_build
from assistant.parsecache import READER_VERSION
from assistant.retrieve import Filters
from tests.conftest import SEED


@pytest.fixture()
def cfg(tmp_path: Path) -> Config:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    return Config(corpus, tmp_path / "index", "fake-hash-64")


def test_build_writes_a_complete_folder(cfg: Config) -> None:
    index, corpus = build_index(cfg)
    files = {p.name for p in index.path.iterdir()}
    assert {"manifest.json", "records.sqlite", "dense.faiss", "sparse"} <= files
    m = json.loads((index.path / "manifest.json").read_text(encoding="utf-8"))
    assert m["embedder"] == "fake-hash-64" and m["dim"] == 64 and m["format_version"] == FORMAT_VERSION
    assert m["corpus_fingerprint"] == corpus.fingerprint and m["kpis"] == 15 and m["projects"] == 4
    assert (cfg.index_dir / "CURRENT").read_text().strip() == index.path.name
    reopened = open_index(cfg)
    assert reopened.records == index.records


def test_changed_corpus_or_embedder_is_stale(cfg: Config) -> None:
    build_index(cfg)
    with pytest.raises(StaleIndex, match="built with embedder"):
        open_index(Config(cfg.corpus_dir, cfg.index_dir, "e5-small-q4"))
    (cfg.corpus_dir / "extra.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(StaleIndex, match="corpus changed"):
        open_index(cfg)
    index = open_or_build(cfg)  # rebuilds by itself
    assert index.manifest["reports"] == 2


def test_an_index_read_by_older_reader_code_is_stale(cfg: Config) -> None:
    """After an upgrade of the report readers the same corpus may give other records: rebuild, never keep old ones."""
    index, _ = build_index(cfg)
    manifest = index.path / "manifest.json"
    m = json.loads(manifest.read_text(encoding="utf-8"))
    assert m["reader_version"] == READER_VERSION
    manifest.write_text(json.dumps({**m, "reader_version": "older"}), encoding="utf-8")
    with pytest.raises(StaleIndex, match="readers changed"):
        open_index(cfg)
    assert open_or_build(cfg).manifest["reader_version"] == READER_VERSION  # rebuilt by itself


def test_corrupt_index_gives_advice_and_is_not_silently_replaced(cfg: Config) -> None:
    index, _ = build_index(cfg)
    (index.path / "dense.faiss").write_bytes(b"not a faiss index")
    with pytest.raises(IndexStoreError, match="python -m assistant index"):
        open_or_build(cfg)
    (index.path / "manifest.json").write_text("{broken", encoding="utf-8")
    with pytest.raises(IndexStoreError, match="manifest"):
        open_index(cfg)


def test_damaged_records_or_bm25_files_give_advice(cfg: Config) -> None:
    index, _ = build_index(cfg)
    records = (index.path / "records.sqlite").read_bytes()
    (index.path / "records.sqlite").write_bytes(b"garbage" * 1000)
    with pytest.raises(IndexStoreError, match=r"records .* corrupt.*python -m assistant index"):
        open_index(cfg)
    (index.path / "records.sqlite").write_bytes(records)
    (index.path / "sparse" / "vocab.index.json").unlink()
    with pytest.raises(IndexStoreError, match=r"BM25 .* incomplete.*python -m assistant index"):
        open_index(cfg)


def test_an_index_in_an_older_format_is_rebuilt(cfg: Config) -> None:
    index, _ = build_index(cfg)
    m = json.loads((index.path / "manifest.json").read_text(encoding="utf-8"))
    (index.path / "manifest.json").write_text(json.dumps({**m, "format_version": FORMAT_VERSION - 1}), encoding="utf-8")
    with pytest.raises(StaleIndex, match="index format"):
        open_index(cfg)
    rebuilt = open_or_build(cfg)
    assert rebuilt.path != index.path and rebuilt.records == index.records
    assert open_index(cfg).manifest["format_version"] == FORMAT_VERSION


def test_interrupted_rebuild_leaves_the_previous_index_usable(cfg: Config, monkeypatch) -> None:
    first, _ = build_index(cfg)
    (cfg.corpus_dir / "extra.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("assistant.index.DenseIndex.build", boom)
    with pytest.raises(KeyboardInterrupt):
        build_index(cfg)
    assert current_build(cfg.index_dir) == first.path
    assert not [p for p in (cfg.index_dir / "builds").iterdir() if p.name.startswith(".tmp-")]
    still = open_index(cfg, check=False)
    assert still.manifest["reports"] == 1 and len(still.records.kpis) == 15


def test_a_bad_new_report_does_not_lose_the_others(cfg: Config) -> None:
    build_index(cfg)
    (cfg.corpus_dir / "broken.txt").write_bytes(b"\x00\x01garbage")
    index, corpus = build_index(cfg)
    assert index.manifest["reports"] == 1 and len(index.records.kpis) == 15
    assert any(p.file == "broken.txt" for p in corpus.problems)
    assert any(p.file == "broken.txt" for p in index.records.problems)


def test_empty_corpus_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    with pytest.raises(IndexStoreError, match="no readable report"):
        build_index(Config(tmp_path / "c", tmp_path / "i", "fake-hash-64"))


@pytest.mark.parametrize(("query", "project"), [
    ("エンジニアカフェでの相談対応", 1),
    ("AI人材を育てる研修", 2),
    ("留学生を呼び込む", 3),
    ("認知症ケアの講座", 4),
    ("高齢者の買い物支援", 4),
    ("キックオフイベントの講演", 2),
])
def test_real_index_ranks_the_right_project_first(seed_index: Assistant, query: str, project: int) -> None:
    hits = seed_index.search(query, k=3)
    assert hits[0].chunk.project_no == project
    assert hits[0].sparse_rank is not None or hits[0].dense_rank is not None
    assert seed_index.index.manifest["embedder"] == "e5-small-q4" and seed_index.index.manifest["dim"] == 384


def test_filters_restrict_results(seed_index: Assistant) -> None:
    hits = seed_index.search("研修", k=10, filters=Filters(project_no=4))
    assert hits and all(h.chunk.project_no == 4 for h in hits)
    assert seed_index.search("研修", k=10, filters=Filters(city="東京都")) == []
    # the empty 東京都 result is the filter at work, not an empty search: a city the reports name keeps its hits
    fukuoka = seed_index.search("研修", k=10, filters=Filters(city="福岡市"))
    assert fukuoka and all("福岡市" in (seed_index.lookup(h.chunk.report, h.chunk.project_no)[0].city or "")
                           for h in fukuoka)


@pytest.mark.parametrize(("spec", "built", "same"), [
    ("e5-small-q4", "e5-small-q4", True),
    ("fake-hash-64", "e5-small-q4", False),
    ("sentence-transformers:intfloat/multilingual-e5-small|query: |passage: ",
     "sentence-transformers:intfloat/multilingual-e5-small", True),  # the default prefixes spelled out
    ("sentence-transformers:cl-nagoya/ruri-v3-30m", "sentence-transformers:intfloat/multilingual-e5-small", False),
    ("sentence-transformers:intfloat/multilingual-e5-small|Q: |P: ",
     "sentence-transformers:intfloat/multilingual-e5-small", False),
])
def test_same_embedder(spec: str, built: str, same: bool) -> None:
    from assistant.index import same_embedder

    assert same_embedder(spec, built) is same
