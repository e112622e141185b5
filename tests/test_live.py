"""Adding reports while the chat runs: upload checks (nothing written on refusal), background rebuild and swap, the
real server answering from a report added while it runs, and the server address from Gradio's variables."""

from __future__ import annotations

import os
import shutil
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.api import Assistant
from assistant.config import Config
from assistant.errors import ReportError
from assistant.live import LiveAssistant, corpus_signature
from assistant.ui import build_demo, launch, server_address
from assistant.uploads import MAX_UPLOAD_BYTES, accept_upload, safe_name
from tests.conftest import FIXTURES, SEED

LAYOUTS = FIXTURES / "layouts"
MEMO = "港の朝市は毎月第2日曜日に開かれる。\n"


@pytest.mark.parametrize(("sent", "name"), [
    ("report.pdf", "report.pdf"), ("../../etc/x.pdf", "x.pdf"), ("C:\\Users\\a\\b.TXT", "b.txt"),
    (".hidden.txt", "hidden.txt"), ("福岡市 報告書.pdf", "福岡市_報告書.pdf"), ("a/../../b.txt", "b.txt"),
])
def test_safe_name(sent: str, name: str) -> None:
    assert safe_name(sent) == name


@pytest.mark.parametrize("sent", ["x.exe", "", ".pdf", "archive.pdf.zip", "noext"])
def test_safe_name_refuses(sent: str) -> None:
    with pytest.raises(ReportError):
        safe_name(sent)


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus)
    return corpus


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("junk.pdf", bytes(range(256)) * 10, "not a PDF"),
    ("fake.txt", b"%PDF-1.4 not really", "this is a PDF"),
    ("binary.txt", b"\x00\x01\x02" * 100, "binary"),
    ("empty.txt", b"", "empty"),
    ("big.txt", b"a" * (MAX_UPLOAD_BYTES + 1), "too large"),
    ("broken.pdf", b"%PDF-1.4\nnot really a pdf", "cannot open PDF"),
    ("../../escape.txt", None, "already in the corpus"),  # sanitized to escape.txt; the test puts one there first
])
def test_refused_uploads_write_nothing(tmp_path: Path, name: str, data: bytes | None, reason: str) -> None:
    corpus = _corpus(tmp_path)
    if data is None:
        (corpus / "escape.txt").write_text(MEMO, encoding="utf-8")
        data = MEMO.encode()
    before = sorted(p.name for p in corpus.iterdir())
    src = tmp_path / "upload.bin"
    src.write_bytes(data)
    with pytest.raises(ReportError, match=reason):
        accept_upload(src, name, corpus)
    assert sorted(p.name for p in corpus.iterdir()) == before
    assert not (tmp_path / "escape.txt").exists() and not (tmp_path.parent / "escape.txt").exists()


def test_accepted_uploads_land_in_the_corpus_only(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    src = tmp_path / "upload.bin"
    src.write_text(MEMO, encoding="utf-8")
    written = accept_upload(src, "../../../朝市メモ.txt", corpus)
    assert written == (corpus / "朝市メモ.txt").resolve() and written.read_text(encoding="utf-8") == MEMO
    pdf = accept_upload(LAYOUTS / "sheet_shiratoridai-city.pdf", "sheet.pdf", corpus)
    assert pdf.parent == corpus.resolve()
    assert sorted(p.name for p in corpus.iterdir()) == sorted([SEED.name, "朝市メモ.txt", "sheet.pdf"])


def test_live_rebuild_swaps_in_the_background(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    cfg = Config(corpus, tmp_path / "index", "fake-hash-64")
    live = LiveAssistant(Assistant.open(cfg), min_interval=0.0)
    old = live.current
    assert live.poll().state == "ready" and live.current is old  # nothing changed: nothing rebuilt
    sig = corpus_signature(corpus)
    (corpus / "memo.txt").write_text(MEMO, encoding="utf-8")
    assert corpus_signature(corpus) != sig
    assert live.poll().state == "building"
    assert old.answer("港の朝市はいつ？").found is False  # the old index keeps answering meanwhile
    st = live.wait(60)
    assert st.state == "ready" and st.version == 1 and live.current is not old
    ans = live.current.answer("港の朝市はいつ開かれる？")
    assert ans.found and "第2日曜日" in ans.text
    (corpus / "memo.txt").unlink()
    live.poll()
    assert live.wait(60).version == 2 and not live.current.answer("港の朝市はいつ開かれる？").found


def test_failed_rebuild_keeps_the_old_index(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    cfg = Config(corpus, tmp_path / "index", "fake-hash-64")
    live = LiveAssistant(Assistant.open(cfg), min_interval=0.0)
    old = live.current
    (corpus / SEED.name).unlink()
    (corpus / "empty.txt").write_bytes(b"")  # nothing readable left: the build refuses
    live.poll()
    st = live.wait(60)
    assert st.state == "failed" and "失敗" in st.message and live.current is old and st.version == 0


@pytest.mark.parametrize(("host", "port", "env", "want"), [
    (None, None, {}, ("127.0.0.1", 7860)),
    (None, None, {"GRADIO_SERVER_NAME": "0.0.0.0", "GRADIO_SERVER_PORT": "8080"}, ("0.0.0.0", 8080)),
    (None, None, {"ASSISTANT_HOST": "127.0.0.2", "GRADIO_SERVER_NAME": "0.0.0.0"}, ("127.0.0.2", 7860)),
    ("127.0.0.3", 9000, {"GRADIO_SERVER_NAME": "0.0.0.0", "GRADIO_SERVER_PORT": "8080"}, ("127.0.0.3", 9000)),
])
def test_server_address_honours_gradio_variables(host: str | None, port: int | None, env: dict[str, str],
                                                 want: tuple[str, int]) -> None:
    assert server_address(host, port, env) == want


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    corpus = _corpus(tmp_path)
    cfg = Config(corpus, tmp_path / "index", "fake-hash-64")
    demo = build_demo(Assistant.open(cfg), allow_upload=True)
    url = launch(demo, port=_free_port(), block=False, allow_upload=True)
    yield url, corpus
    demo.close()


def _until_reloaded(client: Any, deadline: float = 60) -> str:
    end = time.time() + deadline
    while time.time() < end:
        status = client.predict(api_name="/status")[0]
        if "更新しました" in status:
            return status
        time.sleep(0.5)
    raise AssertionError(f"no reload within {deadline}s: {status}")


@pytest.mark.slow
def test_server_answers_from_a_report_added_while_it_runs(served: tuple[str, Path]) -> None:
    from gradio_client import Client, handle_file

    url, corpus = served
    client = Client(url, verbose=False)
    chat = client.predict("港の朝市はいつ開かれる？", "", "", "", api_name="/ask")[0]
    assert "資料に記載が見つかりません" in str(chat[-1]["content"])
    memo = corpus.parent / "asaichi.txt"
    memo.write_text(MEMO, encoding="utf-8")
    note = client.predict([handle_file(str(memo))], api_name="/upload")[0]
    assert "asaichi.txt" in note and (corpus / "asaichi.txt").exists()
    _until_reloaded(client)
    chat = Client(url, verbose=False).predict("港の朝市はいつ開かれる？", "", "", "", api_name="/ask")[0]
    assert "第2日曜日" in str(chat[-1]["content"])
    junk = corpus.parent / "junk.pdf"
    junk.write_bytes(os.urandom(2000))
    note = client.predict([handle_file(str(junk))], api_name="/upload")[0]
    assert "not a PDF" in note and not (corpus / "junk.pdf").exists()
