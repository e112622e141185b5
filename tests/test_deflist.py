"""The definition-list reader (readers/deflist.py) on a web page written here: 「(n)題名」 headings wrapped over lines,
each label alone on a line with its value under it, ruled tables for the 事業費 and the KPIs, the browser's own header
and footer lines around every page."""

from __future__ import annotations

from assistant import eras
from assistant.pdftables import Cell, Table
from assistant.readers import read_document
from assistant.readers.base import Document
from assistant.readers.tables import baseline_value
from assistant.reading import normalize

PAGE1 = """2025/01/10 9:05 令和5年度 地方創生関係交付金事業の効果検証|あおば台市
https://www.city.aoba.example.jp/kensho.html 1/2
令和5年度 地方創生関係交付金事業の効果検証
あおば台市
(1)商店街の空き店舗を活用したシェアキッチンの運営と創業支援
事業
担当課
商工課
事業期間
令和4年度から令和6年度まで(3か年)
交付金の種類
デジタル田園都市国家構想交付金(地方創生推進タイプ)
令和5年度の主な取組
シェアキッチンを開設し、12人が試験出店した。
うち3人が商店街で開業した。
事業費
(単位:千円)
区分 令和4年度 令和5年度
事業費 5,000 6,000
重要業績評価指標(KPI)
指標名 単位 目標の方向 基準値(年度) 目標値 実績値 達成率
商店街の空き店舗数 店 減少 30(R3) 25 24 104.2%
事業の評価
地方創生に効果があった
今後の方針
継続
外部有識者会議の主な意見
空き店舗の数は減ったが、開業の後の支援も考えてほしい。
"""
PAGE2 = """2025/01/10 9:05 令和5年度 地方創生関係交付金事業の効果検証|あおば台市
https://www.city.aoba.example.jp/kensho.html 2/2
(2)高齢者の見守り事業
担当課
福祉課
事業期間
令和5年度から令和7年度まで
事業費
令和5年度決算額 3,200,000円(うち交付金 1,600,000円)
重要業績評価指標(KPI)
指標名 単位 目標の方向 基準値(年度) 目標値 実績値 達成率
見守り登録者数 人 増加 - 200 集計中 -
事業の評価
地方創生に相当程度効果があった
今後の方針
拡充
"""


def _table(page: int, rows: list[list[str]]) -> Table:
    cells = tuple(Cell(i, j, 1, 1, t, (0, 0, 0, 0)) for i, r in enumerate(rows) for j, t in enumerate(r))
    return Table(page, (0, 0, 100, 100 * page), len(rows), len(rows[0]), cells)


def test_a_web_page_of_numbered_headings_and_label_lines() -> None:
    head = ["指標名", "単位", "目標の方向", "基準値（年度）", "目標値", "実績値", "達成率", "備考"]
    tables = (_table(1, [["区分", "令和4年度", "令和5年度"], ["事業費", "5,000", "6,000"]]),
              _table(1, [head, ["商店街の空き店舗数", "店", "減少", "30（R3）", "25", "24", "104.2%", ""]]),
              _table(2, [head, ["見守り登録者数", "人", "増加", "−", "200", "集計中", "−", "令和6年7月に公表予定"]]))
    pages = (normalize(PAGE1), normalize(PAGE2))
    pr = read_document(Document("aoba.pdf", "pdf", "\f".join(pages), pages, tables))
    assert pr.report.layout == "deflist"
    p = {x.no: x for x in pr.projects}
    assert p[1].title == "商店街の空き店舗を活用したシェアキッチンの運営と創業支援事業"
    assert (p[1].department, p[1].period, p[1].evaluation, p[1].policy) == ("商工課", "令和4年度〜令和6年度",
                                                                            "地方創生に効果があった", "継続")
    assert p[1].outcome == "シェアキッチンを開設し、12人が試験出店した。うち3人が商店街で開業した。"
    assert dict(p[1].budget) == {"R4": 5000, "R5": 6000} and p[1].budget_unit == "千円"
    assert dict(p[2].budget) == {"R5": 3200000} and p[2].budget_unit == "円"  # a sentence, in 円
    assert p[2].period == "令和5年度〜令和7年度"
    k = {x.name: x for x in pr.kpis}
    assert k["商店街の空き店舗数"].project_no == 1 and k["商店街の空き店舗数"].lower_is_better
    assert k["商店街の空き店舗数"].baseline == 30 and k["商店街の空き店舗数"].rate == 104.2
    assert k["見守り登録者数"].project_no == 2 and k["見守り登録者数"].actual is None
    assert k["見守り登録者数"].lower_is_better is False  # the 目標の方向 column says 増加
    assert k["見守り登録者数"].note == "令和6年7月に公表予定" and k["商店街の空き店舗数"].note is None  # 備考
    assert "有識者" not in (p[1].evaluation or "")  # the opinion section is no evaluation


def test_a_period_in_words_and_a_baseline_with_its_year() -> None:
    assert eras.parse_period("令和4年度から令和6年度まで（3か年）")[1:] == ("R4", "R6")
    assert eras.parse_period("令和3年度から5年度まで")[1:] == ("R3", "R5")
    assert eras.parse_period("令和4年度から5回開催した") is None  # 年度 on both ends, or no period
    assert baseline_value("1,284（令和2年度）").value == 1284 and baseline_value("27(R3)").value == 27
    assert baseline_value("−").kind == "dash"


PANEL = """令和4年度 地方創生関係交付金事業 効果検証結果(概要版)
事業1 港の朝市と空き店舗を生かした商店街のにぎわいづくり
の推進事業
担当課
商工課
事業期間
令和3年度~令和5年度(3か年)
交付金の種類
デジタル田園都市国家構想交付金(デ
ジタル実装タイプ)
事業費
(千円)
令和3年度 令和4年度
5,000 6,000
令和4年度の主な取組
朝市を毎月開いた。
成果指標(KPI)の達成状況(令和4年度)
KPI①
朝市の来場者数 基準値:2,000人(R2)
目標 3,000人
実績 3,300人
達成率
110.0%
KPI②
↓商店街の空き店舗数 基準値:30店(R2)
目標 20店
実績 25店
達成率
99.0%
評価 地方創生に効果があった 今後の方針 継続
課題・今後の取組
空き店舗の改修を続ける。
事業2 子育て相談の事業
担当課
こども課
事業期間
令和4年度~令和6年度
成果指標(KPI)の達成状況(令和4年度)
KPI①
相談件数 基準値:-
目標 100件
実績 集計中
達成率
-
評価 地方創生に効果があった 今後の方針 拡充
"""


def test_panels_with_kpi_blocks_and_a_budget_labelled_in_its_header() -> None:
    budget = _table(1, [["事業費", "令和3年度（決算）", "令和4年度（決算）"], ["（千円）", "5,000", "6,000"]])
    page = normalize(PANEL)
    pr = read_document(Document("panel.pdf", "pdf", page, (page,), (budget,)))
    p = {x.no: x for x in pr.projects}
    assert p[1].title == "港の朝市と空き店舗を生かした商店街のにぎわいづくりの推進事業"
    assert p[1].grant_type == "デジタル実装タイプ"  # a value wrapped inside its bracket
    assert (p[1].evaluation, p[1].policy) == ("地方創生に効果があった", "継続")  # not the 課題・今後の取組 text
    assert dict(p[1].budget) == {"R3": 5000, "R4": 6000} and p[1].budget_unit == "千円"
    k = {x.name: x for x in pr.kpis}
    assert (k["朝市の来場者数"].target, k["朝市の来場者数"].actual, k["朝市の来場者数"].rate) == (3000, 3300, 110.0)
    assert k["朝市の来場者数"].baseline == 2000 and k["朝市の来場者数"].fiscal_year == "R4"
    # ↓: lower is better; 20 ÷ 25 is 80.0 %, so the 99.0 % printed is not taken
    assert k["商店街の空き店舗数"].lower_is_better and k["商店街の空き店舗数"].rate != 99.0
    assert k["相談件数"].project_no == 2 and k["相談件数"].actual is None


def test_a_stated_direction_decides_a_verdict_with_no_rate_printed() -> None:
    from assistant.readers.tables import EMPTY, KpiCells, make_kpi, read_value

    def kpi(name: str, target: str, actual: str, lower: bool | None):
        cells = KpiCells(name, "人", "R5", read_value(target), read_value(actual), EMPTY, EMPTY, None, 1)
        return make_kpi(cells, "r.pdf", 1, stated_lower=lower)

    zero = kpi("保育所等の待機児童数", "10", "0", True)  # 目標の方向: 減少, no rate printed, actual 0
    assert zero.achieved is True and zero.rate is None and zero.lower_is_better  # never 0 ÷ 10 = 0.0 %
    fewer = kpi("相談の待ち日数", "20", "16", True)
    assert fewer.rate == 125.0 and fewer.achieved is True  # 目標÷実績
    more = kpi("空き家数", "100", "120", True)
    assert more.achieved is False and more.rate == 83.3
    unknown = kpi("保育所等の待機児童数", "10", "8", None)
    assert unknown.achieved is None and "direction_unknown" in unknown.flags  # no direction stated: not guessed
