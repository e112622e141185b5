"""What every answer module shares: the corpus's look-ups built once per index (Context), the working state of
one question (Turn), and how an answer is finished (citations, the conversation state it carries) or refused."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .. import eras
from .. import series as ks
from ..compose import NOT_FOUND, citations_md, dedupe
from ..match import Matcher
from ..reading import normalize
from ..records import Answer, Chunk, Citation, Hit, Kpi, Project
from ..retrieve import Filters, Retriever
from ..store import Records
from ..understand import Question

STRONG_KPI = 0.55  # a KPI the question clearly names
WEAK_KPI = 0.35
TREND_MAX = 8  # KPIs drawn year by year in one answer
LIST_MAX = 40  # rows written out in one answer; the count says how many matched in all
PASSAGE_KINDS = ("activity", "purpose", "overview", "note", "evaluation", "page")  # chunks a quote comes from
MAX_SCORED = 300  # KPIs / projects scored one by one; beyond this, retrieval picks the candidates


def bullets(lines: Iterable[str]) -> str:
    """Join answer lines, writing out at most LIST_MAX and counting the rest."""
    lines = list(lines)
    if len(lines) <= LIST_MAX:
        return "\n".join(lines)
    return "\n".join(lines[:LIST_MAX]) + f"\n- …ほか{len(lines) - LIST_MAX}件（市町村・年度・事業で絞り込むと確認できます）"


def _place_key(name: str) -> str:
    return re.sub(r"[ヶケヵがノの]", "", name)


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
    year_filter: bool = False  # the question's fiscal year was turned into a report filter
    must: list[str] = field(default_factory=list)  # words a quoted figure's sentence or heading must hold
    ordinal_kpi: Kpi | None = None  # 「最後のやつの達成率は？」: the KPI the last answer listed at that position
    set_aside: tuple[int, ...] = ()  # 「それ以外で一番達成率が高いのは？」: KPIs (indexes) the last answer listed, left out


class Context:
    """The corpus as the answer modules look it up: built once per opened index, read-only afterwards."""

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
        # ふくおかし / フクオカ市 for 福岡市: a report's city written in kana, by the dictionary's reading of its stem
        self.kana_places = _kana_spellings(self.report_cities, getattr(tokenizer, "reading", None))
        # 朝日ヶ丘町 / 朝日ケ丘町 / 朝日丘町: one place, spelled as the reports spell it
        self._place_spelling = {_place_key(c): c for c in sorted(self.places)}
        self.by_title: dict[str, list[Project]] = {}
        report_city = {r.report: r.city for r in records.reports if r.city}
        for p in records.projects:
            full = normalize(p.title)
            # 「…推進事業(多言語観光案内の整備…)」 is also asked for without its bracketed subtitle.
            short = re.sub(r"[(（][^()（）]*[)）]$", "", full)
            cities = {normalize(re.sub(r"[(（].*?[)）]", "", c))
                      for c in (*p.cities, *([report_city[p.report]] if p.report in report_city else []))}
            for title in dict.fromkeys((full, short) if len(short) >= 6 else (full,)):
                self.by_title.setdefault(title, []).append(p)
                # 「川波町の地域医療…事業」 names 「川波町地域医療…事業」: a title opening with its city also answers
                # to the rest of it (the city then narrows, like any named city).
                for c in cities:
                    if c and title.startswith(c) and len(title) - len(c) >= 6:
                        self.by_title.setdefault(title[len(c):], []).append(p)
        self.report_years = {r.fiscal_year for r in records.reports if r.fiscal_year}
        self.record_years: dict[str, set[str]] = {}  # the fiscal years each report prints a KPI value or budget for
        for k in records.kpis:
            if k.fiscal_year:
                self.record_years.setdefault(k.report, set()).add(k.fiscal_year)
        for p in records.projects:
            self.record_years.setdefault(p.report, set()).update(y for y, _ in p.budget)
        self.years = self.report_years.union(*self.record_years.values())
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
        self._quoted: dict[tuple[str, int], set[str]] = {}
        # Names a question may quote, each pointing at its projects: department units ("国際政策課", "保健福祉局")
        # and co-applicant cities; looked up by the question's substrings, so the cost does not grow with the corpus.
        self.by_unit: dict[str, list[Project]] = {}
        self.by_partner: dict[str, list[Project]] = {}
        self.by_grant: dict[str, list[Project]] = {}  # 「デジタル実装タイプ」「地方創生拠点整備交付金」
        for p in records.projects:
            for g in {g for g in (p.grant_type, p.grant_program) if g and len(g) >= 5}:
                self.by_grant.setdefault(normalize(g), []).append(p)
            for u in {u for u in re.findall(r"[^\s・]+?(?:課|局|部)", p.department or "") if len(u) >= 3}:
                self.by_unit.setdefault(u, []).append(p)
            own = r.city if (r := self.reports.get(p.report)) else None
            joint = p.cities[:1] if p.cities and re.search(r"[（(]代表[)）]", p.cities[0]) else []
            for c in [*joint, *p.cities[1:]]:  # (a joint project's lead town is one of its towns too)
                if (name := re.sub(r"（.*?）|\(.*?\)", "", c)) != own:  # (the report's own town names all its projects)
                    self.by_partner.setdefault(name, []).append(p)
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

    def n_series(self, refs: list[int]) -> int:
        return len({self.series_of.get(id(self.records.kpis[i])) for i in refs})

    def names_kpi(self, t: Turn, k: Kpi) -> bool:
        """A weak match only counts when the KPI's own name explains most of what the question is about."""
        terms = t.rest if t.explicit else t.terms
        return not terms or self.m.cover(terms, self.m.kpi_terms(self.kpi_index[id(k)])) >= 0.5

    def unexplained(self, t: Turn, k: Kpi) -> list[str]:
        """The question's topic words that neither the KPI's name nor its project's title explains."""
        i = self.kpi_index[id(k)]
        # (a name its project's text quotes — 「もえぎベース」 — names the project, as its title would)
        known = (self.m.kpi_terms(i) | self.m.title_terms((k.report, k.project_no))
                 | self.quoted_names((k.report, k.project_no)))
        # (a lone kanji is no topic: 日 of 「何日？」 is the counter asked for)
        return [x for x in t.terms if x not in known and x not in t.city_terms and len(x) > 1]

    def project_chunks(self, key: tuple[str, int], kinds: tuple[str, ...]) -> list[Chunk]:
        """One project's passages of the given kinds, in index order."""
        return [c for i in self.m.chunk_ids(key) if (c := self.records.chunks[i]).kind in kinds]

    def project_text(self, key: tuple[str, int], kinds: tuple[str, ...]) -> list[Chunk]:
        """A project's own passages and the text of its pages that no single project owns (a page holding the end of
        one project and the start of the next: a 備考 row printed there is still this project's)."""
        p = self.projects.get(key)
        shared = [c for i in self.m.chunk_ids((key[0], 0)) if (c := self.records.chunks[i]).kind == "page"
                  and p is not None and c.page in (p.pages or (p.page,))]
        return self.project_chunks(key, kinds) + shared

    def quoted_names(self, key: tuple[str, int]) -> set[str]:
        """Words of the names a project's text puts in brackets (「もえぎベース」「かすみん分別ナビ」)."""
        if key not in self._quoted:
            names = {m.group(1) for c in self.project_chunks(key, PASSAGE_KINDS)
                     for m in re.finditer(r"「([^「」]{2,20})」", c.text)}
            self._quoted[key] = {w for n in names for w in self.m.words(n)}
        return self._quoted[key]

    def kpi_cover(self, t: Turn, k: Kpi) -> float:
        i = self.kpi_index[id(k)]
        return self.m.cover(t.terms, self.m.kpi_terms(i) | self.m.title_terms((k.report, k.project_no)))

    def unknown_reason(self, t: Turn) -> str:
        return f"（「{'」「'.join(t.unknown)}」に当たる記載は資料にありません）" if t.unknown else ""

    def qvec(self, q: Question) -> np.ndarray:
        return self.retriever.embed_query(q.text)

    def spelled(self, place: str) -> str:
        """A place as the reports spell it (朝日ヶ丘町 → 朝日丘町 when that is how they write it)."""
        return place if place in self.places else self._place_spelling.get(_place_key(place), place)

    def unknown_places(self, q: Question) -> list[str]:
        """Places the question names that no report mentions (東京都 in a Fukuoka corpus)."""
        return [pl for pl in q.places
                if not any(pl in p or p in pl for p in self.places) and not self.mentioning(pl)]

    def mentioning(self, text: str) -> set[str]:
        """The reports whose text mentions `text`."""
        return {r for r, body in self.report_texts.items() if text in body}

    def unknown_years(self, q: Question) -> bool:
        # 「2019年度の現状値から」: a baseline's year is printed beside it, not as a year of the records
        return bool(q.years) and not q.baseline and not any(y in self.years for y in q.years)

    def in_corpus(self, t: Turn) -> bool:
        return not self.unknown_places(t.q) and not self.unknown_years(t.q)

    def oos_reason(self, t: Turn) -> str:
        if bad_places := self.unknown_places(t.q):
            near = [c for pl in bad_places for c in sorted(self.report_cities)
                    if len(c) == len(pl) > 2 and c[-1] == pl[-1] and sum(a != b for a, b in zip(c, pl, strict=True)) == 1]
            # 「北九洲市」: one character off a city the reports cover — ask, never guess
            hint = f"。「{'」「'.join(dict.fromkeys(near))}」のことでしたら、その名前で聞き直してください" if near else ""
            return f"（対象の資料に「{'、'.join(bad_places)}」の記載はありません{hint}）"
        if self.unknown_years(t.q):
            return f"（資料が扱う年度は {', '.join(eras.japanese(y) or y for y in sorted(self.years))} です）"
        return ""

    def projects_allowed(self, f: Filters) -> list[Project]:
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
            self._allowed_cache[f] = [p for p in pool if self.allowed(p, f)]
        return self._allowed_cache[f]

    def allowed(self, p: Project, f: Filters) -> bool:
        return f.allows(self.reports.get(p.report), p)

    def cite(self, report: str, no: int, page: int | None = None) -> Citation:
        """Report, project and page; a passage outside any project (number 0: a text-only page) cites no project."""
        p = self.projects.get((report, no))
        return Citation(report, no or None, p.title if p else None,
                        page if page is not None else (p.page if p else None))

    def finish(self, t: Turn, intent: str, body: str, cites: list[Citation], kpis: list[Kpi] = (),
                projects: list[Project] = (), found: bool = True, hits: list[Hit] = ()) -> Answer:
        cites = dedupe(cites)[:LIST_MAX]
        projects = list(projects)[:LIST_MAX]
        if not hits:  # the passages a record-based answer rests on, for display next to it
            hits = [Hit(self.kpi_chunk[i], 0.0) for k in kpis if (i := self.kpi_index.get(id(k))) in self.kpi_chunk]
            hits += [Hit(c, 0.0) for p in projects for c in self.fact_chunks.get((p.report, p.no), [])]
        ctx = {"projects": [(p.report, p.no) for p in projects] or
               list(dict.fromkeys((k.report, k.project_no) for k in kpis)),
               "kpis": [self.kpi_index[id(k)] for k in kpis if id(k) in self.kpi_index], "intent": intent,
               "asks": sorted(t.asks_used), "coverage": t.coverage, "terms": list(t.terms),
               "years": list(t.q.years) or list(dict.fromkeys(k.fiscal_year for k in kpis if k.fiscal_year)),
               "asked_years": list(t.q.years),
               "about": {"project_titles": [p.title for p in projects],
                         "kpi_names": list(dict.fromkeys(k.name for k in kpis)),
                         "attribute": sorted(t.asks_used) or ([intent] if intent.startswith("kpi") else [])}}
        ctx.update(t.extra)
        ctx.update(_place(t))
        text = body + citations_md(cites, t.q.lang)
        return Answer(t.q.raw, text, intent, tuple(cites), tuple(kpis), tuple(projects), tuple(hits), found, ctx)

    def merge(self, t: Turn, parts: list[Answer]) -> Answer:
        """Several answers to one question (「事業費と交付金の種類」) as one: their texts in order, one citation list.
        Parts the reports cannot answer are left out; when none can, the first refusal stands."""
        found = [a for a in parts if a.found]
        if len(found) <= 1:
            return (found or parts)[0]
        bodies = [a.text[:len(a.text) - len(citations_md(list(a.citations), t.q.lang))] for a in found]
        kpis = list(dict.fromkeys(k for a in found for k in a.kpis))
        projects = list({id(p): p for a in found for p in a.projects}.values())
        return self.finish(t, found[0].intent, "\n\n".join(bodies), [c for a in found for c in a.citations],
                           kpis=kpis, projects=projects, hits=[h for a in found for h in a.hits])

    def not_found(self, t: Turn, reason: str = "") -> Answer:
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
                      {"projects": [], "kpis": [], "intent": "out_of_scope", **_place(t)})

    def series_ranked(self, kp: list[tuple[float, Kpi]]) -> list[tuple[float, ks.SeriesKey]]:
        """Candidate KPIs folded into their series (one KPI over the years), best score first."""
        out: dict[ks.SeriesKey, float] = {}
        for s, k in kp:
            key = self.series_of.get(id(k))
            if key is not None and key not in out:
                out[key] = s
        return [(s, key) for key, s in out.items()]

    def future(self, k: Kpi) -> bool:
        return ks.is_future(k, self.reports)

    def distinct_keys(self, keys: list) -> list:
        ps = self.distinct([self.projects[k] for k in keys if k in self.projects])
        return [(p.report, p.no) for p in ps]

    def distinct_kpis(self, kpis: list[Kpi]) -> list[Kpi]:
        """One KPI row printed in two files of the same report (x.pdf and its text export x.txt) counts once."""
        seen: set[tuple] = set()
        out = []
        for k in kpis:
            key = (Path(k.report).stem, normalize(k.name), k.fiscal_year, k.target, k.actual)
            if key not in seen:
                seen.add(key)
                out.append(k)
        return out

    def distinct(self, projects: list[Project]) -> list[Project]:
        """One project printed in two files of the same report (a PDF and its text export) counts once."""
        out: list[Project] = []
        where: dict[tuple, int] = {}
        for p in projects:
            # The same title in two files of one name (x.pdf, x.txt), or with the same figures: the same project.
            # The copy that read more (a budget, the unit of its money column) is kept.
            keys = [(Path(p.report).stem, normalize(p.title), p.cities), (normalize(p.title), p.cities, p.budget)]
            i = next((where[k] for k in keys if k in where), None)
            if i is None:
                out.append(p)
                i = len(out) - 1
            elif (len(p.budget), bool(p.budget_unit)) > (len(out[i].budget), bool(out[i].budget_unit)):
                out[i] = p
            for k in keys:
                where.setdefault(k, i)
        return out

    def report_year(self, p: Project) -> str:
        """The fiscal year of the project's report (its first budget year when the report states none)."""
        r = self.reports.get(p.report)
        return (r.fiscal_year if r and r.fiscal_year else None) or next((y for y, _ in p.budget), "")

    @staticmethod
    def refer(history: list[Answer], what: str, n: int, distinct: Callable[[list], list] = list) -> list:
        """「その2つ」「上の3つ」: the first n items the previous answer listed; when it listed fewer (one project
        per turn: 「Aの事業費は？」「Bのほうは？」「その2つを足すと？」), the ones the turns before it were about."""
        def about(ans: Answer) -> list:  # a ranking lists every item, but is about its top (context "subject")
            items = list(ans.context.get(what) or [])
            return items[:ans.context["subject"]] if ans.context.get("subject") else items

        keys = distinct(about(history[-1]))
        if len(keys) >= n:
            return keys[:n]
        for ans in reversed(history[:-1]):
            for k in about(ans):
                if k not in keys:
                    keys.insert(0, k)
            if len(keys) >= n or ans.context.get("intent") == "smalltalk":
                break
        return keys[-n:] if len(keys) >= n else keys


def _place(t: Turn) -> dict:
    """The town the question narrowed to (a city or one report), for a follow-up that names none."""
    f = t.filters
    return {"place": {"city": f.city, "report": f.report}} if f.city or f.report else {}


_SUFFIX_READINGS = {"市": ("し",), "町": ("まち", "ちょう"), "村": ("むら", "そん"), "区": ("く",)}


def _hiragana(kana: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in kana)


def _kana_spellings(cities: set[str], reading: Callable[[str], str] | None) -> dict[str, str]:
    """{spelling in kana: city} for each city whose stem has a reading of three kana or more (ふくおかし,
    ふくおか市, フクオカシ → 福岡市); a shorter reading (やめ) is too likely to be another word's."""
    out: dict[str, str] = {}
    if reading is None:
        return out
    for city in sorted(cities):
        stem, suffix = city[:-1], city[-1]
        kana = _hiragana(reading(stem)) if stem and suffix in _SUFFIX_READINGS else ""
        if len(kana) < 3:
            continue
        for tail in (*_SUFFIX_READINGS[suffix], suffix):
            for spelled in (kana + tail, _katakana(kana + tail) if tail != suffix else _katakana(kana) + tail):
                out.setdefault(spelled, city)
    return out


def _katakana(kana: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in kana)
