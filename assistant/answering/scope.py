"""Which projects a question is about: named by title, department, partner city or by its words, or carried
over from the previous answer; and bare fiscal years (「3年度」) read against the corpus's years."""

from __future__ import annotations

import re
from dataclasses import replace

from .. import eras
from ..reading import normalize
from ..records import Answer, Project
from ..understand import KANJI_NUM, WHAT_NEXT, Question
from .context import MAX_SCORED, Context, Turn


def _substrings(text: str, shortest: int = 2, longest: int = 48) -> set[str]:
    """Every substring of a (short, length-capped) question within the given lengths."""
    n = len(text)
    return {text[i:j] for i in range(n) for j in range(i + shortest, min(n, i + longest) + 1)}


def resolve(cx: Context, t: Turn, history: list[Answer]) -> None:
    """Which projects the question is about: named in it, or carried over from the conversation."""
    scope(cx, t, history)
    named = set()
    for p in t.scope if t.explicit else []:
        named |= cx.m.title_terms((p.report, p.no))
        named |= set(cx.m.terms(" ".join(p.cities) + " " + (p.department or "")))
        if any(g in t.q.text for g in (p.grant_program, p.grant_type) if g and len(g) >= 5):  # named by its grant
            named |= set(cx.m.terms(f"{p.grant_program or ''} {p.grant_type or ''}"))
    t.rest = [x for x in t.terms if x not in named and x not in t.city_terms]  # (a named town is a filter)
    t.unknown = [x for x in t.terms if not cx.m.known(x)]


def scope(cx: Context, t: Turn, history: list[Answer]) -> None:
    projects = cx.projects_allowed(t.filters)
    if t.filters.project_no is not None:
        t.scope, t.explicit = projects, True
        return
    back = _BACK.search(t.q.text) if history else None
    # 「最初の事業に戻るけど」 (or 「最初の事業」 after a one-project answer) is the conversation's first, not a position
    going_back = back is not None and (re.search(r"戻|話|質問", t.q.text) or len(history[-1].context.get("projects")
                                                                            or []) <= 1)
    if going_back and _went_back(cx, t, history, bool(back.group(1)), projects):
        return
    # 「2番目は？」「じゃあ3番目は？」: the last list long enough to have that position (a one-row answer between)
    if t.q.ordinal and history and any(_by_position(cx, t, a.context) for a in reversed(history[-3:])):
        return
    if back is not None and not going_back and _went_back(cx, t, history, bool(back.group(1)), projects):
        return
    if t.q.refers and history and (keys := set(history[-1].context.get("projects") or [])):
        # 「上の取り組みのうち、買い物支援ってどういう内容？」「その中で国際政策課が担当してるのは？」: among the last
        # answer's projects (a word of another project's title — 支援 — names none of them)
        projects = [p for p in projects if (p.report, p.no) in keys] or projects
    named = named_projects(cx, t, projects)
    if (len(named) <= 1 and re.search(_PAIRED, t.q.text) and (each := _each_named(cx, t, projects))
            and (not named or named[0] in each)):
        named = each  # 「朝市の事業と地域商社の事業、どっちが多い？」: both sides name a project (one of them the best match)
    if named:
        t.scope, t.explicit = named, True
        return
    keys = (history[-1].context.get("projects") or []) if history else []
    topic = [x for x in t.terms if x not in t.city_terms]  # (a town named is a filter, not the last project's word)
    own = (0 < len(keys) <= 2 and bool(topic) and (t.q.asks or WHAT_NEXT.search(t.q.text))
           and all(x in cx.m.project_terms(k) for x in topic for k in keys))
    if history and (t.q.followup or t.q.refers or not t.terms or all(not cx.m.known(x) for x in t.terms) or own):
        # (「交付金が終わったあとはどうするの？」: its words are the last project's own — the same project)
        prev = history[-1].context
        keys = prev.get("projects") or []
        if prev.get("subject") and not (t.q.refers or t.q.rank):  # 「その事業の…」 after a ranking: its top
            keys = keys[:prev["subject"]]
        if (_OTHER_THAN.search(t.q.text) and prev.get("kpis") and not re.search(r"事業", t.q.text)
                and (t.q.kpi_words or t.q.rank or t.q.asks_achieved)):
            # 「それ以外で一番達成率が高いのは？」 after KPIs picked out of a project's: its other KPIs, not other projects
            t.scope, t.set_aside = [cx.projects[k] for k in keys if k in cx.projects], tuple(prev["kpis"])
            return
        if _OTHER_THAN.search(t.q.text) and keys:  # 「それじゃない方」「その事業以外」: every other project
            shown = {normalize(cx.projects[k].title) for k in keys if k in cx.projects}
            t.scope = [p for p in cx.distinct(projects) if normalize(p.title) not in shown]
            return
        if t.q.ref_n:
            keys = cx.refer(history, "projects", t.q.ref_n, cx.distinct_keys)
        t.scope = [cx.projects[k] for k in keys if k in cx.projects]


# 「最初の事業に戻るけど」「最初の話に戻って」 / 「さっきの白鳥台市の事業」「先ほどの事業」: an earlier answer's project
_BACK = re.compile(r"(最初|はじめ|初め|一番最初)の(?:[^、。?]{0,12}?の)?(?:事業|話|質問|やつ)|"
                   r"(?:さっき|先ほど|先程|前)の(?:[^、。?]{0,12}?の)?(?:事業|話|やつ)(?:に戻|の方|のほう|[、,は])")


BACK_WORDS = re.compile(r"最初|はじめ|初め|さっき|先ほど|先程|話|質問|戻る|戻っ|戻り")


def _went_back(cx: Context, t: Turn, history: list[Answer], first: bool, projects: list[Project]) -> bool:
    """The project of the first answer (「最初の…」) or of the latest answer about a project the question still
    allows (「さっきの白鳥台市の事業」: the last one in that town); False when no answer had one."""
    allowed = {(p.report, p.no) for p in projects}
    for a in (history if first else reversed(history)):
        keys = [k for k in a.context.get("projects") or [] if k in allowed]
        if keys:
            t.scope, t.explicit = [cx.projects[k] for k in cx.distinct_keys(keys)[:1]], True
            return True
        if first:
            return False
    return False


_OTHER_THAN = re.compile(r"(それ|その事業|そっち|これ|あれ)(じゃない|じゃなく|ではない|でない|以外|を除)|"
                         r"^[、,\s]*(じゃない|ではない|でない)(方|ほう)|"  # 「じゃない方の事業の名前は？」
                         r"^[、,\s]*(他に|ほかに)[^。?]{0,16}(事業|取り?組)")  # 「他に…増える事業はある？」


def _by_position(cx: Context, t: Turn, prev: dict) -> bool:
    """「3番目のやつの担当課は？」「最後のやつの達成率は？」: the item at that position of the last answer's list — a
    KPI when it listed KPIs (and the question does not say 事業), else a project. False when there is none there."""
    n = t.q.ordinal
    i = n - 1 if n > 0 else n  # (-1: the last)
    kpis = prev.get("kpis") or []
    if kpis and not re.search(r"(番目|つ目|個目|最後|最初)の事業", t.q.text):
        if not -len(kpis) <= i < len(kpis):
            return False
        k = t.ordinal_kpi = cx.records.kpis[kpis[i]]
        t.scope = [p] if (p := cx.projects.get((k.report, k.project_no))) else []
        t.explicit = bool(t.scope)
        return True
    keys = cx.distinct_keys(list(prev.get("projects") or []))
    if not -len(keys) <= i < len(keys):
        return False
    t.scope, t.explicit = [cx.projects[keys[i]]], True
    return True


def named_projects(cx: Context, t: Turn, projects: list[Project]) -> list[Project]:
    """Projects the question points at by title words, department, partner city or grant type."""
    spans = _substrings(t.q.text)
    allowed = {(p.report, p.no) for p in projects}

    def named(index: dict[str, list[Project]]) -> list[Project]:
        hits = [k for k in spans if k in index]
        return [p for k in hits for p in index[k] if (p.report, p.no) in allowed]

    # A quoted title wins (the longest one; every project of that name), then a department, then a partner.
    titled = sorted((k for k in spans if k in cx.by_title and len(k) >= 4), key=len, reverse=True)
    for title in titled[:1]:
        exact = [p for p in cx.by_title[title] if (p.report, p.no) in allowed]
        if exact:
            return cx.distinct(exact) + _also_named(cx, t, exact, projects)  # (PDF and text copies count once)
    by_field = list({id(p): p for p in named(cx.by_unit)}.values())
    if by_field and len({p.department for p in by_field}) < len(projects):
        return by_field
    granted = list({id(p): p for p in named(cx.by_grant)}.values())
    if granted and len(cx.distinct(granted)) < len(cx.distinct(projects)):
        return granted  # 「デジタル実装タイプはどれ？」: the projects of that grant (type)
    partner = list({id(p): p for p in named(cx.by_partner)}.values())
    if partner:
        return partner
    placed = set(cx.m.terms(" ".join(t.q.places)))  # (萌木町 named as the town, not as 「萌木町産木材…」's words)
    terms = [x for x in t.terms if x not in t.city_terms and x not in placed]  # a named city is a filter
    if not terms:
        return []
    if len(projects) > MAX_SCORED:
        keys = {(h.chunk.report, h.chunk.project_no) for h in t.hits}
        projects = [p for p in projects if (p.report, p.no) in keys]
        if not projects:
            return []
    scores = cx.m.project_scores(terms, projects)
    kept = {id(p) for p in cx.distinct([p for _, p in scores])}
    scores = [(s, p) for s, p in scores if id(p) in kept]  # a project read from two files competes once
    if not scores:  # e.g. a corpus whose reports hold no project at all (text only)
        return []
    best, second = scores[0][0], (scores[1][0] if len(scores) > 1 else 0.0)
    title_hit = [p for s, p in scores if cx.m.covered_by(terms, cx.m.title_terms((p.report, p.no))) >= 0.4]
    if title_hit and len(distinct := cx.distinct(title_hit)) == 1:  # one project (maybe read from two files)
        one = distinct
    elif best >= 0.5 and best - second >= 0.15:
        one = [scores[0][1]]
    else:
        # 「ワーケーションの事業」: the one title that says a word of the question (no other title says any)
        sharing = cx.distinct([p for _, p in scores if set(terms) & cx.m.title_terms((p.report, p.no))])
        one = sharing if len(sharing) == 1 and sharing[0] is scores[0][1] else []
    if not one:
        one = _longest_own_span(cx, t, projects)
    if not one:
        return []
    one += _also_named(cx, t, one, projects)
    # 「糸島市の移住相談件数と、東峰村の山村留学生数」: two towns, so not one project's words alone
    return one if len(one) > 1 or len(set(t.q.places)) <= 1 else []


def _longest_own_span(cx: Context, t: Turn, projects: list[Project]) -> list[Project]:
    """「あかね湾岸のスマート農業の事業」: the longest piece of the question that one title alone holds (スマート農業), when
    it is longer than any piece several titles share (あかね湾岸, the region's name) — else none. A town the question
    names is no piece of it (「浅葱原町の…」 opens one title, but names the town)."""
    titles = [(normalize(p.title), p) for p in cx.distinct(projects)]
    if len(titles) > MAX_SCORED or len(t.q.text) > 120:  # (the pieces of a long question × many titles: not worth it)
        return []
    text = t.q.text
    for place in t.q.places:
        text = text.replace(place, "\0")
    spans = _substrings(text)
    shared = 0
    for k in sorted({k for k in spans if len(k) >= 4}, key=len, reverse=True):
        holders = [p for title, p in titles if k in title]
        if len(holders) > 1:
            shared = max(shared, len(k))
        elif len(holders) == 1 and len(k) >= 5 and len(k) > shared:
            return holders
    return []


_PAIRED = r"と(?=[^、。?]{2,}(?:事業|取り?組|[、,]))|及び|および"  # 「AとB、…」: two things named side by side


def _each_named(cx: Context, t: Turn, projects: list[Project]) -> list[Project]:
    """「AIエンジニアの事業と外国人の受け入れ事業、…どっちが多い？」「エンジニアフレンドリーシティとAIエンジニア支援、…」:
    two projects named by description, each on its own side of と / 、 — each side must name one project by itself;
    none unless at least two sides do."""
    parts = [p for p in re.split(_PAIRED + r"|、|,", t.q.text) if len(p) >= 2]
    if len(parts) < 2:
        return []
    found: list[Project] = []
    for part in parts:
        terms = [x for x in cx.m.terms(part) if x not in t.city_terms]
        if not terms or not any(cx.m.known(x) for x in terms):
            continue
        one = named_projects(cx, replace(t, q=replace(t.q, text=part), terms=terms), projects)
        if len(one) == 1 and one[0] not in found:
            found.append(one[0])
    return found if len(found) >= 2 else []


def _also_named(cx: Context, t: Turn, named: list[Project], projects: list[Project]) -> list[Project]:
    """「門司港レトロ夜間景観活用事業とサテライトオフィス誘致事業の…」「門司港レトロの事業と…」: a second project named by
    the (two or more) words left after the first title — all of them in its title and in no other — is in scope too."""
    said = set().union(*(cx.m.title_terms((p.report, p.no)) for p in named))
    said |= set(cx.m.terms(" ".join(t.q.places)))  # (a town's name in a title — 若葉瀬市版… — names no second project)
    rest = [x for x in t.terms if x not in said and x not in t.city_terms]
    if len(rest) < 2:
        return []
    keys = {(p.report, p.no) for p in named}
    other = [p for p in projects if (p.report, p.no) not in keys
             and cx.m.cover(rest, cx.m.title_terms((p.report, p.no))) >= 0.99]
    other = [p for p in cx.distinct(other) if normalize(p.title) not in {normalize(n.title) for n in named}]
    return other if len(other) == 1 else []


def bare_years(cx: Context, q: Question) -> Question:
    """「3年度」「令和2〜4年度」 without (or with one) era: the corpus's years of that number, when only one era
    has it."""
    years = list(q.years)
    text = normalize(q.raw)
    # 「三年度」「令和三年度」: a year written in kanji numerals, read as digits
    text = re.sub(r"(?<![一-龯])([一二三四五六七八九])(?=\s*年度)", lambda m: str(KANJI_NUM[m.group(1)]), text)
    found: list[int] = []
    # 「2021は？」: a bare western year asked on its own
    for m in re.finditer(r"(?<![\d.,])(19[89]\d|20[0-4]\d)(?=\s*(?:は|って|なら|では|の方|のほう|[?？]|$))", text):
        if (code := eras.from_western(int(m.group(1)))) in cx.years and code not in years:
            years.append(code)
    for m in re.finditer(r"(?<![0-9令和平成昭RHS])(\d{1,2}|元)\s*(?:年度|n)", text):
        found.append(1 if m.group(1) == "元" else int(m.group(1)))
    for m in re.finditer(r"(\d{1,2}|元)\s*(?:年度|n)?\s*[〜~～\-－から]+\s*(?:令和|平成|R|H)?(\d{1,2})\s*(?:年度|n)", text):
        a = 1 if m.group(1) == "元" else int(m.group(1))
        found += list(range(a, int(m.group(2)) + 1))
    for n in found:
        codes = [c for c in cx.years if c[1:].isdigit() and int(c[1:]) == n]
        if len(codes) == 1 and codes[0] not in years:
            years.append(codes[0])
    # 「H30〜R3の合計」: every year of the corpus between two years named with their eras
    for m in re.finditer(eras.ERA_YEAR + r"\s*(?:年度|n)?\s*(?:[〜~～\-－]|から)\s*" + eras.ERA_YEAR, text):
        a, b = eras.western(eras.fy_code(m.group(1), m.group(2))), eras.western(eras.fy_code(m.group(3), m.group(4)))
        if a and b and a < b:
            years += [c for c in cx.years if a < (eras.western(c) or 0) < b and c not in years]
    # 「R3までの実績分を合計すると？」: every year of the corpus up to one (for arithmetic over years only)
    if q.derived and not re.search(r"から|[〜~～]", text):
        for m in re.finditer(eras.ERA_YEAR + r"\s*(?:年度|n)?\s*まで(?!に)", text):
            end = eras.western(eras.fy_code(m.group(1), m.group(2)))
            years += [c for c in sorted(cx.years, key=lambda c: eras.western(c) or 0)
                      if end and (eras.western(c) or 0) < end and c not in years]
    if len(years) == len(q.years):
        return q
    years.sort(key=lambda c: eras.western(c) or 0)
    return replace(q, years=tuple(years))
