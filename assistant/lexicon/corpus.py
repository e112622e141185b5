"""English words for the loaded reports' own names, read from the records when the index is opened.

Nothing here lists a report's words: the KPI names, project titles and city names of whatever corpus is loaded are
analysed with unidic, which gives

* for a loanword, its English source (エンジニア-engineer, キックオフ-kick-off): "engineer" -> エンジニア;
* for every word, its reading: a run of one to three words whose romanized reading an English question spells
  (糸島 イトシマ -> "itoshima", 赤+煉瓦 アカレンガ -> "akarenga", 門司+港 モジコウ -> "mojiko").

Readings are matched only for proper nouns or for runs of five letters or more, so that short common words
(竹 "take", 鮫 "same") never answer to an English word that happens to spell them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from . import load_lexicon, singular, words

_KANA = {
    "ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o", "カ": "ka", "キ": "ki", "ク": "ku", "ケ": "ke", "コ": "ko",
    "サ": "sa", "シ": "shi", "ス": "su", "セ": "se", "ソ": "so", "タ": "ta", "チ": "chi", "ツ": "tsu", "テ": "te",
    "ト": "to", "ナ": "na", "ニ": "ni", "ヌ": "nu", "ネ": "ne", "ノ": "no", "ハ": "ha", "ヒ": "hi", "フ": "fu",
    "ヘ": "he", "ホ": "ho", "マ": "ma", "ミ": "mi", "ム": "mu", "メ": "me", "モ": "mo", "ヤ": "ya", "ユ": "yu",
    "ヨ": "yo", "ラ": "ra", "リ": "ri", "ル": "ru", "レ": "re", "ロ": "ro", "ワ": "wa", "ヰ": "i", "ヱ": "e", "ヲ": "o",
    "ン": "n", "ガ": "ga", "ギ": "gi", "グ": "gu", "ゲ": "ge", "ゴ": "go", "ザ": "za", "ジ": "ji", "ズ": "zu",
    "ゼ": "ze", "ゾ": "zo", "ダ": "da", "ヂ": "ji", "ヅ": "zu", "デ": "de", "ド": "do", "バ": "ba", "ビ": "bi",
    "ブ": "bu", "ベ": "be", "ボ": "bo", "パ": "pa", "ピ": "pi", "プ": "pu", "ペ": "pe", "ポ": "po", "ヴ": "vu",
    "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o",
}
_YOON = {"ャ": "a", "ュ": "u", "ョ": "o"}
_FUNCTION = frozenset(["the", "a", "an", "of", "in", "on", "at", "for", "to", "by", "with", "and", "or", "is", "are", "was", "were", "did", "do", "does", "how", "what", "which", "who", "when", "where", "why", "its", "it", "this", "that", "these", "those", "their", "there", "under", "over"])
_MUNICIPALITY = frozenset(("city", "town", "village", "prefecture", "ward", "county"))
MIN_READING = 5  # letters of a non-proper-noun run whose reading may be matched


def romaji(kana: str) -> str:
    """Hepburn romanization of a katakana reading (long vowels as written: コウ -> kou)."""
    out: list[str] = []
    double = False
    for ch in kana:
        if ch == "ッ":
            double = True
            continue
        if ch in _YOON and out:
            prev = out.pop()
            stem = prev[:-1] if prev.endswith("i") else prev
            out.append((stem if stem.endswith(("sh", "ch", "j")) else stem + "y") + _YOON[ch])
        elif ch == "ー":
            continue
        else:
            syl = _KANA.get(ch, "")
            if double and syl:
                syl = ("t" if syl.startswith("ch") else syl[0]) + syl
            out.append(syl)
        double = False
    return "".join(out)


def spelling(word: str) -> str:
    """A key both a romanized reading and an English spelling of it reduce to: lowercase, no marks or hyphens,
    long vowels single (kyuushuu, kyūshū, kyushu -> kyushu), m before b/p as n (shimbashi -> shinbashi)."""
    w = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if c.isascii() and c.isalpha())
    w = re.sub(r"ou|oo|oh(?![aeiou])", "o", w)
    w = re.sub(r"([aeiu])\1", r"\1", w)
    return re.sub(r"m(?=[bp])", "n", w)


class CorpusGlossary:
    """English word -> Japanese words of the loaded reports' names."""

    def __init__(self, names: Iterable[str]) -> None:
        import fugashi
        import unidic_lite

        tagger = fugashi.Tagger(f'-r /dev/null -d "{unidic_lite.DICDIR}"')
        self.loan: dict[str, set[str]] = {}
        self.reading: dict[str, set[str]] = {}
        for name in dict.fromkeys(unicodedata.normalize("NFKC", n) for n in names if n):
            nodes = [n for n in tagger(name)]
            for n in nodes:
                head, sep, src = (n.feature.lemma or "").partition("-")
                if sep and head and not head.isascii() and src:
                    key = src.lower().replace("-", "").replace(" ", "")
                    self.loan.setdefault(key, set()).add(n.surface)
            self._readings(nodes)
            if re.fullmatch(r"[一-龯々ぁ-んァ-ヶー]{2,7}[市町村区]", name):
                self._place_readings(tagger, name[:-1])

    def _place_readings(self, tagger, stem: str) -> None:
        """A place name the dictionary reads one way as a whole may be spelled by the reading of its parts
        (東雲台: ヒガシウンダイ as a whole, shinonomedai as 東雲 + 台): each two-part split's reading is a key too."""
        from ..tokenize import kana_reading

        for k in range(1, len(stem)):
            head, tail = kana_reading(tagger, stem[:k]), kana_reading(tagger, stem[k:])
            if head and tail and len(key := spelling(romaji(head + tail))) >= MIN_READING:
                self.reading.setdefault(key, set()).add(stem)

    def _readings(self, nodes: list) -> None:
        usable = [n.feature.pos1 in ("名詞", "接頭辞", "接尾辞") and n.feature.kana for n in nodes]
        for i in range(len(nodes)):
            for j in range(i + 1, min(i + 3, len(nodes)) + 1):
                if not all(usable[i:j]):
                    break
                run = nodes[i:j]
                key = spelling(romaji("".join(n.feature.kana for n in run)))
                proper = any(n.feature.pos2 == "固有名詞" for n in run)
                if len(key) >= 3 and (proper or len(key) >= MIN_READING):
                    self.reading.setdefault(key, set()).add("".join(n.surface for n in run))

    def spans(self, text: str) -> list[tuple[str, tuple[str, ...]]]:
        """(English word, Japanese words of the corpus it names) in question order: loanwords by their source word
        (two words joined too: kick off -> kickoff), other words by their reading. A municipality word right after
        a name read from the corpus belongs to that name (Itoshima City -> 糸島, not also シティ)."""
        ws = words(text)
        general = load_lexicon()
        out: list[tuple[str, tuple[str, ...]]] = []
        after_name = False
        for i, w in enumerate(ws):
            found: list[str] = []
            if not (after_name and singular(w) in _MUNICIPALITY) and w not in _FUNCTION:  # 「In」 is no イン
                pair = w + ws[i + 1] if i + 1 < len(ws) else ""
                for key in dict.fromkeys(x.replace("-", "") for x in (w, singular(w), pair, singular(pair)) if x):
                    found += sorted(self.loan.get(key, ()))
            named = []
            if w not in _FUNCTION and w not in general and singular(w) not in general:
                named = sorted(self.reading.get(spelling(w), ()))
            after_name = bool(named)
            if found or named:
                out.append((w, tuple(dict.fromkeys(found + named))))
        return out

    def lookup(self, text: str) -> list[str]:
        """Japanese words of the corpus an English text names, in its order, each once."""
        return list(dict.fromkeys(t for _, terms in self.spans(text) for t in terms))
