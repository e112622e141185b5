"""The first step of every answer: the question read against the loaded corpus (see start)."""

from __future__ import annotations

import re
from dataclasses import replace

from ..reading import normalize
from ..records import Answer
from ..retrieve import Filters
from ..understand import REF, understand
from . import scope, smalltalk
from .context import Context, Turn


def start(cx: Context, question: str, history: list[Answer], filters: Filters) -> Turn | Answer:
    """The question read against the loaded corpus: its topic words, the city / report / year it narrows to,
    small talk and out-of-corpus places or years answered at once (an Answer instead of a Turn)."""
    q = understand(question)
    if (kind := smalltalk.kind_of(q.text)) and not any(
            cx.m.known(x) for x in cx.m.terms(smalltalk.leftover(q.text))):
        return smalltalk.answer(cx, q, kind)
    if q.new_topic:
        history = []  # 「話は変わるが」: nothing carries over
    q = scope.bare_years(cx, q)
    if q.lang == "en":
        # The field's general terms (lexicon) and the loaded reports' own names an English question spells
        # (Engineer Cafe -> エンジニア カフェ, Itoshima -> 糸島); all topic words, nouns or not (フレンドリー is 形状詞).
        ja = " ".join(cx.m.english_terms(q.raw))
        q = replace(q, text=f"{normalize(question).strip()} {ja}")
        terms = cx.m.terms(ja, nouns_only=False)
    else:
        terms = cx.m.terms(q.text)
    # A word the corpus never uses inside the question's form (「ワースト」「差」「合計」「該当」) names no topic.
    refs = "".join(m.group(0) for m in re.finditer(REF, q.text))  # 「上の3つ」's 上 is no topic either
    terms = [x for x in terms if not (x in refs or (not cx.m.known(x)
                                                   and any(x in c.lower() for c in q.cue_spans)))]
    city_terms: set[str] = set()
    named_city = [c for c in q.places if c in cx.report_cities]
    if len(cx.report_cities) > 1 and len(named_city) == 1 and not filters.city:
        # 「八女市の…」 in a corpus of many cities: the city becomes a filter, and its name stops being a topic word.
        filters = replace(filters, city=named_city[0])
        city_terms = set(cx.m.terms(named_city[0]))
    if not filters.report and not filters.city:
        # A place no report names as its city but one report's text mentions (a report read as text only, or
        # a town inside another's text): that report is what the question is about, not every other town's.
        for pl in q.places:
            if pl in cx.report_cities or any(pl in c or c in pl for c in cx.places):
                continue
            owners = cx.mentioning(pl)
            if len(owners) == 1:
                filters = replace(filters, report=owners.pop())
                city_terms |= set(cx.m.terms(pl))
    named_fy = [y for y in q.years if y in cx.report_years]
    if (len(cx.report_years) > 1 and len(named_fy) == 1 and not filters.fiscal_year
            and not ({"budget", "period"} & q.asks)):
        filters = replace(filters, fiscal_year=named_fy[0])  # 「令和4年度の事業」: that year's reports
    t = Turn(q, terms, filters, city_terms=city_terms, history=history)
    if not cx.in_corpus(t):
        return cx.not_found(t, cx.oos_reason(t))
    t.qvec = cx.qvec(q)
    t.hits = cx.retriever.search(q.text, k=30, filters=filters, qvec=t.qvec)
    scope.resolve(cx, t, history)
    return t
