"""The first step of every answer: the question read against the loaded corpus (see start)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

from .. import eras, lexicon
from ..reading import normalize
from ..records import Answer
from ..retrieve import Filters
from ..understand import (
    AMOUNT_LIMIT,
    GRANT_SHARE,
    REF,
    Question,
    arithmetic_spans,
    asks_grant_share,
    count_words,
    cue_words,
    plain_target_actual,
    understand,
)
from . import conversation, scope, smalltalk
from .context import Context, Turn

_FACT_ASKS = frozenset({"budget", "period", "department", "partner", "grant"})


def start(cx: Context, question: str, history: list[Answer], filters: Filters, year_filter: bool = True) -> Turn | Answer:
    """The question read against the loaded corpus: its topic words, the city / report / year it narrows to,
    small talk and out-of-corpus places or years answered at once (an Answer instead of a Turn)."""
    q = understand(_small_kana(cx, _kana_places(cx, _without_introduction(_after_small_talk(question)))))
    if (kind := smalltalk.kind_of(q.text)) and not any(
            cx.m.known(x) for x in cx.m.terms(smalltalk.leftover(q.text))):
        return smalltalk.answer(cx, q, kind)
    if q.new_topic:
        history = []  # 「話は変わるが」: nothing carries over
    q = scope.bare_years(cx, q)
    q = _years_from_conversation(cx, q, history)
    if q.places:
        q = replace(q, places=tuple(cx.spelled(_widened(cx, q.text, pl)) for pl in q.places))
    if q.lang == "en":
        # The field's general terms (lexicon) and the loaded reports' own names an English question spells
        # (Engineer Cafe -> エンジニア カフェ, Itoshima -> 糸島); all topic words, nouns or not (フレンドリー is 形状詞).
        ja = " ".join(cx.m.english_terms(q.raw))
        # 「Kawanami town」 read as 川波: a report's town named in English narrows to it like 「川波町の」 does
        named = tuple(c for c in cx.report_cities if (stem := re.sub(r"[都道府県市区町村]$", "", c))
                      and len(stem) >= 2 and stem in ja.split())
        q = replace(q, text=f"{normalize(question).strip()} {ja}", places=q.places + named)
        terms = cx.m.terms(ja, nouns_only=False)
        # Japanese the question quotes (「… (行動変容した市民数)?」) names the topic too.
        quoted = " ".join(re.findall(r"[\u3040-\u30ff\u4e00-\u9fff々ー]+", question))
        terms += [x for x in cx.m.terms(quoted) if x not in terms] if quoted else []
    else:
        # 「あと何人」「あとどれくらい」: あと (後) asks for a gap; it names no topic.
        terms = cx.m.terms(re.sub(r"あと(?=何|どれ|どの|いく)", " ", q.text))
        terms = _plain_to_report(cx, terms)
    # A word the corpus never uses inside the question's form (「ワースト」「差」「合計」「該当」) names no topic.
    refs = "".join(m.group(0) for m in re.finditer(REF, q.text))  # 「上の3つ」's 上 is no topic either
    form = set(cx.m.terms(" ".join(q.cue_spans))) if q.cue_spans else set()  # (やつ is read as its lemma 奴)
    terms = [x for x in terms if not (x in refs or (not cx.m.known(x)
                                                   and (x in form or any(x in c.lower() for c in q.cue_spans))))]
    # The words that ask for a fact (実績額, 事業費, 担当課) name the fact, not the project: 「実績額が最も小さい事業」
    # is about every project, not the one whose KPI 販売額 shares 額. (A verdict's cue — 廃止, 継続 — is its value,
    # and stays a word to look for.)
    asked = set(cx.m.terms(" ".join(w for a in (q.asks | q.weak_asks) & _FACT_ASKS for w in cue_words(a, q.text))))
    asked |= set(cx.m.terms(" ".join(plain_target_actual(q.text))))
    if q.derived in ("diff", "sum", "share"):  # 「何日短縮された？」「合わせると？」: the arithmetic, not the topic
        asked |= set(cx.m.terms(" ".join(arithmetic_spans(q.text))))
    if q.derived == "avg" and (m := re.search(r"(\d+\s*年(?:間|分)?の?)?平均(?![一-龯ァ-ヶ])", q.text)):
        asked |= set(cx.m.terms(m.group(0)))  # 「2年の平均だと」 (not 平均待ち日数, a KPI's name)
    if m := _PROJECT_NO.search(q.text):  # 「2番の事業」「No.6の」: a project number, no topic word
        asked |= set(cx.m.terms(m.group(0)))
    if q.count:  # 「目標達成したKPIの数は？」: 数 asks for a count, it names no KPI
        asked |= set(cx.m.terms(count_words(q.text)))
    for m in (AMOUNT_LIMIT.search(q.text), asks_grant_share(q.text) and re.search(GRANT_SHARE, q.text)):
        if m:  # 「1,000万円以上の」「そのうち交付金の額」: an amount asked for or passed, no topic
            asked |= set(cx.m.terms(m.group(0)))
    if q.derived and (m := re.search(r"([^\s、。?]{1,12}?)を?(?:除いて|除く|除外|抜いて|抜き|以外で)", q.text)):
        asked |= set(cx.m.terms(m.group(1)))  # 「R4の予定を除いて合計すると？」: what is left out names no topic
    if ((q.topic_strong or q.wants_list) and "grant" not in q.asks
            and (m := re.search(r"(地方創生)?(関連|関係)?交付金(の)?事業", q.text))):
        asked |= set(cx.m.terms(m.group(0)))  # 「交付金事業を全部あげて」: every project here is one
    if spans := [s for pat in _FORM_SPANS for s in pat.findall(q.text)]:
        asked |= set(cx.m.terms(" ".join(spans)))
    if who := re.findall(r"(?:外部)?有識者|外部委員", q.text):  # 「有識者は何て言ってる？」: whose words, no topic
        asked |= set(cx.m.terms(" ".join(who + re.findall(r"意見|指摘|コメント|評価", q.text))))
    for m in (_NEXT_YEAR.search(q.text), _PREV_YEAR.search(q.text)):
        if m and q.years:  # 「じゃあ次の年度は？」: a year (read above), not a topic
            asked |= set(cx.m.terms(m.group(0)))
    terms = [x for x in terms if x not in asked]
    if pre := _preamble(q.text):  # 「議会で聞かれそうなので確認です。…」: why they ask, no topic the reports lack
        said = set(cx.m.terms(pre))
        # (「委員会資料の件で。」 says which document they hold: none of its words is a topic, known or not)
        aside = bool(re.search(r"の件(?:で|です|なんです|について)", pre))
        terms = [x for x in terms if x not in said or (cx.m.known(x) and not aside)]
    # 「中止とか変更になった取組み」: an alternative the reports never use, beside one they do, is no topic of its own
    terms = [x for x in terms if cx.m.known(x) or not _alternative(q.text, x, [y for y in terms if cx.m.known(y)])]
    city_terms: set[str] = set()
    named_city = [c for c in q.places if c in cx.report_cities]
    if (len(named_city) == 1 and not filters.city
            and any(r.city != named_city[0] for r in cx.records.reports)):
        # 「八女市の…」 in a corpus of many cities (or of reports whose city was not read): the city becomes a filter,
        # and its name stops being a topic word.
        filters = replace(filters, city=named_city[0])
        # (its words as the question's context split them too: 東雲台市 → 東 / 雲台 / 市)
        city_terms = set(cx.m.terms(named_city[0])) | {x for x in terms if x in named_city[0]}
    if not filters.report and not filters.city:
        # A place no report names as its city but one report's text mentions (a report read as text only, or
        # a town inside another's text): that report is what the question is about, not every other town's.
        for pl in q.places:
            if pl in cx.report_cities or any(pl in c or c in pl for c in cx.places):
                continue
            if (owner := _one_report(cx, cx.mentioning(pl))) is not None:
                filters = replace(filters, report=owner)
                city_terms |= set(cx.m.terms(pl))
    if (history and not q.places and not filters.city and not filters.report
            and (place := history[-1].context.get("place"))):
        # 「宇美町の…は？」 then 「相談件数の実績は？」: still that town — never another town's figure — until the
        # question names another place or starts a new topic.
        filters = replace(filters, city=place.get("city"), report=place.get("report"))
    named_fy = [y for y in q.years if y in cx.report_years]
    year_set = False
    if (year_filter and len(cx.report_years) > 1 and len(named_fy) == 1 and not filters.fiscal_year
            and not ({"budget", "period"} & q.asks) and not (history and not terms)  # 「令和3年度は？」 follows up
            and not _year_inside(cx, filters, named_fy[0])):
        filters = replace(filters, fiscal_year=named_fy[0])  # 「令和4年度の事業」: that year's reports
        year_set = True
    if filters.project_no is None and (n := project_number(q.text)) is not None:
        # 「③の事業」「事業3」: the report's own project number (each report numbers its projects ①, ②, …).
        numbers = sorted({p.no for p in cx.projects_allowed(filters)})
        if n not in numbers:
            t = Turn(q, terms, filters, city_terms=city_terms, history=history)
            have = f"{_circled(numbers[0])}〜{_circled(numbers[-1])}" if numbers else "ありません"
            return cx.not_found(t, f"（{_circled(n)}の事業は資料にありません。対象の資料の事業番号は{have}です）")
        filters = replace(filters, project_no=n)
    t = Turn(q, terms, filters, city_terms=city_terms, history=history, year_filter=year_set)
    if not cx.in_corpus(t):
        return cx.not_found(t, cx.oos_reason(t))
    t.qvec = cx.qvec(q)
    t.hits = cx.retriever.search(q.text, k=30, filters=filters, qvec=t.qvec)
    scope.resolve(cx, t, history)
    if (q.ordinal and history and not t.scope and t.ordinal_kpi is None and not q.rank
            and history[-1].context.get("intent") != "detail"  # (「2番目の講演」 is in the quoted text)
            and re.search(r"(番目|つ目|個目|件目)の", q.text)):
        # 「2つ目のやつの事業費は？」 when no answer listed a second item: not every project's
        return cx.not_found(t, f"（前の回答に{q.ordinal}番目の項目がありません）")
    return t


# Stretches of a question's form that name no topic: 「3年分を合計すると？」「R3までの実績分」 (how many years, which
# amounts), 「最初の話に戻って」「さっきの」 (which answer), 「何人単位？」 (a count), 「達成度は？」 (a KPI's rate: 度 is no word).
_FORM_SPANS = (re.compile(r"[\d一二三四五六七八九十]+\s*(?:(?:年|か年|ヵ年|カ年|箇年)\s*(?:分|間)|か年|ヵ年|カ年|箇年)|(?<=実績|決算|確定|予定|計画|見込)分"),
               scope.BACK_WORDS, re.compile(r"何(?:人|名|件|個|社)?単位"), re.compile(r"達成(?:度|率|状況)"),
               re.compile(r"(?:KPI|kpi)?\s*\d{1,3}\s*(?:事業|指標)"),  # 「5事業のKPI12指標のうち」: how many, no topic
               re.compile(r"(?:KPI|kpi|指標)\s*(?:[①-⑳]|\d{1,2})(?!\d)"),  # 「KPI①の実績」: a KPI's place, no topic word
               re.compile(r"何(?:百万|千|万)?円"),  # 「何千円ふえた？」: the unit of the answer, no topic
               re.compile(r"[\d一二三四五六七八九十]+\s*年(?:間)?で(?=どれ|いくら|何|どの)"),  # 「1年でどれだけ増えた？」: a span
               # 「総括表に載っている事業」「評価調書に出てくる事業」: the document they hold, not a topic
               re.compile(r"(?:総括表|調書|評価シート|検証シート|報告書|一覧表|説明書|資料|特集|広報)(?:に|で|の中に)?"
                          r"(?=載って|載っ|出て|出てくる|掲載|記載|ある|入って)"))
_NEXT_YEAR = re.compile(r"(?:その)?(?:次の年度?|翌年度?|次年度)(?!度|と比べ|より|比|から)")
_PREV_YEAR = re.compile(r"(?:その)?(?:前の年度?|前年度?)(?!度|と比べ|より|比|から|を)")  # (前年|度より: no backtrack)


def _years_from_conversation(cx: Context, q: Question, history: list[Answer]) -> Question:
    """The fiscal year a follow-up means without naming it: 「じゃあ次の年度は？」「前の年は？」 from the last answer's
    year; the year the last question named, kept by a follow-up on the same thread (「いや、バイオマスの方」,
    「満足度は？」, 「全部足すと？」) — not by a trend question or a new topic."""
    if q.years or not history or q.new_topic:
        return q
    last = history[-1].context
    shown = [y for y in last.get("years") or [] if eras.western(y)]
    step = 1 if _NEXT_YEAR.search(q.text) else -1 if _PREV_YEAR.search(q.text) else 0
    if step and shown:
        base = (max if step > 0 else min)(eras.western(y) for y in shown) + step
        era = shown[0][0]
        if (code := eras.from_western(base, era)) is not None:
            return replace(q, years=(code,))
    asked = list(last.get("asked_years") or [])
    if q.derived:  # 「R2は？」「R3は？」「2年の平均は？」: every year the thread asked, in turn
        asked = list(dict.fromkeys(y for a in history for y in a.context.get("asked_years") or []))
    if asked and not q.trend and (q.followup or q.ellipsis or q.derived or conversation.corrects(q.text)):
        return replace(q, years=tuple(asked))
    return q


_OR = r"(?:とか|や|・|または|もしくは)"
# Katakana written with a full-size vowel where the word has a small one (カフエ for カフェ, ウエブ for ウェブ).
_SMALL = {"ア": "ァ", "イ": "ィ", "ウ": "ゥ", "エ": "ェ", "オ": "ォ"}
_BEFORE_SMALL = re.compile(r"(?<=[フテデウシジチヴトド])[アイウエオ]")


def _small_kana(cx: Context, question: str) -> str:
    """A katakana word the reports never print, written as they print it when only its vowel size differs
    (「エンジニアカフエ」 → 「エンジニアカフェ」); every other word as it is."""
    def fix(m: re.Match) -> str:
        word = m.group(0)
        if all(cx.m.known(x) for x in cx.m.terms(word)):
            return word  # its words are the reports' own (no scan of the texts)
        if cx.mentioning(word):
            return word
        small = _BEFORE_SMALL.sub(lambda v: _SMALL[v.group(0)], word)
        return small if small != word and cx.mentioning(small) else word

    return re.sub(r"[ァ-ヺー]{3,}", fix, question)


_INTRO = re.compile(r"^([^。?？]{0,25}?)の?(?:議員|職員|記者|市民|町民|村民|住民|学生|担当者|研究者|者)"
                    r"(?:です|ですが|なんですが|でございます|をしています|をしてます)[。、,]\s*")


def _preamble(text: str) -> str | None:
    """A first sentence that asks nothing (「議会で聞かれそうなので確認です。」) before one that does."""
    m = re.match(r"^([^。!！?？]{2,40}[。!！])\s*(\S.{2,})$", text.strip())
    if not m:
        return None
    first = understand(m.group(1))
    if first.asks or first.weak_asks or first.kpi_words or first.derived or first.years or first.places:
        return None
    return m.group(1)


def _after_small_talk(question: str) -> str:
    """「ありがとう。ところで予算はいくら？」: the question after a sentence of small talk (the thanks needs no answer
    of its own when a question follows)."""
    m = re.match(r"^(.+?[。!！?？])\s*(\S.{2,})$", question.strip())
    if not (m and smalltalk.kind_of(m.group(1)) and len(smalltalk.leftover(m.group(1))) <= 1  # (ありがとう's う)
            and not smalltalk.kind_of(m.group(2))):
        return question
    rest = understand(m.group(2))  # (「こんにちは。質問してもいいですか？」 asks nothing of the reports)
    asks = rest.asks or rest.weak_asks or rest.kpi_words or rest.derived or rest.years or rest.rank or rest.threshold
    return m.group(2) if asks else question


def _without_introduction(question: str) -> str:
    """「みどり川町の議員です。…」「市の職員ですが、…」: who asks is no topic of the question (the town they name
    stays: it is most likely the town they ask about)."""
    m = _INTRO.match(question.strip())
    rest = question.strip()[m.end():] if m else ""
    if not rest.strip():
        return question
    who = m.group(1).strip()
    return (f"{who}の" if who and understand(who).places else "") + rest


def _kana_places(cx: Context, question: str) -> str:
    """A report's city written in kana (「ふくおかしの事業」) read as the report writes it (福岡市); a kana run that
    only contains the spelling inside a longer word (…ふくおかしい…) is left as it is."""
    for spelled, city in sorted(cx.kana_places.items(), key=lambda kv: -len(kv[0])):
        question = re.sub(rf"(?<![ぁ-ゖァ-ヺ]){re.escape(spelled)}(?=[のでにはがもとや、,\s?？]|$)", city, question)
    return question


def _plain_to_report(cx: Context, terms: list[str]) -> list[str]:
    """A question's everyday word the reports never use, read as the report word for it that they do use
    (年寄り → 高齢, lexicon/ja_plain.tsv), and an abbreviation with the full words beside it (高校 → 高等学校,
    lexicon/ja_abbrev.tsv); every other word as it is."""
    out: list[str] = []
    for x in terms:
        words = [] if cx.m.known(x) else [w for p in lexicon.plain_words().get(x, ()) for w in cx.m.terms(p)
                                          if cx.m.known(w)]
        full = [w for p in lexicon.abbreviations().get(x, ()) for w in cx.m.terms(p) if cx.m.known(w)]
        # 「高校」 beside 高等学校, 「国保」 for 国民健康保険: an abbreviation finds the full words the reports print
        out += [w for w in [*(words or ([x] if cx.m.known(x) or not full else [])), *full] if w not in out]
    return out


def _alternative(text: str, word: str, known: list[str]) -> bool:
    """Is `word` one of alternatives (「AとかB」「AやB」) of which another is a word the reports use?"""
    w = re.escape(word)
    return any(re.search(rf"{re.escape(k)}{_OR}{w}|{w}{_OR}{re.escape(k)}", text, re.I) for k in known)


def _one_report(cx: Context, owners: set[str]) -> str | None:
    """The one report among these files: a PDF and its text export (x.pdf, x.txt) are one report; the copy
    that read more projects (else the PDF) stands for it. None when the files are of several reports."""
    if len({Path(r).stem for r in owners}) != 1:
        return None
    count = Counter(p.report for p in cx.records.projects if p.report in owners)
    return max(sorted(owners), key=lambda r: (count[r], r.lower().endswith(".pdf")))


def _widened(cx: Context, text: str, place: str) -> str:
    """A place written partly in kana (「みどり川町」, read as 「川町」): the longest kana-led form before it that a
    report's text actually contains, so the question is about that report, not every 〜川町."""
    if place in cx.places:  # a place the reports name as such is whole already
        return place
    i = text.find(place)
    best = place
    for n in range(1, 6):  # a longer form is mentioned only where every shorter one is: stop at the first miss
        if i - n < 0 or not re.fullmatch(r"[ぁ-ゖ]", text[i - n]) or not cx.mentioning(text[i - n:i] + place):
            break
        best = text[i - n:i] + place
    return best


def _year_inside(cx: Context, filters: Filters, year: str) -> bool:
    """「白鳥台市の…令和2年度は？」: no report the question is about is of that year, but one of them prints values
    for it (a KPI grid over years, a budget by year) — the year picks a row, not a report."""
    reports = [r for r in cx.reports.values() if filters.allows(r, None)]
    return (not any(r.fiscal_year == year for r in reports)
            and any(year in cx.record_years.get(r.report, ()) for r in reports))


_PROJECT_NO = re.compile(r"([\u2460-\u2473])(?:の|番の?)?(?:事業|取組|プロジェクト)|事業\s*(?:番号\s*)?(\d{1,2})(?![\d,.年件人回つ個か社校])|"
                         r"(?:(?<![A-Za-z])No\.?\s*|番号\s*)(\d{1,2})(?![\d,.])|(?<![\d.])(\d{1,2})\s*番の(?:事業|方|ほう|やつ)")


def project_number(text: str) -> int | None:
    """The project number a question names: 「③の事業」, 「事業3」, 「No.6の事業」, 「2番の事業」 (None when it names none)."""
    m = _PROJECT_NO.search(text)
    if not m or len(re.findall(r"[\u2460-\u2473]", text)) > 1:  # 「⑦〜⑫の事業」 names several
        return None
    return ord(m.group(1)) - 0x2460 + 1 if m.group(1) else int(next(g for g in m.groups()[1:] if g))


def _circled(n: int) -> str:
    return chr(0x2460 + n - 1) if 1 <= n <= 20 else f"事業{n}"
