"""KPI rows: value slots, displaced values re-attached by arithmetic, and refusals to guess."""

from __future__ import annotations

import pytest

from assistant import arith
from assistant.extract import parse_text


def report(*pages: str, fy: str = "令和３年度") -> str:
    """A minimal report in the family's layout; pages are joined with the single-space page break."""
    head = f"{fy}地方創生関連交付金事業の実施状況\n"
    return head + "\n".join(" " + p.lstrip() for p in pages)


def page(no: str, body: str, period: str = "R2n-R4n") -> str:
    return f"テスト町 企画課 事業期間 {period}\n{no}テスト事業{no}\n{body}\n指標内容 R3n目標 R3n実績 達成率\n"


def kpis(text: str) -> dict[str, tuple]:
    parsed = parse_text(text, "t.txt")
    return {k.name: (k.target, k.actual, k.rate, k.lower_is_better, k.achieved, k.flags) for k in parsed.kpis}


@pytest.mark.parametrize(("t", "a", "r", "d", "expected"), [
    (120, 253, 210.8, 1, arith.HIGHER), (2.50, 1.45, 172.4, 1, arith.LOWER), (10, 10, 100.0, 1, arith.EITHER),
    (3, 1, 33.3, 1, arith.HIGHER), (3, 1, 33.4, 1, arith.HIGHER), (3, 1, 35.0, 1, None), (7, 3, 43, 0, arith.HIGHER),
])
def test_direction(t, a, r, d, expected) -> None:
    assert arith.direction(t, a, r, d) == expected


def test_values_on_the_line_and_full_width_digits() -> None:
    k = kpis(report(page("①", "ＫＰＩ 相談件数（件） １２０ ２５３ ２１０．８％")))
    assert k["相談件数"][:5] == (120, 253, 210.8, False, True)


def test_lower_is_better_by_arithmetic() -> None:
    k = kpis(report(page("①", "ＫＰＩ 待機児童数（人） 10 8 125.0%")))
    assert k["待機児童数"][:5] == (10, 8, 125.0, True, True)


def test_actual_above_the_kpi_line_and_rate_at_page_top() -> None:
    body = "45.0%\n①テスト事業\nＫＰＩ 見学者数（人） 2,000\n\n900\n"
    text = report("テスト町 企画課 事業期間 R2n-R4n\n" + body + "指標内容 R3n目標 R3n実績 達成率\n")
    k = kpis(text)
    assert k["見学者数"][:3] == (2000, 900, 45.0)
    assert "value_displaced" in k["見学者数"][5]


def test_arithmetic_picks_the_right_kpi_among_several() -> None:
    body = ("ＫＰＩ 参加者数（人） 400\nＫＰＩ 相談件数（件） 50\nＫＰＩ 登録者数（人）\n"
            "60 48 80.0%\n300\n75.0%\n45\n90.0%\n")
    k = kpis(report(page("①", body)))
    assert k["参加者数"][:3] == (400, 300, 75.0)
    assert k["相談件数"][:3] == (50, 45, 90.0)
    assert k["登録者数"][:3] == (60, 48, 80.0)


def test_ambiguous_values_are_not_guessed() -> None:
    # Two name-only KPIs and two self-consistent rows: either assignment fits, so neither is made.
    body = "ＫＰＩ 参加者数（人）\nＫＰＩ 相談件数（件）\n100 50 50.0%\n200 50 25.0%\n"
    parsed = parse_text(report(page("①", body)), "t.txt")
    for k in parsed.kpis:
        assert (k.target, k.actual, k.rate) == (None, None, None)
        assert "missing_actual" in k.flags
    assert sum("values not attached" in p.message for p in parsed.problems) == 2


def test_unverifiable_single_value_is_left_alone() -> None:
    # Only a target on the line and a lone number elsewhere with no rate to check it against.
    k = kpis(report(page("①", "ＫＰＩ 参加者数（人） 100\n\n80\n")))
    assert k["参加者数"][:3] == (100, None, None)


def test_rate_mismatch_is_flagged() -> None:
    k = kpis(report(page("①", "ＫＰＩ 参加者数（人） 100 80 90.0%")))
    assert "rate_mismatch" in k["参加者数"][5] and k["参加者数"][3] is None


def test_rate_alone_at_the_top_of_the_next_page() -> None:
    p1 = page("①", "ＫＰＩ 来場者数（人） 5,000 4,600")
    p2 = "92.0%\n" + page("②", "ＫＰＩ 相談件数（件） 10 12 120.0%")
    k = kpis(report(p1, p2))
    assert k["来場者数"][:3] == (5000, 4600, 92.0)
    assert k["相談件数"][:3] == (10, 12, 120.0)


def test_dashes_mean_missing_and_fiscal_year_from_header() -> None:
    parsed = parse_text(report(page("①", "ＫＰＩ 満足度（％） － － －\n補足 「満足度」はR4n調査予定。")), "t.txt")
    k = parsed.kpis[0]
    assert (k.target, k.actual, k.rate, k.achieved, k.fiscal_year) == (None, None, None, None, "R3")
    assert k.unit == "%" and k.note == "「満足度」はR4n調査予定。"
    assert {"missing_target", "missing_actual", "missing_rate"} <= set(k.flags)


def test_circled_numbers_beyond_four() -> None:
    pages = [page(c, f"ＫＰＩ 指標{i}（件） 10 {i} {i * 10}.0%") for i, c in enumerate("⑤⑥⑦⑧⑨⑩⑪⑫", start=1)]
    parsed = parse_text(report(*pages), "t.txt")
    assert [p.no for p in parsed.projects] == list(range(5, 13))
    assert [k.page for k in parsed.kpis] == list(range(1, 9))
    assert all(k.rate == k.actual * 10 for k in parsed.kpis)
