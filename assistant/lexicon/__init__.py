"""English -> Japanese vocabulary for English questions.

Two sources, kept apart on purpose:

* `en_ja.tsv` (this package): the field's own general terms (交付金, 指標, 目標, 実績, 達成率, 事業費, 担当課 …),
  loaded once. No report's KPI names or project titles belong there.
* `corpus.CorpusGlossary`: the words of the *loaded* reports (KPI names, project titles, cities), found when the
  index is opened: loanwords by the English source unidic records for them (エンジニア-engineer), names by
  their romanized reading (糸島 -> itoshima).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

_WORD = re.compile(r"[A-Za-z][A-Za-z-]*[A-Za-z]|[A-Za-z]{2,}")
MAX_PHRASE = 3  # words in the longest English key


@lru_cache(maxsize=1)
def load_lexicon() -> dict[str, tuple[str, ...]]:
    """The general English -> Japanese lexicon (english key, lowercase and singular -> Japanese terms)."""
    text = resources.files(__package__).joinpath("en_ja.tsv").read_text(encoding="utf-8")
    return parse(text)


def parse(text: str) -> dict[str, tuple[str, ...]]:
    """Entries of a lexicon file: `english<TAB>ja[,ja...]` lines; blank lines and # comments skipped."""
    out: dict[str, tuple[str, ...]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        en, sep, ja = line.partition("\t")
        terms = tuple(t.strip() for t in ja.split(",") if t.strip())
        if not sep or not en.strip() or not terms:
            raise ValueError(f"lexicon line {n}: expected 'english<TAB>japanese[,japanese]': {line!r}")
        key = " ".join(en.lower().split())
        out[key] = tuple(dict.fromkeys(out.get(key, ()) + terms))
    return out


def words(text: str) -> list[str]:
    """The English words of a text, lowercase (hyphenated words kept whole: start-up, child-rearing)."""
    return [w.lower() for w in _WORD.findall(text)]


def singular(word: str) -> str:
    """A plain English singular: cities -> city, classes -> class, visitors -> visitor (no dictionary)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _forms(word: str) -> tuple[str, ...]:
    s = singular(word)
    return (word,) if s == word else (word, s)


def spans(text: str, lexicon: dict[str, tuple[str, ...]] | None = None) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """(English words, their Japanese terms) for each phrase of `text` the lexicon knows, longest phrase first
    (「achievement rate」 -> 達成率, not 達成 and 率), in question order."""
    lex = load_lexicon() if lexicon is None else lexicon
    ws = words(text)
    out: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    i = 0
    while i < len(ws):
        for n in range(min(MAX_PHRASE, len(ws) - i), 0, -1):
            *head, last = ws[i:i + n]
            hit = next((lex[k] for f in _forms(last) if (k := " ".join([*head, f])) in lex), None)
            if hit:
                out.append((tuple(ws[i:i + n]), hit))
                i += n
                break
        else:
            i += 1
    return out


def lookup(text: str, lexicon: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    """Japanese terms for the English words of `text` (every translation of each phrase), each once."""
    return list(dict.fromkeys(t for _, terms in spans(text, lexicon) for t in terms))


def covered(text: str, lexicon: dict[str, tuple[str, ...]] | None = None) -> set[str]:
    """The English words of `text` that the lexicon translates (as written, lowercase)."""
    lex = load_lexicon() if lexicon is None else lexicon
    ws = words(text)
    out: set[str] = set()
    for i in range(len(ws)):
        for n in range(1, min(MAX_PHRASE, len(ws) - i) + 1):
            *head, last = ws[i:i + n]
            if any(" ".join([*head, f]) in lex for f in _forms(last)):
                out.update(ws[i:i + n])
    return out


@lru_cache(maxsize=1)
def plain_words() -> dict[str, tuple[str, ...]]:
    """Everyday Japanese -> the administrative words the reports use (ja_plain.tsv; same file format as en_ja.tsv,
    `everyday<TAB>report[,report]`)."""
    return parse(resources.files(__package__).joinpath("ja_plain.tsv").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, tuple[str, ...]]:
    """Abbreviations -> the full words reports print (ja_abbrev.tsv; same format), looked up beside the word itself."""
    return parse(resources.files(__package__).joinpath("ja_abbrev.tsv").read_text(encoding="utf-8"))
