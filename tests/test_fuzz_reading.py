"""CI guard of the reading mutation fuzz (eval/fuzz_reading.py): 300 mutated reports, no crash, no wrong value."""

from __future__ import annotations

from dataclasses import replace

import pytest

from eval import fuzz_reading as fz


@pytest.fixture(scope="module")
def sources() -> list[fz.Source]:
    return fz.load_sources()


def test_sources_have_checkable_rows(sources: list[fz.Source]) -> None:
    assert len(sources) >= 7
    assert sum(len(s.rows) for s in sources) >= 40  # KPI rows with all three value slots on their own line


def test_unmutated_reports_read_to_truth(sources: list[fz.Source], tmp_path) -> None:
    for src in sources:
        res = fz.check_text(src, src.text, [], -1, str(tmp_path))
        assert res.intact == len(src.rows)
        assert res.findings == [], (src.name, [(f.kind, f.detail) for f in res.findings])


def test_mutations_are_deterministic(sources: list[fz.Source]) -> None:
    for i in (0, 7, 123):
        assert fz.make_case(sources, 1, i)[1:] == fz.make_case(sources, 1, i)[1:]
    assert any(fz.make_case(sources, 1, i)[1:] != fz.make_case(sources, 2, i)[1:] for i in range(5))


def test_300_mutations_no_crash_no_duplicate_no_wrong_value() -> None:
    s = fz.run(300, seed=1, workers=1)
    assert s["intact_kpi_rows_checked"] > 1000
    f = s["findings"]
    failures = [e for k in ("crash", "duplicate_project", "wrong_value") for e in s["examples"][k]]
    assert f["crash"] == f["duplicate_project"] == f["wrong_value"] == 0, fz.render_summary(s) + repr(failures)


def test_checker_catches_a_wrong_value(sources: list[fz.Source], tmp_path, monkeypatch) -> None:
    """The check is not vacuous: a reader that shifts one target is reported."""
    import assistant.readers as readers

    real = readers.read_document

    def corrupt(doc, *a, **kw):
        pr = real(doc, *a, **kw)
        i = next(i for i, k in enumerate(pr.kpis) if k.target is not None)
        kpis = list(pr.kpis)
        kpis[i] = replace(kpis[i], target=kpis[i].target + 1)
        return replace(pr, kpis=tuple(kpis))

    monkeypatch.setattr(readers, "read_document", corrupt)
    src = sources[0]
    res = fz.check_text(src, src.text, [], -1, str(tmp_path))
    assert [f.kind for f in res.findings] == ["wrong_value"]


def test_checker_catches_a_crash(sources: list[fz.Source], tmp_path, monkeypatch) -> None:
    import assistant.chunking as chunking

    def boom(reports):
        raise ValueError("boom")

    monkeypatch.setattr(chunking, "make_chunks", boom)
    src = sources[0]
    res = fz.check_text(src, src.text, [], -1, str(tmp_path))
    assert [f.kind for f in res.findings] == ["crash"]
    assert "ValueError: boom" in res.findings[0].detail
