"""Lists of KPIs: all of a project's, those achieved / missed, over or under a rate, lower-is-better, the
highest / lowest rates."""

from __future__ import annotations

import re

from .. import eras
from ..compose import kpi_row, kpi_sentence, list_notes
from ..format import fmt_num, fmt_rate, shown_rate
from ..reading import normalize
from ..records import Answer, Kpi
from ..understand import passes
from . import kpi
from .context import LIST_MAX, STRONG_KPI, TREND_MAX, Context, Turn


def applies(cx: Context, t: Turn, kp: list[tuple[float, Kpi]], prev: dict) -> bool:
    q = t.q
    strong = bool(kp) and kp[0][0] >= STRONG_KPI
    aggregate = q.rank or q.threshold or q.lower_better or (q.missing and q.wants_list)
    if aggregate and not (strong and not q.wants_list and not q.rank):
        return True
    if (q.asks_achieved or q.kpi_words) and q.wants_list and not strong:
        return True
    if (q.count or q.derived == "share") and (q.asks_achieved or q.threshold or q.missing) and not strong:
        return True  # 「目標達成したKPIの数は？」「達成した指標の割合は？」: the list, counted (and its share)
    if q.kpi_words and t.explicit and not t.rest and not (q.baseline and kp and cx.names_kpi(t, kp[0][1])):
        return True  # 「AI事業のKPIは？」 (「移住相談件数のKPI、基準値は？」 names one KPI)
    if (q.asks_achieved and t.explicit and re.search(r"(事業|取り?組み?|プロジェクト)[、,]?\s*の?(KPI|ＫＰＩ|指標)", q.text)
            and not any(normalize(k.name) in normalize(q.text) for _, k in kp[:3])):
        return True  # 「…のための事業、KPIは未達でしたか？」: the project's KPIs, not the one a word of it recalls
    if re.search(r"KPI|kpi|指標", q.text) and not [x for x in t.terms if x not in t.city_terms] and not prev.get("kpis"):
        return True  # just 「KPI」 (a bare 「実績は？」 with nothing before it stays unanswered)
    if q.asks_achieved and t.explicit and not t.rest and not strong:
        return True  # 「八女茶ブランド発信事業で未達だったのは？」: the named project's KPIs of that verdict
    if prev.get("kpis") and q.achieved is not None and t.scope and not strong:
        return True  # 「達成してないほうの実績は？」: the project's KPIs of the other verdict
    return (bool(prev.get("kpis")) and (q.followup or q.refers)
            and bool(q.rank or q.asks_achieved or q.missing or q.threshold or q.lower_better) and not strong)


def answer(cx: Context, t: Turn, prev: dict) -> Answer:
    q = t.q
    if q.rank and prev.get("intent") == "kpi_rank" and not t.explicit:
        # 「一番高いのは？」「逆に一番高いのは？」: the same pool as before (the projects it ranked), not the top's project
        t.scope = [cx.projects[k] for k in map(tuple, prev.get("pool") or []) if k in cx.projects]
    if t.scope:
        pool = [k for _, k in kpi.in_scope(cx, t, prev)]
    elif prev.get("kpis") and q.followup and not (q.rank and prev.get("intent") == "kpi_rank"):
        pool = [cx.records.kpis[i] for i in prev["kpis"]]  # (after 「一番高いのは？」, 「一番低いのは？」 ranks anew)
    else:
        pool = [k for _, k in kpi.in_scope(cx, t, prev)]
    pool = cx.distinct_kpis(pool)  # (a report loaded as its PDF and its text export: each KPI once)
    if t.set_aside:  # 「それ以外で…」: the KPIs the last answer picked out are left out
        pool = [k for k in pool if cx.kpi_index[id(k)] not in t.set_aside]
    if (m := re.search(r"(?:KPI|ＫＰＩ|指標)\s*([①-⑳])", q.text)) and len({(k.report, k.project_no) for k in pool}) == 1:
        # 「その事業のKPI①の実績を教えて」: the project's n-th indicator (in the order the report lists them)
        names = list(dict.fromkeys(k.name for k in pool))
        n = ord(m.group(1)) - 0x2460
        pool = [k for k in pool if k.name == names[n]] if n < len(names) else pool
    if q.years and not q.trend and not q.baseline:
        inyear = [k for k in pool if k.fiscal_year in q.years]
        if pool and not inyear:
            # 「アクティブシニア事業のR3年度のKPI実績は？」 of an R2 report: its values are R2's, not the year asked
            have = "・".join(sorted({eras.japanese(k.fiscal_year) or k.fiscal_year for k in pool if k.fiscal_year}))
            asked = "・".join(eras.japanese(y) or y for y in q.years)
            return cx.not_found(t, f"（{asked}のKPIの値は資料にありません。資料にあるのは{have}の値です）")
        pool = inyear or pool  # 「R3に目標を下回ったKPIは？」 over a grid of years: that year's rows
    if not pool:
        return cx.not_found(t)
    if q.trend:  # 「この事業のKPIの推移は？」: every KPI of the pool over its years
        keys = list(dict.fromkeys(cx.series_of[id(k)] for k in pool if id(k) in cx.series_of))
        return kpi.trend(cx, t, keys[:TREND_MAX])
    multi_year = any(len(cx.series[cx.series_of[id(k)]]) > 1 for k in pool if id(k) in cx.series_of)
    sel = pool
    desc = "KPI"
    if q.lower_better:
        sel = [k for k in pool if k.lower_is_better]
        desc = "低いほど良い（達成率＝目標÷実績）KPI"
    elif q.missing:
        sel = [k for k in pool if k.actual is None or k.rate is None]
        desc = "実績または達成率が記載されていないKPI"
    elif q.threshold:
        op, v = q.threshold
        sel = [k for k in pool if shown_rate(k) is not None and passes(op, v, k.rate)]
        desc = (f"達成率が{v:g}%台（{v:g}%以上{v + 10:g}%未満）のKPI" if op == "band" else
                f"達成率が{v:g}%{ {'<': '未満', '<=': '以下', '>': '超', '>=': '以上'}[op] }のKPI")
    elif q.asks_achieved and not q.rank and q.achieved is None:
        sel = pool  # 「KPIごとに達成・未達を教えて」: each with its verdict
        desc = (f"KPI（目標を達成{sum(k.achieved is True for k in pool)}件・届かなかったもの"
                f"{sum(k.achieved is False for k in pool)}件）")
    elif q.asks_achieved and not q.rank:
        sel = [k for k in pool if k.achieved is q.achieved]
        desc = "目標を達成したKPI" if q.achieved else "目標に届かなかったKPI"
    if q.rank:
        rated = [k for k in sel if shown_rate(k) is not None]
        if not rated:
            return cx.not_found(t)
        best = (min if q.rank == "min" else max)(k.rate for k in rated)
        top = [k for k in rated if k.rate == best]
        if (m := re.search(r"(?:ワースト|ベスト|トップ|上位|下位|worst|best|top)\s*(\d+)|(\d+)\s*(?:つ|件|個)", q.text, re.I)):
            n = int(m.group(1) or m.group(2))  # 「ワースト3」: the n lowest (ties at the edge kept)
            ordered = sorted(rated, key=lambda k: k.rate, reverse=q.rank == "max")
            if 1 < n < len(ordered):
                edge = ordered[n - 1].rate
                top = [k for k in ordered if (k.rate <= edge if q.rank == "min" else k.rate >= edge)]
        word = "最も低い" if q.rank == "min" else "最も高い"
        if len(top) > 1 and top[0].rate != top[-1].rate:
            word = f"低い順に{len(top)}件の" if q.rank == "min" else f"高い順に{len(top)}件の"
        lines = [kpi_sentence(k, cx.projects.get((k.report, k.project_no)), q.lang) for k in top]
        body = (f"達成率が{word}KPIは次のとおりです（{len(rated)}件中）。\n\n" if q.lang == "ja" else
                f"The KPI with the {'lowest' if q.rank == 'min' else 'highest'} achievement rate "
                f"(of {len(rated)}):\n\n") + "\n".join(lines)
        if q.lang == "ja" and (skipped := sum(1 for k in sel if k.rate is not None and shown_rate(k) is None)):
            body += (f"\n\n※資料に達成率がなく指標の向きも分からないKPI（{skipped}件）は、"
                     "計算した達成率の意味が定まらないため比べていません。")
        # the pool ranked, for 「逆に一番高いのは？」 (only when the question named projects: else every KPI again)
        t.extra = {"pool": [list(k) for k in dict.fromkeys((p.report, p.no) for p in t.scope)]}
        return cx.finish(t, "kpi_rank", body, [cx.cite(k.report, k.project_no, k.page) for k in top],
                            kpis=top)
    if not sel:
        shown = pool[:LIST_MAX]
        body = f"{desc}はありません（対象{len(pool)}件）。\n\n" + "\n".join(
            kpi_row(k, cx.projects.get((k.report, k.project_no)), multi_year, cx.future(k), q.baseline) for k in shown)
        if notes := list_notes(shown):
            body += "\n\n" + notes
        return cx.finish(t, "kpi_filter", body, [cx.cite(k.report, k.project_no, k.page) for k in shown],
                            kpis=shown)
    head = f"{desc}は{len(sel)}件です（対象{len(pool)}件）。" if sel is not pool else f"{desc}は{len(sel)}件です。"
    n_kpis = cx.n_series([cx.kpi_index[id(k)] for k in sel])
    if multi_year and q.lang == "ja" and n_kpis < len(sel):  # a KPI over several years: count KPIs, then rows
        head = head.replace(f"は{len(sel)}件です", f"は{n_kpis}指標"
                            f"（年度ごとの値{len(sel)}件）です", 1)
    if q.lang == "en":
        head = f"{len(sel)} of {len(pool)} KPIs match ({desc}):"
    elif q.derived == "share" and sel is not pool and not multi_year:
        # 「達成した指標の割合は？」: the share, its division written out
        head += f"割合は{len(sel)} ÷ {len(pool)} = {fmt_rate(len(sel) / len(pool) * 100)}です（小数第1位まで）。"
    shown = sel[:LIST_MAX]
    body = head + "\n\n" + "\n".join(
        kpi_row(k, cx.projects.get((k.report, k.project_no)), multi_year, cx.future(k), q.baseline)
        + (_gap(k) if q.derived == "diff" else "") for k in shown)
    if len(sel) > len(shown):
        body += f"\n- …ほか{len(sel) - len(shown)}件（事業や年度で絞り込むと全件を確認できます）"
    if notes := list_notes(shown):
        body += "\n\n" + notes
    return cx.finish(t, "kpi_list" if sel is pool else "kpi_filter", body,
                        [cx.cite(k.report, k.project_no, k.page) for k in shown], kpis=shown)


def _gap(k: Kpi) -> str:
    """「それぞれの不足分は？」: how far the actual is from the target, with the subtraction ("" when not both)."""
    if k.target is None or k.actual is None or k.unit in ("%", "％"):
        return ""
    d = (k.actual - k.target) if k.lower_is_better else (k.target - k.actual)
    if d <= 0:
        return ""
    a, b = (k.actual, k.target) if k.lower_is_better else (k.target, k.actual)
    return f" — 目標まで{fmt_num(d)}{k.unit or ''}（{fmt_num(a)} − {fmt_num(b)} = {fmt_num(d)}）"

