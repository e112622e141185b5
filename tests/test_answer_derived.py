"""Derived numbers (arithmetic shown), small talk, and references to the previous answer."""

from __future__ import annotations

from assistant.answering import arithmetic as dv
from assistant.answering import smalltalk
from assistant.api import Assistant
from assistant.records import Kpi

NOT_FOUND = "資料に記載が見つかりません"


def _kpi(target, actual, unit="人", baseline=None) -> Kpi:
    return Kpi("r.txt", 1, "来館者数", unit, target, actual, None, "R2", None, None, None, 1, baseline=baseline)


def test_gap_shows_the_subtraction() -> None:
    s = dv.kpi_gap(_kpi(41621, 39559), "事業A")
    assert "2,062人" in s and "41,621 − 39,559 = 2,062" in s
    assert "上回" in dv.kpi_gap(_kpi(120, 253, "件"), None) and "133件" in dv.kpi_gap(_kpi(120, 253, "件"), None)
    assert dv.kpi_gap(_kpi(100, None), None) is None
    assert "0.3ポイント" in dv.kpi_gap(_kpi(0.1, 0.4, "%"), None)


def test_sums_never_mix_units() -> None:
    a, b = dv.Term("A", 67055, "千円"), dv.Term("B", 81801, "千円")
    assert "148,856千円" in dv.sum_text([a, b], [], "合計") and "67,055 + 81,801 = 148,856" in dv.sum_text([a, b], [], "x")
    assert dv.sum_text([a, dv.Term("C", 5, "円")], [], "x") is None
    assert dv.total([dv.Term("x", 3, "人"), dv.Term("y", 2, "件")]) is None
    assert "記載なし" in dv.sum_text([a, b], ["C 令和3年度"], "x")


def test_average_and_share() -> None:
    terms = [dv.Term("A", 10, "人"), dv.Term("B", 20, "人"), dv.Term("C", 30, "人")]
    assert "平均は20人" in dv.avg_text(terms, [], "実績")
    assert "16.7%" in dv.share_text(terms[0], terms, "全体")


def test_smalltalk_cues() -> None:
    assert smalltalk.kind_of("こんにちは") == "greeting"
    assert smalltalk.kind_of("何ができますか") == "help"
    assert smalltalk.kind_of("ありがとうございました。") == "thanks"
    assert smalltalk.kind_of("活躍シニア数の実績は？") is None


def test_smalltalk_reply_uses_the_corpus(seed_index: Assistant) -> None:
    ans = seed_index.answer("何ができますか")
    assert ans.intent == "smalltalk" and ans.found and NOT_FOUND not in ans.text
    titles = [p.title for p in seed_index.projects] + [k.name for k in seed_index.kpis]
    assert any(t in ans.text for t in titles)
    assert 3 <= len(ans.context["examples"]) <= 5


def _ask(a: Assistant, *turns: str):
    h = []
    for q in turns:
        h.append(a.answer(q, h))
    return h[-1]


def test_gap_to_target_in_one_question(seed_index: Assistant) -> None:
    ans = _ask(seed_index, "活躍シニア数、あと何人で目標達成だった？")
    assert "315人" in ans.text and "1,530 − 1,215 = 315" in ans.text


def test_difference_after_target_and_actual(seed_index: Assistant) -> None:
    ans = _ask(seed_index, "相談対応件数の目標は？", "実績は？", "差は？")
    assert "133" in ans.text and "253 − 120 = 133" in ans.text
    assert ans.context["derived"] == "diff"


def test_those_two_projects_are_summed(seed_index: Assistant) -> None:
    ans = _ask(seed_index, "エンジニアフレンドリーシティ福岡の事業費は？", "AIエンジニア支援のほうは？",
               "その2つを足すと2年度でいくら？")
    assert "72,728" in ans.text and "67,055 + 5,673 = 72,728" in ans.text
    assert len(ans.context["projects"]) == 2


def test_the_top_three_then_narrowed(seed_index: Assistant) -> None:
    ans = _ask(seed_index, "達成率が低いKPIを3つ教えて", "上の3つのうち、アクティブシニアの事業のものは？")
    assert "活躍シニア数" in ans.text and "行動変容" in ans.text and "解決課題数" not in ans.text


def test_new_topic_resets_context(seed_index: Assistant) -> None:
    ans = _ask(seed_index, "留学生数の実績を教えて", "話かわるけど、アクティブシニアの事業の目的は？")
    assert NOT_FOUND not in ans.text and ans.intent == "purpose"
