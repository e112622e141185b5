"""The slide-deck reader (readers/slides.py) on a deck written here: one project per slide (a continued slide prints
its heading again), two side by side on the last, KPI boxes as text lines (a rate printed lines away, taken only where
its arithmetic fits) and as PDF cells (values before the words 目標 実績)."""

from __future__ import annotations

from assistant.pdftables import Cell, Table
from assistant.readers import read_document
from assistant.readers.base import Document
from assistant.reading import normalize
from assistant.source import text_document

DECK = """令和4年度 地方創生関係交付金事業 実績報告
令和5年8月1日 かもめ台市 企画課
1\f① 港の朝市を核とした商店街の回遊性向上と空き店舗の
担当：商業振興課
活用事業
事業期間 令和3年度～令和5年度 交付金 デジタル田園都市国家構想交付金（地方創生推進タイプ）
令和4年度の主な取組
・朝市を毎月第1日曜日に開催した。
・空き店舗の改修を2件補助し、
新規出店につなげた。
総合評価 B 今後の方針 継続
KPIの達成状況（令和4年度）
朝市の来場者数
基準値 2,000人（R2）
目標 3,000 人 実績 3,300 人
達成率
110.0%
達成率
75.0%
空き店舗への新規出店数
目標 4 件 実績 3 件
商店街の空き店舗数 減少目標
目標 20 店 実績 25 店
達成率
80.0%
事業費 R3決算 9,000千円 ／ R4決算 12,000千円（うち交付金 6,000千円） ／ R5当初予算 10,000千円 2\f② 子育て相談のオンライン化事業
（1/2） 担当：こども課
事業期間 令和4年度～令和6年度 交付金 デジタル田園都市国家構想交付金（デジタル実装タイプ）
令和4年度の主な取組
・オンライン相談の窓口を開設した。
事業費 R4決算 5,000千円（うち交付金 2,500千円） ／ R5当初予算 4,000千円 3\f② 子育て相談のオンライン化事業
（続き） 担当：こども課
総合評価 A 今後の方針 拡充
オンライン相談件数
目標 200 件 実績 集計中
達成率
－
4\f③ 移住相談窓口の運営事業
担当：移住定住課
事業期間：令和4年度～令和5年度
令和4年度の主な取組
・移住相談会を6回開いた。
移住相談件数
目標 100 件 実績 90 件
達成率
99.0%
総合評価 C 今後の方針 見直し
④ 企業版ふるさと納税の活用事業
担当：財政課
事業期間：令和4年度
寄附企業数
目標 10 社 実績 12 社
達成率
120.0%
総合評価 A 今後の方針 継続
"""


def test_a_deck_as_text_lines() -> None:
    pr = read_document(text_document(DECK, "kamome_deck.txt"))
    assert pr.report.layout == "slides"
    p = {x.no: x for x in pr.projects}
    assert p[1].title == "港の朝市を核とした商店街の回遊性向上と空き店舗の活用事業"  # wrapped round its 担当 line
    assert (p[1].department, p[1].period, p[1].evaluation, p[1].policy) == ("商業振興課", "令和3年度〜令和5年度", "B",
                                                                            "継続")
    assert dict(p[1].budget) == {"R3": 9000, "R4": 12000, "R5": 10000} and p[1].budget_unit == "千円"
    assert p[1].budget_planned == ("R5",) and dict(p[1].budget_grant) == {"R4": 6000}
    assert p[1].outcome == "朝市を毎月第1日曜日に開催した。空き店舗の改修を2件補助し、新規出店につなげた。"
    assert p[2].title == "子育て相談のオンライン化事業" and len(p[2].pages) == 2  # one project over two slides
    assert (p[2].evaluation, p[2].policy) == ("A", "拡充")
    assert p[4].title == "企業版ふるさと納税の活用事業" and p[4].department == "財政課"
    k = {x.name: x for x in pr.kpis}
    assert set(k) == {"朝市の来場者数", "空き店舗への新規出店数", "商店街の空き店舗数", "オンライン相談件数",
                      "移住相談件数", "寄附企業数"}
    assert (k["朝市の来場者数"].target, k["朝市の来場者数"].actual, k["朝市の来場者数"].rate) == (3000, 3300, 110.0)
    assert k["朝市の来場者数"].baseline == 2000 and k["朝市の来場者数"].fiscal_year == "R4"
    # the 75.0% printed before the next box's name is its rate: 3 ÷ 4
    assert k["空き店舗への新規出店数"].rate == 75.0 and k["空き店舗への新規出店数"].project_no == 1
    assert k["商店街の空き店舗数"].lower_is_better and k["商店街の空き店舗数"].rate == 80.0  # 20 ÷ 25
    assert k["オンライン相談件数"].actual is None and k["オンライン相談件数"].rate is None
    assert k["オンライン相談件数"].project_no == 2
    # 90 ÷ 100 is 90.0 %, not the 99.0 % printed: no rate is taken that the arithmetic does not give
    assert k["移住相談件数"].rate != 99.0
    assert k["寄附企業数"].project_no == 4 and k["寄附企業数"].unit == "社"


def _cell(text: str, x0: float = 0) -> Cell:
    return Cell(0, 0, 1, 1, text, (x0, 0, x0 + 400, 100))


def test_kpi_boxes_from_pdf_cells() -> None:
    """On a slide where the text lines interleave the boxes with the bullets beside them, the boxes are read from
    their cells; several boxes in one cell are told apart by their units printed twice."""
    pages = ["令和4年度 地方創生関係交付金事業 実績報告\nかもめ台市",
             "① 港の朝市を核とした商店街の回遊性向上事業\n担当：商業振興課\n"
             "事業期間 令和3年度～令和5年度\n・朝市を開催した 3,000 3,300 110.0%\n目標 実績\n人 人\n朝市の来場者数\n"
             "事業費 R4決算 12,000千円 ／ R5当初予算 10,000千円"]
    boxes = _cell("朝市の来場者数基準値 2,000人（R2）達成率3,000 3,300 110.0%目標 実績人 人"
                  "商店街の空き店舗数 減少目標達成率20 25 80.0%目標 実績店 店"
                  "出店者の満足度達成率4.0 −集計中目標 実績点")
    bullets = _cell("・朝市を毎月第1日曜日に開催した。・空き店舗の改修を補助した。B総合評価 今後の方針 継続", 500)
    table = Table(2, (0, 0, 960, 540), 1, 2, (boxes, bullets))
    pages = [normalize(p) for p in pages]  # as a PDF's pages are read
    pr = read_document(Document("kamome.pdf", "pdf", "\f".join(pages), tuple(pages), (table,)))
    k = {x.name: x for x in pr.kpis}
    assert set(k) == {"朝市の来場者数", "商店街の空き店舗数", "出店者の満足度"}
    assert (k["朝市の来場者数"].target, k["朝市の来場者数"].actual, k["朝市の来場者数"].baseline) == (3000, 3300, 2000)
    assert k["商店街の空き店舗数"].lower_is_better and k["商店街の空き店舗数"].unit == "店"
    assert k["出店者の満足度"].target == 4.0 and k["出店者の満足度"].actual is None
    p = pr.projects[0]
    assert p.outcome == "朝市を毎月第1日曜日に開催した。空き店舗の改修を補助した。"
    assert dict(p.budget) == {"R4": 12000, "R5": 10000}

