"""KPI/project extraction accuracy, field by field, against hand-checked or generated truth files."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.corpus import read_path
from assistant.errors import ReportError
from assistant.records import ParsedReport

PROJECT_FIELDS = ("title", "cities", "department", "period", "period_raw", "purpose", "grant_type", "budget", "page")
KPI_FIELDS = ("unit", "target", "actual", "rate", "fiscal_year", "lower_is_better", "achieved", "note", "page")
REPORT_FIELDS = ("city", "fiscal_year", "western_year", "title")


@dataclass
class Score:
    fields: int = 0
    correct: int = 0
    by_field: Counter = field(default_factory=Counter)  # wrong counts per field
    failures: list[str] = field(default_factory=list)

    def add(self, name: str, ok: bool, where: str, got: Any = None, want: Any = None) -> None:
        self.fields += 1
        self.correct += ok
        if not ok:
            self.by_field[name] += 1
            if len(self.failures) < 50:
                self.failures.append(f"{where}: {name} = {got!r}, expected {want!r}")

    @property
    def accuracy(self) -> float:
        return self.correct / self.fields if self.fields else 1.0


def _eq(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and abs(float(a) - float(b)) < 1e-9
    return a == b


def _project_value(p, name: str) -> Any:
    if name == "cities":
        return list(p.cities)
    if name == "budget":
        return dict(p.budget)
    return getattr(p, name)


def score_report(parsed: ParsedReport, truth: dict[str, Any], score: Score) -> None:
    rep = truth.get("report", {})
    for f in REPORT_FIELDS:
        if f in rep and f != "file":
            got = getattr(parsed.report, f)
            score.add(f"report.{f}", _eq(got, rep[f]), parsed.report.report, got, rep[f])
    by_no = {p.no: p for p in parsed.projects}
    for tp in truth["projects"]:
        p = by_no.get(tp["no"])
        for f in PROJECT_FIELDS:
            if f not in tp:
                continue
            got = _project_value(p, f) if p else None
            want = tp[f]
            if f == "cities" and want is not None:
                want = [c.replace("(", "（").replace(")", "）") for c in want]
            score.add(f"project.{f}", p is not None and _eq(got, want), f"{parsed.report.report} #{tp['no']}", got,
                      want)
    kpis = {(k.project_no, k.name): k for k in parsed.kpis}
    seen = set()
    for tk in truth["kpis"]:
        key = (tk["project_no"], tk["name"])
        seen.add(key)
        k = kpis.get(key)
        for f in KPI_FIELDS:
            if f not in tk:
                continue
            got = getattr(k, f) if k else None
            score.add(f"kpi.{f}", k is not None and _eq(got, tk[f]), f"{parsed.report.report} #{key[0]} {key[1]}",
                      got, tk[f])
    for key in kpis.keys() - seen:  # a KPI the truth does not have is an error too
        score.add("kpi.spurious", False, f"{parsed.report.report} #{key[0]} {key[1]}", "present", "absent")


TRUTH_DIR = Path(__file__).resolve().parent / "truth"  # hand-checked records of reports shipped in corpus/


def truth_path(report: Path) -> Path | None:
    for folder in (report.parent, TRUTH_DIR):
        for suffix in (".truth.json", ".expected.json"):
            p = folder / (report.stem + suffix)
            if p.exists():
                return p
    return None


def evaluate_dir(folder: Path) -> Score:
    """Score every report in a folder that has a <name>.truth.json or <name>.expected.json beside it."""
    score = Score()
    for report in sorted(folder.iterdir()):
        if report.suffix.lower() not in (".txt", ".pdf") or not (tp := truth_path(report)):
            continue
        truth = json.loads(tp.read_text(encoding="utf-8"))
        try:
            parsed = read_path(report)
        except ReportError as exc:
            n = sum(len(x) for x in (truth["projects"], truth["kpis"])) * 5
            for _ in range(n):
                score.add("unreadable", False, report.name, str(exc), "readable")
            continue
        score_report(parsed, truth, score)
    return score
