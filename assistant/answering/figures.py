"""Numbers the reports print inside sentences (「第1期…⇒22人が修了」) as operands: what each counts, its unit and
where it is printed. A quoted passage carries the figures it quotes, so a follow-up 「合わせると？」 can add them;
a sum question no KPI answers can add the figures of the sentences that cover it. Only numbers with a unit count;
years and dates never do, and figures of different units are never added."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..match import sentences
from ..reading import normalize
from ..records import Answer, Hit
from . import arithmetic
from .context import PASSAGE_KINDS, Context, Turn

# A count or an amount with its unit: 22人, 1,530人, 3.5回, 4,000千円. 名 is counted as 人, ％ as %.
_FIGURE = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(千円|万円|円|人|名|件|回|世帯|社|団体|か所|箇所|校|台|戸|%|％)")
_SAME = {"名": "人", "％": "%"}
_NEGATED = re.compile(r"[^\s、,，(（]+?(?:じゃない|ではない|でない|以外)(?:の)?(?:方|ほう)?")  # 「応用じゃない方」
_HEAD_NO = re.compile(r"^\s*[\d\u2460-\u2473(（)）.．、]*\s*")  # a heading's own number: 「2 AI開発者向け研修」
MAX_FIGURES = 12  # more operands than this is a listing, not a question about a few figures
# Years and dates are not the amount a 「何人」「何％」「いくら」 asks for (「R3nに調査を実施予定」 gives no rate).
NOT_AMOUNT = re.compile(r"(令和|平成|昭和)?\s*(\d{1,4}|元)\s*(年度?(?!間)|月(?!間)|日(?!間)|期)|(?<![A-Za-z0-9])[RHS]\d{1,2}n?(?![\d.])|第\d+")
_COUNTER = re.compile(r"何(人|名|件|回|世帯|社|団体|か所|箇所|ヶ所|カ所|校|本|台|戸|%|％|倍|割|円|地区|地域|か国|カ国|"
                      r"施設|店舗|企業|事業者|自治体|市町村|チーム|組|種類|品目|便|路線|日間|か月|カ月|ヶ月|年間)")
_MONEY = re.compile(r"いくら|幾ら|金額|費用|料金|受講料|参加費|how much", re.I)


# A price (a fee users pay): reports rarely print one, and an amount of another kind (a subsidy of 50万円, a budget)
# or a count of users does not answer it. The answer must name the price itself (料金, 参加費, 無料).
_PRICE = re.compile(r"料金|利用料|受講料|参加費|入場料|入館料|使用料|手数料|会費|参加料")


def price_asked(question: str) -> str | None:
    m = _PRICE.search(question)
    return m.group(0) if m else None


def names_price(text: str, word: str) -> bool:
    return word in text or bool(re.search(r"無料|有料|料金", text))


def counter_unit(question: str) -> str | None:
    """The counter a 「何X」 question counts in (人 for 何人), None when it names none."""
    m = _COUNTER.search(question)
    return m.group(1) if m else None


def asks_money(question: str) -> bool:
    return bool(_MONEY.search(question))


def gives_amount(question: str, text: str) -> bool:
    """Does the text hold the kind of number the question asks for: a number of the counter it names (何人 → 9人),
    an amount of money (いくら → 5,000円), or any number that is not a year or a date?"""
    if re.search(r"頻度|ペース|how often", question, re.I):  # 「毎月」「週1回」 answer how often
        return bool(re.search(r"毎(日|週|月|年)|隔(週|月|年)|(週|月|年)\s*\d+\s*回|\d+\s*回", text))
    rest = NOT_AMOUNT.sub(" ", text)
    if m := _COUNTER.search(question):
        unit = {"人": "人|名", "名": "人|名", "%": "%|％|パーセント", "％": "%|％|パーセント"}.get(m.group(1), re.escape(m.group(1)))
        return bool(re.search(rf"\d[\d,.]*\s*(?:{unit})", rest))
    if re.search(r"者数|人数|参加数", question):  # 「参加者数を教えて」 counts people
        return bool(re.search(r"\d[\d,.]*\s*(?:人|名)", rest))
    if asks_money(question):
        return bool(re.search(r"\d[\d,.]*\s*(?:千|万|億)?円", rest))
    return bool(re.search(r"\d", rest))


@dataclass(frozen=True)
class Figure:
    label: str  # what it counts, from the sentence's own head (「AI開発者向け研修 第1期」)
    value: float | int
    unit: str
    report: str
    project_no: int
    page: int | None
    sentence: str


def in_sentence(sentence: str) -> list[tuple[float | int, str]]:
    """The numbers with a unit in a sentence, years and dates left out."""
    masked = NOT_AMOUNT.sub(lambda m: " " * len(m.group(0)), sentence)
    out = []
    for m in _FIGURE.finditer(masked):
        whole = int(m.group(1).replace(",", ""))
        value = float(f"{whole}{m.group(2)}") if m.group(2) else whole
        out.append((value, _SAME.get(m.group(3), m.group(3))))
    return out


def label(sentence: str, heading: str) -> str:
    """The sentence's own head (「第1期」 before its colon) after the passage's heading (「AI開発者向け研修」)."""
    head = re.sub(r"^[\d０-９]+\s*", "", heading).strip()
    own = sentence.split(":", 1)[0].strip() if ":" in sentence[:16] else ""
    return " ".join(x for x in (head, own) if x) or sentence[:20]


def of_sentences(quoted: list[tuple[str, Hit]]) -> list[Figure]:
    """The figures of quoted sentences, each with the passage it is printed in."""
    out = []
    for sentence, hit in quoted:
        c = hit.chunk
        heading = c.text.partition(": ")[0] if c.kind in ("activity", "evaluation") else ""
        for value, unit in in_sentence(sentence):
            out.append(Figure(label(sentence, heading), value, unit, c.report, c.project_no, c.page, sentence))
    return out


def to_context(figures: list[Figure]) -> list[dict]:
    return [asdict(f) for f in figures]


def from_history(history: list[Answer], both: bool = False) -> list[Figure]:
    """The figures the last answer quoted; when it quoted one, or summed its figures to one total, those of the
    answers before it that quoted some (「第1期は？」「第2期は？」「合わせると？」; two sums, then 「合わせると？」).
    `both` (「両方あわせると？」): the figures of the last two answers that quoted some."""
    out: list[Figure] = []
    amounts = 0
    for ans in reversed(history):
        figs = [Figure(**f) for f in ans.context.get("figures") or []]
        if not figs:
            break
        out = [f for f in figs if f not in out] + out
        amounts += 1 if both or ans.context.get("derived") == "sum" else len(figs)
        if amounts >= 2:
            break
    return out


def from_passages(cx: Context, t: Turn) -> list[Figure]:
    """Figures of the sentences that cover the question (their words with their headings) and name what it
    counts in the sentence itself (修了 in 「⇒22人が修了」), from the passages of the projects in scope."""
    hits = [h for h in t.hits if h.chunk.kind in PASSAGE_KINDS]
    if t.scope:
        keys = {(p.report, p.no) for p in t.scope}
        hits = [h for h in hits if (h.chunk.report, h.chunk.project_no) in keys]
    terms = t.rest if t.explicit and t.rest else t.terms
    quoted = []
    for h in hits[:8]:
        c = h.chunk
        head, _, body = c.text.partition(": ")
        ctx = set(cx.m.words(c.context + " " + head))
        for sentence in sentences(body or c.text):
            sw = set(cx.m.words(sentence))
            if (in_sentence(sentence) and cx.m.cover(terms, sw | ctx) >= 0.5
                    and any(x in sw and x not in ctx for x in terms) and all(x in sw | ctx for x in t.must)):
                quoted.append((sentence, h, head))
    return of_sentences([(sentence, h) for sentence, h, _ in _spelled(cx, t.q.text, quoted)])


def _spelled(cx: Context, question: str, quoted: list) -> list:
    """「AI開発者向け研修の修了者は？」 spells one heading whole; 「AI開発者向け応用研修」 only shares its words and has
    one the question lacks (応用; a negated 「応用じゃない方」 counts as lacking it): the unspelled heading goes."""
    text = _NEGATED.sub("", normalize(question)).lower()
    spelled = {head for _, _, head in quoted if (name := _HEAD_NO.sub("", head)) and normalize(name).lower() in text}
    if not spelled:
        return quoted
    words = {h: set(cx.m.words(_HEAD_NO.sub("", h))) for h in {x[2] for x in quoted}}
    # (「AI開発者向け研修」 is spelled inside 「AI開発者向け応用研修」: its words are a part of the spelled one's)
    return [x for x in quoted if x[2] in spelled or (all(w in text for w in words[x[2]])
                                                    and not any(words[x[2]] < words[s] for s in spelled))]


def answer(cx: Context, t: Turn, figures: list[Figure]) -> Answer | None:
    """Sum, average or difference of figures of one unit (the unit the question counts in, when it names one)."""
    q = t.q
    want = counter_unit(q.text) if q.derived != "share" else None  # (何% of a share is the result's unit)
    if want:
        figures = [f for f in figures if f.unit == _SAME.get(want, want)]
    figures = list(dict.fromkeys(figures))
    if len(figures) < 2 or len(figures) > MAX_FIGURES or len({f.unit for f in figures}) > 1:
        return None
    terms = [arithmetic.Term(f.label, f.value, f.unit) for f in figures]
    unit = figures[0].unit
    if q.derived == "sum":
        s, formula = arithmetic.total(terms)
        head = f"次の記載の数値を合計すると{arithmetic.num(s)}{unit}です（{formula}）。"
    elif q.derived == "avg":
        mean, _ = arithmetic.mean(terms)
        head = (f"次の記載の数値の平均は{arithmetic.num(mean)}{unit}です"
                f"（({' + '.join(arithmetic.num(x.value) for x in terms)}) ÷ {len(terms)} = {arithmetic.num(mean)}）。")
    elif q.derived == "share" and len(figures) == 2 and figures[0].sentence == figures[1].sentence:
        # 「11名が修了、うち7名が就業」「修了者のうち就業した人は何%？」: the part over the whole of one sentence
        part, whole = sorted(terms, key=lambda x: x.value)
        if not whole.value:
            return None
        pct = (Decimal(str(part.value)) / Decimal(str(whole.value)) * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)
        head = (f"{arithmetic.num(whole.value)}{unit}のうち{arithmetic.num(part.value)}{unit}で、割合は{pct}%です"
                f"（{arithmetic.num(part.value)} ÷ {arithmetic.num(whole.value)} = {pct}%、小数第1位まで）。")
    elif q.derived == "diff" and len(figures) == 2:
        a, b = terms
        d = Decimal(str(b.value)) - Decimal(str(a.value))
        head = (f"{a.label} {arithmetic.num(a.value)}{unit}と{b.label} {arithmetic.num(b.value)}{unit}の差は"
                f"{arithmetic.num(abs(d))}{unit}です（{arithmetic.num(b.value)} − {arithmetic.num(a.value)} = "
                f"{arithmetic.num(d)}）。")
    else:
        return None
    lines = "\n".join(f"- {f.label}: {arithmetic.num(f.value)}{unit}\n  > {f.sentence}" for f in figures)
    cites = [cx.cite(f.report, f.project_no, f.page) for f in figures]
    projects = list({id(p): p for f in figures if (p := cx.projects.get((f.report, f.project_no)))}.values())
    t.extra = {"derived": q.derived, "figures": to_context(figures)}
    return cx.finish(t, "derived", head + "\n\n" + lines, cites, projects=projects)
