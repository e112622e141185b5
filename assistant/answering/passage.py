"""Quote the report's own sentences when they cover what the question asks (a date, a count, a detail)."""

from __future__ import annotations

import re
from dataclasses import replace

from .. import eras
from ..match import sentences
from ..reading import normalize
from ..records import Answer, Hit
from ..understand import KANJI_NUM
from . import figures
from .context import PASSAGE_KINDS, Context, Turn

PASSAGE_COVER = 0.5  # share of the question's word weight a quoted sentence (with its headings) must cover
# A question that asks when: いつ, 何日, 日時, or a date noun (開設日, 開催日, 実施日 — a verbal noun + 日 ending the question).
ASKS_DATE = re.compile(r"いつ|何日|日時|[一-龯]{2}日(は|って|を)?[?？]?$|\bwhen\b|\bdate\b", re.I)
# Dates as Japanese administrative documents write them: 5月20日, 令和2年5月20日, and the era-initial short form
# R2.5.20 / H30.4.1 (also 2020.5.20, 2020/5/20) — one notation of the field, not of one report.
_DATE = re.compile(r"\d{1,2}月\d{1,2}日|(?:令和|平成|\d{2})\d{0,2}年\d{1,2}月|(?<![A-Za-z0-9])[RHS]\d{1,2}\.\d{1,2}\.\d{1,2}(?!\d)|\d{4}[./]\d{1,2}[./]\d{1,2}|\d{4}年")
# A recurring day answers 「いつ」 too: 毎月第3土曜日, 毎週日曜日.
_SCHEDULE = re.compile(r"毎(?:月|週|年)[^、。]{0,6}?[月火水木金土日]曜|第\d[月火水木金土日]曜")
# A question that asks for a name (of an app, a company, an event) or a place: no KPI value or project list says it.
ASKS_NAME = re.compile(r"(何|なん)て(いう)?名前|名前(は|を|って|が)|名称(は|を|って)|何という|社名|企業名|団体名|"
                       r"(ブランド|商品|施設|拠点|アプリ|サイト|イベント)名|愛称|タイトル|題名|演題|"
                       r"どこの(会社|企業|団体|お店|店)")
WHERE = re.compile(r"どこ(で|に|を|へ)|場所|会場|\bwhere\b", re.I)
_A_NAME = re.compile(r"「[^」]{2,}」|『[^』]{2,}』|株式会社|\(株\)|合同会社|有限会社|[A-Za-z][A-Za-z0-9 .&-]{2,}")
# 「誰がいるの？」 asks for people or bodies (not 「誰向け」「誰が対象」: an audience, which the text states plainly).
_WHO = re.compile(r"^(?!.*対象).*((誰|だれ|どなた)(?!向け)|\bwho\b(?! (is|was|were|are) (it|this|that) for))", re.I)
_WHO_NAME = re.compile(r"氏|さん|様|教授|会長|株式会社|\(株\)|法人|大学|協会|組合|財団|NPO|企業|事業者|団体|協議会|商工会|"
                       r"金融機関|銀行|市役所|役場|学校|高校|病院|診療所|マネージャー|マネジャー|コーディネーター|スタッフ|リーダー|講師|専門家|チーム|"
                       r"[一-龯ァ-ヶー]{1,8}(?:員|師|士|官|長|課|室|者|隊)")
_PAST = re.compile(r"(した|された|だった|でした|できた|行った|やった|開いた)(の|か|のか|んですか)?[?？。]?$")


def answer(cx: Context, t: Turn, must: list[str] = ()) -> Answer | None:
    """Quote the activity/purpose sentences that cover the question's words (and say every word in `must`);
    None when nothing does."""
    hits = [h for h in t.hits if h.chunk.kind in PASSAGE_KINDS]
    if t.scope:
        keys = {(p.report, p.no) for p in t.scope}
        hits = [h for h in hits if (h.chunk.report, h.chunk.project_no) in keys] or hits
    if not hits or not t.terms or (not [x for x in t.terms if x not in t.city_terms] and not t.q.kpi_words
                                   and not (ASKS_DATE.search(t.q.text) or WHERE.search(t.q.text))):
        return None  # (「北九州市の…の内容も教えて」: a town's name alone is no topic to quote about)
    unknown = [x for x in t.rest if not cx.m.known(x) and len(x) > 1]  # (a lone 談 of 体験談 is no word)
    known = [x for x in t.terms if cx.m.known(x)]
    text = t.q.text.lower()
    if unknown and (len(unknown) > 1 or len(known) < 2 or "の" + unknown[0] in text):
        # the question is about something the reports never mention; one unknown word beside two known ones may
        # pass (就労 of 就労支援, 配置 of 「どこに配置された」) — not an attribute they do not print (カフェの住所)
        return None
    found = best_sentences(cx, t, hits[:8], must)
    cover = max((c for _, _, c in found), default=0.0)
    if cover < PASSAGE_COVER:
        return None
    if unknown and not _says_all(cx, known, found):
        # 「シニアの就労支援は？」: one word the reports never use (就労) is let through only when the quote says
        # every other word of the question itself — else it is about something else.
        return None
    found = _with_the_rest_asked(t.q.text, found, t.q.quantity or figures.asks_money(t.q.text))
    found = _nth_item(t.q.text, found)
    text = " ".join(s for s, _, _ in found)
    if (t.q.quantity or figures.asks_money(t.q.text)) and not figures.gives_amount(t.q.text, text):
        return None  # a count (of that unit) or an amount was asked and the passage gives none
    if ASKS_DATE.search(t.q.text) and not (_DATE.search(text) or re.search(r"\d+月|\d+日|年度|\d{4}年", text)
                                           or _SCHEDULE.search(text)):
        return None
    if t.q.years and not t.q.baseline and not _year_said(cx, t.q.years, found):
        return None  # 「令和6年度の合計特殊出生率は？」 of an R5 report: its 1.43 is R5's, not the year asked
    heads = " ".join(h.chunk.text.partition(": ")[0] for _, h, _ in found if h.chunk.kind in ("activity", "evaluation"))
    if ASKS_NAME.search(t.q.text) and not _names_other_than_asked(t.q.text, text + " " + heads):
        return None  # 「進出した企業の名前は？」: a sentence about the companies that names none of them
    if _WHO.search(t.q.text) and not _WHO_NAME.search(text):
        return None  # 「懇話会の委員って誰？」: a sentence about the panel that names nobody
    if (price := figures.price_asked(t.q.text)) and not figures.names_price(text, price):
        return None  # 「森林セラピーの参加費は？」: a subsidy of 50万円 in the same sentence is not the fee
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
    t.extra = {"figures": figures.to_context(figures.of_sentences([(s, h) for s, h, _ in found])),
               "chunks": list(dict.fromkeys(h.chunk.chunk_id for _, h, _ in found)),
               "sentences": [s for s, _, _ in found]}
    p = cx.projects.get((c.report, c.project_no))
    return cx.finish(t, "detail", body, [cx.cite(c.report, c.project_no, c.page)], projects=[p] if p else [],
                     hits=[hit])


def _with_the_rest_asked(question: str, found: list[tuple[str, Hit, float]], amount: bool
                         ) -> list[tuple[str, Hit, float]]:
    """「いつで、何人来た？」 asks two things: when the quote gives one (the date), the sentence of the same passage
    that gives the other (参加者数:86人) joins it, in the passage's order."""
    if not found:
        return found
    text = " ".join(s for s, _, _ in found)
    needs = []
    if ASKS_DATE.search(question) and not _DATE.search(text):
        needs.append(lambda x: bool(_DATE.search(x)))
    if amount and not figures.gives_amount(question, text):
        needs.append(lambda x: figures.gives_amount(question, x) and not _DATE.search(x))
    hit, cover = found[0][1], found[0][2]
    if not needs or (len(needs) == (1 + bool(amount and ASKS_DATE.search(question))) and cover < 0.75):
        # nothing asked is missing, or nothing asked is given yet by a passage that is not clearly the one asked
        # about: no partial answer to complete
        return found
    body = hit.chunk.text.partition(": ")[2] or hit.chunk.text
    parts = pieces(body)
    extra: list[str] = []
    for need in needs:  # (「開催日と参加者数」 of the passage whose heading the question names: each from its line)
        extra += [p for p in parts if p not in text and p not in extra and need(p)
                  and re.search(r"[ぁ-んァ-ヶ一-龯]{2}", p)][:1]  # (not a lone table cell 「5,000人」)
    return sorted(found + [(p, hit, cover) for p in extra], key=lambda x: parts.index(x[0]) if x[0] in parts else 0)


def _nth_item(question: str, found: list[tuple[str, Hit, float]]) -> list[tuple[str, Hit, float]]:
    """「2番目の講演のタイトルだけ」: of a sentence that numbers its items ①②③, the lead and the item asked for."""
    m = re.search(r"([1-9]|[一二三四五六七八九])\s*(?:番目|つ目)", normalize(question))
    if not m:
        return found
    n = int(m.group(1)) if m.group(1).isdigit() else KANJI_NUM[m.group(1)]
    mark = chr(0x2460 + n - 1)  # ① …
    out = []
    for sent, hit, cover in found:
        if mark in sent and (item := re.search(rf"{mark}[^①-⑳]*", sent)):
            lead = re.split(r"[①-⑳]", sent, maxsplit=1)[0]
            out.append((lead + item.group(0).rstrip(" 、,"), hit, cover))
    return out or found


def _names_other_than_asked(question: str, text: str) -> bool:
    """Does the text name something (a quoted name, a company, a Latin name) other than what the question itself
    names (「ひばり野ベースに入居した企業は？」: 「ひばり野ベース」 is no answer)?"""
    asked = normalize(question)
    return any(normalize(m.group(0).strip("「」『』")) not in asked for m in _A_NAME.finditer(text))


def unwrapped(text: str) -> str:
    """A sentence of a page's text without the spaces its PDF line breaks left between Japanese characters."""
    return re.sub(r"(?<=[ぁ-ヿ一-龯])\s+(?=[ぁ-ヿ一-龯])", "", text)


def _year_said(cx: Context, years: tuple[str, ...], found: list[tuple[str, Hit, float]]) -> bool:
    """Is a year asked about the quoted report's own year, or written in the quote or its heading (令和6年度, R6,
    2024年)?"""
    own = {r.fiscal_year for r in cx.records.reports if r.report in {h.chunk.report for _, h, _ in found}}
    said = normalize(" ".join(s + " " + h.chunk.text.partition(": ")[0] for s, h, _ in found))
    for y in years:
        era = (eras.japanese(y) or "").removesuffix("年度")
        if y in own or (era and era in said) or re.search(rf"(?<![A-Za-z0-9]){y}(?!\d)|{eras.western(y)}年", said):
            return True
    return False


def _says_all(cx: Context, words: list[str], found: list[tuple[str, Hit, float]]) -> bool:
    said = {w for s, h, _ in found for w in cx.m.words(s + " " + h.chunk.text.partition(": ")[0])}
    return all(w in said for w in words)


def answer_with(cx: Context, t: Turn, hits: list[Hit], terms: list[str], must: list[str] = ()) -> Answer | None:
    """A quote from other passages or words than the turn's own (a follow-up's: the last answer's quote and topic);
    None unless one is found. The turn itself is left as it was."""
    quoted = answer(cx, replace(t, hits=hits, terms=terms), must)
    return quoted if quoted is not None and quoted.found else None


def last_quoted(cx: Context, prev: dict) -> list[Hit]:
    """The passages the last answer quoted (a chunk's id is its position)."""
    chunks = cx.records.chunks
    return [Hit(chunks[i], 1.0) for i in prev.get("chunks") or [] if 0 <= i < len(chunks)]


def best_sentences(cx: Context, t: Turn, hits: list[Hit], must: list[str] = ()) -> list[tuple[str, Hit, float]]:
    """The best sentence and the near-equal ones beside it in the same chunk (e.g. 第1期 and 第2期); with `must`,
    only sentences whose own words include every one of them."""
    scored = []
    past = bool(_PAST.search(t.q.text))
    asked = set(t.terms)
    for h in hits:
        c = h.chunk
        head, _, body = c.text.partition(": ")
        ctx = set(cx.m.words(c.context + " " + head))
        title = set(cx.m.words(c.project_title or ""))
        own = ctx if body else set(cx.m.words(c.context))  # the heading, if the passage has one
        for n, sent in enumerate(pieces(body or c.text)):
            if not re.search(r"[ぁ-んァ-ヶ一-龯]{2}", sent):
                continue  # a lone table cell (「5,600人」): a value without what it counts
            sw = set(cx.m.words(sent))
            if must and not all(x in sw for x in must):
                continue
            if t.must and not all(x in sw | ctx for x in t.must):
                continue  # 「応用研修のほうは？」: the sentence or its heading says 応用
            if not sw - own - asked - title:
                continue  # only the project's title or the heading again (a title cell of a table): nothing new
            cov = cx.m.cover(t.terms, sw | ctx)
            score = cov + 0.5 * cx.m.cover(t.terms, sw) + detail_bonus(t.q.text, sent) + 0.5 * h.score
            if cov >= 0.75 and ASKS_NAME.search(t.q.text) and _names_other_than_asked(t.q.text, sent):
                score += 0.5  # a name asked: of the sentences about it, the one that gives one, not the aim
            if c.kind in ("purpose", "overview") and past:
                score -= 0.3  # 「何を実施したのか」 asks what was done, not the aim or the project's header
            scored.append((score, n, sent, h, cov))
    if not scored:
        return []
    if m := ORDINAL.search(normalize(t.q.text)):
        # 「第２期は何人修了した？」: the lines of the other 期 (第1期 ⇒22人) are not quoted beside it
        asked = _ordinals(t.q.text, m.group(2))
        printed = set().union(*(_ordinals(h.chunk.text, m.group(2)) for h in hits))
        if printed and not printed & asked:
            return []  # 「第３期は？」 where the passages print 第1期 and 第2期 only: nothing to quote
        scored = [x for x in scored if _ordinals(x[2], m.group(2)) <= asked]
    scored.sort(key=lambda x: -x[0])
    top = scored[0]
    same = [x for x in scored if x[3] is top[3] and x[0] >= top[0] - 0.15][:3]
    if re.match(r"^(なお|また|同|その|これ)", top[2]) or re.search(r"同(財団|事業|センター|協議会|団体|社)", top[2]):
        # The sentence leans on the one before it ("同財団に…"): quote that one too.
        prev = [x for x in scored if x[3] is top[3] and x[1] == top[1] - 1]
        same += [x for x in prev if x not in same]
    same.sort(key=lambda x: x[1])
    return [(x[2], x[3], x[4]) for x in same]


ORDINAL = re.compile(r"第\s*(\d+)\s*(期|回|弾|号|次)")


def _ordinals(sentence: str, counter: str) -> set[str]:
    """The numbers of 「第N期」 (of the given counter) a sentence names."""
    return {n for n, c in ORDINAL.findall(normalize(sentence)) if c == counter}


def detail_bonus(question: str, sentence: str) -> float:
    """A sentence that gives the kind of thing a question asks for: a date for 「いつ」, an X for 「何X」."""
    b = 0.0
    if ASKS_DATE.search(question) and _DATE.search(sentence):
        b += 0.5
    if m := re.search(r"何(?![故処])([一-龯])", question):  # not 何故 (why), 何処 (where)
        # 「何人」「何回」「何語」 ask for an X: a number counting X (3人) answers best, a word ending in X (英語) next.
        x = re.escape(m.group(1))
        b += 0.5 if re.search(rf"\d{x}", sentence) else 0.3 if re.search(rf"[一-龯ァ-ヶ]{x}", sentence) else 0.0
    elif re.search(r"人数|how many people|attend", question, re.I) and re.search(r"\d+人", sentence):
        b += 0.5
    if re.search(r"なぜ|何故|どうして|理由|原因|why", question, re.I) and re.search(r"ため|により|影響|受けて|から", sentence):
        b += 0.5  # a why-question: the sentence that gives a cause
    if WHERE.search(question) and re.search(r"\d+階|庁舎|地区|(に|で)(設置|集約|開設|整備|配置|開所|移転|実施|行)", sentence):
        b += 0.5  # a where-question: the sentence that places something
    return b


_CELL_RUN = 160  # a "sentence" longer than this with spaces in it is a table row or a page flattened to text


def pieces(text: str) -> list[str]:
    """Quotable units of a passage; a long run of spaced cells (a page of a table read as text) is cut at its
    spaces, so a quote is the cell that answers, not the page."""
    out = []
    for s in sentences(text):
        out += [x for x in s.split() if x] if len(s) > _CELL_RUN and len(s.split()) > 3 else [s]
    return out
