"""Narrative reports, Q&A forms and row-per-indicator cards (readers/narrative.py, qa_sheet.py, blocks.py, cards.py): reports
written here with other towns, labels and values than the held-out fixtures the rules came from."""

from __future__ import annotations

from assistant.pdftables import Cell, Table
from assistant.readers import read_document
from assistant.readers.base import Document
from assistant.readers.blocks import (
    Budget,
    budget_columns,
    budget_rows,
    budget_sentences,
    checked,
    kpi_bullets,
    kpi_columns,
    kpi_table,
    kpi_year_blocks,
    labels,
    project_of,
)
from assistant.readers.segments import text_of
from assistant.readers.tables import read_value, unit_from_name
from assistant.reading import normalize
from assistant.source import text_document

NARRATIVE = """令和４年度 地方創生関係交付金事業 効果検証報告書
かもめ浦市 企画部 政策推進課
1. はじめに
本市の交付金事業の効果を検証した。
2. 各事業の状況
(1) 海辺の交流拠点整備
事業
① 事業の概要
海辺に交流拠点を整備する。
担当課：観光課 事業期間：令和3年度～令和5年度
交付金：地方創生拠点整備交付金
② 事業費
事業費は、令和3年度 5,000千円、令和4年度 7,200千円（うち交付金 3,600千円）であり、令和5年度は 6,000千円を当初予算に計上している。
③ 実施内容及び成果
拠点を開設し、イベントを12回開催した。
④ KPIの達成状況
・拠点来場者数：基準値 1,000人（R2）、目標 3,000人 → 実績 3,300人（達成
率 110.0%）
・平均待ち時間 目標：10分／実績：8分／達成率：125.0%（短いほど良い指標）
・観光消費額：目標 4.5億円 → 実績 集計中
⑤ 評価及び今後の方針
評価は「地方創生に相当程度効果があった」であり、今後の方針は「事業の継続」とする。
かもめ浦市 令和４年度 効果検証報告書
- 2 -
(2) 子育て応援事業
① 事業の概要
本事業は、こども家庭課が令和4年度から令和6年度までの計画で実施しているもので、地方創生推進交付金（横展開タイプ）を活用している。
② 事業費
令和4年度の事業費は 2,500,000円（うち交付金 1,250,000円）であった。
④ KPIの達成状況
指標名 単位 基準値（R3） 目標値（R4） 実績値（R4） 達成率
一時預かり利用者数 人 200 300 330 110.0%
子育て相談件数（オン
ライン含む） 件 50 80 60 75.0%
⑤ 評価及び今後の方針
評価：地方創生に効果があった
今後の方針：事業内容の見直し
3. おわりに
未確定の値は確定後に公表する。
"""


def test_narrative_report_reads_headings_sections_and_every_kpi_shape() -> None:
    parsed = read_document(text_document(NARRATIVE, "kamome.txt"))
    assert parsed.report.layout == "narrative"
    assert parsed.report.city == "かもめ浦市"
    one, two = parsed.projects
    assert one.title == "海辺の交流拠点整備事業"  # wrapped title joined
    assert (one.department, one.grant_program, one.period_raw) == ("観光課", "地方創生拠点整備交付金",
                                                                   "令和3年度~令和5年度")
    assert one.budget == (("R3", 5000), ("R4", 7200), ("R5", 6000)) and one.budget_planned == ("R5",)
    assert one.budget_unit == "千円"
    assert (one.evaluation, one.policy) == ("地方創生に相当程度効果があった", "事業の継続")
    assert one.outcome == "拠点を開設し、イベントを12回開催した。"
    assert (two.department, two.grant_type, two.budget, two.budget_unit) == (
        "こども家庭課", "横展開タイプ", (("R4", 2500000),), "円")
    assert (two.evaluation, two.policy) == ("地方創生に効果があった", "事業内容の見直し")
    k = {x.name: x for x in parsed.kpis}
    assert (k["拠点来場者数"].baseline, k["拠点来場者数"].target, k["拠点来場者数"].actual, k["拠点来場者数"].rate,
            k["拠点来場者数"].unit) == (1000, 3000, 3300, 110.0, "人")
    assert k["平均待ち時間"].lower_is_better is True and k["平均待ち時間"].rate == 125.0
    assert k["観光消費額"].actual is None and k["観光消費額"].target == 4.5 and k["観光消費額"].unit == "億円"
    assert "pending_actual" in k["観光消費額"].flags
    wrapped = k["子育て相談件数(オンライン含む)"]
    assert (wrapped.unit, wrapped.baseline, wrapped.target, wrapped.actual, wrapped.rate, wrapped.fiscal_year) == (
        "件", 50, 80, 60, 75.0, "R4")
    assert len(parsed.kpis) == 5
    assert "おわりに" not in (two.outcome or "") and "公表" not in (two.policy or "")


def test_a_row_with_a_blank_cell_keeps_its_name_but_no_value() -> None:
    lines = [("指標名 単位 基準値 目標値 実績値 達成率", 1), ("満足度 % 60.0 70.0 -", 1),
             ("利用者数 人 10 20 25 125.0%", 1)]
    cells = kpi_table(lines, "R4")
    assert [c.name for c in cells] == ["満足度", "利用者数"]
    assert cells[0].target.kind == "empty" and cells[0].actual.kind == "empty"  # which cell is blank is unknown
    assert cells[1].actual.value == 25


def test_a_table_with_an_unknown_column_is_not_read() -> None:
    assert kpi_table([("指標名 目標値 実績値 担当者", 1), ("利用者数 20 25 山田", 1)], "R4") is None


def test_budget_rows_and_sentences() -> None:
    rows = budget_rows(["年度 事業費（千円） うち交付金（千円） 備考", "令和3年度 1,000 500 決算額", "R4 1,200 600 計画額",
                        "合計 2,200 1,100"])
    assert rows.amounts == [("R3", 1000), ("R4", 1200)] and rows.planned == ["R4"] and rows.unit == "千円"
    assert budget_rows(["令和3年度に事業を開始した。"]) is None
    mixed = budget_sentences("令和3年度事業費 1,000千円、令和4年度事業費 900,000円")
    assert mixed.amounts == [] and mixed.why  # units differ: nothing rather than a guess


def test_labels_split_several_pairs_and_ignore_prose() -> None:
    assert labels("所管課 企画課 実施期間 令和3年度~令和5年度") == [("department", "企画課"),
                                                          ("period", "令和3年度~令和5年度")]
    assert labels("評価 B 今後の方針 見直し") == [("evaluation", "B"), ("policy", "見直し")]
    assert labels("担当課のほか、企画課も参加した") == []


def test_bullets_need_a_target_and_an_actual() -> None:
    assert kpi_bullets([("・地方創生に効果があった", 1)], "R3") == []
    one = kpi_bullets([("・転入者数:目標 100人 → 実績 120人", 2)], "R3")
    assert one[0].name == "転入者数" and one[0].page == 2 and one[0].rate.kind == "empty"


CARD_ROWS = """令和5年度 地方創生関係交付金事業 効果検証シート はまなす町 総務課
1 / 2
【事業番号 1】 事業名：農泊推進事業
所管課 農政課 実施期間 令和4年度～令和6年度
交付金の名称 地方創生推進交付金（横展開タイプ）
◇事業費の状況
年度 事業費（千円） うち交付金（千円） 備考
令和4年度 3,000 1,500 決算額
令和5年度 3,400 1,700 決算額
令和6年度（計画） 2,000 1,000 当初予算額
◇重要業績評価指標（KPI）
指標名 単位 基準値 目標値
（R5）
実績値
（R5） 達成状況
農泊宿泊者数 人 100
（R3） 400 520 1.30
農泊施設の平均空室率※1 % 60.0
（R3） 40.0 50.0 0.80
※1 空室率は低いほど良い指標のため、目標値÷実績値で算出。
◇令和5年度の取組実績
農泊施設を3軒開業した。
◇評価
評価 B 今後の方針 継続
"""


def test_cards_with_a_row_per_indicator_and_a_row_per_year() -> None:
    parsed = read_document(text_document(CARD_ROWS, "hamanasu.txt"))
    assert parsed.report.layout == "cards" and parsed.report.city == "はまなす町"
    (p,) = parsed.projects
    assert (p.title, p.department, p.evaluation, p.policy) == ("農泊推進事業", "農政課", "B", "継続")
    assert p.budget == (("R4", 3000), ("R5", 3400), ("R6", 2000)) and p.budget_planned == ("R6",)
    assert p.outcome == "農泊施設を3軒開業した。"
    k = {x.name: x for x in parsed.kpis}
    assert (k["農泊宿泊者数"].rate, k["農泊宿泊者数"].baseline, k["農泊宿泊者数"].fiscal_year) == (130.0, 100, "R5")
    vacancy = k["農泊施設の平均空室率"]
    assert vacancy.rate == 80.0 and vacancy.lower_is_better is True  # 40.0 ÷ 50.0 by the arithmetic


QA_FORMS = """令和6年度 地方創生関係交付金事業 事業評価調書 ささなみ村
P.1
整理番号 1 担当課 観光課 内線 1234
事業名 湖畔キャンプ場の再生事業
問１ 事業の目的を記載してください。
湖畔のキャンプ場を再生する。
問２ 実施期間及び交付金を記載してください。
実施期間：令和5年度～令和7年度（3か年）
交付金：地方創生推進交付金（横展開タイプ）
問３ 事業費の推移を記載してください。
（単位：千円）
区分 令和5年度
（決算）
令和6年度
（決算）
令和7年度
（予算） 合計
事業費 4,000 5,000 3,000 12,000
うち交付金 2,000 2,500 1,500 6,000
問４ 取組の内容及びその成果を記載してください。
サイトを20区画に増やした。
問５ KPIの達成状況を記載してください。
項目 指標① 指標②
指標名 キャンプ場利用者数 平均待ち日数
単位 人 日
基準値 1,000
（R4）
30
（R4）
目標値
（R6） 2,000 10
実績値
（R6） 2,400 8
達成率 120.0% 125.0%
問６ 目標値に達しなかった指標の要因を記載してください。
該当なし。
問７ 事業の評価を選択してください。
□地方創生に非常に効果的であった ■地方創生に相当程度効果があった
問８ 今後の方針を選択してください。
□拡充 ■継続 □終了
"""


def test_question_and_answer_forms() -> None:
    parsed = read_document(text_document(QA_FORMS, "sasanami.txt"))
    assert parsed.report.layout == "qa_sheet"
    (p,) = parsed.projects
    assert (p.title, p.department, p.period_raw, p.grant_type) == ("湖畔キャンプ場の再生事業", "観光課",
                                                                   "令和5年度~令和7年度", "横展開タイプ")
    assert p.budget == (("R5", 4000), ("R6", 5000), ("R7", 3000)) and p.budget_planned == ("R7",)  # 合計 left out
    assert (p.evaluation, p.policy, p.outcome) == ("地方創生に相当程度効果があった", "継続", "サイトを20区画に増やした。")
    camp, wait = parsed.kpis
    assert (camp.name, camp.unit, camp.baseline, camp.target, camp.actual, camp.rate, camp.fiscal_year) == (
        "キャンプ場利用者数", "人", 1000, 2000, 2400, 120.0, "R6")
    assert wait.baseline == 30 and wait.lower_is_better is True  # a lone 30 is a cell, not a page number


def test_transposed_kpis_with_a_wrapped_name_are_not_guessed() -> None:
    lines = [("項目 指標① 指標②", 1), ("指標名 利用者数 免許返納者のうち乗合タクシー利", 1), ("用登録者の割合", 1),
             ("目標値 10 20", 1), ("実績値 12 18", 1)]
    assert kpi_columns(lines, "R5") == []  # which name goes on is unknown: no KPI rather than a wrong name
    assert checked("□拡充 ■継続 ■終了") is None  # two ticks: not a choice


def test_table_cells_with_grade_marks_ditto_and_direction_marks() -> None:
    assert read_value("○ 105.5%").value == 105.5 and read_value("△ 94.2%").value == 94.2
    assert read_value("△312").value == -312  # △ glued to a number is a minus sign
    assert unit_from_name("空き店舗率（↓）") == ("空き店舗率", None)
    assert text_of("まちづくり推進課\n〃\n〃") == "まちづくり推進課" and text_of("〃") is None


def test_summary_rows_of_a_lost_project_name_are_not_given_to_the_project_above() -> None:
    from assistant.readers.segments import Segment
    from assistant.readers.summary_table import _group_rows, _project
    from assistant.readers.tables import columns

    head = [["No.", "事業名", "重要業績評価指標", "目標値（R4）", "実績値（R4）", "事業費（千円）", "事業費（千円）",
             "事業費（千円）"], ["", "", "", "", "", "R3決算", "R4決算", "R5予算"]]
    rows = [["1", "駅前事業", "通行量", "10", "12", "100", "120", "130"],
            ["1", "駅前事業", "出店数", "5", "6", "100", "120", "130"],
            ["", "", "ごみ排出量", "880", "868", "", "", ""],  # project 2's name cell lost at the page foot
            ["", "", "リサイクル率", "20", "19", "", "", ""]]  # its continuation on the next page
    seg = Segment(columns(head + rows, 2), 2, head, rows, [2, 2, 2, 3], 2, 8)
    groups: list[dict] = []
    _group_rows(seg, groups)
    assert [len(g["rows"]) for g in groups if not g.get("lost")] == [2]  # 駅前事業 keeps only its own rows
    assert sum(len(g["rows"]) for g in groups if g.get("lost")) == 2
    p, problem = _project("x.pdf", 1, groups[0], seg, "R4", None)
    assert problem is None and p.budget == (("R3", 100), ("R4", 120), ("R5", 130)) and p.budget_planned == ("R5",)


NUMBERED = """令和5年度 地方創生関係交付金事業の効果検証結果 もみの木町
1 趣旨
本町の交付金事業について報告する。
1 もみの木高原の体験型観光推進
事業
担当課 観光課
事業期間 令和4年度～令和6年度
交付金 地方創生推進交付金（横展開タイプ）
事業費
（決算額）
令和5年度 7,000千円（うち交付金 3,500千円）
（参考）令和4年度決算額 6,500千円、令和6年度当初予算額 8,000千円
実施内容 体験メニューを5本造成した。
ＫＰＩの
達成状況
・体験メニュー参加者数（基準値：令和4年度100人）は目標300人に対し実績330人（達成率110.0%）、宿泊者数は目標
1,000人に対し実績800人（達成率80.0%）となった。
・平均待ち時間は、短縮を目指す指標であり、基準値40分に対して目標を20分としていたが、実績は25分（達成率80.0%）であった。
・観光消費額は、目標500百万円に対し、実績は調査結果により確定するため未確定である。
評価 地方創生に効果があった
今後の方針 継続
"""


def test_numbered_items_with_label_cells_and_kpis_written_as_sentences() -> None:
    parsed = read_document(text_document(NUMBERED, "momi.txt"))
    assert parsed.report.layout == "narrative"
    (p,) = parsed.projects  # 「1 趣旨」 has no 担当課 under it: no project
    assert (p.title, p.department, p.evaluation, p.policy) == ("もみの木高原の体験型観光推進事業", "観光課",
                                                               "地方創生に効果があった", "継続")
    assert p.budget == (("R5", 7000), ("R4", 6500), ("R6", 8000)) and p.budget_planned == ("R6",)
    assert p.outcome == "体験メニューを5本造成した。"
    k = {x.name: x for x in parsed.kpis}
    assert (k["体験メニュー参加者数"].baseline, k["体験メニュー参加者数"].target, k["体験メニュー参加者数"].actual) == (
        100, 300, 330)
    assert (k["宿泊者数"].target, k["宿泊者数"].actual, k["宿泊者数"].rate) == (1000, 800, 80.0)  # two in a sentence
    assert (k["平均待ち時間"].target, k["平均待ち時間"].actual, k["平均待ち時間"].lower_is_better) == (20, 25, True)
    assert k["観光消費額"].actual is None and "pending_actual" in k["観光消費額"].flags


def test_a_history_grid_names_its_kpi_columns_from_the_sheets_definitions() -> None:
    from assistant.readers.segments import Segment
    from assistant.readers.sheet import _grouped_year_grid, _kpi_labels
    from assistant.readers.tables import columns

    defs_head = [["区分", "指標名", "単位", "基準値"], ["KPI1", "歩行者通行量", "人/日", "4,820（H30）"],
                 ["KPI2", "空き店舗数", "店", "38（H30）"]]
    defs = Segment(columns(defs_head, 3), 3, defs_head, [], [], 2, 4)
    head = [["年度", "KPI1（人/日）", "KPI1（人/日）", "KPI2（店）", "KPI2（店）"], ["年度", "目標", "実績", "目標", "実績"]]
    rows = [["平成30年度", "－", "4,820", "－", "38"], ["令和3年度", "5,200", "5,034", "34", "35"],
            ["令和4年度", "5,600", "5,826", "30", "29"], ["達成率（R4）", "104.0%", "104.0%", "103.4%", "103.4%"]]
    grid = Segment(columns(head + rows, 2), 2, head, rows, [2, 2, 2, 2], 2, 5)
    cells = _grouped_year_grid(grid, _kpi_labels([defs, grid]), "R4")
    got = {(c.name, c.year): (c.target.value, c.actual.value, c.rate.value) for c in cells}
    assert got == {("歩行者通行量", "R3"): (5200, 5034, None), ("歩行者通行量", "R4"): (5600, 5826, 104.0),
                   ("空き店舗数", "R3"): (34, 35, None), ("空き店舗数", "R4"): (30, 29, 103.4)}  # no H30: history
    assert _grouped_year_grid(grid, {}, "R4") is None  # labels no definition names: not this reading


def test_a_kpi_table_keyed_by_project_number_never_guesses_a_lost_number() -> None:
    from assistant.readers.segments import Segment
    from assistant.readers.sheet import _rows_by_number
    from assistant.readers.tables import columns

    head = [["事業番号", "指標名", "目標値", "実績値"]]
    merged = [["1", "a", "1", "1"], ["1", "b", "1", "1"], ["", "c", "1", "1"], ["３", "d", "1", "1"]]
    seg = Segment(columns(head + merged, 1), 1, head, merged, [3, 3, 3, 4], 3, 4)
    assert _rows_by_number(seg) == {1: [0, 1], 3: [3]}  # each number on every row: a blank is a lost cell
    once = [["1", "a", "1", "1"], ["", "b", "1", "1"], ["2", "c", "1", "1"]]
    seg = Segment(columns(head + once, 1), 1, head, once, [3, 3, 3], 3, 4)
    assert _rows_by_number(seg) == {1: [0, 1], 2: [2]}  # a number once per group: a blank continues it


def test_a_reader_that_fails_on_an_odd_file_gives_way_to_the_next(monkeypatch) -> None:
    from assistant.readers import cards

    def boom(self, doc):
        raise TypeError("a bug")

    monkeypatch.setattr(cards.CardsReader, "read", boom)
    parsed = read_document(text_document(CARD_ROWS, "hamanasu.txt"))
    assert parsed.report.layout == "text" and any("cards: failed (TypeError" in p.message for p in parsed.problems)


def test_a_value_printed_with_its_unit_in_the_cell_shows_the_unit_once() -> None:
    from assistant.format import kpi_value

    k = {x.name: x for x in read_document(text_document(NARRATIVE, "kamome.txt")).kpis}["観光消費額"]
    assert k.unit == "億円" and kpi_value(k, 0) == "4.5億円"  # not 「4.5億円億円」


LABEL_ROWS = """くぬぎ平村 地方創生関係交付金事業 評価一覧（令和5年度）
1ページ
1 はじめに
令和5年度に実施した2事業の実績をまとめた。
2 事業一覧
No. 項目 内容
1 事業名 くぬぎ平高原の自然体験プログラム開発と受入体制の
整備による関係人口創出事業 事業期間 令和4年度～令和6年度
所管課 産業振興課 交付金 地方創生推進交付金（横展開タイプ）
事業費 （単位：円） R4決算 2,400,000 R5決算 3,150,000 R6予算 3,000,000
事業概要 高原の自然を生かした体験を整える。令和3年度は 900,000円。
指標1 自然体験プログラムの参加者数 基準値 300人 目標 800人 実績 912人 達成率 114.0%
指標2 受付から回答までの日数 基準値 － 目標 5日 実績 4日 達成度 1.25
取組内容 体験プログラムを6本造成した。
評価 地方創生に効果があった 今後の方針 継続
備考 指標2は短いほど良い指標。
2 事業名 村営バスのデマンド化による高齢者の移動支援事業 事業期間 令和５年度～令和６年度
くぬぎ平村 地方創生関係交付金事業 評価一覧（令和5年度）
2ページ
No. 項目 内容
所管課 住民課 交付金 地方創生推進交付金（Society5.0タイプ）
事業費 （単位：千円） Ｒ５決算 ４，２００ Ｒ６予算 ９００円
指標1 デマンドバスの利用者数 基準値 － 目標 １，２００人 実績 ９８０人 達成率 ８１．７％
取組内容 予約アプリを導入した。
評価 地方創生に効果があった 今後の方針 見直し
3 評価の区分
評価は4区分とした。
"""


def test_label_row_blocks_with_budget_pairs_and_numbered_kpi_rows() -> None:
    parsed = read_document(text_document(LABEL_ROWS, "kunugi.txt"))
    assert parsed.report.layout == "narrative" and parsed.report.city == "くぬぎ平村"
    p1, p2 = parsed.projects  # 「1 はじめに」「2 事業一覧」 have no labels under them; 「3 評価の区分」 ends project 2
    assert p1.title == "くぬぎ平高原の自然体験プログラム開発と受入体制の整備による関係人口創出事業"
    assert (p1.department, p1.period, p1.grant_type) == ("産業振興課", "令和4年度〜令和6年度", "横展開タイプ")
    assert (p1.budget, p1.budget_unit, p1.budget_planned) == (
        (("R4", 2400000), ("R5", 3150000), ("R6", 3000000)), "円", ("R6",))  # not 令和3年度's 900,000 in the 概要
    assert p1.outcome == "体験プログラムを6本造成した。" and (p1.evaluation, p1.policy) == ("地方創生に効果があった", "継続")
    assert (p2.title, p2.department, p2.policy, p2.page) == ("村営バスのデマンド化による高齢者の移動支援事業", "住民課", "見直し", 1)
    assert p2.budget == () and p2.outcome == "予約アプリを導入した。"  # 千円 row with a 円 cell: no unit, no budget
    k = {x.name: x for x in parsed.kpis}
    assert set(k) == {"自然体験プログラムの参加者数", "受付から回答までの日数", "デマンドバスの利用者数"}
    assert (k["自然体験プログラムの参加者数"].baseline, k["自然体験プログラムの参加者数"].rate) == (300, 114.0)
    assert (k["受付から回答までの日数"].rate, k["受付から回答までの日数"].lower_is_better) == (125.0, True)  # ratio 1.25
    assert (k["デマンドバスの利用者数"].target, k["デマンドバスの利用者数"].actual, k["デマンドバスの利用者数"].page) == (
        1200, 980, 2)
    assert all(x.project_no == (2 if x.name.startswith("デマンド") else 1) for x in parsed.kpis)


def test_budget_pairs_need_a_year_before_every_amount_and_one_unit() -> None:
    from assistant.readers.blocks import budget_pairs
    b = budget_pairs("(単位:千円) R3決算 9,860 令和4年度見込 11,420")
    assert b is not None and (b.amounts, b.unit, b.planned) == ([("R3", 9860), ("R4", 11420)], "千円", ["R4"])
    assert budget_pairs("(単位:千円) R3決算 9,860 11,420") is None  # an amount without its year
    assert budget_pairs("R3決算 9,860 R4決算 11,420").amounts == []  # no unit anywhere: nothing kept


def test_a_wrapped_kpi_name_in_a_pdf_form_is_read_from_its_ruled_cells() -> None:
    """The text flattens a name wrapped inside its cell (「…乗合タクシー利」 / 「用登録者の割合」): unread from the text,
    read whole from the PDF's ruled cells — but only a grid whose names the form's text writes."""

    text = QA_FORMS.replace("指標名 キャンプ場利用者数 平均待ち日数", "指標名 キャンプ場利用者数 湖畔で朝食を食べた宿泊\n者の割合")
    def table(rows: list[list[str]]) -> Table:
        cells = tuple(Cell(i, j, 1, 1, t, (0, 0, 0, 0)) for i, r in enumerate(rows) for j, t in enumerate(r))
        return Table(1, (0, 0, 0, 0), len(rows), len(rows[0]), cells)
    kpi_grid = table([["項目", "指標①", "指標②"], ["指標名", "キャンプ場利用者数", "湖畔で朝食を食べた宿泊者の割合"],
                      ["単位", "人", "％"], ["基準値", "1,000（R4）", "30（R4）"], ["目標値（R6）", "2,000", "40"],
                      ["実績値（R6）", "2,400", "45"]])
    other = table([["指標名", "別の村の指標", "もう一つ"], ["目標値", "1", "2"], ["実績値", "1", "2"]])
    pages = tuple(text.split("\f"))
    assert not read_document(text_document(text, "q.txt")).kpis  # the text alone: not guessed
    pr = read_document(Document("q.pdf", "pdf", text, pages, (kpi_grid,)))
    k = {x.name: x for x in pr.kpis}
    assert (k["湖畔で朝食を食べた宿泊者の割合"].target, k["湖畔で朝食を食べた宿泊者の割合"].actual) == (40, 45)
    assert k["キャンプ場利用者数"].baseline == 1000
    assert not read_document(Document("q.pdf", "pdf", text, pages, (other,))).kpis  # another form's grid


ARTICLES = """特集 交付金事業の成果をお知らせします 令和5年度 効果検証 はなみずき台市
市では、国の交付金を活用した2つの事業について効果を検証しました。
❶ 駅前に新しい交流の場
事業名：はなみずき台駅前の空き店舗を活用した多世代交流
拠点整備事業
【期間】令和4～6年度 【交付金】地方創生推進交付金（横展開タイ
プ）
駅前のにぎわいを取り戻すため、空き店舗を交流の場にしています。
■令和5年度の取り組み
空き店舗2軒を改修し、交流カフェと子ども食堂を開設しました。
◆事業費 令和5年度は7,345,000円（うち国の交付金
3,672,500円）でした。令和6年度は当初予算に8,100,000円を計上しています。
■成果
交流拠点の利用者は9,120人で、目標の8,000人を上回りました。
成果指標（KPI）の達成状況（令和5年度）
指標 目標 実績 達成率
交流拠点の利用者数 8,000人 9,120人 114.0%
駅前の空き店舗数 12店 14店 85.7%
【市の評価】地方創生に効果があった
【今後の方針】継続
問 まちづくり課 にぎわい係 ☎（11）2233
❷ オンラインで子育て相談
事業名：子育て相談のオンライン化事業
【期間】令和5～7年度 【交付金】地方創生推進交付金（先駆タイプ）
■令和5年度の取り組み
相談の予約をオンラインで受け付けるシステムを導入しました。
◆事業費 令和5年度は3,300,000円でした。
成果指標（KPI）の達成状況（令和5年度）
指標 目標 実績 達成率
オンライン相談件数 200件 236件 118.0%
【市の評価】地方創生に相当程度効果があった
【今後の方針】拡充
問 こども未来課 ☎（11）4455
"""


def test_articles_of_a_public_relations_magazine_are_read_by_their_labels() -> None:
    """A 広報誌 feature: each project an article — headline ❶, 事業名：, 【期間】【交付金】 labels (one wrapped), ■ sections,
    ◆事業費 in sentences (the grant's share left out), a small KPI table, 【市の評価】【今後の方針】, a contact line."""
    parsed = read_document(text_document(ARTICLES, "hanamizuki.txt"))
    assert parsed.report.layout == "narrative"
    one, two = parsed.projects
    assert (one.no, one.title) == (1, "はなみずき台駅前の空き店舗を活用した多世代交流拠点整備事業")
    assert (one.period, one.grant_program, one.grant_type) == ("令和4年度〜令和6年度", "地方創生推進交付金", "横展開タイプ")
    assert one.department == "まちづくり課"  # from the contact line, not its 係 or phone number
    assert one.budget == (("R5", 7345000), ("R6", 8100000)) and one.budget_planned == ("R6",) and one.budget_unit == "円"
    assert one.outcome == "空き店舗2軒を改修し、交流カフェと子ども食堂を開設しました。"  # not the 成果 paragraph
    assert (one.evaluation, one.policy) == ("地方創生に効果があった", "継続")
    assert (two.no, two.department, two.policy, two.budget) == (2, "こども未来課", "拡充", (("R5", 3300000),))
    k = {x.name: x for x in parsed.kpis}
    assert (k["交流拠点の利用者数"].target, k["交流拠点の利用者数"].actual, k["交流拠点の利用者数"].rate) == (8000, 9120, 114.0)
    assert k["駅前の空き店舗数"].project_no == 1 and k["オンライン相談件数"].project_no == 2
    assert len(parsed.kpis) == 3


def test_labels_in_brackets_and_a_contact_line() -> None:
    assert labels("【期間】令和3～5年度 【交付金】地方創生拠点整備交付金") == [("period", "令和3～5年度"),
                                                                    ("grant", "地方創生拠点整備交付金")]
    assert labels("【町の評価】地方創生に効果があった") == [("evaluation", "地方創生に効果があった")]
    assert budget_sentences("令和4年度当初予算では6,800,000円を計上").amounts == [("R4", 6800000)]


def test_kpi_groups_side_by_side_in_one_row_are_each_read() -> None:
    """An Excel sheet with KPI① | KPI② as repeated column groups (指標名 単位 目標値 実績値 達成率 each)."""
    from assistant.readers.tables import columns, kpi_column_groups, kpis_in_rows

    head = [["No.", "事業名", "KPI①", "KPI①", "KPI①", "KPI①", "KPI②", "KPI②", "KPI②", "KPI②"],
            ["", "", "指標名", "目標値", "実績値", "達成率", "指標名", "目標値", "実績値", "達成率"]]
    rows = [["1", "駅前事業", "通行量", "100", "120", "120.0%", "出店数", "5", "4", "80.0%"],
            ["2", "子育て事業", "相談件数", "50", "55", "110.0%", "", "", "", ""]]
    cols = columns(head + rows, 2)
    assert len(kpi_column_groups(cols)) == 2
    cells = kpis_in_rows(rows, cols, [0], "R4", [1, 1])
    assert [(c.name, c.target.value, c.actual.value) for c in cells] == [("通行量", 100, 120), ("出店数", 5, 4)]
    assert [c.name for c in kpis_in_rows(rows, cols, [1], "R4", [1, 1])] == ["相談件数"]  # a blank group: none
    side = columns([["指標", "KPI", "目標値", "実績値"], ["通行量", "A", "1", "2"]], 1)
    assert kpi_column_groups(side) == [] and kpi_column_groups(side[:1]) == []  # one name, two name columns: no groups


def test_the_grants_share_is_read_where_it_stands_beside_its_years_amount() -> None:
    """うち交付金 in brackets after a year's amount, or as its own column / row: kept per year, in the budget's unit;
    a share beside an amount the budget did not read for that year is left out."""
    one = read_document(text_document(ARTICLES, "hanamizuki.txt")).projects[0]
    assert one.budget_grant == (("R5", 3672500),)
    cell = budget_rows(["年度 事業費（千円） うち交付金（千円） 備考", "令和3年度 1,000 500 決算額", "R4 1,200 600 計画額"])
    assert cell.grant == [("R3", 500), ("R4", 600)]
    from assistant.readers.blocks import budget_cell
    listed = budget_cell("R3決算 8,760千円 R4決算 10,240千円（うち交付金 5,120千円）R5予算 9,500千円")
    assert listed.grant == [("R4", 5120)]
    assert budget_sentences("令和3年度事業費 32,480千円（うち交付金 16,240円）").grant == []  # another unit: not kept


YEAR_BLOCKS = """KPI① 森の学校の参加者数
単位：人 基準値：80（令和2年度） 目標の方向：増加
年度 目標値 実績値 達成率 備考
令和3年度 － 95 － 事業開始前
令和4年度 120 132 110.0%
令和5年度 150 集計中 －
KPI② 窓口の平均待ち時間
単位：分 基準値：40 目標の方向：減少
年度 目標値 実績値 達成率 備考
2022年度 30 25 120.0% 目標値÷実績値
2023年度 25 ２８ 89.3%
"""


def test_kpis_named_above_a_table_of_their_years() -> None:
    """One record per year with a printed target (a 「－」 target is history), the unit / baseline / direction from
    the line under the name; 集計中 is no value."""
    from assistant.readers.blocks import kpi_year_blocks

    cells = kpi_year_blocks([(s, 2) for s in YEAR_BLOCKS.splitlines()])
    got = [(c.name, c.unit, c.year, c.target.value, c.actual.value, lower) for c, lower in cells]
    assert got == [("森の学校の参加者数", "人", "R4", 120, 132, False), ("森の学校の参加者数", "人", "R5", 150, None, False),
                   ("窓口の平均待ち時間", "分", "R4", 30, 25, True), ("窓口の平均待ち時間", "分", "R5", 25, 28, True)]
    assert cells[0][0].baseline.value == 80 and cells[1][0].actual.kind == "pending"


JOINT = """令和5年度 しらさぎ湖周辺地域連携 地方創生推進交付金事業 効果検証報告書
1 はじめに
しらさぎ湖周辺の3町村で協議会を設け、連携事業の効果を検証した。
2 事業別の効果検証結果
広域事業1 しらさぎ湖一周ウォーキングコースの整備による周遊促進事業
代表団体 鷺ノ宮町 担当課 観光課
連携団体 青沼村（振興課）、白浜町（企画課）
事業期間 令和4年度～令和6年度 交付金 地方創生推進交付金（横展開タイプ）
(1) 事業の概要
湖を一周するウォーキングコースを整備する。
(2) 令和5年度の取組内容（圏域全体）
案内板を24か所に設置した。
(3) 事業費（団体別の負担内訳） （単位：千円）
団体名
令和5年度（決算） 令和6年度（予算）
事業費 うち交付金 事業費 うち交付金
鷺ノ宮町（代表） 6,000 3,000 6,400 3,200
青沼村 2,000 1,000 2,100 1,050
合計 8,000 4,000 8,500 4,250
(4) 重要業績評価指標（KPI） 圏域全体
指標名 単位 基準値
（R3）
目標値
（R5）
実績値（令和5年度）
達成率
圏域全体 鷺ノ宮町 青沼村
コースの年間利用
者数 人 － 10,000 11,200 8,000 3,200 112.0%
湖畔の駐車待ち時間 分 30 20 25 22 28 80.0%
(5) 評価
協議会の評価 地方創生に効果があった 今後の方針 継続
"""


def test_a_joint_projects_area_totals_are_read_and_its_member_towns_values_left_out() -> None:
    """広域事業N headings, 代表団体/連携団体 label pairs, (n) sections, the 合計 row of a cost-by-member-town table (its
    うち交付金 the grant's share) and a KPI table whose header wraps and whose 実績値 has a column per member town."""
    parsed = read_document(text_document(JOINT, "shirasagi.txt"))
    (p,) = parsed.projects
    assert (p.title, p.department, p.grant_type) == ("しらさぎ湖一周ウォーキングコースの整備による周遊促進事業", "観光課",
                                                     "横展開タイプ")
    assert p.budget == (("R5", 8000), ("R6", 8500)) and p.budget_planned == ("R6",) and p.budget_unit == "千円"
    assert p.budget_grant == (("R5", 4000), ("R6", 4250)) and p.evaluation == "地方創生に効果があった"
    k = {x.name: x for x in parsed.kpis}
    assert (k["コースの年間利用者数"].target, k["コースの年間利用者数"].actual, k["コースの年間利用者数"].rate) == (10000, 11200, 112.0)
    wait = k["湖畔の駐車待ち時間"]
    assert (wait.baseline, wait.target, wait.actual, wait.rate, wait.lower_is_better) == (30, 20, 25, 80.0, True)


FORM_TEXT = """さざなみ町 地方創生関係交付金事業 事業評価調書 令和5年度
事業評価調書（令和5年度実施事業） 調書No.1
事業名 さざなみ森の学校による自然体験の推進事業
担当課 生涯学習課
事業期間 令和3年度～令和5年度
交付金の種類 地方創生推進交付金（横展開タイプ）
事業費
（単位：千円）
区分 R3 R4 R5 R6（当初予算）
事業費 5,000 5,200 5,400 －
うち交付金 2,500 2,600 2,700 －
成
果
指
標
""" + YEAR_BLOCKS + """事業の評価 地方創生に効果があった
今後の方針 継続
"""


def test_a_form_flattened_to_text_with_a_year_column_budget_and_kpi_year_blocks() -> None:
    parsed = read_document(text_document(FORM_TEXT, "sazanami.txt"))
    (p,) = parsed.projects
    assert (p.title, p.department, p.budget_unit) == ("さざなみ森の学校による自然体験の推進事業", "生涯学習課", "千円")
    assert p.budget == (("R3", 5000), ("R4", 5200), ("R5", 5400)) and p.budget_planned == ()  # R6 「－」: left out
    assert [(k.name, k.fiscal_year, k.actual) for k in parsed.kpis][:2] == [("森の学校の参加者数", "R4", 132),
                                                                           ("森の学校の参加者数", "R5", None)]
    assert {k.lower_is_better for k in parsed.kpis if k.name == "窓口の平均待ち時間"} == {True}


COMMITTEE = """資料３
令和5年度 地方創生関係交付金事業の効果検証結果について
総務常任委員会 企画課
４ 事業別の検証結果
○かわせみ渓谷の自然体験による交流人口拡大事業
・担当課：観光課
・事業期間：令和4年度～令和6年度
・交付金：地方創生推進交付金（横展開タイプ）
・事業費：令和5年度 事業費6,400千円（うち交付金3,200千円）、令和6年度 予算額7,000千円（うち交付金3,500千円）
・取組内容：渓谷の遊歩道を整備し、ガイドを8人養成した。
・成果指標（KPI）：
① 渓谷の観光入込客数は、目標40千人に対し実績44千人（達成率110.0％）であった。
② 体験プログラムの参加者数は、目標900人に対し実績720人（達成率80.0％）であっ
た。
・評価：地方創生に効果があった
・今後の方針：継続
"""


def test_a_committee_paper_of_bullets_and_kpi_sentences() -> None:
    parsed = read_document(text_document(COMMITTEE, "kawasemi.txt"))
    assert parsed.report.layout == "narrative"
    (p,) = parsed.projects
    assert (p.title, p.department, p.grant_type, p.policy) == ("かわせみ渓谷の自然体験による交流人口拡大事業", "観光課",
                                                             "横展開タイプ", "継続")
    assert p.budget == (("R5", 6400), ("R6", 7000)) and p.budget_planned == ("R6",) and p.budget_grant == (("R5", 3200), ("R6", 3500))
    assert p.outcome == "渓谷の遊歩道を整備し、ガイドを8人養成した。"
    k = {x.name: x for x in parsed.kpis}
    assert (k["渓谷の観光入込客数"].target, k["渓谷の観光入込客数"].actual) == (40, 44)
    assert k["体験プログラムの参加者数"].rate == 80.0


def test_projects_side_by_side_in_columns_are_not_read_as_one_sheet() -> None:
    from assistant.readers.columns import is_side_by_side as _side_by_side
    from assistant.readers.segments import Segment
    from assistant.readers.tables import columns

    head = [["事業期間", "事業期間", "令和4年度〜令和6年度", "令和3年度〜令和5年度"]]
    rows = [["事業費（円）", "令和4年度", "18,640,000", "9,812,400"]]
    assert _side_by_side(Segment(columns(head + rows, 1), 1, head, rows, [1], 1, 4))
    one = [["事業期間", "令和4年度〜令和6年度", "交付金", "地方創生推進交付金"]]
    assert not _side_by_side(Segment(columns(one + rows, 1), 1, one, rows, [1], 1, 4))
    spanned = [["事業期間", "令和4年度〜令和6年度", "令和4年度〜令和6年度", ""]]  # one period over two cells: one project
    assert not _side_by_side(Segment(columns(spanned + rows, 1), 1, spanned, rows, [1], 1, 4))


def test_projects_side_by_side_are_read_column_by_column() -> None:
    """A table whose columns are the projects and whose rows are the fields (an Excel 対照表): each column one
    project, its KPI rows read by their labels, a ▼ name a KPI to go down, an empty column no project."""
    from assistant.readers.base import Document
    from assistant.readers.columns import ColumnsReader
    from assistant.readers.segments import Segment
    from assistant.readers.tables import columns

    head = [["事業番号", "事業番号", "No.1", "No.2", ""], ["事業名", "事業名", "森のようちえん事業", "空き家再生事業", ""],
            ["担当課", "担当課", "こども課", "建設課", ""],
            ["事業期間", "事業期間", "令和4年度〜令和6年度", "令和3年度〜令和5年度", ""]]
    rows = [["事業費（円）", "令和5年度", "3,000,000", "5,500,000", ""],
            ["KPI①", "指標名", "園児数", "▼空き家数", ""], ["KPI①", "単位", "人", "戸", ""],
            ["KPI①", "基準値", "20（令和3年度）", "120（令和2年度）", ""], ["KPI①", "目標値", "30", "100", ""],
            ["KPI①", "実績値", "33", "110", ""], ["KPI①", "達成率", "110.0%", "90.9%", ""],
            ["今後の方針", "今後の方針", "継続", "見直し", ""]]
    doc = Document("katsura.pdf", "pdf", "", ("令和5年度 地方創生関係交付金事業 対照表 かつら町",))
    doc.__dict__["segments"] = [Segment(columns(head + rows, 4), 4, head, rows, [1] * len(rows), 1, 5)]
    assert ColumnsReader().detect(doc) > 0.5
    parsed = ColumnsReader().read(doc)
    one, two = parsed.projects
    assert (one.no, one.title, one.department, one.policy, one.budget, one.budget_unit) == (
        1, "森のようちえん事業", "こども課", "継続", (("R5", 3000000),), "円")
    k = {x.name: x for x in parsed.kpis}
    assert (k["園児数"].baseline, k["園児数"].actual, k["園児数"].project_no) == (20, 33, 1)
    assert (k["空き家数"].lower_is_better, k["空き家数"].rate, two.no) == (True, 90.9, 2)


def _grid(page: int, rows: list[list[str]]) -> Table:
    cells = tuple(Cell(i, j, 1, 1, t, (0, 0, 0, 0)) for i, r in enumerate(rows) for j, t in enumerate(r))
    return Table(page, (0, 0, 0, 0), len(rows), len(rows[0]), cells)


def test_a_settled_amount_with_its_sources_and_next_years_budget() -> None:
    """A 主要な施策の成果 sheet (read by the sheet reader): 「令和5年度決算（単位：千円） | 決算額 | 財源内訳」 with the
    amount a row below, 「（参考）令和6年度当初予算額」 planned; 国庫支出金 is not taken for the grant's share."""
    sheet = _grid(1, [
        ["事業名", "まちなか回遊促進事業", "", "", ""],
        ["事業期間", "令和5年度〜令和7年度", "", "", ""],
        ["令和5年度決算（単位：千円）", "決算額", "財源内訳", "", ""],
        ["", "", "国庫支出金", "地方債", "一般財源"],
        ["", "12,300", "6,150", "−", "6,150"],
        ["（参考）令和6年度当初予算額", "9,900", "", "", ""],
        ["令和5年度の主な成果", "回遊マップを作成し、スタンプラリーを2回開いた。", "", "", ""],
        ["効果検証の結果", "地方創生に効果があった", "", "", ""],
    ])
    kpis = _grid(1, [
        ["成果指標（指標名）", "単位", "区分", "令和5年度", "達成率（令和5年度）"],
        ["まちなかの歩行者数", "人", "目標", "1,000", "110.0%"],
        ["", "", "実績", "1,100", ""],
    ])
    text = "令和5年度 主要な施策の成果に関する説明書\nすずかけ町\n事業名 まちなか回遊促進事業"
    pr = read_document(Document("suzukake.pdf", "pdf", text, (normalize(text),), (sheet, kpis)))
    p = pr.projects[0]
    assert dict(p.budget) == {"R5": 12300, "R6": 9900} and p.budget_unit == "千円" and p.budget_planned == ("R6",)
    assert not p.budget_grant
    assert p.outcome == "回遊マップを作成し、スタンプラリーを2回開いた。"
    assert p.evaluation == "地方創生に効果があった"


def test_a_rate_wrapped_onto_the_next_line_is_no_chapter_heading() -> None:
    """「…（達成率１」 / 「２１．３％）であった。」: the wrapped line opens with 「21.」 like a chapter 「4. 今後の対応」, but
    the project goes on — the KPI after it was lost."""
    text = """令和５年度 地方創生関係交付金事業の効果検証結果について
１ 事業別の検証結果
○子育て応援アプリ導入事業
・担当課：こども未来課
・事業期間：令和５年度～令和７年度
・交付金：デジタル田園都市国家構想交付金（デジタル実装タイプ）
・事業費：令和５年度 事業費２１，３６０千円（うち交付金１０，６８０千円）
・取組内容：子育て応援アプリを導入した。
・成果指標（KPI）：
① 子育て応援アプリの登録者数は、目標１，２００人に対し実績１，４５６人（達成率１
２１．３％）であった。
② 保育所の待機児童数は、目標３人以下に対し実績５人（達成率６０．０％）であった。
・評価：地方創生に効果があった
"""
    pr = read_document(text_document(text, "t.txt"))
    assert [(k.name, k.target, k.actual, k.rate, k.lower_is_better) for k in pr.kpis] == [
        ("子育て応援アプリの登録者数", 1200, 1456, 121.3, False), ("保育所の待機児童数", 3, 5, 60.0, True)]


def test_a_year_table_under_a_kpi_keeps_its_note_column() -> None:
    lines = [(s, 3) for s in ("KPI② お試し住宅を利用した移住世帯数", "単位：世帯 基準値：－ 目標の方向：増加",
                              "年度 目標値 実績値 達成率 備考", "令和3年度 － － － 事業開始前",
                              "令和4年度 6 4 66.7% 住宅の運用は7月から", "令和5年度 8 9 112.5%")]
    got = [(c.year, c.note) for c, _ in kpi_year_blocks(lines)]
    assert got == [("R4", "住宅の運用は7月から"), ("R5", None)]


def test_the_lead_town_of_a_joint_project_comes_first_among_its_cities() -> None:
    assert labels("代表団体 鶉野町 担当課 農林水産課") == [("lead", "鶉野町"), ("department", "農林水産課")]
    p = project_of("r.pdf", 3, "スマート農業の振興事業", "茜ヶ浦町", {"lead": "鶉野町", "members": "茜ヶ浦町 檜垣村"},
                   Budget(), None, None, 3, [3])
    assert p.cities == ("鶉野町（代表）", "茜ヶ浦町", "檜垣村")


def test_a_year_column_budget_keeps_the_grant_row_under_it() -> None:
    lines = ["区分 令和4年度 （決算） 令和5年度 （決算） 令和6年度 （予算） 合計", "事業費 12,480 15,926 14,000 42,406",
             "うち交付金 6,240 7,963 7,000 21,203", "うち一般財源 6,240 7,963 7,000 21,203"]
    b = budget_columns(lines)
    assert b.amounts == [("R4", 12480), ("R5", 15926), ("R6", 14000)] and b.planned == ["R6"]
    assert b.grant == [("R4", 6240), ("R5", 7963), ("R6", 7000)]
