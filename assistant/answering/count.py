"""How many projects / KPIs the reports hold."""

from __future__ import annotations

import re

from ..records import Answer
from ..understand import KANJI_NUM
from .context import LIST_MAX, Context, Turn, bullets

# 「KPIが3つある事業は？」「指標が2個の事業」: projects by how many KPIs they have
BY_KPI_COUNT = re.compile(r"(?:KPI|ＫＰＩ|指標)\s*(?:が|は|を)?\s*(\d{1,2}|[一二三四五六七八九十])\s*(?:つ|個|件|本)\s*"
                          r"(?:ある|の|持つ|設定)[^。?]{0,8}(?:事業|取り?組み?|プロジェクト)")


def answer(cx: Context, t: Turn) -> Answer:
    projects = t.scope or cx.projects_allowed(t.filters)
    keys = {(p.report, p.no) for p in projects}
    kpis = [k for k in cx.records.kpis if (k.report, k.project_no) in keys]
    if re.search(r"KPI|kpi|指標", t.q.text):
        # A KPI printed for several fiscal years counts once (its yearly records are listed with it).
        named = _kpi_counts(cx, projects)
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


def by_kpi_count(cx: Context, t: Turn, n: int) -> Answer:
    """「その中でKPIが3つある事業は？」: the projects in scope with exactly n KPIs (a KPI over several years once)."""
    projects = cx.distinct(t.scope or cx.projects_allowed(t.filters))
    counts = _kpi_counts(cx, projects)
    kept = [p for p in projects if counts[(p.report, p.no)] == n]
    listed = bullets(f"- {p.title}（KPI {counts[(p.report, p.no)]}件）" for p in projects)
    if not kept:
        body = f"KPIが{n}件の事業はありません（対象{len(projects)}件）。\n\n" + listed
        return cx.finish(t, "count", body, [cx.cite(p.report, p.no) for p in projects], projects=projects)
    body = (f"KPIが{n}件の事業は{len(kept)}件です（対象{len(projects)}件）。\n\n"
            + bullets(f"- {p.title}（KPI {n}件）" for p in kept))
    return cx.finish(t, "count", body, [cx.cite(p.report, p.no) for p in kept], projects=kept)


def kpi_count_asked(text: str) -> int | None:
    """The number in 「KPIが3つある事業」, or None."""
    if not (m := BY_KPI_COUNT.search(text)):
        return None
    return int(m.group(1)) if m.group(1).isdigit() else KANJI_NUM[m.group(1)]


def _kpi_counts(cx: Context, projects: list) -> dict[tuple[str, int], int]:
    """How many KPIs each project has (a KPI printed for several fiscal years counts once)."""
    return {(p.report, p.no): len({cx.series_of.get(id(k)) for _, k in cx.kpis_of.get((p.report, p.no), [])})
            for p in projects}
