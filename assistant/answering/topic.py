"""Which projects deal with a topic: the projects whose words the question covers, with a one-line summary."""

from __future__ import annotations

from ..records import Answer
from . import passage
from .context import Context, Turn, bullets


def answer(cx: Context, t: Turn) -> Answer:
    # Named in the question, or (「それはどの事業？」) the projects the last answer was about.
    terms = [x for x in t.terms if x not in t.city_terms]  # a named city is a filter, not a topic
    projects = t.scope if (t.explicit or (t.scope and not terms)) else []
    if not projects:
        if not terms:  # every project, in the reports' own order
            projects = cx.projects_allowed(t.filters)
        else:
            order: list[tuple[str, int]] = []
            for h in t.hits:
                key = (h.chunk.report, h.chunk.project_no)
                if key not in order and cx.m.cover(terms, cx.m.project_terms(key)) >= 0.5:
                    order.append(key)
            projects = [cx.projects[k] for k in order if k in cx.projects]
    projects = cx.distinct(projects)  # a report read from its PDF and its text export: each project once
    if not projects:
        return cx.not_found(t)
    lines = []
    for p in projects:
        best = next((h for h in t.hits if (h.chunk.report, h.chunk.project_no) == (p.report, p.no)
                     and h.chunk.kind in ("activity", "purpose")), None)
        summary = (p.purpose or "")[:80]
        if best and t.rest:
            sent = passage.best_sentences(cx, t, [best])
            summary = sent[0][0] if sent else summary
        facts = " / ".join(x for x in ("、".join(p.cities), p.period or "") if x)
        summary = summary or next((a.title for a in p.activities), "") or (p.grant_program or "")
        lines.append(f"- **{p.title}**" + (f"（{facts}）" if facts else "") + (f": {summary}" if summary else ""))
    head = f"該当する事業は{len(projects)}件です。" if t.q.lang == "ja" else f"{len(projects)} matching project(s):"
    return cx.finish(t, "topic", head + "\n\n" + bullets(lines),
                        [cx.cite(p.report, p.no) for p in projects], projects=projects)
