"""担当課 and 実施主体: who runs a project, and the projects of a department or partner city."""

from __future__ import annotations

import re

from ..records import Answer, Project
from . import passage
from .context import Context, Turn, bullets


def answer(cx: Context, t: Turn, projects: list[Project]) -> Answer:
    text = t.q.text
    if (same := re.search(r"同じ(課|部署|部|局|担当)", text)) and t.history and len(projects) == 1:
        return _same_department(cx, t, projects[0], same.group(1))
    if ("partner" in t.q.asks and re.search(r"連携|協力|一緒", text) and all(len(p.cities) <= 1 for p in projects)
            and (quoted := _partners_in_text(cx, t)) is not None):
        return quoted  # 「どこと連携して実施した？」 with no co-applicant: the text names the partners
    asks_projects = re.search(r"(どの|どんな|何の)事業|事業(は|を)(\?|？|$|担当)|やってる|担当してる|行っている", text)
    if "partner" in t.q.asks and asks_projects and not t.explicit and re.search(r"他の|ほかの|一緒|共同", text):
        # 「他の自治体と一緒にやってる事業はある？」: the projects filed with a co-applicant
        joint = [p for p in cx.distinct(projects) if len(p.cities) > 1]
        if not joint:
            body = f"対象の{len(cx.distinct(projects))}事業に、他の自治体と共同で実施している事業はありません（実施主体はいずれも1団体）。"
            return cx.finish(t, "department", body, [cx.cite(p.report, p.no) for p in projects], projects=projects)
        projects = joint
    if "department" in t.q.asks and "partner" not in t.q.asks and not any(p.department for p in projects):
        cities = sorted({c for p in projects for c in p.cities})
        return cx.not_found(t, "（担当課は資料に記載がありません" + (f"。実施主体: {'、'.join(cities)}" if cities else "") + "）")
    if (t.explicit and asks_projects and len(projects) < len(cx.records.projects)) or (
            "partner" in t.q.asks and asks_projects):
        body = "該当する事業: " + "、".join(f"「{p.title}」" for p in projects) + "。\n\n" + bullets(
            f"- {p.title}: 実施主体 {'、'.join(p.cities)} / 担当 {p.department or '記載なし'}" for p in projects)
        return cx.finish(t, "department", body, [cx.cite(p.report, p.no) for p in projects], projects=projects)
    lines = []
    for p in cx.distinct(projects):  # a report read from its PDF and its text export is named once
        cities = "、".join(p.cities) if p.cities else "記載なし"
        if t.q.lang == "en":
            lines.append(f"「{p.title}」: department {p.department or 'not stated'}; applicants {cities}.")
        elif len(p.cities) > 1:
            # (a partner's own section in brackets — 「茜ヶ浦町（農政課）」 — is not the project's 担当: left out here)
            towns = [re.sub(r"[（(][^（()）]*[)）]", "", c) for c in p.cities]
            lines.append(f"「{p.title}」の担当は{p.department or '記載なし'}で、実施主体は{'、'.join(towns)}です"
                         f"（{towns[0]}が代表、{'、'.join(towns[1:])}と共同）。")
        else:
            lines.append(f"「{p.title}」の担当は{p.department or '記載なし'}（実施主体: {cities}）です。")
    return cx.finish(t, "department", bullets(lines), [cx.cite(p.report, p.no) for p in projects],
                     projects=projects)


def _same_department(cx: Context, t: Turn, p: Project, level: str) -> Answer:
    """「同じ課がやってるほかの事業は？」: the other projects whose 担当 is the project's own (or the same 部/局)."""
    if not p.department:
        return cx.not_found(t, f"（「{p.title}」の担当課は資料に記載がありません）")
    unit = p.department.split()[-1] if level in ("課", "担当", "部署") else p.department.split()[0]
    others = [o for o in cx.distinct(cx.projects_allowed(t.filters))
              if o.department and unit in o.department and (o.report, o.no) != (p.report, p.no)
              and o.title != p.title]
    if not others:
        body = f"「{p.title}」と同じ担当（{unit}）の事業は、ほかに資料にありません。"
        return cx.finish(t, "department", body, [cx.cite(p.report, p.no)], projects=[p])
    body = f"「{p.title}」と同じ担当（{unit}）の事業は{len(others)}件です。\n\n" + bullets(
        f"- {o.title}: 担当 {o.department}" for o in others)
    return cx.finish(t, "department", body, [cx.cite(o.report, o.no) for o in others], projects=others)


def _partners_in_text(cx: Context, t: Turn) -> Answer | None:
    """The sentence that says who the project worked with (連携); 「それ、どことどこが連携してる？」 asks it of
    what the last answer was about (its words)."""
    prev = t.history[-1].context if t.history and not t.terms else {}
    if prev.get("terms"):
        return passage.answer_with(cx, t, passage.last_quoted(cx, prev) + t.hits, list(prev["terms"]), must=["連携"])
    return passage.answer_with(cx, t, t.hits, t.terms, must=["連携"])
