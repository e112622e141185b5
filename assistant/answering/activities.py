"""A project's activities (主な取組)."""

from __future__ import annotations

from ..match import sentences
from ..records import Answer
from . import passage, topic
from .context import Context, Turn


def answer(cx: Context, t: Turn) -> Answer:
    if not t.scope and t.terms:
        # No project named: the projects the question's words cover. More than one (「エンジニア向けの支援って
        # どんなことをやってるの？」) is a topic question — list them rather than pick one.
        keys = list(dict.fromkeys((h.chunk.report, h.chunk.project_no) for h in t.hits))
        covered = cx.distinct([cx.projects[k] for k in keys if k in cx.projects
                               and cx.m.cover(t.terms, cx.m.project_terms(k)) >= 0.5])
        if len(covered) > 1:
            return topic.answer(cx, t)
    first = next((cx.projects[k] for h in t.hits if (k := (h.chunk.report, h.chunk.project_no)) in cx.projects),
                 None)
    scope = t.scope or ([first] if first else [])
    if not scope:
        return cx.not_found(t)
    t.scope = scope
    if not any(p.activities for p in scope):
        # a layout that prints no numbered activities: a quote that covers the question's own words (「高校生ボランティア
        # は何をしてる？」), else the printed 取組内容 / 事業の成果 — never an empty list
        if t.rest and (quoted := passage.answer(cx, t)) is not None and quoted.found:
            return quoted
        done = [p for p in scope if p.outcome]
        if not done:
            return passage.answer(cx, t) or cx.not_found(t)
        body = "\n\n".join(f"「{p.title}」の取組内容・成果:\n> {p.outcome}" for p in done)
        return cx.finish(t, "activities", body, [cx.cite(p.report, p.no) for p in done], projects=done)
    lines = []
    for p in scope:
        lines.append(f"「{p.title}」の主な取組:")
        lines += [f"- {a.no} {a.title}" + (f": {_said(a.text)}" if a.text else "") for a in p.activities]
    cites = [cx.cite(p.report, p.no) for p in scope]
    return cx.finish(t, "activities", "\n".join(lines), cites, projects=scope)


SAID_WHOLE = 240  # an activity's text up to this long is shown whole (its every bullet), a longer one by its first


def _said(text: str) -> str:
    """What an activity's text says: all of it when short (「・オンライン化した。」「・調査票を電子化した。」: two things
    done), else its first sentence."""
    parts = [s.strip() for s in sentences(text) if s.strip()]
    return " ".join(parts) if sum(map(len, parts)) <= SAID_WHOLE else parts[0]
