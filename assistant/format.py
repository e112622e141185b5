"""Render numbers and KPI values the way the report prints them (67,055 / 2.50 / 172.4%)."""

from __future__ import annotations

from .records import Kpi, Number

MISSING = "記載なし"


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
    """Target (0), actual (1) or rate (2) as printed in the report, with its unit; None when not given."""
    v = (k.target, k.actual, k.rate)[slot]
    if v is None:
        return None
    printed = k.printed[slot] if k.printed and k.printed[slot] else None
    if slot == 2:
        return printed if printed and printed.endswith("%") else fmt_rate(k.rate)
    text = printed or fmt_num(v)
    return f"{text}{k.unit or ''}"


def fmt_kpi_values(k: Kpi) -> str:
    fy = k.fiscal_year or ""
    t, a, r = (kpi_value(k, i) or MISSING for i in range(3))
    return f"{fy}目標 {t} / {fy}実績 {a} / 達成率 {r}"
