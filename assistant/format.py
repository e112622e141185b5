"""Render numbers and KPI values the way the report prints them (67,055 / 2.50 / 172.4%)."""

from __future__ import annotations

import re

from .records import Kpi, Number

MISSING = "記載なし"
COMPUTED = "（計算値）"  # after a 達成率 the report does not print (実績÷目標, ours)
BUDGET_UNIT_YEN = {"円": 1, "千円": 1_000, "万円": 10_000, "百万円": 1_000_000, "億円": 100_000_000}


def fmt_num(v: Number | None) -> str:
    """67055 → "67,055"; floats keep what they need ("1.45", "2.5")."""
    if v is None:
        return "-"
    if isinstance(v, int) or (float(v).is_integer() and abs(v) >= 1000):
        return f"{int(v):,}"
    return f"{v:,.4f}".rstrip("0").rstrip(".")


def fmt_rate(r: float | None) -> str:
    return "-" if r is None else f"{r:.1f}%"


def kpi_value(k: Kpi, slot: int) -> str | None:
    """Target (0), actual (1) or rate (2) as printed in the report, with its unit; None when not given.
    A rate the report does not print (rate_source "computed") is marked （計算値） wherever it is shown."""
    v = (k.target, k.actual, k.rate)[slot]
    if v is None:
        return None
    printed = k.printed[slot] if k.printed and k.printed[slot] else None
    if slot == 2:
        if shown_rate(k) is None:
            return None  # 待機児童数 with no rate printed: 実績÷目標 or 目標÷実績 — a guess either way, not shown
        if is_computed(k):
            return fmt_rate(k.rate) + COMPUTED
        if printed and not printed.endswith(("%", "％")):  # 達成度 printed as a ratio (0.92): shown as printed too
            return f"{fmt_rate(k.rate)}（資料の表記: {printed}）"
        return printed if printed else fmt_rate(k.rate)
    text = printed or fmt_num(v)
    if k.unit and re.sub(r"(以下|以上|未満|超)$", "", text).endswith(k.unit):
        return text  # printed with its unit in the cell (「850百万円」「120世帯」「5人以下」): not said twice
    return f"{text}{k.unit or ''}"


def shown_rate(k: Kpi) -> float | None:
    """The 達成率 an answer may show: the printed one, or ours (実績÷目標) — but not ours for a KPI that may be
    lower-is-better (its direction unknown), where either division would be a guess."""
    if k.rate is None or (is_computed(k) and "direction_unknown" in k.flags):
        return None
    return k.rate


def is_computed(k: Kpi) -> bool:
    """Is the KPI's 達成率 ours (実績÷目標) rather than printed in the report?"""
    return k.rate is not None and getattr(k, "rate_source", None) == "computed"


def fmt_baseline(k: Kpi) -> str | None:
    """基準値 with the KPI's unit; None when the report gives none."""
    if k.baseline is None:
        return None
    return f"{fmt_num(k.baseline)}{k.unit or ''}"


def fmt_kpi_values(k: Kpi) -> str:
    fy = k.fiscal_year or ""
    t, a, r = (kpi_value(k, i) or MISSING for i in range(3))
    return f"{fy}目標 {t} / {fy}実績 {a} / 達成率 {r}"
