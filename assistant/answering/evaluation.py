"""事業の評価 / 今後の方針 / 事業の成果: a project's printed verdicts, and projects listed by one value."""

from __future__ import annotations

import re

from ..records import Answer, Citation, Hit, Project
from ..understand import cue_text
from ..verdicts import FIELDS, named_values, value_of
from . import kpi, passage
from .context import LIST_MAX, STRONG_KPI, Context, Turn, bullets


def printed_at(cx: Context, p: Project, fields: list[str]) -> tuple[list[Citation], list[Hit]]:
    """Where the project's 評価 / 方針 / 成果 are printed (their own passages when the index has them)."""
    labels = [FIELDS[f] for f in fields]
    chunks = [c for c in cx.verdict_chunks.get((p.report, p.no), [])
              if any(c.text.startswith(label) for label in labels)]
    if not chunks:
        return [cx.cite(p.report, p.no)], []
    return ([Citation(p.report, p.no, p.title, c.page) for c in chunks], [Hit(c, 0.0) for c in chunks])


def legend(cx: Context, report: str, code: str) -> tuple[str, int | None] | None:
    """What a one-letter grade means where the report prints its legend (「B：地方創生に相当程度効果があった」);
    None for a value that is words already or a code the report does not explain. (meaning, page of the legend)"""
    if len(code) > 2:
        return None
    pat = re.compile(rf"(?:^|[\s、,])({re.escape(code)})\s*[:：=＝]\s*([^\s:：]{{2,40}})")
    for c in cx.records.chunks:
        if c.report == report and (m := pat.search(c.text)):
            meaning = m.group(2)
            if c.text[m.end():m.end() + 1] in (":", "："):
                # lines run together (「継続：現行の内容で継続する見直し：…」): the next key ends the meaning
                keys = {v for p in cx.records.projects if p.report == report for f in ("evaluation", "policy")
                        if (v := value_of(p, f))}
                meaning = next((meaning[:-len(k)] for k in sorted(keys, key=len, reverse=True)
                                if meaning.endswith(k) and len(meaning) - len(k) >= 2), "")
            return (meaning, c.page) if meaning else None
    return None


def answer(cx: Context, t: Turn, fields: list[str]) -> Answer:
    """事業の評価 / 今後の方針 / 事業の成果: of the projects in scope, or the projects whose printed value the
    question names (「見直しになった事業は？」), or every project's value."""
    projects = t.scope or cx.projects_allowed(t.filters)
    t.asks_used = set(fields)
    listing = [f for f in fields if f != "outcome"]
    if t.q.rank and "evaluation" in fields and len(projects) > 1:
        return _ranked(cx, t, cx.distinct(projects))
    if not t.explicit and listing:
        # A value the question names, among the values printed for these projects (evaluation, then policy).
        for f in sorted(listing, key=lambda f: f != "policy"):
            wanted = named_values(t.q.text, [v for p in projects if (v := value_of(p, f))])
            if wanted:
                return by_value(cx, t, f, projects, wanted)
        if t.unknown:
            present = {v for p in projects for f in listing if (v := value_of(p, f))}
            reason = cx.unknown_reason(t)
            if present:
                reason += f"（資料にある{'・'.join(FIELDS[f] for f in listing)}: {'、'.join(sorted(present))}）"
            return cx.not_found(t, reason)
    if not t.scope:
        return by_value(cx, t, listing[0] if listing else fields[0], projects, [])
    lines, cites, hits = [], [], []
    for p in projects:
        parts = []
        for f in fields:
            v = value_of(p, f)
            if f == "outcome":
                parts.append(f"{FIELDS[f]}:\n> {v}" if v else f"{FIELDS[f]}は資料に記載がありません。")
            else:
                meaning = legend(cx, p.report, v) if v else None
                parts.append((f"{FIELDS[f]}は「{v}」です。" + (f"（資料の凡例: {v}＝{meaning[0]}）" if meaning else ""))
                             if v else f"{FIELDS[f]}は資料に記載がありません。")
                if meaning:
                    cites.append(cx.cite(p.report, 0, meaning[1]))
        if re.search(r"有識者|外部委員|意見", t.q.text):  # 「有識者は何て言ってる？」: the opinions the report records
            parts += [f"資料の記載（{head}）:\n> {said}" for head, _, said in (n.partition(": ") for n in p.notes)
                      if "意見" in head and said]
        if len(projects) == 1 and _WHY.search(t.q.text) and (why := _reason(cx, t, p, fields)):
            parts.append(f"資料の記載:\n> {why[0]}")  # 「なぜ終了なの？」「どう見直すの？」: the report's own reason
            cites.append(cx.cite(p.report, p.no, why[1].chunk.page))
            hits.append(why[1])
        lines.append(f"「{p.title}」の" + "\n".join(parts))
        c, h = printed_at(cx, p, fields)
        cites += c
        hits += h
    found = any(value_of(p, f) for p in projects for f in fields)
    if not found:
        return (_from_text(cx, t) or _kpi_plans(cx, t, fields)
                or cx.not_found(t, f"（{'・'.join(FIELDS[f] for f in fields)}は資料に記載がありません）"))
    return cx.finish(t, fields[0], "\n\n".join(lines), cites, projects=projects, hits=hits)


# A question that asks why or how about a verdict (「なぜ終了なの？」「今後どう見直すの？」「交付金が終わったあとどうする？」).
_WHY = re.compile(r"なぜ|何故|どうして|理由|どう(?:見直|改善|変え|進め|する|なる)|具体的|終わった(?:あと|後)|終了後")
# A sentence that gives a reason or says what comes next.
_NEXT = re.compile(r"以降|単独|引き続き|次年度|来年度|実施する|予定|見直す|拡充する|継続する|終了する|終了とする")
_REASON = re.compile(r"ため|理由|により|" + _NEXT.pattern)
_PLAN_LABEL = r"(?:課題・)?今後の(?:取組|取り組み|対応)\s*[:：]"  # 「・今後の取組：令和6年度からは、…」


def _reason(cx: Context, t: Turn, p: Project, fields: list[str]) -> tuple[str, Hit] | None:
    """The sentence of the project's own text that gives the reason for (or the plan behind) its printed verdict:
    one that says why / what next (not the form's own prompt 「…を記載してください」), best the one that names the
    verdict and the question's words."""
    values = [v for f in fields if (v := value_of(p, f))]
    best: tuple[float, str, Hit] | None = None
    for c in cx.project_text((p.report, p.no), ("page", "note", "activity", "evaluation")):
        pieces = passage.pieces(c.text.partition(": ")[2] if c.kind == "evaluation" else c.text)
        sents = [re.split(r"\(理由\)|理由\s*[:：]|の理由\s|" + _PLAN_LABEL, x)[-1].strip()  # cells before 「（理由）」
                 for x in pieces]  # (or before 「今後の取組：」, the plan's own label)
        ok = [bool(_REASON.search(x)) and not re.search(r"記載して|選択して|ください|[□■]|問\s*\d", x) and not re.match(r"(?:\([^()]*\)\s*)?※", x)
              and not any(x.endswith(v) for v in values) and "。" in x for x in sents]
        # (a sentence, not a title cell 「…推進のための…事業」 nor a note on how a rate is computed)
        for n, sent in enumerate(sents):
            if not ok[n]:
                continue
            score = (0.5 * cx.m.cover(t.terms, set(cx.m.words(sent))) + 0.5 * any(v[:2] in sent for v in values)
                     + 0.5 * bool(re.search(r"理由|ため|により", sent)) + 0.5 * bool(_NEXT.search(sent))
                     + 0.5 * bool(re.search(_PLAN_LABEL, pieces[n])))
            if n + 1 < len(sents) and ok[n + 1] and _NEXT.search(sents[n + 1]):
                sent += sents[n + 1]  # 「…終了とする。相談室の運営は令和5年度以降も市単独事業として継続する。」
            if score >= 1.0 and (best is None or score > best[0]):  # (two signals at least: not any 「…予定」)
                best = (score, passage.unwrapped(sent), Hit(c, 1.0))  # (a PDF line break)
    return (best[1], best[2]) if best else None


# The national form's scale of 事業の評価, most effective first (a printed value matches the first pattern it holds).
_SCALE = (("非常に効果", 4), ("相当程度効果", 3), ("効果がなかった|効果が(な|無)い|効果なし", 1), ("効果があった|効果的", 2))


def _level(value: str | None) -> int | None:
    return next((n for pat, n in _SCALE if value and re.search(pat, value)), None)


def _ranked(cx: Context, t: Turn, projects: list[Project]) -> Answer:
    """「一番評価が高い事業は？」: the projects at the top (or bottom) of the printed scale of 事業の評価."""
    rated = [(n, p) for p in projects if (n := _level(value_of(p, "evaluation"))) is not None]
    if not rated:
        return cx.not_found(t, "（事業の評価は資料に記載がありません）")
    best = (min if t.q.rank == "min" else max)(n for n, _ in rated)
    top = [p for n, p in rated if n == best]
    word = "最も低い" if t.q.rank == "min" else "最も高い"
    body = (f"事業の評価が{word}のは{len(top)}件で、「{value_of(top[0], 'evaluation')}」です（評価の段階: 非常に効果的"
            "であった > 相当程度効果があった > 効果があった > 効果がなかった）。\n\n"
            + bullets(f"- {p.title}: 「{value_of(p, 'evaluation')}」"
                      # 「一番評価が高かった事業とその方針」: its policy beside it
                      + (f" / 今後の方針「{value_of(p, 'policy') or '記載なし'}」" if "policy" in t.q.asks else "")
                      for p in top))
    if len(rated) < len(projects):
        body += f"\n\n※{len(projects) - len(rated)}事業は評価の記載がないか、段階が読み取れないため比べていません。"
    t.extra = {"subject": len(top)}
    return cx.finish(t, "evaluation", body, [cx.cite(p.report, p.no) for p in top], projects=top)


def by_value(cx: Context, t: Turn, field: str, projects: list[Project], wanted: list[str]) -> Answer:
    """Projects by one printed value (wanted), or every project's value with a count per value."""
    name = FIELDS[field]
    with_value = [p for p in cx.distinct(projects) if value_of(p, field)]  # (a PDF and its text copy count once)
    if not with_value:
        return _from_text(cx, t) or cx.not_found(t, f"（{name}は資料に記載がありません）")
    sel = [p for p in with_value if value_of(p, field) in wanted] if wanted else with_value
    others = [f for f in ("evaluation", "policy") if f != field]

    def row(p: Project) -> str:
        extra = "".join(f" / {FIELDS[f]}「{v}」" for f in others if (v := value_of(p, f)))
        r = cx.reports.get(p.report)
        city = p.city or (r.city if r else None)
        city = f"（{city}）" if city else ""
        return f"- {p.title}{city}: {name}「{value_of(p, field)}」{extra}"

    if wanted:
        head = f"{name}が「{'」「'.join(wanted)}」の事業は{len(sel)}件です（対象{len(with_value)}件）。"
    else:
        counts = {}
        for p in with_value:
            counts[value_of(p, field)] = counts.get(value_of(p, field), 0) + 1
        head = f"各事業の{name}（{len(with_value)}件）: " + "、".join(f"「{v}」{n}件" for v, n in counts.items()) + "。"
    cites, hits = [], []
    for p in sel[:LIST_MAX]:
        c, h = printed_at(cx, p, [field])
        cites += c
        hits += h
    return cx.finish(t, f"{field}_list", head + "\n\n" + bullets(row(p) for p in sel), cites,
                        projects=sel, hits=hits)


def _from_text(cx: Context, t: Turn) -> Answer | None:
    """No 評価 / 方針 is printed, but the words may be about something else the text reports (「留学フェアが中止に
    なったのはなぜ？」 cues 方針 by 中止): a passage that covers the question answers it."""
    cue = set(cx.m.terms(" ".join(w for f in FIELDS if (w := cue_text(f, t.q.text)))))
    if not [x for x in t.rest if x not in cue and x not in t.city_terms]:
        return None  # nothing asked beyond the verdict itself (「事業の評価は？」)
    quoted = passage.answer(cx, t)
    if quoted is None or not quoted.found or any(h.chunk.kind == "overview" for h in quoted.hits):
        return None
    return quoted


_PLAN = re.compile(r"予定|今後|次年度|来年度|以降|実施する|調査を|把握する|見込")


def _kpi_plans(cx: Context, t: Turn, fields: list[str]) -> Answer | None:
    """No 方針 is printed, but the KPI asked about (named now, or the last answer's) carries a 補足 that says what
    comes next (「R3nにアンケート調査を実施予定」): that note, said to be the KPI's and not the project's policy."""
    if "policy" not in fields:
        return None
    prev = t.history[-1].context if t.history else {}
    kpis = [cx.records.kpis[i] for i in prev.get("kpis") or [] if 0 <= i < len(cx.records.kpis)]
    if not kpis:
        kpis = [k for s, k in kpi.candidates(cx, t)[:1] if s >= STRONG_KPI]
    planned = [k for k in dict.fromkeys(kpis) if k.note and _PLAN.search(k.note)][:3]
    if not planned:
        return None
    lines = [f"「{k.name}」について、今後の方針は資料に記載がありませんが、指標の補足に次の記載があります。\n> {k.note}"
             for k in planned]
    return cx.finish(t, "policy", "\n\n".join(lines), [cx.cite(k.report, k.project_no, k.page) for k in planned],
                     kpis=planned)

