"""Project facts a question asks for by cue word (予算, 期間, 担当, 交付金, 評価, 目的): one dispatcher over the
per-fact answer modules."""

from __future__ import annotations

import re

from ..records import Answer, Project
from ..verdicts import FIELDS
from . import budget, department, evaluation, period
from .context import Context, Turn, bullets

# The facts a question can ask for together (「事業費と交付金の種類」), in the order they are answered.
_FACTS = ("budget", "period", "department", "grant")


def answer(cx: Context, t: Turn, asks: set[str]) -> Answer:
    """The fact(s) asked for, of the projects in scope (or of every project the filters allow)."""
    q = t.q
    if t.unknown and set(FIELDS) & asks and not ({"budget", "period", "department", "partner"} & asks):
        return evaluation.answer(cx, t, [a for a in FIELDS if a in asks])  # 「廃止になった事業は？」: say which exist
    if t.unknown:
        return cx.not_found(t, cx.unknown_reason(t))
    projects = t.scope or cx.projects_allowed(t.filters)
    years = tuple(y for y in q.years if y)
    if not years and q.refers and t.history:  # 「R5の事業費が書いてあるのは？」「その中でいちばん大きいのは？」
        years = tuple(t.history[-1].context.get("years") or ())
    t.asks_used = asks
    facts = [a for a in _FACTS if a in asks or (a == "department" and "partner" in asks)]
    facts += ["verdicts"] if facts and set(FIELDS) & asks else []  # 「担当課と評価を教えて」
    if (t.explicit or len(t.scope) == 1) and len(facts) > 1:  # one project, several facts: each answered, one reply
        return cx.merge(t, [_one(cx, t, a, asks, projects, years) for a in facts])
    first = facts[0] if facts else ("verdicts" if set(FIELDS) & asks else "purpose")
    return _one(cx, t, first, asks, projects, years)


def _one(cx: Context, t: Turn, fact: str, asks: set[str], projects: list[Project], years: tuple[str, ...]) -> Answer:
    q = t.q
    if fact == "budget":
        return budget.answer(cx, t, projects, years)
    if fact == "period":
        return period.answer(cx, t, projects, years)
    if fact == "department":
        return department.answer(cx, t, projects)
    if fact == "grant" and not t.explicit and len(projects) > 1 and (m := re.search(r"(先駆|横展開)", q.text)):
        want = m.group(1)
        sel = [p for p in projects if p.grant_type and want in p.grant_type]
        if not sel:
            return cx.not_found(t)
        body = f"{want}タイプの事業は{len(sel)}件です。\n\n" + bullets(
            f"- {p.title}（{p.grant_program or ''}・{p.grant_type}）" for p in sel)
        return cx.finish(t, "grant", body, [cx.cite(p.report, p.no) for p in sel], projects=sel)
    if fact == "grant":
        lines = [f"- {p.title}: {p.grant_program or ('' if p.grant_type else '記載なし')}"
                 + (f"（{p.grant_type}）" if p.grant_type else "") for p in projects]
        return cx.finish(t, "grant", "交付金の種類:\n" + bullets(lines),
                         [cx.cite(p.report, p.no) for p in projects], projects=projects)
    if fact == "verdicts":
        return evaluation.answer(cx, t, [a for a in FIELDS if a in asks])
    lines = [f"「{p.title}」の目的: {p.purpose or '資料に記載がありません'}" for p in projects]
    return cx.finish(t, "purpose", "\n\n".join(lines), [cx.cite(p.report, p.no) for p in projects],
                     projects=projects)
