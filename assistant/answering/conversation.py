"""What a follow-up refers to: 「上の3つのうち、Aの事業のものは？」 narrows the previous answer's KPI list to the
project named now (the previous list, not the whole corpus); 「参加者は何人？」 after a quote asks about the passage
just quoted (the same event), not about every KPI with 参加 in its name."""

from __future__ import annotations

import re
from dataclasses import replace

from ..compose import kpi_row
from ..reading import normalize
from ..records import Answer, Kpi
from ..understand import Question, understand
from ..verdicts import named_values
from . import derived, kpi, passage
from .context import Context, Turn


def narrow(cx: Context, t: Turn, prev: dict) -> Answer | None:
    """The previous answer's KPIs (or the n it listed first) that belong to the projects in scope; None if none do."""
    refs = cx.refer(t.history, "kpis", t.q.ref_n) if t.q.ref_n else prev["kpis"]
    keys = {(p.report, p.no) for p in t.scope}
    sel = [k for i in refs if ((k := cx.records.kpis[i]).report, k.project_no) in keys]
    if not sel:
        return None
    return _of_the_last(cx, t, len(refs), sel)


def by_verdict(cx: Context, t: Turn, prev: dict, fields: set[str]) -> Answer | None:
    """「その中で、今後の方針が事業の継続になってる事業のものは？」: the previous answer's KPIs whose project's printed
    policy (or evaluation) is the value the question names; None when it names none of the printed values."""
    refs = [cx.records.kpis[i] for i in prev["kpis"]]
    owner = {id(k): cx.projects.get((k.report, k.project_no)) for k in refs}
    sel: list[Kpi] = []
    for field in sorted(fields):
        values = [getattr(p, field) for p in cx.projects_allowed(t.filters) if getattr(p, field)]
        named = set(named_values(t.q.text, values))
        sel += [k for k in refs if named and (p := owner[id(k)]) is not None and getattr(p, field) in named
                and k not in sel]
    if not sel:
        return None
    return _of_the_last(cx, t, len(refs), sel)


def _of_the_last(cx: Context, t: Turn, n: int, sel: list[Kpi]) -> Answer:
    """The KPIs kept of the n the last answer listed."""
    body = f"前の回答の{n}件のうち、該当するKPIは{len(sel)}件です。\n\n" + "\n".join(
        kpi_row(k, cx.projects.get((k.report, k.project_no)), False, cx.future(k)) for k in sel)
    return cx.finish(t, "kpi_filter", body, [cx.cite(k.report, k.project_no, k.page) for k in sel], kpis=sel)


def on_passage(cx: Context, t: Turn, prev: dict) -> Answer | None:
    """A follow-up to a quote, answered from the passage(s) the last answer quoted when one of their sentences
    covers the question (and holds the amount it asks for); None otherwise."""
    hits = passage.last_quoted(cx, prev)
    if not hits or t.explicit:
        return None
    # 「それはなぜ？」「どこでやったの？」: the same topic
    return passage.answer_with(cx, t, hits, t.terms or list(prev.get("terms") or []))


def same_question(cx: Context, t: Turn, kp: list[tuple[float, Kpi]], strong: bool) -> Answer | None:
    """「応用研修のほうは？」 after 「AI開発者向け研修の修了者は第1期と第2期で合計何人？」 (or after a quote of how
    many finished): the last question asked of what this one names — the same arithmetic, or a quote of the same
    thing, whose sentence or heading must say the new name (応用). None when it does not apply or finds nothing."""
    before = t.history[-1]
    q = understand(f"{t.q.raw} {before.question}")  # the last question's cues (目標まで, 合計, 何人) with this name
    q = replace(q, raw=t.q.raw, derived=before.context.get("derived"))
    earlier = [x for x in before.context.get("terms") or [] if x not in t.terms]
    again = replace(t, q=q, terms=t.terms + earlier, rest=t.rest + earlier if t.rest else [],
                    must=[x for x in t.terms if x not in earlier], history=[])
    if q.derived:
        ans = derived.answer(cx, again, kp, strong, {}, set(before.context.get("asks") or []))
    else:  # what the last quote said of the last question (修了 in 「⇒22人が修了」) must be said again
        said = {w for sentence in before.context.get("sentences") or [] for w in cx.m.words(sentence)}
        ans = passage.answer(cx, again, must=[x for x in earlier if x in said])
    return ans if ans is not None and ans.found else None


CORRECTION = re.compile(r"^[、,\s]*(?:いや|あ、|ちが|違|ごめん|すみません|失礼)")


def corrects(text: str) -> bool:
    """「ちがう、焼き物の事業の方」「いや、…の方」: the last question again, of what is named now."""
    return bool(CORRECTION.search(text))


_NOT_THIS = re.compile(r"([^\s、,，(（]{2,20}?)(?:じゃない|ではない|でない|以外)の?(?:方|ほう)")
_OTHER = re.compile(r"(ない|なかった|た|てる|ている)(ほう|方)|ほかの|他の")
_THAT = re.compile(r"それ|これ|その|あれ")
_ONLY = re.compile(r"(実績|目標|達成率|基準値)(値)?だけ")


# Words for a value that is not there: what a why-follow-up asks about, no topic of its own.
_BLANK = re.compile(r"空欄|空白|ブランク|調査中|集計中|未集計|未確定|未定|未算定|算定|ハイフン|[「『]?[－ー-][」』]?|"
                    r"確定|公表|判明|発表")  # (「いつ確定する？」: when the value comes)


def about_last_kpis(cx: Context, t: Turn, prev: dict) -> bool:
    """Do the question's topic words (if any) all come from the last answer's KPIs — their names, notes, printed
    values, the ※ note saying why a value is still to come — and the projects it names (if any) are theirs
    (「どうして算定してないんですか」 after a KPI whose 補足 says 達成率を算定していない)?"""
    own, projects = set(), set()
    for i in prev.get("kpis") or []:
        k = cx.records.kpis[i]
        said = kpi.pending_note(cx, k) if k.actual is None and not k.note else None  # (「いつ確定する？」: its ※ note)
        own |= set(cx.m.words(" ".join(x for x in (k.name, k.note, *k.printed, said) if x)))
        projects.add((k.report, k.project_no))
    named = {(p.report, p.no) for p in t.scope} if t.explicit else set()
    blank = set(cx.m.words(" ".join(_BLANK.findall(t.q.text))))  # 「なんで空欄なん？」: how the value is missing
    topic = [x for x in t.rest if x not in blank]  # (a project named only by 空欄 in its notes is not named)
    return all(x in own for x in topic) and (not topic or named <= projects)


def other_kpis(cx: Context, t: Turn, prev: dict) -> list[Kpi]:
    """「デマンドバスじゃない方、R2の達成率は？」: the last answer's KPIs but the one the question sets aside (none
    when it sets aside none or all of them)."""
    if not (neg := _NOT_THIS.search(t.q.text)):
        return []
    shown = [cx.records.kpis[i] for i in prev.get("kpis") or []]
    others = [k for k in shown if normalize(neg.group(1)) not in normalize(k.name)]
    return others if len(others) < len(shown) else []


def the_other_verdict(cx: Context, q: Question, previous: list[int]) -> bool:
    """「達成してないほうの実績は？」「じゃあ達成できなかったKPIは？」 after KPIs that were achieved: the others, not
    the ones just shown (「それって達成してるの？」 asks about that one)."""
    return (q.achieved is not None and bool(_OTHER.search(q.text) or q.wants_list) and not _THAT.search(q.text)
            and all(cx.records.kpis[i].achieved is (not q.achieved) for i in previous))


def one_value(q: Question) -> bool:
    """「実績だけ教えて」: one value of the last KPI, not a list (教えて alone reads as one)."""
    return bool(_ONLY.search(q.text))


_PRINTED = re.compile(r"(目標|実績|達成率|基準値)値?(が|の)(入って|記載されて|書かれて|載って|ある|出て)")
_FIELD = {"目標": "target", "実績": "actual", "達成率": "rate", "基準値": "baseline"}


def with_value(cx: Context, q: Question, prev: dict) -> list[Kpi]:
    """「そのうち目標値が入ってるのはどっち？」: the last answer's KPIs that print that value (none when all or none do:
    then the question filters nothing)."""
    if not (m := _PRINTED.search(q.text)) or re.search(r"(入って|記載されて|書かれて|載って|出て)(い)?ない", q.text):
        return []
    shown = [cx.records.kpis[i] for i in prev.get("kpis") or []]
    kept = [k for k in shown if getattr(k, _FIELD[m.group(1)]) is not None]
    return kept if 0 < len(kept) < len(shown) else []
