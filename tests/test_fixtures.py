"""Hand-written fixture reports: every field matches its hand-checked .expected.json; bad files fail clearly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.corpus import read_corpus
from assistant.errors import ReportError
from assistant.extract import read_report
from eval.extraction import Score, score_report
from tests.conftest import FIXTURES

REPORTS = sorted((FIXTURES / "reports").glob("*.txt"))
BAD = FIXTURES / "bad"


@pytest.mark.parametrize("path", REPORTS, ids=[p.stem for p in REPORTS])
def test_fixture_matches_expected(path: Path) -> None:
    truth = json.loads(path.with_name(path.stem + ".expected.json").read_text(encoding="utf-8"))
    score = Score()
    score_report(read_report(path), truth, score)
    assert score.fields > 20 and score.failures == []


def test_fixture_set_is_varied() -> None:
    parsed = [read_report(p) for p in REPORTS]
    assert {r.report.encoding for r in parsed} >= {"utf-8", "cp932"}
    assert len({r.report.city for r in parsed}) == len(parsed)
    assert {r.report.fiscal_year[0] for r in parsed} == {"R", "H"}
    assert max(p.no for r in parsed for p in r.projects) > 4
    assert any(k.lower_is_better for r in parsed for k in r.kpis)
    assert any("value_displaced" in k.flags for r in parsed for k in r.kpis)


@pytest.mark.parametrize(("name", "message"), [
    ("empty.txt", "empty"), ("binary.txt", "binary"), ("utf16le-nobom.txt", "binary"),
    ("broken-utf8.txt", "cannot decode"), ("no-project.txt", "no recognizable project"),
])
def test_bad_inputs_name_the_file(name: str, message: str) -> None:
    with pytest.raises(ReportError, match=message) as exc:
        read_report(BAD / name)
    assert str(exc.value).startswith(name)


def test_bad_folder_reads_what_it_can() -> None:
    """Unreadable files are skipped with a reason; a readable one with no recognizable layout is kept as text."""
    corpus = read_corpus(BAD)
    layouts = {r.report.report: r.report.layout for r in corpus.reports}
    assert layouts == {"garbage-kpi-values.txt": "sections", "no-project.txt": "text"}
    text_only = next(r for r in corpus.reports if r.report.report == "no-project.txt")
    assert text_only.projects == () and text_only.pages_text and any(text_only.pages_text)
    reasons = {p.file: p.message for p in corpus.problems}
    assert {"empty.txt", "binary.txt", "utf16le-nobom.txt", "broken-utf8.txt", "iso2022jp.txt"} <= reasons.keys()
    assert "layout not recognized" in reasons["no-project.txt"]
    garbage = [p for p in corpus.problems if p.file == "garbage-kpi-values.txt"]
    assert garbage and all(p.line for p in garbage)
