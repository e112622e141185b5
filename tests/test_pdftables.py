"""Ruled table cells (spans, wrapped Japanese text, a table continued over a page break) read back by both backends."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

pytest.importorskip("reportlab")
from pdf_table_samples import Grid, build_pdf

from assistant.pdftables import Cell, Table, join_lines, tables_pdfium, tables_pdfplumber


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[tuple[int, Grid]]]:
    """4 pages: two-level header + grouped rows (p1), wrapped text (p2), a table continued over p3-p4."""
    path = tmp_path_factory.mktemp("pdf") / "tables.pdf"
    return path, build_pdf(path, n_pages=4, seed=0)


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _drops_only_wide(expected: str | None, got: str | None) -> bool:
    """got is expected minus some CJK glyphs (pdfium's single-glyph limitation), nothing else changed."""
    if expected is None or got is None:
        return expected == got
    rest = iter(got)
    missing = [ch for ch in expected if next((g for g in rest if g == ch), None) is None]
    return not missing or (all(_wide(ch) for ch in missing) and len(got) + len(missing) == len(expected))


def test_grid_marks_spanned_slots() -> None:
    cells = (
        Cell(0, 0, 2, 1, "事業名", (0, 0, 1, 2)),
        Cell(0, 1, 1, 2, "予算", (1, 0, 3, 1)),
        Cell(1, 1, 1, 1, "当初", (1, 1, 2, 2)),
        Cell(1, 2, 1, 1, "決算", (2, 1, 3, 2)),
    )
    assert Table(1, (0, 0, 3, 2), 2, 3, cells).grid() == [["事業名", "予算", None], [None, "当初", "決算"]]


def test_join_lines_no_space_between_cjk() -> None:
    assert join_lines(["AIエンジニア支", "援事業の長い名", "前"]) == "AIエンジニア支援事業の長い名前"
    assert join_lines(["Smart city", "project", "（R5）"]) == "Smart city project（R5）"


def test_pdfplumber_reads_every_cell(sample) -> None:
    pytest.importorskip("pdfplumber")
    path, expected = sample
    got = tables_pdfplumber(path)
    assert [(t.page, t.n_rows, t.n_cols) for t in got] == [(p, len(g), len(g[0])) for p, g in expected]
    # pdfminer maps the CID of U+FF0D FULLWIDTH HYPHEN-MINUS (non-embedded Adobe-Japan1 font) to U+2212 MINUS SIGN
    want = [[[None if v is None else v.replace("－", "−") for v in row] for row in g] for _, g in expected]
    assert [t.grid() for t in got] == want


def test_pdfium_structure_and_text(sample) -> None:
    path, expected = sample
    got = tables_pdfium(path)
    assert [(t.page, t.n_rows, t.n_cols) for t in got] == [(p, len(g), len(g[0])) for p, g in expected]
    for t, (_, g) in zip(got, expected, strict=True):
        for r, (want_row, got_row) in enumerate(zip(g, t.grid(), strict=True)):
            for c, (want, have) in enumerate(zip(want_row, got_row, strict=True)):
                assert _drops_only_wide(want, have), (t.page, r, c, want, have)


def test_pdfium_continued_table_repeats_header(sample) -> None:
    path, _ = sample
    p3, p4 = (t.grid() for t in tables_pdfium(path) if t.page in (3, 4))
    assert p3[:2] == p4[:2] == [["No.", "KPI", "単位", "実績", None], [None, None, None, "令和4年度", "令和5年度"]]
    assert [row[0] for row in p3[2:] + p4[2:]] == [str(i) for i in range(1, len(p3) + len(p4) - 3)]


def test_pdfium_single_glyph_cells(sample) -> None:
    """A text object that is a single CJK glyph (「－」, 「件」, a wrapped line's last glyph) in a font not embedded: with
    no CJK font on the machine PDFium gave it a zero-width box and dropped it; laid out with the bundled font, kept."""
    path, expected = sample
    assert [t.grid() for t in tables_pdfium(path)] == [g for _, g in expected]


def test_pdfplumber_keeps_a_row_cut_by_the_page_break(tmp_path: Path) -> None:
    """A Word table row split at the page break has no rule under it: its vertical rules run past the last
    horizontal one. The row is still read (it was dropped, and its project's KPIs with it)."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "open.pdf"
    c = canvas.Canvas(str(path), pagesize=(400, 300))
    xs, ys = [20, 120, 220, 320], [250, 220, 190]  # rules at the top of three rows; none under the last one
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, ys[0], x, 40)  # the verticals run on to the page's foot
    for i, texts in enumerate((["No", "Name", "KPI"], ["1", "alpha", "10"], ["2", "beta", "20"])):
        for x, t in zip(xs, texts, strict=False):
            c.drawString(x + 5, ys[i] - 15 if i < 2 else 170, t)
    c.save()
    (t,) = tables_pdfplumber(path)
    texts = {cell.text for cell in t.cells}
    assert {"2", "beta", "20"} <= texts and t.n_rows == 3


def test_text_of_a_pdf_without_embedded_japanese_fonts_is_laid_out_with_the_bundled_font() -> None:
    """reportlab's HeiseiKakuGo-W5 is not embedded: PDFium lays it out with a system font, and with no CJK font on the
    machine its boxes collapse and the text broke 「1 事業名 瑠璃沢温泉郷…」 into three lines. PDFium is started with the
    bundled IPAexGothic instead, so the text is the same on every machine and highlights have a height."""
    from assistant import pdffont
    from assistant.evidence import page_boxes
    from assistant.source import load_document

    pdf = Path(__file__).resolve().parent.parent / "eval" / "heldout_layouts5" / "rurisawa_r4_ichiranhyo.pdf"
    doc = load_document(pdf)
    assert pdffont.font_dir() is not None and pdffont._state["font_dir"] == str(pdffont.font_dir())
    assert "1 事業名 瑠璃沢温泉郷の街並み景観整備と地域資源を活かした着地型体験観光商" in doc.pages[0].splitlines()
    rects = page_boxes(pdf, 1, ["事業名"])
    assert rects and all(top - bottom > 5 for _, bottom, _, top in rects)
