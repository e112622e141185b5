"""Follow-ups that lean on the last answer — a position in its list, its one KPI, the rest of its list, a ※ note on
when a value comes, what will be done about a missed KPI — and questions that filter projects by a grant type or by
how many KPIs they have. Two small reports written here (the village of test_answer_reasons and a town), fake
embedder: these tests check routing, not retrieval quality; the seed questions use the real index."""

from __future__ import annotations

import pytest

from assistant.compose import NOT_FOUND
from tests.test_answer_reasons import REPORT, ask, opened

TOWN = """ささ原町 地方創生関係交付金事業 実績一覧表（令和5年度）
1 はじめに
町の交付金事業の実績をまとめた。
2 事業一覧
No. 項目 内容
1 事業名 ささ原町子育てアプリ推進事業 事業期間 令和5年度～令和7年度
担当課 こども課 交付金 デジタル田園都市国家構想交付金（デジタル実装タイプ）
事業費 （単位：千円） R5決算 4,000（うち交付金 2,000） R6予算 4,500
KPI① 子育てアプリの登録者数 基準値 － 目標 800人 実績 900人 達成率 112.5%
KPI② 子育て世帯の観光消費額 基準値 － 目標 300百万円 実績 320百万円 達成率 106.7%
取組内容 子育てアプリ「ささっこ」に予防接種の予約機能を追加した。
評価 地方創生に効果があった 今後の方針 継続
"""

REMEDY = "移住相談件数が目標に届かなかったため、休日の相談窓口を設けて広報を強化する。"


@pytest.fixture(scope="module")
def two_towns(tmp_path_factory):
    village = REPORT.replace("拠点の運営は令和6年度以降も", REMEDY + "拠点の運営は令和6年度以降も")
    return opened(tmp_path_factory, kunugidaira_R5=village, sasahara_R5=TOWN)


def test_a_bare_how_much_after_one_kpi_asks_that_kpis_value(two_towns):
    text = ask(two_towns, "くぬぎ平村のKPIを教えて", "その中でいちばん達成率が低いのはどれ？", "何％だった？")
    assert NOT_FOUND not in text and "移住相談件数" in text and "75.0%" in text


def test_the_rest_of_the_list_leaves_out_what_the_last_answer_picked(two_towns):
    text = ask(two_towns, "くぬぎ平村のKPIを教えて", "その中で一番達成率が高いのは？", "それ以外で一番達成率が高いのは？")
    assert "交流拠点の利用者数" in text and "112.0%" in text and "平均待ち日数" not in text


def test_when_a_value_comes_is_the_note_on_it(two_towns):
    text = ask(two_towns, "木質チップ利用量の実績は？", "いつ確定する？")
    assert "令和6年8月" in text and "木質チップ" in text


def test_what_will_be_done_about_the_missed_kpi_quotes_the_plan(two_towns):
    text = ask(two_towns, "くぬぎ平村で目標に届かなかったKPIは？", "今後どう対応するの？")
    assert "休日の相談窓口" in text and NOT_FOUND not in text


def test_among_the_last_answers_project_a_word_of_another_title_names_nothing(two_towns):
    # 「アプリ」 is a word of the town's title, but the question asks about the village's activities just listed
    text = ask(two_towns, "くぬぎ平村の事業でやったことを教えて", "上の取り組みのうち、アプリってどういう内容？")
    assert "くぬぎナビ" in text and "ささっこ" not in text


def test_a_grant_type_names_its_projects(two_towns):
    text = ask(two_towns, "デジタル実装タイプの事業はどれ？")
    assert "子育てアプリ推進事業" in text and "くぬぎ平高原" not in text


def test_projects_by_how_many_kpis_they_have(two_towns):
    five = ask(two_towns, "KPIが5つある事業は？")
    assert "くぬぎ平高原の交流拠点整備事業" in five and "子育てアプリ推進事業（KPI" not in five
    assert "KPIが3件の事業はありません" in ask(two_towns, "KPIが3つある事業は？")


def test_a_position_in_a_listing_of_every_project(seed_index):
    assert "新産業振興課" in ask(seed_index, "福岡市の事業名をぜんぶ教えて", "2番目の事業の担当課は？")


def test_a_question_of_its_own_after_a_department_is_not_the_department_again(seed_index):
    text = ask(seed_index, "外国人材の受入・共生事業の担当課は？", "その事業で財団に置いたコーディネーターって何て名前？")
    assert "共生コーディネーター" in text


def test_how_many_times_the_baseline_shows_the_division(two_towns):
    text = ask(two_towns, "移住相談件数の実績は？", "基準値は？", "基準値の何倍になった？")
    assert "1.5倍" in text and "60 ÷ 40" in text


def test_a_planned_amount_asked_whether_it_is_settled(two_towns):
    text = ask(two_towns, "ささ原町の事業費、令和6年度は？", "それって確定した額？")
    assert "4,500千円" in text and "確定した額ではありません" in text


def test_the_actual_amount_of_a_kpi_named_is_no_project_cost(two_towns):
    text = ask(two_towns, "ささ原町の観光消費額、令和5年度の実績額は？")
    assert "320百万円" in text and "4,000千円" not in text


def test_the_top_rated_project_with_its_policy_and_a_verification_result(two_towns):
    assert "今後の方針「終了」" in ask(two_towns, "一番評価が高かった事業とその方針は？")
    assert "地方創生に効果があった" in ask(two_towns, "くぬぎ平高原の交流拠点整備事業の効果検証の結果は？")


def test_projects_of_a_grant_are_counted(two_towns):
    text = ask(two_towns, "デジタル田園都市国家構想交付金を使っている事業はいくつ？")
    assert "子育てアプリ推進事業" in text and "くぬぎ平高原" not in text and NOT_FOUND not in text


def test_cost_and_the_grants_share_asked_together(two_towns):
    text = ask(two_towns, "ささ原町子育てアプリ推進事業のR5の事業費と国の交付金は？")
    assert "2,000千円" in text and "4,000千円" in text


def test_how_far_a_value_came_is_the_kpi_not_a_place(two_towns):
    text = ask(two_towns, "移住相談の平均待ち日数はどこまで短くなった？")
    assert "8日" in text and NOT_FOUND not in text


def test_a_kpi_asked_by_its_number_in_the_project(two_towns):
    text = ask(two_towns, "くぬぎ平高原の交流拠点整備事業のKPI②の実績を教えて")
    assert "移住相談件数" in text and "5,600" not in text
