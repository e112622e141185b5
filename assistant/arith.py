"""Pure arithmetic on KPI values: does 実績/目標 (or 目標/実績) reproduce the printed 達成率?"""

from __future__ import annotations

HIGHER, LOWER, EITHER = "higher", "lower", "either"


def rate_tolerance(rate_decimals: int) -> float:
    """A printed rate with d decimals may be rounded or truncated: allow one unit of its last digit."""
    return 10.0 ** (-rate_decimals) + 1e-9


def direction(target: float, actual: float, rate: float, rate_decimals: int = 1) -> str | None:
    """Which formula reproduces the rate: HIGHER (actual/target), LOWER (target/actual), EITHER, or None."""
    tol = rate_tolerance(rate_decimals)
    hi = target != 0 and abs(actual / target * 100 - rate) <= tol
    lo = actual != 0 and abs(target / actual * 100 - rate) <= tol
    if hi and lo:
        return EITHER
    if hi:
        return HIGHER
    if lo:
        return LOWER
    return None


def consistent(target: float, actual: float, rate: float, rate_decimals: int = 1) -> bool:
    return direction(target, actual, rate, rate_decimals) is not None


def achieved(rate: float | None) -> bool | None:
    """達成 when the printed rate reaches 100 %; unknown without a rate."""
    if rate is None:
        return None
    return rate >= 100.0


def decimals(token: str) -> int:
    """Decimals written in a numeric token ("79.4%" → 1)."""
    t = token.rstrip("%")
    return len(t.split(".", 1)[1]) if "." in t else 0
