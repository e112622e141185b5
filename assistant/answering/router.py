"""Route a question to the answer module of its kind and return that module's cited answer.

The router only decides *which* kind a question is (cue words from assistant.understand, how strongly it names a
KPI or a project, what the previous answer was about); each kind is its own module in this package."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ..reading import normalize
from ..records import Answer, Kpi
from ..retrieve import Filters, Retriever
from ..store import Records
from ..understand import cue_text, cue_windows, understand
from ..verdicts import FIELDS
from . import (
    activities,
    another_question,
    conversation,
    count,
    derived,
    facts,
    kpi,
    kpi_list,
    passage,
    smalltalk,
    topic,
    turn,
)
from .context import STRONG_KPI, WEAK_KPI, Context, Turn

# An amount of something other than the project's cost (付与総額, 販売額, 補助額): 「いくら」 then asks no 事業費.
_OTHER_AMOUNT = re.compile(r"(?<!事業)(?<!予算)(?<!決算)(?<!交付)(?<!経)(付与|販売|売上|補助|助成|給付|寄附|寄付|支援)総?額")

_WHY = r"なぜ|何故|なんで|どうして|理由"
_WHICH_TOWN = re.compile(r"(町|市|村|自治体|まち)(って|は|が)?(どこ|どれ)(?!くらい|ぐらい|だけ|ほど)")
_ACTIVITY_NOUN = re.compile(r"取り?組み?(は|を|って|について)|主な取組|活動(は|を|って)")


def _own_question(text: str) -> bool:
    """Does the question ask its own kind of thing — a name, a place, a date — rather than the last question again?"""
    return bool(passage.ASKS_NAME.search(text) or passage.WHERE.search(text) or passage.ASKS_DATE.search(text))


class Answerer:
    """Answers questions over one opened index."""

    def __init__(self, records: Records, retriever: Retriever, tokenizer: Callable) -> None:
        self.cx = Context(records, retriever, tokenizer)

    def answer(self, question: str, history: list[Answer], filters: Filters) -> Answer:
        return route(self.cx, question, history, filters)


def route(cx: Context, question: str, history: list[Answer], filters: Filters) -> Answer:
    """The answer module for this question's kind, by the order of the checks below (first match wins)."""
    t = turn.start(cx, question, history, filters)
    if isinstance(t, Answer):
        return t
    ans = _route(cx, t)
    if not ans.found and smalltalk.kind_of(t.q.text) == "help":
        # 「おつかれさまです。効果検証シートのことで聞きたいんですが、使い方を教えてください」: a request for help
        # with words the reports use but no question they answer — the help reply, not a refusal.
        return smalltalk.answer(cx, t.q, "help")
    if not ans.found and t.year_filter:
        # 「平均待ち日数の令和2年度の実績は？」: no report *of* that year says it, but a later report prints the
        # year's row — read the year as the row's, not the report's.
        again = turn.start(cx, question, history, filters, year_filter=False)
        if (isinstance(again, Turn) and (other := _route(cx, again)).found
                and other.intent.startswith(("kpi", "derived", "budget"))):  # a record of that year, not a quote
            return other
    return ans


def _route(cx: Context, t: Turn) -> Answer:
    q, history = t.q, t.history
    prev = history[-1].context if history else {}
    kp = kpi.candidates(cx, t)
    kp = kpi.reranked(cx, t, kp, prev)
    if spelled := [x for x in kp[:5] if len(x[1].name) >= 5 and normalize(x[1].name) in normalize(q.text)]:
        # 「…副業・兼業人材のマッチング件数は？」: a KPI's whole name, spelled out, even where its words are the title's
        kp = spelled + [x for x in kp if x not in spelled]
    strong = bool(kp) and (kp[0][0] >= STRONG_KPI or bool(spelled))
    weak_kpi = bool(kp) and kp[0][0] >= WEAK_KPI
    if (q.derived == "avg" and (strong or weak_kpi) and q.text.count("平均") == 1
            and "平均" in normalize(kp[0][1].name)):  # 「平均処理日数の実績は？」: 平均 is the KPI's name
        q = t.q = replace(q, derived=None)
    if (n := count.kpi_count_asked(q.text)) is not None and not (q.derived or q.asks):
        return count.by_kpi_count(cx, t, n)  # 「その中でKPIが3つある事業は？」
    asks = set(q.asks)
    if (q.weak_asks and not (weak_kpi or strong) and not (q.kpi_words and prev.get("kpis"))
            and not _OTHER_AMOUNT.search(q.text)):  # (「ポイントの付与総額はいくら？」 is no 事業費)
        # 「いくら」 is a budget question unless a KPI is named (or the last answer's KPI is: 「実績はそれをいくら上回った？」)
        asks |= q.weak_asks
    if asks and strong and (q.kpi_words or q.quantity) and not t.explicit:
        asks = set()  # 「八女茶の輸出額、実績いくら？」 names a KPI
    if (asks == {"budget"} and (strong or weak_kpi) and kp and cx.names_kpi(t, kp[0][1])
            and re.search(r"額", kp[0][1].name) and re.fullmatch(r"実績額|額|金額", cue_text("budget", q.text) or "")):
        asks = set()  # 「藤ノ瀬町の観光消費額、令和4年度の実績額は？」: the KPI's actual, no 事業費
    if strong and not t.explicit:  # 「継続利用者数は？」: the cue word belongs to the KPI's name
        asks -= {a for a in FIELDS if a in asks and (w := cue_text(a, q.text)) and w in normalize(kp[0][1].name)}
    if t.explicit:  # 「…と連携したふるさと学習の事業、未達の指標は？」: every cue of the ask is inside the title
        titles = [normalize(p.title) for p in t.scope]
        asks -= {a for a in set(asks) if (ws := cue_windows(a, q.text))
                 and all(any(w in title for title in titles) for w in ws)}
    if (not asks and prev.get("asks")
            and (not t.rest or (t.explicit and (not strong or conversation.corrects(q.text)))) and not q.kpi_words
            and not q.activities and not q.detail and not q.weak_asks and not q.baseline
            and not ((q.refers or q.followup) and (q.derived or q.quantity))  # 「その事業で待ち時間は…短くなった？」
            and not (t.rest and _own_question(q.text))):  # 「その事業で財団に置いたコーディネーターって何て名前？」
        asks = set(prev["asks"])  # 「AIエンジニア支援の方は？」「ちがう、Bの事業の方」 after a budget question
    if (not asks and "budget" in prev.get("asks", []) and re.search(r"確定|決算|予定|見込", q.text) and not q.kpi_words
            and not set(t.rest) - (said := set(cx.m.words("確定 決算 予定 見込み 予算 額 金額")))):
        asks = {"budget"}  # 「それって確定した額？」 after an amount: the amount again, said whether it is planned
        t.unknown = [x for x in t.unknown if x not in said]  # (確定 is how the amount is asked about, no topic)
    if prev.get("kpis") and not asks and not q.derived and (others := conversation.other_kpis(cx, t, prev)):
        return kpi.answer(cx, t, [(1.0, k) for k in others])  # 「デマンドバスじゃない方、R2の達成率は？」
    if prev.get("kpis") and (q.refers or q.followup) and not q.derived and (
            printed := conversation.with_value(cx, q, prev)):
        return kpi.answer(cx, t, [(1.0, k) for k in printed])  # 「そのうち目標値が入ってるのはどっち？」
    if t.ordinal_kpi is not None and not asks and not q.derived:
        return kpi.answer(cx, t, [(1.0, t.ordinal_kpi)])  # 「最後のやつの達成率は？」
    if (q.refers and prev.get("kpis") and t.explicit and not asks and not q.derived and not strong
            and (narrowed := conversation.narrow(cx, t, prev)) is not None):
        return narrowed
    if (prev.get("intent") in ("kpi_list", "kpi_filter") and t.explicit and not t.rest and not asks and not q.kpi_words
            and not (q.derived or q.asks_achieved or q.threshold or q.rank) and (conversation.corrects(q.text) or q.ellipsis)):
        # 「あ、ごめんなさい、3番の方でした」 after 「2番の事業のKPIは？」: the same list, of the project named now
        t.q = replace(understand(f"{q.raw} {history[-1].question}"), raw=q.raw)
        return kpi_list.answer(cx, t, {})
    if (q.ellipsis and not (q.derived or q.asks or q.kpi_words or q.years)
            and (prev.get("derived") or prev.get("intent") == "detail")
            and (d := conversation.same_question(cx, t, kp, strong)) is not None):
        return d  # 「応用研修のほうは？」 after a sum or a quote: the same question of what is named now
    if q.derived and (d := derived.answer(cx, t, kp, strong, prev, asks)) is not None:
        return d
    if (prev.get("intent") == "detail" and not asks and not q.kpi_words
            and (quoted := conversation.on_passage(cx, t, prev)) is not None):
        return quoted  # 「キックオフ・イベントはいつ？」「参加者は何人？」: the same event
    if asks and strong and t.explicit and q.kpi_words and asks <= {"budget", "period", "department", "grant"} and any(
            normalize(k.name) in normalize(q.text) for _, k in kp[:1]):
        # 「…の２年度の事業費と、エンジニアからの相談対応件数の実績を教えて」: a fact and a KPI spelled out — both
        return cx.merge(t, [facts.answer(cx, t, asks), kpi.answer(cx, t, kp[:1])])
    if (asks and asks <= {"policy", "evaluation"} and prev.get("kpis") and (q.refers or q.followup)
            and re.search(r"もの|指標|KPI|やつ", q.text) and (by := conversation.by_verdict(cx, t, prev, asks))):
        return by  # 「その中で、今後の方針が事業の継続になってる事業のものは？」: the list filtered by its projects' policy
    if (asks <= {"policy"} and prev.get("kpis") and cx.n_series(prev["kpis"]) <= 3 and not t.explicit
            and (m := kpi.WHAT_NEXT.search(q.text)) and not set(t.rest) - set(cx.m.words("今後" + m.group(0)))
            and any(kpi.plan_for(cx, cx.records.kpis[i]) for i in prev["kpis"])):
        # 「今後どう対応するの？」 after the KPIs that missed: what the report says will be done about them
        return kpi.answer(cx, t, [(1.0, cx.records.kpis[i]) for i in prev["kpis"]], as_shown=True)
    if asks:
        return facts.answer(cx, t, asks)
    if _WHICH_TOWN.search(q.text) and not q.places and not prev.get("projects"):
        return topic.answer(cx, t)  # 「ワーケーションに取り組んでる町ってどこ？」: the projects, each with its town
    if (prev.get("kpis") and cx.n_series(prev["kpis"]) <= 3
            and ((not t.rest and not t.explicit)  # 「なぜ空欄？」: words of the KPI's own note, its own project
                 or ((re.search(_WHY, q.text) or passage.ASKS_DATE.search(q.text))  # 「いつ確定する？」 of its note
                     and conversation.about_last_kpis(cx, t, prev)))
            and not passage.ASKS_NAME.search(q.text)  # 「進出した企業の名前を教えて」: the KPI counts them, names none
            and (q.kpi_words or q.asks_achieved or q.followup or q.trend or q.baseline or (q.years and not t.terms)
                 or (q.quantity and not t.rest)  # 「何％だった？」 of the KPI just shown
                 or re.search(_WHY, q.text) or passage.ASKS_DATE.search(q.text))  # 「なんで出てないの？」 of it
            and not (q.rank or q.threshold or (q.wants_list and not q.trend and not conversation.one_value(q)))
            and not (q.asks_achieved and cx.n_series(prev["kpis"]) > 1)  # 「その中で未達成なのは？」 filters the list
            and not conversation.the_other_verdict(cx, q, prev["kpis"])):
        refs = [cx.records.kpis[i] for i in prev["kpis"]]
        if len(refs) > 1 and (m := re.search(r"前者|後者", q.text)):  # 「後者の実績は？」: the second of the two
            refs = [_in_order_named(refs, history[-1].question)[0 if m.group(0) == "前者" else -1]]
        return kpi.answer(cx, t, [(1.0, k) for k in refs], as_shown=True)
    if q.count and not t.rest and not (q.asks_achieved or q.threshold or q.missing or q.lower_better):
        return count.answer(cx, t)
    if kpi_list.applies(cx, t, kp, prev):
        if t.unknown:
            return cx.not_found(t, cx.unknown_reason(t))
        return kpi_list.answer(cx, t, prev)
    if ((q.activities or (t.explicit and not t.rest and _ACTIVITY_NOUN.search(q.text))) and not q.kpi_words
            and (t.scope or t.hits)):
        return activities.answer(cx, t)  # (「AIエンジニア支援事業の取組は？」: a named project's activities)
    if q.topic_strong and not (q.kpi_words or q.asks_achieved or q.quantity):
        return topic.answer(cx, t)
    if (q.compare and kp and len(prev.get("kpis") or []) == 1 and (strong or cx.names_kpi(t, kp[0][1]))
            and kp[0][1] is not cx.records.kpis[prev["kpis"][0]]):
        # 「新規雇用者数のほうと比べると、達成率はどっちが高い？」: the last answer's KPI against the one named now
        return kpi.answer(cx, t, [kp[0], (1.0, cx.records.kpis[prev["kpis"][0]])])
    if strong or (weak_kpi and (q.kpi_words or q.asks_achieved or q.quantity) and cx.names_kpi(t, kp[0][1])):
        # a KPI is named, but the question may ask what no KPI value says (a detail, a name, a fee, another 期 …)
        return another_question.answer(cx, t, kp) or kpi.answer(cx, t, kp)
    if (passage.WHERE.search(q.text) or passage.ASKS_NAME.search(q.text)) and (quoted := passage.answer(cx, t)) is not None:
        return quoted  # 「窓口はどこに置いたの？」「実証ってどこでやったの？」: a place the text gives, not a project list
    if passage.ASKS_DATE.search(q.text) and not q.topic_strong:
        # 「DMOはいつ設立されたの？」: a date the text gives, never the project's listing (its period is asked
        # with いつから / いつまで / 期間, answered above)
        return passage.answer(cx, t) or cx.not_found(t)
    if t.explicit and not t.rest and q.quantity and not q.topic:
        # 「若葉瀬港朝市は令和4年度に何回開いた？」: a count of what the title names — the sentence that gives it, never
        # the project's listing (which gives no count)
        return passage.answer(cx, t) or cx.not_found(t)
    if (q.topic and not t.rest) or (t.explicit and not t.rest):
        return topic.answer(cx, t)
    return passage.answer(cx, t) or cx.not_found(t)


def _in_order_named(kpis: list[Kpi], question: str) -> list[Kpi]:
    """The KPIs in the order the question named them (前者 is the first named); unnamed ones keep their place after."""
    text = normalize(question)
    return sorted(kpis, key=lambda k: (i if (i := text.find(normalize(k.name))) >= 0 else len(text)))

