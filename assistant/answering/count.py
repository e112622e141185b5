"""How many projects / KPIs the reports hold."""

from __future__ import annotations

import re

from ..records import Answer
from .context import LIST_MAX, Context, Turn, bullets


def answer(cx: Context, t: Turn) -> Answer:
    projects = t.scope or cx.projects_allowed(t.filters)
    keys = {(p.report, p.no) for p in projects}
    kpis = [k for k in cx.records.kpis if (k.report, k.project_no) in keys]
    if re.search(r"KPI|kpi|指標", t.q.text):
        # A KPI printed for several fiscal years counts once (its yearly records are listed with it).
        named = {(p.report, p.no): len({cx.series_of.get(id(k)) for k in kpis
                                       if (k.report, k.project_no) == (p.report, p.no)}) for p in projects}
        total = len({cx.series_of.get(id(k)) for k in kpis})
        per = "、".join(f"{p.title} {named[(p.report, p.no)]}件" for p in projects)
        body = f"KPIは全部で{total}件です（{per}）。"
        if total != len(kpis):
            body += f"年度ごとの値は{len(kpis)}件あります。"
        names = list(dict.fromkeys(k.name for k in kpis))
        if len(names) > LIST_MAX:  # too many to name: carry none rather than records the text does not mention
            return cx.finish(t, "count", body, [cx.cite(p.report, p.no) for p in projects],
                                projects=projects)
        body += "\n\n" + bullets(f"- {n}" for n in names)
        return cx.finish(t, "count", body, [cx.cite(p.report, p.no) for p in projects], kpis=kpis)
    body = f"資料に載っている事業は{len(projects)}件です。\n\n" + bullets(f"- {p.title}" for p in projects)
    return cx.finish(t, "count", body, [cx.cite(p.report, p.no) for p in projects], projects=projects)
