"""catalog.py without a server: the 事業一覧 filters (city, year, KPI achievement, words), each project's row, its card
as Markdown, and which answers are about exactly one project — on the shipped report and on the layout fixtures."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from assistant.api import Assistant
from assistant.catalog import (
    ALL_MET,
    NO_KPIS,
    SOME_MISSED,
    TABLE_COLUMNS,
    UNDECIDED,
    Catalog,
    Query,
    Tally,
    card_markdown,
    cell,
    project_key,
    tally,
)
from assistant.corpus import read_path
from assistant.records import Answer, Citation, Kpi, Project, Report
from tests.conftest import FIXTURES, SEED

LAYOUTS = FIXTURES / "layouts"
SHEET, SUMMARY = "sheet_shiratoridai-city.pdf", "summary_asahigaoka-town.pdf"
AI = "Society5.0を支えるAIエンジニア支援"


@dataclass(frozen=True)
class Parsed:
    """Records read straight from report files (no index): what the catalog needs from an Assistant."""

    reports: tuple[Report, ...]
    projects: tuple[Project, ...]
    kpis: tuple[Kpi, ...]


@pytest.fixture(scope="module")
def mixed() -> Catalog:
    """The shipped report (福岡市 R2), a 効果検証シート (白鳥台市 R3) and a summary table (朝日丘町 R2)."""
    parsed = [read_path(p) for p in (SEED, LAYOUTS / SHEET, LAYOUTS / SUMMARY)]
    return Catalog(Parsed(tuple(r.report for r in parsed), tuple(p for r in parsed for p in r.projects),
                          tuple(k for r in parsed for k in r.kpis)))


@pytest.fixture(scope="module")
def seed(seed_index: Assistant) -> Catalog:
    return Catalog(seed_index)


def titles(projects: list[Project]) -> list[str]:
    return [p.title for p in projects]


def where(projects: list[Project]) -> list[tuple[str, int]]:
    return [(p.report, p.no) for p in projects]


# --- filters ---------------------------------------------------------------------------------------------------------


def test_no_filter_lists_every_project_in_report_order(seed: Catalog, seed_index: Assistant) -> None:
    assert seed.find(Query()) == list(seed_index.projects)


@pytest.mark.parametrize(("words", "expected"), [
    ("研修", [AI]),  # an activity title / the purpose
    ("ＡＩ　研修", [AI]),  # full-width letters and space: NFKC, every word must occur
    ("ai", [AI]),  # case-folded
    ("国際政策課", ["外国人材の受入・共生事業"]),  # the department
    ("新産業振興課", ["エンジニアフレンドリーシティ福岡の推進", AI]),
    ("健康寿命", ["アクティブシニアの生涯現役さきがけ事業"]),  # the purpose
    ("研修 留学生", []),  # both words, in no one project
    ("存在しない言葉", []),
    ("共生事業総務", []),  # the end of a title and the start of its department are two fields, not one text
    ("   ", ["エンジニアフレンドリーシティ福岡の推進", AI, "外国人材の受入・共生事業",
            "アクティブシニアの生涯現役さきがけ事業"]),  # blank: no word filter
])
def test_words_search_title_department_purpose_and_activities(seed: Catalog, words: str, expected: list[str]) -> None:
    assert titles(seed.find(Query(text=words))) == expected


@pytest.mark.parametrize(("query", "expected"), [
    (Query(city="朝日丘町"), [(SUMMARY, n) for n in range(1, 6)]),
    (Query(city="白鳥台市", year="R3"), [(SHEET, n) for n in range(1, 4)]),
    (Query(year="R3"), [(SHEET, n) for n in range(1, 4)]),
    (Query(city="白鳥台市", year="R2"), []),
    (Query(city="糸島市"), [(SEED.name, 4)]),  # a co-applicant city finds the project its lead city filed
    (Query(city="朝日丘町", text="子育て"), [(SUMMARY, 2)]),
    (Query(text="子育て"), [(SHEET, 2), (SUMMARY, 2)]),
])
def test_city_and_year_filters(mixed: Catalog, query: Query, expected: list[tuple[str, int]]) -> None:
    assert where(mixed.find(query)) == expected


def test_achievement_filter_follows_the_kpis_achieved_flags(mixed: Catalog) -> None:
    assert where(mixed.find(Query(achievement=ALL_MET))) == [(SUMMARY, 4)]  # its one KPI met
    # 待機児童数 (lower is better, direction not printed) stays undecided beside a met KPI
    assert where(mixed.find(Query(achievement=UNDECIDED))) == [(SUMMARY, 2)]
    assert len(mixed.find(Query(achievement=SOME_MISSED))) == 12 - 2
    assert mixed.find(Query(achievement=NO_KPIS)) == []
    assert where(mixed.find(Query(city="朝日丘町", achievement=SOME_MISSED))) == [(SUMMARY, n) for n in (1, 3, 5)]
    every = [mixed.find(Query(achievement=a)) for a in (ALL_MET, UNDECIDED, SOME_MISSED, NO_KPIS)]
    assert sorted(where([p for ps in every for p in ps])) == sorted(where(mixed.find(Query())))  # one status each


def kpi(achieved: bool | None) -> Kpi:
    return Kpi("a.txt", 1, "指標", "人", 10, 5, 50.0, "R2", False, achieved, None, 1)


@pytest.mark.parametrize(("flags", "status", "label"), [
    ([], NO_KPIS, "KPIなし"),
    ([True], ALL_MET, "すべて達成（達成1/1件）"),
    ([True, True, True], ALL_MET, "すべて達成（達成3/3件）"),
    ([True, None], UNDECIDED, "判定できないKPIあり（達成1/2件）"),
    ([None], UNDECIDED, "判定できないKPIあり（達成0/1件）"),
    ([True, False, None], SOME_MISSED, "未達成あり（達成1/3件）"),
    ([False], SOME_MISSED, "未達成あり（達成0/1件）"),
])
def test_tally_status_and_label(flags: list[bool | None], status: str, label: str) -> None:
    t = tally(kpi(f) for f in flags)
    assert (t.status, t.label()) == (status, label)
    assert t == Tally(flags.count(True), flags.count(False), flags.count(None))


# --- rows, keys, cards -----------------------------------------------------------------------------------------------


def test_row_has_the_table_columns(seed: Catalog, seed_index: Assistant) -> None:
    row = dict(zip(TABLE_COLUMNS, seed.row(seed_index.projects[0]), strict=True))
    assert row == {"市町村": "福岡市", "年度": "R2", "No": 1, "事業名": "エンジニアフレンドリーシティ福岡の推進",
                   "担当部署": "経済観光文化局創業・立地推進部 新産業振興課", "事業期間": "令和元年度〜令和3年度",
                   "交付対象事業経費": "R2: 67,055 / R3: 81,801", "KPI達成": "未達成あり（達成2/4件）", "頁": 1}


def test_project_keys_round_trip(mixed: Catalog) -> None:
    for p in mixed.projects:
        assert mixed.project(project_key(p)) is p
    for bad in (None, "", "x", f"{SHEET}#", f"{SHEET}#x", f"{SHEET}#9", "nosuch.txt#1"):
        assert mixed.project(bad) is None


def test_card_of_a_section_form_project(seed: Catalog) -> None:
    p = seed.project(f"{SEED.name}#2")
    assert p is not None
    card = seed.card(p)
    lines = card.splitlines()
    assert lines[0] == f"### {AI}"
    for row in ("| 市町村 | 福岡市 |", r"| 資料 | fukuoka-city\_R2\_chihou-sousei-koufukin.txt（令和2年度） |",
                "| 担当部署 | 経済観光文化局創業・立地推進部 新産業振興課 |", "| 事業期間 | 令和2年度〜令和4年度 |",
                "| 交付金 | 地方創生推進交付金事業（横展開タイプ） |",
                "| 交付対象事業経費 | 令和2年度 5,673 / 令和3年度 5,673（単位の記載なし） |",
                "**KPI 4件**: 達成0・未達成3・判定できない1",
                "| 指標 | 目標 | 実績 | 達成率 | 評価 |",  # one fiscal year: no year column
                "| 研修修了者数 | 90人 | 87人 | 96.7% | 未達成 |",
                "| 本事業への参加後、AI関連業務に従事した人の割合 | 10% | - | - | 判定不可 |",
                rf"出典: fukuoka-city\_R2\_chihou-sousei-koufukin.txt / 事業2 {AI} / 2ページ"):
        assert row in lines, row
    activities = [line for line in lines if line.startswith("- ")]
    assert len(activities) == len(p.activities) == 3
    assert all(len(line) < 120 for line in activities)  # the opening words only
    assert "事業の評価" not in card and "今後の方針" not in card  # the seed report prints neither


def test_card_of_a_sheet_project_has_years_planned_budget_and_verdicts(mixed: Catalog) -> None:
    card = mixed.card(mixed.project(f"{SHEET}#2"))
    lines = card.splitlines()
    assert "| 交付対象事業経費 | 令和2年度 8,400 / 令和3年度 8,400 / 令和4年度 7,800（予定）（千円） |" in lines
    assert "| 指標 | 年度 | 目標 | 実績 | 達成率 | 評価 |" in lines  # KPIs over three fiscal years
    assert "| 相談受付から支援開始までの平均待ち日数 | 令和3年度 | 18日 | 17日 | 105.9% | 達成（低いほど良い） |" in lines
    assert "| 子育て相談窓口の利用者数 | 令和4年度 | 2,000人 | - | - | 未報告（目標のみ） |" in lines
    assert "**事業の評価**: 地方創生に非常に効果的であった" in lines
    assert "**今後の方針**: 事業の継続" in lines
    assert "**主な取組**" not in card  # none printed
    assert lines[-1].endswith("/ 2ページ")


def test_card_of_a_summary_table_project_marks_computed_rates_and_missing_facts(mixed: Catalog) -> None:
    lines = mixed.card(mixed.project(f"{SUMMARY}#2")).splitlines()
    assert "| 担当部署 | - |" in lines and "| 事業期間 | - |" in lines  # the summary table prints neither
    assert "| 交付金 | 地方創生推進交付金 |" in lines
    # no rate printed and its direction unknown: no rate of ours either (実績÷目標 or 目標÷実績 would be a guess)
    assert any(x.startswith("| 待機児童数 | 10人 | 8人 |") and "判定不可" in x and "80.0%" not in x for x in lines)


def test_card_without_kpis_or_budget(seed: Catalog) -> None:
    p = replace(seed.projects[0], budget=(), activities=(), department=None)
    lines = card_markdown(p, None, []).splitlines()
    assert "| 交付対象事業経費 | 記載なし |" in lines and "| 担当部署 | - |" in lines
    assert "**KPI**: 資料に記載がありません" in lines
    assert "| 資料 | fukuoka-city\\_R2\\_chihou-sousei-koufukin.txt |" in lines  # no report record: no year


@pytest.mark.parametrize(("text", "shown"), [
    ("A|B", r"A\|B"),
    ("*強調* と _下線_", r"\*強調\* と \_下線\_"),
    ("一行目\n二行目", "一行目 二行目"),
    ("<b>太字</b>", r"\<b\>太字\</b\>"),
    (None, "-"),
    ("", "-"),
])
def test_cell_keeps_a_value_inside_its_table_cell(text: str | None, shown: str) -> None:
    assert cell(text) == shown


# --- which answers get a card ------------------------------------------------------------------------------------


def test_answer_project_needs_exactly_one_project_and_no_kpi_rows(seed: Catalog, seed_index: Assistant) -> None:
    p1, p2 = seed_index.projects[:2]
    cite = Citation(p1.report, p1.no, p1.title, p1.page)
    assert seed.answer_project(Answer("q", "t", "purpose", (cite,), projects=(p1,))) is p1
    assert seed.answer_project(Answer("q", "t", "detail", (cite,))) is p1  # cites one project
    assert seed.answer_project(Answer("q", "t", "grant", (cite,), projects=(p1, p2))) is None
    assert seed.answer_project(Answer("q", "t", "kpi_value", (cite,), kpis=(seed_index.kpis[0],))) is None
    assert seed.answer_project(Answer("q", "t", "out_of_scope", (), projects=(p1,), found=False)) is None
    assert seed.answer_project(Answer("q", "t", "smalltalk")) is None


@pytest.mark.parametrize(("question", "title"), [
    ("AIエンジニア支援事業の目的は？", AI),
    ("外国人材の受入・共生事業の事業期間は？", "外国人材の受入・共生事業"),
    ("AIエンジニア支援事業の予算は？", AI),
    ("留学生に関する事業は？", "外国人材の受入・共生事業"),
    ("エンジニアからの相談対応件数はどうだった？", None),  # a KPI answer: its own table and chart
    ("交付金の種類は？", None),  # every project
    ("東京都の待機児童数は？", None),  # not found
])
def test_real_answers_that_get_a_card(seed: Catalog, seed_index: Assistant, question: str, title: str | None) -> None:
    p = seed.answer_project(seed_index.answer(question))
    assert (p.title if p else None) == title
