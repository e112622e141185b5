"""One KPI (or a few) the question names: its value, its trend over fiscal years, its baseline."""

from __future__ import annotations

import re
from dataclasses import replace

from .. import eras
from .. import series as ks
from ..compose import NOT_FOUND, kpi_sentence, list_notes, trend_row
from ..format import fmt_baseline, kpi_value, shown_rate
from ..reading import normalize
from ..records import Answer, Kpi
from ..understand import WHAT_NEXT
from . import figures, passage
from .context import MAX_SCORED, WEAK_KPI, Context, Turn


def _year_in_text(code: str, text: str) -> bool:
    """Is fiscal year "R3" mentioned in the text (as R3n, R3年度 or 令和3年度)?"""
    return bool(re.search(rf"{code}(n|年度)|{eras.japanese(code)}", text))


def in_scope(cx: Context, t: Turn, prev: dict) -> list[tuple[int, Kpi]]:
    if t.scope:
        ks = [ik for p in t.scope for ik in cx.kpis_of.get((p.report, p.no), [])]
    else:
        ks = cx.all_kpis
    if not t.filters.empty():
        # In the projects' own order (a set's order would change from run to run).
        keys = list(dict.fromkeys((p.report, p.no) for p in cx.projects_allowed(t.filters)))
        allowed = set(keys)
        ks = [(i, k) for i, k in ks if (k.report, k.project_no) in allowed] if t.scope else [
            ik for key in keys for ik in cx.kpis_of.get(key, [])]
    return ks


def candidates(cx: Context, t: Turn) -> list[tuple[float, Kpi]]:
    pool = in_scope(cx, t, {})
    if len(pool) > MAX_SCORED:
        # At national scale score only the KPIs retrieval puts forward, not every row.
        f = replace(t.filters, kinds=("kpi",))
        refs = [h.chunk.ref for h in cx.retriever.search(t.q.text, k=MAX_SCORED, filters=f, qvec=t.qvec)]
        in_pool = {i for i, _ in pool} if len(pool) < len(cx.all_kpis) else None
        pool = [(i, cx.records.kpis[i]) for i in refs if in_pool is None or i in in_pool]
    terms = [x for x in (t.rest if t.explicit else t.terms) if x not in t.city_terms]
    if (not terms and t.explicit and t.q.ellipsis and not t.q.refers and t.history
            and t.history[-1].context.get("kpis")):  # 「拠点を使った創業件数のほうは？」 after a KPI: the title's
        terms = [x for x in t.terms if x not in t.city_terms]  # words name the KPI too
    if len(t.scope) == 1 and pool:
        # 「もえぎベースの利用者数は？」: a name the project's text quotes (「もえぎベース」, a facility or an event) found
        # the project already; what is left (利用者数) names the KPI. (Other words of its text do not: 「待ち時間」 is
        # asked about, not a name.)
        key = (t.scope[0].report, t.scope[0].no)
        named = cx.quoted_names(key)
        in_kpis = set().union(*(cx.m.kpi_terms(i) for i, k in pool if (k.report, k.project_no) == key))
        terms = [x for x in terms if x in in_kpis or x not in named] or terms
    if not terms and t.explicit and pool:
        # 「…マッチングによる…事業、副業・兼業人材のマッチング件数は？」: every word is the title's, but the KPI's whole
        # name is spelled out
        text = normalize(t.q.text)
        return [(1.0, k) for _, k in pool if len(k.name) >= 5 and normalize(k.name) in text]
    if not terms or not pool:
        return []
    scores = cx.m.kpi_scores(terms, pool)
    # Retrieval (BM25 + e5) breaks near-ties and rescues paraphrases the lemmas miss.
    rank = {h.chunk.ref: r for r, h in enumerate(x for x in t.hits if x.chunk.kind == "kpi")}
    out = []
    for s, i in scores:
        r = rank.get(i)
        bonus = 0.12 if r == 0 else 0.06 if r == 1 else 0.0
        out.append((s + bonus, cx.records.kpis[i]))
    out.sort(key=lambda x: -x[0])
    return out


_COUNTED = re.compile(r"何(日|時間|分|人|件|回|世帯|社|団体|店|品目|校|台|戸)(?!目|間|程度)")  # the unit a count is asked in


def reranked(cx: Context, t: Turn, kp: list[tuple[float, Kpi]], prev: dict) -> list[tuple[float, Kpi]]:
    """The candidates with what the scores miss settled: 平均 that is the KPI's own word, and the unit counted."""
    q = t.q
    if (q.derived == "avg" and q.text.count("平均") == 1 and not figures.asks_money(q.text)
            and not prev.get("asks")):
        # 「要介護認定、平均で何日かかってる？」: 平均 was read as 「average of these」, but a KPI of the project is an
        # average itself (要介護認定の平均処理日数) — with 平均 back among the words, it is the one asked about
        with_avg = candidates(cx, replace(t, rest=[*t.rest, "平均"], terms=[*t.terms, "平均"]))
        avg = next((x for x in with_avg if "平均" in normalize(x[1].name)), None)
        top = kp[0][0] if kp else 0.0
        if avg is not None and avg[0] >= max(WEAK_KPI, top - 0.2):
            # (scored first: it answers, and 平均 is its name's word, not a request to average)
            kp = [(max(top, avg[0]) + 0.01, avg[1]), *[x for x in kp if x[1] is not avg[1]]]
            t.rest, t.terms = [*t.rest, "平均"], [*t.terms, "平均"]
    if kp and (m := _COUNTED.search(q.text)) and kp[0][1].unit != m.group(1):
        # 「平均で何日待つ？」 counts 日: of two KPIs the question names nearly alike, the one counted in 日
        same = [x for x in kp[1:4] if x[1].unit == m.group(1) and x[0] >= max(WEAK_KPI, kp[0][0] - 0.3)]
        if len(same) == 1:  # (scored above the first: the answer ranks by score)
            kp = [(kp[0][0] + 0.01, same[0][1]), *[x for x in kp if x is not same[0]]]
    return kp


def answer(cx: Context, t: Turn, kp: list[tuple[float, Kpi]], as_shown: bool = False) -> Answer:
    """One KPI's values (or a few named together) — of the years the question names, else the latest with an actual;
    `as_shown`: the records of the last answer, whose years still hold when the question names none (「なぜ空欄？」
    after 「R3の実績は？」 is about R3)."""
    q = t.q
    given = {cx.series_of[id(k)]: k for _, k in kp} if as_shown else {}
    ranked = cx.series_ranked(kp)
    if not ranked:
        return cx.not_found(t)
    best = ranked[0][0]
    keys = [key for s, key in ranked if s >= max(WEAK_KPI, best - 0.05)] or [ranked[0][1]]
    # 「活躍シニア数と行動変容した市民数の実績は？」: every KPI whose whole name the question spells is asked for.
    spelled = [key for s, key in ranked[:6] if s >= WEAK_KPI and key not in keys
               and cx.m.covered_by(t.terms, cx.m.kpi_terms(cx.kpi_index[id(cx.series[key][-1])])) >= 0.95]
    keys += spelled
    if q.compare:  # 「AとB、どっちが高い？」: the two best-named KPIs, side by side
        keys = [key for s, key in ranked[:2] if s >= WEAK_KPI] or keys[:1]
    if len(keys) > 1 and (m := re.search(r"何(人|名|件|回|世帯|社|団体|倍|%|％|事業|日(?!目|に|の)|時間|店|品目)", q.text)):
        # 「何回」 asks for a count of 回: a unit the question names settles a tie between KPIs.
        unit = {"名": "人", "％": "%"}.get(m.group(1), m.group(1))
        same = [key for key in keys if cx.series[key][0].unit == unit]
        keys = same if len(same) == 1 else keys
    keys = keys[:3]
    if q.trend:
        return trend(cx, t, keys)
    if q.baseline:
        return baseline(cx, t, keys)
    chosen: list[Kpi] = []
    for key in keys:
        members = cx.series[key]
        if q.years:
            # A value for another year may still be stated in the KPI's 補足 (e.g. "R3n目標 40%").
            inyear = [k for k in members if k.fiscal_year in q.years]
            chosen += inyear or [k for k in members if not k.fiscal_year
                                 or any(_year_in_text(y, k.note or "") for y in q.years)][-1:]
        else:
            chosen.append(given.get(key) or ks.latest(members))
    chosen = chosen[:3]
    if not chosen:
        have = ks.years_text(cx.series[keys[0]])
        return cx.not_found(t, f"（その年度の値は資料にありません。資料にあるのは{have}の値です）")
    lines = [kpi_sentence(k, cx.projects.get((k.report, k.project_no)), q.lang, cx.future(k))
             for k in chosen]
    if not q.years and q.lang == "ja" and not given:
        for n, k in enumerate(chosen):
            members = cx.series[cx.series_of[id(k)]]
            if len(members) > 1:
                lines[n] += (f"（この指標は{ks.years_text(members)}の値が資料にあります。ここでは実績のある最新の"
                             f"{eras.japanese(k.fiscal_year)}を示しました。年度ごとの値は「推移は？」で確認できます）")
    extra_cites = []
    asks_why = bool(re.search(r"なぜ|何故|なんで|何で|どうして|理由|原因|why", q.text, re.I))
    if WHAT_NEXT.search(q.text) and not asks_why:
        # 「それに対してどうするって書いてある？」: the sentence of the project's text that says what will be done
        planned = [found for k in chosen if (found := _cause(cx, k, _REMEDY))]
        for sent, page, k in planned:
            lines.append(f"資料の記載（{k.name}）:\n> {sent}" if q.lang == "ja" else f"The report says:\n> {sent}")
            extra_cites.append(cx.cite(k.report, k.project_no, page))
        if not planned:
            lines.append("今後の対応は資料に記載がありません。" if q.lang == "ja" else
                         "The reports do not say what will be done about it.")
    elif passage.ASKS_DATE.search(q.text) and (said := [found for k in chosen if k.actual is None and not k.note
                                                        and (found := _pending(cx, k))]):
        for sent, page, k in said:  # 「いつ確定する？」 of a value still to come: the note that says when
            lines.append(f"資料の記載（{k.name}）:\n> {sent}" if q.lang == "ja" else f"The report says:\n> {sent}")
            extra_cites.append(cx.cite(k.report, k.project_no, page))
    elif asks_why:
        # A why-question gets the report's explanation when it has one (補足, lower-is-better), never ours.
        unexplained = [k for k in chosen if not k.note and not k.lower_is_better]
        # (a lower-is-better KPI's rate is explained by its direction; a cause the text gives is quoted beside it)
        said = [found for k in chosen if not k.note and (
            found := (k.actual is None and _pending(cx, k)) or _cause(cx, k))]
        for sent, page, k in said:
            lines.append(f"資料の記載（{k.name}）:\n> {sent}" if q.lang == "ja" else f"The report says:\n> {sent}")
            extra_cites.append(cx.cite(k.report, k.project_no, page))
        if unexplained and not said:
            lines.append("理由や要因は資料に記載がありません。" if q.lang == "ja" else
                         "The reports do not state the reasons.")
    body = "\n\n".join(lines)
    rated = [k for k in chosen if k.rate is not None]
    if q.compare and len(rated) == 2:
        hi = max(rated, key=lambda k: k.rate)
        body = f"達成率が高いのは「{hi.name}」（{kpi_value(hi, 2)}）です。\n\n" + body
    elif len(chosen) > 1:
        body = ("複数の指標が該当します。\n\n" if q.lang == "ja" else "Several KPIs match:\n\n") + body
    intent = "kpi_achieved" if q.asks_achieved else "kpi_value"
    cites = [cx.cite(k.report, k.project_no, k.page) for k in chosen] + extra_cites
    if q.years and re.search(r"実績|結果|達成|actual|result", q.text, re.I) and all(cx.future(k) for k in chosen):
        # 「令和4年度の実績は？」 before that year is reported: the actual is not in the reports (its target is).
        asked = "・".join(eras.japanese(y) or y for y in q.years)
        body = f"{NOT_FOUND}（{asked}の実績は、報告の時点ではまだ出ていません）。\n\n" + body
        return cx.finish(t, intent, body, cites, kpis=chosen, found=False)
    field, word = asked_value(q.text)
    if field == "any" and t.history and t.history[-1].context.get("kpis"):
        field, word = asked_value(t.history[-1].question)  # 「令和3年度は？」 after 「…の実績は？」: the 実績 again
    if field == "any" and q.years:
        field, word = "actual", "実績"  # 「R3は？」: that year's result
    if (not q.compare and not _WHY_WHEN.search(q.text)
            and all(_shown(k, field) is None and not _note_gives(k, word) for k in chosen)):
        # The value asked for is not printed (実績 －, a survey still to come): say so plainly, then what is printed —
        # with the report's own word on why where a ※ note away from the KPI's 補足 gives one (「令和4年9月に公表予定」).
        for k in chosen:
            if not k.note and (said := _pending(cx, k)):
                body += f"\n\n資料の記載（{k.name}）:\n> {said[0]}"
                cites.append(cx.cite(k.report, k.project_no, said[1]))
        return cx.finish(t, intent, f"{NOT_FOUND}（{word}は資料に記載がありません）。\n\n" + body, cites, kpis=chosen,
                         found=False)
    return cx.finish(t, intent, body, cites, kpis=chosen)


def plan_for(cx: Context, k: Kpi) -> str | None:
    """The sentence saying what will be done about the KPI's result (「…を強化する。」), or None."""
    return found[0] if (found := _cause(cx, k, _REMEDY)) else None


def pending_note(cx: Context, k: Kpi) -> str | None:
    """The sentence saying why the KPI's actual is still to come (_pending), or None."""
    return found[0] if (found := _pending(cx, k)) else None


def _shown(k: Kpi, field: str):
    """The value the answer shows for a field (a guessed rate is not shown: format.shown_rate); for "any", the
    first value printed at all."""
    if field == "any":
        return next((v for v in (k.target, k.actual, shown_rate(k)) if v is not None), None)
    return shown_rate(k) if field == "rate" else getattr(k, field)


def asked_value(question: str) -> tuple[str, str]:
    """Which value of a KPI a question asks for (the Kpi field and its name): 目標 only when it names the target
    and not the result, 達成率 when it names only the rate, else the actual."""
    if re.search(r"目標|target", question, re.I) and not re.search(r"実績|達成|結果|届|actual|result|achiev", question, re.I):
        return "target", "目標値"
    if re.search(r"達成率|達成度|rate", question, re.I) and not re.search(r"実績|actual", question, re.I):
        return "rate", "達成率"  # (a rate not printed is computed from 実績 where it can be: k.rate holds it)
    if not re.search(r"実績|結果|達成|届|超え|下回|上回|何(人|件|回|%|％|世帯|社)|いくつ|いくら|どれ(くらい|ぐらい|だけ)|"
                     r"どのくらい|どう(だった|なった)|増え|減っ|actual|result|how many|how much", question, re.I):
        return "any", "値"  # 「満足度は？」 names no value: the KPI as printed (its target), the blank said in it
    return "actual", "実績"


# 「なぜ出ていない？」「いつ調査する？」 ask about the gap itself; the 補足 answers them.
_WHY_WHEN = re.compile(r"なぜ|何故|なんで|何で|どうして|理由|原因|いつ|時期|why|when", re.I)


def _note_gives(k: Kpi, word: str) -> bool:
    """Does the KPI's 補足 print the value asked for (「R3n目標 40%」 for a target)?"""
    return bool(k.note and re.search(rf"{word[:2]}\s*[:：]?\s*\d", k.note))


def trend(cx: Context, t: Turn, keys: list[ks.SeriesKey]) -> Answer:
    """Each fiscal year's 目標 / 実績 / 達成率 of the KPIs, in year order (a future year: its target only)."""
    blocks, kpis = [], []
    for key in keys:
        members = cx.series[key]
        k0 = members[-1]
        p = cx.projects.get((k0.report, k0.project_no))
        head = f"「{k0.name}」" + (f"（{p.title}）" if p else "") + "の年度ごとの目標・実績"
        if k0.unit:
            head += f"（単位: {k0.unit}）"
        lines = [head + ":"] + [trend_row(k, cx.future(k)) for k in members]
        if (base := fmt_baseline(k0)) is not None:
            lines.append(f"基準値: {base}")
        done = [k for k in members if k.actual is not None and k.fiscal_year]
        if len(members) == 1:
            lines.append(f"資料にはこの指標の{ks.years_text(members)}の値のみが記載されています。")
        elif len(done) >= 2:
            a0, a1 = done[0], done[-1]
            word = "増えています" if a1.actual > a0.actual else "減っています" if a1.actual < a0.actual else "変わっていません"
            lines.append(f"実績は{eras.japanese(a0.fiscal_year)}の{kpi_value(a0, 1)}から"
                         f"{eras.japanese(a1.fiscal_year)}の{kpi_value(a1, 1)}へ{word}。")
        future = [k for k in members if cx.future(k)]
        if future:
            lines.append(f"{ks.years_text(future)}は目標のみで、実績はまだ報告されていません。")
        blocks.append("\n".join(lines))
        kpis += members
    body = "\n\n".join(blocks)
    if notes := list_notes(kpis):
        body += "\n\n" + notes
    return cx.finish(t, "kpi_trend", body, [cx.cite(k.report, k.project_no, k.page) for k in kpis],
                        kpis=kpis)


def baseline(cx: Context, t: Turn, keys: list[ks.SeriesKey]) -> Answer:
    """基準値 (the value the targets start from), with the KPI's unit."""
    lines, kpis = [], []
    for key in keys:
        k = ks.latest(cx.series[key])
        p = cx.projects.get((k.report, k.project_no))
        ptitle = f"（{p.title}）" if p else ""
        base = fmt_baseline(k)
        lines.append(f"「{k.name}」{ptitle}の基準値は{base}です。" if base else
                     f"「{k.name}」{ptitle}の基準値は資料に記載がありません（記載なし）。")
        kpis.append(k)
    if len(lines) > 1:
        lines.insert(0, "複数の指標が該当します。")
    cites = [cx.cite(k.report, k.project_no, k.page) for k in kpis]
    if not any(fmt_baseline(k) for k in kpis):
        return cx.finish(t, "kpi_baseline", f"{NOT_FOUND}（基準値は資料に記載がありません）。\n\n" + "\n\n".join(lines),
                         cites, kpis=kpis, found=False)
    return cx.finish(t, "kpi_baseline", "\n\n".join(lines), cites, kpis=kpis)


_CAUSE = re.compile(r"要因|原因|ため|により|影響|とどま|伸びなかった|下回っ|届かなかった|遅れ")


# What will be done about it: 「…を実施する」「…を強化する」「…に取り組む」 (a plan, not a result).
_REMEDY = re.compile(r"(実施|強化|推進|拡充|検討|見直|改善|取り組)(する|し(て|ま)|を図る)|図る|予定(で|であ|して)|していく|進めていく")


def _cause(cx: Context, k: Kpi, marker: re.Pattern[str] | None = None) -> tuple[str, int, Kpi] | None:
    """The report's own explanation of a KPI's result, written elsewhere than its 補足: a sentence of the project's
    text that names the indicator (most of its name's words) and gives a cause (「…が9人にとどまった。…が主な要因」);
    with `marker` (_REMEDY), the sentence that says what will be done about it instead."""
    words = list(dict.fromkeys(cx.m.words(k.name)))
    best: tuple[float, str, int] | None = None
    for c in cx.project_text((k.report, k.project_no), ("page", "note", "activity", "evaluation")):
        text = c.text.partition(": ")[2] if c.kind in ("activity", "evaluation", "note") else c.text
        for sent in re.split(r"(?<=。)", text):
            # the cells a page's text runs into the sentence (「…今後の方針 継続 備考 アプリ登録者数は…」) are cut off
            sent = next((x for x in reversed(re.split(r"(?:備考|補足|課題・今後の取組|今後の取組|課題及び改善の方向性)\s*[:：]?",
                                                      sent)) if len(x.strip()) >= 10),
                        sent).strip()
            if (not (marker or _CAUSE).search(sent) or re.search(r"記載して|ください|[□■]", sent)
                    or sent.startswith("※")):
                continue
            if _table_run(sent):
                continue
            said = set(cx.m.words(sent))
            cover = cx.m.cover(words, said)
            # (or the name's last words and the KPI's year: 「令和2年度は新型コロナウイルス感染症の影響で通行量が落ち
            # 込んだ」 of 中心市街地の歩行者通行量)
            headed = (len(words) >= 2 and set(words[-2:]) <= said and bool(k.fiscal_year)
                      and _year_in_text(k.fiscal_year, re.sub(r"\s+", "", sent)))
            # (a plan names the result it answers: 「宿泊者数が目標に届かなかったため、…連泊プランと…誘客を強化する。」)
            planned = (marker is not None and len(words) >= 2 and set(words[-2:]) <= said
                       and bool(re.search(r"目標|下回|届か", sent)))
            if (cover >= 0.5 or headed or planned) and (best is None or cover > best[0]):
                best = (cover, passage.unwrapped(sent), c.page)
    return (best[1], best[2], k) if best else None


def _table_run(text: str) -> bool:
    """Table rows a page's text ran together (six numbers or more), not a sentence that explains anything."""
    return len(re.findall(r"\d+(?:[.,]\d+)*", text)) >= 6


# A note saying a figure is still to come: 集計中, 公表予定, 調査中, 確定していない, 「－」としている, 空欄としている.
_PENDING = re.compile(r"集計|公表|調査中|確定|空欄|[「『][－ー-][」』]とし|算定|把握|未実施|待ち|予定")
_EXPLAINS = re.compile(r"ため|により|予定|次第|待ち|後に|中である|中となって|中としている")  # (「…は集計中である。」 says it too)


def _pending(cx: Context, k: Kpi) -> tuple[str, int, Kpi] | None:
    """Why a KPI's actual is not printed, where the report says so away from its 補足 — often a ※ footnote after the
    tables (「※2 事業No.3のＫＰＩ②の令和3年度実績値は、令和4年9月に集計結果を公表予定のため「－」としている。」):
    a sentence saying the figure is still to come that names the KPI by half its name's words, by its label (project
    number and the KPI's place in the project) or by the note mark printed beside the value (「集計中※2」)."""
    words = list(dict.fromkeys(cx.m.words(k.name)))
    names = list(dict.fromkeys(x.name for x in cx.records.kpis if (x.report, x.project_no) == (k.report, k.project_no)))
    n = names.index(k.name) + 1 if k.name in names else 0
    label = re.compile(rf"事業\s*(?:No\.?|番号)?\s*{k.project_no}\s*の?\s*(?:KPI|指標)\s*(?:{n}(?!\d)|{chr(0x245F + n)})",
                       re.I) if 0 < n <= 20 else None
    keys = {(p.report, p.no) for p in cx.records.projects if p.report == k.report} | {(k.report, 0)}
    # 「集計中※2」: the value printed with a note mark points at its note
    mark = f"※{m.group(1)}" if (m := re.search(r"※\s*(\d+)", normalize(k.printed[1]))) else None
    best: tuple[float, str, int] | None = None
    for key in sorted(keys):
        for c in cx.project_chunks(key, ("page", "note")):
            text = re.sub(r"\s*\n\s*", "", c.text.partition(": ")[2] if c.kind == "note" else c.text)
            for sent in re.split(r"(?<=。)|(?=※)", text):
                flat = normalize(sent)
                if not (_PENDING.search(flat) and _EXPLAINS.search(flat)):  # (a table row saying 調査中 is no reason)
                    continue
                if _table_run(flat):
                    continue
                if (label and label.search(flat)) or (mark and flat.startswith(mark)):
                    cover = 2.0  # named by its label or mark: the note about this KPI
                else:
                    cover = cx.m.cover(words, set(cx.m.words(sent)))
                if cover >= 0.5 and (best is None or cover > best[0]):
                    best = (cover, sent.strip(), c.page)
    return (best[1], best[2], k) if best else None
