"""担当課 and 実施主体: who runs a project, and the projects of a department or partner city."""

from __future__ import annotations

import re

from ..records import Answer, Project
from .context import Context, Turn, bullets


def answer(cx: Context, t: Turn, projects: list[Project]) -> Answer:
    text = t.q.text
    asks_projects = re.search(r"(どの|どんな|何の)事業|事業(は|を)(\?|？|$|担当)|やってる|担当してる|行っている", text)
    if (t.explicit and asks_projects and len(projects) < len(cx.records.projects)) or (
            "partner" in t.q.asks and asks_projects):
        body = "該当する事業: " + "、".join(f"「{p.title}」" for p in projects) + "。\n\n" + bullets(
            f"- {p.title}: 実施主体 {'、'.join(p.cities)} / 担当 {p.department or '記載なし'}" for p in projects)
        return cx.finish(t, "department", body, [cx.cite(p.report, p.no) for p in projects], projects=projects)
    if "department" in t.q.asks and "partner" not in t.q.asks and not any(p.department for p in projects):
        cities = sorted({c for p in projects for c in p.cities})
        return cx.not_found(t, "（担当課は資料に記載がありません" + (f"。実施主体: {'、'.join(cities)}" if cities else "") + "）")
    lines = []
    for p in projects:
        cities = "、".join(p.cities) if p.cities else "記載なし"
        if t.q.lang == "en":
            lines.append(f"「{p.title}」: department {p.department or 'not stated'}; applicants {cities}.")
        elif len(p.cities) > 1:
            lines.append(f"「{p.title}」の担当は{p.department or '記載なし'}で、実施主体は{cities}です"
                         f"（{p.cities[0]}が代表、{'、'.join(p.cities[1:])}と共同）。")
        else:
            lines.append(f"「{p.title}」の担当は{p.department or '記載なし'}（実施主体: {cities}）です。")
    return cx.finish(t, "department", bullets(lines), [cx.cite(p.report, p.no) for p in projects],
                     projects=projects)
