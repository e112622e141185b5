"""Open a cache's SQLite file: WAL, its schema, and a corrupt file set aside for a fresh one (a cache is only a cache)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def open_cache_db(path: Path, schema: str, probe_table: str) -> sqlite3.Connection:
    """A connection to the cache at `path` with `schema` applied; a file SQLite cannot read is renamed *.corrupt."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return _open(path, schema, probe_table)
    except sqlite3.DatabaseError:
        path.replace(path.with_name(path.name + ".corrupt"))
        return _open(path, schema, probe_table)


def _open(path: Path, schema: str, probe_table: str) -> sqlite3.Connection:
    con = sqlite3.connect(path, timeout=30)
    con.execute("PRAGMA journal_mode=WAL")
    con.executescript(schema)
    con.execute(f"SELECT count(*) FROM {probe_table}").fetchone()
    return con
