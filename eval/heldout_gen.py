"""Helpers shared by the held-out fixture generators (eval/heldout_layouts*/make_heldout*.py).

Each generator was first written by copying the one before it, so the helpers below stood
word for word (or with only a constant changed) in every script. They live here once; every
generator keeps its own data, layouts, truth and the self-checks particular to it.

How a generator imports this module: the generators are run as scripts
(``.venv/bin/python eval/heldout_layoutsN/make_heldoutN.py``, from the repository root or
from their own folder), so Python puts only the script's folder on ``sys.path``. Each
generator therefore puts its parent folder, ``eval/``, first on ``sys.path`` and imports
this module by its plain name::

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # eval/: heldout_gen
    from heldout_gen import GOTHIC, MINCHO, P, style, ...  # noqa: E402

(``eval`` is also a package, so ``eval.heldout_gen`` imports too, for tests or tools.)

Importing the module registers the two built-in CID fonts (HeiseiKakuGo-W5 / HeiseiMin-W3,
not embedded) with reportlab. Nothing here may change what a generator writes: the
generators' PDFs, .txt and .truth.json files are byte-identical to what they wrote when
these helpers were copies inside each script.

Where the copies had drifted, the difference is a parameter, and the generator that needs
the other behaviour passes it (``functools.partial`` or a two-line wrapper):

* ``fmt``: ``float_format`` (held-out 12 prints a float with the decimals it was given) and
  ``minus`` (held-out 6 and 7 print a negative number with 「△」);
* ``zen_table``: the Latin letters typed full-width too (「Ｒ」, 「Ｈ」);
* ``rate_str``: ``forbid_half`` (held-out 11 and 12 refuse a rate that rounds half-way);
* ``truth_rate``: ``zero_is_none`` (held-out 11 and 12: an actual of 0 gives no rate);
* ``T``: ``base_font`` (held-out 11 and 12 set a table font when the commands set none);
* ``cell_problems``: the one-line test, its message and an extra per-paragraph check;
* ``make_has``: ``across_pages`` (held-out 8 accepts a string split by a page break);
* ``check_schema``: which earlier truths to compare with, all of them or the first;
* ``find_pages``: the generator's own project_head / kpi_keys, and its extra page rules.

Helpers that differ in logic, not in a constant, stayed in their generators (for example
held-out 2-4's ``computed_rate(k)`` and ``rate_from_print``, held-out 6's page-split ``has``,
held-out 11 and 12's ``period_to_truth``), and so did every ``check_printed_values`` /
``check_pages`` / ``main``, which each generator adapted to its own layouts.
"""
from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from collections import Counter
from itertools import pairwise
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, Table, TableStyle

GOTHIC = "HeiseiKakuGo-W5"
MINCHO = "HeiseiMin-W3"
pdfmetrics.registerFont(UnicodeCIDFont(GOTHIC))
pdfmetrics.registerFont(UnicodeCIDFont(MINCHO))


# ---------------------------------------------------------------------------
# drawing
# ---------------------------------------------------------------------------

def style(name, font=MINCHO, size=8.5, lead=None, align=0, **kw):
    return ParagraphStyle(name, fontName=font, fontSize=size,
                          leading=lead or size * 1.35, alignment=align,
                          wordWrap="CJK", **kw)


def P(text, st):
    """A cell / paragraph.  A lone CJK glyph in its own text run
    (non-embedded CID font) is dropped by pdfium's text extraction when no
    CJK system font is found: pad it, as Excel/Word output often is (the
    table's FONT / ALIGN commands style such plain-string cells)."""
    t = text.strip()
    if len(t) == 1 and ord(t) > 127:
        return t + " "
    return Paragraph(text.replace("\n", "<br/>"), st)


def V(text):
    """A label written vertically (one glyph per line), as Word's 縦書き
    text box or a narrow merged Excel cell prints it.  Each glyph is padded
    (see P), so no text run is a lone CJK glyph."""
    return "\n".join(ch + " " for ch in text)


def fmt(v, float_format=",.1f", minus=None):
    """Numbers as a municipal report prints them (thousands separators; a
    float with ``float_format``; a negative number, when ``minus`` is given,
    as that sign before the number, e.g. △, the Japanese minus sign)."""
    if v is None:
        return "－"
    if isinstance(v, str):
        return v
    if minus is not None and v < 0:
        return minus + fmt(-v, float_format, minus)
    if isinstance(v, float):
        return format(v, float_format)
    return f"{int(v):,}"


def zen_table(latin=""):
    """str.translate table to full-width digits, 「，」「．」「％」 and the
    given Latin letters (「R」 → 「Ｒ」)."""
    return str.maketrans({**{chr(ord("0") + i): chr(ord("０") + i) for i in range(10)},
                          ",": "，", ".": "．", "%": "％",
                          **{ch: chr(ord(ch) + 0xFEE0) for ch in latin}})


ZEN = zen_table()


def zen(s: str, table=ZEN) -> str:
    """Full-width digits, as typed by hand."""
    return s.translate(table)


def ident(s: str) -> str:
    return s


# ---------------------------------------------------------------------------
# values
# ---------------------------------------------------------------------------

EVALS = ["地方創生に非常に効果的であった", "地方創生に相当程度効果があった",
         "地方創生に効果があった", "地方創生に対して効果がなかった"]


def computed_rate(t, a, lib):
    """Achievement ratio: 実績/目標, or 目標/実績 for lower-is-better KPIs."""
    return (t / a) if lib else (a / t)


def rate_str(t, a, lib, forbid_half=False):
    if forbid_half:
        r = computed_rate(t, a, lib) * 1000
        # no half-way case: the printed rounding must not be a matter of taste
        assert abs(r - int(r) - 0.5) > 1e-6, (t, a, lib)
    return f"{computed_rate(t, a, lib) * 100:.1f}%"


def truth_rate(t, a, lib, zero_is_none=False):
    if t is None or not isinstance(a, (int, float)) or (zero_is_none and a == 0):
        return None
    return round(computed_rate(t, a, lib) * 100, 1)


def rate_from_print(s):
    """Printed 達成率 → percent float (truth convention); words → None."""
    if s is None:
        return None
    s = unicodedata.normalize("NFKC", s).strip()
    if s.endswith("%"):
        return float(s[:-1])
    try:
        return round(float(s) * 100, 1)
    except ValueError:
        return None            # 達成 / 未達成 / －


def grant_name(p):
    return p["grant_program"] + (f"（{p['grant_type']}）" if p["grant_type"] else "")


def yr(key: str) -> int:
    return int(key[1:])


def period_to_truth(s: str) -> str:
    """A printed period → the truth spelling: 「令和3年度～令和5年度（3か年）」,
    「令和4年度～令和5年度（繰越）」 → 「令和N年度〜令和M年度」; 西暦
    「2021年度～2023年度」 → 「令和3年度〜令和5年度」."""
    s = unicodedata.normalize("NFKC", s)
    s = re.sub(r"[（(](\d+か年|繰越)[）)]$", "", s)
    parts = re.split(r"[~〜～]", s)
    assert len(parts) == 2, s
    out = []
    for x in parts:
        m = re.fullmatch(r"(令和|平成)(\d+|元)年度", x)
        if m:
            out.append(x)
            continue
        m = re.fullmatch(r"(\d{4})年度", x)
        assert m, x
        out.append(f"令和{int(m.group(1)) - 2018}年度")
    return "〜".join(out)


# ---------------------------------------------------------------------------
# tables that are checked for overflow: every cell's content must fit inside
# its cell (a real Excel / Word PDF clips or wraps; it never draws across a
# cell rule).  T records each table in TABLES; check_cells looks at them after
# the build.  One generator runs per process, so the list is that generator's.
# ---------------------------------------------------------------------------

TABLES = []


def T(rows, colWidths, cmds, base_font=None, **kw):
    """A Table styled with cmds and recorded for check_cells.  base_font
    (font, size): where cmds set no FONT, plain-string cells (a padded 「－」)
    are set in it, not in Helvetica."""
    if base_font is not None and not any(cmd[0] == "FONT" for cmd in cmds):
        cmds = [("FONT", (0, 0), (-1, -1), *base_font), *cmds]
    t = Table(rows, colWidths=colWidths, **kw)
    t.setStyle(TableStyle(cmds))
    TABLES.append((t, rows, list(colWidths), list(cmds)))
    return t


def _cells(cmd, nrows, ncols):
    (c0, r0), (c1, r1) = cmd[1], cmd[2]
    c0, c1 = c0 % ncols, c1 % ncols
    r0, r1 = r0 % nrows, r1 % nrows
    return [(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)]


NUMLIKE = re.compile(r"^[\s0-9０-９,，.．%％－△]+$")


def cell_problems(one_line=NUMLIKE.match, wrapped="number wrapped", para_check=None):
    """What check_cells finds wrong in TABLES: a Paragraph line wider than
    its cell's inner width; a cell one_line(text) accepts that wraps
    (reported as ``wrapped``); what para_check(ti, r, c, text, paragraph)
    returns; a plain string cell that does not fit; a nested table wider
    than its cell."""
    bad = []
    for ti, (_t, rows, cws, cmds) in enumerate(TABLES):
        nrows, ncols = len(rows), len(cws)
        lp = {(r, c): 6.0 for r in range(nrows) for c in range(ncols)}
        rp = dict(lp)
        font = {(r, c): ("Helvetica", 10) for r in range(nrows) for c in range(ncols)}
        span = {}
        for cmd in cmds:
            op = cmd[0]
            if op in ("LEFTPADDING", "RIGHTPADDING"):
                for rc in _cells(cmd, nrows, ncols):
                    (lp if op == "LEFTPADDING" else rp)[rc] = cmd[3]
            elif op == "FONT":
                for rc in _cells(cmd, nrows, ncols):
                    font[rc] = (cmd[3], cmd[4])
            elif op == "SPAN":
                cs = _cells(cmd, nrows, ncols)
                span[cs[0]] = cs
                for rc in cs[1:]:
                    span[rc] = None
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                if span.get((r, c), 1) is None:
                    continue
                cols = sorted({cc for _, cc in span.get((r, c)) or [(r, c)]})
                w = sum(cws[cc] for cc in cols) - lp[(r, c)] - rp[(r, c)]
                items = cell if isinstance(cell, (list, tuple)) else [cell]
                for it in items:
                    if isinstance(it, str):
                        fn, fs = font[(r, c)]
                        ww = max(pdfmetrics.stringWidth(x, fn, fs) for x in it.split("\n"))
                        if ww > w + 0.01:
                            bad.append((ti, r, c, it, ww, w))
                    elif isinstance(it, Paragraph):
                        it.wrap(w, 1e6)
                        lw = it.getActualLineWidths0()
                        txt = it.getPlainText()
                        if max(lw) > w + 0.01:
                            bad.append((ti, r, c, txt, max(lw), w))
                        if one_line(txt) and len(lw) > 1:
                            bad.append((ti, r, c, txt, wrapped, w))
                        if para_check is not None:
                            bad += para_check(ti, r, c, txt, it)
                    elif isinstance(it, Table):
                        tw = sum(it._colWidths)
                        if tw > w + 0.01:
                            bad.append((ti, r, c, "nested table", tw, w))
    return bad


def check_cells():
    """Every Paragraph wraps inside its cell's inner width (no line wider
    than the cell); a number-like cell is on one line; a plain string cell
    fits; a nested table is no wider than its cell."""
    bad = cell_problems()
    assert not bad, ("cell overflow", bad)


# ---------------------------------------------------------------------------
# text extraction and self-checks
# ---------------------------------------------------------------------------

def extract_text(pdf_path: Path) -> str:
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(pdf_path))
    try:
        return "\f".join(p.get_textpage().get_text_range().replace("\r\n", "\n")
                         for p in doc)
    finally:
        doc.close()


def norm(s: str) -> str:
    return "".join(unicodedata.normalize("NFKC", s).split())


def page_of(pages, needle):
    return [i + 1 for i, t in enumerate(pages) if norm(needle) in norm(t)]


def make_has(text, across_pages=False):
    """Substring test after NFKC and whitespace removal.  across_pages: a
    string split by a page break (a paragraph running from page 1 to page 2)
    also counts when its head ends one page and its tail is on the next."""
    fold = str.maketrans({"\u301c": "~"})
    flat = norm(text).translate(fold)
    pages = [norm(t).translate(fold) for t in text.split("\f")]

    def has(s):
        s = norm(s).translate(fold)
        if s in flat:
            return True
        return across_pages and any(a.endswith(s[:i]) and s[i:] in b
                                    for a, b in pairwise(pages) for i in range(4, len(s) - 3))
    return has


def check_complete(pdf: Path, text: str):
    """Every glyph drawn must survive pypdfium2 extraction (cross-checked
    against pdfminer, when installed, which reads the content stream)."""
    try:
        from pdfminer.high_level import extract_text as pm_extract
    except ImportError:
        return
    fold = str.maketrans({"\u2212": "-", "\u301c": "~", "\uff5e": "~"})

    def bag(t):
        return Counter(norm(t).translate(fold))
    missing = bag(pm_extract(str(pdf))) - bag(text)
    assert not missing, (pdf.name, "dropped by pdfium:", dict(missing))


def check_no_lone_glyphs(pdf: Path):
    """No text-showing operator may draw a single non-ASCII glyph: pdfium
    drops such runs of a non-embedded CID font when no CJK system font is
    found, so the .txt would depend on the machine.  Strings here are UCS-2
    (UniJIS-UCS2-H)."""
    try:
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfinterp import PDFContentParser
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser
        from pdfminer.psparser import PSEOF, PSKeyword
    except ImportError:
        return
    bad = []
    with open(pdf, "rb") as f:
        for pno, page in enumerate(PDFPage.create_pages(PDFDocument(PDFParser(f))), 1):
            parser = PDFContentParser(page.contents)
            last = None
            while True:
                try:
                    _, obj = parser.nextobject()
                except PSEOF:
                    break
                if isinstance(obj, PSKeyword) and obj.name in (b"Tj", b"'", b'"') \
                        and isinstance(last, bytes) and len(last) == 2 \
                        and last.decode("utf-16-be") > "\x7f":
                    bad.append((pno, last.decode("utf-16-be")))
                last = obj
    assert not bad, (pdf.name, "lone glyph text runs:", bad)


def find_pages(stem, truth, pages, report_only, project_head, kpi_keys,
               project_page=None, kpis_on_project_page=False):
    """Set each truth record's page: a project's is the one page that holds
    project_head(stem, project), a KPI's the one page that holds any of
    kpi_keys(stem, kpi).  project_page(project), when given, is the page the
    project must be on; kpis_on_project_page: every KPI is on its project's
    page.  report_only: only print where each was found."""
    for pr in truth["projects"]:
        found = page_of(pages, project_head(stem, pr))
        if report_only:
            print(stem, "project", pr["no"], found)
            continue
        assert len(found) == 1, (stem, pr["no"], found)
        pr["page"] = found[0]
        if project_page is not None:
            assert pr["page"] == project_page(pr)
    for k in truth["kpis"]:
        found = sorted({pg for key in kpi_keys(stem, k) for pg in page_of(pages, key)})
        if report_only:
            print(stem, "kpi", k["project_no"], k["name"], found)
            continue
        assert len(found) == 1, (stem, k["name"], found)
        k["page"] = found[0]
        if kpis_on_project_page:
            assert k["page"] == next(p for p in truth["projects"] if p["no"] == k["project_no"])["page"]


def extract_checked(pdf: Path) -> str:
    """The pypdfium2 text of pdf, after check_complete and check_no_lone_glyphs."""
    text = extract_text(pdf)
    check_complete(pdf, text)
    check_no_lone_glyphs(pdf)
    return text


def check_schema(truth, ref_dir: Path, all_refs=False, need_ref=True):
    """Exactly the keys, in the same order, as the earlier held-out truths
    (the .truth.json files in ref_dir: the first one, or all_refs).  Without
    need_ref, no truth there means nothing to compare."""
    ref = sorted(ref_dir.glob("*.truth.json"))
    if not need_ref and not ref:
        return
    assert ref
    for rf in ref if all_refs else ref[:1]:
        r = json.loads(rf.read_text(encoding="utf-8"))
        assert list(truth) == list(r)
        assert list(truth["report"]) == list(r["report"])
        for pr in truth["projects"]:
            assert list(pr) == list(r["projects"][0]), list(pr)
        for k in truth["kpis"]:
            assert list(k) == list(r["kpis"][0]), list(k)


# ---------------------------------------------------------------------------
# output
# ---------------------------------------------------------------------------

def write_txt(outdir: Path, pdf: Path, text: str, truth) -> list[str]:
    """Write <stem>.txt, set the truth's page count; return the pages."""
    (outdir / f"{pdf.stem}.txt").write_text(text, encoding="utf-8")
    pages = text.split("\f")
    truth["report"]["pages"] = len(pages)
    return pages


def write_truth(outdir: Path, pdf: Path, truth, pages):
    """Write <stem>.truth.json (indent 1, not ASCII-escaped) and say what it holds."""
    with open(outdir / f"{pdf.stem}.truth.json", "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(pdf.name, "pages", len(pages), "projects", len(truth["projects"]),
          "kpi records", len(truth["kpis"]))


def pdftoppm_previews(pdfs, dpi):
    """Page PNGs in /tmp (not next to the fixtures), drawn by pdftoppm."""
    for pdf in pdfs:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), f"/tmp/{pdf.stem}"], check=True)


def pdfium_previews(pdfs, scale, name="/tmp/{stem}-{page}.png"):
    """Page PNGs in /tmp (not next to the fixtures), drawn by pypdfium2;
    name is formatted with the PDF's stem and the page number (from 1)."""
    import pypdfium2 as pdfium
    for pdf in pdfs:
        doc = pdfium.PdfDocument(str(pdf))
        for i, page in enumerate(doc, 1):
            page.render(scale=scale).to_pil().save(name.format(stem=pdf.stem, page=i))
        doc.close()
