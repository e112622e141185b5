"""Match question words against KPIs, projects and sentences with IDF-weighted lemma overlap."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable

from . import lexicon
from .lexicon.corpus import CorpusGlossary
from .records import Kpi, Project
from .store import Records

# Words that say what kind of answer is wanted, not what it is about.
QUESTION_WORDS = frozenset((
    "何", "なに", "どう", "どれ", "どの", "どこ", "誰", "いつ", "幾つ", "幾ら", "いくら", "いくつ", "為る", "有る", "居る", "成る",
    "言う", "思う", "教える", "知る", "見る", "出る", "行く", "来る", "呉れる", "貰う", "下さる", "良い", "事", "物", "所", "方",
    "的", "様", "位", "くらい", "程", "本当", "其の", "此の", "其れ", "此れ", "是", "又", "とか", "など", "等", "辺り",
    "ところ", "もの", "こと", "方", "訳", "何故", "なぜ", "目標", "実績", "達成", "達成率", "率", "kpi", "指標", "予算", "経費",
    "事業費", "費用", "金額", "期間", "担当", "部署", "所管", "目的", "狙い", "一番", "最も", "低い", "高い", "多い", "少ない",
    "大きい", "小さい", "合計", "比", "割", "台", "注意", "中身", "通り", "単年", "単位", "全部", "全て", "総て", "一覧", "年度", "令和", "平成", "元", "値", "数値", "結果", "状況", "報告",
    "資料", "どうだ", "出来る", "頂く", "分かる", "続く", "始まる", "終わる", "終わり", "後", "あと", "内容", "事業", "取り組み", "取組", "取組み", "施策",
    "プロジェクト", "関係", "関連", "向け", "向く", "纏める", "上回る", "下回る", "届く", "クリア", "満たす", "超える", "未満", "以下",
    "以上", "パーセント", "グラム", "キログラム", "キロ", "トン", "メートル", "キロメートル", "ヘクタール", "リットル", "%", "件数", "件", "人", "回", "名", "個", "倍", "計算", "其々", "其れ其れ", "以外", "自治", "自治体",
    "体", "一緒", "共同", "金", "お金", "未達", "未達成", "達成度", "どっち", "どちら", "比較", "みたい", "感じ", "辺", "なる", "使う", "変わる", "増える", "減る", "違う", "扱い", "扱う",
    "合う", "載る", "中", "内", "うち", "推移", "経年", "年次", "変化", "変遷", "毎年", "年毎", "ごと", "毎", "別", "各年",
    "基準", "基準値", "現状", "現状値", "当初", "ベースライン", "評価", "方針", "方向", "方向性", "今後", "成果", "予定", "見込み", "其処", "各", "それぞれ", "夫れ", "夫々", "具体", "具体的", "what", "how",
    "which", "who", "when", "where", "why", "still", "yet", "not", "been", "has", "have", "there", "any", "so",
    "the", "a", "an", "of", "in", "for", "did", "do", "does",
    "is", "are", "was", "were", "to", "and", "or", "its", "it", "this", "that", "by", "with",
))

Tokenize = Callable[[str], list[str]]


class Matcher:
    """Term statistics of one index's records; per-KPI and per-project term sets are computed on first use,
    so opening a national-scale index does not tokenize every record up front."""

    def __init__(self, records: Records, content_words: Tokenize, nouns: Tokenize | None = None,
                 doc_freqs: dict[str, int] | None = None,
                 chunks_of: dict[tuple[str, int], list[int]] | None = None) -> None:
        self.records = records
        self.words = content_words
        self.nouns = nouns or content_words
        self.n = max(len(records.chunks), 1)
        if doc_freqs is None:
            doc_freqs = Counter(t for c in records.chunks for t in set(self.words(c.indexed_text)))
        self.df = doc_freqs
        # Terms on (nearly) every chunk — the city, 事業 — cannot tell chunks apart.
        self.ubiquitous = {t for t, c in self.df.items() if self.n >= 8 and c / self.n > 0.6}
        self._kpi_terms: dict[int, set[str]] = {}
        self._title_terms: dict[tuple[str, int], set[str]] = {}
        self._project_terms: dict[tuple[str, int], set[str]] = {}
        if chunks_of is None:  # chunk ids by project (the retriever has this map already; reuse it when given)
            chunks_of = {}
            for c in records.chunks:
                chunks_of.setdefault((c.report, c.project_no), []).append(c.chunk_id)
        self._chunks_of = chunks_of
        self._projects = {(p.report, p.no): p for p in records.projects}
        self._glossary: CorpusGlossary | None = None
        self._prefix_known: dict[str, bool] = {}

    def chunk_ids(self, key: tuple[str, int]) -> list[int]:
        """The ids (positions) of one project's chunks."""
        return self._chunks_of.get(key, [])

    @property
    def glossary(self) -> CorpusGlossary:
        """English words for this corpus's own names (KPI names, project titles, cities), from the records,
        built on the first English question."""
        if self._glossary is None:
            r = self.records
            names = [k.name for k in r.kpis] + [p.title for p in r.projects]
            names += [c for p in r.projects for c in p.cities] + [x.city for x in r.reports if x.city]
            self._glossary = CorpusGlossary(names)
        return self._glossary

    def english_terms(self, text: str) -> list[str]:
        """Japanese terms for an English question: the loaded reports' own names (Engineer Cafe -> エンジニア カフェ,
        Itoshima -> 糸島) and, for the other words, the field's general lexicon. A word the reports have their own
        word for takes that word only (senior -> シニア where the reports say シニア, not also 高齢者). Of a general
        word's translations only those this corpus uses are kept, when it uses any (the others are other ways to
        say the same thing); a word none of whose translations occurs stays, so that the question is out of scope."""
        named = self.glossary.spans(text)
        own = {w for w, _ in named}
        out: list[str] = []
        for ws, ts in lexicon.spans(text):
            if own.intersection(ws):
                continue
            known = [t for t in ts if (parts := self.terms(t, nouns_only=False)) and all(map(self.known, parts))]
            out += known or list(ts)
        out += [t for _, ts in named for t in ts]
        return list(dict.fromkeys(out))

    def kpi_terms(self, i: int) -> set[str]:
        if i not in self._kpi_terms:
            self._kpi_terms[i] = set(self.words(self.records.kpis[i].name))
        return self._kpi_terms[i]

    def title_terms(self, key: tuple[str, int]) -> set[str]:
        if key not in self._title_terms:
            p = self._projects.get(key)
            self._title_terms[key] = set(self.words(p.title)) if p else set()
        return self._title_terms[key]

    def project_terms(self, key: tuple[str, int]) -> set[str]:
        if key not in self._project_terms:
            terms: set[str] = set()
            for cid in self._chunks_of.get(key, []):
                terms.update(self.words(self.records.chunks[cid].indexed_text))
            self._project_terms[key] = terms
        return self._project_terms[key]

    def weight(self, term: str) -> float:
        """IDF over chunks; a term the corpus never uses weighs like the rarest one it does."""
        return math.log((self.n + 1) / (max(self.df.get(term, 0), 1) + 0.5))

    def terms(self, text: str, nouns_only: bool = True) -> list[str]:
        """The topic-bearing nouns of a text (question words, numbers and ubiquitous terms removed)."""
        words = self.nouns(text) if nouns_only else self.words(text)
        return list(dict.fromkeys(t for t in words if t not in QUESTION_WORDS and not t.startswith("何")
                                  and t not in self.ubiquitous and not t.replace(".", "").isdigit()
                                  and not (len(t) == 1 and t.isascii())))

    def known(self, term: str) -> bool:
        """Does the corpus use the term? A Latin word also counts when the index holds it glued to a version or
        number (「society」 of 「Society5.0」, indexed as 「society5」)."""
        if term in self.df:
            return True
        if not (term.isascii() and term.isalpha() and len(term) >= 3):
            return False
        if term not in self._prefix_known:
            self._prefix_known[term] = any(k.startswith(term) and k[len(term):].replace(".", "").isdigit()
                                           for k in self.df)
        return self._prefix_known[term]

    def cover(self, q: Iterable[str], target: set[str]) -> float:
        """Share of the question terms' weight found in target (1.0 for no terms)."""
        q = list(q)
        total = sum(self.weight(t) for t in q)
        if total == 0:
            return 1.0
        return sum(self.weight(t) for t in q if t in target) / total

    def covered_by(self, q: Iterable[str], target: set[str]) -> float:
        """Share of target's weight named by the question terms."""
        tw = sum(self.weight(t) for t in target if t not in QUESTION_WORDS)
        if tw == 0:
            return 0.0
        qs = set(q)
        return sum(self.weight(t) for t in target if t in qs and t not in QUESTION_WORDS) / tw

    def kpi_scores(self, q: list[str], kpis: Iterable[tuple[int, Kpi]]) -> list[tuple[float, int]]:
        """(score, kpi position) best first; score mixes how much of the KPI name the question names and how
        much of the question the KPI (with its project title) explains."""
        out = []
        for i, k in kpis:
            name = self.kpi_terms(i)
            title = self.title_terms((k.report, k.project_no))
            s = 0.6 * self.covered_by(q, name) + 0.4 * self.cover(q, name | title)
            out.append((s, i))
        out.sort(key=lambda x: -x[0])
        return out

    def project_scores(self, q: list[str], projects: Iterable[Project]) -> list[tuple[float, Project]]:
        out = []
        for p in projects:
            key = (p.report, p.no)
            s = 0.5 * self.covered_by(q, self.title_terms(key)) + 0.5 * self.cover(q, self.project_terms(key))
            out.append((s, p))
        out.sort(key=lambda x: -x[0])
        return out


_SENT_SPLIT = re.compile(r"(?<=。)")
_LONG_ITEM = 150


def sentences(text: str) -> list[str]:
    """Quotable units: each line (a bullet item keeps its sentences together), long lines cut at 。."""
    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        out += [s.strip() for s in _SENT_SPLIT.split(line) if s.strip()] if len(line) > _LONG_ITEM else [line]
    return out
