"""The synthetic report generator: deterministic bytes, decodable CP932, truth that agrees with its own arithmetic."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from eval.synth import KpiDef, Row, generate, norm, unique_on_page

N_REPORTS = 60
EPS = 1e-6


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, dict]]:
    out = tmp_path_factory.mktemp("synth")
    paths = generate(out, N_REPORTS, seed=7)
    return [(p, json.loads(p.with_name(p.stem + ".truth.json").read_text(encoding="utf-8"))) for p in paths]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    generate(tmp_path / "a", 25, seed=3)
    generate(tmp_path / "b", 25, seed=3)
    generate(tmp_path / "c", 25, seed=4)
    a, b, c = _files(tmp_path / "a"), _files(tmp_path / "b"), _files(tmp_path / "c")
    assert len(a) == 50 and a == b
    assert a != c


def test_report_does_not_depend_on_corpus_size(tmp_path: Path) -> None:
    small = generate(tmp_path / "small", 3, seed=5)
    generate(tmp_path / "large", 10, seed=5)
    for p in small:
        assert p.read_bytes() == (tmp_path / "large" / p.name).read_bytes()


def test_cp932_reports_decode(corpus: list[tuple[Path, dict]]) -> None:
    cp932 = [(p, t) for p, t in corpus if t["report"]["encoding"] == "cp932"]
    assert cp932, "the seed should produce some CP932 reports"
    for p, t in cp932:
        data = p.read_bytes()
        text = data.decode("cp932")  # strict
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
        assert norm(text.splitlines()[1]) == t["report"]["title"]
    for p, t in corpus:
        if t["report"]["encoding"] == "utf-8":
            p.read_bytes().decode("utf-8")


def test_all_vocabulary_encodes_in_cp932(tmp_path: Path) -> None:
    paths = generate(tmp_path, 30, seed=11, cp932_share=1.0)
    for p in paths:
        truth = json.loads(p.with_name(p.stem + ".truth.json").read_text(encoding="utf-8"))
        assert truth["report"]["encoding"] == "cp932", p.name
        assert len(truth["projects"]) <= 20  # ㉑ and above are not in CP932


def test_truth_arithmetic(corpus: list[tuple[Path, dict]]) -> None:
    checked = 0
    for p, truth in corpus:
        for k in truth["kpis"]:
            t, a, r = k["target"], k["actual"], k["rate"]
            assert k["achieved"] == (None if r is None else r >= 100.0), (p.name, k["name"])
            if t is None or a is None or r is None:
                assert k["lower_is_better"] is None, (p.name, k["name"])
                continue
            assert isinstance(r, float) and round(r, 1) == r
            hi = t != 0 and abs(a / t * 100 - r) <= 0.05 + EPS
            lo = a != 0 and abs(t / a * 100 - r) <= 0.05 + EPS
            assert hi or lo, (p.name, k["name"], t, a, r)
            if k["lower_is_better"] is True:
                assert lo and not hi, (p.name, k["name"])
            elif k["lower_is_better"] is False:
                assert hi and not lo, (p.name, k["name"])
            else:
                assert a == t, (p.name, k["name"])
            checked += 1
    assert checked > 100


def test_truth_schema_and_structure(corpus: list[tuple[Path, dict]]) -> None:
    kinds = set()
    for p, truth in corpus:
        rep = truth["report"]
        assert rep["file"] == p.name
        assert re.fullmatch(r"[RH]\d{1,2}", rep["fiscal_year"])
        text = p.read_bytes().decode(rep["encoding"])
        n = len(truth["projects"])
        assert rep["pages"] == n
        if rep["page_breaks"] == "formfeed":
            assert text.count("\f") == n
        else:
            assert sum(1 for ln in text.split("\n") if re.match(r"^ (?=[^ \u3000])", ln)) == n
        kinds.add(rep["page_breaks"])
        normalized = "\n".join(norm(ln) for ln in text.split("\n"))
        for i, proj in enumerate(truth["projects"], 1):
            assert proj["no"] == proj["page"] == i
            assert set(proj) >= {"no", "title", "cities", "department", "period", "period_raw", "purpose",
                                 "grant_type", "budget", "page"}
            assert proj["title"] in normalized and next(iter(proj["budget"])) == rep["fiscal_year"]
        for k in truth["kpis"]:
            assert f"KPI {k['name']}({k['unit']})" in normalized
            assert k["fiscal_year"] == rep["fiscal_year"]
            for v in (k["target"], k["actual"]):
                assert v is None or isinstance(v, int | float)
    assert kinds == {"formfeed", "space"}


def _row(t: str, a: str, r: str, on_line: list[str], orphans: list[list[str]]) -> Row:
    row = Row(KpiDef("件数", "件", "n"), "full", t, a, r)
    row.on_line, row.orphans = on_line, orphans
    return row


def test_uniqueness_rules() -> None:
    # One bare KPI row and its triple elsewhere: unique.
    assert unique_on_page([_row("20", "19", "95.0%", [], [["20", "19", "95.0%"]])])
    # Two bare rows with two triples could swap: refused.
    assert not unique_on_page([_row("20", "19", "95.0%", [], [["20", "19", "95.0%"]]),
                               _row("8", "6", "75.0%", [], [["8", "6", "75.0%"]])])
    # Lone rates that only fit their own KPI: unique; a rate that fits both KPIs: refused.
    assert unique_on_page([_row("20", "19", "95.0%", ["20", "19"], [["95.0%"]]),
                           _row("8", "6", "75.0%", ["8", "6"], [["75.0%"]])])
    assert not unique_on_page([_row("20", "15", "75.0%", ["20", "15"], [["75.0%"]]),
                               _row("8", "6", "75.0%", ["8", "6"], [["75.0%"]])])
