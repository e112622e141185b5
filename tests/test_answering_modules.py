"""Each answer module on its own: a Turn read from a question (turn.start), handed straight to the module, with
the facts its answer must carry. The router is tested through the API in test_answer*.py; here a module that
breaks fails by its own name. Seed facts are checked against the report text, sheet facts against the fixture's
truth file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assistant.answering import (
    activities,
    budget,
    conversation,
    count,
    department,
    derived,
    evaluation,
    figures,
    kpi,
    kpi_list,
    passage,
    period,
    router,
    scope,
    smalltalk,
    topic,
    turn,
)
from assistant.answering.context import STRONG_KPI, Context, Turn
from assistant.api import Assistant
from assistant.compose import NOT_FOUND
from assistant.config import Config
from assistant.records import Answer
from assistant.retrieve import Filters

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"


def layouts_assistant(tmp_path_factory, *files: str) -> Assistant:
    """An assistant over some of the layout fixtures (the deterministic fake embedder: these tests read records)."""
    corpus = tmp_path_factory.mktemp("corpus")
    for name in files:
        shutil.copy(LAYOUTS / name, corpus)
    return Assistant.open(Config.from_env(corpus=corpus, index=tmp_path_factory.mktemp("index"),
                                          embedder="fake-hash-64"))


@pytest.fixture(scope="module")
def cx(seed_index: Assistant) -> Context:
    return seed_index.answerer.cx


@pytest.fixture(scope="module")
def sheet_cx(tmp_path_factory) -> Context:
    a = layouts_assistant(tmp_path_factory, "sheet_shiratoridai-city.pdf")
    return a.answerer.cx


def start(cx: Context, question: str, history: list[Answer] | None = None) -> Turn:
    t = turn.start(cx, question, list(history or []), Filters())
    assert isinstance(t, Turn), f"{question!r} was answered before routing: {getattr(t, 'text', t)}"
    return t


def titles(ans: Answer) -> list[str]:
    return [p.title for p in ans.projects]


# --------------------------------------------------------------------------- turn and scope
def test_turn_answers_small_talk_and_out_of_corpus_places_at_once(cx):
    hello = turn.start(cx, "こんにちは", [], Filters())
    assert isinstance(hello, Answer) and hello.intent == "smalltalk" and hello.found
    tokyo = turn.start(cx, "東京都の事業の予算は？", [], Filters())
    assert isinstance(tokyo, Answer) and not tokyo.found and NOT_FOUND in tokyo.text and "東京都" in tokyo.text


def test_turn_keeps_topic_words_and_drops_question_form_words(cx):
    t = start(cx, "赤煉瓦文化館の入館者数は？")
    assert t.hits and "入館" in "".join(t.terms)
    assert not any(w in t.terms for w in ("は", "？"))


def test_scope_names_a_project_by_its_title_words(cx):
    t = start(cx, "AIエンジニア支援事業の予算は？")
    assert t.explicit and [p.title for p in t.scope] == ["Society5.0を支えるAIエンジニア支援"]
    t = start(cx, "ラーメンの話")
    assert not t.explicit


def test_scope_carries_the_previous_answers_projects_into_a_follow_up(cx, seed_index):
    first = seed_index.answer("外国人材の受入・共生事業について教えて")
    t = start(cx, "その事業の期間は？", [first])
    assert [p.title for p in t.scope] == ["外国人材の受入・共生事業"]


def test_bare_years_resolve_against_the_corpus(cx):
    q = scope.bare_years(cx, start(cx, "2年度の予算は？").q)
    assert "R2" in q.years


# --------------------------------------------------------------------------- project facts
def test_budget_of_one_project_says_the_report_prints_no_unit(cx):
    t = start(cx, "AIエンジニア支援事業の予算は？")
    ans = budget.answer(cx, t, t.scope, ())
    assert ans.intent == "budget" and "令和2年度 5,673" in ans.text and ans.citations
    assert "単位は記載されていません" in ans.text and "千円" not in ans.text


def test_budget_rank_over_all_projects(cx):
    t = start(cx, "令和2年度の予算が一番大きい事業は？")
    ans = budget.answer(cx, t, cx.projects_allowed(t.filters), ("R2",))
    assert ans.intent == "budget_rank" and titles(ans)[0] == "アクティブシニアの生涯現役さきがけ事業"
    assert "81,939" in ans.text


def test_budget_for_a_year_the_reports_lack_is_refused(cx):
    t = start(cx, "AIエンジニア支援事業の予算は？")
    ans = budget.answer(cx, t, t.scope, ("H20",))
    assert not ans.found and NOT_FOUND in ans.text


def test_period(cx):
    t = start(cx, "アクティブシニアの事業はいつからいつまで？")
    ans = period.answer(cx, t, t.scope, ())
    assert ans.intent == "period" and "平成28年度" in ans.text and "令和2年度" in ans.text


def test_department_names_the_co_applicant(cx):
    t = start(cx, "生涯現役さきがけ事業の担当は？")
    ans = department.answer(cx, t, t.scope)
    assert "糸島市" in ans.text and "福岡市" in ans.text


def test_evaluation_and_policy_of_one_project_and_by_value(sheet_cx):
    truth = json.loads((LAYOUTS / "sheet_shiratoridai-city.truth.json").read_text(encoding="utf-8"))
    p0 = truth["projects"][0]
    t = start(sheet_cx, f"{p0['title']}の評価は？")
    ans = evaluation.answer(sheet_cx, t, ["evaluation"])
    assert ans.found and p0["evaluation"] in ans.text
    wanted = p0["policy"]
    t = start(sheet_cx, f"今後の方針が{wanted}の事業は？")
    ans = evaluation.answer(sheet_cx, t, ["policy"])
    expected = {p["title"] for p in truth["projects"] if p.get("policy") == wanted}
    assert set(titles(ans)) == expected


# --------------------------------------------------------------------------- KPIs
def test_kpi_candidates_put_the_named_kpi_first(cx):
    t = start(cx, "エンジニアからの相談対応件数はどうだった？")
    kp = kpi.candidates(cx, t)
    assert kp and kp[0][0] >= STRONG_KPI and "相談" in kp[0][1].name


def test_kpi_answer_gives_target_actual_and_rate(cx):
    t = start(cx, "エンジニアからの相談対応件数はどうだった？")
    ans = kpi.answer(cx, t, kpi.candidates(cx, t))
    assert ans.intent == "kpi_value"
    for fact in ("120件", "253件", "210.8%"):
        assert fact in ans.text


def test_kpi_trend_of_a_one_year_kpi_says_so(cx):
    t = start(cx, "研修修了者数の推移は？")
    key = cx.series_of[id(kpi.candidates(cx, t)[0][1])]
    ans = kpi.trend(cx, t, [key])
    assert ans.intent == "kpi_trend" and "のみが記載されています" in ans.text


def test_kpi_list_filters_by_rate(cx):
    t = start(cx, "達成率が50%未満のKPIは？")
    assert kpi_list.applies(cx, t, kpi.candidates(cx, t), {})
    ans = kpi_list.answer(cx, t, {})
    assert ans.intent == "kpi_filter" and "33.3%" in ans.text and "48.0%" in ans.text
    assert all(k.rate is not None and k.rate < 50 for k in ans.kpis)


def test_count_of_projects(cx):
    t = start(cx, "事業は何件？")
    ans = count.answer(cx, t)
    assert f"{len(cx.records.projects)}件" in ans.text


# --------------------------------------------------------------------------- topics, activities, passages
def test_topic_lists_the_projects_on_it(cx):
    t = start(cx, "AIに関係する事業は？")
    ans = topic.answer(cx, t)
    assert "Society5.0を支えるAIエンジニア支援" in titles(ans)


def test_activities_of_the_project_in_scope(cx):
    t = start(cx, "AIエンジニア支援事業では何をしている？")
    ans = activities.answer(cx, t)
    p = t.scope[0]
    assert ans.intent == "activities" and all(a.title in ans.text for a in p.activities)


def test_passage_quotes_a_dated_sentence_and_gives_way_when_nothing_covers_the_question(cx):
    t = start(cx, "キックオフイベントはいつ開催された？")
    ans = passage.answer(cx, t)
    assert ans is not None and "令和2年10月13日" in ans.text and ans.citations
    assert passage.answer(cx, start(cx, "宇宙エレベーターの建設は？")) is None


# --------------------------------------------------------------------------- derived numbers, conversation
def test_derived_gap_to_target_shows_the_arithmetic(cx):
    t = start(cx, "赤煉瓦文化館の入館者数は目標まであと何人？")
    kp = kpi.candidates(cx, t)
    ans = derived.answer(cx, t, kp, True, {}, set())
    assert ans is not None and "41,621 − 39,559 = 2,062" in ans.text


def test_conversation_narrows_the_previous_list_to_the_named_project(cx, seed_index):
    listed = seed_index.answer("達成率が100%未満のKPIは？")
    t = start(cx, "そのうちAIエンジニア支援事業のものは？", [listed])
    ans = conversation.narrow(cx, t, listed.context)
    assert ans is not None and ans.kpis
    assert {k.project_no for k in ans.kpis} == {t.scope[0].no}
    assert set(ans.kpis) <= set(listed.kpis)


def test_smalltalk_examples_come_from_the_corpus(cx):
    ans = smalltalk.answer(cx, start(cx, "予算は？").q, "help")
    assert ans.intent == "smalltalk" and ans.context["examples"]
    names = " ".join([k.name for k in cx.records.kpis] + [p.title for p in cx.records.projects])
    quoted = [ex.split("「")[1].split("」")[0] for ex in ans.context["examples"] if "「" in ex]
    assert quoted and all(name in names for name in quoted)


def test_router_sends_each_kind_to_its_module(cx):
    cases = {"AIエンジニア支援事業の予算は？": "budget", "達成率が50%未満のKPIは？": "kpi_filter",
             "事業は何件？": "count", "AIに関係する事業は？": "topic", "ありがとう": "smalltalk",
             "キックオフイベントはいつ開催された？": "detail"}
    for q, intent in cases.items():
        assert router.route(cx, q, [], Filters()).intent == intent, q


# --------------------------------------------------------------------------- honest gaps
@pytest.mark.parametrize(("question", "text", "gives"), [
    ("離職率は何％？", "介護職員の離職率は、R3nに事業所調査を実施予定。", False),  # a year is no rate
    ("受講料はいくら？", "無料開催とすることで参加者を広く募る。", False),
    ("受講料はいくら？", "受講料は1回3,000円とした。", True),
    ("第1期は何人修了？", "第1期:令和2年12月9日(水)、16日(水)⇒9人が修了", True),
    ("何人参加した？", "令和2年10月13日に開催し、約200名が参加した。", True),
    ("何回開催した？", "令和2年度に研修を開催した。", False),
])
def test_a_quote_must_hold_the_amount_asked_for(question, text, gives):
    assert figures.gives_amount(question, text) is gives


def test_several_facts_of_one_project_in_one_answer(sheet_cx):
    p = sheet_cx.records.projects[0]
    ans = router.route(sheet_cx, f"{p.title}の事業費と事業期間は？", [], Filters())
    assert ans.found and "交付対象事業経費" in ans.text and "事業期間" in ans.text
    assert ans.text.count("**出典**") == 1


def test_a_department_no_report_prints_is_refused_with_the_reason(tmp_path_factory):
    a = layouts_assistant(tmp_path_factory, "summary_asahigaoka-town.pdf")
    assert not any(p.department for p in a.projects)  # the summary table has no 担当課 column
    ans = a.answer(f"{a.projects[0].title}の担当課は？")
    assert not ans.found and NOT_FOUND in ans.text and "担当課は資料に記載がありません" in ans.text


def test_a_future_years_actual_is_not_in_the_reports_but_its_target_is(sheet_cx):
    future = next(k for k in sheet_cx.records.kpis if sheet_cx.future(k))
    ans = router.route(sheet_cx, f"{future.name}の{future.fiscal_year}年度の実績は？".replace(
        f"{future.fiscal_year}年度", f"令和{future.fiscal_year[1:]}年度"), [], Filters())
    assert not ans.found and NOT_FOUND in ans.text and future in ans.kpis


def test_a_year_picks_a_row_of_a_multi_year_report_and_a_report_otherwise(tmp_path_factory):
    a = layouts_assistant(tmp_path_factory, "sheet_shiratoridai-city.pdf", "summary_asahigaoka-town.pdf")
    cx = a.answerer.cx
    assert cx.report_years == {"R2", "R3"}
    k = next(k for k in a.kpis if k.report.startswith("sheet") and k.fiscal_year == "R2" and k.actual is not None)
    t = start(cx, f"白鳥台市の{k.name}、令和2年度は？")  # the R3 sheet prints an R2 row
    assert t.filters.fiscal_year is None
    assert k in kpi.answer(cx, t, kpi.candidates(cx, t)).kpis
    t = start(cx, "朝日丘町の令和2年度の事業は？")  # the R2 report of that town
    assert t.filters.fiscal_year == "R2"
    t = start(cx, "令和2年度の事業は？")
    assert t.filters.fiscal_year == "R2"


# --------------------------------------------------------------------------- figures quoted in sentences
def test_figures_in_a_sentence_leave_years_and_dates_out():
    s = "第1期:令和2年11月26日(木)、27日(金)、12月3日(木)⇒22人が修了、参加者は延べ1,530名"
    assert figures.in_sentence(s) == [(22, "人"), (1530, "人")]
    assert figures.in_sentence("R3nに事業所調査を実施予定") == []


def test_a_follow_up_adds_the_figures_the_last_answers_quoted(cx, seed_index):
    history = []
    # (「第1期は何人？」 now quotes 第1期's line alone: the question names both 期 to be shown both)
    for q in ("AI開発者向け研修の第1期と第2期は何人修了？", "合わせると？"):
        history.append(seed_index.answer(q, history))
    assert [f["value"] for f in history[0].context["figures"]] == [22, 40]
    assert history[-1].intent == "derived" and "62人" in history[-1].text and "22 + 40 = 62" in history[-1].text


def test_a_sum_no_kpi_answers_adds_the_sentences_that_cover_it(cx):
    t = start(cx, "AI開発者向け研修と応用研修の修了者を合計すると何人？")
    figs = figures.from_passages(cx, t)
    assert sorted(f.value for f in figs) == [9, 16, 22, 40]
    ans = figures.answer(cx, t, figs)
    assert ans is not None and "87人" in ans.text and ans.citations


def test_figures_of_different_units_are_never_added(cx):
    t = start(cx, "合計すると？")
    mixed = [figures.Figure("a", 3, "人", "r", 1, 1, "3人"), figures.Figure("b", 4, "件", "r", 1, 1, "4件")]
    assert figures.answer(cx, t, mixed) is None


# --------------------------------------------------------------------------- change over fiscal years
def _sheet_series(cx: Context):
    """A KPI of the sheet with actuals in two fiscal years (from the records, not from an answer)."""
    for members in cx.series.values():
        done = [k for k in members if k.actual is not None and k.fiscal_year and not k.lower_is_better]
        if len(done) >= 2 and done[0].unit == done[-1].unit:
            return done[0], done[-1]
    raise AssertionError("no KPI with two years of actuals")


def test_a_change_between_the_years_the_conversation_named(sheet_cx):
    a, b = _sheet_series(sheet_cx)
    history: list[Answer] = []
    for q in (f"{a.name}、令和{a.fiscal_year[1:]}年度の実績は？", f"令和{b.fiscal_year[1:]}年度は？", "どれだけ増えた？"):
        history.append(router.route(sheet_cx, q, history, Filters()))
    d = b.actual - a.actual
    assert history[1].kpis == (b,)
    last = history[-1]
    assert last.intent == "derived" and last.context.get("derived") == "change"
    assert f"{b.actual:,} − {a.actual:,} = {d:,}" in last.text.replace(".0 ", " ")


def test_a_gap_to_the_baseline_is_a_change_not_a_shortfall(sheet_cx):
    from assistant import series as ks

    latest = [ks.latest(members) for members in sheet_cx.series.values()]
    k = next(k for k in latest if k.baseline is not None and k.actual is not None and k.actual < k.baseline)
    ans = router.route(sheet_cx, f"{k.name}は基準値から何{k.unit}減った？", [], Filters())
    assert ans.kpis == (k,)
    assert "基準値から" in ans.text and "減りました" in ans.text and "届きませんでした" not in ans.text


# --------------------------------------------------------------------------- conversations
def converse(cx: Context, *turns: str) -> list[Answer]:
    history: list[Answer] = []
    for q in turns:
        history.append(router.route(cx, q, history, Filters()))
    return history


def test_a_follow_up_to_a_quote_stays_on_the_quoted_event(cx):
    first, second = converse(cx, "キックオフ・イベントっていつやった？", "参加者は何人？")
    assert first.intent == "detail" and "令和2年10月13日" in first.text
    assert second.intent == "detail" and "214人" in second.text and not second.kpis


def test_a_budget_follow_up_adds_the_project_named_now_to_the_one_before(cx):
    *_, last = converse(cx, "AIエンジニア支援事業の令和2年度の予算は？", "外国人材の受入・共生事業と合わせると？")
    assert "5,673 + 8,112 = 13,785" in last.text and len(last.projects) == 2


def test_the_two_above_after_two_rankings_are_their_tops(sheet_cx):
    top, bottom, diff = converse(sheet_cx, "事業費が一番大きい事業は？", "一番小さいのは？", "上の2つの差は？")
    big, small = top.projects[0], bottom.projects[0]
    assert big is not small and {p.title for p in diff.projects} == {big.title, small.title}
    assert f"{big.title}」" in diff.text and f"{small.title}」" in diff.text and "差は" in diff.text


def test_the_average_rate_of_a_projects_kpis_leaves_out_those_without_one(cx):
    ans = router.route(cx, "AIエンジニア支援事業のKPIの平均達成率は？", [], Filters())
    rated = [k for k in ans.kpis]
    assert ans.intent == "derived" and len(rated) == 3 and all(k.rate is not None for k in rated)
    mean = sum(k.rate for k in rated) / 3
    assert f"{mean:.1f}%" in ans.text and "平均に含めていません" in ans.text


def test_a_ranking_follow_up_ranks_the_same_pool_again(cx):
    high, low = converse(cx, "達成率が一番高いKPIは？", "一番低いのは？")
    rated = [k for k in cx.records.kpis if k.rate is not None and "direction_unknown" not in k.flags]
    assert low.kpis[0].rate == min(k.rate for k in rated)
    assert high.kpis[0].rate == max(k.rate for k in rated)


def test_a_value_is_not_named_by_a_stretch_of_jigyo_and_particles():
    from assistant.verdicts import named_values

    values = ["事業の継続", "事業内容の見直し(改善)"]
    assert named_values("スマート農業事業の今後の方針", values) == []
    assert named_values("見直しになった事業は？", values) == ["事業内容の見直し(改善)"]


def test_an_english_question_quoting_a_japanese_kpi_name_finds_it(cx):
    ans = router.route(cx, "What was the target for the number of citizens who changed their behavior "
                           "(行動変容した市民数)?", [], Filters())
    assert [k.name for k in ans.kpis] == ["行動変容した市民数"] and "123,000" in ans.text


def test_a_report_read_from_its_pdf_and_its_text_counts_each_project_once(tmp_path_factory):
    a = layouts_assistant(tmp_path_factory, "mixed_nishikawara-town.pdf", "mixed_nishikawara-town.txt")
    cx = a.answerer.cx
    copies = len(a.projects)
    kept = cx.distinct(list(a.projects))
    assert len(kept) * 2 == copies and all(p.budget and p.budget_unit for p in kept)
    listed, total = converse(cx, "西川原町の事業を教えて", "その2つの事業費を合計すると？")
    assert len(listed.projects) == len(kept)
    expected = sum(v for p in kept for _, v in p.budget)
    assert f"{expected:,}{kept[0].budget_unit}" in total.text


def test_a_named_projects_activities_and_a_topic_spanning_several_projects(cx):
    ans = router.route(cx, "AIエンジニア支援事業の取組は？", [], Filters())
    assert ans.intent == "activities" and "AI開発者向け研修" in ans.text
    ans = router.route(cx, "エンジニア向けの支援ってどんなことをやってるの？", [], Filters())
    assert ans.intent == "topic" and {"エンジニアフレンドリーシティ福岡の推進", "Society5.0を支えるAIエンジニア支援"} <= {
        p.title for p in ans.projects}


def test_follow_ups_carry_the_topic(cx):
    *_, target, actual = converse(cx, "エンジニアフレンドリーシティの事業のKPIは？", "そのうち赤レンガ文化館の入館者数の目標は？",
                                  "実績は？")
    assert [k.name for k in target.kpis] == ["赤煉瓦文化館の入館者数"] and "39,559人" in actual.text
    when, why = converse(cx, "オンライン・エンジニアカフェっていつ開設したの？", "それはなぜ？")
    assert "R2.5.20" in when.text
    assert why.found and why.intent == "detail" and "カフェ" in why.context["terms"]  # the topic, carried
    assert "エンジニアカフェ" in why.text


def test_a_fee_is_not_the_projects_budget(cx):
    *_, fee = converse(cx, "AIエンジニア支援の応用研修は何人1組でやったの？", "受講料はいくら？")
    assert not fee.found and NOT_FOUND in fee.text and fee.intent != "budget"


def test_a_place_spelled_with_ke_is_the_same_place(tmp_path_factory):
    a = layouts_assistant(tmp_path_factory, "summary_asahigaoka-town.pdf", "sheet_shiratoridai-city.pdf")
    t = turn.start(a.answerer.cx, "朝日ヶ丘町の事業は？", [], Filters())
    assert isinstance(t, Turn) and t.filters.city == "朝日丘町"


def test_the_latter_and_the_kpis_of_the_last_list_without_an_actual(cx):
    _, latter = converse(cx, "活躍シニア数と研修修了者数の実績は？", "後者の目標は？")
    assert [k.name for k in latter.kpis] == ["研修修了者数"]
    _, missing = converse(cx, "エンジニアフレンドリーシティのKPIを教えて", "その中で実績がまだ出てないのは？")
    assert missing.intent == "kpi_filter" and missing.kpis and all(k.actual is None for k in missing.kpis)
    assert all(k.project_no == 1 for k in missing.kpis)


def test_a_grant_type_or_a_partner_question_follows_the_project_before(cx):
    _, grant = converse(cx, "AIエンジニア支援の事業期間は？", "交付金は先駆タイプ？横展開タイプ？")
    assert [p.title for p in grant.projects] == ["Society5.0を支えるAIエンジニア支援"] and "横展開" in grant.text
    _, alone = converse(cx, "ユマニチュードの講座ってどの事業でやってるの？", "それって福岡市だけでやってる事業？")
    assert alone.intent == "department" and "糸島市" in alone.text


def test_two_kpis_spelled_out_are_both_answered(cx):
    ans = router.route(cx, "活躍シニア数と行動変容した市民数の実績は？", [], Filters())
    assert {k.name for k in ans.kpis} == {"活躍シニア数", "行動変容した市民数"}
    assert "1,215人" in ans.text and "59,020人" in ans.text
    one = router.route(cx, "活躍シニア数の実績は？", [], Filters())
    assert [k.name for k in one.kpis] == ["活躍シニア数"]


def test_the_former_is_the_kpi_the_question_named_first(cx):
    both, former = converse(cx, "活躍シニア数と行動変容した市民数の実績は？", "前者の目標は？")
    assert {k.name for k in both.kpis} == {"活躍シニア数", "行動変容した市民数"}
    assert [k.name for k in former.kpis] == ["活躍シニア数"]


def test_a_town_written_partly_in_kana_is_that_towns_report(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("kana-town")
    shutil.copy(LAYOUTS / "summary_kawanami-town_yen.pdf", corpus)  # 川波町: デマンド交通の年間利用者数 7,412人
    (corpus / "memo.txt").write_text("みどり川町のデマンドバスは、令和3年度に12,600人が利用した。\n", encoding="utf-8")
    a = Assistant.open(Config.from_env(corpus=corpus, index=tmp_path_factory.mktemp("kana-index"),
                                       embedder="fake-hash-64"))
    t = turn.start(a.answerer.cx, "みどり川町のデマンドバスの利用者数は？", [], Filters())
    assert isinstance(t, Turn) and t.q.places == ("みどり川町",) and t.filters.report == "memo.txt"
    ans = a.answer("みどり川町のデマンドバスの利用者数は？")
    assert "7,412" not in ans.text
    assert not ans.found or ("12,600" in ans.text and ans.citations[0].report == "memo.txt")


def test_figures_of_the_heading_the_question_spells_not_one_that_only_shares_its_words(cx):
    ask = lambda q, h=(): router.route(cx, q, list(h), Filters())  # noqa: E731
    assert "22 + 40 = 62" in ask("AI開発者向け研修の修了者は第１期と第２期で合計何人？").text
    # 応用 named (or a heading the question spells whole, plus the other named apart): both headings count
    assert "= 87" in ask("AI開発者向け研修と応用研修の第1期・第2期の修了者を合計すると何人か。").text
    # 「応用じゃない方」 names 応用 only to exclude it
    assert "22 + 40 = 62" in ask("AI開発者向け研修（応用じゃない方）の修了者は第1期と第2期合わせて何人？").text


def test_a_bare_name_after_arithmetic_asks_the_same_arithmetic_of_it(cx):
    ask = lambda q, h=(): router.route(cx, q, list(h), Filters())  # noqa: E731
    first = ask("AI開発者向け研修の修了者は第１期と第２期で合計何人？")
    other = ask("応用研修のほうは？", [first])
    assert other.intent == "derived" and "9 + 16 = 25" in other.text
    both = ask("合わせると？", [first, other])  # the two sums, each with its quoted figures
    assert "22 + 40 + 9 + 16 = 87" in both.text
    gap = ask("赤煉瓦文化館の入館者数は目標まであと何人だった？")
    again = ask("研修修了者数のほうは？", [gap])
    assert "90 − 87 = 3" in again.text and "41,621" not in again.text
    # without arithmetic before, a bare name is no arithmetic
    assert ask("研修修了者数のほうは？", [ask("赤煉瓦文化館の入館者数は？")]).intent != "derived"


def test_a_year_average_after_one_project_is_over_every_project(cx):
    one = router.route(cx, "研修修了者数は？", [], Filters())
    ans = router.route(cx, "令和2年度の事業費の平均は？", [one], Filters())
    assert "(67,055 + 5,673 + 8,112 + 81,939) ÷ 4" in ans.text


def test_a_town_whose_projects_could_not_be_read_stays_the_subject_of_its_follow_ups(tmp_path):
    """A report read as text only (no projects) mentions 若葉川町; another town's report has projects and money.
    Follow-ups to the refused question stay on 若葉川町 — never another town's figures."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("summary_asahigaoka-town.pdf",):
        shutil.copy(LAYOUTS / name, corpus)
    prose = ("わかば川町 地方創生の取組について\n若葉川町では移住ポータルサイトを運営し、相談会を開いた。"
             "町の魅力を発信する動画も作った。\n")
    (corpus / "wakabagawa_notes.txt").write_text(prose * 3, encoding="utf-8")
    (corpus / "wakabagawa_notes.text").write_text(prose * 3, encoding="utf-8")  # a second copy of one report
    a = Assistant.open(Config.from_env(corpus=corpus, index=tmp_path / "index", embedder="fake-hash-64"))
    h = [a.answer("若葉川町の移住ポータル事業の事業費は？")]
    assert not h[-1].found
    for q in ("R3は？", "平均だといくら？"):
        h.append(a.answer(q, h))
        assert not h[-1].found, (q, h[-1].text)
        assert "朝日丘町" not in h[-1].text and "円" not in h[-1].text.split("関連しそうな")[0]


def test_a_change_between_years_gives_its_rate_too(cx):
    first = router.route(cx, "外国人材の受入・共生事業の交付対象事業経費、2年度と3年度を教えてください", [], Filters())
    ans = router.route(cx, "何%増えた？", [first], Filters())
    assert "12,875 − 8,112 = 4,763" in ans.text and "増加率は58.7%" in ans.text


def test_same_department_and_partners_named_in_the_text(cx):
    ask = lambda q, h=(): router.route(cx, q, list(h), Filters())  # noqa: E731
    dept = ask("エンジニアフレンドリーシティ福岡の推進ってどこの課の担当？")
    same = ask("同じ課がやってるほかの事業ある？", [dept])
    assert titles(same) == ["Society5.0を支えるAIエンジニア支援"]
    # no co-applicant: the partners are the ones the text says it worked with
    quoted = ask("共生の地域づくり事業はどこと連携して実施したのか")
    assert quoted.intent == "detail" and "よかトピア国際交流財団" in quoted.text
    # 「その事業」 after a ranking is its top, not every project the ranking listed
    top = ask("福岡市のR2の事業で交付対象事業経費が一番大きいのはどれですか")
    who = ask("その事業、福岡市以外にどこが参加してる？", [top])
    assert titles(who) == ["アクティブシニアの生涯現役さきがけ事業"] and "糸島市" in who.text


def test_one_unknown_word_beside_known_ones_does_not_block_a_quote(cx):
    ask = lambda q: router.route(cx, q, [], Filters())  # noqa: E731
    assert "5人1組" in ask("AIの応用研修はどういうやり方？グループワーク？").text  # ワーク: never in the reports
    assert not ask("エンジニアカフェの住所どこ").found  # an attribute the reports do not print (カフェの住所)
    assert not ask("宇宙エレベーターの建設は？").found


def test_a_bare_name_after_a_quote_asks_the_same_of_it_and_both_adds_the_two(cx):
    ask = lambda q, h=(): router.route(cx, q, list(h), Filters())  # noqa: E731
    first = ask("Society5.0のAIエンジニア支援で、AI開発者向け研修の修了者って何人？")
    other = ask("応用研修のほうは？", [first])
    assert "9人が修了" in other.text and "16人が修了" in other.text and "5人1組" not in other.text
    assert "22 + 40 + 9 + 16 = 87" in ask("両方あわせると？", [first, other]).text


def test_the_other_verdict_the_other_projects_and_a_value_left_blank(cx):
    ask = lambda q, h=(): router.route(cx, q, list(h), Filters())  # noqa: E731
    hit = ask("エンジニアフレンドリーシティ福岡の推進のKPIで目標達成したのはどれ？")
    assert "相談対応件数" in hit.text and "赤煉瓦" not in hit.text
    other = ask("達成してないほうの実績は？", [hit])
    assert "39,559" in other.text and "253" not in other.text
    same = ask("それって達成してるの？", [ask("赤煉瓦文化館の入館者数は？")])  # that one, not the others
    assert "95.0%" in same.text and "相談対応件数" not in same.text
    first = ask("福岡市の事業で先駆タイプなのはどれ？")
    rest = ask("それじゃない方、横展開タイプの事業名を全部教えて", [first])
    assert len(rest.projects) == 3 and "アクティブシニア" not in rest.text
    listed = ask("アクティブシニアの生涯現役さきがけ事業のKPI一覧ほしい")
    blank = ask("その中で実績が入ってないのは？", [listed])
    assert [k.name for k in blank.kpis] == ["海外展開する事業者数"]
    rate = ask("地域の行事への外国人参加率の達成率は？")  # 目標・実績・達成率 all 「－」
    assert rate.text.startswith(NOT_FOUND)


def test_a_kpi_named_with_heikin_is_no_average(tmp_path):
    """Two KPIs named 〜の平均処理日数 (two towns): 「平均処理日数の実績は？」 asks for a KPI, not their mean."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("yame-city_R5_cp932.txt", "kitakyushu-city_R4_part2_formfeed.txt"):
        shutil.copy(Path(__file__).parent / "fixtures" / "reports" / name, corpus)
    # the real embedder: with it both 平均処理日数 KPIs are strong candidates (the case that went wrong)
    a = Assistant.open(Config.from_env(corpus=corpus, index=tmp_path / "index", embedder="e5-small-q4"))
    listed = a.answer("八女市の介護認定事務デジタル化の事業、KPI教えて")
    ans = a.answer("平均処理日数の実績は？目標クリアしてる？", [listed])
    assert ans.intent.startswith("kpi") and "107.1%" in ans.text and "平均は" not in ans.text


def test_two_parts_compared_alternatives_and_words_of_the_question_form(cx):
    ask = lambda q: router.route(cx, q, [], Filters())  # noqa: E731
    assert "40 − 22 = 18" in ask("AI開発者向け研修、2期は1期より何人多く修了した?").text  # parts, not the KPI's target
    assert "ホームページ" in ask("留学フェアが中止になったあと、代わりに何をしたの").text  # 代わり: question form
    assert "留学フェア" in ask("コロナの影響で中止とか変更になった取組みは？").text  # 変更: an alternative of 中止
    assert not ask("コロナの影響で宇宙旅行が中止になった取組みは？").found


def test_policy_asked_as_what_next(tmp_path_factory):
    a = layouts_assistant(tmp_path_factory, "mixed_nishikawara-town.pdf")
    ans = a.answer("西川原町のスマート農業の事業、今後どうするの？")
    assert ans.intent == "policy" and "見直し" in ans.text


def test_cards_corpus_follow_ups_ranges_and_a_title_word_only_one_title_has(tmp_path_factory):
    """Over the project-card report (みどり川町) and a summary table (東雲台市): a year range with eras spelled
    (H30〜R3) is every year between; 「2年の平均」 after two budget turns averages those years; a city written with
    its suffix is a filter whose words name no topic, and ワーケーション, said by one title only, names that project."""
    corpus = tmp_path_factory.mktemp("corpus")
    root = Path(__file__).parent.parent / "eval" / "heldout_layouts"
    for name in ("midorikawa_r3_cards.pdf", "shinonomedai_r3_yearcols.pdf"):
        shutil.copy(root / name, corpus)
    a = Assistant.open(Config.from_env(corpus=corpus, index=tmp_path_factory.mktemp("index"), embedder="e5-small-q4"))
    ans = a.answer("みどり川町の移住ポータル事業、H30〜R3の事業費の合計は？")
    assert "4,500 + 5,200 + 4,800 + 5,150 = 19,650" in ans.text
    h = [a.answer("みどり川町の移住定住ポータル事業、R2の事業費は？")]
    h.append(a.answer("R3は？", h))
    assert "5,150千円" in h[-1].text
    assert "(4,800 + 5,150) ÷ 2 = 4,975" in a.answer("2年の平均だといくら？", h).text
    dept = a.answer("東雲台市のワーケーションの事業はどこの課？")
    assert titles(dept) == ["ワーケーション受入環境整備事業"] and "商工労働課" in dept.text


def test_challenges_are_the_outcome_text_but_a_kpi_named_kadai_stays_a_kpi(cx, sheet_cx):
    ask = lambda c, q: router.route(c, q, [], Filters())  # noqa: E731
    ans = ask(sheet_cx, "子育て相談ワンストップ窓口整備事業の評価と課題を教えて")
    assert ans.found and "非常に効果的" in ans.text and "事業の成果" in ans.text
    kpi_q = ask(cx, "実践訓練で解決した課題って何件？")
    assert kpi_q.intent.startswith("kpi") and "33.3%" in kpi_q.text


def test_periods_in_western_years_several_facts_and_two_things_asked_of_one_event(cx, sheet_cx):
    ask = lambda c, q, h=(): router.route(c, q, list(h), Filters())  # noqa: E731
    period = ask(cx, "アクティブシニアの生涯現役さきがけ事業の事業期間、西暦だと何年度から何年度？")
    assert "西暦2016〜2020年度、5年度間" in period.text
    both = ask(sheet_cx, "子育て相談ワンストップ窓口整備事業の担当課と評価を教えてください")
    assert "子育て支援課" in both.text and "非常に効果的" in both.text
    event = ask(cx, "AIのキックオフイベントはいつあって、何人参加したの？")  # a date and a count: both quoted
    assert "10月13日" in event.text and "214" in event.text


def test_how_much_above_target_after_a_kpi_is_the_kpi_not_the_budget(cx):
    first = router.route(cx, "相談対応件数の目標っていくつ？", [], Filters())
    ans = router.route(cx, "実績はそれをいくら上回った？", [first], Filters())
    assert ans.intent == "derived" and "253 − 120 = 133" in ans.text


def test_a_follow_up_stays_in_the_town_the_conversation_named(tmp_path):
    """「宇美町の…？」 then 「相談件数の実績は？」: 宇美町 has no such KPI; 糸島市's 移住相談件数 is another town's
    figure and must not be given as the answer — until the question names another place."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("umi-town_R3_coapplicants.txt", "itoshima-city_R2_fullwidth.txt"):
        shutil.copy(Path(__file__).parent / "fixtures" / "reports" / name, corpus)
    a = Assistant.open(Config.from_env(corpus=corpus, index=tmp_path / "index", embedder="fake-hash-64"))
    h = [a.answer("宇美町のオンライン子育て相談の窓口っていつできたの？")]
    ans = a.answer("相談件数の実績は？", h)
    assert "367" not in ans.text and "糸島" not in ans.text.split("関連しそうな")[0]
    other = a.answer("糸島市の移住相談件数の実績は？", [*h, ans])  # another place named: that town
    assert "367" in other.text


def test_follow_ups_on_budget_years_periods_and_each_of_a_list(cx, tmp_path_factory):
    ask = lambda q, h=(): router.route(cx, q, list(h), Filters())  # noqa: E731
    first = ask("エンジニアフレンドリーシティの事業費って2年度いくら？")
    change = ask("3年度は？前の年と比べてどのくらい増えた？", [first])
    assert "81,801 − 67,055 = 14,746" in change.text
    start = ask("AIエンジニア支援の事業っていつ始まった？")
    assert start.intent == "period"
    assert "2022" in ask("で、終わるのは何年度？西暦で", [start]).text
    assert ask("AIのキックオフイベントはいつ始まった？").intent == "detail"  # an event's date, not the period
    listed = ask("AIエンジニア支援のKPIは？")
    each = ask("上の2つ、それぞれ目標との差は？", [listed])
    assert len(each.kpis) == 2  # each of the two, not only the ones short of target
    a = layouts_assistant(tmp_path_factory, "mixed_nishikawara-town.pdf")
    assert a.answer("西川原町で目標に届かなかった指標ってある？").intent == "kpi_filter"


def test_a_sum_leaving_a_year_out(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copy(Path(__file__).parent.parent / "eval" / "heldout_layouts" / "midorikawa_r3_cards.pdf", corpus)
    a = Assistant.open(Config.from_env(corpus=corpus, index=tmp_path_factory.mktemp("index"), embedder="fake-hash-64"))
    h = [a.answer("移住相談の事業、事業費の推移は？")]
    ans = a.answer("R4の予定を除いて合計すると？", h)
    assert "4,500 + 5,200 + 4,800 + 5,150 = 19,650" in ans.text


def test_everyday_words_who_for_and_joint_projects(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    for name in ("yame-city_R5_cp932.txt", "kitakyushu-city_R4_part2_formfeed.txt"):
        shutil.copy(Path(__file__).parent / "fixtures" / "reports" / name, corpus)
    a = Assistant.open(Config.from_env(corpus=corpus, index=tmp_path_factory.mktemp("index"), embedder="e5-small-q4"))
    elderly = a.answer("北九州市の事業で、お年寄りの移動手段に関するものは？")  # お年寄り: the reports say 高齢者
    assert elderly.found and "デマンド型乗合タクシー" in elderly.text
    assert "首都圏" in a.answer("八女市の茶摘み体験ツアーは誰向け？").text  # who it is for: the text, not the KPI
    joint = a.answer("八女市の報告で、他の自治体と一緒にやってる事業はある？")
    assert titles(joint) == ["介護認定事務のデジタル化推進事業"]
    assert "広川町" in a.answer("その相手はどこ？", [joint]).text
    assert not a.answer("北九州市の事業で、宇宙旅行に関するものは？").found


def test_two_projects_named_by_parts_of_their_titles_either_side_of_to(cx):
    ask = lambda q, h=(): router.route(cx, q, list(h), Filters())  # noqa: E731
    text = ask("エンジニアフレンドリーシティとAIエンジニア支援、R2の事業費はどれくらい差がある？").text
    assert "67,055" in text and "5,673" in text and "61,382" in text


def test_a_why_follow_up_keeps_the_year_the_last_answer_showed(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copy(Path(__file__).parent / "fixtures" / "layouts" / "sheet_shiratoridai-city.txt", corpus)
    a = Assistant.open(Config.from_env(corpus=corpus, index=tmp_path_factory.mktemp("index"), embedder="fake-hash-64"))
    first = a.answer("白鳥台市の移住者アンケートにおける満足度の令和3年度の実績は？")
    why = a.answer("なぜ空欄なの？", [first])
    assert "令和3年度" in why.text and "84%" not in why.text  # R3's row, not the latest year with an actual (R2)


@pytest.mark.parametrize(("text", "kind"), [
    ("What kinds of questions can you answer?", "help"), ("How can you help me?", "help"), ("Who are you?", "help"),
    ("これって何のアプリ？", "help"), ("どうやって使うの？", "help"), ("ちょっと質問", "help"), ("あざす", "thanks"),
    ("お世話になります", "greeting"), ("See you", "bye"), ("ソフトウェア業の従業者数の実績は？", None)])
def test_small_talk_and_help_in_more_words(text, kind) -> None:
    assert smalltalk.kind_of(text) == kind


def _reports_assistant(tmp_path_factory, *names: str) -> Assistant:
    """An assistant over some of tests/fixtures/reports, with the deterministic fake embedder."""
    corpus = tmp_path_factory.mktemp("corpus")
    for name in names:
        shutil.copy(Path(__file__).parent / "fixtures" / "reports" / name, corpus)
    return Assistant.open(Config.from_env(corpus=corpus, index=tmp_path_factory.mktemp("index"), embedder="fake-hash-64"))


def test_the_everyday_word_lexicon_parses() -> None:
    from assistant import lexicon

    words = lexicon.plain_words()
    assert words["年寄り"] == ("高齢",) and all(words.values())


def test_a_share_of_two_figures_in_one_sentence(cx):
    """A sentence with a whole and its part (「11名が修了、うち7名が就業」) gives a share; two sentences do not."""
    from assistant.answering.figures import Figure

    t = start(cx, "修了者のうち、就業した人は何%？")
    figs = [Figure("成果", 11, "人", "r.txt", 1, 1, "11名が修了、うち7名が就業した。"),
            Figure("成果", 7, "人", "r.txt", 1, 1, "11名が修了、うち7名が就業した。")]
    assert "7 ÷ 11 = 63.6%" in figures.answer(cx, t, figs).text
    figs[1] = Figure("成果", 7, "人", "r.txt", 1, 1, "7名が就業した。")  # two sentences: no share
    assert figures.answer(cx, t, figs) is None


def test_two_projects_named_in_one_question_and_a_bare_when_does_it_end(tmp_path_factory):
    a = _reports_assistant(tmp_path_factory, "kitakyushu-city_R4_part2_formfeed.txt", "itoshima-city_R2_fullwidth.txt")
    both = a.answer("北九州の門司港レトロ夜間景観活用事業とサテライトオフィス誘致事業、4年度の事業費は？")
    assert sorted(titles(both)) == ["北九州版サテライトオフィス誘致事業", "門司港レトロ夜間景観活用事業"]
    assert "32,150 + 12,800 = 44,950" in a.answer("上の2つ合計すると？", [both]).text
    short = a.answer("北九州市の門司港レトロの事業とサテライトオフィス誘致事業、４年度の経費の差は？")  # a title in part
    assert all(x in short.text for x in ("32,150", "12,800", "= 19,350"))
    typo = a.answer("北九洲市の夜間イベントの来場者数は？")  # one character off a city: asked back, never guessed
    assert typo.text.startswith(NOT_FOUND) and "「北九州市」のことでしたら" in typo.text
    start_ = a.answer("糸島市の介護人材確保の事業はいつから？")
    assert a.answer("いつ終わる？西暦で", [start_]).intent == "period"


def test_positions_corrections_complements_and_thresholds_in_follow_ups(cx):
    ask = lambda q, h=(): router.route(cx, q, list(h), Filters())  # noqa: E731
    listed = ask("福岡市のR2の交付金事業、載ってる順に全部あげてもらえますか")
    assert listed.intent == "topic" and len(listed.projects) == 4
    third = ask("3番目のやつの担当課は？", [listed])
    assert titles(third) == [listed.projects[2].title] and "国際政策課" in third.text
    kpis = ask("AIエンジニア支援事業のKPIって何がある？全部")
    last = ask("最後のやつの達成率は？", [kpis])
    assert last.kpis == (kpis.kpis[-1],)
    over = ask("エンジニアフレンドリーシティのKPIで達成率100%超えてるのどれ？")
    under = ask("じゃあ超えてない方は？", [over])
    assert "赤煉瓦" in under.text and "210.8%" not in under.text
    senior = ask("アクティブシニアの事業のKPI、一覧で見せて")
    low = ask("その中で達成率が50%切ってるのは？", [senior])  # 切ってる: below, not above
    assert [k.name for k in low.kpis] == ["行動変容した市民数"]
    budget = ask("アクティブシニアの事業、R3の予算いくら？")
    fixed = ask("ごめん、エンジニアフレンドリーシティのほうで", [budget])
    assert "81,801" in fixed.text
    target = ask("Society5.0のAIエンジニア支援、研修開催回数の目標って何回だった？")
    only = ask("実績だけ教えて", [target])
    assert only.kpis and {k.name for k in only.kpis} == {"研修開催回数"}


def test_the_other_kpi_by_name_the_ninth_project_and_no_guessed_rate(tmp_path_factory):
    a = layouts_assistant(tmp_path_factory, "summary_kawanami-town_yen.pdf", "summary_asahigaoka-town.pdf")
    listed = a.answer("川波町の事業一覧ちょうだい")
    assert listed.intent == "topic" and len(listed.projects) == 10
    ninth = a.answer("9番目のやつの実績額は？", [listed])
    assert titles(ninth) == [listed.projects[8].title] and "5,125,000円" in ninth.text
    waiting = a.answer("朝日丘町の待機児童数のKPI、目標と実績は？")
    rate = a.answer("達成率でいうと何%？", [waiting])  # 待機児童数, no rate printed, direction unknown
    assert rate.text.startswith(NOT_FOUND) and "80.0%" not in rate.text and "計算していません" in rate.text
    corpus = tmp_path_factory.mktemp("cards")
    shutil.copy(Path(__file__).parent.parent / "eval" / "heldout_layouts" / "midorikawa_r3_cards.pdf", corpus)
    b = Assistant.open(Config.from_env(corpus=corpus, index=tmp_path_factory.mktemp("index"), embedder="fake-hash-64"))
    two = b.answer("デマンド交通の事業のKPI2つ教えて")
    other = b.answer("デマンドバスじゃない方、R2の達成率は？", [two])
    assert [k.name for k in other.kpis] == ["公共交通空白地域に居住する住民数"] and "93%" in other.text


def test_acknowledgements_tiredness_greetings_and_what_data_is_loaded(cx):
    for text, kind in (("了解です", "ack"), ("なるほど", "ack"), ("OK", "ack"), ("どうも", "ack"),
                       ("お疲れ様です", "greeting"), ("どんなデータが入ってるの？", "help")):
        ans = router.route(cx, text, [], Filters())
        assert ans.intent == "smalltalk" and ans.context["smalltalk"] == kind, text
    assert "福岡市（令和2年度）" in router.route(cx, "どんなデータが入ってるの？", [], Filters()).text
    assert router.route(cx, "なるほど、AIの事業の予算は？", [], Filters()).intent == "budget"  # a question rides along


def test_a_mixed_english_question_with_fy_and_its_follow_up(cx):
    first = router.route(cx, "How much was the FY2020 budget for エンジニアフレンドリーシティ福岡?", [], Filters())
    assert "67,055" in first.text
    assert "81,801" in router.route(cx, "and R3?", [first], Filters()).text


def test_gaps_of_lower_is_better_kpis_two_projects_by_description_and_a_projects_kpis(cx):
    ask = lambda q, h=(): router.route(cx, q, list(h), Filters())  # noqa: E731
    low = ask("情報処理技術者の求人倍率、目標値よりどれだけ低かった？")
    assert "1.05" in low.text and "目標を達成しています" in low.text and "届きませんでした" not in low.text
    assert "315" in ask("活躍してるシニアの人数、目標に何人届いてない？").text
    two = ask("AIエンジニアの事業と外国人の受け入れ事業、2020年度の予算はどっちが多い？差額も")
    assert "8,112 − 「Society5.0を支えるAIエンジニア支援」 5,673 = 2,439" in two.text
    assert "外国人材の受入・共生事業」のほうが多く" in two.text
    kpis = ask("お年寄りが生涯現役で活躍するための事業、KPIは未達でしたか？")
    assert kpis.intent == "kpi_filter" and len(kpis.kpis) == 3
    one = ask("留学生数のKPIって達成してる？")  # one KPI named: that KPI, not its project's list
    assert one.intent == "kpi_achieved" and "92.9%" in one.text
    assert ask("了解です、どうも").intent == "smalltalk"


def test_the_difference_of_two_kpis_rates_is_in_points(cx):
    ans = router.route(cx, "研修修了者数と研修開催回数、達成率の差は何ポイント？", [], Filters())
    assert "16.7ポイント" in ans.text and "96.7% − 「研修開催回数」80.0% = 16.7" in ans.text


def test_the_projects_rated_highest_and_a_town_named_in_english(tmp_path_factory):
    a = layouts_assistant(tmp_path_factory, "summary_kawanami-town_yen.pdf", "summary_asahigaoka-town.pdf")
    best = a.answer("川波町で一番評価が高い事業は？")
    assert best.intent == "evaluation" and "非常に効果的" in best.text and len(best.projects) == 1
    worst = a.answer("川波町で評価が一番低い事業は？")
    assert "効果がなかった" in worst.text and "非常に効果的であった」です" not in worst.text
    en = a.answer("In Kawanami town, which project was rated the most effective?")  # 「In」 is no インバウンド
    assert [p.title for p in en.projects] == [p.title for p in best.projects]


def test_a_katakana_word_typed_with_a_full_size_vowel(cx):
    ans = router.route(cx, "オンラインのエンジニアカフエっていつ出来たの？", [], Filters())  # カフエ for カフェ
    assert ans.found and "R2.5.20" in ans.text
    assert not router.route(cx, "ボーリング場のカフエはいつ出来た？", [], Filters()).found  # no such word either way


def test_positions_reach_back_past_a_one_row_answer_and_two_facts_of_the_project_in_scope(tmp_path_factory):
    a = layouts_assistant(tmp_path_factory, "summary_kawanami-town_yen.pdf")
    h = [a.answer("川波町で実績額が一番大きい事業は？")]
    h.append(a.answer("2番目は？", h))
    assert "14,825,300円" in h[-1].text
    assert "12,980,000円" in a.answer("じゃあ3番目は？", h).text  # the ranking, not the one-row answer before
    which = a.answer("川波町で事業の評価が「地方創生に効果がなかった」になっているのはどの事業？")
    both = a.answer("その事業の実績額と今後の方針は？", [which])
    assert "14,825,300円" in both.text and "今後の方針" in both.text


def test_rank_reversed_compare_with_the_last_kpi_other_projects_and_a_fact_with_a_kpi(cx, tmp_path_factory):
    ask = lambda q, h=(): router.route(cx, q, list(h), Filters())  # noqa: E731
    low = ask("AIエンジニア支援事業のKPIで、達成率が一番低いのはどれ？")
    high = ask("逆に一番高いのは？", [low])
    assert [k.name for k in high.kpis] == ["研修修了者数"]  # the same pool (the project's KPIs), not all KPIs
    both = ask("エンジニアフレンドリーシティ福岡の推進の２年度の事業費と、エンジニアからの相談対応件数の実績を教えてください。")
    assert "67,055" in both.text and "253" in both.text
    corpus = tmp_path_factory.mktemp("kita")
    shutil.copy(Path(__file__).parent / "fixtures" / "reports" / "kitakyushu-city_R4_part2_formfeed.txt", corpus)
    a = Assistant.open(Config.from_env(corpus=corpus, index=tmp_path_factory.mktemp("index"), embedder="fake-hash-64"))
    first = a.answer("北九州版サテライトオフィス誘致事業の進出企業数、目標と実績は？")
    vs = a.answer("新規雇用者数のほうと比べると、達成率はどっちが高い？", [first])
    assert "88.0%" in vs.text and "109.2%" in vs.text
    wind = a.answer("北九州市の洋上風力発電関連産業の拠点化推進事業は、５年度に事業費が増えてる？")
    others = a.answer("他に５年度に事業費が増える事業はある？", [wind])
    assert "洋上風力" not in others.text.split("**出典**")[0] and "8,100" in others.text


def test_a_city_written_in_kana_and_a_year_in_kanji_numerals(cx, seed_index):
    assert cx.kana_places.get("ふくおかし") == "福岡市" and cx.kana_places.get("フクオカ市") == "福岡市"
    ans = seed_index.answer("ふくおかしの4つの事業、令和２年度の事業費を全部足すといくらになる？")
    assert "162,779" in ans.text  # every project's 令和2年度 amount, not the one a stray word matched
    assert start(cx, "AIエンジニア支援の三年度の予算は？").q.years == ("R3",)


def test_a_title_word_with_digits_is_read_alike_in_question_and_title(cx, seed_index):
    assert "society5" in cx.m.terms("Society5.0のAI人材育成のやつ")  # as the title's words read it
    ans = seed_index.answer("Society5.0のAI人材育成のやつ、三年度の予算は？")
    assert "5,673" in ans.text and "12,875" not in ans.text  # that project's amount, not every project's


def last_answer(a: Assistant, *questions: str) -> Answer:
    history: list[Answer] = []
    for q in questions:
        history.append(a.answer(q, history))
    return history[-1]


def test_follow_up_years_next_previous_and_kept(tmp_path_factory):
    a = layouts_assistant(tmp_path_factory, "sheet_shiratoridai-city.pdf")
    nxt = last_answer(a, "白鳥台市の子育て相談窓口の利用者数、令和2年度の実績は？", "じゃあ次の年度は？")
    assert "1,745" in nxt.text and "令和3年度" in nxt.text
    prev = last_answer(a, "子育て相談窓口の利用者数、令和3年度の実績は？", "前の年は？")
    assert "1,620" in prev.text and "1,745" not in prev.text
    total = last_answer(a, "子育て相談ワンストップ窓口の事業費を年度ごとに教えて", "3年分足すと？")
    assert "24,600" in total.text and "26,900" not in total.text  # that project's years, not each year's projects


def test_going_back_correcting_and_introducing_oneself(seed_index):
    back = last_answer(seed_index, "エンジニアフレンドリーシティの担当課は？", "外国人材の事業の事業期間はいつからいつまで？",
                    "最初の事業に戻るけど、有効求人倍率の実績はいくつだった？")
    assert "1.45" in back.text and "3,644" not in back.text
    fixed = last_answer(seed_index, "AIエンジニア支援の令和2年度の事業費は？", "いや、外国人材の受入・共生事業の方")
    assert fixed.intent == "budget" and "8,112" in fixed.text
    diff = last_answer(seed_index, "市の職員ですが、エンジニアフレンドリーシティ福岡の推進の事業費を年度ごとに確認させてください",
                    "差額は？")
    assert "14,746" in diff.text


def test_a_position_no_answer_listed_is_refused_not_answered_for_every_project(seed_index):
    ans = last_answer(seed_index, "福岡市の天気は？", "2つ目のやつの事業費は？")
    assert not ans.found and "2番目" in ans.text and "67,055" not in ans.text
    listed = last_answer(seed_index, "福岡市の交付金事業をリストアップして", "2つ目のやつの事業費は？")
    assert "5,673" in listed.text and "67,055" not in listed.text


@pytest.mark.parametrize("message", ["サンキュー", "やあ", "お世話になっております", "何について答えられますか",
                                     "質問の例を教えて", "ばいばい", "もしもし", "What can I ask?",
                                     "こんにちは。福岡市の資料について質問してもいいですか？"])
def test_more_small_talk_is_small_talk(seed_index, message):
    ans = seed_index.answer(message, [])
    assert ans.intent == "smalltalk" and ans.found


def test_a_question_after_a_thanks_is_answered(seed_index):
    ans = seed_index.answer("ありがとう。ところで外国人材の事業の予算はいくら？", [])
    assert ans.intent == "budget" and "8,112" in ans.text


def test_cue_words_half_overshoot_percent_and_what_next(seed_index, tmp_path_factory):
    half = last_answer(seed_index, "アクティブシニアの生涯現役さきがけ事業のKPIの結果を全部教えてください",
                       "その中で、目標の半分にも届いてないのはどれ？")
    assert "行動変容した市民数" in half.text and "50%未満" in half.text and "活躍シニア数" not in half.text
    pct = last_answer(seed_index, "外国人材の受入・共生事業の事業費、2年度と3年度でいくら？", "何パーセント増えてる？")
    assert "58.7%" in pct.text and "4,763" in pct.text
    a = layouts_assistant(tmp_path_factory, "sheet_shiratoridai-city.pdf")
    planned = a.answer("白鳥台市の空き家バンク活用事業、令和4年度の予定額は？", [])
    assert planned.intent == "budget" and "5,500" in planned.text


def test_a_letter_grade_is_read_with_the_reports_legend(tmp_path):
    text = ("令和4年度 地方創生関係交付金事業 効果検証シート ひなた町\n評価区分\nA：地方創生に非常に効果的であった "
            "B：地方創生に相当程度効果があった\n【事業番号 1】 事業名：ひなた温泉の誘客事業\n所管課 観光課 実施期間 令和4年度～令和5年度\n"
            "◇重要業績評価指標（KPI）\n指標名 単位 基準値 目標値 実績値 達成状況\n宿泊者数 人 100 200 210 105.0%\n"
            "◇評価\n評価 B 今後の方針 継続\n")
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "hinata.txt").write_text(text, encoding="utf-8")
    a = Assistant.open(Config.from_env(corpus=corpus, index=tmp_path / "i", embedder="fake-hash-64"))
    ans = a.answer("ひなた温泉の誘客事業の評価は？", [])
    assert "「B」" in ans.text and "B＝地方創生に相当程度効果があった" in ans.text


def test_a_preamble_sentence_and_form_words_are_no_topic(seed_index):
    ans = seed_index.answer("議会で聞かれそうなので確認です。外国人材の受入・共生事業の2年度の交付対象事業経費はいくらですか", [])
    assert ans.found and "8,112" in ans.text
    count = seed_index.answer("この資料、KPIは全部でいくつ設定されてる？", [])
    assert count.found and "15" in count.text


def test_how_many_times_a_year_before(tmp_path_factory):
    a = layouts_assistant(tmp_path_factory, "sheet_shiratoridai-city.pdf")
    ans = last_answer(a, "白鳥台市の空き店舗への新規出店数、令和2年度と令和3年度の実績は？", "令和3年度は令和2年度の何倍になった？")
    assert "2倍" in ans.text and "4 ÷ 2 = 2" in ans.text


def test_a_value_named_by_hiragana_alone_is_no_value():
    from assistant.verdicts import named_values

    values = ["事業期間終了(町単独事業として継続)", "事業の継続", "事業内容の見直し(改善)"]
    assert named_values("各事業の今後の方針を一覧にして", values) == []  # 「して」 of 一覧にして is no 「として」
    assert named_values("見直しになった事業は？", values) == ["事業内容の見直し(改善)"]


def test_every_kpi_with_its_verdict_and_a_baseline_in_a_list(tmp_path_factory, seed_index):
    both = seed_index.answer("アクティブシニアの事業、KPIごとに達成・未達をおしえて", [])
    assert "達成" in both.text and "行動変容した市民数" in both.text and "新たな事業創出数" in both.text
    a = layouts_assistant(tmp_path_factory, "sheet_shiratoridai-city.pdf")
    base = a.answer("白鳥台市の子育て相談ワンストップ窓口のKPI、基準値はいくつ？", [])
    assert "基準値" in base.text and "KPIは全部で" not in base.text  # the values, not a count of KPIs


def test_a_department_the_report_does_not_print_is_refused(tmp_path_factory):
    a = layouts_assistant(tmp_path_factory, "mixed_nishikawara-town.pdf")
    ans = a.answer("西川原町のワーケーションの事業を担当してるのはどこの課？", [])
    assert not ans.found and "担当課は資料に記載がありません" in ans.text


def test_a_count_per_group_and_goodbyes(seed_index):
    group = seed_index.answer("応用研修って個人でやるの？グループ？何人単位？", [])
    assert "5人1組" in group.text
    for message in ("了解です、また来ます〜", "ども！", "ここにはどこの市町村の資料が入ってるんですか？"):
        assert seed_index.answer(message, []).intent == "smalltalk", message


def test_what_the_external_experts_said_is_quoted_for_the_project_asked_about(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copy(Path(__file__).parent.parent / "eval" / "heldout_layouts" / "shinonomedai_r3_yearcols.pdf", corpus)
    a = Assistant.open(Config.from_env(corpus=corpus, index=tmp_path_factory.mktemp("index"), embedder="fake-hash-64"))
    ans = last_answer(a, "東雲台市の健康ポイントの事業、KPIの結果は？", "有識者はなんて言ってる？今後の方針は？")
    assert "外部有識者の主な意見" in ans.text and "健診受診率" in ans.text
    assert "しののめ観光DX" not in ans.text  # that project's opinion and policy, not every project's


def test_a_self_introduction_keeps_the_town_it_names():
    from assistant.answering.turn import _without_introduction

    assert _without_introduction("八女市の職員ですが、茶の事業の予算は？") == "八女市の茶の事業の予算は？"
    assert _without_introduction("市の職員ですが、エンジニアの事業費は？") == "エンジニアの事業費は？"
    assert _without_introduction("記者です。") == "記者です。"  # nothing asked after it: left as it is


def test_which_of_the_last_kpis_print_a_value(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    shutil.copy(Path(__file__).parent / "fixtures" / "reports" / "kitakyushu-city_R4_part2_formfeed.txt", corpus)
    a = Assistant.open(Config.from_env(corpus=corpus, index=tmp_path / "i", embedder="fake-hash-64"))
    ans = last_answer(a, "北九州市の事業で、実績が空欄になってるKPIを教えて", "そのうち目標値が入ってるのはどっち？",
                      "それの実績はいつ出る予定？")
    assert "運行地区の住民満足度" in ans.text and "上半期" in ans.text and "システム改修" not in ans.text


def test_two_projects_named_by_description_either_side_of_to_with_a_settled_year(tmp_path_factory):
    a = _reports_assistant(tmp_path_factory, "kitakyushu-city_R4_part2_formfeed.txt")
    text = a.answer("門司港の夜間景観の事業と洋上風力の事業、R4決算でどっちが多い？差は？").text
    assert "32,150" in text and "45,000" in text and "= 12,850" in text


def test_a_place_spelled_by_the_reading_of_its_parts() -> None:
    """東雲台 is read ヒガシウンダイ by the dictionary as a whole; Shinonomedai (東雲 + 台) names it too."""
    from assistant.lexicon.corpus import CorpusGlossary
    g = CorpusGlossary(["東雲台市", "みどり川町"])
    assert "東雲台" in g.lookup("Shinonomedai city") and "みどり川" in g.lookup("Midorikawa town")


def test_a_project_named_by_its_number_in_the_list_the_report_prints(tmp_path_factory):
    a = _reports_assistant(tmp_path_factory, "kitakyushu-city_R4_part2_formfeed.txt")
    listed = a.answer("北九州市の報告書に載っている事業を教えて")
    assert len(listed.projects) >= 5  # 報告書に載っている: the document, not a topic word
    assert "32,150" in a.answer("No.7の事業の４年度の事業費は？", [listed]).text  # ⑦門司港レトロ…
    assert "門司港" in a.answer("7番の事業の担当課は？", [listed]).text


def test_a_towns_kpi_list_and_its_filter_with_the_town_named_first(tmp_path_factory):
    """「宇美町R3のKPIぜんぶ見せて」 then 「その中で未達成のやつ」: the town's name is a filter, not a topic word left over."""
    a = _reports_assistant(tmp_path_factory, "umi-town_R3_coapplicants.txt", "yame-city_R5_cp932.txt")
    listed = a.answer("宇美町R3のKPIぜんぶ見せて")
    assert listed.intent == "kpi_list" and len(listed.kpis) >= 5
    missed = a.answer("その中で未達成のやつ", [listed])
    assert missed.kpis and all(k.achieved is False for k in missed.kpis) and "75.0" in missed.text


def test_follow_ups_after_a_ranking_and_two_years(tmp_path_factory):
    """「その事業のKPI①は？」 after a ranking is the top project's (KPI① names no other project); 「前年度より何千円ふえた？」
    after two years asked is their difference (前年度より compares, it asks no earlier year); 「what's the gap?」."""
    a = _reports_assistant(tmp_path_factory, "kitakyushu-city_R4_part2_formfeed.txt")
    top = a.answer("北九州市で４年度の事業費がいちばん大きい事業は？")
    kpis = a.answer("その事業のKPI①の実績を教えて", [top])
    assert kpis.kpis and {(k.report, k.project_no) for k in kpis.kpis} == {(top.projects[0].report, top.projects[0].no)}
    both = a.answer("門司港レトロ夜間景観活用事業の４年度と５年度の事業費は？")
    assert "28,000 − 32,150 = -4,150" in a.answer("前年度より何千円ふえた？", [both]).text  # R5 against R4
    kpi = a.answer("門司港地区の宿泊者数の目標と実績は？")
    assert "6,430" in a.answer("what's the gap between them?", [kpi]).text  # 101,430 − 95,000
