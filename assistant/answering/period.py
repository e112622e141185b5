"""事業期間: a project's period, projects starting or ending in a year, the longest / shortest."""

from __future__ import annotations

import re

from .. import eras
from ..records import Answer, Project
from .context import Context, Turn, bullets


def answer(cx: Context, t: Turn, projects: list[Project], years: tuple[str, ...]) -> Answer:
    text = t.q.text
    with_period = [p for p in projects if p.period_raw]
    if not with_period:
        return cx.not_found(t)
    if len(projects) > 1 and not t.explicit:
        parsed = {(p.report, p.no): eras.parse_period(p.period_raw) for p in with_period}
        if t.q.rank or re.search(r"長い|短い", text):
            span = {k: (eras.western(v[2]) or 0) - (eras.western(v[1]) or 0) for k, v in parsed.items() if v}
            want = min if re.search(r"短", text) else max
            best = want(span.values())
            sel = [p for p in with_period if span.get((p.report, p.no)) == best]
            body = ("事業期間が最も" + ("短い" if want is min else "長い") + "のは" + "、".join(
                f"「{p.title}」（{p.period}、{best + 1}年度間）" for p in sel) + "です。\n\n")
        elif years:
            y = years[0]
            if re.search(r"始ま|開始|から", text):
                sel = [p for p in with_period if parsed[(p.report, p.no)][1] == y]
                body = f"{eras.japanese(y)}に始まる事業: " if sel else ""
            else:
                sel = [p for p in with_period if parsed[(p.report, p.no)][2] == y]
                body = f"事業期間が{eras.japanese(y)}までの事業: " if sel else ""
            if not sel:
                return cx.not_found(t)
            body += "、".join(f"「{p.title}」（{p.period}）" for p in sel) + "。\n\n"
        else:
            sel, body = with_period, ""
        body += bullets(f"- {p.title}: {_shown(p)}" for p in with_period)
        return cx.finish(t, "period", body, [cx.cite(p.report, p.no) for p in sel], projects=sel)
    lines = []
    for p in with_period:
        line = f"「{p.title}」の事業期間は{_shown(p)}です。"
        if years:
            end = eras.parse_period(p.period_raw)
            if end and years[0] == end[2]:
                line += f"{eras.japanese(years[0])}が最終年度です。"
        if t.q.lang == "en":
            line = f"The project period of 「{p.title}」 is {p.period} ({p.period_raw})."
        lines.append(line)
    return cx.finish(t, "period", bullets(lines), [cx.cite(p.report, p.no) for p in with_period],
                        projects=with_period)


def _shown(p: Project) -> str:
    """The period as read (令和2年度〜令和4年度), with the report's own notation when it differs (R2n-R4n), the
    western years and how many fiscal years it spans (2020〜2022年度、3年度間)."""
    shown = p.period if not p.period or p.period_raw == p.period else f"{p.period}（{p.period_raw}）"
    span = eras.parse_period(p.period_raw) if p.period_raw else None
    a, b = (eras.western(span[1]), eras.western(span[2])) if span else (None, None)
    if a and b and b >= a and f"{a}" not in shown:
        shown += f"（西暦{a}〜{b}年度、{b - a + 1}年度間）"
    return shown
