"""BM25 over a tiny Japanese corpus with the real tokenizer."""

import itertools
from pathlib import Path

import numpy as np
import pytest

from assistant.errors import IndexStoreError
from assistant.sparse import SparseIndex, top_k
from assistant.tokenize import JapaneseTokenizer

CORPUS = [
    "エンジニアカフェでは、エンジニアからの技術相談に対応し、相談件数は253件だった。",
    "赤煉瓦文化館の入館者数は39,559人で、目標を下回った。",
    "留学生の就職支援として、企業説明会を開催した。",
    "AI人材の育成のため、研修を実施した。",
]


@pytest.fixture(scope="module")
def tok() -> JapaneseTokenizer:
    return JapaneseTokenizer()


@pytest.fixture(scope="module")
def index(tok: JapaneseTokenizer) -> SparseIndex:
    return SparseIndex.build(CORPUS, tok)


@pytest.mark.parametrize(
    ("query", "best"),
    [
        ("エンジニアカフェの相談件数", 0),
        ("赤レンガ文化館の入館者", 1),  # matches 赤煉瓦 through the lemma
        ("39559人", 1),  # "39,559" indexed without its comma
        ("留学生の就職", 2),
        ("ＡＩの研修", 3),  # full-width query, lowercased ASCII
    ],
)
def test_right_doc_first(index: SparseIndex, query: str, best: int) -> None:
    hits = index.search(query, k=4)
    assert hits[0][0] == best
    assert all(a[1] >= b[1] > 0 for a, b in itertools.pairwise(hits))


def test_no_match_gives_no_hits(index: SparseIndex) -> None:
    assert index.search("量子コンピュータ", k=3) == []
    assert index.search("", k=3) == []
    assert index.search("の。", k=3) == []


def test_k_limits_hits(index: SparseIndex) -> None:
    assert len(index.search("した", k=1)) <= 1
    assert len(index.search("研修 相談 留学生 入館", k=2)) == 2
    assert index.search("相談", k=0) == []


def test_subset_restricts_docs(index: SparseIndex) -> None:
    assert index.search("相談", k=4, subset=np.array([1, 2, 3])) == []
    hits = index.search("研修 相談", k=4, subset=np.array([3, 1]))
    assert [doc for doc, _ in hits] == [3]
    assert hits[0][1] == pytest.approx(index.search("研修 相談", k=4)[1][1])


def test_search_many(index: SparseIndex) -> None:
    results = index.search_many(["相談", "留学生"], k=2)
    assert [r[0][0] for r in results] == [0, 2]


def test_save_load_round_trip(index: SparseIndex, tok: JapaneseTokenizer, tmp_path: Path) -> None:
    index.save(tmp_path / "bm25")
    assert not list((tmp_path / "bm25").glob("*.pkl"))
    loaded = SparseIndex.load(tmp_path / "bm25", tok)
    assert len(loaded) == 4
    for query in ["エンジニアカフェの相談件数", "赤レンガ", "研修"]:
        assert loaded.search(query, k=4) == index.search(query, k=4)


def test_load_missing_or_corrupt(index: SparseIndex, tok: JapaneseTokenizer, tmp_path: Path) -> None:
    with pytest.raises(IndexStoreError, match="incomplete"):
        SparseIndex.load(tmp_path / "nothing", tok)
    index.save(tmp_path / "bm25")
    (tmp_path / "bm25" / "data.csc.index.npy").write_bytes(b"not numpy")
    with pytest.raises(IndexStoreError, match="rebuild"):
        SparseIndex.load(tmp_path / "bm25", tok)


def test_build_needs_texts(tok: JapaneseTokenizer) -> None:
    with pytest.raises(ValueError, match="no texts"):
        SparseIndex.build([], tok)


def test_empty_text_is_kept_as_a_doc(tok: JapaneseTokenizer) -> None:
    index = SparseIndex.build(["", "。", "相談"], tok)
    assert len(index) == 3
    assert index.search("相談", k=3) == [(2, pytest.approx(index.search("相談", k=3)[0][1]))]


def test_top_k_ties_and_zeros() -> None:
    scores = np.array([0.0, 2.0, 1.0, 2.0, -1.0], dtype=np.float32)
    assert top_k(scores, 10) == [(1, 2.0), (3, 2.0), (2, 1.0)]
    assert top_k(scores, 1) == [(1, 2.0)]
    assert top_k(scores, 2, ids=np.array([9, 8, 7, 6, 5])) == [(6, 2.0), (8, 2.0)]
