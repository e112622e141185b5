"""records.sqlite: every record comes back exactly as written (types included), and a foreign file is refused."""

from __future__ import annotations

import gc
import json
import sqlite3
from pathlib import Path

import pytest

from assistant.records import Activity, Chunk, Kpi, Problem, Project, Report
from assistant.store import KINDS, Records, load_records, write_records

REPORTS = (
    Report("a.txt", "福岡市", "R2", 2020, "実施状況", "utf-8", 12),
    Report("b.pdf", None, None, None, None, "pdf", 3, layout="text"),
)
PROJECTS = (
    Project("a.txt", 1, "エンジニアカフェ事業", ("福岡市（代表）", "糸島市"), "経済観光文化局", "令和元年度〜令和3年度",
            "R1n-R3n", "目的", "地方創生推進交付金事業", "横展開タイプ", (("R2", 67055), ("R3", None), ("R4", 1.5)),
            "千円", (Activity(1, "場の提供", "相談 1,234件", 4), Activity(2, "研修", "", 0)), ("補足",), 3, (3, 4),
            ("R3",), "有効", "継続", "成果"),
    Project("b.pdf", 2, "空の事業", (), None, None, None, None, None, None, (), None, (), (), 1),
)
KPIS = (
    Kpi("a.txt", 1, "相談件数", "件", 100, 85.5, 85.5, "R2", False, False, "補足", 4, ("rate_mismatch",), 7,
        ("100", "85.5", "85.5"), 90, "R3.3", "printed"),
    Kpi("a.txt", 1, "待機児童数", None, None, None, None, None, None, None, None, 5),
    Kpi("b.pdf", 2, "率", "%", 2.5, 3, 120.0, "R2", True, True, None, 1, rate_source="computed"),
)
CHUNKS = (
    Chunk(0, "a.txt", 1, "エンジニアカフェ事業", 3, "overview", "本文", "福岡市 R2 エンジニアカフェ事業"),
    Chunk(1, "a.txt", 1, "エンジニアカフェ事業", 4, "kpi", "相談件数 100 → 85.5", ref=0),
    Chunk(2, "b.pdf", 2, "空の事業", 1, "page", "改行\nと \"引用符\" と \\ と \x00", "", 2),
)
PROBLEMS = (Problem("c.txt", "読めない", 3), Problem("d.pdf", "image-only PDF"))
RECORDS = Records(REPORTS, PROJECTS, KPIS, CHUNKS, PROBLEMS)


@pytest.mark.parametrize("records", [RECORDS, Records((), (), (), (), ())], ids=["every-field", "empty"])
def test_records_come_back_as_written(tmp_path: Path, records: Records) -> None:
    write_records(tmp_path / "r.sqlite", records)
    loaded = load_records(tmp_path / "r.sqlite")
    assert loaded == records
    # equal is not enough: 85.5 == 85.5 but 3 != 3.0 in repr, (1,) != [1] in type, True == 1
    assert repr(loaded) == repr(records)
    for kind in KINDS:
        for got, want in zip(getattr(loaded, kind), getattr(records, kind), strict=True):
            assert [type(v) for v in vars(got).values()] == [type(v) for v in vars(want).values()]
    assert all(type(a) is Activity for p in loaded.projects for a in p.activities)


def test_the_real_index_round_trips(tmp_path: Path) -> None:
    from assistant.config import Config
    from assistant.index import build_index
    from tests.conftest import SEED

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / SEED.name).write_bytes(SEED.read_bytes())
    index, _ = build_index(Config(corpus, tmp_path / "index", "fake-hash-64"))
    loaded = load_records(index.path / "records.sqlite")
    assert loaded == index.records and repr(loaded) == repr(index.records)


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_leaves_the_cycle_collector_as_it_was(tmp_path: Path, enabled: bool) -> None:
    write_records(tmp_path / "r.sqlite", RECORDS)
    (tmp_path / "bad.sqlite").write_bytes(b"not a database at all" * 100)
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        load_records(tmp_path / "r.sqlite")
        assert gc.isenabled() is enabled
        with pytest.raises(sqlite3.DatabaseError):
            load_records(tmp_path / "bad.sqlite")
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def _edit(path: Path, sql: str, *args: object) -> None:
    con = sqlite3.connect(path)
    with con:
        con.execute(sql, args)
    con.close()


@pytest.mark.parametrize(("sql", "args", "message"), [
    ("DELETE FROM columns WHERE record = 'kpis' AND field = 'rate'", (), "kpis records are unreadable"),
    ("UPDATE columns SET data = '[0' WHERE record = 'chunks' AND field = 'text'", (), "chunks records"),
    ("UPDATE columns SET data = ? WHERE record = 'reports' AND field = 'city'", (json.dumps(["x"]),),
     "unequal length"),
    ("UPDATE columns SET data = '[[[1]]]' WHERE record = 'projects' AND field = 'activities'", (), "projects"),
    ("DROP TABLE columns", (), "no such table"),  # an index written before FORMAT_VERSION 3
])
def test_a_damaged_or_foreign_file_is_a_database_error(tmp_path: Path, sql: str, args: tuple, message: str) -> None:
    path = tmp_path / "r.sqlite"
    write_records(path, RECORDS)
    _edit(path, sql, *args)
    with pytest.raises(sqlite3.DatabaseError, match=message):
        load_records(path)


def test_an_unknown_value_type_is_refused_on_write(tmp_path: Path) -> None:
    odd = Records(REPORTS, PROJECTS, KPIS, (Chunk(0, "a.txt", 1, "t", 1, "overview", object()),), ())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="object"):
        write_records(tmp_path / "r.sqlite", odd)
