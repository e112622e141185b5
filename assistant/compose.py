"""Write answer sentences (Japanese, or an English frame around Japanese names) from records; no number invented."""

from __future__ import annotations

import re

from . import eras
from .format import MISSING, fmt_num, is_computed, kpi_value
from .records import Citation, Kpi, Project

NOT_FOUND = "資料に記載が見つかりません"


def verdict(k: Kpi, lang: str = "ja") -> str:
    if k.achieved is None:
        return "達成状況は判定できません" if lang == "ja" else "achievement cannot be determined"
    if lang == "en":
        return "target met (達成)" if k.achieved else "target not met (未達成)"
    return "目標を達成しました（達成）" if k.achieved else "目標に届きませんでした（未達成）"


def _rate_basis(k: Kpi) -> str:
    return "目標÷実績" if k.lower_is_better else "実績÷目標"


def computed_note(k: Kpi, lang: str = "ja") -> str:
    """Why a 達成率 is ours, and on what assumption its 達成/未達成 rests (empty for a printed rate)."""
    if not is_computed(k):
        return ""
    if lang == "en":
        s = " The achievement rate is computed (actual ÷ target); the report prints none."
        if "direction_unknown" in k.flags:
            s += " Lower may be better for this KPI, so whether the target was met cannot be told from the report."
        elif "direction_assumed_higher" in k.flags:
            s += " Met / not met assumes higher is better."
        return s
    if "direction_unknown" in k.flags:
        return ("この指標は低いほど良い指標の可能性があり、資料に達成率も指標の向きも記載されていないため、"
                "達成率は計算していません（実績÷目標か目標÷実績かを決められません）。目標を達成したかどうかも資料からは判断できません。")
    s = f"達成率{kpi_value(k, 2)}は、資料に達成率の記載がないため{_rate_basis(k)}で計算した値です。"
    if "direction_assumed_higher" in k.flags:
        s += "達成・未達成は、数値が高いほど良い指標と仮定して判定しています（資料に指標の向きの記載なし）。"
    return s


def kpi_sentence(k: Kpi, project: Project | None, lang: str = "ja", future: bool = False) -> str:
    """One KPI in one or two sentences: 目標・実績・達成率, achieved or not, direction, what is missing.
    `future`: the KPI's fiscal year lies after its report's year, so a missing 実績 is not yet reported."""
    t, a, r = (kpi_value(k, i) for i in range(3))
    fy = eras.japanese(k.fiscal_year) or ""
    ptitle = f"（{project.title}）" if project else ""
    if lang == "en":
        parts = [f"「{k.name}」{ptitle}: target {t or 'not stated'}, actual {a or 'not stated'}, "
                 f"achievement rate {r or 'not stated'} ({fy})"]
        if k.rate is not None and not (is_computed(k) and k.achieved is None):
            parts.append(verdict(k, "en"))
        if k.lower_is_better:
            parts.append("lower is better for this KPI, so the rate is target ÷ actual")
        s = "; ".join(parts) + "." + computed_note(k, "en")
        if k.note:
            s += f" Note (補足): {k.note}"
        return s
    when = f"（目標年月{k.target_date}）" if k.target_date else ""
    unknown_dir = is_computed(k) and k.achieved is None
    if t and a and r:
        if is_computed(k):
            s = f"「{k.name}」{ptitle}は、{fy}目標{t}{when}に対し実績{a}" + (
                "です。" if unknown_dir else f"で、{verdict(k)}。") + computed_note(k)
        else:
            s = f"「{k.name}」{ptitle}は、{fy}目標{t}{when}に対し実績{a}、達成率{r}で、{verdict(k)}。"
    elif t and not a and future:
        s = (f"「{k.name}」{ptitle}の{fy}の目標は{t}{when}です。"
             f"{fy}はまだ報告の対象年度になっていないため、実績は未公表です（資料に記載なし）。")
    else:
        given = "、".join(x for x in (f"目標{t}{when}" if t else "", f"実績{a}" if a else "",
                                     f"達成率{r}" if r else "") if x)
        pending = k.printed[1] if not a and k.printed and k.printed[1] and "pending_actual" in k.flags else ""
        missing = "・".join(n for n, v in (("目標", t), ("実績", a or pending), ("達成率", r)) if not v)
        s = f"「{k.name}」{ptitle}は、{fy}" + (f"{given}です。" if given else "")
        if pending:
            s += f"実績は資料に「{pending}」と記載されており、値はまだありません。"
        if missing:
            s += f"{missing}は資料に記載がありません（{MISSING}）。"
        if k.achieved is not None:
            s += f"達成率から見ると{verdict(k)}。" if r else f"目標と実績を比べると{verdict(k)}。"
        s += computed_note(k)
    if k.lower_is_better and k.rate is None:
        s += "この指標は低いほど良い指標です（実績が目標以下なら達成）。"
    elif k.lower_is_better and not is_computed(k):
        target = re.sub(r"(以下|未満)$", "", kpi_value(k, 0) or "")  # (「5人以下」: the ceiling's number is divided)
        s += (f"この指標は低いほど良い指標で、達成率は目標÷実績（{target}÷{kpi_value(k, 1)}）で計算されています。"
              f"実績が目標を下回ったため達成率が100%を超えています。" if k.achieved else
              "この指標は低いほど良い指標で、達成率は目標÷実績で計算されています。")
    if k.note:
        s += f"補足: {k.note}"
    if "rate_mismatch" in k.flags:
        s += "（注意: 資料の達成率が目標と実績から計算した値と一致しません）"
    return s


def achieved_word(k: Kpi) -> str:
    """達成 / 未達成 / 判定不可, with what the verdict assumes."""
    if is_computed(k) and "direction_unknown" in k.flags:
        return "判定不可・指標の向き不明"
    word = {True: "達成", False: "未達成", None: "判定不可"}[k.achieved]
    if k.lower_is_better:
        word += "・低いほど良い"
    elif is_computed(k) and "direction_assumed_higher" in k.flags and k.achieved is not None:
        word += "・高いほど良いと仮定"
    return word


def kpi_row(k: Kpi, project: Project | None, year: bool = False, future: bool = False, baseline: bool = False) -> str:
    """A markdown bullet for lists of KPIs (`year`: name the fiscal year, for lists holding several; `future`:
    a year after the report's, whose actual is not yet reported; `baseline`: its 基準値 first, when asked)."""
    t, a, r = (kpi_value(k, i) or MISSING for i in range(3))
    proj = f"（{project.title}）" if project else ""
    fy = f" {eras.japanese(k.fiscal_year)}" if year and k.fiscal_year else ""
    base = ((f"基準値 {fmt_num(k.baseline)}{k.unit or ''} / " if k.baseline is not None else f"基準値 {MISSING} / ")
            if baseline else "")
    if future and k.actual is None:
        return f"- 「{k.name}」{proj}{fy}: {base}目標 {t} / 実績 未公表（目標のみ）"
    return f"- 「{k.name}」{proj}{fy}: {base}目標 {t} / 実績 {a} / 達成率 {r}（{achieved_word(k)}）"


def list_notes(kpis: list[Kpi]) -> str:
    """Footnotes a KPI list needs: computed rates and the direction they assume."""
    notes = []
    if any(k.lower_is_better and not is_computed(k) for k in kpis):
        notes.append("※「低いほど良い」指標は、達成率を目標÷実績で計算しています。")
    if any(is_computed(k) for k in kpis):
        notes.append("※「（計算値）」の達成率は資料に記載がなく、実績÷目標で計算した値です（資料に達成率の記載なし）。")
        if any("direction_assumed_higher" in k.flags for k in kpis if is_computed(k)):
            notes.append("※その達成・未達成は、数値が高いほど良い指標と仮定した判定です。")
        if any("direction_unknown" in k.flags for k in kpis if is_computed(k)):
            notes.append("※「指標の向き不明」の指標は、低いほど良い可能性があるため、目標を達成したかどうかは資料から判断できません。")
    return "\n".join(notes)


def trend_row(k: Kpi, future: bool) -> str:
    """One fiscal year of a KPI's series: 目標 / 実績 / 達成率 (a future year has a target only)."""
    fy = eras.japanese(k.fiscal_year) or "年度記載なし"
    t = kpi_value(k, 0) or MISSING
    if k.actual is None:
        if future:
            return f"- {fy}: 目標 {t} / 実績 未公表（目標のみ。報告時点で実績は資料に記載なし）"
        return f"- {fy}: 目標 {t} / 実績 {MISSING}"
    a = kpi_value(k, 1)
    r = kpi_value(k, 2)
    return f"- {fy}: 目標 {t} / 実績 {a} / 達成率 {r or MISSING}（{achieved_word(k)}）"


def budget_text(p: Project, years: tuple[str, ...] = ()) -> str:
    unit = p.budget_unit or ""
    planned = set(p.budget_planned)
    printed = dict(p.budget)
    items = [(y, v) for y, v in p.budget if not years or y in years]
    items += [(y, None) for y in years if y not in printed]  # a year asked for that the report does not cover
    parts = [(f"{eras.japanese(y)} {fmt_num(v)}{unit}" if v is not None else
              f"{eras.japanese(y)} 記載なし" + ("（－）" if y in printed else ""))
             + ("（予定）" if y in planned else "") for y, v in items]
    return "、".join(parts) or "記載なし"


def unit_note(projects: list[Project]) -> str:
    if any(p.budget_unit for p in projects):
        return ""
    return "（資料に金額の単位は記載されていません）"


def citations_md(cites: list[Citation], lang: str = "ja") -> str:
    if not cites:
        return ""
    head = "出典" if lang == "ja" else "Sources"
    lines = [" / ".join(x for x in (f"- {c.report}", (f"事業{c.project_no} " if c.project_no else "")
                                    + (c.project_title or ""), f"{c.page}ページ" if c.page else "") if x.strip())
             for c in cites]
    return f"\n\n**{head}**\n" + "\n".join(lines)


def dedupe(cites: list[Citation]) -> list[Citation]:
    return list(dict.fromkeys(cites))
