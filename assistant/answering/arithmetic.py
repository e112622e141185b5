"""Derived numbers — differences to target, sums, averages, shares, changes between years, unit conversions —
computed only from figures the reports print, with the arithmetic written out (「41,621 − 39,559 = 2,062」).

Every function here is pure: it takes records and returns the sentences (or None when the inputs are missing),
never adds amounts in different units (千円 and 円; 件 and 人), and says which inputs it could not use."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .. import eras
from ..format import BUDGET_UNIT_YEN, fmt_num, is_computed, shown_rate
from ..records import Kpi, Number, Project


@dataclass(frozen=True)
class Term:
    """One cited operand: what it is (「令和2年度の事業費」), its value and its unit."""

    label: str
    value: Number
    unit: str


def _d(v: Number) -> Decimal:
    return Decimal(str(v))


def num(v: Decimal | Number) -> str:
    """A result written like the report's figures (no float noise: 0.1 + 0.2 is 0.3)."""
    d = v if isinstance(v, Decimal) else _d(v)
    d = d.normalize() if d != d.to_integral_value() else d.to_integral_value()
    return fmt_num(int(d)) if d == d.to_integral_value() else fmt_num(float(d))


def _u(unit: str | None) -> str:
    return unit or ""


def one_unit(terms: list[Term]) -> bool:
    return len({t.unit for t in terms}) <= 1


# ---------------------------------------------------------------- KPIs
def kpi_gap(k: Kpi, title: str | None, vs: str = "target") -> str | None:
    """Actual against target (or against 基準値): how far above or short, with the subtraction shown.
    None when the KPI lacks one of the two figures."""
    other = k.target if vs == "target" else k.baseline
    word = "目標" if vs == "target" else "基準値"
    if k.actual is None or other is None:
        return None
    unit = _u(k.unit)
    fy = eras.japanese(k.fiscal_year) or ""
    a, o = _d(k.actual), _d(other)
    d = a - o
    against = f"{fy}{word}{num(o)}{unit}" if vs == "target" else f"{word}{num(o)}{unit}"  # a baseline has its own year
    rate = shown_rate(k) if vs == "target" else None  # the 達成率 beside the gap (the reader asks how far off)
    said = "" if rate is None else f"（達成率{rate:.1f}%{'、計算値' if is_computed(k) else ''}）"
    head = (f"「{k.name}」" + (f"（{title}）" if title else "")
            + f"は、{against}に対し{'' if vs == 'target' else fy}実績{num(a)}{unit}{said}です。")
    if unit in ("%", "％"):
        unit = "ポイント"
    if d == 0:
        return head + f"{word}と同じ値です（{num(a)} − {num(o)} = 0）。"
    if vs == "baseline":  # a change from where the project started, not a shortfall
        rate = "" if unit == "ポイント" else _rate(o, d)  # 増加率 from the baseline (a share's change is in points)
        if d > 0:
            return head + f"{word}から{num(d)}{unit}増えました（{num(a)} − {num(o)} = {num(d)}）。{rate}"
        return head + f"{word}から{num(-d)}{unit}減りました（{num(o)} − {num(a)} = {num(-d)}）。{rate}"
    if vs == "target" and k.lower_is_better:  # lower is better: below the target is the good side
        if d < 0:
            body = (f"{word}を{num(-d)}{unit}下回りました（{num(o)} − {num(a)} = {num(-d)}）。この指標は低いほど良い指標"
                    "のため、目標を達成しています。")
        else:
            body = (f"{word}を{num(d)}{unit}上回りました（{num(a)} − {num(o)} = {num(d)}）。この指標は低いほど良い指標"
                    f"のため、目標まであと{num(d)}{unit}減らす必要があります。")
        return head + body
    if d > 0:
        body = f"{word}を{num(d)}{unit}上回りました（{num(a)} − {num(o)} = {num(d)}）。"
    else:
        body = f"{word}に{num(-d)}{unit}届きませんでした（{word}まであと{num(-d)}{unit}: {num(o)} − {num(a)} = {num(-d)}）。"
    return head + body


def kpi_change(a: Kpi, b: Kpi, title: str | None) -> str | None:
    """One KPI's actual from one fiscal year to a later one: how much it rose or fell, with the subtraction shown."""
    if a.actual is None or b.actual is None or a.unit != b.unit:
        return None
    unit = _u(a.unit)
    d = _d(b.actual) - _d(a.actual)
    word = "増えました" if d > 0 else "減りました" if d < 0 else "変わっていません"
    head = f"「{a.name}」" + (f"（{title}）" if title else "")
    rate = "" if unit in ("%", "％") else _rate(_d(a.actual), d)  # a change of a percentage is in points
    return (f"{head}の実績は{eras.japanese(a.fiscal_year)} {num(a.actual)}{unit} → {eras.japanese(b.fiscal_year)} "
            f"{num(b.actual)}{unit}で、{num(abs(d))}{'ポイント' if unit in ('%', '％') else unit}{word}"
            f"（{num(b.actual)} − {num(a.actual)} = {num(d)}）。{rate}")


def kpi_ratio(a: Kpi, b: Kpi, title: str | None) -> str | None:
    """How many times one fiscal year's actual the later one is: 「2.0倍（4 ÷ 2）」; None from zero or across units."""
    if a.actual is None or b.actual is None or a.unit != b.unit or _d(a.actual) <= 0:
        return None
    unit = _u(a.unit)
    exact = _d(b.actual) / _d(a.actual)
    r = exact.quantize(Decimal("0.01"))
    head = f"「{a.name}」" + (f"（{title}）" if title else "")
    note = "" if r == exact else "、小数第2位まで"
    return (f"{head}の実績は{eras.japanese(a.fiscal_year)} {num(a.actual)}{unit} → {eras.japanese(b.fiscal_year)} "
            f"{num(b.actual)}{unit}で、{eras.japanese(b.fiscal_year)}は{eras.japanese(a.fiscal_year)}の{num(r)}倍です"
            f"（{num(b.actual)} ÷ {num(a.actual)} = {num(r)}{note}）。")


def kpi_times_baseline(k: Kpi, title: str | None) -> str | None:
    """「基準値の何倍になった？」: the actual over the baseline, the division shown; None without both or from zero."""
    if k.actual is None or k.baseline is None or _d(k.baseline) <= 0:
        return None
    unit = _u(k.unit)
    exact = _d(k.actual) / _d(k.baseline)
    r = exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    note = "" if r == exact else "、小数第2位まで"
    head = f"「{k.name}」" + (f"（{title}）" if title else "")
    return (f"{head}の{eras.japanese(k.fiscal_year) or ''}実績{num(k.actual)}{unit}は、基準値{num(k.baseline)}{unit}の"
            f"{num(r)}倍です（{num(k.actual)} ÷ {num(k.baseline)} = {num(r)}{note}）。")


def _rate(before: Decimal, d: Decimal) -> str:
    """The change as a share of where it started: 「増加率58.7%（4,763 ÷ 8,112）」; nothing from zero."""
    if before <= 0 or d == 0:
        return ""
    pct = (abs(d) / before * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{'増加' if d > 0 else '減少'}率は{pct}%です（{num(abs(d))} ÷ {num(before)}、小数第1位まで）。"


def kpi_missing(k: Kpi, vs: str = "target") -> str:
    lack = [n for n, v in (("実績", k.actual), ("目標" if vs == "target" else "基準値",
                                                k.target if vs == "target" else k.baseline)) if v is None]
    return f"「{k.name}」は{'・'.join(lack)}が資料に記載されていないため、差は計算できません。"


def kpi_values(kpis: list[Kpi], slot: str = "actual") -> list[Term]:
    out = []
    for k in kpis:
        v = getattr(k, slot)
        if v is not None:
            out.append(Term(f"{k.name}（{eras.japanese(k.fiscal_year) or ''}）", v, _u(k.unit)))
    return out


# ---------------------------------------------------------------- arithmetic over terms
def total(terms: list[Term]) -> tuple[Decimal, str] | None:
    """Sum and its formula, None when units differ."""
    if not terms or not one_unit(terms):
        return None
    s = sum((_d(t.value) for t in terms), Decimal(0))
    formula = " + ".join(num(t.value) for t in terms) + f" = {num(s)}"
    return s, formula


UNREAD = "\x00unread"  # a missing label's mark: no amount was read for it (not a 「－」 printed)


def _left_out(missing: list[str], what: str) -> str:
    """Which inputs were left out, and why: a 「－」 the report prints, or an amount not read from it."""
    dash = [m for m in missing if not m.endswith(UNREAD)]
    unread = [m.removesuffix(UNREAD) for m in missing if m.endswith(UNREAD)]
    text = ""
    if dash:
        text += "\n\n※" + "、".join(dash) + f"は資料に記載なし（－）のため、{what}に含めていません。"
    if unread:
        text += "\n\n※" + "、".join(unread) + f"は金額を資料から読み取れていないため、{what}に含めていません。"
    return text


def sum_text(terms: list[Term], missing: list[str], what: str) -> str | None:
    """「…の合計は148,856千円です（67,055 + 81,801 = 148,856）。」 and which inputs were not printed."""
    if not terms:
        return None
    if not one_unit(terms):
        return None
    s, formula = total(terms)
    unit = terms[0].unit
    if len(terms) == 1:
        text = f"{what}で金額が記載されているのは{terms[0].label}の{num(terms[0].value)}{unit}のみで、合計できる値は1つです。"
    else:
        text = f"{what}の合計は{num(s)}{unit}です（{formula}）。"
        text += "\n\n" + "\n".join(f"- {t.label}: {num(t.value)}{unit}" for t in terms)
    return text + _left_out(missing, "合計")


def mean(terms: list[Term]) -> tuple[Decimal, bool]:
    """The mean of the terms' values (one unit), to one decimal place when it is not whole; and whether it was
    rounded."""
    s, _ = total(terms)
    rounded = bool(s % len(terms))
    return ((s / len(terms)).quantize(Decimal("0.1")) if rounded else s / len(terms)), rounded


def avg_text(terms: list[Term], missing: list[str], what: str) -> str | None:
    if len(terms) < 2 or not one_unit(terms):
        return None
    unit = terms[0].unit
    m, rounded = mean(terms)
    text = (f"{what}の平均は{num(m)}{unit}です（({' + '.join(num(t.value) for t in terms)}) ÷ {len(terms)} "
            f"= {num(m)}" + ("、小数第1位まで" if rounded else "") + "）。")
    text += "\n\n" + "\n".join(f"- {t.label}: {num(t.value)}{unit}" for t in terms)
    return text + _left_out(missing, "平均")


def share_text(part: Term, terms: list[Term], what: str) -> str | None:
    """part ÷ the sum of terms, in percent (and 割)."""
    if not one_unit([part, *terms]) or len(terms) < 2:
        return None
    s, formula = total(terms)
    if s == 0:
        return None
    pct = (_d(part.value) / s * 100).quantize(Decimal("0.1"))
    return (f"{part.label}（{num(part.value)}{part.unit}）は{what}の合計{num(s)}{part.unit}（{formula}）の"
            f"{num(pct)}%（約{num((pct / 10).quantize(Decimal('0.1')))}割）です"
            f"（{num(part.value)} ÷ {num(s)} × 100 = {num(pct)}%）。")


def change_text(label: str, a: Term, b: Term) -> str | None:
    """From a to b (two years of one figure): how much it rose or fell."""
    if a.unit != b.unit:
        return None
    d = _d(b.value) - _d(a.value)
    word = "増えています" if d > 0 else "減っています" if d < 0 else "変わっていません"
    rate = "" if a.unit in ("%", "％") else _rate(_d(a.value), d)
    return (f"{label}は{a.label} {num(a.value)}{a.unit} → {b.label} {num(b.value)}{b.unit}で、"
            f"{num(abs(d))}{a.unit}{word}（{num(b.value)} − {num(a.value)} = {num(d)}）。{rate}")


# ---------------------------------------------------------------- budgets
def budget_terms(projects: list[Project], years: tuple[str, ...], name_project: bool) -> tuple[list[Term], list[str]]:
    """The printed amounts of the projects in the years (every printed year when none is named), and the
    (project, year) pairs that have none."""
    terms, missing = [], []
    for p in projects:
        printed = dict(p.budget)
        for y in years or tuple(y for y, _ in p.budget):
            v = printed.get(y)
            label = (f"{p.title} " if name_project else "") + (eras.japanese(y) or y)
            if y in p.budget_planned:
                label += "（予定）"
            if v is None:
                missing.append(label if y in printed else label + UNREAD)
            else:
                terms.append(Term(label, v, _u(p.budget_unit)))
    return terms, missing


def convert_text(p: Project, years: tuple[str, ...], to_yen: bool | None) -> str | None:
    """A project's amounts in another unit (千円 → 円 or 円 → 千円), the multiplication shown."""
    unit = p.budget_unit
    if unit not in BUDGET_UNIT_YEN:
        return None
    target = "円" if (to_yen if to_yen is not None else unit != "円") else "千円"
    if target == unit:
        target = "千円" if unit == "円" else "円"
    f_from, f_to = BUDGET_UNIT_YEN[unit], BUDGET_UNIT_YEN[target]
    lines = []
    for y, v in p.budget:
        if (years and y not in years) or v is None:
            continue
        r = _d(v) * f_from / f_to
        op = f"× {num(Decimal(f_from) / f_to)}" if f_from >= f_to else f"÷ {num(Decimal(f_to) / f_from)}"
        lines.append(f"{eras.japanese(y)} {num(v)}{unit} = {num(r)}{target}（{num(v)} {op} = {num(r)}）")
    if not lines:
        return None
    return f"「{p.title}」の交付対象事業経費を{target}で表すと、" + "、".join(lines) + "です。"
