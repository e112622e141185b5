"""Reports of the same family written by us, different from the seed: another town and year, R3 and H30 columns,
circled numbers past ④, other displacements, full-width digits, lower-is-better KPIs, a CP932 file, form feeds,
a project spread over two pages — read into records, and answered like the seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.api import Assistant
from assistant.config import Config
from assistant.corpus import read_corpus

# A 町 with a co-applicant, R3, budget in 千円, projects ⑤–⑦; values in full-width digits; on page 2 the actual and
# the rate of one KPI sit above the KPI line and the header is the last line; page 3 opens with a lone rate that
# belongs to its own lower-is-better KPI.
TOWN_R3 = """令和３年度地方創生関連交付金事業の実施状況
 海辺町
産業振興課

事業期間 R3n-R5n

⑤海辺の観光ＤＸ推進事業

海辺町交付対象事業経費（千円）

目
的

　観光客の回遊データを活用し、滞在時間の延長と観光消費額の増加を図る。

３年度 12,500

４年度 10,000

【地方創生推進交付金事業（先駆タイプ）】

１　観光アプリの開発
　・町内の観光スポットを巡るスタンプラリー機能を備えたアプリを開発した。
　・アプリのダウンロード数は令和３年１２月末時点で３，２００件。

２　観光ガイド育成
　・地域の高校生を対象にデジタル観光ガイド講座を全６回開催した。

ＫＰＩ 観光消費額（百万円） ８５０ ９１２ １０７．２％

ＫＰＩ 観光アプリ利用者数（人） ５，０００ ３，２００ ６４．０％

指標内容 R3n目標 R3n実績 達成率

補足 「観光アプリ利用者数」は令和３年１２月末時点の値。
 ⑥子育て世代の移住促進事業

海辺町（代表）、山川村 子育て支援課 事業期間 R2n-R4n
2,150
86.0%

海辺町交付対象事業経費（千円）

目
的

　子育て世代の移住を促し、人口の社会増を図る。

３年度 4,800

４年度 －

【地方創生推進交付金事業（横展開タイプ）】

１　お試し移住住宅の運営
　・空き家を改修したお試し移住住宅を２棟運営し、延べ４１世帯が利用した。

ＫＰＩ 移住相談件数（件） 2,500

ＫＰＩ 移住世帯数（世帯） 30 33 110.0%

指標内容 R3n目標 R3n実績 達成率
 125.0%

⑦待機児童ゼロ推進事業

海辺町交付対象事業経費（千円）

目
的

　保育の受け皿を整え、待機児童を解消する。

３年度 6,300

４年度 6,300

【地方創生推進交付金事業（横展開タイプ）】

１　小規模保育所の開設支援
　・小規模保育所２か所の開設を支援した。

ＫＰＩ 待機児童数（人） 10 8

ＫＰＩ 保育士確保数（人） 12 － －

指標内容 R3n目標 R3n実績 達成率

補足 「保育士確保数」はR4nに集計予定。

海辺町 こども未来課 事業期間 R3n-R5n
"""

# An H30 report with form-feed page breaks and one project that runs over two pages.
CITY_H30 = ("平成３０年度地方創生関連交付金事業の実施状況\n北山市\n"
            "北山市 商工観光課 事業期間 H29n-H31n\n①北山ブランド創出事業\n\n目的 地域産品のブランド化により販路を拡大する。\n\n"
            "３０年度 20,000\n\n【地方創生推進交付金事業（横展開タイプ）】\n\n"
            "１　ブランド認証制度の創設\n　・北山ブランド認証を創設し、１８品目を認証した。\n"
            "\f２　首都圏での販路開拓\n　・首都圏の百貨店で物産展を３回開催した。\n\n"
            "ＫＰＩ 認証品目数（品目） 15 18 120.0%\n\nＫＰＩ 新規取引件数（件） 40 28 70.0%\n\n"
            "指標内容 H30n目標 H30n実績 達成率\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("family")
    (d / "umibe-town_R3.txt").write_bytes(TOWN_R3.encode("cp932"))  # municipal text files are often CP932
    (d / "kitayama-city_H30.txt").write_text(CITY_H30, encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def parsed(corpus: Path):
    c = read_corpus(corpus)
    return {r.report.report: r for r in c.reports}, c.problems


def test_town_report_header(parsed) -> None:
    town = parsed[0]["umibe-town_R3.txt"]
    r = town.report
    assert (r.city, r.fiscal_year, r.western_year, r.encoding, r.pages) == ("海辺町", "R3", 2021, "cp932", 3)
    assert [p.no for p in town.projects] == [5, 6, 7]


def test_town_projects(parsed) -> None:
    p5, p6, p7 = parsed[0]["umibe-town_R3.txt"].projects
    assert (p5.title, p5.cities, p5.department, p5.period) == (
        "海辺の観光DX推進事業", ("海辺町",), "産業振興課", "令和3年度〜令和5年度")
    assert p5.budget_dict() == {"R3": 12500, "R4": 10000} and p5.budget_unit == "千円"
    assert (p5.grant_type, p5.page) == ("先駆タイプ", 1)
    assert p5.purpose == "観光客の回遊データを活用し、滞在時間の延長と観光消費額の増加を図る。"
    assert [a.title for a in p5.activities] == ["観光アプリの開発", "観光ガイド育成"]
    assert (p6.cities, p6.department, p6.period_raw) == (("海辺町（代表）", "山川村"), "子育て支援課", "R2n-R4n")
    assert p6.budget_dict() == {"R3": 4800, "R4": None} and p6.page == 2
    assert (p7.department, p7.period, p7.page) == ("こども未来課", "令和3年度〜令和5年度", 3)


def test_town_kpis(parsed) -> None:
    kpis = {k.name: k for k in parsed[0]["umibe-town_R3.txt"].kpis}
    rows = {n: (k.project_no, k.unit, k.target, k.actual, k.rate, k.lower_is_better, k.achieved, k.page)
            for n, k in kpis.items()}
    assert rows == {
        "観光消費額": (5, "百万円", 850, 912, 107.2, False, True, 1),
        "観光アプリ利用者数": (5, "人", 5000, 3200, 64.0, False, False, 1),
        "移住相談件数": (6, "件", 2500, 2150, 86.0, False, False, 2),  # actual and rate above the KPI line
        "移住世帯数": (6, "世帯", 30, 33, 110.0, False, True, 2),
        "待機児童数": (7, "人", 10, 8, 125.0, True, True, 3),  # lower is better; rate alone at the page top
        "保育士確保数": (7, "人", 12, None, None, None, None, 3),
    }
    assert all(k.fiscal_year == "R3" for k in kpis.values())
    assert "value_displaced" in kpis["移住相談件数"].flags and "value_displaced" in kpis["待機児童数"].flags
    assert kpis["観光アプリ利用者数"].note == "「観光アプリ利用者数」は令和3年12月末時点の値。"
    assert kpis["保育士確保数"].note == "「保育士確保数」はR4nに集計予定。"


def test_h30_report_with_form_feeds(parsed) -> None:
    city = parsed[0]["kitayama-city_H30.txt"]
    assert (city.report.city, city.report.fiscal_year, city.report.western_year) == ("北山市", "H30", 2018)
    (p,) = city.projects
    assert (p.period, p.pages, p.budget_dict()) == ("平成29年度〜平成31年度", (1, 2), {"H30": 20000})
    assert p.purpose == "地域産品のブランド化により販路を拡大する。"
    assert [(a.no, a.page) for a in p.activities] == [(1, 1), (2, 2)]
    assert [(k.name, k.target, k.actual, k.rate, k.fiscal_year, k.page) for k in city.kpis] == [
        ("認証品目数", 15, 18, 120.0, "H30", 2), ("新規取引件数", 40, 28, 70.0, "H30", 2)]
    assert parsed[1] == ()  # nothing left unexplained in either report


@pytest.fixture(scope="module")
def assistant(corpus: Path, tmp_path_factory) -> Assistant:
    return Assistant.open(Config(corpus, tmp_path_factory.mktemp("family-index"), "fake-hash-64"))


@pytest.mark.parametrize(("question", "facts"), [
    ("待機児童数はどうだった？", ["10人", "8人", "125.0%", "低いほど良い"]),
    ("移住相談件数の実績は？", ["2,500件", "2,150件", "86.0%", "未達成"]),
    ("観光DX推進事業の予算は？", ["12,500千円", "10,000千円"]),
    ("山川村と一緒にやっている事業は？", ["子育て世代の移住促進事業"]),
    ("達成率が一番低いKPIは？", ["観光アプリ利用者数", "64.0%"]),
    ("北山ブランド創出事業の事業期間は？", ["平成29年度", "平成31年度"]),
    ("物産展は何回開催した？", ["3回"]),
])
def test_answers_on_another_corpus(assistant: Assistant, question: str, facts: list[str]) -> None:
    ans = assistant.answer(question, [])
    for f in facts:
        assert f in ans.text, (f, ans.text)
    assert ans.found and ans.citations


def test_out_of_scope_on_another_corpus(assistant: Assistant) -> None:
    ans = assistant.answer("福岡市のエンジニアカフェの相談件数は？", [])
    assert "資料に記載が見つかりません" in ans.text and not ans.kpis
