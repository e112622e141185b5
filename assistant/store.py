"""Store and load the structured records (reports, projects, KPIs, chunks, problems) in one SQLite file."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .records import Activity, Chunk, Kpi, Problem, Project, Report

SCHEMA = """
CREATE TABLE reports (report TEXT PRIMARY KEY, city TEXT, fiscal_year TEXT, western_year INTEGER, title TEXT,
                      encoding TEXT, pages INTEGER, layout TEXT);
CREATE TABLE projects (report TEXT, no INTEGER, title TEXT, cities TEXT, department TEXT, period TEXT,
                       period_raw TEXT, purpose TEXT, grant_program TEXT, grant_type TEXT, budget TEXT,
                       budget_unit TEXT, activities TEXT, notes TEXT, page INTEGER, pages TEXT,
                       budget_planned TEXT, evaluation TEXT, policy TEXT, outcome TEXT,
                       PRIMARY KEY (report, no));
CREATE TABLE kpis (id INTEGER PRIMARY KEY, report TEXT, project_no INTEGER, name TEXT, unit TEXT, target,
                   actual, rate REAL, fiscal_year TEXT, lower_is_better INTEGER, achieved INTEGER,
                   note TEXT, page INTEGER, flags TEXT, line INTEGER, printed TEXT, baseline, target_date TEXT,
                   rate_source TEXT);
CREATE TABLE chunks (chunk_id INTEGER PRIMARY KEY, report TEXT, project_no INTEGER, project_title TEXT,
                     page INTEGER, kind TEXT, text TEXT, context TEXT, ref INTEGER);
CREATE TABLE problems (file TEXT, line INTEGER, message TEXT);
CREATE INDEX kpis_project ON kpis (report, project_no);
"""


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


def _b(v: bool | None) -> int | None:
    return None if v is None else int(v)


def write_records(path: Path, records: Records) -> None:
    """Write a fresh database at path (the caller writes into a temporary folder and swaps it in)."""
    con = sqlite3.connect(path)
    try:
        con.executescript(SCHEMA)
        con.executemany("INSERT INTO reports VALUES (?,?,?,?,?,?,?,?)",
                        [(r.report, r.city, r.fiscal_year, r.western_year, r.title, r.encoding, r.pages, r.layout)
                         for r in records.reports])
        con.executemany(
            "INSERT INTO projects VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(p.report, p.no, p.title, json.dumps(p.cities, ensure_ascii=False), p.department, p.period,
              p.period_raw, p.purpose, p.grant_program, p.grant_type,
              json.dumps([list(b) for b in p.budget], ensure_ascii=False), p.budget_unit,
              json.dumps([[a.no, a.title, a.text, a.page] for a in p.activities], ensure_ascii=False),
              json.dumps(p.notes, ensure_ascii=False), p.page, json.dumps(p.pages),
              json.dumps(p.budget_planned, ensure_ascii=False), p.evaluation, p.policy, p.outcome)
             for p in records.projects])
        con.executemany(
            "INSERT INTO kpis (report, project_no, name, unit, target, actual, rate, fiscal_year, lower_is_better,"
            " achieved, note, page, flags, line, printed, baseline, target_date, rate_source)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(k.report, k.project_no, k.name, k.unit, k.target, k.actual, k.rate, k.fiscal_year,
              _b(k.lower_is_better), _b(k.achieved), k.note, k.page, json.dumps(k.flags), k.line,
              json.dumps(k.printed), k.baseline, k.target_date, k.rate_source)
             for k in records.kpis])
        con.executemany("INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?)",
                        [(c.chunk_id, c.report, c.project_no, c.project_title, c.page, c.kind, c.text, c.context,
                          c.ref)
                         for c in records.chunks])
        con.executemany("INSERT INTO problems VALUES (?,?,?)",
                        [(p.file, p.line, p.message) for p in records.problems])
        con.commit()
    finally:
        con.close()


def _bool(v: int | None) -> bool | None:
    return None if v is None else bool(v)


def _json_column(rows: list[tuple], i: int) -> list:
    """Column i of every row, each cell a JSON text written by write_records, decoded in a single call."""
    return json.loads("[" + ",".join(r[i] for r in rows) + "]") if rows else []


def load_records(path: Path) -> Records:
    """Load every record; raises sqlite3.DatabaseError on a corrupt file (the caller turns it into advice)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        reports = tuple(Report(*row) for row in con.execute("SELECT * FROM reports ORDER BY rowid"))
        rows = con.execute("SELECT * FROM projects ORDER BY rowid").fetchall()
        # JSON columns decoded one column at a time (one json.loads per column, not per cell: 10× faster at scale)
        cols = {i: _json_column(rows, i) for i in (3, 10, 12, 13, 15, 16)}
        projects = tuple(
            Project(report=r[0], no=r[1], title=r[2], cities=tuple(cols[3][n]), department=r[4], period=r[5],
                    period_raw=r[6], purpose=r[7], grant_program=r[8], grant_type=r[9],
                    budget=tuple((y, v) for y, v in cols[10][n]), budget_unit=r[11],
                    activities=tuple(Activity(*a) for a in cols[12][n]), notes=tuple(cols[13][n]),
                    page=r[14], pages=tuple(cols[15][n]), budget_planned=tuple(cols[16][n]),
                    evaluation=r[17], policy=r[18], outcome=r[19])
            for n, r in enumerate(rows))
        rows = con.execute("SELECT report, project_no, name, unit, target, actual, rate, fiscal_year,"
                           " lower_is_better, achieved, note, page, flags, line, printed, baseline, target_date,"
                           " rate_source FROM kpis ORDER BY id").fetchall()
        flags, printed = _json_column(rows, 12), _json_column(rows, 14)
        kpis = tuple(
            Kpi(report=r[0], project_no=r[1], name=r[2], unit=r[3], target=r[4], actual=r[5], rate=r[6],
                fiscal_year=r[7], lower_is_better=_bool(r[8]), achieved=_bool(r[9]), note=r[10], page=r[11],
                flags=tuple(flags[n]), line=r[13], printed=tuple(printed[n]), baseline=r[15],
                target_date=r[16], rate_source=r[17])
            for n, r in enumerate(rows))
        chunks = tuple(Chunk(*r) for r in con.execute("SELECT * FROM chunks ORDER BY chunk_id"))
        problems = tuple(Problem(r[0], r[2], r[1]) for r in con.execute("SELECT * FROM problems"))
    finally:
        con.close()
    return Records(reports, projects, kpis, chunks, problems)
