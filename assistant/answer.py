"""Route a question to KPI look-ups, project facts, aggregates, topic search or passages, and compose a cited answer."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

import numpy as np

from . import eras
from . import series as ks
from .answering import derived as dv
from .answering import smalltalk
from .compose import (
    NOT_FOUND,
    budget_text,
    citations_md,
    dedupe,
    kpi_row,
    kpi_sentence,
    list_notes,
    trend_row,
    unit_note,
)
from .format import BUDGET_UNIT_YEN, fmt_baseline, fmt_num, kpi_value
from .match import Matcher, sentences
from .reading import normalize
from .records import Answer, Citation, Hit, Kpi, Number, Project
from .retrieve import Filters, Retriever
from .store import Records
from .understand import REF, Question, cue_text, passes, understand
from .verdicts import FIELDS, named_values, value_of

STRONG_KPI = 0.55  # a KPI the question clearly names
WEAK_KPI = 0.35
PASSAGE_COVER = 0.5  # share of the question's word weight a quoted sentence (with its headings) must cover
TREND_MAX = 8  # KPIs drawn year by year in one answer
LIST_MAX = 40  # rows written out in one answer; the count says how many matched in all
MAX_SCORED = 300  # KPIs / projects scored one by one; beyond this, retrieval picks the candidates
# A question that asks when: いつ, 何日, 日時, or a date noun (開設日, 開催日, 実施日 — a verbal noun + 日 ending the question).
_ASKS_DATE = re.compile(r"いつ|何日|日時|[一-龯]{2}日(は|って|を)?[?？]?$|\bwhen\b|\bdate\b", re.I)
# Dates as Japanese administrative documents write them: 5月20日, 令和2年5月20日, and the era-initial short form
# R2.5.20 / H30.4.1 (also 2020.5.20, 2020/5/20) — one notation of the field, not of one report.
_DATE = re.compile(r"\d{1,2}月\d{1,2}日|(?<![A-Za-z0-9])[RHS]\d{1,2}\.\d{1,2}\.\d{1,2}(?!\d)|\d{4}[./]\d{1,2}[./]\d{1,2}|\d{4}年")


def _money(p: Project, v: Number, year: str | None = None) -> str:
    """An amount in the project's printed unit (千円 / 円), marked （予定） for a planned year."""
    return f"{fmt_num(v)}{p.budget_unit or ''}" + ("（予定）" if year and year in p.budget_planned else "")


def _direction_unknown(k: Kpi) -> bool:
    """A computed rate on a KPI that may be lower-is-better: the number says nothing about meeting the target."""
    return k.rate_source == "computed" and "direction_unknown" in k.flags


def _year_in_text(code: str, text: str) -> bool:
    """Is fiscal year "R3" mentioned in the text (as R3n, R3年度 or 令和3年度)?"""
    return bool(re.search(rf"{code}(n|年度)|{eras.japanese(code)}", text))


def _substrings(text: str, shortest: int = 2, longest: int = 48) -> set[str]:
    """Every substring of a (short, length-capped) question within the given lengths."""
    n = len(text)
    return {text[i:j] for i in range(n) for j in range(i + shortest, min(n, i + longest) + 1)}


def bullets(lines: Iterable[str]) -> str:
    """Join answer lines, writing out at most LIST_MAX and counting the rest."""
    lines = list(lines)
    if len(lines) <= LIST_MAX:
        return "\n".join(lines)
    return "\n".join(lines[:LIST_MAX]) + f"\n- …ほか{len(lines) - LIST_MAX}件（市町村・年度・事業で絞り込むと確認できます）"


@dataclass
class Turn:
    """Working state for one question (not returned)."""

    q: Question
    terms: list[str]
    filters: Filters
    city_terms: set[str] = field(default_factory=set)  # words of a city the question named (now a filter)
    hits: list[Hit] = field(default_factory=list)
    scope: list[Project] = field(default_factory=list)  # projects the question (or its context) is about
    explicit: bool = False  # scope comes from the question itself
    qvec: np.ndarray | None = None
    asks_used: set[str] = field(default_factory=set)
    coverage: float = 0.0
    rest: list[str] = field(default_factory=list)  # terms not explained by the scope's project titles
    unknown: list[str] = field(default_factory=list)  # terms the corpus never uses
    history: list[Answer] = field(default_factory=list)
    extra: dict = field(default_factory=dict)  # more context for the next turn (a derived answer's operands)


class Answerer:
    def __init__(self, records: Records, retriever: Retriever, tokenizer: Callable) -> None:
        self.records = records
        self.retriever = retriever
        sparse = getattr(getattr(retriever, "index", None), "sparse", None)
        self.m = Matcher(records, getattr(tokenizer, "content_words", tokenizer), getattr(tokenizer, "nouns", None),
                         sparse.doc_freqs() if sparse is not None else None, getattr(retriever, "chunks_of", None))
        self.reports = {r.report: r for r in records.reports}
        self.projects = {(p.report, p.no): p for p in records.projects}
        self.kpi_index = {id(k): i for i, k in enumerate(records.kpis)}
        self.places = {re.sub(r"\(.*?\)|（.*?）", "", c) for p in records.projects for c in p.cities}
        self.report_cities = {r.city for r in records.reports if r.city}
        self.places |= self.report_cities
        self.by_title: dict[str, list[Project]] = {}
        for p in records.projects:
            title = normalize(p.title)
            self.by_title.setdefault(title, []).append(p)
            # 「川波町の地域医療…事業」 names 「川波町地域医療…事業」: a title opening with its city also answers to
            # the rest of it (the city then narrows, like any named city).
            cities = {normalize(re.sub(r"[(（].*?[)）]", "", c)) for c in
                      (*p.cities, *(r.city for r in records.reports if r.report == p.report and r.city))}
            for c in cities:
                if c and title.startswith(c) and len(title) - len(c) >= 6:
                    self.by_title.setdefault(title[len(c):], []).append(p)
        self.report_years = {r.fiscal_year for r in records.reports if r.fiscal_year}
        self.years = set(self.report_years)
        self.years |= {y for p in records.projects for y, _ in p.budget}
        self.years |= {k.fiscal_year for k in records.kpis if k.fiscal_year}
        for p in records.projects:  # every year inside a project period
            if p.period_raw and (per := eras.parse_period(p.period_raw)):
                start, end = eras.western(per[1]), eras.western(per[2])
                if start and end:
                    self.years |= {c for y in range(start, end + 1) if (c := eras.from_western(y, per[2][0]))}
        texts: dict[str, list[str]] = {}
        for c in records.chunks:
            texts.setdefault(c.report, []).append(c.indexed_text)
        self.report_texts = {r: "\n".join(t) for r, t in texts.items()}  # what each report says, for place look-ups
        self.kpi_chunk = {c.ref: c for c in records.chunks if c.kind == "kpi"}
        self.all_kpis = list(enumerate(records.kpis))
        self._allowed_cache: dict[Filters, list[Project]] = {}
        # Names a question may quote, each pointing at its projects: department units ("国際政策課", "保健福祉局")
        # and co-applicant cities; looked up by the question's substrings, so the cost does not grow with the corpus.
        self.by_unit: dict[str, list[Project]] = {}
        self.by_partner: dict[str, list[Project]] = {}
        for p in records.projects:
            for u in {u for u in re.findall(r"[^\s・]+?(?:課|局|部)", p.department or "") if len(u) >= 3}:
                self.by_unit.setdefault(u, []).append(p)
            for c in p.cities[1:]:
                self.by_partner.setdefault(re.sub(r"（.*?）|\(.*?\)", "", c), []).append(p)
        self.kpis_of: dict[tuple[str, int], list[tuple[int, Kpi]]] = {}
        for i, k in self.all_kpis:
            self.kpis_of.setdefault((k.report, k.project_no), []).append((i, k))
        self.fact_chunks: dict[tuple[str, int], list] = {}
        self.verdict_chunks: dict[tuple[str, int], list] = {}  # 事業の評価 / 今後の方針 / 事業の成果 passages
        for c in records.chunks:
            if c.kind in ("overview", "budget"):
                self.fact_chunks.setdefault((c.report, c.project_no), []).append(c)
            elif c.kind == "evaluation":
                self.verdict_chunks.setdefault((c.report, c.project_no), []).append(c)
        # One KPI over fiscal years (a multi-year grid gives one record a year): year order, by id() of each record.
        self.series, self.series_of = ks.build_series(records.kpis, self.projects, self.reports)

    # ----------------------------------------------------------------------------------------------------
    def answer(self, question: str, history: list[Answer], filters: Filters) -> Answer:
        q = understand(question)
        if (kind := smalltalk.kind_of(q.text)) and not any(
                self.m.known(x) for x in self.m.terms(smalltalk.leftover(q.text))):
            return self._smalltalk(q, kind)
        if q.new_topic:
            history = []  # 「話は変わるが」: nothing carries over
        q = self._bare_years(q)
        if q.lang == "en":
            # The field's general terms (lexicon) and the loaded reports' own names an English question spells
            # (Engineer Cafe -> エンジニア カフェ, Itoshima -> 糸島); all topic words, nouns or not (フレンドリー is 形状詞).
            ja = " ".join(self.m.english_terms(q.raw))
            q = replace(q, text=f"{normalize(question).strip()} {ja}")
            terms = self.m.terms(ja, nouns_only=False)
        else:
            terms = self.m.terms(q.text)
        # A word the corpus never uses inside the question's form (「ワースト」「差」「合計」「該当」) names no topic.
        refs = "".join(m.group(0) for m in re.finditer(REF, q.text))  # 「上の3つ」's 上 is no topic either
        terms = [x for x in terms if not (x in refs or (not self.m.known(x)
                                                       and any(x in c.lower() for c in q.cue_spans)))]
        city_terms: set[str] = set()
        named_city = [c for c in q.places if c in self.report_cities]
        if len(self.report_cities) > 1 and len(named_city) == 1 and not filters.city:
            # 「八女市の…」 in a corpus of many cities: the city becomes a filter, and its name stops being a topic word.
            filters = replace(filters, city=named_city[0])
            city_terms = set(self.m.terms(named_city[0]))
        if not filters.report and not filters.city:
            # A place no report names as its city but one report's text mentions (a report read as text only, or
            # a town inside another's text): that report is what the question is about, not every other town's.
            for pl in q.places:
                if pl in self.report_cities or any(pl in c or c in pl for c in self.places):
                    continue
                owners = self._mentioning(pl)
                if len(owners) == 1:
                    filters = replace(filters, report=owners.pop())
                    city_terms |= set(self.m.terms(pl))
        named_fy = [y for y in q.years if y in self.report_years]
        if (len(self.report_years) > 1 and len(named_fy) == 1 and not filters.fiscal_year
                and not ({"budget", "period"} & q.asks)):
            filters = replace(filters, fiscal_year=named_fy[0])  # 「令和4年度の事業」: that year's reports
        t = Turn(q, terms, filters, city_terms=city_terms, history=history)
        if not self._in_corpus(t):
            return self._not_found(t, self._oos_reason(t))
        t.qvec = self._qvec(q)
        t.hits = self.retriever.search(q.text, k=30, filters=filters, qvec=t.qvec)
        self._resolve_scope(t, history)
        prev = history[-1].context if history else {}
        kp = self._kpi_candidates(t)
        strong = bool(kp) and kp[0][0] >= STRONG_KPI
        weak_kpi = bool(kp) and kp[0][0] >= WEAK_KPI
        asks = set(q.asks)
        if q.weak_asks and not (weak_kpi or strong):
            asks |= q.weak_asks  # 「いくら」 is a budget question unless a KPI is named
        if asks and strong and (q.kpi_words or q.quantity) and not t.explicit:
            asks = set()  # 「八女茶の輸出額、実績いくら？」 names a KPI
        if strong and not t.explicit:  # 「継続利用者数は？」: the cue word belongs to the KPI's name
            asks -= {a for a in FIELDS if a in asks and (w := cue_text(a, q.text)) and w in normalize(kp[0][1].name)}
        if (not asks and prev.get("asks") and (not t.rest or (t.explicit and not strong)) and not q.kpi_words
                and not q.activities and not q.detail and not q.weak_asks and not q.baseline):
            asks = set(prev["asks"])  # 「AIエンジニア支援の方は？」 after a budget question
        if q.refers and prev.get("kpis") and t.explicit and not asks and not q.derived:
            # 「上の3つのうち、Aの事業のものは？」: the previous list, narrowed to the project named now.
            refs = self._refer(history, "kpis", q.ref_n) if q.ref_n else prev["kpis"]
            keys = {(p.report, p.no) for p in t.scope}
            sel = [k for i in refs if ((k := self.records.kpis[i]).report, k.project_no) in keys]
            if sel:
                body = f"前の回答の{len(refs)}件のうち、該当するKPIは{len(sel)}件です。\n\n" + "\n".join(
                    kpi_row(k, self.projects.get((k.report, k.project_no)), False, self._future(k)) for k in sel)
                return self._finish(t, "kpi_filter", body, [self._cite(k.report, k.project_no, k.page) for k in sel],
                                    kpis=sel)
        if q.derived and (d := self._derived(t, kp, strong, prev, asks)) is not None:
            return d
        if asks:
            return self._project_fact(t, asks)
        if (prev.get("kpis") and self._n_series(prev["kpis"]) <= 3 and not t.rest and not t.explicit
                and (q.kpi_words or q.asks_achieved or q.followup or q.trend or q.baseline)
                and not (q.rank or q.threshold or q.wants_list)
                and not (q.asks_achieved and self._n_series(prev["kpis"]) > 1)):  # 「その中で未達成なのは？」 filters the list
            return self._kpi_answer(t, [(1.0, self.records.kpis[i]) for i in prev["kpis"]])
        if q.count and not t.rest and not (q.asks_achieved or q.threshold or q.missing or q.lower_better):
            return self._count(t)
        if self._is_kpi_list(t, kp, prev):
            if t.unknown:
                return self._not_found(t, self._unknown_reason(t))
            return self._kpi_list(t, prev)
        if q.activities and not q.kpi_words and (t.scope or t.hits):
            return self._activities(t)
        if q.topic_strong and not (q.kpi_words or q.asks_achieved or q.quantity):
            return self._topic(t)
        if strong or (weak_kpi and (q.kpi_words or q.asks_achieved or q.quantity) and self._names_kpi(t, kp[0][1])):
            passage = self._passage(t) if q.detail else None
            if passage and passage.found and passage.context.get("coverage", 0) > self._kpi_cover(t, kp[0][1]) + 0.1:
                return passage
            return self._kpi_answer(t, kp)
        if (q.topic and not t.rest) or (t.explicit and not t.rest):
            return self._topic(t)
        return self._passage(t) or self._not_found(t)

    def _n_series(self, refs: list[int]) -> int:
        return len({self.series_of.get(id(self.records.kpis[i])) for i in refs})

    def _names_kpi(self, t: Turn, k: Kpi) -> bool:
        """A weak match only counts when the KPI's own name explains most of what the question is about."""
        terms = t.rest if t.explicit else t.terms
        return not terms or self.m.cover(terms, self.m.kpi_terms(self.kpi_index[id(k)])) >= 0.5

    def _kpi_cover(self, t: Turn, k: Kpi) -> float:
        i = self.kpi_index[id(k)]
        return self.m.cover(t.terms, self.m.kpi_terms(i) | self.m.title_terms((k.report, k.project_no)))

    def _unknown_reason(self, t: Turn) -> str:
        return f"（「{'」「'.join(t.unknown)}」に当たる記載は資料にありません）" if t.unknown else ""

    # ----------------------------------------------------------------------------------------------------
    def _qvec(self, q: Question) -> np.ndarray:
        return self.retriever.embed_query(q.text)

    def _unknown_places(self, q: Question) -> list[str]:
        """Places the question names that no report mentions (東京都 in a Fukuoka corpus)."""
        return [pl for pl in q.places
                if not any(pl in p or p in pl for p in self.places) and not self._mentioning(pl)]

    def _mentioning(self, text: str) -> set[str]:
        """The reports whose text mentions `text`."""
        return {r for r, body in self.report_texts.items() if text in body}

    def _unknown_years(self, q: Question) -> bool:
        return bool(q.years) and not any(y in self.years for y in q.years)

    def _in_corpus(self, t: Turn) -> bool:
        return not self._unknown_places(t.q) and not self._unknown_years(t.q)

    def _oos_reason(self, t: Turn) -> str:
        if bad_places := self._unknown_places(t.q):
            return f"（対象の資料に「{'、'.join(bad_places)}」の記載はありません）"
        if self._unknown_years(t.q):
            return f"（資料が扱う年度は {', '.join(eras.japanese(y) or y for y in sorted(self.years))} です）"
        return ""

    def _resolve_scope(self, t: Turn, history: list[Answer]) -> None:
        """Which projects the question is about: named in it, or carried over from the conversation."""
        self._scope(t, history)
        named = set()
        for p in t.scope if t.explicit else []:
            named |= self.m.title_terms((p.report, p.no))
            named |= set(self.m.terms(" ".join(p.cities) + " " + (p.department or "")))
        t.rest = [x for x in t.terms if x not in named]
        t.unknown = [x for x in t.terms if not self.m.known(x)]

    def _scope(self, t: Turn, history: list[Answer]) -> None:
        projects = self._projects_allowed(t.filters)
        if t.filters.project_no is not None:
            t.scope, t.explicit = projects, True
            return
        named = self._named_projects(t, projects)
        if named:
            t.scope, t.explicit = named, True
            return
        if history and (t.q.followup or t.q.refers or not t.terms or all(not self.m.known(x) for x in t.terms)):
            prev = history[-1].context
            keys = prev.get("projects") or []
            if t.q.ref_n:
                keys = self._refer(history, "projects", t.q.ref_n, self._distinct_keys)
            t.scope = [self.projects[k] for k in keys if k in self.projects]

    @staticmethod
    def _refer(history: list[Answer], what: str, n: int, distinct: Callable[[list], list] = list) -> list:
        """「その2つ」「上の3つ」: the first n items the previous answer listed; when it listed fewer (one project
        per turn: 「Aの事業費は？」「Bのほうは？」「その2つを足すと？」), the ones the turns before it were about."""
        keys = distinct(list(history[-1].context.get(what) or []))
        if len(keys) >= n:
            return keys[:n]
        for ans in reversed(history[:-1]):
            for k in ans.context.get(what) or []:
                if k not in keys:
                    keys.insert(0, k)
            if len(keys) >= n or ans.context.get("intent") == "smalltalk":
                break
        return keys[-n:] if len(keys) >= n else keys

    def _named_projects(self, t: Turn, projects: list[Project]) -> list[Project]:
        """Projects the question points at by title words, department, partner city or grant type."""
        spans = _substrings(t.q.text)
        allowed = {(p.report, p.no) for p in projects}

        def named(index: dict[str, list[Project]]) -> list[Project]:
            hits = [k for k in spans if k in index]
            return [p for k in hits for p in index[k] if (p.report, p.no) in allowed]

        # A quoted title wins (the longest one; every project of that name), then a department, then a partner.
        titled = sorted((k for k in spans if k in self.by_title and len(k) >= 4), key=len, reverse=True)
        for title in titled[:1]:
            exact = [p for p in self.by_title[title] if (p.report, p.no) in allowed]
            if exact:
                return exact
        by_field = list({id(p): p for p in named(self.by_unit)}.values())
        if by_field and len({p.department for p in by_field}) < len(projects):
            return by_field
        partner = list({id(p): p for p in named(self.by_partner)}.values())
        if partner:
            return partner
        if not t.terms:
            return []
        if len(projects) > MAX_SCORED:
            keys = {(h.chunk.report, h.chunk.project_no) for h in t.hits}
            projects = [p for p in projects if (p.report, p.no) in keys]
            if not projects:
                return []
        scores = self.m.project_scores(t.terms, projects)
        if not scores:  # e.g. a corpus whose reports hold no project at all (text only)
            return []
        best, second = scores[0][0], (scores[1][0] if len(scores) > 1 else 0.0)
        title_hit = [p for s, p in scores if self.m.covered_by(t.terms, self.m.title_terms((p.report, p.no))) >= 0.4]
        if len(title_hit) == 1:
            return title_hit
        if best >= 0.5 and best - second >= 0.15:
            return [scores[0][1]]
        return []

    def _projects_allowed(self, f: Filters) -> list[Project]:
        """Projects passing the filters, computed once per distinct filter (a city or a year)."""
        if f.empty():
            return list(self.records.projects)
        if f not in self._allowed_cache:
            if len(self._allowed_cache) > 256:
                self._allowed_cache.clear()
            pool = self.records.projects
            if f.city:  # only the projects of matching cities need checking
                keys = {k for city, ks in self.retriever.projects_of_city.items() if f.city in city for k in ks}
                pool = [p for p in self.records.projects if (p.report, p.no) in keys] if len(keys) < 1000 else pool
            self._allowed_cache[f] = [p for p in pool if self._allowed(p, f)]
        return self._allowed_cache[f]

    def _allowed(self, p: Project, f: Filters) -> bool:
        return f.allows(self.reports.get(p.report), p)

    def _cite(self, report: str, no: int, page: int | None = None) -> Citation:
        p = self.projects.get((report, no))
        return Citation(report, no, p.title if p else None, page if page is not None else (p.page if p else None))

    def _finish(self, t: Turn, intent: str, body: str, cites: list[Citation], kpis: list[Kpi] = (),
                projects: list[Project] = (), found: bool = True, hits: list[Hit] = ()) -> Answer:
        cites = dedupe(cites)[:LIST_MAX]
        projects = list(projects)[:LIST_MAX]
        if not hits:  # the passages a record-based answer rests on, for display next to it
            hits = [Hit(self.kpi_chunk[i], 0.0) for k in kpis if (i := self.kpi_index.get(id(k))) in self.kpi_chunk]
            hits += [Hit(c, 0.0) for p in projects for c in self.fact_chunks.get((p.report, p.no), [])]
        ctx = {"projects": [(p.report, p.no) for p in projects] or
               list(dict.fromkeys((k.report, k.project_no) for k in kpis)),
               "kpis": [self.kpi_index[id(k)] for k in kpis if id(k) in self.kpi_index], "intent": intent,
               "asks": sorted(t.asks_used), "coverage": t.coverage,
               "years": list(t.q.years) or list(dict.fromkeys(k.fiscal_year for k in kpis if k.fiscal_year)),
               "about": {"project_titles": [p.title for p in projects],
                         "kpi_names": list(dict.fromkeys(k.name for k in kpis)),
                         "attribute": sorted(t.asks_used) or ([intent] if intent.startswith("kpi") else [])}}
        ctx.update(t.extra)
        text = body + citations_md(cites, t.q.lang)
        return Answer(t.q.raw, text, intent, tuple(cites), tuple(kpis), tuple(projects), tuple(hits), found, ctx)

    def _not_found(self, t: Turn, reason: str = "") -> Answer:
        hits = t.hits or self.retriever.search(t.q.text, k=10, filters=t.filters)
        seen: list[tuple[str, int]] = []
        for h in hits:
            key = (h.chunk.report, h.chunk.project_no)
            if key not in seen:
                seen.append(key)
        sugg = [self.projects[k] for k in seen[:3] if k in self.projects]
        if t.q.lang == "en":
            body = f"{NOT_FOUND}. (The reports do not contain this.)"
        else:
            body = f"{NOT_FOUND}。{reason}"
        if sugg:
            body += "\n\n" + ("関連しそうな事業:" if t.q.lang == "ja" else "Closest projects:") + "\n" + "\n".join(
                f"- {p.title}（{p.report} / {p.page}ページ）" for p in sugg)
        return Answer(t.q.raw, body, "out_of_scope", (), (), tuple(sugg), tuple(hits[:5]), False,
                      {"projects": [], "kpis": [], "intent": "out_of_scope"})

    # ---------------------------------------------------------------- project facts and aggregates
    def _project_fact(self, t: Turn, asks: set[str]) -> Answer:
        q = t.q
        if t.unknown and set(FIELDS) & asks and not ({"budget", "period", "department", "partner"} & asks):
            return self._verdicts(t, [a for a in FIELDS if a in asks])  # 「廃止になった事業は？」: say which exist
        if t.unknown:
            return self._not_found(t, self._unknown_reason(t))
        projects = t.scope or self._projects_allowed(t.filters)
        years = tuple(y for y in q.years if y)
        t.asks_used = asks
        if "budget" in asks:
            return self._budget(t, projects, years)
        if "period" in asks:
            return self._period(t, projects, years)
        if "department" in asks or "partner" in asks:
            return self._department(t, projects)
        if "grant" in asks and not t.explicit and len(projects) > 1 and re.search(r"(先駆|横展開)", q.text):
            want = re.search(r"(先駆|横展開)", q.text).group(1)
            sel = [p for p in projects if p.grant_type and want in p.grant_type]
            if not sel:
                return self._not_found(t)
            body = f"{want}タイプの事業は{len(sel)}件です。\n\n" + bullets(
                f"- {p.title}（{p.grant_program or ''}・{p.grant_type}）" for p in sel)
            return self._finish(t, "grant", body, [self._cite(p.report, p.no) for p in sel], projects=sel)
        if "grant" in asks:
            lines = [f"- {p.title}: {p.grant_program or ''}（{p.grant_type or '記載なし'}）" for p in projects]
            return self._finish(t, "grant", "交付金の種類:\n" + bullets(lines),
                                [self._cite(p.report, p.no) for p in projects], projects=projects)
        if set(FIELDS) & asks:
            return self._verdicts(t, [a for a in FIELDS if a in asks])
        lines = [f"「{p.title}」の目的: {p.purpose or '資料に記載がありません'}" for p in projects]
        return self._finish(t, "purpose", "\n\n".join(lines), [self._cite(p.report, p.no) for p in projects],
                            projects=projects)

    def _verdict_cites(self, p: Project, fields: list[str]) -> tuple[list[Citation], list[Hit]]:
        """Where the project's 評価 / 方針 / 成果 are printed (their own passages when the index has them)."""
        labels = [FIELDS[f] for f in fields]
        chunks = [c for c in self.verdict_chunks.get((p.report, p.no), [])
                  if any(c.text.startswith(label) for label in labels)]
        if not chunks:
            return [self._cite(p.report, p.no)], []
        return ([Citation(p.report, p.no, p.title, c.page) for c in chunks], [Hit(c, 0.0) for c in chunks])

    def _verdicts(self, t: Turn, fields: list[str]) -> Answer:
        """事業の評価 / 今後の方針 / 事業の成果: of the projects in scope, or the projects whose printed value the
        question names (「見直しになった事業は？」), or every project's value."""
        projects = t.scope or self._projects_allowed(t.filters)
        t.asks_used = set(fields)
        listing = [f for f in fields if f != "outcome"]
        if not t.explicit and listing:
            # A value the question names, among the values printed for these projects (evaluation, then policy).
            for f in sorted(listing, key=lambda f: f != "policy"):
                wanted = named_values(t.q.text, [v for p in projects if (v := value_of(p, f))])
                if wanted:
                    return self._verdict_list(t, f, projects, wanted)
            if t.unknown:
                present = {v for p in projects for f in listing if (v := value_of(p, f))}
                reason = self._unknown_reason(t)
                if present:
                    reason += f"（資料にある{'・'.join(FIELDS[f] for f in listing)}: {'、'.join(sorted(present))}）"
                return self._not_found(t, reason)
        if not t.scope:
            return self._verdict_list(t, listing[0] if listing else fields[0], projects, [])
        lines, cites, hits = [], [], []
        for p in projects:
            parts = []
            for f in fields:
                v = value_of(p, f)
                if f == "outcome":
                    parts.append(f"{FIELDS[f]}:\n> {v}" if v else f"{FIELDS[f]}は資料に記載がありません。")
                else:
                    parts.append(f"{FIELDS[f]}は「{v}」です。" if v else f"{FIELDS[f]}は資料に記載がありません。")
            lines.append(f"「{p.title}」の" + "\n".join(parts))
            c, h = self._verdict_cites(p, fields)
            cites += c
            hits += h
        found = any(value_of(p, f) for p in projects for f in fields)
        if not found:
            return self._not_found(t, f"（{'・'.join(FIELDS[f] for f in fields)}は資料に記載がありません）")
        return self._finish(t, fields[0], "\n\n".join(lines), cites, projects=projects, hits=hits)

    def _verdict_list(self, t: Turn, field: str, projects: list[Project], wanted: list[str]) -> Answer:
        """Projects by one printed value (wanted), or every project's value with a count per value."""
        name = FIELDS[field]
        with_value = [p for p in projects if value_of(p, field)]
        if not with_value:
            return self._not_found(t, f"（{name}は資料に記載がありません）")
        sel = [p for p in with_value if value_of(p, field) in wanted] if wanted else with_value
        others = [f for f in ("evaluation", "policy") if f != field]

        def row(p: Project) -> str:
            extra = "".join(f" / {FIELDS[f]}「{v}」" for f in others if (v := value_of(p, f)))
            r = self.reports.get(p.report)
            city = p.city or (r.city if r else None)
            city = f"（{city}）" if city else ""
            return f"- {p.title}{city}: {name}「{value_of(p, field)}」{extra}"

        if wanted:
            head = f"{name}が「{'」「'.join(wanted)}」の事業は{len(sel)}件です（対象{len(with_value)}件）。"
        else:
            counts = {}
            for p in with_value:
                counts[value_of(p, field)] = counts.get(value_of(p, field), 0) + 1
            head = f"各事業の{name}（{len(with_value)}件）: " + "、".join(f"「{v}」{n}件" for v, n in counts.items()) + "。"
        cites, hits = [], []
        for p in sel[:LIST_MAX]:
            c, h = self._verdict_cites(p, [field])
            cites += c
            hits += h
        return self._finish(t, f"{field}_list", head + "\n\n" + bullets(row(p) for p in sel), cites,
                            projects=sel, hits=hits)

    def _budget(self, t: Turn, projects: list[Project], years: tuple[str, ...]) -> Answer:
        q = t.q
        text = q.text
        if years and not any(y in dict(p.budget) for p in projects for y in years):
            return self._not_found(t, f"（{'、'.join(eras.japanese(y) or y for y in years)}の経費は資料にありません）")
        cites = [self._cite(p.report, p.no) for p in projects]
        note = unit_note(projects)
        single = len(projects) == 1
        if re.search(r"合計|総額|トータル|total|sum", text, re.I) and not single:
            ys = years or tuple(dict.fromkeys(y for p in projects for y, _ in p.budget))
            units = list(dict.fromkeys(p.budget_unit or "" for p in projects))
            parts = []
            for y in ys:
                sums = []
                for u in units:  # amounts in 千円 and in 円 are never added together
                    group = [p for p in projects if (p.budget_unit or "") == u]
                    vals = [dict(p.budget).get(y) for p in group]
                    nums = [v for v in vals if v is not None]
                    if not nums and len(units) > 1:
                        continue
                    planned = any(y in p.budget_planned and dict(p.budget).get(y) is not None for p in group)
                    sums.append((f"{u + '単位' if u else '単位記載なし'}の事業 " if len(units) > 1 else "") + f"{fmt_num(sum(nums))}{u}"
                                + ("（予定額を含む）" if planned else "")
                                + (f"（{len(vals) - len(nums)}事業は記載なし）" if len(nums) < len(vals) else ""))
                parts.append(f"{eras.japanese(y)}の合計は" + "、".join(sums))
            body = "、".join(parts) + f"です{note}。\n\n" + bullets(
                f"- {p.title}: {budget_text(p, ys)}" for p in projects)
            return self._finish(t, "budget_total", body, cites, projects=projects)
        if re.search(r"増え|増加|減っ|減少|変わ|差|増額|減額|increase|decrease|change", text, re.I):
            rows = []
            for p in projects:
                b = [(y, v) for y, v in p.budget if v is not None]
                if len(b) >= 2:
                    (y0, v0), (y1, v1) = b[0], b[-1]
                    rows.append((p, y0, v0, y1, v1, v1 - v0))
            if single and rows:
                p, y0, v0, y1, v1, d = rows[0]
                word = "増えています" if d > 0 else "減っています" if d < 0 else "変わっていません"
                body = (f"「{p.title}」の交付対象事業経費は{eras.japanese(y0)} {_money(p, v0, y0)}、"
                        f"{eras.japanese(y1)} {_money(p, v1, y1)}で、{_money(p, abs(d))}{word}{note}。")
                return self._finish(t, "budget_change", body, cites, projects=projects)
            if not single:
                want_up = not re.search(r"減", text)
                sel = [r for r in rows if (r[5] > 0) == want_up and r[5] != 0]
                body = ("予算が増えた事業:" if want_up else "予算が減った事業:") + "\n" + bullets(
                    f"- {p.title}: {eras.japanese(y0)} {_money(p, v0, y0)} → {eras.japanese(y1)} {_money(p, v1, y1)}"
                    f"（{d:+,}{p.budget_unit or ''}）" for p, y0, v0, y1, v1, d in sel) + (f"\n{note}" if note else "")
                ps = [r[0] for r in sel]
                return self._finish(t, "budget_change", body, [self._cite(p.report, p.no) for p in ps], projects=ps)
        if q.rank and not single:
            # Without a year, each project counts with the budget of its own report's year.
            y = years[0] if years else None
            vals = [(v, p, yy) for p in projects
                    if (v := dict(p.budget).get(yy := (y or self._report_year(p)))) is not None]
            if not vals:
                return self._not_found(t)
            # Amounts printed in different units (千円 / 円) are compared in yen.
            units = {p.budget_unit for _, p, _ in vals}
            scale = len(units) > 1 and all(u in BUDGET_UNIT_YEN for u in units)

            def size(v: float, p: Project) -> float:
                return v * BUDGET_UNIT_YEN[p.budget_unit] if scale else v

            best = (min if q.rank == "min" else max)(size(v, p) for v, p, _ in vals)
            top = [(v, p, yy) for v, p, yy in vals if size(v, p) == best]
            word = "最も少ない" if q.rank == "min" else "最も多い"
            when = eras.japanese(y) if y else ("報告年度" if len(self.report_years) > 1 else
                                               eras.japanese(self._report_year(top[0][1])))
            body = (f"{when}の交付対象事業経費が{word}のは" + "、".join(f"「{p.title}」" for _, p, _ in top)
                    + f"で、{'、'.join(_money(p, v, yy) for v, p, yy in top)}です{note}。"
                    + ("（単位の異なる金額は円に換算して比べています）" if scale else "") + "\n\n" + bullets(
                        f"- {p.title}: {_money(p, v, yy)}" for v, p, yy in sorted(vals, key=lambda x: -size(x[0], x[1]))))
            # Every amount listed is cited; the top project(s) first, so 「その事業」 refers to the answer's subject.
            ranked = top + [x for x in sorted(vals, key=lambda x: size(x[0], x[1]), reverse=q.rank != "min")
                            if x not in top]
            return self._finish(t, "budget_rank", body, [self._cite(p.report, p.no) for _, p, _ in ranked],
                                projects=[p for _, p, _ in ranked])
        if single:
            p = projects[0]
            if q.lang == "en":
                body = f"The grant-eligible project cost (交付対象事業経費) of 「{p.title}」: {budget_text(p, years)}{note}."
            else:
                body = f"「{p.title}」の交付対象事業経費は、{budget_text(p, years)}です{note}。"
            return self._finish(t, "budget", body, cites, projects=projects)
        body = "各事業の交付対象事業経費:\n" + bullets(f"- {p.title}: {budget_text(p, years)}" for p in projects)
        return self._finish(t, "budget", body + (f"\n{note}" if note else ""), cites, projects=projects)

    def _report_year(self, p: Project) -> str:
        """The fiscal year of the project's report (its first budget year when the report states none)."""
        r = self.reports.get(p.report)
        return (r.fiscal_year if r and r.fiscal_year else None) or next((y for y, _ in p.budget), "")

    def _period(self, t: Turn, projects: list[Project], years: tuple[str, ...]) -> Answer:
        text = t.q.text
        with_period = [p for p in projects if p.period_raw]
        if not with_period:
            return self._not_found(t)
        if len(projects) > 1 and not t.explicit:
            parsed = {(p.report, p.no): eras.parse_period(p.period_raw) for p in with_period}
            if t.q.rank or re.search(r"長い|短い", text):
                span = {k: (eras.western(v[2]) or 0) - (eras.western(v[1]) or 0) for k, v in parsed.items() if v}
                want = min if re.search(r"短", text) else max
                best = want(span.values())
                sel = [p for p in with_period if span.get((p.report, p.no)) == best]
                body = ("事業期間が最も" + ("短い" if want is min else "長い") + "のは" + "、".join(
                    f"「{p.title}」（{p.period}、{best + 1}年度間）" for p in sel) + "です。\n\n")
            elif years:
                y = years[0]
                if re.search(r"始ま|開始|から", text):
                    sel = [p for p in with_period if parsed[(p.report, p.no)][1] == y]
                    body = f"{eras.japanese(y)}に始まる事業: " if sel else ""
                else:
                    sel = [p for p in with_period if parsed[(p.report, p.no)][2] == y]
                    body = f"事業期間が{eras.japanese(y)}までの事業: " if sel else ""
                if not sel:
                    return self._not_found(t)
                body += "、".join(f"「{p.title}」（{p.period}）" for p in sel) + "。\n\n"
            else:
                sel, body = with_period, ""
            body += bullets(f"- {p.title}: {p.period}（{p.period_raw}）" for p in with_period)
            return self._finish(t, "period", body, [self._cite(p.report, p.no) for p in sel], projects=sel)
        lines = []
        for p in with_period:
            line = f"「{p.title}」の事業期間は{p.period}（{p.period_raw}）です。"
            if years:
                end = eras.parse_period(p.period_raw)
                if end and years[0] == end[2]:
                    line += f"{eras.japanese(years[0])}が最終年度です。"
            if t.q.lang == "en":
                line = f"The project period of 「{p.title}」 is {p.period} ({p.period_raw})."
            lines.append(line)
        return self._finish(t, "period", bullets(lines), [self._cite(p.report, p.no) for p in with_period],
                            projects=with_period)

    def _department(self, t: Turn, projects: list[Project]) -> Answer:
        text = t.q.text
        asks_projects = re.search(r"(どの|どんな|何の)事業|事業(は|を)(\?|？|$|担当)|やってる|担当してる|行っている", text)
        if (t.explicit and asks_projects and len(projects) < len(self.records.projects)) or (
                "partner" in t.q.asks and asks_projects):
            body = "該当する事業: " + "、".join(f"「{p.title}」" for p in projects) + "。\n\n" + bullets(
                f"- {p.title}: 実施主体 {'、'.join(p.cities)} / 担当 {p.department or '記載なし'}" for p in projects)
            return self._finish(t, "department", body, [self._cite(p.report, p.no) for p in projects],
                                projects=projects)
        lines = []
        for p in projects:
            cities = "、".join(p.cities) if p.cities else "記載なし"
            if t.q.lang == "en":
                lines.append(f"「{p.title}」: department {p.department or 'not stated'}; applicants {cities}.")
            elif len(p.cities) > 1:
                lines.append(f"「{p.title}」の担当は{p.department or '記載なし'}で、実施主体は{cities}です"
                             f"（{p.cities[0]}が代表、{'、'.join(p.cities[1:])}と共同）。")
            else:
                lines.append(f"「{p.title}」の担当は{p.department or '記載なし'}（実施主体: {cities}）です。")
        return self._finish(t, "department", bullets(lines), [self._cite(p.report, p.no) for p in projects],
                            projects=projects)

    # ---------------------------------------------------------------- KPIs
    def _kpi_pool(self, t: Turn, prev: dict) -> list[tuple[int, Kpi]]:
        if t.scope:
            ks = [ik for p in t.scope for ik in self.kpis_of.get((p.report, p.no), [])]
        else:
            ks = self.all_kpis
        if not t.filters.empty():
            keys = {(p.report, p.no) for p in self._projects_allowed(t.filters)}
            ks = [(i, k) for i, k in ks if (k.report, k.project_no) in keys] if t.scope else [
                ik for key in keys for ik in self.kpis_of.get(key, [])]
        return ks

    def _kpi_candidates(self, t: Turn) -> list[tuple[float, Kpi]]:
        pool = self._kpi_pool(t, {})
        if len(pool) > MAX_SCORED:
            # At national scale score only the KPIs retrieval puts forward, not every row.
            f = replace(t.filters, kinds=("kpi",))
            refs = [h.chunk.ref for h in self.retriever.search(t.q.text, k=MAX_SCORED, filters=f, qvec=t.qvec)]
            in_pool = {i for i, _ in pool} if len(pool) < len(self.all_kpis) else None
            pool = [(i, self.records.kpis[i]) for i in refs if in_pool is None or i in in_pool]
        terms = [x for x in (t.rest if t.explicit else t.terms) if x not in t.city_terms]
        if not terms or not pool:
            return []
        scores = self.m.kpi_scores(terms, pool)
        # Retrieval (BM25 + e5) breaks near-ties and rescues paraphrases the lemmas miss.
        rank = {h.chunk.ref: r for r, h in enumerate(x for x in t.hits if x.chunk.kind == "kpi")}
        out = []
        for s, i in scores:
            r = rank.get(i)
            bonus = 0.12 if r == 0 else 0.06 if r == 1 else 0.0
            out.append((s + bonus, self.records.kpis[i]))
        out.sort(key=lambda x: -x[0])
        return out

    def _is_kpi_list(self, t: Turn, kp: list[tuple[float, Kpi]], prev: dict) -> bool:
        q = t.q
        strong = bool(kp) and kp[0][0] >= STRONG_KPI
        aggregate = q.rank or q.threshold or q.lower_better or (q.missing and q.wants_list)
        if aggregate and not (strong and not q.wants_list and not q.rank):
            return True
        if (q.asks_achieved or q.kpi_words) and q.wants_list and not strong:
            return True
        if q.kpi_words and t.explicit and not t.rest:
            return True  # 「AI事業のKPIは？」
        if re.search(r"KPI|kpi|指標", q.text) and not t.terms and not prev.get("kpis"):
            return True  # just 「KPI」 (a bare 「実績は？」 with nothing before it stays unanswered)
        return bool(prev.get("kpis")) and q.followup and bool(q.rank or q.asks_achieved) and not strong

    def _kpi_list(self, t: Turn, prev: dict) -> Answer:
        q = t.q
        if t.scope:
            pool = [k for _, k in self._kpi_pool(t, prev)]
        elif prev.get("kpis") and q.followup:
            pool = [self.records.kpis[i] for i in prev["kpis"]]
        else:
            pool = [k for _, k in self._kpi_pool(t, prev)]
        if not pool:
            return self._not_found(t)
        if q.trend:  # 「この事業のKPIの推移は？」: every KPI of the pool over its years
            keys = list(dict.fromkeys(self.series_of[id(k)] for k in pool if id(k) in self.series_of))
            return self._kpi_trend(t, keys[:TREND_MAX])
        multi_year = any(len(self.series[self.series_of[id(k)]]) > 1 for k in pool if id(k) in self.series_of)
        sel = pool
        desc = "KPI"
        if q.lower_better:
            sel = [k for k in pool if k.lower_is_better]
            desc = "低いほど良い（達成率＝目標÷実績）KPI"
        elif q.missing:
            sel = [k for k in pool if k.actual is None or k.rate is None]
            desc = "実績または達成率が記載されていないKPI"
        elif q.threshold:
            op, v = q.threshold
            sel = [k for k in pool if k.rate is not None and not _direction_unknown(k) and passes(op, v, k.rate)]
            desc = f"達成率が{v:g}%{ {'<': '未満', '<=': '以下', '>': '超', '>=': '以上'}[op] }のKPI"
        elif q.asks_achieved and not q.rank:
            sel = [k for k in pool if k.achieved is (q.achieved if q.achieved is not None else True)]
            desc = "目標を達成したKPI" if q.achieved is not False else "目標に届かなかったKPI"
        if q.rank:
            rated = [k for k in sel if k.rate is not None and not _direction_unknown(k)]
            if not rated:
                return self._not_found(t)
            best = (min if q.rank == "min" else max)(k.rate for k in rated)
            top = [k for k in rated if k.rate == best]
            if (m := re.search(r"(?:ワースト|ベスト|トップ|上位|下位|worst|best|top)\s*(\d+)|(\d+)\s*(?:つ|件|個)", q.text, re.I)):
                n = int(m.group(1) or m.group(2))  # 「ワースト3」: the n lowest (ties at the edge kept)
                ordered = sorted(rated, key=lambda k: k.rate, reverse=q.rank == "max")
                if 1 < n < len(ordered):
                    edge = ordered[n - 1].rate
                    top = [k for k in ordered if (k.rate <= edge if q.rank == "min" else k.rate >= edge)]
            word = "最も低い" if q.rank == "min" else "最も高い"
            if len(top) > 1 and top[0].rate != top[-1].rate:
                word = f"低い順に{len(top)}件の" if q.rank == "min" else f"高い順に{len(top)}件の"
            lines = [kpi_sentence(k, self.projects.get((k.report, k.project_no)), q.lang) for k in top]
            body = (f"達成率が{word}KPIは次のとおりです（{len(rated)}件中）。\n\n" if q.lang == "ja" else
                    f"The KPI with the {'lowest' if q.rank == 'min' else 'highest'} achievement rate "
                    f"(of {len(rated)}):\n\n") + "\n".join(lines)
            if q.lang == "ja" and (skipped := sum(1 for k in sel if k.rate is not None and _direction_unknown(k))):
                body += (f"\n\n※資料に達成率がなく指標の向きも分からないKPI（{skipped}件）は、"
                         "計算した達成率の意味が定まらないため比べていません。")
            return self._finish(t, "kpi_rank", body, [self._cite(k.report, k.project_no, k.page) for k in top],
                                kpis=top)
        if not sel:
            shown = pool[:LIST_MAX]
            body = f"{desc}はありません（対象{len(pool)}件）。\n\n" + "\n".join(
                kpi_row(k, self.projects.get((k.report, k.project_no)), multi_year, self._future(k)) for k in shown)
            if notes := list_notes(shown):
                body += "\n\n" + notes
            return self._finish(t, "kpi_filter", body, [self._cite(k.report, k.project_no, k.page) for k in shown],
                                kpis=shown)
        head = f"{desc}は{len(sel)}件です（対象{len(pool)}件）。" if sel is not pool else f"{desc}は{len(sel)}件です。"
        n_kpis = self._n_series([self.kpi_index[id(k)] for k in sel])
        if multi_year and q.lang == "ja" and n_kpis < len(sel):  # a KPI over several years: count KPIs, then rows
            head = head.replace(f"は{len(sel)}件です", f"は{n_kpis}指標"
                                f"（年度ごとの値{len(sel)}件）です", 1)
        if q.lang == "en":
            head = f"{len(sel)} of {len(pool)} KPIs match ({desc}):"
        shown = sel[:LIST_MAX]
        body = head + "\n\n" + "\n".join(
            kpi_row(k, self.projects.get((k.report, k.project_no)), multi_year, self._future(k)) for k in shown)
        if len(sel) > len(shown):
            body += f"\n- …ほか{len(sel) - len(shown)}件（事業や年度で絞り込むと全件を確認できます）"
        if notes := list_notes(shown):
            body += "\n\n" + notes
        return self._finish(t, "kpi_list" if sel is pool else "kpi_filter", body,
                            [self._cite(k.report, k.project_no, k.page) for k in shown], kpis=shown)

    def _series_ranked(self, kp: list[tuple[float, Kpi]]) -> list[tuple[float, ks.SeriesKey]]:
        """Candidate KPIs folded into their series (one KPI over the years), best score first."""
        out: dict[ks.SeriesKey, float] = {}
        for s, k in kp:
            key = self.series_of.get(id(k))
            if key is not None and key not in out:
                out[key] = s
        return [(s, key) for key, s in out.items()]

    def _future(self, k: Kpi) -> bool:
        return ks.is_future(k, self.reports)

    def _kpi_answer(self, t: Turn, kp: list[tuple[float, Kpi]]) -> Answer:
        q = t.q
        ranked = self._series_ranked(kp)
        if not ranked:
            return self._not_found(t)
        best = ranked[0][0]
        keys = [key for s, key in ranked if s >= max(WEAK_KPI, best - 0.05)] or [ranked[0][1]]
        if q.compare:  # 「AとB、どっちが高い？」: the two best-named KPIs, side by side
            keys = [key for s, key in ranked[:2] if s >= WEAK_KPI] or keys[:1]
        if len(keys) > 1 and (m := re.search(r"何(人|名|件|回|世帯|社|団体|倍|%|％|事業)", q.text)):
            # 「何回」 asks for a count of 回: a unit the question names settles a tie between KPIs.
            unit = {"名": "人", "％": "%"}.get(m.group(1), m.group(1))
            same = [key for key in keys if self.series[key][0].unit == unit]
            keys = same if len(same) == 1 else keys
        keys = keys[:3]
        if q.trend:
            return self._kpi_trend(t, keys)
        if q.baseline:
            return self._kpi_baseline(t, keys)
        chosen: list[Kpi] = []
        for key in keys:
            members = self.series[key]
            if q.years:
                # A value for another year may still be stated in the KPI's 補足 (e.g. "R3n目標 40%").
                inyear = [k for k in members if k.fiscal_year in q.years]
                chosen += inyear or [k for k in members if not k.fiscal_year
                                     or any(_year_in_text(y, k.note or "") for y in q.years)][-1:]
            else:
                chosen.append(ks.latest(members))
        chosen = chosen[:3]
        if not chosen:
            have = ks.years_text(self.series[keys[0]])
            return self._not_found(t, f"（その年度の値は資料にありません。資料にあるのは{have}の値です）")
        lines = [kpi_sentence(k, self.projects.get((k.report, k.project_no)), q.lang, self._future(k))
                 for k in chosen]
        if not q.years and q.lang == "ja":
            for n, k in enumerate(chosen):
                members = self.series[self.series_of[id(k)]]
                if len(members) > 1:
                    lines[n] += (f"（この指標は{ks.years_text(members)}の値が資料にあります。ここでは実績のある最新の"
                                 f"{eras.japanese(k.fiscal_year)}を示しました。年度ごとの値は「推移は？」で確認できます）")
        if re.search(r"なぜ|何故|理由|原因|why", q.text, re.I):
            # A why-question gets the report's explanation when it has one (補足, lower-is-better), never ours.
            unexplained = [k for k in chosen if not k.note and not k.lower_is_better]
            if unexplained:
                lines.append("理由や要因は資料に記載がありません。" if q.lang == "ja" else
                             "The reports do not state the reasons.")
        body = "\n\n".join(lines)
        rated = [k for k in chosen if k.rate is not None]
        if q.compare and len(rated) == 2:
            hi = max(rated, key=lambda k: k.rate)
            body = f"達成率が高いのは「{hi.name}」（{kpi_value(hi, 2)}）です。\n\n" + body
        elif len(chosen) > 1:
            body = ("複数の指標が該当します。\n\n" if q.lang == "ja" else "Several KPIs match:\n\n") + body
        intent = "kpi_achieved" if q.asks_achieved else "kpi_value"
        return self._finish(t, intent, body, [self._cite(k.report, k.project_no, k.page) for k in chosen],
                            kpis=chosen)

    def _kpi_trend(self, t: Turn, keys: list[ks.SeriesKey]) -> Answer:
        """Each fiscal year's 目標 / 実績 / 達成率 of the KPIs, in year order (a future year: its target only)."""
        blocks, kpis = [], []
        for key in keys:
            members = self.series[key]
            k0 = members[-1]
            p = self.projects.get((k0.report, k0.project_no))
            head = f"「{k0.name}」" + (f"（{p.title}）" if p else "") + "の年度ごとの目標・実績"
            if k0.unit:
                head += f"（単位: {k0.unit}）"
            lines = [head + ":"] + [trend_row(k, self._future(k)) for k in members]
            if (base := fmt_baseline(k0)) is not None:
                lines.append(f"基準値: {base}")
            done = [k for k in members if k.actual is not None and k.fiscal_year]
            if len(members) == 1:
                lines.append(f"資料にはこの指標の{ks.years_text(members)}の値のみが記載されています。")
            elif len(done) >= 2:
                a0, a1 = done[0], done[-1]
                word = "増えています" if a1.actual > a0.actual else "減っています" if a1.actual < a0.actual else "変わっていません"
                lines.append(f"実績は{eras.japanese(a0.fiscal_year)}の{kpi_value(a0, 1)}から"
                             f"{eras.japanese(a1.fiscal_year)}の{kpi_value(a1, 1)}へ{word}。")
            future = [k for k in members if self._future(k)]
            if future:
                lines.append(f"{ks.years_text(future)}は目標のみで、実績はまだ報告されていません。")
            blocks.append("\n".join(lines))
            kpis += members
        body = "\n\n".join(blocks)
        if notes := list_notes(kpis):
            body += "\n\n" + notes
        return self._finish(t, "kpi_trend", body, [self._cite(k.report, k.project_no, k.page) for k in kpis],
                            kpis=kpis)

    def _kpi_baseline(self, t: Turn, keys: list[ks.SeriesKey]) -> Answer:
        """基準値 (the value the targets start from), with the KPI's unit."""
        lines, kpis = [], []
        for key in keys:
            k = ks.latest(self.series[key])
            p = self.projects.get((k.report, k.project_no))
            ptitle = f"（{p.title}）" if p else ""
            base = fmt_baseline(k)
            lines.append(f"「{k.name}」{ptitle}の基準値は{base}です。" if base else
                         f"「{k.name}」{ptitle}の基準値は資料に記載がありません（記載なし）。")
            kpis.append(k)
        if len(lines) > 1:
            lines.insert(0, "複数の指標が該当します。")
        return self._finish(t, "kpi_baseline", "\n\n".join(lines),
                            [self._cite(k.report, k.project_no, k.page) for k in kpis], kpis=kpis)

    # ---------------------------------------------------------------- topics and passages
    def _topic(self, t: Turn) -> Answer:
        projects = t.scope if t.explicit else []
        if not projects:
            if not t.terms:
                projects = self._projects_allowed(t.filters)
            else:
                order: list[tuple[str, int]] = []
                for h in t.hits:
                    key = (h.chunk.report, h.chunk.project_no)
                    if key not in order and self.m.cover(t.terms, self.m.project_terms(key)) >= 0.5:
                        order.append(key)
                projects = [self.projects[k] for k in order if k in self.projects]
        if not projects:
            return self._not_found(t)
        lines = []
        for p in projects:
            best = next((h for h in t.hits if (h.chunk.report, h.chunk.project_no) == (p.report, p.no)
                         and h.chunk.kind in ("activity", "purpose")), None)
            summary = (p.purpose or "")[:80]
            if best and t.rest:
                sent = self._best_sentences(t, [best])
                summary = sent[0][0] if sent else summary
            lines.append(f"- **{p.title}**（{'、'.join(p.cities) or ''} / {p.period or ''}）: {summary}")
        head = f"該当する事業は{len(projects)}件です。" if t.q.lang == "ja" else f"{len(projects)} matching project(s):"
        return self._finish(t, "topic", head + "\n\n" + bullets(lines),
                            [self._cite(p.report, p.no) for p in projects], projects=projects)

    @staticmethod
    def _detail_bonus(question: str, sentence: str) -> float:
        """A sentence that gives the kind of thing a question asks for: a date for 「いつ」, an X for 「何X」."""
        b = 0.0
        if _ASKS_DATE.search(question) and _DATE.search(sentence):
            b += 0.5
        if m := re.search(r"何(?![故処])([一-龯])", question):  # not 何故 (why), 何処 (where)
            # 「何人」「何回」「何語」 ask for an X: a number counting X (3人) answers best, a word ending in X (英語) next.
            x = re.escape(m.group(1))
            b += 0.5 if re.search(rf"\d{x}", sentence) else 0.3 if re.search(rf"[一-龯ァ-ヶ]{x}", sentence) else 0.0
        elif re.search(r"人数|how many people|attend", question, re.I) and re.search(r"\d+人", sentence):
            b += 0.5
        return b

    def _passage(self, t: Turn) -> Answer | None:
        """Quote the activity/purpose sentences that cover the question's words; None when nothing does."""
        hits = [h for h in t.hits if h.chunk.kind in ("activity", "purpose", "overview", "note", "evaluation", "page")]
        if t.scope:
            keys = {(p.report, p.no) for p in t.scope}
            hits = [h for h in hits if (h.chunk.report, h.chunk.project_no) in keys] or hits
        if not hits or not t.terms:
            return None
        if [x for x in t.rest if not self.m.known(x)]:
            return None  # the question names something the reports never mention
        found = self._best_sentences(t, hits[:8])
        cover = max((c for _, _, c in found), default=0.0)
        if cover < PASSAGE_COVER:
            return None
        text = " ".join(s for s, _, _ in found)
        if t.q.quantity and not re.search(r"\d", text):
            return None  # a count was asked and the passage gives none
        if _ASKS_DATE.search(t.q.text) and not (_DATE.search(text) or re.search(r"\d+月|\d+日|年度|\d{4}年", text)):
            return None
        hit = found[0][1]
        c = hit.chunk
        quote = "\n".join(f"> {s}" for s, _, _ in found)
        head = c.text.partition(": ")[0] if c.kind in ("activity", "evaluation") else ""
        source = c.project_title or f"{c.report} {c.page}ページ"
        if t.q.lang == "en":
            body = f"From 「{source}」{f' ({head})' if head else ''}:\n\n{quote}"
        else:
            body = f"「{source}」{f'の「{head}」' if head else ''}に次の記載があります。\n\n{quote}"
        t.coverage = cover
        p = self.projects.get((c.report, c.project_no))
        return self._finish(t, "detail", body, [Citation(c.report, c.project_no or None, c.project_title or None,
                                                         c.page)],
                            projects=[p] if p else [], hits=[hit])

    def _best_sentences(self, t: Turn, hits: list[Hit]) -> list[tuple[str, Hit, float]]:
        """The best sentence and the near-equal ones beside it in the same chunk (e.g. 第1期 and 第2期)."""
        scored = []
        for h in hits:
            c = h.chunk
            head, _, body = c.text.partition(": ")
            ctx = set(self.m.words(c.context + " " + head))
            for n, sent in enumerate(sentences(body or c.text)):
                sw = set(self.m.words(sent))
                cov = self.m.cover(t.terms, sw | ctx)
                score = cov + 0.5 * self.m.cover(t.terms, sw) + self._detail_bonus(t.q.text, sent) + 0.5 * h.score
                scored.append((score, n, sent, h, cov))
        if not scored:
            return []
        scored.sort(key=lambda x: -x[0])
        top = scored[0]
        same = [x for x in scored if x[3] is top[3] and x[0] >= top[0] - 0.15][:3]
        if re.match(r"^(なお|また|同|その|これ)", top[2]) or re.search(r"同(財団|事業|センター|協議会|団体|社)", top[2]):
            # The sentence leans on the one before it ("同財団に…"): quote that one too.
            prev = [x for x in scored if x[3] is top[3] and x[1] == top[1] - 1]
            same += [x for x in prev if x not in same]
        same.sort(key=lambda x: x[1])
        return [(x[2], x[3], x[4]) for x in same]

    def _count(self, t: Turn) -> Answer:
        projects = t.scope or self._projects_allowed(t.filters)
        keys = {(p.report, p.no) for p in projects}
        kpis = [k for k in self.records.kpis if (k.report, k.project_no) in keys]
        if re.search(r"KPI|kpi|指標", t.q.text):
            # A KPI printed for several fiscal years counts once (its yearly records are listed with it).
            named = {(p.report, p.no): len({self.series_of.get(id(k)) for k in kpis
                                           if (k.report, k.project_no) == (p.report, p.no)}) for p in projects}
            total = len({self.series_of.get(id(k)) for k in kpis})
            per = "、".join(f"{p.title} {named[(p.report, p.no)]}件" for p in projects)
            body = f"KPIは全部で{total}件です（{per}）。"
            if total != len(kpis):
                body += f"年度ごとの値は{len(kpis)}件あります。"
            names = list(dict.fromkeys(k.name for k in kpis))
            if len(names) > LIST_MAX:  # too many to name: carry none rather than records the text does not mention
                return self._finish(t, "count", body, [self._cite(p.report, p.no) for p in projects],
                                    projects=projects)
            body += "\n\n" + bullets(f"- {n}" for n in names)
            return self._finish(t, "count", body, [self._cite(p.report, p.no) for p in projects], kpis=kpis)
        body = f"資料に載っている事業は{len(projects)}件です。\n\n" + bullets(f"- {p.title}" for p in projects)
        return self._finish(t, "count", body, [self._cite(p.report, p.no) for p in projects], projects=projects)

    def _activities(self, t: Turn) -> Answer:
        first = next((self.projects[k] for h in t.hits if (k := (h.chunk.report, h.chunk.project_no)) in self.projects),
                     None)
        scope = t.scope or ([first] if first else [])
        if not scope:
            return self._not_found(t)
        t.scope = scope
        lines = []
        for p in scope:
            lines.append(f"「{p.title}」の主な取組:")
            lines += [f"- {a.no} {a.title}" + (f": {sentences(a.text)[0]}" if a.text else "") for a in p.activities]
        cites = [self._cite(p.report, p.no) for p in scope]
        return self._finish(t, "activities", "\n".join(lines), cites, projects=scope)

    # ---------------------------------------------------------------- small talk, years, derived numbers
    def _smalltalk(self, q: Question, kind: str) -> Answer:
        body = smalltalk.reply(kind, self.records, q.lang)
        ex = smalltalk.examples(self.records)
        return Answer(q.raw, body, "smalltalk", found=True,
                      context={"projects": [], "kpis": [], "intent": "smalltalk", "asks": [], "smalltalk": kind,
                               "examples": ex})

    def _bare_years(self, q: Question) -> Question:
        """「3年度」「令和2〜4年度」 without (or with one) era: the corpus's years of that number, when only one era
        has it."""
        years = list(q.years)
        text = normalize(q.raw)
        found: list[int] = []
        for m in re.finditer(r"(?<![0-9令和平成昭RHS])(\d{1,2}|元)\s*(?:年度|n)", text):
            found.append(1 if m.group(1) == "元" else int(m.group(1)))
        for m in re.finditer(r"(\d{1,2}|元)\s*(?:年度|n)?\s*[〜~～\-－から]+\s*(?:令和|平成|R|H)?(\d{1,2})\s*(?:年度|n)", text):
            a = 1 if m.group(1) == "元" else int(m.group(1))
            found += list(range(a, int(m.group(2)) + 1))
        for n in found:
            codes = [c for c in self.years if c[1:].isdigit() and int(c[1:]) == n]
            if len(codes) == 1 and codes[0] not in years:
                years.append(codes[0])
        if len(years) == len(q.years):
            return q
        years.sort(key=lambda c: eras.western(c) or 0)
        return replace(q, years=tuple(years))

    def _derived(self, t: Turn, kp: list[tuple[float, Kpi]], strong: bool, prev: dict,
                 asks: set[str]) -> Answer | None:
        """Arithmetic on cited figures; None when the question is not about figures this can reach."""
        q = t.q
        budgetish = ("budget" in asks or "budget" in q.weak_asks or q.derived == "convert"
                     or (("budget" in prev.get("asks", [])) and not q.kpi_words and not strong))
        if budgetish and not (strong and q.kpi_words and not t.explicit):
            return self._derived_budget(t, prev)
        kpis: list[Kpi] = []
        named = strong or (bool(kp) and kp[0][0] >= WEAK_KPI and self._names_kpi(t, kp[0][1]))
        if named and not (q.refers and prev.get("kpis")):
            ranked = self._series_ranked(kp)
            best = ranked[0][0]
            keys = [key for s, key in ranked if s >= max(WEAK_KPI, best - 0.05)][:3]
            for key in keys:
                members = self.series[key]
                inyear = [k for k in members if k.fiscal_year in q.years] if q.years else []
                kpis += inyear or [ks.latest(members)]
        elif prev.get("kpis") and (not t.rest or q.refers or q.followup):
            kpis = [self.records.kpis[i] for i in prev["kpis"]]
            if q.ref_n:
                kpis = [self.records.kpis[i] for i in self._refer(t.history, "kpis", q.ref_n)]
            if q.years:
                kpis = [k for k in kpis if k.fiscal_year in q.years] or kpis
            if len(kpis) > 1 and q.derived == "diff":
                # After a list, the rows not yet at target are what a gap question is about.
                kpis = [k for k in kpis if k.achieved is False] or kpis
            kpis = kpis[:LIST_MAX]
        if not kpis:
            return None
        return self._derived_kpi(t, kpis)

    def _derived_kpi(self, t: Turn, kpis: list[Kpi]) -> Answer | None:
        q = t.q
        title = lambda k: (p.title if (p := self.projects.get((k.report, k.project_no))) else None)  # noqa: E731
        cites = [self._cite(k.report, k.project_no, k.page) for k in kpis]
        if q.derived == "diff":
            vs = "baseline" if q.baseline else "target"
            lines = [dv.kpi_gap(k, title(k), vs) or dv.kpi_missing(k, vs) for k in kpis[:5]]
            if not any(dv.kpi_gap(k, title(k), vs) for k in kpis[:5]):
                body = f"{NOT_FOUND}。" + "".join(lines)
                return Answer(q.raw, body + citations_md(dedupe(cites), q.lang), "derived", tuple(dedupe(cites)),
                              tuple(kpis), (), (), False, {"projects": [], "kpis": [self.kpi_index[id(k)] for k in kpis],
                                                            "intent": "derived", "derived": "diff"})
            t.extra = {"derived": "diff"}
            return self._finish(t, "derived", "\n\n".join(lines), cites, kpis=kpis[:5])
        if q.derived in ("sum", "avg") and len(kpis) > 1:
            terms = dv.kpi_values(kpis, "actual")
            missing = [f"{k.name}の実績" for k in kpis if k.actual is None]
            f = dv.sum_text if q.derived == "sum" else dv.avg_text
            body = f(terms, missing, "実績")
            if body is None:
                if not dv.one_unit(terms):
                    body = ("単位の異なる指標（" + "・".join(dict.fromkeys(x.unit or "単位なし" for x in terms))
                            + "）の実績は足し合わせられません。\n\n" + "\n".join(
                                f"- {x.label}: {dv.num(x.value)}{x.unit}" for x in terms))
                    return self._finish(t, "derived", body, cites, kpis=kpis)
                return None
            t.extra = {"derived": q.derived}
            return self._finish(t, "derived", body, cites, kpis=kpis)
        return None

    def _derived_budget(self, t: Turn, prev: dict) -> Answer | None:
        q = t.q
        if t.explicit or t.scope:
            projects = t.scope
        else:
            projects = self._projects_allowed(t.filters)
        projects = self._distinct(projects)
        if not projects:
            return None
        years = q.years
        if not years and prev.get("years") and "budget" in prev.get("asks", []) and q.derived == "diff":
            years = tuple(prev["years"])
        cites = [self._cite(p.report, p.no) for p in projects]
        unit_note_ = unit_note(projects)
        units = {p.budget_unit or "" for p in projects}
        body = None
        if q.derived == "convert":
            if len(projects) != 1:
                return None
            body = dv.convert_text(projects[0], years, to_yen=not re.search(r"千円", q.text))
            if body is None:
                return None
        elif q.derived in ("sum", "avg"):
            if len(units) > 1:
                body = ("金額の単位が異なる事業（" + "・".join(sorted(u or "単位記載なし" for u in units))
                        + "）は足し合わせられないため、単位ごとに示します。\n\n")
                parts = []
                for u in sorted(units):
                    group = [p for p in projects if (p.budget_unit or "") == u]
                    terms, missing = dv.budget_terms(group, years, True)
                    parts.append(dv.sum_text(terms, missing, f"{u + '単位' if u else '単位記載なし'}の事業") or "")
                body += "\n\n".join(x for x in parts if x)
            else:
                single = len(projects) == 1
                ys = years or tuple(dict.fromkeys(y for p in projects for y, _ in p.budget))
                if single or len(ys) == 1 or years:
                    terms, missing = dv.budget_terms(projects, ys, not single)
                    what = (f"「{projects[0].title}」の" if single else f"{len(projects)}事業の") + "・".join(
                        eras.japanese(y) or y for y in ys) + "の交付対象事業経費"
                    f = dv.sum_text if q.derived == "sum" else dv.avg_text
                    body = f(terms, missing, what)
                else:  # several projects over several years: a sum per year
                    blocks = []
                    for y in ys:
                        terms, missing = dv.budget_terms(projects, (y,), True)
                        f = dv.sum_text if q.derived == "sum" else dv.avg_text
                        if b := f(terms, missing, f"{eras.japanese(y)}の交付対象事業経費"):
                            blocks.append(b)
                    body = "\n\n".join(blocks) or None
        elif q.derived == "diff":
            if len(projects) != 1:
                return None
            p = projects[0]
            printed = [(y, v) for y, v in p.budget if v is not None]
            if years and len(years) >= 2:
                pair = [(y, v) for y, v in printed if y in (years[0], years[-1])]
            elif years:
                i = next((n for n, (y, _) in enumerate(printed) if y == years[0]), None)
                pair = printed[i - 1:i + 1] if i else []
            else:
                pair = [printed[0], printed[-1]] if len(printed) >= 2 else []
            if len(pair) != 2:
                return None
            a, b = (dv.Term(eras.japanese(y) or y, v, p.budget_unit or "") for y, v in pair)
            body = dv.change_text(f"「{p.title}」の交付対象事業経費", a, b)
        elif q.derived == "share":
            if len(projects) != 1 or len(units) > 1:
                return None
            pool = self._distinct(self._projects_allowed(t.filters))
            y = years[0] if years else self._report_year(projects[0])
            terms, _ = dv.budget_terms(pool, (y,), True)
            part = next((x for x in terms if x.label.startswith(projects[0].title + " ")), None)
            body = dv.share_text(part, terms, f"{eras.japanese(y)}の全事業") if part else None
        if not body:
            return None
        t.asks_used = {"budget"}
        t.extra = {"derived": q.derived}
        intent = {"sum": "budget_total", "diff": "budget_change"}.get(q.derived, "derived")
        return self._finish(t, intent, body + (f"\n{unit_note_}" if unit_note_ else ""), cites, projects=projects)

    def _distinct_keys(self, keys: list) -> list:
        ps = self._distinct([self.projects[k] for k in keys if k in self.projects])
        return [(p.report, p.no) for p in ps]

    def _distinct(self, projects: list[Project]) -> list[Project]:
        """One project printed in two files of the same report (a PDF and its text export) counts once."""
        seen: dict[tuple, Project] = {}
        for p in projects:
            key = (normalize(p.title), p.cities, p.budget, p.budget_unit)
            seen.setdefault(key, p)
        return list(seen.values())
