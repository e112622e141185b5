"""Tests written to kill mutants that survived `mutmut run` (see eval/RESULTS.md, "Mutation testing").

Each test pins one behaviour of arith, kpis, fusion, readers.tables or the threshold parsing in understand; the
names say which. They are fast (no real embedder) so mutmut can run them for every mutant.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from assistant import arith
from assistant.api import Assistant
from assistant.config import Config
from assistant.fusion import convex, rrf
from assistant.kpis import (
    Orphan,
    RawKpi,
    Slot,
    Token,
    classify,
    finish,
    parse_kpi_line,
    reconcile,
    value_tokens,
)
from assistant.readers.tables import EMPTY, KpiCells, clean, make_kpi, read_value, role_of
from assistant.reading import Line
from assistant.records import Problem
from assistant.understand import passes, understand
from tests.conftest import CORPUS

# --- arith ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("decimals", "tol"), [(0, 1.0), (1, 0.1), (2, 0.01), (3, 0.001)])
def test_rate_tolerance_is_one_unit_of_the_last_printed_digit(decimals: int, tol: float) -> None:
    assert arith.rate_tolerance(decimals) == pytest.approx(tol + 1e-9, rel=0, abs=1e-13)


@pytest.mark.parametrize(("t", "a", "r", "d", "expected"), [
    # one unit of the last digit is accepted (rounding or truncation) ...
    (3, 1, 33.4, 1, arith.HIGHER), (3, 1, 33.3, 1, arith.HIGHER), (300, 100, 33, 0, arith.HIGHER),
    # ... two units, or half a unit five times over, are not: a 5x looser tolerance would accept these
    (100, 50, 50.2, 1, None), (100, 50, 50.4, 1, None), (100, 50, 49.6, 1, None), (1000, 500, 50.03, 2, None),
    (100, 50, 52, 0, None), (100, 50, 54, 0, None),
    # lower-is-better rows reproduce 目標÷実績
    (2.5, 1.45, 172.4, 1, arith.LOWER), (10, 8, 125.0, 1, arith.LOWER),
    # equal target and actual fit both formulas
    (7, 7, 100.0, 1, arith.EITHER),
    # a zero target or actual rules its formula out instead of dividing by zero
    (0, 5, 100.0, 1, None), (5, 0, 0.0, 1, arith.HIGHER), (0, 0, 0.0, 1, None), (5, 0, 100.0, 1, None),
])
def test_direction_accepts_exactly_one_unit_of_the_last_digit(t, a, r, d, expected) -> None:
    assert arith.direction(t, a, r, d) == expected


def test_direction_bound_is_inclusive() -> None:
    """A rate off by exactly the tolerance still fits (<=, not <), for either formula."""
    tol = arith.rate_tolerance(1)
    assert arith.direction(100.0, tol, 0.0, 1) == arith.HIGHER
    assert arith.direction(tol, 100.0, 0.0, 1) == arith.LOWER


def test_direction_defaults_to_one_decimal() -> None:
    assert arith.direction(100, 50, 50.1) == arith.HIGHER
    assert arith.direction(100, 50, 50.2) is None
    assert arith.consistent(100, 50, 50.1) and not arith.consistent(100, 50, 50.2)


@pytest.mark.parametrize(("t", "a", "r", "d", "ok"), [
    (120, 253, 210.8, 1, True), (100, 50, 51.0, 1, False), (100, 50, 51, 0, True), (100, 50, 50.02, 2, False),
])
def test_consistent_is_direction_not_none(t, a, r, d, ok) -> None:
    assert arith.consistent(t, a, r, d) is ok


@pytest.mark.parametrize(("rate", "expected"), [(None, None), (100.0, True), (100.5, True), (99.99, False), (0.0, False)])
def test_achieved_means_rate_reaches_100(rate, expected) -> None:
    assert arith.achieved(rate) is expected


@pytest.mark.parametrize(("token", "n"), [("79.4%", 1), ("79%", 0), ("1,530", 0), ("1.05", 2), ("0.125%", 3), ("7", 0)])
def test_decimals_counts_digits_after_the_point(token: str, n: int) -> None:
    assert arith.decimals(token) == n


# --- kpis -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("-", "dash", None), ("ー", "dash", None), ("＊", "dash", None), ("79.4%", "pct", 79.4), ("80%", "pct", 80.0),
    ("abc%", "garbage", None), ("1,530", "num", 1530), ("2.50", "num", 2.5), ("12a", "garbage", None),
])
def test_classify_value_cells(text: str, kind: str, value) -> None:
    tok = classify(text)
    assert (tok.kind, tok.value, tok.text) == (kind, value, text)
    if kind == "pct":
        assert isinstance(tok.value, float)


@pytest.mark.parametrize(("text", "kinds"), [
    ("1,530 1,215 79.4%", ("num", "num", "pct")), ("92.9%", ("pct",)), ("- 12", ("dash", "num")),
    ("", None), ("   ", None), ("- ー", None), ("12 abc", None), ("備考 12", None),
])
def test_value_tokens_only_for_lines_made_of_values(text: str, kinds) -> None:
    toks = value_tokens(text)
    assert (None if toks is None else tuple(t.kind for t in toks)) == kinds


def _line(text: str, no: int = 5) -> Line:
    return Line(no, text, text)


def _slots(k: RawKpi) -> dict[str, tuple]:
    return {s: (v.state, v.value, v.text) for s, v in k.slots.items()}


@pytest.mark.parametrize(("text", "name", "unit", "slots", "flags"), [
    ("KPI 相談件数(件) 120 253 210.8%", "相談件数", "件",
     {"target": ("value", 120, "120"), "actual": ("value", 253, "253"), "rate": ("value", 210.8, "210.8%")}, []),
    # a trailing % on a short row is the rate; the number before it the target
    ("KPI 相談件数(件) 120 80.0%", "相談件数", "件",
     {"target": ("value", 120, "120"), "actual": ("open", None, ""), "rate": ("value", 80.0, "80.0%")}, []),
    # ... unless the unit itself is %, then the values fill target, actual in order
    ("KPI 参加率(%) 40 35%", "参加率", "%",
     {"target": ("value", 40, "40"), "actual": ("value", 35.0, "35%"), "rate": ("open", None, "")}, []),
    ("KPI 満足度(%) - - -", "満足度", "%",
     {"target": ("dash", None, "-"), "actual": ("dash", None, "-"), "rate": ("dash", None, "-")}, []),
    ("KPI 相談件数(件) 12x 253", "相談件数", "件",
     {"target": ("garbage", None, "12x"), "actual": ("value", 253, "253"), "rate": ("open", None, "")},
     ["unparseable_value"]),
    ("KPI 相談件数(件) 1 2 3 4", "相談件数", "件",
     {"target": ("open", None, ""), "actual": ("open", None, ""), "rate": ("open", None, "")}, ["ambiguous_values"]),
    # no bracketed unit: the name runs up to the first value
    ("KPI 相談 件数 120 253 210.8%", "相談 件数", None,
     {"target": ("value", 120, "120"), "actual": ("value", 253, "253"), "rate": ("value", 210.8, "210.8%")}, []),
    ("KPI 相談件数 120 253 210.8%", "相談件数", None,
     {"target": ("value", 120, "120"), "actual": ("value", 253, "253"), "rate": ("value", 210.8, "210.8%")}, []),
    # a name is at least one word, even when that word reads as a value
    ("KPI 2030 253 210.8%", "2030", None,
     {"target": ("value", 253, "253"), "actual": ("open", None, ""), "rate": ("value", 210.8, "210.8%")}, []),
    # a bracket followed by more Japanese is part of the name, not the unit
    ("KPI 相談(窓口)件数(件) 5", "相談(窓口)件数", "件",
     {"target": ("value", 5, "5"), "actual": ("open", None, ""), "rate": ("open", None, "")}, []),
    ("KPI：来場者数(人)", "来場者数", "人",
     {"target": ("open", None, ""), "actual": ("open", None, ""), "rate": ("open", None, "")}, []),
])
def test_parse_kpi_line_splits_name_unit_and_slots(text, name, unit, slots, flags) -> None:
    k, problems = parse_kpi_line(_line(text), 3, "f.txt")
    assert k is not None
    assert (k.name, k.unit, k.page, k.line.no) == (name, unit, 3, 5)
    assert _slots(k) == slots
    assert k.flags == flags
    assert len(problems) == len(flags)
    assert all(p.file == "f.txt" and p.line == 5 for p in problems)


@pytest.mark.parametrize("text", ["KPI", "KPI   ", "相談件数 120", "指標 120"])
def test_parse_kpi_line_ignores_lines_without_a_kpi(text: str) -> None:
    assert parse_kpi_line(_line(text), 1, "f.txt") == (None, [])


def test_parse_kpi_line_without_a_name_is_a_problem() -> None:
    k, problems = parse_kpi_line(_line("KPI (件) 1 2 100%"), 1, "f.txt")
    assert k is None and problems == [Problem("f.txt", "KPI line without a name", 5)]


def test_parse_kpi_line_messages_name_the_kpi_and_the_values() -> None:
    _, problems = parse_kpi_line(_line("KPI 相談件数(件) 12x 9y"), 1, "f.txt")
    assert problems[0].message == "KPI 「相談件数」: unreadable value(s) 12x, 9y"
    _, problems = parse_kpi_line(_line("KPI 相談件数(件) 1 2 3 4"), 1, "f.txt")
    assert problems[0].message == "KPI 「相談件数」: 4 values where 3 were expected; values left unassigned"


def _orphan(text: str, no: int) -> Orphan:
    toks = value_tokens(text)
    assert toks is not None
    return Orphan(_line(text, no), 1, toks)


def _raw(text: str, no: int = 1) -> RawKpi:
    k, _ = parse_kpi_line(_line(text, no), 1, "f.txt")
    assert k is not None
    return k


def test_reconcile_attaches_the_only_consistent_orphan_and_marks_it_displaced() -> None:
    k = _raw("KPI 相談件数(件) 120")
    left = reconcile([k], [_orphan("99 50.0%", 7), _orphan("253 210.8%", 9)])
    assert [o.line.no for o in left] == [7]
    assert _slots(k)["actual"] == ("value", 253, "253") and k.slots["actual"].displaced_from == 9
    assert k.slots["rate"].displaced_from == 9 and k.slots["target"].displaced_from is None
    assert k.flags == ["value_displaced"]


def test_reconcile_fills_from_two_orphan_lines_in_either_order() -> None:
    k = _raw("KPI 相談件数(件) 120")
    left = reconcile([k], [_orphan("210.8%", 4), _orphan("253", 6)])
    assert left == []
    assert (k.slots["actual"].value, k.slots["rate"].value) == (253, 210.8)


def test_reconcile_leaves_an_ambiguous_choice_alone() -> None:
    k = _raw("KPI 相談件数(件) 100")
    orphans = [_orphan("50 50.0%", 4), _orphan("50 50.0%", 6)]
    assert len(reconcile([k], orphans)) == 2 and k.open_slots() == ["actual", "rate"]


def test_reconcile_never_fills_a_rate_slot_with_a_plain_number_or_a_dash() -> None:
    k = _raw("KPI 相談件数(件) 100")
    assert len(reconcile([k], [_orphan("50 50", 4)])) == 1
    assert len(reconcile([k], [_orphan("- 50.0%", 4)])) == 1
    assert k.open_slots() == ["actual", "rate"]


def test_reconcile_never_checks_a_rate_against_a_dashed_actual() -> None:
    """実績 printed as － stays missing: a lone rate cannot be verified without it, so the orphan is not attached."""
    k = _raw("KPI 相談件数(件) 100 -")
    assert len(reconcile([k], [_orphan("50.0%", 4)])) == 1
    assert _slots(k)["rate"] == ("open", None, "") and k.flags == []


@pytest.mark.parametrize(("orphan", "attached"), [("50 51%", True), ("50 50.05%", False), ("50 50.1%", True)])
def test_reconcile_checks_a_rate_to_its_printed_decimals(orphan: str, attached: bool) -> None:
    """51% (no decimals) may be off by 1; 50.05% (two decimals) only by 0.01."""
    k = _raw("KPI 相談件数(件) 100")
    assert (reconcile([k], [_orphan(orphan, 4)]) == []) is attached
    assert (k.open_slots() == []) is attached


def test_reconcile_needs_arithmetic_to_agree() -> None:
    k = _raw("KPI 相談件数(件) 100")
    assert len(reconcile([k], [_orphan("50 60.0%", 4)])) == 1 and k.flags == []


def test_reconcile_gives_each_kpi_the_orphans_only_it_can_use() -> None:
    a, b = _raw("KPI 参加者数(人) 100", 1), _raw("KPI 相談件数(件) 50 25", 2)
    # "80 80.0%" fits only a (80/100); "50.0%" fits only b (25/50): both attach, nothing is left
    left = reconcile([a, b], [_orphan("50.0%", 4), _orphan("80 80.0%", 5)])
    assert left == []
    assert (a.slots["actual"].value, a.slots["rate"].value) == (80, 80.0)
    assert b.slots["rate"].value == 50.0


def test_reconcile_leaves_an_orphan_two_kpis_could_use() -> None:
    """One orphan fits two KPIs equally: neither gets it (and a third, unrelated KPI still gets its own)."""
    a, b, c = _raw("KPI 参加者数(人) 100", 1), _raw("KPI 来場者数(人) 100", 2), _raw("KPI 相談件数(件) 10", 3)
    left = reconcile([a, b, c], [_orphan("50 50.0%", 4), _orphan("12 120.0%", 5)])
    assert [o.line.no for o in left] == [4]
    assert a.open_slots() == b.open_slots() == ["actual", "rate"] and a.flags == b.flags == []
    assert (c.slots["actual"].value, c.slots["rate"].value, c.flags) == (12, 120.0, ["value_displaced"])


def test_reconcile_an_ambiguous_kpi_does_not_stop_the_others() -> None:
    a, c = _raw("KPI 参加者数(人) 100", 1), _raw("KPI 相談件数(件) 10", 2)
    left = reconcile([a, c], [_orphan("50 50.0%", 4), _orphan("50 50.0%", 5), _orphan("12 120.0%", 6)])
    assert sorted(o.line.no for o in left) == [4, 5] and a.open_slots() == ["actual", "rate"]
    assert (c.slots["actual"].value, c.slots["rate"].value) == (12, 120.0)


def test_reconcile_repeats_until_nothing_changes() -> None:
    """Only 14 orphans are considered at a time: the 15th is attached in a second pass, once the others are used."""
    kpis = [_raw(f"KPI 指標{i}(件) {100 + i}", i) for i in range(15)]
    orphans = [_orphan(f"{100 + i} 100.0%", 100 + i) for i in range(15)]
    assert reconcile(kpis, orphans) == []
    assert all(k.slots["actual"].value == 100 + i and k.slots["actual"].displaced_from == 100 + i
               for i, k in enumerate(kpis))


def _finished(text: str):
    return finish(_raw(text), "r.txt", 2, "R2", "補足")


@pytest.mark.parametrize(("text", "values", "lower", "achieved", "flags"), [
    ("KPI 相談件数(件) 120 253 210.8%", (120, 253, 210.8), False, True, ()),
    ("KPI 倍率(倍) 2.50 1.45 172.4%", (2.5, 1.45, 172.4), True, True, ()),
    ("KPI 件数(件) 10 10 100.0%", (10, 10, 100.0), None, True, ()),
    ("KPI 件数(件) 100 80 90.0%", (100, 80, 90.0), None, False, ("rate_mismatch",)),
    # checked to the rate's printed decimals: 51% may be off by 1, 50.05% only by 0.01
    ("KPI 件数(件) 100 50 51%", (100, 50, 51.0), False, False, ()),
    ("KPI 件数(件) 100 50 50.05%", (100, 50, 50.05), None, False, ("rate_mismatch",)),
    ("KPI 件数(件) 100 - -", (100, None, None), None, None, ("missing_actual", "missing_rate")),
    ("KPI 件数(件) 100", (100, None, None), None, None, ("missing_actual", "missing_rate")),
    ("KPI 件数(件) 12x 5 -", (None, 5, None), None, None, ("unparseable_value", "missing_rate")),
])
def test_finish_sets_direction_achievement_and_flags(text, values, lower, achieved, flags) -> None:
    k = _finished(text)
    assert (k.target, k.actual, k.rate) == values
    assert (k.lower_is_better, k.achieved, k.flags) == (lower, achieved, flags)
    assert (k.report, k.project_no, k.fiscal_year, k.note, k.page, k.line) == ("r.txt", 2, "R2", "補足", 1, 1)
    assert k.rate_source == ("printed" if values[2] is not None else None)
    assert k.printed == tuple("" if v is None else t for v, t in zip(values, [*text.split()[2:], "", "", ""],
                                                                     strict=False))


def test_finish_keeps_displaced_values_and_their_flag_once() -> None:
    k = _raw("KPI 相談件数(件) 120")
    k.flags.append("value_displaced")
    k.slots["actual"] = Slot("value", 253, "253", displaced_from=9)
    k.slots["rate"] = Slot("value", 210.8, "210.8%", displaced_from=9)
    out = finish(k, "r.txt", 1, None, None)
    assert (out.actual, out.rate, out.flags, out.printed) == (253, 210.8, ("value_displaced",), ("120", "253", "210.8%"))
    assert isinstance(out.rate, float)


def test_token_is_a_frozen_value() -> None:
    assert Token("num", 3, "3") == classify("3")


# --- fusion -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("k", "expected"), [(0, [(1, 1.5), (2, 1.5)]), (1, [(1, 1 / 2 + 1 / 3), (2, 1 / 3 + 1 / 2)])])
def test_rrf_score_is_weight_over_k_plus_rank(k: int, expected) -> None:
    fused = rrf([[(1, 9.0), (2, 1.0)], [(2, 5.0), (1, 0.0)]], k=k)
    assert fused == [(d, pytest.approx(s)) for d, s in expected]


def test_rrf_duplicate_does_not_stop_the_rest_of_its_list() -> None:
    """A doc listed twice counts once at its best rank; the docs after the duplicate keep their own ranks."""
    assert rrf([[(1, 1.0), (1, 0.5), (2, 0.2)]], k=0) == [(1, 1.0), (2, pytest.approx(1 / 3))]


def test_rrf_weights_scale_each_list() -> None:
    assert rrf([[(1, 1.0)], [(2, 1.0)]], k=0, weights=[2.0, 3.0]) == [(2, 3.0), (1, 2.0)]


@pytest.mark.parametrize("ranking", [[(1, 0.0), (2, 0.5), (1, 1.0)], [(1, 1.0), (2, 0.5), (1, 0.0)]])
def test_convex_keeps_each_docs_best_score_within_a_list(ranking) -> None:
    """Doc 1 listed twice: its best score (1.0) counts wherever it is listed, so it normalizes to 1 and doc 2 to 0."""
    assert convex([ranking]) == [(1, 1.0), (2, 0.0)]


def test_convex_adds_up_a_docs_scores_across_lists() -> None:
    """Doc 1 is best in both lists: 1 + 1, not just the last list's 1."""
    assert convex([[(1, 2.0), (2, 1.0)], [(1, 5.0), (3, 1.0)]]) == [(1, 2.0), (2, 0.0), (3, 0.0)]


def test_convex_weights_scale_normalized_scores() -> None:
    assert convex([[(1, 3.0), (2, 1.0)], [(2, 8.0), (3, 4.0)]], weights=[2.0, 3.0]) == [(2, 3.0), (1, 2.0), (3, 0.0)]


def test_convex_skips_empty_lists_without_losing_weights() -> None:
    assert convex([[], [(1, 2.0), (2, 1.0)]], weights=[5.0, 2.0]) == [(1, 2.0), (2, 0.0)]


def test_convex_normalizes_between_min_and_max() -> None:
    fused = dict(convex([[(1, 10.0), (2, 7.0), (3, 6.0)]]))
    assert fused == {1: 1.0, 2: pytest.approx(0.25), 3: 0.0}


def test_zero_weights_are_allowed() -> None:
    assert rrf([[(1, 1.0)]], weights=[0.0]) == [(1, 0.0)]
    assert convex([[(1, 1.0)]], weights=[0.0]) == [(1, 0.0)]


# --- readers.tables ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("cell", "kind", "value", "suffix"), [
    ("120人", "num", 120, "人"), ("1,234", "num", 1234, None), ("△3", "num", -3, None), ("95.0％", "pct", 95.0, None),
    (" 12 ", "num", 12, None), ("/", "dash", None, None), ("なし", "dash", None, None), ("該当なし", "dash", None, None),
    ("未確定", "pending", None, None), ("R3.3", "text", None, None), ("1.2.3", "text", None, None),
    ("約120人", "text", None, None), ("", "empty", None, None),
    # digits and commas that are not a clean number ("1,23": a comma not every three digits) stay text
    ("1,23", "text", None, None), ("12,34人", "text", None, None), (",5", "text", None, None),
])
def test_read_value_kinds_values_and_unit_suffix(cell: str, kind: str, value, suffix) -> None:
    v = read_value(cell)
    assert (v.kind, v.value, v.suffix) == (kind, value, suffix)
    assert v.text == clean(cell)
    if kind == "pct":
        assert isinstance(v.value, float)


@pytest.mark.parametrize(("cell", "role"), [
    ("目標", "target"), ("目標（人）", "target"), ("実績", "actual"), ("実績(件)", "actual"), ("進捗率", "rate"),
    ("目標年月日", "target_date"), ("決算額", "budget"), ("", None), ("   ", None), ("目標値" + "あ" * 40, None),
    # a label may be up to 24 characters (after removing spaces); 25 is text
    ("目標値" + "あ" * 21, "target"), ("目標値" + "あ" * 22, None), ("目標値 " + "あ" * 21, "target"),
])
def test_role_of_reads_header_words_but_not_long_text(cell: str, role: str | None) -> None:
    assert role_of(cell) == role


def _cells(name="観光客数", unit="人", target="100", actual="80", rate="80.0%", baseline="", year="R2", date=None):
    return KpiCells(name, unit, year, read_value(target), read_value(actual), read_value(rate), read_value(baseline),
                    date, 4)


@pytest.mark.parametrize(("cells", "fields", "flags"), [
    # printed rate, arithmetic agrees: kept, direction known
    (_cells(), (100, 80, 80.0, "printed", False, False, "人"), ()),
    (_cells(target="10", actual="8", rate="125.0%"), (10, 8, 125.0, "printed", True, True, "人"), ()),
    # printed rate that the arithmetic does not reproduce: kept, flagged, direction unknown
    (_cells(rate="90.0%"), (100, 80, 90.0, "printed", None, False, "人"), ("rate_mismatch",)),
    # a rate written as a ratio (0.8) or a bare percentage (80) is kept once arithmetic says which
    (_cells(rate="0.8"), (100, 80, 80.0, "printed", False, False, "人"), ()),
    (_cells(rate="80"), (100, 80, 80.0, "printed", False, False, "人"), ()),
    (_cells(rate="1.25", target="10", actual="8"), (10, 8, 125.0, "printed", True, True, "人"), ()),
    (_cells(rate="0.5"), (100, 80, None, None, None, None, "人"), ("rate_unreadable", "missing_rate")),
    # a printed percentage is checked to its own decimals: 51% may be off by 1
    (_cells(actual="50", rate="51%"), (100, 50, 51.0, "printed", False, False, "人"), ()),
    # a ratio's tolerance is one unit of its last digit as a percentage: 0.79 → 79 ± 1, 0.805 → 80.5 ± 0.1
    (_cells(target="1000", actual="1055", rate="1.055"), (1000, 1055, 105.5, "printed", False, True, "人"), ()),
    (_cells(target="1000", actual="794", rate="0.79"), (1000, 794, 79.0, "printed", False, False, "人"), ()),
    (_cells(rate="0.805"), (100, 80, None, None, None, None, "人"), ("rate_unreadable", "missing_rate")),
    # no rate printed: 実績÷目標 computed (one decimal), achievement assumed higher-is-better
    (_cells(rate=""), (100, 80, 80.0, "computed", None, False, "人"), ("direction_assumed_higher",)),
    (_cells(rate="", target="3", actual="1"), (3, 1, 33.3, "computed", None, False, "人"),
     ("direction_assumed_higher",)),
    (_cells(rate="", target="80", actual="80"), (80, 80, 100.0, "computed", None, True, "人"),
     ("direction_assumed_higher",)),
    # ... except for names that measure something to reduce
    (_cells(name="待機児童数", rate=""), (100, 80, 80.0, "computed", None, None, "人"), ("direction_unknown",)),
    (_cells(rate="", target="0"), (0, 80, None, None, None, None, "人"), ("missing_rate",)),
    (_cells(rate="集計中"), (100, 80, 80.0, "computed", None, False, "人"), ("pending_rate", "direction_assumed_higher")),
    (_cells(rate="不明な値"), (100, 80, 80.0, "computed", None, False, "人"),
     ("rate_unreadable", "direction_assumed_higher")),
    # missing or pending values
    (_cells(actual="集計中", rate=""), (100, None, None, None, None, None, "人"),
     ("pending_actual", "missing_actual", "missing_rate")),
    (_cells(actual="－", rate="－"), (100, None, None, None, None, None, "人"), ("missing_actual", "missing_rate")),
    (_cells(target="約100", rate=""), (None, 80, None, None, None, None, "人"),
     ("unparseable_value", "missing_target", "missing_rate")),
    # units: a suffix fills a missing unit, a conflicting one drops the value; a % cell needs a % (or no) unit
    (_cells(unit=None, target="100件", actual="80件"), (100, 80, 80.0, "printed", False, False, "件"), ()),
    (_cells(target="100件"), (None, 80, 80.0, "printed", None, False, "人"),
     ("unit_conflict_target", "missing_target")),
    (_cells(unit=None, target="50%", actual="40%", rate=""), (50.0, 40.0, 80.0, "computed", None, False, "%"),
     ("direction_assumed_higher",)),
    (_cells(target="50%", rate=""), (None, 80, None, None, None, None, "人"),
     ("unparseable_value", "missing_target", "missing_rate")),
])
def test_make_kpi_checks_rates_units_and_flags(cells: KpiCells, fields, flags) -> None:
    k = make_kpi(cells, "r.pdf", 3)
    assert (k.target, k.actual, k.rate, k.rate_source, k.lower_is_better, k.achieved, k.unit) == fields
    assert k.flags == flags
    assert (k.report, k.project_no, k.name, k.fiscal_year, k.page, k.note) == ("r.pdf", 3, cells.name, "R2", 4, None)


def test_make_kpi_keeps_printed_text_baseline_and_target_date() -> None:
    k = make_kpi(_cells(target="1,000", actual="800", rate="80.0%", baseline="700", date="R3.3"), "r.pdf", 1)
    assert k.printed == ("1,000", "800", "80.0%") and k.baseline == 700 and k.target_date == "R3.3"
    k = make_kpi(_cells(rate="0.8", date=""), "r.pdf", 1)
    assert k.printed == ("100", "80", "0.8") and k.target_date is None and k.baseline is None
    k = make_kpi(_cells(actual="－", rate="", baseline="－"), "r.pdf", 1)
    assert k.printed == ("100", "", "")
    # no rate printed text for a computed rate, nor for an unreadable one
    assert make_kpi(_cells(rate=""), "r.pdf", 1).printed == ("100", "80", "")
    assert make_kpi(_cells(rate="0.5"), "r.pdf", 1).printed == ("100", "80", "")


def test_make_kpi_ratio_is_stored_rounded_to_six_decimals() -> None:
    k = make_kpi(_cells(target="1000000000", actual="123456789", rate="0.123456789"), "r.pdf", 1)
    assert (k.rate, k.rate_source, k.printed[2]) == (12.345679, "printed", "0.123456789")


def test_make_kpi_printed_text_is_empty_for_a_missing_target() -> None:
    k = make_kpi(_cells(target="－", actual="80", rate=""), "r.pdf", 1)
    assert k.target is None and k.printed == ("", "80", "")


def test_make_kpi_with_every_cell_empty() -> None:
    k = make_kpi(KpiCells("観光客数", None, None, EMPTY, EMPTY, EMPTY, EMPTY, None, 1), "r.pdf", 1)
    assert (k.target, k.actual, k.rate, k.unit, k.achieved) == (None, None, None, None, None)
    assert k.flags == ("missing_target", "missing_actual", "missing_rate")


# --- threshold parsing (understand) and filtering (answer) -------------------------------------------------------


@pytest.mark.parametrize(("question", "threshold"), [
    ("達成率が50%以下のKPIは？", ("<=", 50.0)), ("達成率が50%以上のKPIは？", (">=", 50.0)),
    ("達成率が50%未満のKPIは？", ("<", 50.0)), ("達成率が50%超のKPIは？", (">", 50.0)),
    ("達成率が50%を切るKPIは？", ("<", 50.0)), ("達成率が50%を割るKPIは？", ("<", 50.0)),
    ("達成率が50%を超えるKPIは？", (">", 50.0)), ("達成率が50%を下回るKPIは？", ("<", 50.0)),
    ("達成率が50%を上回るKPIは？", (">", 50.0)), ("達成率が50%に満たないKPIは？", ("<", 50.0)),
    ("達成率が50%より低いKPIは？", ("<", 50.0)), ("達成率が50%より少ないKPIは？", ("<", 50.0)),
    ("達成率が50%より下のKPIは？", ("<", 50.0)), ("達成率が50%より高いKPIは？", (">", 50.0)),
    ("達成率が50%より多いKPIは？", (">", 50.0)), ("達成率が50%より上のKPIは？", (">", 50.0)),
    ("達成率が95.5パーセント以上のKPIは？", (">=", 95.5)), ("達成率80％以下", ("<=", 80.0)),
    ("KPIs below 50%", ("<", 50.0)), ("KPIs under 50%", ("<", 50.0)), ("KPIs less than 50%", ("<", 50.0)),
    ("KPIs above 50%", (">", 50.0)), ("KPIs over 50%", (">", 50.0)), ("KPIs more than 50%", (">", 50.0)),
    ("KPIs at least 50.5%", (">=", 50.5)),
    ("達成率の低いKPIは？", None),
])
def test_threshold_words_map_to_comparisons(question: str, threshold) -> None:
    assert understand(question).threshold == threshold


@pytest.mark.parametrize(("op", "value", "rate", "ok"), [
    ("<", 50.0, 49.9, True), ("<", 50.0, 50.0, False), ("<=", 50.0, 50.0, True), ("<=", 50.0, 50.1, False),
    (">", 50.0, 50.1, True), (">", 50.0, 50.0, False), (">=", 50.0, 50.0, True), (">=", 50.0, 49.9, False),
])
def test_passes_compares_the_rate_with_the_threshold(op: str, value: float, rate: float, ok: bool) -> None:
    assert passes(op, value, rate) is ok


@pytest.fixture(scope="module")
def fake_seed() -> Assistant:
    """The shipped corpus with the hashing embedder: answers without loading a model."""
    index = Path(tempfile.mkdtemp(prefix="mutation-kills-"))
    return Assistant.open(Config.from_env(corpus=CORPUS, index=index, embedder="fake-hash-64"))


@pytest.mark.parametrize(("question", "names"), [
    # the boundary KPI (研修開催回数, 80.0%) is in for 以下 and out for 未満
    ("達成率が80%以下のKPIは？", {"研修開催回数", "実践訓練における解決課題数", "活躍シニア数", "行動変容した市民数"}),
    ("達成率が80%未満のKPIは？", {"実践訓練における解決課題数", "活躍シニア数", "行動変容した市民数"}),
    # two KPIs sit at exactly 95.0%: in for 以上, out for を超える
    ("達成率が95%以上のKPIは？", {"福岡地域の情報処理技術者の有効求人倍率", "エンジニアからの相談対応件数", "赤煉瓦文化館の入館者数",
                           "研修修了者数", "地域の国際交流事業が実現した件数", "新たな事業創出数"}),
    ("達成率が95%を超えるKPIは？", {"福岡地域の情報処理技術者の有効求人倍率", "エンジニアからの相談対応件数", "研修修了者数",
                            "新たな事業創出数"}),
    ("達成率が50%を切るKPIは？", {"実践訓練における解決課題数", "行動変容した市民数"}),
])
def test_threshold_filter_includes_the_boundary_only_for_inclusive_words(fake_seed: Assistant, question, names) -> None:
    ans = fake_seed.answer(question)
    assert ans.intent == "kpi_filter"
    assert {k.name for k in ans.kpis} == names


@pytest.mark.parametrize(("question", "name"), [
    ("研修は何回やったの？", "研修開催回数"), ("相談件数は？", "エンジニアからの相談対応件数"),
    ("入館者数は？", "赤煉瓦文化館の入館者数"), ("留学生数の実績は？", "福岡市内の大学・大学院・短期大学に在籍する留学生数"),
    ("研修修了者数はどうだった？", "研修修了者数"), ("活躍シニア数は目標いった？", "活躍シニア数"),
    ("行動変容した市民数は？", "行動変容した市民数"), ("解決課題数は？", "実践訓練における解決課題数"),
    # near matches a looser score margin would add: 活躍シニア数 for 事業者数, AI関連業務…割合 for 参加率
    ("事業者数は？", "海外展開する事業者数"), ("シニア数は？", "活躍シニア数"),
    ("参加率の実績は？", "地域の行事への外国人参加率"),
])
def test_kpi_answer_names_only_the_best_matching_kpi(fake_seed: Assistant, question: str, name: str) -> None:
    """A KPI answer is not padded with KPIs that merely share words with the question."""
    ans = fake_seed.answer(question)
    assert [k.name for k in ans.kpis] == [name]
