"""Answers that quote what a report says beside its figures — the reason for a verdict or a missed KPI, a name, a
place — and refusals where it says nothing of the kind (a price, a cost item, a year it does not cover). A small
report written here (another village, other values than any eval set), read by the label-row reader, with the
deterministic fake embedder: these tests check routing and quoting, not retrieval quality."""

from __future__ import annotations

import pytest

from assistant.api import Assistant
from assistant.compose import NOT_FOUND
from assistant.config import Config

REPORT = """くぬぎ平村 地方創生関係交付金事業 実績一覧表（令和5年度）
1 はじめに
村の交付金事業の実績をまとめた。
2 事業一覧
No. 項目 内容
1 事業名 くぬぎ平高原の交流拠点整備事業 事業期間 令和4年度～令和5年度
担当課 企画課 交付金 地方創生拠点整備交付金
事業費 （単位：千円） R4決算 8,000 R5決算 9,000
KPI① 交流拠点の利用者数 基準値 － 目標 5,000人 実績 5,600人 達成率 112.0%
KPI② 移住相談件数 基準値 40件 目標 80件 実績 60件 達成率 75.0%
KPI③ 移住相談の平均待ち日数 基準値 － 目標 10日 実績 8日 達成率 125.0%
KPI④ 国民健康保険の特定健診受診率 基準値 － 目標 50.0% 実績 46.0% 達成率 92.0%
KPI⑤ 村内施設の木質チップ利用量 基準値 － 目標 300t 実績 － 達成率 －
取組内容 旧保育所を改修した交流拠点「くぬぎテラス」を村役場の隣に開設した。地元の高校と連携してアプリ「くぬぎナビ」を公開した。星空観察の体験プログラムに参加する村民に、1人当たり最大2万円を補助した。
評価 地方創生に効果があった 今後の方針 終了
備考 交付金の事業期間が終了するため、本事業は終了とする。拠点の運営は令和6年度以降も村単独事業として継続する。移住相談件数は、相談員の退職により窓口を休止した期間があったため目標に届かなかった。
3 評価の区分
評価は4区分とした。
※1 事業No.1のKPI⑤の令和5年度実績値は、令和6年8月に集計結果を公表予定のため「－」としている。
"""


@pytest.fixture(scope="module")
def village(tmp_path_factory) -> Assistant:
    corpus = tmp_path_factory.mktemp("corpus")
    (corpus / "kunugidaira_R5.txt").write_text(REPORT, encoding="utf-8")
    return Assistant.open(Config.from_env(corpus=corpus, index=tmp_path_factory.mktemp("index"),
                                          embedder="fake-hash-64"))


def ask(a: Assistant, *turns: str) -> str:
    history: list = []
    for q in turns:
        history.append(a.answer(q, history))
    return history[-1].text


def opened(tmp_path_factory, **files: str) -> Assistant:
    """An assistant over a corpus of the given report texts (file name → text), fake embedder."""
    corpus = tmp_path_factory.mktemp("corpus")
    for name, text in files.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    return Assistant.open(Config.from_env(corpus=corpus, index=tmp_path_factory.mktemp("index"), embedder="fake-hash-64"))


def with_sentence(sentence: str) -> str:
    """The village's report with one more sentence in its 備考."""
    return REPORT.replace("拠点の運営は令和6年度以降も", sentence + "拠点の運営は令和6年度以降も")


def test_the_report_is_read_with_its_kpis(village):
    assert "5,600" in ask(village, "交流拠点の利用者数の実績は？")


def test_an_abbreviation_people_say_finds_the_kpi_the_report_names_in_full(village):
    text = ask(village, "くぬぎ平村の国保の健診受診率は？")  # 国保: the report prints 国民健康保険
    assert "46.0" in text and NOT_FOUND not in text


def test_a_verdict_asked_why_quotes_the_reports_reason(village):
    text = ask(village, "くぬぎ平の交流拠点の事業はなぜ終了なの？")
    assert "終了" in text and "村単独事業" in text


def test_a_missed_kpi_asked_why_quotes_the_cause_the_report_gives(village):
    text = ask(village, "移住相談件数が目標に届かなかったのはなぜ？")
    assert "相談員の退職" in text and "理由や要因は資料に記載がありません" not in text


def test_a_name_and_a_place_are_quoted_from_the_text(village):
    assert "くぬぎナビ" in ask(village, "くぬぎ平村のアプリ、なんて名前？")
    assert "村役場の隣" in ask(village, "交流拠点はどこに開設したの？")


def test_a_facility_named_in_the_text_finds_its_projects_kpi(village):
    text = ask(village, "くぬぎテラスの利用者数は？")
    assert "5,600" in text and "60件" not in text


def test_activities_of_a_layout_without_numbered_activities_quote_what_was_done(village):
    text = ask(village, "交流拠点の事業で具体的にどんな取組をした？")
    assert "くぬぎテラス" in text and NOT_FOUND not in text


def test_a_price_a_cost_item_and_a_year_the_report_lacks_are_refused(village):
    assert ask(village, "くぬぎテラスの利用料金はいくら？").startswith(NOT_FOUND)  # 5,600人 is no price
    text = ask(village, "くぬぎナビの開発費だけだといくら？")
    assert text.startswith(NOT_FOUND) and "9,000" not in text


def test_evaluation_and_direction_are_both_answered(village):
    text = ask(village, "交流拠点の事業の評価と今後の方向性は？")
    assert "地方創生に効果があった" in text and "「終了」" in text


def test_a_fee_is_not_answered_by_another_amount_in_the_same_sentence(village):
    text = ask(village, "星空観察の体験プログラムの参加費っていくら？")
    assert text.startswith(NOT_FOUND) and "2万円" not in text  # a subsidy of 2万円 is not the fee


def test_a_cost_item_is_a_part_of_the_spending_and_a_fee_is_not_one() -> None:
    from assistant.answering.budget import cost_item
    assert [cost_item(q) for q in ("アプリの開発費だけだといくら？", "人件費は？", "事業費はいくら？", "交付対象事業経費は？",
                                   "参加費はいくら？")] == ["開発費", "人件費", None, None, None]


def test_an_average_the_kpi_itself_is_named_by_the_question(village):
    text = ask(village, "くぬぎ平の移住相談、平均で何日待つ？")  # 平均 is the KPI's own word, not 「average these」
    assert "8日" in text and "125.0" in text


def test_an_ordinal_asked_leaves_the_other_ordinals_lines_out(seed_index):
    one = seed_index.answer("AI開発者向け研修の第２期は何人修了した？", []).text
    both = seed_index.answer("AI開発者向け研修は第1期と第2期でそれぞれ何人修了？", []).text
    assert "40人" in one and "22人" not in one and "22人" in both and "40人" in both


def test_a_policy_not_printed_gives_the_kpis_note_on_what_comes_next(seed_index):
    first = seed_index.answer("地域の行事への外国人参加率は？", [])
    text = seed_index.answer("今後どうするって？", [first]).text
    assert "アンケート" in text and "方針は資料に記載がありません" in text  # the note is the KPI's, not a policy


def test_the_grants_share_of_a_cost_is_not_answered_with_the_whole_cost(village):
    text = ask(village, "交流拠点の事業費のうち、交付金はいくら？")
    assert text.startswith(NOT_FOUND) and "9,000" not in text


def test_missed_kpis_asked_with_their_shortfalls_show_each_subtraction(village):
    text = ask(village, "目標に届かなかったKPIと、それぞれの不足分は？")
    assert "目標まで20件（80 − 60 = 20）" in text and "5,600" not in text


def test_a_kpi_list_for_a_year_the_report_does_not_cover_is_refused(village):
    text = ask(village, "交流拠点の事業の令和3年度のKPIを全部教えて")
    assert text.startswith(NOT_FOUND) and "令和5年度" in text and "5,600" not in text


def test_thresholds_in_tenths_and_a_band_of_ten_points() -> None:
    from assistant.understand import passes, understand
    assert understand("達成率が7割未満のKPIは？").threshold == ("<", 70.0)
    assert understand("達成率が80%台のKPIを一覧で").threshold == ("band", 80.0)
    assert passes("band", 80.0, 89.9) and not passes("band", 80.0, 90.0) and not passes("band", 80.0, 79.9)


def test_an_ordinal_the_report_does_not_print_is_refused(seed_index):
    text = seed_index.answer("AI開発者向け研修の第５期は何人修了した？", []).text
    assert text.startswith(NOT_FOUND) and "22人" not in text and "87人" not in text


def test_budgets_over_an_amount_are_compared_in_yen_and_a_pdf_and_its_text_count_once(tmp_path_factory):
    import shutil
    from pathlib import Path
    layouts = Path(__file__).parent / "fixtures" / "layouts"
    corpus = tmp_path_factory.mktemp("corpus")
    for name in ("summary_asahigaoka-town.pdf", "summary_asahigaoka-town.txt"):
        shutil.copy(layouts / name, corpus)
    a = Assistant.open(Config.from_env(corpus=corpus, index=tmp_path_factory.mktemp("index"), embedder="fake-hash-64"))
    text = a.answer("朝日丘町で事業費が2,000万円を超える事業は？", []).text
    assert "1件" in text and "45,000千円" in text and "18,450" not in text  # 20,000千円 = 2,000万円
    bare = a.answer("朝日丘町の事業で2,000万円以上のものは？", []).text  # no budget word: an amount in yen is one
    assert "1件" in bare and "45,000千円" in bare and "18,450" not in bare
    once = a.answer("朝日丘町で目標に届かなかったKPIはいくつ？", []).text
    assert "（対象9件）" in once  # 9 KPIs, not 18 from the PDF and its text export
    people = a.answer("朝日丘町に移住した人は何人？", []).text  # only 移住相談件数 (件) is printed: it counts cases
    assert people.startswith(NOT_FOUND) and "146" not in people


def test_a_limit_in_yen_is_compared_in_yen_and_refused_with_its_reason_where_no_unit_is_printed(
        village, tmp_path_factory):
    assert "9,000千円" in ask(village, "事業費が800万円以上の事業は？")  # 9,000千円 = 900万円
    import shutil
    from pathlib import Path
    corpus = tmp_path_factory.mktemp("corpus")  # 八女市 prints its amounts without a unit
    shutil.copy(Path(__file__).parent / "fixtures" / "reports" / "yame-city_R5_cp932.txt", corpus)
    a = Assistant.open(Config.from_env(corpus=corpus, index=tmp_path_factory.mktemp("index"), embedder="fake-hash-64"))
    text = a.answer("八女市の事業で1,000万円以上の事業は？", []).text
    assert text.startswith(NOT_FOUND) and "単位" in text and "14,520" not in text


def test_words_ending_in_jou_no_are_not_a_reference_to_the_last_answer() -> None:
    from assistant.understand import understand
    assert not understand("所得向上の事業は？").refers and not understand("1,000万円以上の事業は？").refers
    assert understand("上の3つの合計は？").ref_n == 3 and understand("上記の事業の担当課は？").refers


def test_a_why_follow_up_to_a_kpi_without_an_actual_gives_its_note(seed_index):
    first = seed_index.answer("AIエンジニア支援で、AI関連業務に従事した人の割合の実績は？", [])
    text = seed_index.answer("どうして出てないの？", [first]).text
    assert "調査予定" in text and not text.startswith(NOT_FOUND)


def test_an_actual_printed_as_pending_is_said_as_printed() -> None:
    from assistant.compose import kpi_sentence
    from assistant.readers.tables import EMPTY, KpiCells, make_kpi, read_value
    k = make_kpi(KpiCells("観光消費額", "百万円", "R4", read_value("1,200"), read_value("集計中"), EMPTY, EMPTY, None, 1),
                 "r.pdf", 1)
    text = kpi_sentence(k, None, "ja")
    assert k.actual is None and "実績は資料に「集計中」と記載されており" in text and "1,200" in text


def test_the_opposite_population_a_kpi_counts_does_not_answer() -> None:
    from assistant.answering.another_question import _opposite
    assert _opposite("町外からの観光客数は？", "町内の観光客数") == ("町外", "町内")
    assert _opposite("町内の観光客数は？", "町内の観光客数") is None and _opposite("観光客数は？", "町外の観光客数") is None


def test_an_amount_of_something_else_is_not_the_budget(village):
    text = ask(village, "体験プログラムの補助総額はいくら？")  # only 「最大2万円を補助」 and the 事業費 are printed
    assert "17,000" not in text and "9,000" not in text and "交付対象事業経費" not in text


def test_decrease_targets_are_the_lower_is_better_kpis(village):
    text = ask(village, "くぬぎ平村で減少を目指す指標はどれ？")
    assert "移住相談の平均待ち日数" in text and "交流拠点の利用者数" not in text


def test_a_missing_actual_quotes_the_footnote_that_names_it_by_its_label(village):
    """「※1 事業No.1のKPI⑤の…実績値は、令和6年8月に…公表予定」 names the KPI only by its label: it is the reason, shown
    with the refusal (the figure itself is not in the report) and when asked why."""
    first = ask(village, "木質チップ利用量の実績は？")
    assert first.startswith(NOT_FOUND) and "令和6年8月" in first
    why = ask(village, "木質チップ利用量の実績は？", "なんで「－」なの？")
    assert "令和6年8月" in why and NOT_FOUND not in why


def test_a_date_the_text_does_not_give_is_refused_not_answered_with_the_project(tmp_path_factory):
    import shutil
    from pathlib import Path
    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copy(Path(__file__).parent / "fixtures" / "layouts" / "summary_asahigaoka-town.txt", corpus)
    a = Assistant.open(Config.from_env(corpus=corpus, index=tmp_path_factory.mktemp("index"), embedder="fake-hash-64"))
    # the title says DMO設立による…, the report no date: a when-question is not answered by the project's listing
    assert a.answer("朝日丘町の観光地域づくり法人（DMO）はいつ設立されたんですか？", []).text.startswith(NOT_FOUND)


def test_who_is_answered_only_by_a_quote_that_names_someone(village):
    assert "地元の高校" in ask(village, "くぬぎナビは誰と連携して作ったの？")
    assert ask(village, "くぬぎテラスの運営委員って誰？名前を教えて").startswith(NOT_FOUND)


def test_a_one_letter_grade_is_a_value_the_question_names() -> None:
    from assistant.verdicts import named_values
    assert named_values("評価がAになってる事業はどれ？", ["A", "B", "C"]) == ["A"]
    assert named_values("AIの事業の評価は？", ["A", "B"]) == []  # the A of AI names no grade
    assert named_values("B評価の事業", ["A", "B"]) == ["B"]


def test_arithmetic_asked_politely_or_in_english_is_a_difference() -> None:
    from assistant.understand import derived_kind
    assert derived_kind("水産加工品の販売額、目標にいくら足りませんでしたか") == "diff"
    assert derived_kind("How much did the tea exports exceed the target?") == "diff"


def test_the_grants_share_is_answered_where_the_report_prints_it(tmp_path_factory):
    from test_narrative import ARTICLES
    corpus = tmp_path_factory.mktemp("corpus")
    (corpus / "hanamizuki.txt").write_text(ARTICLES, encoding="utf-8")
    a = Assistant.open(Config.from_env(corpus=corpus, index=tmp_path_factory.mktemp("index"), embedder="fake-hash-64"))
    first = a.answer("駅前の交流拠点の事業、令和5年度の事業費は？", [])
    assert "7,345,000円" in first.text
    share = a.answer("そのうち交付金は？", [first])
    assert "3,672,500円" in share.text and share.found
    none = a.answer("オンライン相談の事業、うち交付金はいくら？", [])  # its 事業費 is printed without a share
    assert none.text.startswith(NOT_FOUND) and "3,300,000" not in none.text


def test_counts_changes_and_totals_across_units(tmp_path_factory):
    """「目標達成したKPIの数」 counts the achieved list; 「R5→R6 の増減」 of a project is its 事業費's change; a total over
    千円 and 円 projects converts first (written out) instead of adding two units; 「AとB、R4決算でどっちが多い？」."""
    import shutil
    from pathlib import Path
    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copy(Path(__file__).parent / "fixtures" / "reports" / "yame-city_R5_cp932.txt", corpus)
    (corpus / "hanamizuki.txt").write_text(__import__("test_narrative").ARTICLES, encoding="utf-8")
    (corpus / "kunugidaira_R5.txt").write_text(REPORT, encoding="utf-8")
    a = Assistant.open(Config.from_env(corpus=corpus, index=tmp_path_factory.mktemp("index"), embedder="fake-hash-64"))
    count = a.answer("八女市 R5 目標達成したKPIの数は？", []).text
    assert "目標を達成したKPIは4件" in count
    change = a.answer("八女市 八女茶ブランド発信事業 R5→R6 の増減", []).text
    assert "14,520" in change and "13,000" in change and "1,520" in change
    two = tmp_path_factory.mktemp("corpus")  # a town printing 円 and a village printing 千円
    (two / "hanamizuki.txt").write_text(__import__("test_narrative").ARTICLES, encoding="utf-8")
    (two / "kunugidaira_R5.txt").write_text(REPORT, encoding="utf-8")
    b = Assistant.open(Config.from_env(corpus=two, index=tmp_path_factory.mktemp("index"), embedder="fake-hash-64"))
    total = b.answer("令和5年度の事業費の合計は？", []).text
    assert "19,645千円" in total and "7,345 + 3,300 + 9,000 = 19,645" in total  # converted to 千円, then added
    assert "7,345,000円 = 7,345千円" in total


def test_a_planned_year_has_no_settled_amount_and_a_town_name_in_a_title_names_no_second_project(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    (corpus / "hanamizuki.txt").write_text(__import__("test_narrative").ARTICLES, encoding="utf-8")
    (corpus / "kunugidaira_R5.txt").write_text(REPORT, encoding="utf-8")
    a = Assistant.open(Config.from_env(corpus=corpus, index=tmp_path_factory.mktemp("index"), embedder="fake-hash-64"))
    planned = a.answer("はなみずき台駅前の交流拠点の事業、令和6年度の決算額は？", []).text  # R6: 当初予算 only
    assert planned.startswith(NOT_FOUND) and "予定額" in planned
    one = a.answer("はなみずき台市のオンライン相談の事業、令和5年度の事業費は？", [])
    assert [p.title for p in one.projects] == ["子育て相談のオンライン化事業"] and "3,300,000円" in one.text


def test_a_market_is_no_town_and_an_abbreviation_finds_the_title_that_spells_it_out(tmp_path_factory):
    from assistant.understand import understand
    assert understand("ちがうちがう、朝市の方").places == () and understand("湯けむり夜市は？").places == ()
    assert understand("若葉瀬市の朝市の事業").places == ("若葉瀬市",)
    corpus = tmp_path_factory.mktemp("corpus")
    (corpus / "kunugidaira_R5.txt").write_text(REPORT.replace("くぬぎ平高原の交流拠点整備事業",
                                                              "県立くぬぎ平高等学校の魅力化事業"), encoding="utf-8")
    a = Assistant.open(Config.from_env(corpus=corpus, index=tmp_path_factory.mktemp("index"), embedder="fake-hash-64"))
    assert "県立くぬぎ平高等学校の魅力化事業" in a.answer("高校の魅力化の事業の担当課は？", []).text


def test_the_share_of_achieved_kpis_is_the_list_counted_and_divided(village):
    text = ask(village, "くぬぎ平村のKPI5指標のうち、目標を達成した指標の割合は何％？")
    assert "目標を達成したKPIは2件です（対象5件）" in text and "2 ÷ 5 = 40.0%" in text  # (⑤: no actual yet)


def test_a_duration_is_an_amount_a_date_is_not() -> None:
    from assistant.answering import figures
    assert figures.gives_amount("社会実験は何日間やった？", "春と秋に計18日間実施した。")
    assert not figures.gives_amount("社会実験は何日間やった？", "令和5年4月18日に実施した。")  # a date, no duration


def test_a_total_with_no_amount_read_is_refused_and_one_report_in_two_files_names_its_departments_once(
        tmp_path_factory):
    import re
    from pathlib import Path
    src = (Path(__file__).parent / "fixtures" / "reports" / "toho-village_H30.txt").read_text(encoding="utf-8")
    bare = tmp_path_factory.mktemp("corpus")  # the report with its amount lines (３０年度 8,640 …) taken out
    (bare / "toho.txt").write_text(re.sub(r"(?m)^\S*年度 [\d,－]+\n", "", src), encoding="utf-8")
    a = Assistant.open(Config.from_env(corpus=bare, index=tmp_path_factory.mktemp("index"), embedder="fake-hash-64"))
    text = a.answer("東峰村の事業費の合計はいくら？", []).text
    assert text.startswith(NOT_FOUND) and "読み取れていません" in text and not text.startswith("です")
    twice = tmp_path_factory.mktemp("corpus")  # the same report under two names
    for name in ("toho_a.txt", "toho_b.txt"):
        (twice / name).write_text(src, encoding="utf-8")
    b = Assistant.open(Config.from_env(corpus=twice, index=tmp_path_factory.mktemp("index"), embedder="fake-hash-64"))
    text = b.answer("東峰村の事業の担当課を教えて", []).text
    assert text.count("の担当は企画課") == 1 and text.count("の担当は総務課 地方創生推進室") == 1
    assert "8,640" in b.answer("東峰村の事業費の合計はいくら？", []).text  # the amounts, where read, still add up


def test_a_named_projects_missed_kpis_are_listed_not_the_project(village):
    # 「…事業で未達だったのは？」: the project named, then the verdict asked of its KPIs
    text = ask(village, "くぬぎ平高原の交流拠点整備事業で未達だったのは？")
    assert "移住相談件数" in text and "国民健康保険の特定健診受診率" in text and "交流拠点の利用者数" not in text
    # 「目標に達しなかった」 says 未達成 too; 「委員会資料の件で。」 says which document, no topic of its own
    text = ask(village, "委員会資料の件で。くぬぎ平村で目標に達しなかった2指標はそれぞれ何ですか。")
    assert "移住相談件数" in text and "特定健診受診率" in text and not text.startswith(NOT_FOUND)


def test_a_small_ke_in_a_place_and_a_number_of_kpis_asked_as_a_list() -> None:
    from assistant.understand import understand
    q = understand("霞ケ原市の連携した事業、目標に達しなかった指標は？")
    assert "霞ヶ原市" in q.text and q.achieved is False  # ケ between kanji: the place as printed (霞ヶ原市)
    assert understand("4指標はそれぞれ何ですか").wants_list


def test_a_name_asked_as_an_apps_name_is_quoted(village):
    # 「アプリ名」 is a form word like 名前: the sentence that gives the name (「くぬぎナビ」) is quoted
    text = ask(village, "くぬぎ平村が高校と連携して公開したアプリ名は？")
    assert "くぬぎナビ" in text and not text.startswith(NOT_FOUND)


def test_a_recurring_day_answers_when_and_a_short_activity_is_shown_whole() -> None:
    from assistant.answering import activities, passage
    assert passage._SCHEDULE.search("毎月第3土曜日に夜市を開催し、毎回約1,200人が訪れた。")
    assert not passage._SCHEDULE.search("土曜日に開催した。")  # no day of a schedule: no answer to いつ by itself
    two = "・審査会をオンラインで開催できるようにした。\n・調査票を電子化した。"
    assert activities._said(two) == "・審査会をオンラインで開催できるようにした。 ・調査票を電子化した。"
    long = "・" + "あ" * 300 + "。・次の文。"
    assert activities._said(long) == "・" + "あ" * 300 + "。"


def test_a_count_of_what_the_title_names_is_quoted_or_refused_never_the_listing(village):
    # nothing in the text counts 回 of it: refused (was the project's listing, which gives no count)
    assert ask(village, "くぬぎ平高原の交流拠点整備事業は令和5年度に何回やった？").startswith(NOT_FOUND)


def test_a_cause_sentence_naming_the_kpis_last_words_and_its_year_is_quoted(tmp_path_factory):
    # 「令和5年度は…影響で受診率が下がった」: fewer than half of the KPI's words, but its last ones and its year
    a = opened(tmp_path_factory, kunugidaira_R5=with_sentence("令和5年度は集団健診の日程が減った影響で受診率が下がった。"))
    assert "影響で受診率が下がった" in ask(a, "くぬぎ平村の特定健診受診率は目標達成した？", "なんで届かなかったの？")
    assert "影響で受診率が下がった" not in ask(a, "くぬぎ平村の移住相談件数はなぜ未達成？")  # another KPI's cause


def test_a_sum_says_which_amounts_were_not_read_apart_from_those_printed_as_a_dash() -> None:
    from assistant.answering import arithmetic
    from assistant.records import Project
    base = dict(report="r.pdf", cities=("町",), department=None, period=None, period_raw=None, purpose=None,
                grant_program=None, grant_type=None, budget_unit="千円", activities=(), notes=(), page=1, pages=(1,))
    printed = Project(no=1, title="A事業", budget=(("R5", 100),), **base)
    dash = Project(no=2, title="B事業", budget=(("R5", None),), **base)
    unread = Project(no=3, title="C事業", budget=(), **base)
    terms, missing = arithmetic.budget_terms([printed, dash, unread], ("R5",), True)
    text = arithmetic.sum_text(terms + terms, missing, "3事業")
    assert "B事業 令和5年度は資料に記載なし（－）" in text and "C事業 令和5年度は金額を資料から読み取れていない" in text


def test_a_named_city_filters_out_reports_whose_city_was_not_read(tmp_path_factory):
    # one report names its village; the other (a 広報 article, say) names none: 「くぬぎ平村の…」 is only the first
    other = (REPORT.replace("くぬぎ平村 地方創生関係交付金事業 実績一覧表（令和5年度）", "地方創生関係交付金事業 実績一覧表（令和5年度）")
             .replace("くぬぎ平高原", "かしわ台高原").replace("R4決算 8,000 R5決算 9,000", "R4決算 70,000 R5決算 80,000"))
    a = opened(tmp_path_factory, kunugidaira_R5=REPORT, kouhou_R5=other)
    assert {r.city for r in a.answerer.cx.records.reports} == {"くぬぎ平村", None}
    text = ask(a, "くぬぎ平村の事業の令和5年度の事業費を合計するといくら？")
    assert "9,000" in text and "80,000" not in text


def test_titles_asked_after_a_quote_and_the_nth_numbered_item(seed_index):
    text = ask(seed_index, "AIエンジニア支援のキックオフで講演っていくつあった？", "タイトル全部おしえて")
    assert "経営者が知っておきたいこと" in text and not text.startswith(NOT_FOUND)  # タイトル: a form word
    text = ask(seed_index, "AIのキックオフ・イベントの講演内容ってなんだった？", "2番目の講演のタイトルだけ")
    assert "②「AIについて経営者が知っておきたいこと」" in text and "①" not in text and "③" not in text


def test_what_will_be_done_about_a_missed_kpi_quotes_the_plan(tmp_path_factory):
    a = opened(tmp_path_factory,
               kunugidaira_R5=with_sentence("移住相談件数が目標を下回ったため、令和6年度は相談員を2人に増やして窓口を強化する。"))
    assert "窓口を強化する" in ask(a, "くぬぎ平村の移住相談件数は目標達成した？", "それに対してどうするって書いてある？")
    # a KPI whose text says nothing of the kind: said plainly
    assert "今後の対応は資料に記載がありません" in ask(a, "くぬぎ平村の交流拠点の利用者数は？", "それに対してどうするの？")


def test_a_follow_up_that_asks_its_own_amount_does_not_repeat_the_last_ask(village):
    # 「その事業で…どれくらい短くなった？」 after a grant question: not the grant again
    text = ask(village, "くぬぎ平村で拠点整備交付金を使ってる事業は？", "その事業で平均待ち日数はどれくらい短くなった？")
    assert "交付金の種類" not in text


def test_which_town_does_it_a_town_named_with_hoka_and_a_years_span(village):
    assert "くぬぎ平村" in ask(village, "交流拠点に取り組んでる村ってどこ？")  # the projects, each with its town
    # 「くぬぎ平村ほか」: ほか is no topic word the reports lack
    assert not ask(village, "くぬぎ平村ほかの交流拠点の事業で、目標を達成したKPIはどれ？").startswith(NOT_FOUND)
    text = ask(village, "くぬぎ平村の交流拠点の利用者数の目標と実績は？", "1年でどれだけ上回った？")
    assert "600" in text and not text.startswith(NOT_FOUND)  # 5,600 − 5,000: 「1年で」 is a span, no topic
