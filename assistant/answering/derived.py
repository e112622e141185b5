"""Arithmetic questions on cited figures (gaps to target, sums, averages, changes, shares, unit conversions):
which figures a question is about; the arithmetic itself is in answering.arithmetic."""

from __future__ import annotations

import re
from decimal import Decimal

from .. import eras
from .. import series as ks
from ..compose import NOT_FOUND, citations_md, dedupe, unit_note
from ..format import BUDGET_UNIT_YEN, shown_rate
from ..records import Answer, Kpi
from ..understand import REF, asks_grant_share
from . import arithmetic, budget, figures
from .context import LIST_MAX, WEAK_KPI, Context, Turn


def _two_budget_years(t: Turn, strong: bool) -> bool:
    """「八女茶ブランド発信事業 R5→R6 の増減」: a change between two years of a named project, no KPI named — of the
    one figure each year the project prints for both years, its 事業費."""
    q = t.q
    return (q.derived == "diff" and len(q.years) >= 2 and t.explicit and not (q.kpi_words or strong)
            and all(all(y in dict(p.budget) for y in q.years[:2]) for p in t.scope))


def answer(cx: Context, t: Turn, kp: list[tuple[float, Kpi]], strong: bool, prev: dict,
             asks: set[str]) -> Answer | None:
    """Arithmetic on cited figures; None when the question is not about figures this can reach."""
    q = t.q
    # (the router's asks: 「いくら」 counts as money only where no KPI is named — 「実績はそれをいくら上回った？」)
    budgetish = ("budget" in asks or q.derived == "convert"
                 or (("budget" in prev.get("asks", [])) and (not (q.kpi_words or strong) or _SETTLED.search(q.text)))
                 or _two_budget_years(t, strong))
    # 「八女茶の輸出額は目標をいくら上回った？」: a KPI named with its target is a KPI gap, not a budget (no budget
    # has a target).
    kpi_gap = strong and (q.kpi_words and (not t.explicit or re.search(r"目標", q.text)))
    if budgetish and not kpi_gap:
        if asks_grant_share(q.text):
            return None  # 「交付金の合計額は？」: the grant's share, summed by the budget answer — not the whole 事業費
        return derived_budget(cx, t, prev)
    kpis: list[Kpi] = []
    named = strong or (bool(kp) and kp[0][0] >= WEAK_KPI and cx.names_kpi(t, kp[0][1]))
    if q.derived == "diff" and len(_PARTS.findall(q.text)) >= 2 and not _AGAINST.search(q.text):
        named = False  # 「2期は1期より何人多く修了した？」: two parts the text counts, not a KPI against its target
    if named and not (q.refers and prev.get("kpis")):
        ranked = cx.series_ranked(kp)
        best = ranked[0][0]
        keys = [key for s, key in ranked if s >= max(WEAK_KPI, best - 0.05)][:3]
        for key in keys:
            members = cx.series[key]
            inyear = [k for k in members if k.fiscal_year in q.years] if q.years else []
            kpis += inyear or [ks.latest(members)]
    elif prev.get("kpis") and (not t.rest or q.refers or q.followup):
        kpis = [cx.records.kpis[i] for i in prev["kpis"]]
        if q.ref_n:
            kpis = [cx.records.kpis[i] for i in cx.refer(t.history, "kpis", q.ref_n)]
        if q.years:
            kpis = [k for k in kpis if k.fiscal_year in q.years] or kpis
        if len(kpis) > 1 and q.derived == "diff" and not (q.ref_n or re.search(r"それぞれ|各|全部|すべて", q.text)):
            # After a list, the rows not yet at target are what a gap question is about (「上の2つ、それぞれ」: all).
            kpis = [k for k in kpis if k.achieved is False] or kpis
        kpis = kpis[:LIST_MAX]
    elif t.explicit and q.kpi_words and q.derived in ("sum", "avg"):
        # 「AIエンジニア支援のKPIの平均達成率は？」: every KPI of the projects named (each KPI's latest year).
        keys = list(dict.fromkeys(cx.series_of[id(k)] for p in t.scope for _, k in cx.kpis_of.get((p.report, p.no), [])
                                  if id(k) in cx.series_of))
        kpis = [ks.latest(cx.series[key]) for key in keys][:LIST_MAX]
    if kpis and (d := derived_kpi(cx, t, kpis)) is not None:
        return d
    # No KPI (or no arithmetic on it) answers: the figures the last answers quoted (「合わせると？」 after two
    # quotes), else the figures of the sentences that cover the question.
    follow = bool(t.history) and (not t.rest or q.refers or q.followup)
    figs = figures.from_history(t.history, both=bool(_BOTH.search(q.text))) if follow else []
    return figures.answer(cx, t, figs or figures.from_passages(cx, t))


def derived_kpi(cx: Context, t: Turn, kpis: list[Kpi]) -> Answer | None:
    q = t.q
    title = lambda k: (p.title if (p := cx.projects.get((k.report, k.project_no))) else None)  # noqa: E731
    cites = [cx.cite(k.report, k.project_no, k.page) for k in kpis]
    if q.derived == "ratio" and q.baseline and (lines := [x for k in kpis[:5]
                                                          if (x := arithmetic.kpi_times_baseline(k, title(k)))]):
        t.extra = {"derived": "ratio"}  # 「基準値の何倍になった？」
        return cx.finish(t, "derived", "\n\n".join(lines), cites, kpis=kpis)
    if q.derived == "ratio" and (body := _year_change(cx, t, kpis, title, arithmetic.kpi_ratio)):
        t.extra = {"derived": "ratio"}
        return cx.finish(t, "derived", body, cites, kpis=kpis)
    if q.derived == "diff" and (body := _year_change(cx, t, kpis, title)):
        t.extra = {"derived": "change"}
        return cx.finish(t, "derived", body, cites, kpis=kpis)
    rated = [k for k in kpis if shown_rate(k) is not None]
    if q.derived == "diff" and len(kpis) == 2 and len(rated) == 2 and re.search(r"達成率|達成度", q.text):
        # 「入居件数と茶摘みツアー参加者、達成率の差は何ポイント？」: two rates, in points
        hi, lo = sorted(rated, key=lambda k: -k.rate)
        d = (Decimal(str(hi.rate)) - Decimal(str(lo.rate))).quantize(Decimal("0.1"))
        body = (f"達成率の差は{d}ポイントです（「{hi.name}」{hi.rate:.1f}% − 「{lo.name}」{lo.rate:.1f}% = {d}）。"
                + "\n\n" + "\n".join(f"- {k.name}（{title(k) or ''}）: 達成率{k.rate:.1f}%" for k in (hi, lo)))
        t.extra = {"derived": "diff"}
        return cx.finish(t, "derived", body, cites, kpis=[hi, lo])
    if q.derived == "diff":
        # 「基準値と実績は？」 then 「何分短くなったの？」: against the baseline the conversation asked about
        before = t.history[-1].question if t.history else ""
        since_base = q.baseline or (re.search(r"基準値|現状値|当初値|基準年", before) and not re.search(r"目標", q.text))
        vs = "baseline" if since_base else "target"
        lines = [arithmetic.kpi_gap(k, title(k), vs) or arithmetic.kpi_missing(k, vs) for k in kpis[:5]]
        if not any(arithmetic.kpi_gap(k, title(k), vs) for k in kpis[:5]):
            body = f"{NOT_FOUND}。" + "".join(lines)
            return Answer(q.raw, body + citations_md(dedupe(cites), q.lang), "derived", tuple(dedupe(cites)),
                          tuple(kpis), (), (), False, {"projects": [], "kpis": [cx.kpi_index[id(k)] for k in kpis],
                                                        "intent": "derived", "derived": "diff"})
        t.extra = {"derived": "diff"}
        return cx.finish(t, "derived", "\n\n".join(lines), cites, kpis=kpis[:5])
    if q.derived == "avg" and len(kpis) > 1 and re.search(r"達成率|達成度", q.text):
        # The mean of the printed (or computed) rates; a rate whose direction is unknown means nothing, left out.
        rated = [k for k in kpis if shown_rate(k) is not None]
        terms = [arithmetic.Term(f"{k.name}（{eras.japanese(k.fiscal_year) or ''}）", k.rate, "%") for k in rated]
        missing = [f"{k.name}の達成率" for k in kpis if k not in rated]
        body = None
        if len(terms) >= 2:
            mean = arithmetic.mean(terms)[0].quantize(Decimal("0.1"))  # a rate is shown to one place (70.0%)
            body = (f"達成率の平均は{mean}%です（({' + '.join(f'{x.value:.1f}' for x in terms)}) ÷ {len(terms)}"
                    f" = {mean}、小数第1位まで）。\n\n" + "\n".join(f"- {x.label}: {x.value:.1f}%" for x in terms))
            if missing:
                body += "\n\n※" + "、".join(missing) + "は資料に記載がない（または目標との比べ方が分からない）ため、平均に含めていません。"
        if body:
            t.extra = {"derived": "avg"}
            return cx.finish(t, "derived", body, [cx.cite(k.report, k.project_no, k.page) for k in rated],
                             kpis=rated)
    if q.derived in ("sum", "avg") and len(kpis) > 1:
        terms = arithmetic.kpi_values(kpis, "actual")
        missing = [f"{k.name}の実績" for k in kpis if k.actual is None]
        f = arithmetic.sum_text if q.derived == "sum" else arithmetic.avg_text
        body = f(terms, missing, "実績")
        if body is None:
            if not arithmetic.one_unit(terms):
                body = ("単位の異なる指標（" + "・".join(dict.fromkeys(x.unit or "単位なし" for x in terms))
                        + "）の実績は足し合わせられません。\n\n" + "\n".join(
                            f"- {x.label}: {arithmetic.num(x.value)}{x.unit}" for x in terms))
                return cx.finish(t, "derived", body, cites, kpis=kpis)
            return None
        t.extra = {"derived": q.derived}
        return cx.finish(t, "derived", body, cites, kpis=kpis)
    return None


_SETTLED = re.compile(r"(?:実績|決算|確定)(?:分|額)")  # money spent (決算), as against 予定 / 計画 amounts


def derived_budget(cx: Context, t: Turn, prev: dict) -> Answer | None:
    q = t.q
    projects = t.scope if t.explicit or t.scope else cx.projects_allowed(t.filters)
    excluding = bool(re.search(r"除|抜|以外", q.text))  # 「R4の予定を除いて」: the year named is left out
    if (q.derived in ("sum", "avg") and not t.explicit and len(projects) == 1 and len(q.years) == 1
            and not re.search(REF, q.text) and not excluding):
        # 「令和2年度の事業費の平均は？」 after a question on one project: one year of one project has nothing to
        # add up, so the question is about every project (the conversation's project is not what it means).
        projects = cx.projects_allowed(t.filters)
    earlier = [cx.projects[k] for k in prev.get("projects") or [] if k in cx.projects]
    budget_before = "budget" in prev.get("asks", [])
    if (q.derived == "sum" and t.explicit and budget_before and earlier and re.search(r"と|and|\+|＋", q.text)
            and not set(map(id, earlier)) & set(map(id, projects))):
        projects = earlier + list(projects)  # 「Aの予算は？」「Bの事業と合わせると？」: A and B
    projects = cx.distinct(projects)
    if not projects:
        return None
    years = q.years
    if _SETTLED.search(q.text) and q.derived in ("sum", "avg"):
        # 「R3までの実績分を合計すると？」: the amounts spent, not the ones budgeted for later (予定 / 計画 years)
        planned = {y for p in projects for y in p.budget_planned}
        years = tuple(y for y in (years or dict.fromkeys(y for p in projects for y, _ in p.budget)) if y not in planned)
    if years and q.derived in ("sum", "avg") and excluding:
        # 「R4の予定を除いて合計すると？」: every printed year but those
        years = tuple(dict.fromkeys(y for p in projects for y, v in p.budget if v is not None and y not in years))
    elif not years and budget_before and q.derived in ("diff", "sum", "avg"):
        years = _years_asked(t.history)  # 「R2の事業費は？」「R3は？」「2年の平均は？」: the years asked in turn
    cites = [cx.cite(p.report, p.no) for p in projects]
    unit_note_ = unit_note(projects)
    units = {p.budget_unit or "" for p in projects}
    body = None
    if q.derived == "convert":
        if len(projects) != 1:
            return None
        body = arithmetic.convert_text(projects[0], years, to_yen=not re.search(r"千円", q.text))
        if body is None:
            return None
    elif q.derived in ("sum", "avg"):
        if q.derived == "sum" and len(units) > 1 and all(u in BUDGET_UNIT_YEN for u in units):
            # 千円 and 円 projects: added after converting to one unit, the conversion written out
            ys = years or tuple(dict.fromkeys(y for p in projects for y, _ in p.budget))
            return budget.total_converted(cx, t, projects, ys, unit_note_)
        if len(units) > 1:
            body = ("金額の単位が異なる事業（" + "・".join(sorted(u or "単位記載なし" for u in units))
                    + "）は足し合わせられないため、単位ごとに示します。\n\n")
            parts = []
            for u in sorted(units):
                group = [p for p in projects if (p.budget_unit or "") == u]
                terms, missing = arithmetic.budget_terms(group, years, True)
                parts.append(arithmetic.sum_text(terms, missing, f"{u + '単位' if u else '単位記載なし'}の事業") or "")
            body += "\n\n".join(x for x in parts if x)
        else:
            single = len(projects) == 1
            ys = years or tuple(dict.fromkeys(y for p in projects for y, _ in p.budget))
            if single or len(ys) == 1 or years:
                terms, missing = arithmetic.budget_terms(projects, ys, not single)
                what = (f"「{projects[0].title}」の" if single else f"{len(projects)}事業の") + "・".join(
                    eras.japanese(y) or y for y in ys) + "の交付対象事業経費"
                f = arithmetic.sum_text if q.derived == "sum" else arithmetic.avg_text
                body = f(terms, missing, what)
            else:  # several projects over several years: a sum per year
                blocks = []
                for y in ys:
                    terms, missing = arithmetic.budget_terms(projects, (y,), True)
                    f = arithmetic.sum_text if q.derived == "sum" else arithmetic.avg_text
                    if b := f(terms, missing, f"{eras.japanese(y)}の交付対象事業経費"):
                        blocks.append(b)
                body = "\n\n".join(blocks) or None
    elif q.derived == "diff" and len(projects) == 2 and len(units) == 1:
        # 「上の2つの差は？」 after the largest and the smallest: the two projects' amounts in one year.
        y = years[0] if years else cx.report_year(projects[0])
        vals = [dict(p.budget).get(y) for p in projects]
        if None in vals:
            return None
        a, b = (arithmetic.Term(f"「{p.title}」", v, p.budget_unit or "") for p, v in zip(projects, vals, strict=True))
        big, small = (a, b) if a.value >= b.value else (b, a)
        d = Decimal(str(big.value)) - Decimal(str(small.value))
        body = (f"{eras.japanese(y)}の交付対象事業経費は{big.label}のほうが多く、差は{arithmetic.num(d)}{big.unit}です"
                f"（{big.label} {arithmetic.num(big.value)}{big.unit} − {small.label} {arithmetic.num(small.value)}"
                f"{small.unit} = {arithmetic.num(d)}）。")
    elif q.derived == "diff":
        if len(projects) != 1:
            return None
        p = projects[0]
        printed = [(y, v) for y, v in p.budget if v is not None]
        if years and len(years) >= 2:
            pair = [(y, v) for y, v in printed if y in (years[0], years[-1])]
        elif years:
            i = next((n for n, (y, _) in enumerate(printed) if y == years[0]), None)
            pair = printed[i - 1:i + 1] if i else []
        else:
            pair = [printed[0], printed[-1]] if len(printed) >= 2 else []
        if len(pair) != 2:
            return None
        a, b = (arithmetic.Term(eras.japanese(y) or y, v, p.budget_unit or "") for y, v in pair)
        body = arithmetic.change_text(f"「{p.title}」の交付対象事業経費", a, b)
    elif q.derived == "share":
        if len(projects) != 1 or len(units) > 1:
            return None
        pool = cx.distinct(cx.projects_allowed(t.filters))
        y = years[0] if years else cx.report_year(projects[0])
        terms, _ = arithmetic.budget_terms(pool, (y,), True)
        part = next((x for x in terms if x.label.startswith(projects[0].title + " ")), None)
        body = arithmetic.share_text(part, terms, f"{eras.japanese(y)}の全事業") if part else None
    if not body:
        return None
    t.asks_used = {"budget"}
    t.extra = {"derived": q.derived}
    intent = {"sum": "budget_total", "diff": "budget_change"}.get(q.derived, "derived")
    return cx.finish(t, intent, body + (f"\n{unit_note_}" if unit_note_ else ""), cites, projects=projects)


def _years_asked(history: list[Answer]) -> tuple[str, ...]:
    """The fiscal years the budget answers just before asked about, one project's, oldest first."""
    years: list[str] = []
    about = history[-1].context.get("projects") if history else None
    for ans in reversed(history):
        if "budget" not in (ans.context.get("asks") or []) or ans.context.get("projects") != about:
            break
        years = [y for y in ans.context.get("years") or [] if y not in years] + years
    return tuple(years)


_PARTS = re.compile(r"第?\s*\d+\s*(?:期|回目|弾|部)(?!間)")  # 第1期, 2回目: parts of one activity
_BOTH = re.compile(r"両方|両者|どちらも|2つとも|二つとも|全部|すべて|全て")  # 「両方あわせると？」: two answers' figures

# 「何人増えた？」「どれだけ短くなった？」 ask for a change over time; 「目標に何人届かなかった？」 for a gap to a target.
_CHANGE = re.compile(r"増え|増加|減(っ|る|り|少)|短(く|縮)|長く|伸び|縮|変わ|変化|前年|昨年")
_AGAINST = re.compile(r"目標|届|足りな|不足|上回|下回|超え|基準|現状値|当初値|ベースライン|ギャップ")


def _year_change(cx: Context, t: Turn, kpis: list[Kpi], title, how=arithmetic.kpi_change) -> str | None:
    """A KPI's actual between two fiscal years: the two years the conversation or the question named, else its
    first and last years with an actual. None when the question asks for a gap to a target or the KPI has no two
    years of actuals."""
    q = t.q
    if (how is arithmetic.kpi_change and not _CHANGE.search(q.text)) or _AGAINST.search(q.text):
        return None
    named = list(q.years) or [y for a in reversed(t.history[-2:]) for y in a.context.get("years") or []][::-1]
    lines = []
    for key in dict.fromkeys(cx.series_of.get(id(k)) for k in kpis[:3]):
        members = [k for k in cx.series.get(key, []) if k.actual is not None and k.fiscal_year]
        pick = [k for k in members if k.fiscal_year in named]
        pair = (pick[0], pick[-1]) if len(pick) >= 2 else (members[0], members[-1]) if len(members) >= 2 else None
        if pair and (line := how(pair[0], pair[1], title(pair[0]))):
            lines.append(line)
    return "\n\n".join(lines) or None
