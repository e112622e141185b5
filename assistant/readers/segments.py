"""Tables as the layout readers use them: grids with named columns, a table continued on the next page joined on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..reading import join_jp, normalize
from .tables import Column, Grid, clean, columns, filled, header_depth, role_of, year_of

_TYPE = re.compile(r"^(.*?)[(（]\s*([^()（）]*タイプ)\s*[)）]\s*$")


@dataclass
class Segment:
    """One logical table: the header of its first part, data rows from every part, the page of each row."""

    cols: list[Column]
    depth: int
    head: Grid
    rows: Grid = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    first_page: int = 0
    n_cols: int = 0


def segments(tables) -> list[Segment]:
    """Group tables in page order; a table that starts the next page with the same columns (its header repeated
    or left out) continues the previous one. A ruled form that holds several tables, each under its own header row
    (a 事業費 grid, then a KPI grid), is split at those rows first."""
    out: list[Segment] = []
    for t in sorted(tables, key=lambda t: (t.page, t.bbox[1] if t.bbox else 0)):  # bbox top: top-left origin
        for part_no, grid in enumerate(_parts(filled(t))):
            depth = header_depth(grid)
            prev = out[-1] if out else None
            cols = columns(grid, depth) if depth else []
            last_page = (prev.pages[-1] if prev.pages else prev.first_page) if prev else 0
            continues = (part_no == 0 and prev is not None and prev.n_cols == t.n_cols and t.page == last_page + 1)
            if continues and depth and [c.role for c in cols] != [c.role for c in prev.cols]:
                continues = False
            if continues and any(role_of(c) == "title" for row in grid[depth:depth + 3] for c in row[:2]):
                continues = False  # the next page opens a new project's form (事業名 | …), not more rows
            if continues:
                prev.rows.extend(grid[depth:])
                prev.pages.extend([t.page] * (len(grid) - depth))
                continue
            seg = Segment(cols, depth, grid[:depth], grid[depth:], [t.page] * (len(grid) - depth), t.page, t.n_cols)
            out.append(seg)
    return out


_GENERIC_HEADS = {"年度", "区分", "項目", "内訳"}  # column heads that name no role: 「事業費 | 年度 | 令和4年度（決算）」


def _heads(row: list[str]) -> list[str] | None:
    """The row's distinct cells when every one is a header word (a role or a year), else None."""
    cells = list(dict.fromkeys(c for c in (clean(x) for x in row) if c))
    return cells if cells and all(role_of(c) or year_of(c) or c in _GENERIC_HEADS for c in cells) else None


def _inner_header(grid: Grid, i: int) -> bool:
    """Row i opens a table of its own: three or more distinct header words and nothing else, under a row that is
    not a header row too (the lower row of a two-row header is not a new table) or is one title cell across."""
    heads, above = _heads(grid[i]), _heads(grid[i - 1]) if i else None
    return heads is not None and len(heads) >= 3 and (above is None or len(above) == 1)


def _parts(grid: Grid) -> list[Grid]:
    """The grid cut before each inner header row (and the one-cell title row just above it, 「重要業績評価指標（KPI）」)."""
    cuts = [0]
    for i in range(1, len(grid)):
        # (rows above that are all titles or heads are this table's own header: 「KPI① 移住者数」 over 「年度 | 目標値 …」)
        if _inner_header(grid, i) and any(_heads(r) is None for r in grid[cuts[-1]:i]):
            title_above = i - 1 > cuts[-1] and len({clean(c) for c in grid[i - 1] if clean(c)}) == 1 and role_of(
                next(c for c in grid[i - 1] if clean(c)))
            cuts.append(i - 1 if title_above else i)
    return [grid[a:b] for a, b in zip(cuts, [*cuts[1:], len(grid)], strict=True)]


def text_of(cell: str) -> str | None:
    """A text cell as one readable string: lines normalized and joined the Japanese way."""
    # 〃 (ditto) says "as above": a cell spanning a project's rows reads 「企画課〃〃」, and 〃 alone names nothing
    lines = [normalize(x).replace("〃", "").strip() for x in (cell or "").split("\n")]
    s = join_jp([x for x in lines if x])
    s = re.sub(r" {2,}", " ", s)
    return s or None


def split_grant(text: str | None) -> tuple[str | None, str | None]:
    """"地方創生推進交付金（横展開タイプ）" → ("地方創生推進交付金", "横展開タイプ")."""
    if not text:
        return None, None
    t = re.sub(r"\s+", "", normalize(text))
    if m := _TYPE.match(t):
        return (m.group(1) or None), m.group(2)
    return t, None
