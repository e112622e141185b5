"""The project-card reader (assistant/readers/cards.py) on card reports written here with other labels than the
held-out one it was built from: 【事業番号 N】 headings, 所管課 / 実施期間 / 交付金の名称 labels, years over two lines."""

from __future__ import annotations

from assistant.readers import read_document
from assistant.readers.cards import CardsReader
from assistant.source import text_document

CARDS = """令和4年度 地方創生関係交付金 効果検証報告書 さくら台市
【事業番号 1】 駅前にぎわい創出
事業
所管課 商工観光課
実施期間 令和3年度～令和5年度
交付金の名称 地方創生推進交付金（横展開タイプ）
（１）事業の目的
駅前の空き店舗を活用し、
にぎわいを取り戻す。
（２）事業費 （単位：千円）
年度 R3 R4
（予定）
事業費 8,000 9,500
（３）成果指標（ＫＰＩ）
ＫＰＩ① 駅前の歩行者通行量（人/日）
基準値 3,000（R2）
年度 目標値 実績値 達成率
R3 3,500 3,710 106.0%
R4 4,000 － －
ＫＰＩ② 空き店舗数（店）
年度 目標値 実績値 達成率
R3 20 16 125.0%
（４）事業の成果
チャレンジショップを3店開設した。
事業の評価 効果があった
今後の方針 事業の継続
－ 1 －
令和4年度 地方創生関係交付金 効果検証報告書 さくら台市
【事業番号 2】 移住体験住宅の整備
所管課 企画課
（２）事業費 （単位：千円）
年度 R3 R4
事業費 5,000
（３）成果指標（ＫＰＩ）
ＫＰＩ① 体験住宅の利用者数（人）
年度 目標値 実績値 達成率
R3 50 40 50.0%
R4 60 45 75.0%
"""


def test_cards_with_other_labels_read_into_checked_records() -> None:
    doc = text_document(CARDS, "sakuradai_r4.txt")
    assert CardsReader().detect(doc) > 0.5
    parsed = read_document(doc)
    assert parsed.report.layout == "cards" and parsed.report.city == "さくら台市"
    one, two = parsed.projects
    assert (one.title, one.department, one.period) == ("駅前にぎわい創出事業", "商工観光課", "令和3年度〜令和5年度")
    assert (one.grant_program, one.grant_type) == ("地方創生推進交付金", "横展開タイプ")
    assert one.budget == (("R3", 8000), ("R4", 9500)) and one.budget_unit == "千円" and one.budget_planned == ("R4",)
    assert one.purpose == "駅前の空き店舗を活用し、にぎわいを取り戻す。"
    assert (one.evaluation, one.policy, one.outcome) == ("効果があった", "事業の継続", "チャレンジショップを3店開設した。")
    kpis = {(k.project_no, k.name, k.fiscal_year): k for k in parsed.kpis}
    walk = kpis[(1, "駅前の歩行者通行量", "R3")]
    assert (walk.unit, walk.target, walk.actual, walk.rate, walk.baseline) == ("人/日", 3500, 3710, 106.0, 3000)
    assert kpis[(1, "駅前の歩行者通行量", "R4")].actual is None  # 「－」: missing, never guessed
    assert kpis[(1, "空き店舗数", "R3")].lower_is_better is True  # 20 / 16 = 125.0%: the arithmetic says so
    # a printed rate the arithmetic does not back (40 / 50 is 80%, not 50%) is flagged, not trusted
    assert "rate_mismatch" in kpis[(2, "体験住宅の利用者数", "R3")].flags
    # two years but one amount: no year gets a value by guess, and the gap is reported
    assert two.budget == () and any("budget not read" in p.message for p in parsed.problems)


def test_headings_with_nothing_read_under_them_are_not_trusted_as_projects() -> None:
    """Card-like headings whose cards give no KPI and no amount: more likely another layout than projects — the
    report is kept as text (searchable) with the reason, not as projects with guessed titles."""
    text = ("令和4年度 地方創生関係交付金 実施状況 もみじ町\n【事業番号 1】 観光のまちづくり\n"
            "成果指標（ＫＰＩ）は別冊のとおり。\n【事業番号 2】 子育て支援\n詳しくは別冊を参照。\n")
    parsed = read_document(text_document(text, "momiji.txt"))
    assert parsed.projects == () and parsed.report.layout == "text"
    assert any("structure not trusted" in p.message for p in parsed.problems)
