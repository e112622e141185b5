"""Rebuild ruled table cells (with row/column spans) from PDF pages: pdfplumber's finder or a pypdfium2 grid builder."""

from __future__ import annotations

import ctypes
import unicodedata
from dataclasses import dataclass
from pathlib import Path

# Coordinates are PDF points with a top-left origin: bbox = (x0, top, x1, bottom), as pdfplumber reports them.
BBox = tuple[float, float, float, float]
_TOL = 1.0  # points: rules closer than this are one rule; gaps up to this are closed
_RULE_MAX = 3.0  # points: a path thinner than this is a rule


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    bbox: BBox


@dataclass(frozen=True)
class Table:
    page: int  # 1-based
    bbox: BBox
    n_rows: int
    n_cols: int
    cells: tuple[Cell, ...]

    def grid(self) -> list[list[str | None]]:
        """Text at each cell's top-left slot; None in slots covered by a span (or by no cell)."""
        out: list[list[str | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            out[c.row][c.col] = c.text
        return out


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def join_lines(lines: list[str]) -> str:
    """Join a cell's lines: nothing between CJK characters, one space between two non-CJK ends."""
    out = ""
    for line in (" ".join(s.split()) for s in lines):
        if not line:
            continue
        if out and not _wide(out[-1]) and not _wide(line[0]):
            out += " "
        out += line
    return out


def _positions(values: list[float]) -> list[float]:
    """Cluster coordinates closer than _TOL; return the cluster means, ascending."""
    groups: list[list[float]] = []
    for v in sorted(values):
        if groups and v - groups[-1][-1] <= _TOL:
            groups[-1].append(v)
        else:
            groups.append([v])
    return [sum(g) / len(g) for g in groups]


def _index(positions: list[float], v: float) -> int:
    return min(range(len(positions)), key=lambda i: abs(positions[i] - v))


def _build(page_no: int, cells: list[tuple[BBox, str]]) -> Table:
    """Turn cell rectangles into a Table: row/col indices and spans from the distinct cell edges."""
    xs = _positions([b[0] for b, _ in cells] + [b[2] for b, _ in cells])
    ys = _positions([b[1] for b, _ in cells] + [b[3] for b, _ in cells])
    out = []
    for b, text in cells:
        c0, c1, r0, r1 = _index(xs, b[0]), _index(xs, b[2]), _index(ys, b[1]), _index(ys, b[3])
        out.append(Cell(r0, c0, max(1, r1 - r0), max(1, c1 - c0), text, b))
    out.sort(key=lambda c: (c.row, c.col))
    bbox = (xs[0], ys[0], xs[-1], ys[-1])
    return Table(page_no, bbox, len(ys) - 1, len(xs) - 1, tuple(out))


def _open_ends(edges: list[dict]) -> list[dict]:
    """Rules that close a table row cut by the page break: three or more vertical rules end at one height with no
    horizontal rule there (the row goes on on the next page). Without it the finder drops the row."""
    hs = [e for e in edges if e["orientation"] == "h"]
    vs = [e for e in edges if e["orientation"] == "v"]
    out = []
    for key in ("bottom", "top"):
        ends: dict[float, list[dict]] = {}
        for v in vs:
            y = next((k for k in ends if abs(k - v[key]) <= _TOL), v[key])
            ends.setdefault(y, []).append(v)
        for y, group in ends.items():
            x0, x1 = min(v["x0"] for v in group), max(v["x1"] for v in group)
            ruled = any(abs(h["top"] - y) <= 2 * _TOL and h["x0"] <= x0 + 2 and h["x1"] >= x1 - 2 for h in hs)
            if len(group) >= 3 and not ruled:
                out.append({"object_type": "line", "x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0,
                            "height": 0.0})
    return out


def tables_pdfplumber(path: str | Path) -> list[Table]:
    """All ruled tables in the PDF, found by pdfplumber's default (lines) table finder."""
    try:
        import pdfplumber
    except ImportError:
        raise ImportError("tables_pdfplumber needs pdfplumber: pip install pdfplumber==0.11.10") from None
    tables: list[Table] = []
    with pdfplumber.open(str(path)) as pdf:
        for page_no, page in enumerate(pdf.pages, 1):
            closing = _open_ends(page.edges)
            found = page.find_tables({"explicit_horizontal_lines": closing}) if closing else page.find_tables()
            for t in found:
                cells = []
                for row, texts in zip(t.rows, t.extract(), strict=True):
                    for bbox, text in zip(row.cells, texts, strict=True):
                        if bbox is not None:
                            cells.append((tuple(map(float, bbox)), join_lines((text or "").split("\n"))))
                if cells:
                    tables.append(_build(page_no, cells))
    return tables


# ---- pypdfium2: rules from path objects, own grid builder ------------------------------------------------------


def _merge(segs: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Merge collinear (pos, lo, hi) segments: same pos within _TOL, overlapping or touching ranges."""
    out: list[tuple[float, float, float]] = []
    for pos in _positions([s[0] for s in segs]):
        spans = sorted((lo, hi) for p, lo, hi in segs if abs(p - pos) <= _TOL)
        for lo, hi in spans:
            if out and out[-1][0] == pos and lo <= out[-1][2] + _TOL:
                out[-1] = (pos, out[-1][1], max(out[-1][2], hi))
            else:
                out.append((pos, lo, hi))
    return out


def _rules(page, height: float) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Horizontal (y, x0, x1) and vertical (x, top, bottom) rules from the page's path objects (top-left origin)."""
    import pypdfium2.raw as pdfium_c

    hs, vs = [], []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]):
        left, bottom, right, top = obj.get_bounds()
        x0, y0, x1, y1 = left, height - top, right, height - bottom
        w, h = x1 - x0, y1 - y0
        if h <= _RULE_MAX and w > h:
            hs.append(((y0 + y1) / 2, x0, x1))
        elif w <= _RULE_MAX and h > w:
            vs.append(((x0 + x1) / 2, y0, y1))
        elif pdfium_c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke)) and stroke.value:
            hs += [(y0, x0, x1), (y1, x0, x1)]  # stroked box: its four edges are rules
            vs += [(x0, y0, y1), (x1, y0, y1)]
    return _merge(hs), _merge(vs)


def _components(hs: list, vs: list) -> list[tuple[list, list]]:
    """Group rules that touch or cross into separate tables."""
    segs = [("h", s) for s in hs] + [("v", s) for s in vs]
    parent = list(range(len(segs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (ki, (pi, lo_i, hi_i)) in enumerate(segs):
        for j in range(i + 1, len(segs)):
            kj, (pj, lo_j, hi_j) = segs[j]
            if ki != kj:
                touch = lo_i - _TOL <= pj <= hi_i + _TOL and lo_j - _TOL <= pi <= hi_j + _TOL
            else:
                touch = abs(pi - pj) <= _TOL and lo_i <= hi_j + _TOL and lo_j <= hi_i + _TOL
            if touch:
                parent[find(i)] = find(j)
    groups: dict[int, tuple[list, list]] = {}
    for i, (kind, s) in enumerate(segs):
        groups.setdefault(find(i), ([], []))[0 if kind == "h" else 1].append(s)
    return [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]


def _covered(rules: list, pos: float, lo: float, hi: float) -> bool:
    """Is there a rule at pos covering the middle of [lo, hi]?"""
    mid, half = (lo + hi) / 2, (hi - lo) / 4
    return any(abs(p - pos) <= _TOL and a <= mid - half + _TOL and b >= mid + half - _TOL for p, a, b in rules)


def _cell_rects(hs: list, vs: list) -> list[BBox]:
    """Cells = unions of elementary grid boxes not separated by a rule (spans), as (x0, top, x1, bottom)."""
    ys, xs = _positions([s[0] for s in hs]), _positions([s[0] for s in vs])
    nr, nc = len(ys) - 1, len(xs) - 1
    parent = list(range(nr * nc))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and not _covered(vs, xs[c + 1], ys[r], ys[r + 1]):
                parent[find(r * nc + c)] = find(r * nc + c + 1)
            if r + 1 < nr and not _covered(hs, ys[r + 1], xs[c], xs[c + 1]):
                parent[find(r * nc + c)] = find((r + 1) * nc + c)
    boxes: dict[int, list[int]] = {}
    for i in range(nr * nc):
        root = find(i)
        r, c = divmod(i, nc)
        b = boxes.setdefault(root, [c, r, c + 1, r + 1])
        b[:] = [min(b[0], c), min(b[1], r), max(b[2], c + 1), max(b[3], r + 1)]
    return [(xs[c0], ys[r0], xs[c1], ys[r1]) for c0, r0, c1, r1 in boxes.values()]


def _chars(textpage, height: float) -> list[tuple[float, float, float, str]]:
    """(center x, center y, height, char) for each character, top-left origin; line breaks dropped."""
    out = []
    for i in range(textpage.count_chars()):
        ch = textpage.get_text_range(i, 1)
        if not ch or ch in "\r\n":
            continue
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        out.append(((left + right) / 2, height - (bottom + top) / 2, max(top - bottom, 1.0), ch))
    return out


def _cell_text(chars: list[tuple[float, float, float, str]]) -> str:
    """Order a cell's characters into lines (by y, then x) and join them."""
    lines: list[list[tuple[float, float, float, str]]] = []
    for ch in sorted(chars, key=lambda c: c[1]):
        if lines and abs(ch[1] - lines[-1][0][1]) < 0.5 * min(ch[2], lines[-1][0][2]):
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return join_lines(["".join(c[3] for c in sorted(line)) for line in lines])


def tables_pdfium(path: str | Path) -> list[Table]:
    """All ruled tables in the PDF: rules from path objects, cells from the rule grid, text from pdfium char boxes."""
    from .pdffont import pdfium as started

    pdfium = started()

    tables: list[Table] = []
    doc = pdfium.PdfDocument(str(path))
    try:
        for page_no in range(1, len(doc) + 1):
            page = doc[page_no - 1]
            height = page.get_height()
            comps = _components(*_rules(page, height))
            if not comps:
                continue
            chars = _chars(page.get_textpage(), height)
            found = []
            for hs, vs in comps:
                rects = _cell_rects(hs, vs)
                bins: list[list] = [[] for _ in rects]
                for ch in chars:
                    for k, (x0, y0, x1, y1) in enumerate(rects):
                        if x0 <= ch[0] <= x1 and y0 <= ch[1] <= y1:
                            bins[k].append(ch)
                            break
                found.append(_build(page_no, [(r, _cell_text(b)) for r, b in zip(rects, bins, strict=True)]))
            tables += sorted(found, key=lambda t: (t.bbox[1], t.bbox[0]))
    finally:
        doc.close()
    return tables
