"""Ruled-table reading, pdfplumber's table finder vs the pypdfium2 grid builder (assistant/pdftables.py): speed
(pages/s, best of N) and cell accuracy on generated report tables with known cells; both backends also run on the PDFs
under tests/fixtures/layouts/ if present. Prints a markdown table and replaces the section
`## PDF table reading: pdfplumber vs pypdfium2 grid` in bench/RESULTS.md.

    python bench/bench_pdf_tables.py [--pages 40] [--repeat 3] [--no-write]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from pdf_table_samples import FONT, Grid, build_pdf  # noqa: E402

from assistant.pdftables import Table, tables_pdfium, tables_pdfplumber  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
LAYOUTS = ROOT / "tests" / "fixtures" / "layouts"
TITLE = "## PDF table reading: pdfplumber vs pypdfium2 grid"
BACKENDS: dict[str, Callable[[Path], list[Table]]] = {"pdfplumber": tables_pdfplumber, "pypdfium2 grid": tables_pdfium}
_FOLD = str.maketrans({"－": "-", "−": "-", "‐": "-", "～": "~", "〜": "~"})


def _key(s: str | None, fold: bool = False) -> str:
    s = "".join((s or "").split())
    return unicodedata.normalize("NFKC", s.translate(_FOLD)) if fold else s


def score(expected: list[tuple[int, Grid]], got: list[Table]) -> dict[str, int]:
    """Match tables by page and top-to-bottom order; score every expected cell (non-None slot) of each."""
    by_page: dict[int, list[Table]] = {}
    for t in got:
        by_page.setdefault(t.page, []).append(t)
    seen: dict[int, int] = {}
    s = dict.fromkeys(["tables", "found", "shape", "cells", "correct", "folded", "wrong", "missing"], 0)
    for page, grid in expected:
        k = seen[page] = seen.get(page, -1) + 1
        table = by_page.get(page, [])[k] if k < len(by_page.get(page, [])) else None
        have = table.grid() if table else []
        s["tables"] += 1
        s["found"] += table is not None
        s["shape"] += [[v is None for v in r] for r in have] == [[v is None for v in r] for r in grid]
        for r, row in enumerate(grid):
            for c, want in enumerate(row):
                if want is None:
                    continue
                text = have[r][c] if r < len(have) and c < len(have[r]) else None
                s["cells"] += 1
                if not _key(text):
                    s["missing"] += 1
                elif _key(text) == _key(want):
                    s["correct"] += 1
                else:
                    s["wrong"] += 1
                s["folded"] += bool(_key(text)) and _key(text, True) == _key(want, True)
    return s


def best_of(fn: Callable[[Path], list[Table]], path: Path, repeat: int) -> tuple[float, list[Table]]:
    times, out = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn(path)
        times.append(time.perf_counter() - t0)
    return min(times), out


def pdfium_has_cjk_font(tmp: Path) -> bool:
    """Does pdfium find a CJK system font? (Without one it drops single-glyph text objects of non-embedded fonts.)"""
    import pypdfium2 as pdfium
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    c = canvas.Canvas(str(tmp / "probe.pdf"))
    c.setFont(FONT, 10)
    c.drawString(50, 700, "件")
    c.save()
    doc = pdfium.PdfDocument(str(tmp / "probe.pdf"))
    try:
        return "件" in doc[0].get_textpage().get_text_range()
    finally:
        doc.close()


def layouts_rows() -> list[str]:
    pdfs = sorted(LAYOUTS.glob("*.pdf")) if LAYOUTS.is_dir() else []
    if not pdfs:
        return []
    rows = [
        "",
        "PDFs under `tests/fixtures/layouts/` (no cell truth here; agreement = same text in the same slot):",
        "",
        "| file | pages | pdfplumber tables / cells | pypdfium2 tables / cells | same grid shape | cells agreeing (exact / dash-folded) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    import pypdfium2 as pdfium

    for pdf in pdfs:
        a, b = tables_pdfplumber(pdf), tables_pdfium(pdf)
        doc = pdfium.PdfDocument(str(pdf))
        n_pages = len(doc)
        doc.close()
        same = agree = folded = 0
        for ta, tb in zip(a, b, strict=False):
            ga, gb = ta.grid(), tb.grid()
            if (ta.page, [[v is None for v in r] for r in ga]) == (tb.page, [[v is None for v in r] for r in gb]):
                same += 1
                pairs = [
                    (x, y) for ra, rb in zip(ga, gb, strict=True) for x, y in zip(ra, rb, strict=True) if x is not None
                ]
                agree += sum(_key(x) == _key(y) for x, y in pairs)
                folded += sum(_key(x, True) == _key(y, True) for x, y in pairs)
        rows.append(
            f"| {pdf.name} | {n_pages} | {len(a)} / {sum(len(t.cells) for t in a)} | "
            f"{len(b)} / {sum(len(t.cells) for t in b)} | {same} of {max(len(a), len(b))} | {agree} / {folded} |"
        )
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-write", action="store_true", help="print only, leave bench/RESULTS.md alone")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        pdf = tmp / "tables.pdf"
        expected = build_pdf(pdf, args.pages, args.seed)
        cjk_font = pdfium_has_cjk_font(tmp)
        results = {name: best_of(fn, pdf, args.repeat) for name, fn in BACKENDS.items()}
    scores = {name: score(expected, got) for name, (_, got) in results.items()}

    def row(label: str, f: Callable[[str], str]) -> str:
        return f"| {label} | " + " | ".join(f(n) for n in BACKENDS) + " |"

    def pct(n: str, k: str) -> str:
        s = scores[n]
        return f"{100 * s[k] / s['cells']:.1f}% ({s[k]:,})"

    lines = [
        TITLE,
        "",
        f"{datetime.now():%Y-%m-%d %H:%M} — `python bench/bench_pdf_tables.py --pages {args.pages} --repeat {args.repeat}`"
        f" — nproc {os.cpu_count()}, {platform.machine()}, Python {platform.python_version()}; pdfplumber "
        f"{version('pdfplumber')} (pdfminer.six {version('pdfminer.six')}), pypdfium2 {version('pypdfium2')}, "
        f"reportlab {version('reportlab')}. pdfium finds a CJK system font: **{'yes' if cjk_font else 'no'}**.",
        "",
        f"{args.pages} generated A4 pages (seed {args.seed}) of GRID-ruled tables in the non-embedded CID font {FONT}: a "
        "two-level header with column spans, rows grouped by 2-3-row spans in the first columns, wrapped Japanese "
        "Paragraph cells, and a table continued over a page break with its 2-row header repeated; values like "
        "`12,000`, `95.0%`, `－`. A cell counts as correct when its text equals the expected text after removing "
        "whitespace; *missing* = empty or no cell at that slot; *dash-folded* also accepts `－`/`−` and `～`/`〜` "
        "(pdfminer reads U+FF0D as U+2212). Time = whole document, best of the runs.",
        "",
        "| measure | " + " | ".join(BACKENDS) + " |",
        "|---|" + "---:|" * len(BACKENDS),
        row(f"pages/s (best of {args.repeat})", lambda n: f"{args.pages / results[n][0]:,.1f}"),
        row("time per page (ms)", lambda n: f"{1000 * results[n][0] / args.pages:.1f}"),
        row("tables found / expected", lambda n: f"{scores[n]['found']} / {scores[n]['tables']}"),
        row("tables with exact shape + spans", lambda n: str(scores[n]["shape"])),
        row("cells expected", lambda n: f"{scores[n]['cells']:,}"),
        row("cell accuracy, exact", lambda n: pct(n, "correct")),
        row("cell accuracy, dash-folded", lambda n: pct(n, "folded")),
        row("cells with wrong text", lambda n: f"{scores[n]['wrong']:,}"),
        row("cells missing", lambda n: f"{scores[n]['missing']:,}"),
        *layouts_rows(),
    ]
    if not cjk_font:
        lines += [
            "",
            "No CJK system font: pdfium drops every text object that is a single CJK glyph of a non-embedded "
            "font (`－`, `件`, the last glyph of a wrapped line), so those cells come out missing or short.",
        ]
    section = "\n".join(lines) + "\n"
    print(section)
    if not args.no_write:
        text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
        pattern = re.compile(rf"^{re.escape(TITLE)}\n.*?(?=^## |\Z)", re.S | re.M)
        if pattern.search(text):
            text = pattern.sub(lambda _: section + "\n", text, count=1)
        else:
            text = text.rstrip("\n") + "\n\n" + section
        RESULTS.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
