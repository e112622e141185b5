"""The report's own verdicts on a project (効果検証): 事業の評価, 今後の方針, 事業の成果 — which value a question
names, matched against the values the corpus actually prints, never against a fixed list."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .records import Project

MATCH_MAX = 40  # longer values are prose (a paragraph of 評価), quoted but never matched as a category
FIELDS = {"evaluation": "事業の評価", "policy": "今後の方針", "outcome": "事業の成果"}


def value_of(p: Project, field: str) -> str | None:
    return getattr(p, field, None) or None


def _substrings(text: str, shortest: int = 2) -> set[str]:
    n = len(text)
    return {text[i:j] for i in range(n) for j in range(i + shortest, n + 1)}


def named_values(question: str, values: Iterable[str]) -> list[str]:
    """The printed values a question names: those sharing the longest stretch of text with it that not every value
    shares (「見直しになった事業は？」 names 「事業内容の見直し(改善)」, not 「事業の継続」; 「事業」 alone names
    nothing). Empty when no value is named (at least two characters, or a one-letter grade standing alone)."""
    values = list(dict.fromkeys(v for v in values if v and len(v) <= MATCH_MAX))
    if len(values) < 2:
        return []
    # A grade of one letter or mark (評価 A / B / C, S, ◎ ○ △): named where it stands alone (「評価がA」「A評価」,
    # not the A of AI or KPI).
    grades = [v for v in values if re.fullmatch(r"[A-ZＡ-Ｚ]|[◎○〇△×]", v)]
    if grades:
        named = [v for v in grades if re.search(rf"(?<![A-Za-zＡ-Ｚａ-ｚ]){re.escape(v)}(?![A-Za-zＡ-Ｚａ-ｚ])", question)]
        if named:
            return named
    shared = set.intersection(*(_substrings(v) for v in values))
    best_len, best = 0, []
    for v in values:
        # A stretch of only 事業 and particles (「事業の」 in 「スマート農業事業の今後の方針」) names no value.
        n = max((len(s) for s in _substrings(v) if s not in shared and s in question
                 and len(re.sub(r"事業|[のにをはがとで]", "", s)) >= 2
                 and re.search(r"[一-龯ァ-ヶ]", s)), default=0)  # (「して」 of 一覧にして names no value)
        if n > best_len:
            best_len, best = n, [v]
        elif n == best_len and n:
            best.append(v)
    return best if best_len >= 2 else []
