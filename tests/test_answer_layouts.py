"""Answers over reports read by the layout readers (summary table PDFs, 効果検証シート PDFs): KPI trends over fiscal
years, a future year's target, 基準値, 事業の評価 / 今後の方針 / 事業の成果, computed achievement rates and budgets in
their printed unit. Expected values come from each fixture's .truth.json, never from the answer itself."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from assistant.api import Assistant
from assistant.config import Config
from assistant.format import fmt_num, kpi_value
from assistant.records import Answer, Kpi
from assistant.series import build_series
from assistant.verdicts import named_values
from tests.conftest import FIXTURES

LAYOUTS = FIXTURES / "layouts"
FILES = ("summary_asahigaoka-town.pdf", "sheet_shiratoridai-city.pdf", "summary_kawanami-town_yen.pdf")
NOT_FOUND = "資料に記載が見つかりません"


def _truth(name: str) -> dict:
    return json.loads((LAYOUTS / name).with_suffix(".truth.json").read_text(encoding="utf-8"))


TRUTH = {name: _truth(name) for name in FILES}


def truth_projects(field: str, contains: str) -> set[tuple[str, int]]:
    return {(name, p["no"]) for name, t in TRUTH.items() for p in t["projects"]
            if p[field] and contains in p[field]}


def truth_kpis(name: str) -> list[dict]:
    return sorted((k for t in TRUTH.values() for k in t["kpis"] if k["name"] == name), key=lambda k: k["fiscal_year"])


@pytest.fixture(scope="module")
def assistant(tmp_path_factory) -> Assistant:
    corpus = tmp_path_factory.mktemp("layout-corpus")
    for name in FILES:
        shutil.copy(LAYOUTS / name, corpus / name)
    return Assistant.open(Config.from_env(corpus=corpus, index=tmp_path_factory.mktemp("layout-index"),
                                          embedder="fake-hash-64"))


def ask(a: Assistant, *turns: str) -> Answer:
    history: list[Answer] = []
    for q in turns:
        history.append(a.answer(q, history))
    return history[-1]


_YEARS = re.compile(r"(令和|平成|昭和)(\d+|元)年度?|[RH]\d+(\.\d+)?|事業\d+|\d+ページ")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def numbers_supported(ans: Answer) -> list[str]:
    """Numbers in the answer's body that no record it carries (KPIs, projects) prints; [] when all are backed.
    Years, page numbers and the 100% mark of the lower-is-better explanation are not values."""
    body = ans.text.split("**出典**")[0]
    body = _YEARS.sub(" ", body).replace("100%", " ")
    allowed: set[str] = set()
    for k in ans.kpis:
        for slot in range(3):
            if (v := kpi_value(k, slot)) is not None:
                allowed |= set(_NUMBER.findall(v))
        if k.baseline is not None:
            allowed.add(fmt_num(k.baseline))
    for p in ans.projects:
        allowed |= {fmt_num(v) for _, v in p.budget if v is not None}
        for text in (p.outcome, p.evaluation, p.policy, p.title):
            allowed |= set(_NUMBER.findall(text or ""))
    for h in ans.hits:
        allowed |= set(_NUMBER.findall(h.chunk.text))
    counts = re.findall(r"(\d+)(件|指標)", body)  # how many records matched: counted, not read
    allowed |= {n for n, _ in counts}
    return [n for n in _NUMBER.findall(body) if n not in allowed]


# ---------------------------------------------------------------- 1. trend over fiscal years
@pytest.mark.parametrize(("question", "kpi"), [
    ("中心市街地の歩行者通行量の推移は？", "中心市街地の歩行者通行量"),
    ("中心市街地の歩行者通行量は年度ごとにどうなった？", "中心市街地の歩行者通行量"),
    ("中心市街地の歩行者通行量の経年変化", "中心市街地の歩行者通行量"),
    ("子育て相談窓口の利用者数の推移は？", "子育て相談窓口の利用者数"),
    ("空き家バンク成約件数は年度ごとにどうなった？", "空き家バンク成約件数"),
])
def test_trend_lists_every_year_in_order(assistant: Assistant, question: str, kpi: str) -> None:
    ans = ask(assistant, question)
    truth = truth_kpis(kpi)
    assert ans.intent == "kpi_trend" and ans.found
    assert [k.fiscal_year for k in ans.kpis] == [k["fiscal_year"] for k in truth]  # year order, for the chart
    assert {k.name for k in ans.kpis} == {kpi}
    positions = []
    for k in truth:
        year = f"令和{k['fiscal_year'][1:]}年度"
        row = next(line for line in ans.text.splitlines() if line.startswith(f"- {year}"))
        positions.append(ans.text.index(row))
        assert fmt_num(k["target"]) in row
        if k["actual"] is None:
            assert "未公表" in row and "達成率" not in row  # a future year: the target only
        else:
            assert fmt_num(k["actual"]) in row and f"{k['rate']:.1f}%" in row
    assert positions == sorted(positions)
    assert {(c.report, c.page) for c in ans.citations} >= {(k.report, k.page) for k in ans.kpis}
    assert numbers_supported(ans) == []


def test_trend_of_a_single_year_kpi_says_so(assistant: Assistant) -> None:
    ans = ask(assistant, "観光入込客数の推移は？")
    assert ans.intent == "kpi_trend" and [k.fiscal_year for k in ans.kpis] == ["R2"]
    assert "令和2年度の値のみ" in ans.text and "85.3%（計算値）" in ans.text


@pytest.mark.parametrize(("turns", "kpi", "latest"), [
    (["中心市街地の歩行者通行量は？"], "中心市街地の歩行者通行量", "R3"),
    (["空き家バンク成約件数の実績は？"], "空き家バンク成約件数", "R3"),
    (["移住者アンケートにおける満足度は？"], "移住者アンケートにおける満足度", "R2"),  # R3 is 集計中: no actual
])
def test_plain_question_answers_the_latest_year_with_an_actual(assistant: Assistant, turns, kpi, latest) -> None:
    ans = ask(assistant, *turns)
    truth = {k["fiscal_year"]: k for k in truth_kpis(kpi)}
    assert ans.intent == "kpi_value" and [(k.name, k.fiscal_year) for k in ans.kpis] == [(kpi, latest)]
    assert fmt_num(truth[latest]["actual"]) in ans.text
    assert "令和2年度・令和3年度・令和4年度の値が資料にあります" in ans.text
    assert numbers_supported(ans) == []


def test_trend_follow_up_and_project_trend(assistant: Assistant) -> None:
    ans = ask(assistant, "中心市街地の歩行者通行量は？", "推移は？")
    assert ans.intent == "kpi_trend" and [k.fiscal_year for k in ans.kpis] == ["R2", "R3", "R4"]
    ans = ask(assistant, "子育て相談ワンストップ窓口整備事業のKPIの推移は？")
    assert ans.intent == "kpi_trend"
    assert [(k.name, k.fiscal_year) for k in ans.kpis] == [
        (k["name"], k["fiscal_year"]) for name in ("相談受付から支援開始までの平均待ち日数", "子育て相談窓口の利用者数")
        for k in truth_kpis(name)]


# ---------------------------------------------------------------- 2. a future year's target
@pytest.mark.parametrize(("turns", "kpi"), [
    (["中心市街地の歩行者通行量の令和4年度の目標は？"], "中心市街地の歩行者通行量"),
    (["中心市街地の歩行者通行量は？", "令和4年度の目標は？"], "中心市街地の歩行者通行量"),
    (["子育て相談窓口の利用者数の令和4年度の目標は？"], "子育て相談窓口の利用者数"),
    (["空き家バンク成約件数の推移は？", "令和4年度の目標は？"], "空き家バンク成約件数"),
])
def test_future_year_target(assistant: Assistant, turns, kpi) -> None:
    ans = ask(assistant, *turns)
    r4 = next(k for k in truth_kpis(kpi) if k["fiscal_year"] == "R4")
    assert ans.found and [(k.name, k.fiscal_year) for k in ans.kpis] == [(kpi, "R4")]
    assert f"目標は{fmt_num(r4['target'])}" in ans.text and "未公表" in ans.text
    assert "達成しました" not in ans.text and "届きませんでした" not in ans.text
    assert numbers_supported(ans) == []


# ---------------------------------------------------------------- 3. 事業の評価 / 今後の方針 / 事業の成果
@pytest.mark.parametrize(("turns", "intent", "facts", "page"), [
    (["子育て相談ワンストップ窓口整備事業の評価は？"], "evaluation", ["地方創生に非常に効果的であった"], 2),
    (["子育て相談ワンストップ窓口整備事業の評価は？", "今後の方針は？"], "policy", ["事業の継続"], 2),
    (["移住定住促進のための空き家バンク活用事業の今後の方針は？"], "policy", ["事業内容の見直し(改善)"], 3),
    (["移住定住促進のための空き家バンク活用事業の成果は？"], "outcome", ["登録物件数は令和3年度末で48件"], 3),
    (["白鳥台市中心市街地にぎわい再生プロジェクトの事業の成果は？"], "outcome", ["週末マルシェ(年間24回)"], 1),
])
def test_verdict_of_a_project(assistant: Assistant, turns, intent, facts, page) -> None:
    ans = ask(assistant, *turns)
    assert ans.intent == intent and ans.found
    for f in facts:
        assert f in ans.text, (f, ans.text)
    assert ans.citations and all(c.page == page for c in ans.citations)
    assert numbers_supported(ans) == []


@pytest.mark.parametrize(("question", "intent", "field", "value"), [
    ("事業の継続になった事業は？", "policy_list", "policy", "事業の継続"),
    ("見直しになった事業は？", "policy_list", "policy", "見直し"),
    ("今後の方針が見直しの事業はどれ？", "policy_list", "policy", "見直し"),
    ("地方創生に効果がなかった事業は？", "evaluation_list", "evaluation", "効果がなかった"),
    ("地方創生に非常に効果的であった事業は？", "evaluation_list", "evaluation", "非常に効果的であった"),
])
def test_projects_by_printed_verdict(assistant: Assistant, question, intent, field, value) -> None:
    ans = ask(assistant, question)
    assert ans.intent == intent and ans.found
    assert {(p.report, p.no) for p in ans.projects} == truth_projects(field, value)
    assert f"{len(truth_projects(field, value))}件" in ans.text
    assert {(c.report, c.project_no) for c in ans.citations} == truth_projects(field, value)


def test_every_projects_evaluation_and_an_absent_policy(assistant: Assistant) -> None:
    ans = ask(assistant, "事業の評価は？")
    assert ans.intent == "evaluation_list" and len(ans.projects) == sum(len(t["projects"]) for t in TRUTH.values())
    ans = ask(assistant, "廃止になった事業は？")
    assert not ans.found and "事業の継続" in ans.text  # says which 方針 the reports do give


# ---------------------------------------------------------------- 4. baseline
@pytest.mark.parametrize(("turns", "kpi", "expected"), [
    (["中心市街地の歩行者通行量の基準値は？"], "中心市街地の歩行者通行量", "8,200人/日"),
    (["平均待ち日数の基準値は？"], "相談受付から支援開始までの平均待ち日数", "30日"),
    (["子育て相談窓口の利用者数は？", "基準値は？"], "子育て相談窓口の利用者数", "1,200人"),
    (["観光入込客数の基準値は？"], "観光入込客数", "資料に記載がありません"),
])
def test_baseline(assistant: Assistant, turns, kpi, expected) -> None:
    ans = ask(assistant, *turns)
    assert ans.intent == "kpi_baseline" and {k.name for k in ans.kpis} == {kpi}
    assert f"基準値は{expected}" in ans.text
    assert numbers_supported(ans) == []


# ---------------------------------------------------------------- 5. achievement where no rate is printed
@pytest.mark.parametrize(("question", "kpi", "facts", "absent"), [
    ("観光入込客数は目標に届いた？", "観光入込客数",
     ["298,412人", "350,000人", "85.3%（計算値）", "実績÷目標", "資料に達成率の記載がない", "高いほど良い", "未達成"], []),
    ("移住相談件数は目標を達成した？", "移住相談件数", ["146件", "121.7%（計算値）", "高いほど良い", "（達成）"], []),
    ("外国人宿泊者数の実績は？", "外国人宿泊者数", ["1,240人", "24.8%（計算値）"], []),
    # no rate printed and a name that may be lower-is-better: 実績÷目標 and 目標÷実績 are both guesses — none shown
    ("待機児童数は目標に届いた？", "待機児童数", ["8人", "10人", "計算していません", "判断できません"],
     ["80.0%", "125.0%", "（達成）", "（未達成）", "達成しました", "届きませんでした"]),
    ("救急搬送時の医療機関への平均照会時間は目標を達成した？", "救急搬送時の医療機関への平均照会時間",
     ["判断できません", "計算していません"], ["（計算値）", "（達成）", "（未達成）", "達成しました", "届きませんでした"]),
])
def test_computed_rate_is_marked_and_explained(assistant: Assistant, question, kpi, facts, absent) -> None:
    ans = ask(assistant, question)
    assert ans.found and [k.name for k in ans.kpis] == [kpi]
    for f in facts:
        assert f in ans.text, (f, ans.text)
    for f in absent:
        assert f not in ans.text, (f, ans.text)
    assert numbers_supported(ans) == []


@pytest.mark.parametrize("question", ["KPIの達成状況を教えて", "達成率が80%未満のKPIは？", "目標を達成したKPIは？",
                                      "一番達成率が低いKPIは？", "朝日丘町のKPIは？"])
def test_a_computed_rate_is_never_shown_as_printed(assistant: Assistant, question: str) -> None:
    ans = ask(assistant, question)
    body = ans.text.split("**出典**")[0]
    computed = [k for k in ans.kpis if k.rate_source == "computed"]
    assert ans.found and computed
    rows = [line for line in body.splitlines() if line.startswith(("- 「", "「"))]
    for k in ans.kpis:
        mine = [row for row in rows if row.lstrip("- ").startswith(f"「{k.name}」")]
        if k.rate_source == "computed" and "direction_unknown" in k.flags:  # a guess either way: not shown
            assert mine and all(f"{k.rate:.1f}%" not in row for row in mine), (k.name, mine)
        elif k.rate_source == "computed":
            assert mine and all(f"{k.rate:.1f}%（計算値）" in row for row in mine), (k.name, mine)
        elif k.rate is not None:
            assert mine and not any("計算値" in row for row in mine), (k.name, mine)
    assert "実績÷目標" in body


def test_kpi_value_marks_computed_rates() -> None:
    printed = Kpi("r", 1, "x", "人", 100, 90, 90.0, "R2", False, False, None, 1, printed=("100", "90", "90.0%"),
                  rate_source="printed")
    computed = Kpi("r", 1, "x", "人", 100, 90, 90.0, "R2", None, False, None, 1, ("direction_assumed_higher",),
                   printed=("100", "90", ""), rate_source="computed")
    assert kpi_value(printed, 2) == "90.0%" and kpi_value(computed, 2) == "90.0%（計算値）"


# ---------------------------------------------------------------- 6. budgets: printed unit, planned years
@pytest.mark.parametrize(("question", "facts", "absent"), [
    ("白鳥台市中心市街地にぎわい再生プロジェクトの予算は？", ["12,000千円", "11,500千円", "10,000千円（予定）"],
     ["11,500千円（予定）", "12,000千円（予定）"]),
    ("子育て相談ワンストップ窓口整備事業の令和4年度の事業費は？", ["7,800千円（予定）"], []),
    ("川波町創業支援ネットワーク構築事業の予算は？", ["6,480,000円"], ["千円"]),
    ("朝日丘町多世代交流拠点施設整備事業の予算は？", ["45,000千円"], []),
    # 45,000千円 (45,000,000円) outranks 22,110,000円: amounts in different units are compared in yen
    ("一番予算が大きい事業は？", ["朝日丘町多世代交流拠点施設整備事業", "45,000千円", "22,110,000円"], []),
    # 千円 and 円 projects added only after converting to one unit (円: not every 円 amount is whole thousands)
    ("令和3年度の予算の合計は？", ["円に換算して合計しています", "11,500千円 = 11,500,000円"], []),
])
def test_budget_unit_and_planned_years(assistant: Assistant, question, facts, absent) -> None:
    ans = ask(assistant, question)
    assert ans.intent.startswith("budget") and ans.found
    for f in facts:
        assert f in ans.text, (f, ans.text)
    for f in absent:
        assert f not in ans.text, (f, ans.text)


# ---------------------------------------------------------------- pure helpers
def test_named_values_pick_the_value_the_question_names() -> None:
    policies = ["事業の継続", "事業内容の見直し(改善)", "事業の継続"]
    assert named_values("見直しになった事業は？", policies) == ["事業内容の見直し(改善)"]
    assert named_values("事業の継続になった事業は？", policies) == ["事業の継続"]
    assert named_values("今後の方針は？", policies) == []  # 「事業」 is shared by every value: names none
    evals = ["地方創生に効果があった", "地方創生に非常に効果的であった", "地方創生に相当程度効果があった", "地方創生に効果がなかった"]
    assert named_values("効果がなかった事業", evals) == ["地方創生に効果がなかった"]
    assert set(named_values("効果があった事業", evals)) == {"地方創生に効果があった", "地方創生に相当程度効果があった"}


def test_series_group_years_in_order_and_keep_same_named_rows_apart() -> None:
    def k(name: str, fy: str | None, actual: int | None = 1) -> Kpi:
        return Kpi("r.pdf", 1, name, "人", 10, actual, None, fy, None, None, None, 1)

    rows = [k("A", "R4", None), k("A", "R2"), k("A", "R3"), k("B", None), k("B", None)]
    series, key_of = build_series(rows, {}, {})
    assert [x.fiscal_year for x in series[key_of[id(rows[0])]]] == ["R2", "R3", "R4"]
    assert key_of[id(rows[3])] != key_of[id(rows[4])]  # two rows printed under one name, no year: two KPIs


def test_a_cue_word_inside_the_named_title_asks_nothing(assistant):
    # 「…と連携したふるさと学習の事業」: 連携した is the title's, not a question about partners
    ans = ask(assistant, "川波町のGIGAスクール構想と連携したふるさと学習の事業、目標未達の指標は？")
    project = next(p for p in TRUTH["summary_kawanami-town_yen.pdf"]["projects"] if "ふるさと学習" in p["title"])
    missed = [k["name"] for k in TRUTH["summary_kawanami-town_yen.pdf"]["kpis"]
              if k["project_no"] == project["no"] and k["actual"] is not None and k["actual"] < k["target"]]
    assert ans.intent == "kpi_filter" and missed and all(name in ans.text for name in missed)


def test_a_kpi_list_filtered_by_its_projects_policy(assistant):
    # 「その中で、今後の方針が見直しの事業のものは？」: the listed KPIs whose project's printed policy is the one named
    truth = TRUTH["sheet_shiratoridai-city.pdf"]
    review = {p["no"] for p in truth["projects"] if "見直し" in (p.get("policy") or "")}
    first = ask(assistant, "白鳥台市のKPIで目標を達成しなかったものは？")
    ans = ask(assistant, "白鳥台市のKPIで目標を達成しなかったものは？", "その中で、今後の方針が見直しの事業のものは？")
    assert ans.intent == "kpi_filter" and ans.kpis and len(ans.kpis) < len(first.kpis)
    assert all(k.project_no in review for k in ans.kpis)
