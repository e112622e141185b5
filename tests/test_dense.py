"""FAISS flat index with the fake embedder: search, subsets, save/load, corrupt files."""

from pathlib import Path

import numpy as np
import pytest

from assistant.dense import DenseIndex
from assistant.embed.fake import FakeEmbedder
from assistant.errors import IndexStoreError

TEXTS = [
    "エンジニアカフェの相談件数",
    "赤煉瓦文化館の入館者数",
    "留学生の就職支援",
    "AI人材の育成研修",
    "エンジニアフレンドリーシティ福岡",
]


@pytest.fixture(scope="module")
def embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture(scope="module")
def index(embedder: FakeEmbedder) -> DenseIndex:
    return DenseIndex.build(embedder.embed(TEXTS, role="passage"))


def test_each_text_finds_itself(index: DenseIndex, embedder: FakeEmbedder) -> None:
    for i, text in enumerate(TEXTS):
        hits = index.search(embedder.embed([text], role="query")[0], k=3)
        assert hits[0][0] == i
        assert hits[0][1] == pytest.approx(1.0, abs=1e-5)
        assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)


def test_k_larger_than_index(index: DenseIndex, embedder: FakeEmbedder) -> None:
    hits = index.search(embedder.embed(["相談"], role="query"), k=50)
    assert sorted(doc for doc, _ in hits) == list(range(len(TEXTS)))


def test_subset(index: DenseIndex, embedder: FakeEmbedder) -> None:
    q = embedder.embed([TEXTS[0]], role="query")[0]
    hits = index.search(q, k=5, subset=np.array([2, 4]))
    assert {doc for doc, _ in hits} == {2, 4}
    assert hits[0][0] == 4  # shares エンジニア with the query
    assert index.search(q, k=5, subset=np.array([], dtype=np.int64)) == []


def test_search_many_matches_search(index: DenseIndex, embedder: FakeEmbedder) -> None:
    q = embedder.embed(TEXTS[:2], role="query")
    assert index.search_many(q, k=2) == [index.search(q[0], k=2), index.search(q[1], k=2)]


def test_dimension_mismatch(index: DenseIndex) -> None:
    with pytest.raises(ValueError, match="dimensions"):
        index.search(np.ones(8, dtype=np.float32), k=1)


def test_save_load_round_trip(index: DenseIndex, embedder: FakeEmbedder, tmp_path: Path) -> None:
    path = tmp_path / "sub" / "dense.faiss"
    index.save(path)
    loaded = DenseIndex.load(path)
    assert (len(loaded), loaded.dim) == (len(TEXTS), 64)
    np.testing.assert_array_equal(loaded.vectors(), index.vectors())
    q = embedder.embed(["留学生"], role="query")[0]
    assert loaded.search(q, k=3) == index.search(q, k=3)


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty"])
def test_corrupt_file_gives_clear_error(index: DenseIndex, tmp_path: Path, damage: str) -> None:
    path = tmp_path / "dense.faiss"
    index.save(path)
    data = path.read_bytes()
    path.write_bytes({"truncate": data[: len(data) // 2], "garbage": b"garbage!" * 64, "empty": b""}[damage])
    with pytest.raises(IndexStoreError, match="corrupt or not a FAISS index"):
        DenseIndex.load(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(IndexStoreError, match="not found"):
        DenseIndex.load(tmp_path / "nope.faiss")


def test_add_appends_ids(embedder: FakeEmbedder) -> None:
    index = DenseIndex.build(embedder.embed(TEXTS[:2], role="passage"))
    index.add(embedder.embed(TEXTS[2:], role="passage"))
    assert len(index) == len(TEXTS)
    assert index.search(embedder.embed([TEXTS[4]], role="query")[0], k=1)[0][0] == 4
