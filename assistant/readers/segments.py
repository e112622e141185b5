"""Tables as the layout readers use them: grids with named columns, a table continued on the next page joined on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..reading import join_jp, normalize
from .tables import Column, Grid, columns, filled, header_depth

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
    or left out) continues the previous one."""
    out: list[Segment] = []
    for t in sorted(tables, key=lambda t: (t.page, t.bbox[1] if t.bbox else 0)):  # bbox top: top-left origin
        grid = filled(t)
        depth = header_depth(grid)
        prev = out[-1] if out else None
        cols = columns(grid, depth) if depth else []
        last_page = (prev.pages[-1] if prev.pages else prev.first_page) if prev else 0
        continues = prev is not None and prev.n_cols == t.n_cols and t.page == last_page + 1
        if continues and depth and [c.role for c in cols] != [c.role for c in prev.cols]:
            continues = False
        if continues:
            prev.rows.extend(grid[depth:])
            prev.pages.extend([t.page] * (len(grid) - depth))
            continue
        seg = Segment(cols, depth, grid[:depth], grid[depth:], [t.page] * (len(grid) - depth), t.page, t.n_cols)
        out.append(seg)
    return out


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
