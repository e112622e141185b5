"""Read KPI rows and re-attach displaced values, using 実績/目標 ≈ 達成率 to decide and to validate."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from . import arith
from .reading import Line, parse_number
from .records import Kpi, Number, Problem

SLOTS = ("target", "actual", "rate")
_KPI_LINE = re.compile(r"^KPI\s*[:：]?\s*(.*)$")
_UNIT = re.compile(r"\(([^()]{1,10})\)")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_DASHES = {"-", "ー", "―", "‐", "—", "−", "*", "＊"}
_MAX_ORPHANS = 14  # combinations grow fast; a real page has a handful


@dataclass(frozen=True)
class Token:
    """A value cell: kind is "num", "pct", "dash" or "garbage"."""

    kind: str
    value: Number | None
    text: str


@dataclass
class Slot:
    state: str = "open"  # "value", "dash" (printed as －), "garbage", "open" (nothing printed here)
    value: Number | None = None
    text: str = ""
    displaced_from: int | None = None  # line number the value was found on, when not the KPI's own line


@dataclass
class RawKpi:
    """A KPI row while its values are being reconciled (mutable working state, never returned)."""

    line: Line
    page: int
    name: str
    unit: str | None
    slots: dict[str, Slot] = field(default_factory=lambda: {s: Slot() for s in SLOTS})
    flags: list[str] = field(default_factory=list)

    def open_slots(self) -> list[str]:
        return [s for s in SLOTS if self.slots[s].state == "open"]


@dataclass(frozen=True)
class Orphan:
    """A line of bare values that sits away from its KPI."""

    line: Line
    page: int
    tokens: tuple[Token, ...]


def classify(token: str) -> Token:
    if token in _DASHES:
        return Token("dash", None, token)
    if token.endswith("%"):
        v = parse_number(token[:-1])
        return Token("pct", float(v), token) if v is not None else Token("garbage", None, token)
    v = parse_number(token)
    if v is not None:
        return Token("num", v, token)
    return Token("garbage", None, token)


def value_tokens(text: str) -> tuple[Token, ...] | None:
    """Tokens of a line made only of values ("1,530 1,215 79.4%", "92.9%"); None for any other line."""
    parts = text.split()
    if not parts:
        return None
    toks = tuple(classify(p) for p in parts)
    if any(t.kind == "garbage" for t in toks) or all(t.kind == "dash" for t in toks):
        return None
    return toks


def parse_kpi_line(line: Line, page: int, file: str) -> tuple[RawKpi | None, list[Problem]]:
    """Split "KPI 名称(単位) 目標 実績 達成率" into name, unit and value slots."""
    m = _KPI_LINE.match(line.text)
    if not m or not m.group(1).strip():
        return None, []
    body = m.group(1).strip()
    problems: list[Problem] = []
    unit_m = None
    for um in _UNIT.finditer(body):
        if not _CJK.search(body[um.end():]):
            unit_m = um
    if unit_m:
        name, unit, rest = body[:unit_m.start()].strip(), unit_m.group(1).strip(), body[unit_m.end():]
        toks = [classify(t) for t in rest.split()]
    else:
        parts = body.split()
        k = len(parts)
        while k > 1 and classify(parts[k - 1]).kind != "garbage":
            k -= 1
        name, unit, toks = " ".join(parts[:k]), None, [classify(t) for t in parts[k:]]
    if not name:
        return None, [Problem(file, "KPI line without a name", line.no)]
    kpi = RawKpi(line, page, name, unit)
    bad = [t.text for t in toks if t.kind == "garbage"]
    if bad:
        problems.append(Problem(file, f"KPI 「{name}」: unreadable value(s) {', '.join(bad)}", line.no))
        kpi.flags.append("unparseable_value")
    _fill_from_line(kpi, toks, file, problems)
    return kpi, problems


def _fill_from_line(kpi: RawKpi, toks: list[Token], file: str, problems: list[Problem]) -> None:
    if len(toks) > 3:
        problems.append(Problem(file, f"KPI 「{kpi.name}」: {len(toks)} values where 3 were expected; "
                                "values left unassigned", kpi.line.no))
        kpi.flags.append("ambiguous_values")
        return
    if len(toks) < 3 and toks and toks[-1].kind == "pct" and kpi.unit not in ("%", "％"):
        # A trailing percentage on a short row is the rate; the plain numbers before it fill target then actual.
        order = [*SLOTS[: len(toks) - 1], "rate"]
    else:
        order = list(SLOTS[: len(toks)])
    for slot, tok in zip(order, toks, strict=True):
        s = kpi.slots[slot]
        if tok.kind == "dash":
            s.state, s.text = "dash", tok.text
        elif tok.kind == "garbage":
            s.state, s.text = "garbage", tok.text
        else:
            s.state, s.value, s.text = "value", tok.value, tok.text


def _try_fill(kpi: RawKpi, combo: tuple[Orphan, ...]) -> dict[str, tuple[Token, int]] | None:
    """Fill exactly the open slots from these orphan lines (each line's order kept) when arithmetic agrees."""
    open_ = kpi.open_slots()
    if sum(len(o.tokens) for o in combo) != len(open_):
        return None
    for perm in itertools.permutations(combo):
        seq = [(t, o.line.no) for o in perm for t in o.tokens]
        fill: dict[str, tuple[Token, int]] = {}
        ok = True
        for slot, (tok, ln) in zip(open_, seq, strict=True):
            if tok.kind == "dash" or (slot == "rate") != (tok.kind == "pct"):
                ok = False
                break
            fill[slot] = (tok, ln)
        if ok and _verified(kpi, fill):
            return fill
    return None


def _value(kpi: RawKpi, fill: dict[str, tuple[Token, int]], slot: str) -> tuple[Number | None, str]:
    if slot in fill:
        return fill[slot][0].value, fill[slot][0].text
    s = kpi.slots[slot]
    return (s.value, s.text) if s.state == "value" else (None, "")


def _verified(kpi: RawKpi, fill: dict[str, tuple[Token, int]]) -> bool:
    (t, _), (a, _), (r, rtext) = (_value(kpi, fill, s) for s in SLOTS)
    if t is None or a is None or r is None:
        return False
    return arith.consistent(float(t), float(a), float(r), arith.decimals(rtext))


def reconcile(kpis: list[RawKpi], orphans: list[Orphan]) -> list[Orphan]:
    """Attach orphan value lines to KPIs where exactly one assignment is arithmetically consistent.

    Returns the orphans left unused. Repeats until nothing changes, so one certain attachment can make
    another one unique.
    """
    free = list(orphans)
    while True:
        cands: dict[int, list[tuple[tuple[Orphan, ...], dict]]] = {}
        pool = free[:_MAX_ORPHANS]
        for i, k in enumerate(kpis):
            if not k.open_slots():
                continue
            for size in range(1, min(3, len(k.open_slots())) + 1):
                for combo in itertools.combinations(pool, size):
                    fill = _try_fill(k, combo)
                    if fill:
                        cands.setdefault(i, []).append((combo, fill))
        applied = False
        for i, options in cands.items():
            if len(options) != 1:
                continue
            combo, fill = options[0]
            used = {id(o) for o in combo}
            rivals = any(used & {id(o) for c, _ in opts for o in c} for j, opts in cands.items() if j != i)
            if rivals or not all(any(o is f for f in free) for o in combo):
                continue
            k = kpis[i]
            for slot, (tok, ln) in fill.items():
                k.slots[slot] = Slot("value", tok.value, tok.text, displaced_from=ln)
            if "value_displaced" not in k.flags:
                k.flags.append("value_displaced")
            free = [o for o in free if id(o) not in used]
            applied = True
        if not applied:
            return free


def finish(raw: RawKpi, report: str, project_no: int, fiscal_year: str | None, note: str | None) -> Kpi:
    """Turn a reconciled row into a frozen Kpi, with direction, achievement and flags."""
    flags = list(raw.flags)
    vals = {s: (raw.slots[s].value if raw.slots[s].state == "value" else None) for s in SLOTS}
    for s in SLOTS:
        if raw.slots[s].state in ("open", "dash"):
            flags.append(f"missing_{s}")
    t, a, r = vals["target"], vals["actual"], vals["rate"]
    lower: bool | None = None
    if t is not None and a is not None and r is not None:
        d = arith.direction(float(t), float(a), float(r), arith.decimals(raw.slots["rate"].text))
        if d is None:
            flags.append("rate_mismatch")
        elif d == arith.LOWER:
            lower = True
        elif d == arith.HIGHER:
            lower = False
    rate = float(r) if r is not None else None
    return Kpi(report=report, project_no=project_no, name=raw.name, unit=raw.unit, target=t, actual=a, rate=rate,
               fiscal_year=fiscal_year, lower_is_better=lower, achieved=arith.achieved(rate), note=note,
               page=raw.page, flags=tuple(dict.fromkeys(flags)), line=raw.line.no,
               printed=tuple(raw.slots[s].text if raw.slots[s].state == "value" else "" for s in SLOTS),
               rate_source="printed" if rate is not None else None)
