"""Split a report's lines into pages and the pages into project sections."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .reading import _CIRCLED, CIRCLED_VALUE, Line

# A PDF page break shows as a form feed, or (after some extractors) as a line indented by exactly one ASCII space.
_SINGLE_SPACE = re.compile(r"^ (?=[^ \t\u3000])")
# A project title: a circled number at the left margin (a page-break space allowed), text after it.
_TITLE = re.compile(rf"^ ?([{_CIRCLED}])\s*(\S.*)$")
_PREAMBLE_MAX_LINES = 4


@dataclass(frozen=True)
class Page:
    no: int  # 1-based
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Section:
    """The lines of one project, possibly spread over several pages (each line keeps its page)."""

    no: int
    title: str
    title_line: int
    pages: tuple[int, ...]
    lines: tuple[tuple[int, Line], ...]  # (page, line)


def split_pages(lines: list[Line]) -> list[Page]:
    """Cut at form feeds, or — in text without any form feed — at single-space-indented lines; a short title-only
    preamble joins the first page. (When an extractor marks pages with form feeds, a leading space is just layout.)"""
    space_breaks = not any("\f" in ln.raw for ln in lines)
    groups: list[list[Line]] = [[]]
    for ln in lines:
        raw = ln.raw
        if "\f" in raw:
            before, _, after = raw.rpartition("\f")
            if before.replace("\f", "").strip():
                groups[-1].append(Line(ln.no, before.replace("\f", ""), ln.text.split("\f")[0].strip()))
            groups.append([])
            ln = Line(ln.no, after, ln.text.rpartition("\f")[2].strip())
        elif space_breaks and _SINGLE_SPACE.match(raw) and any(x.text for x in groups[-1]):
            groups.append([])
        groups[-1].append(ln)
    # An empty page between two form feeds is a real page (a scanned image): keep it so page numbers stay true;
    # empty groups before the first and after the last page are only the extractor's separators.
    filled = [i for i, g in enumerate(groups) if any(x.text for x in g)]
    if not space_breaks and filled:
        groups = groups[filled[0]:filled[-1] + 1]
    else:
        groups = [g for g in groups if any(x.text for x in g)]
    if len(groups) > 1 and _is_preamble(groups[0]):
        groups[1] = groups[0] + groups[1]
        groups.pop(0)
    return [Page(i + 1, tuple(g)) for i, g in enumerate(groups)]


def _is_preamble(group: list[Line]) -> bool:
    content = [x for x in group if x.text]
    return len(content) <= _PREAMBLE_MAX_LINES and not any(title_of(x) for x in content)


def title_of(line: Line) -> tuple[int, str] | None:
    """(number, title) when the line is a project title such as "①エンジニアフレンドリーシティ福岡の推進"."""
    m = _TITLE.match(line.raw.rstrip())
    if not m:
        return None
    title = line.text[1:].strip() if line.text[:1] in CIRCLED_VALUE else line.text.strip()
    if not title or title.startswith(("「", "『", "(")) or not re.search(r"[\w\u3040-\u30ff\u4e00-\u9fff]{2}", title):
        return None  # a quoted list item or a bare mark, not a project
    if re.search(r"(\s[\d,.]+[%％]?){2,}\s*$", title):
        return None  # 「① ベイエリアにぎわい創出 地方創生推進タイプ 24,860 12,430」: a table row, not a heading
    return CIRCLED_VALUE[m.group(1)], title


def split_sections(pages: list[Page]) -> tuple[list[Section], list[Page]]:
    """Assign every page's lines to a project section.

    A page with one title belongs wholly to that project (lines come out of order, so the header and KPIs may sit
    above the title). A page without a title continues the previous project. A page with several titles is cut at
    each title, the lines above the first going to the first. Pages before any title are returned as orphans.
    """
    sections: list[dict] = []
    orphans: list[Page] = []
    keep = _titles_in_sequence(pages)
    for page in pages:
        titles = [(i, t) for i, ln in enumerate(page.lines) if (t := title_of(ln)) and (page.no, i) in keep]
        if not titles:
            if sections:
                sections[-1]["pages"].append(page.no)
                sections[-1]["lines"].extend((page.no, ln) for ln in page.lines)
            else:
                orphans.append(page)
            continue
        cuts = [i for i, _ in titles[1:]]
        bounds = [0, *cuts, len(page.lines)]
        for k, (i, (no, title)) in enumerate(titles):
            part = page.lines[bounds[k]:bounds[k + 1]]
            sections.append({"no": no, "title": title, "title_line": page.lines[i].no, "pages": [page.no],
                             "lines": [(page.no, ln) for ln in part]})
    out = [Section(s["no"], s["title"], s["title_line"], tuple(s["pages"]), tuple(s["lines"])) for s in sections]
    return out, orphans


def _titles_in_sequence(pages: list[Page]) -> set[tuple[int, int]]:
    """(page, line index) of the title lines that number the projects in order.

    Project numbers rise through a report (①②③, or ⑦⑧⑨ for a later part). A circled number out of that order — a
    list item, a column marker, a line moved by the extractor — is not a title: the longest strictly rising run of
    numbers is kept (the earliest such run when several are as long), so no project number is read twice.
    """
    found = [(p.no, i, t[0]) for p in pages for i, ln in enumerate(p.lines) if (t := title_of(ln))]
    if not found:
        return set()
    # Longest rising run; among equally long ones the one with the smallest gaps (①②③ beats ①②⑥).
    best: list[tuple[int, int]] = [(1, 0)] * len(found)  # (length, -sum of gaps)
    prev = [-1] * len(found)
    for j in range(len(found)):
        for i in range(j):
            if found[i][2] < found[j][2]:
                cand = (best[i][0] + 1, best[i][1] - (found[j][2] - found[i][2] - 1))
                if cand > best[j]:
                    best[j], prev[j] = cand, i
    j = max(range(len(found)), key=lambda x: (best[x], -x))
    keep: set[tuple[int, int]] = set()
    while j != -1:
        keep.add((found[j][0], found[j][1]))
        j = prev[j]
    return keep
