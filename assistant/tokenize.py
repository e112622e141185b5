"""Split Japanese text into normalized index terms with fugashi + unidic-lite."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

try:
    import fugashi
    import unidic_lite
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("Japanese tokenization needs fugashi and unidic-lite: pip install fugashi unidic-lite") from exc

Form = Literal["lemma", "surface"]

DROPPED_POS = frozenset({"助詞", "助動詞", "補助記号", "記号", "空白"})
CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞"})
# Nouns that say nothing about the topic of a question (lemmas: 何, こと, もの, ため, よう, ところ, など).
CONTENT_STOPWORDS = frozenset({"何", "事", "物", "為", "様", "所", "等"})
KEEP_SYMBOLS = frozenset({"%"})  # KPI units such as 達成率 are written with ％

# "51,402" -> "51402" (MeCab would split it into 51 , 402); "1,2,3" is left alone.
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
# Spans MeCab splits but a reader sees as one term: decimals (12.5, not dates like 2.5.20)
# and letter+digit codes such as fiscal years (R2, H30, R2n).
_JOINED = re.compile(r"(?<![\d.])\d+\.\d+(?![.\d])|(?<![A-Za-z0-9])[A-Za-z]+\d+[A-Za-z]?(?![A-Za-z0-9])")


def normalize(text: str) -> str:
    """NFKC-normalize text and drop thousands separators inside numbers."""
    return _THOUSANDS.sub("", unicodedata.normalize("NFKC", text))


def _base(node: fugashi.UnidicNode, form: Form) -> str:
    """The node's term: its lemma (surface when unknown or a proper noun) or its surface."""
    feature = node.feature
    lemma = feature.lemma
    # Proper nouns have no inflection and unidic gives their reading as lemma (福岡 -> フクオカ).
    if form == "surface" or lemma is None or feature.pos2 == "固有名詞":
        return node.surface
    # Loanwords carry their source word: エンジニア-engineer, スタートアップ-start-up.
    head, sep, _ = lemma.partition("-")
    return head if sep and head and not head.isascii() else lemma


def kana_reading(tagger: fugashi.Tagger, text: str) -> str:
    """The katakana reading of `text` by a unidic tagger (福岡 → フクオカ); "" when a word has none."""
    out = []
    for node in tagger(normalize(text)):
        kana = getattr(node.feature, "kana", None)
        if not kana or kana == "*":
            return ""
        out.append(kana)
    return "".join(out)


class JapaneseTokenizer:
    """Callable tokenizer: text -> index terms, built once (loading the dictionary takes ~50 ms).

    Not thread-safe (one MeCab tagger): build one per thread.
    """

    def __init__(self, form: Form = "lemma", keep_symbols: frozenset[str] = KEEP_SYMBOLS) -> None:
        if form not in ("lemma", "surface"):
            raise ValueError(f"form must be 'lemma' or 'surface', not {form!r}")
        self.form: Form = form
        self.keep_symbols = keep_symbols
        self.id = f"fugashi-unidic-lite:{form}"
        self._tagger = fugashi.Tagger(f'-r /dev/null -d "{unidic_lite.DICDIR}"')

    def __call__(self, text: str) -> list[str]:
        """Index terms of `text`: particles, auxiliaries, symbols and whitespace dropped, ASCII lowercased."""
        return [term for term, _ in self._terms(text, self.form) if term]

    def content_words(self, text: str, form: Form | None = None) -> list[str]:
        """Nouns, verbs and adjectives of `text` without dependent or empty words (する, こと, 何), in order.

        Args:
            text: a query or passage.
            form: "surface" gives words as written (for matching against raw text); defaults to the tokenizer's form.
        """
        return [term for term, content in self._terms(text, form or self.form) if content and term]

    def reading(self, text: str) -> str:
        """The katakana reading of `text` as unidic reads it (福岡 → フクオカ); "" when a word has none."""
        return kana_reading(self._tagger, text)

    def nouns(self, text: str) -> list[str]:
        """Topic-bearing nouns (common, proper, サ変) of `text` as lemmas; numbers and empty nouns left out."""
        text = normalize(text)
        joined = {m.start(): m.end() for m in _JOINED.finditer(text)}
        out = []
        pos, join_end = 0, -1
        for node in self._tagger(text):
            found = text.find(node.surface, pos)
            start = found if found >= 0 else pos
            pos = start + len(node.surface)
            if start < join_end:
                continue
            if start in joined and joined[start] >= pos and re.match(r"[A-Za-z]{3,}\d", text[start:joined[start]]):
                # Society5.0 → society5, as content_words (and so every title) reads it (not R3, H30, FY2020: years)
                join_end = joined[start]
                out.append(text[start:join_end].lower())
                continue
            f = node.feature
            if f.pos1 == "名詞" and f.pos2 not in ("数詞", "助動詞語幹") and f.lemma not in CONTENT_STOPWORDS:
                out.append(_base(node, self.form).lower())
        return out

    def _terms(self, text: str, form: Form) -> list[tuple[str, bool]]:
        text = normalize(text)
        joined = {m.start(): m.end() for m in _JOINED.finditer(text)}
        out: list[tuple[str, bool]] = []
        pos, join_end = 0, -1
        for node in self._tagger(text):
            found = text.find(node.surface, pos)
            start = found if found >= 0 else pos
            pos = start + len(node.surface)
            if start < join_end:  # inside a span already emitted whole
                continue
            if start in joined and joined[start] >= pos:
                join_end = joined[start]
                out.append((text[start:join_end].lower(), True))
                continue
            feature = node.feature
            if feature.pos1 in DROPPED_POS:
                if node.surface in self.keep_symbols:
                    out.append((node.surface, False))
                continue
            content = (
                feature.pos1 in CONTENT_POS and feature.pos2 != "非自立可能" and feature.lemma not in CONTENT_STOPWORDS
            )
            out.append((_base(node, form).lower(), content))
        return out
