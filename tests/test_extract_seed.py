"""The shipped Fukuoka R2 report read into records, asserted value by value."""

from __future__ import annotations

import pytest

from assistant.extract import read_report
from tests.conftest import SEED


@pytest.fixture(scope="module")
def seed():
    return read_report(SEED)


def test_report_header(seed) -> None:
    r = seed.report
    assert (r.city, r.fiscal_year, r.western_year, r.pages, r.encoding) == ("福岡市", "R2", 2020, 4, "utf-8")
    assert r.title == "令和2年度地方創生関連交付金事業の実施状況"
    assert seed.problems == ()


PROJECTS = [
    # no, title, cities, department, period, period_raw, grant type, budget, page, activities
    (1, "エンジニアフレンドリーシティ福岡の推進", ("福岡市",), "経済観光文化局創業・立地推進部 新産業振興課",
     "令和元年度〜令和3年度", "R1n-R3n", "横展開タイプ", {"R2": 67055, "R3": 81801}, 1, 2),
    (2, "Society5.0を支えるAIエンジニア支援", ("福岡市",), "経済観光文化局創業・立地推進部 新産業振興課",
     "令和2年度〜令和4年度", "R2n-R4n", "横展開タイプ", {"R2": 5673, "R3": 5673}, 2, 3),
    (3, "外国人材の受入・共生事業", ("福岡市",), "総務企画局国際部国際政策課",
     "令和元年度〜令和4年度", "R1n-R4n", "横展開タイプ", {"R2": 8112, "R3": 12875}, 3, 2),
    (4, "アクティブシニアの生涯現役さきがけ事業", ("福岡市（代表）", "糸島市"), "保健福祉局総務企画部政策推進課",
     "平成28年度〜令和2年度", "H28n-R2n", "先駆タイプ", {"R2": 81939, "R3": None}, 4, 7),
]


@pytest.mark.parametrize("expected", PROJECTS, ids=[str(p[0]) for p in PROJECTS])
def test_projects(seed, expected) -> None:
    no, title, cities, dept, period, raw, gtype, budget, page, n_act = expected
    p = next(p for p in seed.projects if p.no == no)
    assert (p.title, p.cities, p.department, p.period, p.period_raw) == (title, cities, dept, period, raw)
    assert (p.grant_program, p.grant_type) == ("地方創生推進交付金事業", gtype)
    assert p.budget_dict() == budget and p.budget_unit is None
    assert p.page == page and len(p.activities) == n_act
    assert [a.no for a in p.activities] == list(range(1, n_act + 1))


def test_purpose_and_activities(seed) -> None:
    p1, p2, _, p4 = seed.projects
    assert p1.purpose.startswith("国内外の優秀なエンジニアが集まる環境を創出し")
    assert p1.purpose.endswith("市民生活の向上を図る。")
    assert p2.activities[0].title == "キックオフ・イベント" and "令和2年10月13日" in p2.activities[0].text
    assert "参加者数:214人" in p2.activities[0].text
    assert "ディープラーニング" in p2.activities[0].text  # the indented ③ line is a list item, not a project
    assert p4.activities[2].title == "認知症コミュニケーション・ケア技法「ユマニチュード®」の普及"
    assert "高齢者の買い物などの支援" in p4.activities[5].text  # a continuation line indented by two spaces


KPIS = [
    # project, name, unit, target, actual, rate, lower_is_better, achieved, page, note substring
    (1, "福岡地域の情報処理技術者の有効求人倍率", "倍", 2.5, 1.45, 172.4, True, True, 1, None),
    (1, "福岡市におけるソフトウェア業及びインターネット付随サービス業の従業者数", "人", 27727, None, None, None, None, 1,
     "経済センサスの結果公表待ち"),
    (1, "エンジニアからの相談対応件数", "件", 120, 253, 210.8, False, True, 1, None),
    (1, "赤煉瓦文化館の入館者数", "人", 41621, 39559, 95.0, False, False, 1, None),
    (2, "研修修了者数", "人", 90, 87, 96.7, False, False, 2, None),
    (2, "本事業への参加後、AI関連業務に従事した人の割合", "%", 10, None, None, None, None, 2, "R3n中に調査予定"),
    (2, "研修開催回数", "回", 20, 16, 80.0, False, False, 2, None),
    (2, "実践訓練における解決課題数", "件", 3, 1, 33.3, False, False, 2, None),
    (3, "地域の国際交流事業が実現した件数", "件", 20, 19, 95.0, False, False, 3, None),
    (3, "地域の行事への外国人参加率", "%", None, None, None, None, None, 3, "R3n目標 40%"),
    (3, "福岡市内の大学・大学院・短期大学に在籍する留学生数", "人", 3923, 3644, 92.9, False, False, 3, None),
    (4, "新たな事業創出数", "事業", 21, 20, 95.2, False, False, 4, None),
    (4, "海外展開する事業者数", "事業", 8, None, None, None, None, 4, None),
    (4, "活躍シニア数", "人", 1530, 1215, 79.4, False, False, 4, None),
    (4, "行動変容した市民数", "人", 123000, 59020, 48.0, False, False, 4, None),
]


def test_kpi_count(seed) -> None:
    assert len(seed.kpis) == len(KPIS)


@pytest.mark.parametrize("expected", KPIS, ids=[k[1][:12] for k in KPIS])
def test_kpis(seed, expected) -> None:
    pno, name, unit, target, actual, rate, lower, achieved, page, note = expected
    k = next(k for k in seed.kpis if k.name == name)
    assert k.project_no == pno and k.unit == unit and k.page == page and k.fiscal_year == "R2"
    assert (k.target, k.actual, k.rate) == (target, actual, rate)
    assert type(k.target) is type(target) or target is None  # 27727 stays an int, 2.50 a float
    assert (k.lower_is_better, k.achieved) == (lower, achieved)
    if note:
        assert k.note and note in k.note
    else:
        assert k.note is None
    if actual is None:
        assert "missing_actual" in k.flags
    if target is not None and actual is not None and rate is not None:
        assert "rate_mismatch" not in k.flags


def test_displaced_values_are_flagged(seed) -> None:
    by = {k.name: k for k in seed.kpis}
    assert "value_displaced" in by["活躍シニア数"].flags  # "1,530 1,215 79.4%" on a line of its own
    assert "value_displaced" in by["福岡市内の大学・大学院・短期大学に在籍する留学生数"].flags  # lone 3,644 and 92.9%
    assert "value_displaced" not in by["研修修了者数"].flags
    assert by["福岡地域の情報処理技術者の有効求人倍率"].printed == ("2.50", "1.45", "172.4%")
