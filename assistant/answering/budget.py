"""交付対象事業経費: one project's budget by year, totals, changes between years and the largest / smallest."""

from __future__ import annotations

import re

from .. import eras
from ..compose import NOT_FOUND, budget_text, unit_note
from ..format import BUDGET_UNIT_YEN, fmt_num
from ..reading import normalize
from ..records import Answer, Number, Project
from ..understand import amount_limit, asks_grant_share, passes
from . import figures
from .context import Context, Turn, bullets


def _money(p: Project, v: Number, year: str | None = None) -> str:
    """An amount in the project's printed unit (千円 / 円), marked （予定） for a planned year."""
    return f"{fmt_num(v)}{p.budget_unit or ''}" + ("（予定）" if year and year in p.budget_planned else "")


# A cost item named in the question (開発費, 人件費, 委託料): a part of a project's spending, not its whole 事業費.
_ITEM = re.compile(r"([一-龯ァ-ヶー]{2,8}?)(費|料)(?:だけ|のみ|って|は|を|に|の)")
_WHOLE = re.compile(r"(事業経?|^経|^総|全体の?|交付金|予算|決算|年間の?)$")  # 事業費, 交付対象事業経費: the whole


def cost_item(text: str) -> str | None:
    if figures.price_asked(text):
        return None  # 参加費 / 利用料: a price users pay, not a part of the project's spending
    m = _ITEM.search(normalize(text))
    return m.group(1) + m.group(2) if m and not _WHOLE.search(m.group(1)) else None


def _over(cx: Context, t: Turn, projects: list[Project], years: tuple[str, ...], limit: tuple[float, str | None, str],
          note: str) -> Answer:
    """The projects whose 事業費 passes the limit: in yen where the question names a unit (千円 and 円 projects
    alike), else as printed (then only projects printed in one unit are compared); each with its amount."""
    value, unit, op = limit
    rows, unknown = [], []
    for p in projects:
        y = years[0] if years else cx.report_year(p)
        v = dict(p.budget).get(y)
        if v is None:
            continue
        if unit:
            if p.budget_unit not in BUDGET_UNIT_YEN:
                unknown.append(p)
                continue
            ok = passes(op, value * BUDGET_UNIT_YEN[unit], v * BUDGET_UNIT_YEN[p.budget_unit])
        else:
            ok = passes(op, value, v)
        rows.append((p, y, v, ok))
    if not unit and len({p.budget_unit for p, *_ in rows}) > 1:
        return cx.not_found(t, "（金額の単位（千円・円）が事業ごとに異なるため、単位のない金額とは比べられません。"
                               "「1,000万円」のように単位を付けて聞いてください）")
    if not rows and unknown:
        return cx.not_found(t, f"（{'、'.join(f'「{p.title}」' for p in unknown)}の経費は金額の単位が資料に記載されて"
                               f"いないため、{fmt_num(value)}{unit}と比べられません）")
    if not rows:
        return cx.not_found(t)
    words = {">": "を超える", ">=": "以上の", "<": "未満の", "<=": "以下の"}[op]
    asked = f"{fmt_num(value)}{unit or (rows[0][0].budget_unit or '')}{words}"
    hit = [r for r in rows if r[3]]
    when = "・".join(dict.fromkeys(eras.japanese(y) or y for _, y, _, _ in rows))
    head = (f"{when}の交付対象事業経費が{asked}事業は{len(hit)}件です{note}。" if hit
            else f"{when}の交付対象事業経費が{asked}事業はありません{note}。")
    body = head + "\n\n" + bullets(f"- {p.title}: {_money(p, v, y)}" for p, y, v, _ in hit)
    if not hit:
        body = head + "\n\n" + bullets(f"- {p.title}: {_money(p, v, y)}" for p, y, v, _ in rows)
    if unknown:
        body += "\n（金額の単位が資料に記載されていない事業は比べていません: " + "、".join(p.title for p in unknown) + "）"
    shown = [p for p, *_ in (hit or rows)]
    return cx.finish(t, "budget_threshold", body, [cx.cite(p.report, p.no) for p in shown], projects=shown)


def _grant_share(cx: Context, t: Turn, projects: list[Project], years: tuple[str, ...]) -> Answer:
    """「うち交付金はいくら？」: each year's grant share beside the 事業費 it is part of, summed (with the sum written out)
    when the question asks for a total and every amount is in one unit; refused where the report prints no share."""
    rows = [(p, y, v) for p in projects for y, v in p.budget_grant if not years or y in years]
    if not rows:
        return cx.not_found(t, "（うち交付金の額は資料から読み取れませんでした。記録にあるのは事業全体の交付対象事業経費です）")
    budget_of = {(p.report, p.no, y): v for p in projects for y, v in p.budget}
    lines = [f"- {p.title} {eras.japanese(y)}: うち交付金 {_money(p, v, y)}"
             + (f"（交付対象事業経費 {_money(p, b, y)} のうち）" if (b := budget_of.get((p.report, p.no, y))) else "")
             for p, y, v in rows]
    body = "交付金の額（うち交付金）:\n" + bullets(lines)
    units = {p.budget_unit for p, _, _ in rows}
    after_total = bool(t.history) and t.history[-1].context.get("intent") == "budget_total"  # 「そのうち交付金は？」
    if len(rows) > 1 and len(units) == 1 and (after_total or re.search(r"合計|総額|合わせ|あわせ|全部で|トータル|total|sum",
                                                                        t.q.text, re.I)):
        total = sum(v for _, _, v in rows)
        unit = units.pop() or ""
        body = (f"うち交付金の合計は{fmt_num(total)}{unit}です（{' + '.join(fmt_num(v) for _, _, v in rows)} = "
                f"{fmt_num(total)}）。\n\n" + bullets(lines))
    shown = list(dict.fromkeys(p for p, _, _ in rows))
    return cx.finish(t, "budget", body, [cx.cite(p.report, p.no) for p in shown], projects=shown)


def total_converted(cx: Context, t: Turn, projects: list[Project], years: tuple[str, ...], note: str) -> Answer:
    """A total over projects printed in different units (千円 and 円): each amount converted to one unit — the one the
    question names (「千円単位で」), else 千円 where every 円 amount is whole thousands, else 円 — the conversion and the
    sum written out; never raw numbers of two units added."""
    named = re.search(r"(百万円|千円|万円|円)(?:単位|で|に)", t.q.text)
    amounts = [(p, y, v) for y in years for p in projects if (v := dict(p.budget).get(y)) is not None]
    in_yen = [(p, y, v * BUDGET_UNIT_YEN[p.budget_unit]) for p, y, v in amounts]
    unit = named.group(1) if named else ("千円" if all(v % 1000 == 0 for _, _, v in in_yen) else "円")
    scale = BUDGET_UNIT_YEN[unit]
    if any(v % scale for _, _, v in in_yen):
        unit, scale = "円", 1  # (an amount not whole in the unit asked for: added in yen, exactly)
    parts, lines, converted = [], [], []
    for y in years:
        row = [(p, v // scale) for p, yy, v in in_yen if yy == y]
        if not row:
            continue
        total = sum(v for _, v in row)
        parts.append(f"{eras.japanese(y)}の合計は{fmt_num(total)}{unit}です（{' + '.join(fmt_num(v) for _, v in row)} = "
                     f"{fmt_num(total)}）")
    for p, y, v in amounts:
        shown = _money(p, v, y)
        if p.budget_unit != unit:
            conv = v * BUDGET_UNIT_YEN[p.budget_unit] // scale
            converted.append(f"{fmt_num(v)}{p.budget_unit} = {fmt_num(conv)}{unit}")
            shown += f"（= {fmt_num(conv)}{unit}）"
        lines.append(f"- {p.title} {eras.japanese(y)}: {shown}")
    if not parts:
        return cx.not_found(t)
    body = ("。".join(parts) + f"{note}。（単位の異なる金額は{unit}に換算して合計しています: {'、'.join(converted)}）\n\n"
            + bullets(lines))
    shown_projects = list(dict.fromkeys(p for p, _, _ in amounts))
    return cx.finish(t, "budget_total", body, [cx.cite(p.report, p.no) for p in shown_projects], projects=shown_projects)


def _pair(cx: Context, t: Turn, pair: list[Project], y: str, note: str) -> Answer:
    """「AとB、R4の事業費の差は？」: the two projects' amounts of one year and their difference, shown as a subtraction
    — in the printed unit when both share it, in yen when one is 千円 and the other 円; never across an unknown unit."""
    a, b = pair
    va, vb = dict(a.budget)[y], dict(b.budget)[y]
    ua, ub = a.budget_unit or "", b.budget_unit or ""
    if ua != ub and not (ua in BUDGET_UNIT_YEN and ub in BUDGET_UNIT_YEN):
        return cx.not_found(t, "（2つの事業の金額の単位が分からないため比べられません）")
    if ua != ub:
        sa, sb, unit = va * BUDGET_UNIT_YEN[ua], vb * BUDGET_UNIT_YEN[ub], "円"
    else:
        sa, sb, unit = va, vb, ua
    hi, lo = ((a, sa), (b, sb)) if sa >= sb else ((b, sb), (a, sa))
    d = hi[1] - lo[1]
    body = (f"{eras.japanese(y)}の交付対象事業経費は、「{a.title}」が{_money(a, va, y)}、「{b.title}」が{_money(b, vb, y)}です"
            f"{note}。\n\n" + (f"差は{fmt_num(d)}{unit}で、「{hi[0].title}」のほうが多くなっています"
                                f"（{fmt_num(hi[1])} − {fmt_num(lo[1])} = {fmt_num(d)}）。" if d else "同じ金額です。")
            + ("（単位の異なる金額は円に換算して比べています）" if ua != ub else ""))
    return cx.finish(t, "budget_compare", body, [cx.cite(p.report, p.no) for p in pair], projects=pair)


def answer(cx: Context, t: Turn, projects: list[Project], years: tuple[str, ...]) -> Answer:
    q = t.q
    text = q.text
    if not projects:  # a report (or town) none of whose projects could be read
        return cx.not_found(t, "（対象の資料から事業の経費を読み取れませんでした）")
    if (item := cost_item(text)) and not any(item in cx.report_texts.get(p.report, "") for p in projects):
        # 「アプリの開発費だけだといくら？」: the reports print each project's whole 事業費, not a breakdown by item
        return cx.not_found(t, f"（「{item}」の内訳は資料に記載がありません。資料にあるのは事業全体の経費です）")
    if asks_grant_share(text):
        # the grant's share of a project's cost (うち交付金), where the report prints it; never the whole 事業費 instead
        return _grant_share(cx, t, cx.distinct(projects), years)
    if years and not any(y in dict(p.budget) for p in projects for y in years):
        return cx.not_found(t, f"（{'、'.join(eras.japanese(y) or y for y in years)}の経費は資料にありません）")
    cites = [cx.cite(p.report, p.no) for p in projects]
    note = unit_note(projects)
    single = len(projects) == 1
    if re.search(r"合計|総額|トータル|全部で|total|sum", text, re.I) and not single:
        projects = cx.distinct(projects)  # (a report read from its PDF and its text counts once)
        ys = years or tuple(dict.fromkeys(y for p in projects for y, _ in p.budget))
        if not ys:  # no project with an amount read: nothing to add up
            return cx.not_found(t, "（これらの事業の交付対象事業経費は資料から読み取れていません）")
        units = list(dict.fromkeys(p.budget_unit or "" for p in projects))
        if len(units) > 1 and all(u in BUDGET_UNIT_YEN for u in units):
            return total_converted(cx, t, projects, ys, note)
        parts = []
        for y in ys:
            sums = []
            for u in units:  # amounts in 千円 and in 円 are never added together
                group = [p for p in projects if (p.budget_unit or "") == u]
                vals = [dict(p.budget).get(y) for p in group]
                nums = [v for v in vals if v is not None]
                if not nums and len(units) > 1:
                    continue
                planned = any(y in p.budget_planned and dict(p.budget).get(y) is not None for p in group)
                sums.append((f"{u + '単位' if u else '単位記載なし'}の事業 " if len(units) > 1 else "") + f"{fmt_num(sum(nums))}{u}"
                            + ("（予定額を含む）" if planned else "")
                            + (f"（{dash}事業は記載なし）" if (dash := sum(
                                y in dict(p.budget) and dict(p.budget)[y] is None for p in group)) else "")
                            + (f"（{unread}事業は金額を読み取れていません）" if (unread := sum(
                                y not in dict(p.budget) for p in group)) else ""))
            parts.append(f"{eras.japanese(y)}の合計は" + "、".join(sums))
        body = "、".join(parts) + f"です{note}。\n\n" + bullets(
            f"- {p.title}: {budget_text(p, ys)}" for p in projects)
        return cx.finish(t, "budget_total", body, cites, projects=projects)
    distinct = cx.distinct(projects)  # (a report read from its PDF and its text counts once)
    y = years[0] if years else cx.report_year(distinct[0])
    if (len(distinct) == 2 and len(t.scope) >= 2
            and re.search(r"差|比べ|比較|どっち|どちら|compare|difference", text, re.I)
            and all(dict(p.budget).get(y) is not None for p in distinct)):
        return _pair(cx, t, distinct, y, note)  # (one without an amount that year: 「どっちについてる？」 lists them)
    if re.search(r"増え|増加|減っ|減少|変わ|差|増額|減額|increase|decrease|change", text, re.I):
        rows = []
        for p in projects:
            b = [(y, v) for y, v in p.budget if v is not None]
            if len(b) >= 2:
                (y0, v0), (y1, v1) = b[0], b[-1]
                rows.append((p, y0, v0, y1, v1, v1 - v0))
        if single and rows:
            p, y0, v0, y1, v1, d = rows[0]
            word = "増えています" if d > 0 else "減っています" if d < 0 else "変わっていません"
            body = (f"「{p.title}」の交付対象事業経費は{eras.japanese(y0)} {_money(p, v0, y0)}、"
                    f"{eras.japanese(y1)} {_money(p, v1, y1)}で、{_money(p, abs(d))}{word}{note}。")
            return cx.finish(t, "budget_change", body, cites, projects=projects)
        if not single:
            want_up = not re.search(r"減", text)
            sel = [r for r in rows if (r[5] > 0) == want_up and r[5] != 0]
            body = ("予算が増えた事業:" if want_up else "予算が減った事業:") + "\n" + bullets(
                f"- {p.title}: {eras.japanese(y0)} {_money(p, v0, y0)} → {eras.japanese(y1)} {_money(p, v1, y1)}"
                f"（{d:+,}{p.budget_unit or ''}）" for p, y0, v0, y1, v1, d in sel) + (f"\n{note}" if note else "")
            ps = [r[0] for r in sel]
            return cx.finish(t, "budget_change", body, [cx.cite(p.report, p.no) for p in ps], projects=ps)
    if (limit := amount_limit(text)) and not single:
        return _over(cx, t, distinct, years, limit, note)
    if q.rank and not single:
        # Without a year, each project counts with the budget of its own report's year.
        y = years[0] if years else None
        vals = [(v, p, yy) for p in cx.distinct(projects)  # a report read from its PDF and its text counts once
                if (v := dict(p.budget).get(yy := (y or cx.report_year(p)))) is not None]
        if not vals:
            return cx.not_found(t)
        # Amounts printed in different units (千円 / 円) are compared in yen.
        units = {p.budget_unit for _, p, _ in vals}
        scale = len(units) > 1 and all(u in BUDGET_UNIT_YEN for u in units)

        def size(v: float, p: Project) -> float:
            return v * BUDGET_UNIT_YEN[p.budget_unit] if scale else v

        best = (min if q.rank == "min" else max)(size(v, p) for v, p, _ in vals)
        top = [(v, p, yy) for v, p, yy in vals if size(v, p) == best]
        word = "最も少ない" if q.rank == "min" else "最も多い"
        own_years = {yy for _, _, yy in vals}
        when = eras.japanese(y) if y else ("報告年度" if len(own_years) > 1 else eras.japanese(own_years.pop()))
        body = (f"{when}の交付対象事業経費が{word}のは" + "、".join(f"「{p.title}」" for _, p, _ in top)
                + f"で、{'、'.join(_money(p, v, yy) for v, p, yy in top)}です{note}。"
                + ("（単位の異なる金額は円に換算して比べています）" if scale else "") + "\n\n" + bullets(
                    f"- {p.title}: {_money(p, v, yy)}" for v, p, yy in sorted(vals, key=lambda x: -size(x[0], x[1]))))
        # Every amount listed is cited; the top project(s) first, so 「その事業」 refers to the answer's subject.
        ranked = top + [x for x in sorted(vals, key=lambda x: size(x[0], x[1]), reverse=q.rank != "min")
                        if x not in top]
        t.extra = {"subject": len(top)}  # 「上の2つ」 after two rankings: their tops
        return cx.finish(t, "budget_rank", body, [cx.cite(p.report, p.no) for _, p, _ in ranked],
                            projects=[p for _, p, _ in ranked])
    if (single and years and re.search(r"決算|実績額|使った|執行", text)
            and all(y in projects[0].budget_planned for y in years if dict(projects[0].budget).get(y) is not None)
            and any(dict(projects[0].budget).get(y) is not None for y in years)):
        # 「令和5年度の決算額は？」 where that year's amount is printed as planned (予算 / 計画): no 決算 to give
        p = projects[0]
        asked = "・".join(eras.japanese(y) or y for y in years)
        return cx.finish(t, "budget", f"{NOT_FOUND}（{asked}の金額は予定額（予算・計画）として記載されており、決算額は資料に"
                                      f"ありません）。\n\n「{p.title}」の交付対象事業経費は、{budget_text(p, ())}です{note}。",
                         cites, projects=projects, found=False)
    if single and years and all(dict(projects[0].budget).get(y) is None for y in years):
        p = projects[0]
        asked = "・".join(eras.japanese(y) or y for y in years)
        return cx.finish(t, "budget", f"{NOT_FOUND}（{asked}の交付対象事業経費は資料に記載がありません）。\n\n"
                         f"「{p.title}」の交付対象事業経費は、{budget_text(p, ())}です{note}。", cites, projects=projects,
                         found=False)
    if single:
        p = projects[0]
        if q.lang == "en":
            body = f"The grant-eligible project cost (交付対象事業経費) of 「{p.title}」: {budget_text(p, years)}{note}."
        else:
            body = f"「{p.title}」の交付対象事業経費は、{budget_text(p, years)}です{note}。"
            shown = [y for y in years or dict(p.budget) if dict(p.budget).get(y) is not None]
            if re.search(r"確定", text) and shown and all(y in p.budget_planned for y in shown):
                # 「それって確定した額？」: a planned year's amount is the budget (計画), not a settled one
                body += (f"{'・'.join(eras.japanese(y) or y for y in shown)}の金額は資料で予定額（予算・計画）と"
                         "されており、決算で確定した額ではありません。")
        return cx.finish(t, "budget", body, cites, projects=projects)
    body = "各事業の交付対象事業経費:\n" + bullets(f"- {p.title}: {budget_text(p, years)}" for p in projects)
    return cx.finish(t, "budget", body + (f"\n{note}" if note else ""), cites, projects=projects)
