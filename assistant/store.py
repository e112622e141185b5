"""Store and load the structured records (reports, projects, KPIs, chunks, problems) in one SQLite file."""

from __future__ import annotations

import gc
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path

from .records import Activity, Chunk, Kpi, Problem, Project, Report

# One row per record kind and field: that field of every record, in record order, as one JSON array. Loading is then
# one json.loads per field and one constructor call per record, not a Python row per record and a decode per JSON cell:
# a third less time at national scale. The largest value, every passage's text, is about 30 MB there, far under
# SQLite's 1 GB limit on one value.
SCHEMA = "CREATE TABLE columns (record TEXT, field TEXT, data TEXT NOT NULL, PRIMARY KEY (record, field));"
KINDS: dict[str, type] = {"reports": Report, "projects": Project, "kpis": Kpi, "chunks": Chunk, "problems": Problem}


def _tuples(column: list) -> Iterable[tuple]:
    return map(tuple, column)


# JSON arrays back into the tuples and records the fields hold (other fields load as they are: str, int, float, bool)
_DECODE: dict[tuple[str, str], Callable[[list], Iterable]] = {
    ("projects", "cities"): _tuples,
    ("projects", "budget"): lambda col: (tuple(map(tuple, pairs)) for pairs in col),
    ("projects", "activities"): lambda col: (tuple(Activity(*a) for a in acts) for acts in col),
    ("projects", "notes"): _tuples,
    ("projects", "pages"): _tuples,
    ("projects", "budget_planned"): _tuples,
    ("projects", "budget_grant"): lambda col: (tuple(map(tuple, pairs)) for pairs in col),
    ("kpis", "flags"): _tuples,
    ("kpis", "printed"): _tuples,
}


@dataclass(frozen=True)
class Records:
    """Everything the structured side of the index holds, in report order."""

    reports: tuple[Report, ...]
    projects: tuple[Project, ...]
    kpis: tuple[Kpi, ...]
    chunks: tuple[Chunk, ...]
    problems: tuple[Problem, ...]

    def project(self, report: str, no: int) -> Project | None:
        return next((p for p in self.projects if p.report == report and p.no == no), None)

    def report(self, report: str) -> Report | None:
        return next((r for r in self.reports if r.report == report), None)


def _plain(value: object) -> list:
    """JSON for a record nested in a field (a project's activities): its fields in order."""
    if is_dataclass(value) and not isinstance(value, type):
        return [getattr(value, f.name) for f in fields(value)]
    raise TypeError(f"{type(value).__name__} is not a record field value")


def write_records(path: Path, records: Records) -> None:
    """Write a fresh database at path (the caller writes into a temporary folder and swaps it in)."""
    con = sqlite3.connect(path)
    try:
        con.execute(SCHEMA)
        con.executemany("INSERT INTO columns VALUES (?,?,?)", (
            (kind, f.name, json.dumps([getattr(r, f.name) for r in getattr(records, kind)], ensure_ascii=False,
                                      default=_plain))
            for kind, cls in KINDS.items() for f in fields(cls)))
        con.commit()
    finally:
        con.close()


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Hold off Python's cycle collector while a block allocates many objects that form no cycles.

    Loading a national-scale index creates about a million objects (records, their tuples and strings); the collector
    would run every few hundred of them and, each time enough have survived, rescan every object in the process —
    the previous index included: with one index already in memory that more than doubled the load time. Records
    hold no cycles, so nothing is left uncollected; the collector catches up once when it is enabled again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_records(path: Path) -> Records:
    """Load every record; raises sqlite3.DatabaseError on a corrupt file (the caller turns it into advice)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with closing(con), _gc_paused():
        texts = {(kind, name): data for kind, name, data in con.execute("SELECT record, field, data FROM columns")}
        loaded = {}
        for kind, cls in KINDS.items():
            try:
                columns = [json.loads(texts.pop((kind, f.name))) for f in fields(cls)]
                if len({len(c) for c in columns}) > 1:
                    raise ValueError("fields of unequal length")
                loaded[kind] = tuple(map(cls, *(_DECODE.get((kind, f.name), iter)(c)
                                                for f, c in zip(fields(cls), columns, strict=True))))
            except (KeyError, ValueError, TypeError) as exc:
                raise sqlite3.DatabaseError(f"{kind} records are unreadable ({type(exc).__name__}: {exc})") from None
    return Records(**loaded)
