"""A corpus of several cities and years (the six fixture reports): names and years in a question narrow the answer."""

from __future__ import annotations

import pytest

from assistant.api import Assistant
from assistant.config import Config
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def assistant(tmp_path_factory) -> Assistant:
    return Assistant.open(Config(FIXTURES / "reports", tmp_path_factory.mktemp("multi"), "fake-hash-64"))


def ask(a: Assistant, *turns: str):
    history = []
    for q in turns:
        history.append(a.answer(q, history))
    return history[-1]


def test_a_named_year_selects_that_years_reports(assistant: Assistant) -> None:
    ans = ask(assistant, "令和4年度の事業はいくつある？")
    assert "6件" in ans.text and {p.report for p in ans.projects} == {"kitakyushu-city_R4_part2_formfeed.txt"}


def test_a_named_city_is_a_filter_not_a_kpi_word(assistant: Assistant) -> None:
    ans = ask(assistant, "八女市の事業について教えて")  # 八女 is also in the KPI 八女茶の輸出額
    assert ans.intent == "topic" and len(ans.projects) == 3
    assert {p.report for p in ans.projects} == {"yame-city_R5_cp932.txt"}


def test_followup_filters_the_previous_list(assistant: Assistant) -> None:
    ans = ask(assistant, "八女市の事業について教えて", "そのKPIは？", "その中で未達成なのは？")
    assert ans.intent == "kpi_filter" and [k.name for k in ans.kpis] == ["茶摘み体験ツアー参加者数"]


def test_budget_ranking_across_years_uses_each_reports_year(assistant: Assistant) -> None:
    ans = ask(assistant, "一番予算が大きい事業は？")
    assert "報告年度" in ans.text and "洋上風力発電関連産業の拠点化推進事業" in ans.text and "45,000" in ans.text
