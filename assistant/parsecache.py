"""Parsed-report cache: a file whose bytes did not change is not read again (keyed by its hash and READER_VERSION).

Records are stored as plain JSON (no pickle) in one SQLite file beside the index builds; an entry written by other
reader code (another READER_VERSION) is never used, and a corrupt cache is set aside and started afresh.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .pdffont import font_dir
from .records import Activity, Kpi, ParsedReport, Problem, Project, Report
from .sqlitefile import open_cache_db

_READING_CODE = ("readers/*.py", "extract.py", "kpis.py", "layout.py", "reading.py", "source.py", "pdftables.py",
                 "arith.py", "eras.py", "records.py", "parsecache.py", "pdffont.py")


def reader_version() -> str:
    """A hash of the code that turns bytes into records: any change to it makes every cached report stale."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for pattern in _READING_CODE:
        for f in sorted(root.glob(pattern)):
            h.update(f.name.encode() + b"\0" + f.read_bytes())
    h.update(b"bundled font" if font_dir() else b"system fonts")  # PDF text laid out with which fonts (pdffont)
    return h.hexdigest()[:16]


READER_VERSION = reader_version()
SCHEMA = "CREATE TABLE IF NOT EXISTS parsed (key TEXT PRIMARY KEY, version TEXT NOT NULL, record TEXT NOT NULL);"


def file_key(name: str, digest: bytes) -> str:
    """The file name matters too: it is the report's id in every record (`digest`: SHA-256 of the file's bytes)."""
    return hashlib.sha256(name.encode("utf-8") + b"\0" + digest).hexdigest()


def to_json(pr: ParsedReport) -> str:
    return json.dumps(asdict(pr), ensure_ascii=False)


def from_json(text: str) -> ParsedReport:
    d: dict[str, Any] = json.loads(text)
    projects = tuple(
        Project(**{**p, "cities": tuple(p["cities"]), "budget": tuple((y, v) for y, v in p["budget"]),
                   "activities": tuple(Activity(**a) for a in p["activities"]), "notes": tuple(p["notes"]),
                   "pages": tuple(p["pages"]), "budget_planned": tuple(p["budget_planned"]),
                   "budget_grant": tuple((y, v) for y, v in p["budget_grant"])})
        for p in d["projects"])
    kpis = tuple(Kpi(**{**k, "flags": tuple(k["flags"]), "printed": tuple(k["printed"])}) for k in d["kpis"])
    return ParsedReport(Report(**d["report"]), projects, kpis, tuple(Problem(**p) for p in d["problems"]),
                        tuple(d["pages_text"]))


class ParseCache:
    def __init__(self, path: Path) -> None:
        self.con = open_cache_db(path, SCHEMA, "parsed")

    def get(self, key: str) -> ParsedReport | None:
        row = self.con.execute("SELECT record FROM parsed WHERE key = ? AND version = ?",
                               (key, READER_VERSION)).fetchone()
        if row is None:
            return None
        try:
            return from_json(row[0])
        except (ValueError, TypeError, KeyError):
            return None  # written by older record definitions: read the file again

    def put(self, key: str, pr: ParsedReport) -> None:
        with self.con:
            self.con.execute("INSERT OR REPLACE INTO parsed VALUES (?, ?, ?)", (key, READER_VERSION, to_json(pr)))

    def prune(self, keep: set[str]) -> int:
        with self.con:
            self.con.execute("CREATE TEMP TABLE IF NOT EXISTS keep (key TEXT)")
            self.con.execute("DELETE FROM keep")
            self.con.executemany("INSERT INTO keep VALUES (?)", [(k,) for k in keep])
            return self.con.execute("DELETE FROM parsed WHERE key NOT IN (SELECT key FROM keep)").rowcount

    def close(self) -> None:
        self.con.close()
