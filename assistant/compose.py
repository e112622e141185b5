"""Write answer sentences (Japanese, or an English frame around Japanese names) from records; no number invented."""

from __future__ import annotations

from . import eras
from .format import MISSING, fmt_num, kpi_value
from .records import Citation, Kpi, Project

NOT_FOUND = "資料に記載が見つかりません"


def verdict(k: Kpi, lang: str = "ja") -> str:
    if k.achieved is None:
        return "達成状況は判定できません" if lang == "ja" else "achievement cannot be determined"
    if lang == "en":
        return "target met (達成)" if k.achieved else "target not met (未達成)"
    return "目標を達成しました（達成）" if k.achieved else "目標に届きませんでした（未達成）"


def kpi_sentence(k: Kpi, project: Project | None, lang: str = "ja") -> str:
    """One KPI in one or two sentences: 目標・実績・達成率, achieved or not, direction, what is missing."""
    t, a, r = (kpi_value(k, i) for i in range(3))
    fy = eras.japanese(k.fiscal_year) or ""
    ptitle = f"（{project.title}）" if project else ""
    if lang == "en":
        parts = [f"「{k.name}」{ptitle}: target {t or 'not stated'}, actual {a or 'not stated'}, "
                 f"achievement rate {r or 'not stated'} ({fy})"]
        if k.rate is not None:
            parts.append(verdict(k, "en"))
        if k.lower_is_better:
            parts.append("lower is better for this KPI, so the rate is target ÷ actual")
        s = "; ".join(parts) + "."
        if k.note:
            s += f" Note (補足): {k.note}"
        return s
    if t and a and r:
        s = f"「{k.name}」{ptitle}は、{fy}目標{t}に対し実績{a}、達成率{r}で、{verdict(k)}。"
    else:
        given = "、".join(x for x in (f"目標{t}" if t else "", f"実績{a}" if a else "", f"達成率{r}" if r else "") if x)
        missing = "・".join(n for n, v in (("目標", t), ("実績", a), ("達成率", r)) if not v)
        s = f"「{k.name}」{ptitle}は、{fy}" + (f"{given}です。" if given else "") + f"{missing}は資料に記載がありません（{MISSING}）。"
        if k.achieved is not None:
            s += f"達成率から見ると{verdict(k)}。"
    if k.lower_is_better:
        s += (f"この指標は低いほど良い指標で、達成率は目標÷実績（{kpi_value(k, 0)}÷{kpi_value(k, 1)}）で計算されています。"
              f"実績が目標を下回ったため達成率が100%を超えています。" if k.achieved else
              "この指標は低いほど良い指標で、達成率は目標÷実績で計算されています。")
    if k.note:
        s += f"補足: {k.note}"
    if "rate_mismatch" in k.flags:
        s += "（注意: 資料の達成率が目標と実績から計算した値と一致しません）"
    return s


def kpi_row(k: Kpi, project: Project | None) -> str:
    """A markdown bullet for lists of KPIs."""
    t, a, r = (kpi_value(k, i) or MISSING for i in range(3))
    ach = {True: "達成", False: "未達成", None: "判定不可"}[k.achieved]
    low = "・低いほど良い" if k.lower_is_better else ""
    proj = f"（{project.title}）" if project else ""
    return f"- 「{k.name}」{proj}: 目標 {t} / 実績 {a} / 達成率 {r}（{ach}{low}）"


def budget_text(p: Project, years: tuple[str, ...] = ()) -> str:
    unit = p.budget_unit or ""
    items = [(y, v) for y, v in p.budget if not years or y in years]
    parts = [f"{eras.japanese(y)} {fmt_num(v)}{unit}" if v is not None else f"{eras.japanese(y)} 記載なし（－）"
             for y, v in items]
    return "、".join(parts)


def unit_note(projects: list[Project]) -> str:
    if any(p.budget_unit for p in projects):
        return ""
    return "（資料に金額の単位は記載されていません）"


def citations_md(cites: list[Citation], lang: str = "ja") -> str:
    if not cites:
        return ""
    head = "出典" if lang == "ja" else "Sources"
    lines = [f"- {c.report} / {f'事業{c.project_no} ' if c.project_no else ''}{c.project_title or ''} / "
             f"{c.page}ページ" for c in cites]
    return f"\n\n**{head}**\n" + "\n".join(lines)


def dedupe(cites: list[Citation]) -> list[Citation]:
    return list(dict.fromkeys(cites))
