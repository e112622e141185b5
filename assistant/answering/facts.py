"""Project facts a question asks for by cue word (予算, 期間, 担当, 交付金, 評価, 目的): one dispatcher over the
per-fact answer modules."""

from __future__ import annotations

import re

from ..records import Answer
from ..verdicts import FIELDS
from . import budget, department, evaluation, period
from .context import Context, Turn, bullets


def answer(cx: Context, t: Turn, asks: set[str]) -> Answer:
    q = t.q
    if t.unknown and set(FIELDS) & asks and not ({"budget", "period", "department", "partner"} & asks):
        return evaluation.answer(cx, t, [a for a in FIELDS if a in asks])  # 「廃止になった事業は？」: say which exist
    if t.unknown:
        return cx.not_found(t, cx.unknown_reason(t))
    projects = t.scope or cx.projects_allowed(t.filters)
    years = tuple(y for y in q.years if y)
    t.asks_used = asks
    if "budget" in asks:
        return budget.answer(cx, t, projects, years)
    if "period" in asks:
        return period.answer(cx, t, projects, years)
    if "department" in asks or "partner" in asks:
        return department.answer(cx, t, projects)
    if "grant" in asks and not t.explicit and len(projects) > 1 and re.search(r"(先駆|横展開)", q.text):
        want = re.search(r"(先駆|横展開)", q.text).group(1)
        sel = [p for p in projects if p.grant_type and want in p.grant_type]
        if not sel:
            return cx.not_found(t)
        body = f"{want}タイプの事業は{len(sel)}件です。\n\n" + bullets(
            f"- {p.title}（{p.grant_program or ''}・{p.grant_type}）" for p in sel)
        return cx.finish(t, "grant", body, [cx.cite(p.report, p.no) for p in sel], projects=sel)
    if "grant" in asks:
        lines = [f"- {p.title}: {p.grant_program or ''}（{p.grant_type or '記載なし'}）" for p in projects]
        return cx.finish(t, "grant", "交付金の種類:\n" + bullets(lines),
                            [cx.cite(p.report, p.no) for p in projects], projects=projects)
    if set(FIELDS) & asks:
        return evaluation.answer(cx, t, [a for a in FIELDS if a in asks])
    lines = [f"「{p.title}」の目的: {p.purpose or '資料に記載がありません'}" for p in projects]
    return cx.finish(t, "purpose", "\n\n".join(lines), [cx.cite(p.report, p.no) for p in projects],
                        projects=projects)
