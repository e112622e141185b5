"""Japanese fiscal years: 令和２年度 ↔ "R2" ↔ 2020, and period strings like R1n-R3n."""

from __future__ import annotations

import re

_ERA_START = {"R": 2018, "H": 1988, "S": 1925}  # western = start + n
_ERA_NAME = {"R": "令和", "H": "平成", "S": "昭和"}
_ERA_ALIAS = {"令和": "R", "平成": "H", "昭和": "S", "R": "R", "H": "H", "S": "S"}

ERA_YEAR = r"(令和|平成|昭和|R|H|S)\s*(元|\d{1,2})"
_ERA_YEAR_RE = re.compile(ERA_YEAR)
_PERIOD_RE = re.compile(ERA_YEAR + r"\s*(?:n|年度)?\s*[-~〜～]\s*(?:" + ERA_YEAR + r"|(元|\d{1,2}))\s*(?:n|年度)?")

# 「令和4年度から令和6年度まで」: the same in words (年度 written on both ends, so 「令和4年度から5回」 is no period)
_WORDS_PERIOD_RE = re.compile(ERA_YEAR + r"\s*年度\s*から\s*(?:" + ERA_YEAR + r"|(元|\d{1,2}))\s*年度")

_WESTERN_PERIOD_RE = re.compile(r"((?:19|20)\d\d)\s*年度?\s*[-~〜～]\s*((?:19|20)\d\d)\s*年度?")


def fy_code(era: str, year: str | int) -> str | None:
    """("令和", "元") → "R1"; None for an unknown era."""
    e = _ERA_ALIAS.get(era)
    if e is None:
        return None
    n = 1 if year == "元" else int(year)
    return f"{e}{n}"


def western(code: str | None) -> int | None:
    """"R2" → 2020, "H28" → 2016."""
    if not code or code[0] not in _ERA_START or not code[1:].isdigit():
        return None
    return _ERA_START[code[0]] + int(code[1:])


def japanese(code: str | None) -> str | None:
    """"R1" → "令和元年度", "H28" → "平成28年度"."""
    if not code or code[0] not in _ERA_NAME or not code[1:].isdigit():
        return None
    n = int(code[1:])
    return f"{_ERA_NAME[code[0]]}{'元' if n == 1 else n}年度"


def find_fy(text: str) -> str | None:
    """The first era-year in a text ("令和２年度…" after NFKC → "R2")."""
    m = _ERA_YEAR_RE.search(text)
    return fy_code(m.group(1), m.group(2)) if m else None


def parse_period(text: str) -> tuple[str, str, str] | None:
    """Find a period like "R1n-R3n" or "平成28年度~令和2年度": (raw, start code, end code)."""
    m = _PERIOD_RE.search(text) or _WORDS_PERIOD_RE.search(text)
    if not m:
        # 「2020年度～2024年度」: the western form, kept as printed and coded in eras
        if (w := _WESTERN_PERIOD_RE.search(text)) and (a := from_western(int(w.group(1)))) and (
                b := from_western(int(w.group(2)))):
            return w.group(0).strip(), a, b
        return None
    start = fy_code(m.group(1), m.group(2))
    if m.group(3):
        end = fy_code(m.group(3), m.group(4))
    else:  # "R1-3": same era as the start
        end = fy_code(m.group(1), m.group(5))
    if start is None or end is None:
        return None
    return m.group(0).strip(), start, end


def period_display(start: str, end: str) -> str:
    """("R1", "R3") → "令和元年度〜令和3年度"."""
    return f"{japanese(start)}〜{japanese(end)}"


def from_western(year: int, era: str = "R") -> str | None:
    """2020 → "R2" (in the given era when the year falls in it, else the era of that year)."""
    for e in (era, "R", "H", "S"):
        if e in _ERA_START and year - _ERA_START[e] >= 1 and (e != "H" or year <= 2019) and (e != "S" or year <= 1989):
            return f"{e}{year - _ERA_START[e]}"
    return None
