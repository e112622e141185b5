"""What a follow-up refers to: 「上の3つのうち、Aの事業のものは？」 narrows the previous answer's KPI list to the
project named now (the previous list, not the whole corpus)."""

from __future__ import annotations

from ..compose import kpi_row
from ..records import Answer
from .context import Context, Turn


def narrow(cx: Context, t: Turn, prev: dict) -> Answer | None:
    """The previous answer's KPIs (or the n it listed first) that belong to the projects in scope; None if none do."""
    refs = cx.refer(t.history, "kpis", t.q.ref_n) if t.q.ref_n else prev["kpis"]
    keys = {(p.report, p.no) for p in t.scope}
    sel = [k for i in refs if ((k := cx.records.kpis[i]).report, k.project_no) in keys]
    if not sel:
        return None
    body = f"前の回答の{len(refs)}件のうち、該当するKPIは{len(sel)}件です。\n\n" + "\n".join(
        kpi_row(k, cx.projects.get((k.report, k.project_no)), False, cx.future(k)) for k in sel)
    return cx.finish(t, "kpi_filter", body, [cx.cite(k.report, k.project_no, k.page) for k in sel], kpis=sel)
