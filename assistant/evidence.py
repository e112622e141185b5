"""Show where an answer comes from, and hand its data out: a cited page with the cited rows highlighted (a PDF page
as an image, a text page as HTML), and CSV files of KPI / project rows that Excel opens correctly.

Pure functions, no Gradio: the chat (ui.py) only wires them to the page.

Matching is forgiving about how a page prints text: both sides are normalized the way the readers normalize
(NFKC, dashes, full-width digits) and whitespace is ignored, so a KPI name broken across two PDF lines, or a
number printed as "１２０", is still found. A needle that is a bare number ("120", "8,930", "90.0%") must not touch
other digits, so "120" does not light up inside "1,120".
"""

from __future__ import annotations

import csv
import html
import json
import re
import shutil
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from . import pdffont
from .format import fmt_num
from .reading import decode, normalize
from .records import Answer, Citation, Kpi
from .source import PDFIUM_LOCK, text_document

RENDER_SCALE = 2.0  # 144 dpi: table text stays readable in the chat
HIGHLIGHT_FILL = (255, 214, 0, 90)  # translucent yellow
HIGHLIGHT_EDGE = (230, 120, 0, 220)
PAD = 1.5  # points around each highlighted run
MIN_NEEDLE = 2  # shorter needles would light up half the page
QUOTE_CHARS = 16  # the first characters of a quoted passage are enough to find it
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # text cells Excel would run as a formula
_NUMERIC = re.compile(r"[△▲-]?\d[\d,]*(?:\.\d+)?%?")
_SPACE = re.compile(r"\s")


# --- finding needles in page text ----------------------------------------------------------------------------------


def _key(s: str) -> str:
    """What matching compares: normalized text without any whitespace."""
    return _SPACE.sub("", normalize(s))


def is_numeric(needle: str) -> bool:
    return bool(_NUMERIC.fullmatch(_key(needle)))


def _stream(text: str, spaces: bool = False) -> tuple[str, list[int]]:
    """The page's comparable text and, for each of its characters, the index of the source character it came from.
    With `spaces`, each run of whitespace stays as one space (numbers need it as a separator)."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace() or not normalize(ch).strip():
            if spaces and out and out[-1] != " ":
                out.append(" ")
                where.append(i)
            continue
        for c in _key(ch):
            out.append(c)
            where.append(i)
    return "".join(out), where


def find_spans(text: str, needles: Iterable[str]) -> list[tuple[int, int, str]]:
    """Every place a needle occurs in `text`: (start, end) source indices (end exclusive) and the needle.

    Overlapping finds are all returned; numeric needles only match between non-digits."""
    streams = {False: _stream(text), True: _stream(text, spaces=True)}
    spans = []
    for needle in dict.fromkeys(needles):
        key = _key(needle)
        if len(key) < MIN_NEEDLE:
            continue
        numeric = is_numeric(needle)
        stream, where = streams[numeric]
        start = stream.find(key)
        while start >= 0:
            end = start + len(key)
            before = stream[start - 1] if start else ""
            after = stream[end] if end < len(stream) else ""
            glued = before.isdigit() or (before != "" and before in ",.") or after.isdigit() or (
                after != "" and after in ",." and stream[end + 1:end + 2].isdigit())
            if not numeric or not glued:
                spans.append((where[start], where[end - 1] + 1, needle))
            start = stream.find(key, start + 1)
    return spans


# --- a text page as HTML --------------------------------------------------------------------------------------------


def marked_lines(text: str, needles: Sequence[str]) -> set[int]:
    """0-based numbers of the lines to highlight: those holding a textual needle (a KPI name, a title, a quote); the
    numeric needles count only when no textual one was found on the page."""
    lines = text.split("\n")
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1

    def line_of(i: int) -> int:
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid] <= i:
                lo = mid
            else:
                hi = mid - 1
        return lo

    spans = find_spans(text, needles)
    words = [s for s in spans if not is_numeric(s[2])]
    marked: set[int] = set()
    for start, end, _ in words or spans:
        marked.update(range(line_of(start), line_of(max(start, end - 1)) + 1))
    return marked


def page_html(text: str, needles: Sequence[str]) -> str:
    """The page's text, escaped, one line per line, with the matching lines in <mark>."""
    lines = text.split("\n")
    marked = marked_lines(text, needles)
    body = []
    for i, line in enumerate(lines):
        shown = html.escape(line) or "&nbsp;"
        body.append(f"<mark>{shown}</mark>" if i in marked else shown)
    return ('<div class="evidence-page" style="white-space: pre-wrap; line-height: 1.6; font-size: 14px; '
            'max-height: 560px; overflow: auto; padding: 8px; border: 1px solid #ddd; border-radius: 6px">'
            + "\n".join(body) + "</div>")


def text_page(path: Path, page: int) -> str:
    """Page `page` (1-based) of a text report, cut the way the readers cut it (so citation pages match)."""
    text, encoding = decode(path.read_bytes(), path.name)
    pages = text_document(text, path.name, encoding).pages
    if not 1 <= page <= len(pages):
        raise ValueError(f"{path.name} has {len(pages)} pages, not page {page}")
    return pages[page - 1]


# --- a PDF page as an image -----------------------------------------------------------------------------------------


def _runs(boxes: list[tuple[float, float, float, float]]) -> list[tuple[float, float, float, float]]:
    """Merge character boxes that sit on one line next to each other into one rectangle each (PDF points)."""
    out: list[list[float]] = []
    for left, bottom, right, top in boxes:
        if right <= left or top <= bottom:
            continue  # generated characters (line breaks, spaces pdfium adds) have no box
        if out:
            last = out[-1]
            height = max(top - bottom, last[3] - last[1])
            same_line = min(top, last[3]) - max(bottom, last[1]) > 0  # commas and dots sit low: overlap will do
            if same_line and -height <= left - last[2] <= height * 1.5:
                last[:] = [min(last[0], left), min(last[1], bottom), max(last[2], right), max(last[3], top)]
                continue
        out.append([left, bottom, right, top])
    return [tuple(r) for r in out]  # type: ignore[misc]


def page_boxes(path: Path, page: int, needles: Sequence[str]) -> list[tuple[float, float, float, float]]:
    """Rectangles (left, bottom, right, top in PDF points) around every needle found on a PDF page (1-based)."""
    pdfium = pdffont.pdfium()

    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(str(path))
        try:
            tp = pdf[page - 1].get_textpage()
            text = tp.get_text_range()
            rects = []
            for start, end, _ in sorted(find_spans(text, needles)):
                rects.extend(_runs([tp.get_charbox(i) for i in range(start, end) if not text[i].isspace()]))
            return rects
        finally:
            pdf.close()


def page_image(path: Path, page: int, needles: Sequence[str], scale: float = RENDER_SCALE) -> Any:
    """A PIL image of PDF page `page` (1-based) with every needle found on it under a translucent rectangle.

    Raises:
        ValueError: no such page.
    """
    pdfium = pdffont.pdfium()
    from PIL import Image, ImageDraw

    path = Path(path)
    with PDFIUM_LOCK:  # PDFium is not thread-safe: two sessions opening citations at once crashed the process
        pdf = pdfium.PdfDocument(str(path))
        try:
            if not 1 <= page <= len(pdf):
                raise ValueError(f"{path.name} has {len(pdf)} pages, not page {page}")
            pg = pdf[page - 1]
            rotation = pg.get_rotation()
            left, _, _, top = pg.get_cropbox()
            image = pg.render(scale=scale).to_pil().convert("RGBA")
        finally:
            pdf.close()
    rects = page_boxes(path, page, needles) if rotation == 0 else []  # rotated pages: shown without marks
    if not rects:
        return image.convert("RGB")
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for x0, y0, x1, y1 in rects:
        box = ((x0 - PAD - left) * scale, (top - y1 - PAD) * scale, (x1 + PAD - left) * scale,
               (top - y0 + PAD) * scale)
        draw.rectangle(box, fill=HIGHLIGHT_FILL, outline=HIGHLIGHT_EDGE, width=2)
    return Image.alpha_composite(image, layer).convert("RGB")


# --- what to look for -----------------------------------------------------------------------------------------------


def _kpis_of(answer: Answer, citation: Citation) -> list[Kpi]:
    return [k for k in answer.kpis if k.report == citation.report
            and (citation.project_no is None or k.project_no == citation.project_no)
            and (citation.page is None or k.page == citation.page)]


def _quotes(answer: Answer) -> list[str]:
    """The first words of each passage the answer quotes (markdown "> " lines)."""
    out = []
    for line in answer.text.splitlines():
        if line.startswith(">"):
            q = line.lstrip("> ").split("…")[0].strip()
            if q:
                out.append(q[:QUOTE_CHARS])
    return out


def _hit_passages(answer: Answer, citation: Citation) -> list[str]:
    """The first words of each retrieved passage on the cited page (the text after the chunk's "label: ")."""
    out = []
    for h in answer.hits:
        c = h.chunk
        if c.report != citation.report or (citation.page is not None and c.page != citation.page):
            continue
        if citation.project_no is not None and c.project_no != citation.project_no:
            continue
        if c.kind in ("activity", "note", "purpose"):
            body = c.text.split(": ", 1)[-1].split("\n")[0].split("…")[0].strip()
            if body:
                out.append(body[:QUOTE_CHARS])
    return out


def needles_for(answer: Answer, citation: Citation) -> list[str]:
    """What to highlight on the cited page, most telling first: the KPI names the answer used there and their
    printed values; else the passages it quotes and the project title (plus the budget figures of a budget
    answer)."""
    needles: list[str] = []
    kpis = _kpis_of(answer, citation)
    for k in kpis:
        needles.append(k.name)
    for k in kpis:
        needles.extend(v for v in k.printed if v and any(ch.isdigit() for ch in v))
    if not kpis:
        needles.extend(_quotes(answer))
        needles.extend(_hit_passages(answer, citation))
        if citation.project_title:
            needles.append(citation.project_title)
        if answer.intent.startswith("budget"):
            for p in answer.projects:
                if p.report == citation.report and p.no == citation.project_no:
                    needles.extend(fmt_num(v) for _, v in p.budget if v is not None)
    return list(dict.fromkeys(n for n in needles if len(_key(n)) >= MIN_NEEDLE))


def citation_label(c: Citation) -> str:
    """「fukuoka.txt / 事業1 エンジニア… / 1ページ」 for the dropdown."""
    parts = [c.report]
    if c.project_no is not None:
        title = c.project_title or ""
        parts.append(f"事業{c.project_no} {title if len(title) <= 24 else title[:23] + '…'}".strip())
    if c.page is not None:
        parts.append(f"{c.page}ページ")
    return " / ".join(parts)


# --- CSV ------------------------------------------------------------------------------------------------------------


def csv_cell(value: Any) -> str:
    """Strings as they are (a leading =, +, - or @ gets a ' so Excel does not run it as a formula); None empty;
    numbers, booleans, lists and dicts as JSON ("210.8", "true", "[\\"R2\\"]")."""
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_START) else value
    return json.dumps(value, ensure_ascii=False)


def write_csv(rows: Sequence[dict[str, Any]], path: Path, columns: Sequence[str] | None = None) -> Path:
    """One row per dict, one column per key (in first-seen order), UTF-8 with BOM so Excel reads Japanese."""
    cols = list(columns or dict.fromkeys(k for r in rows for k in r))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(cols)
        for r in rows:
            w.writerow([csv_cell(r.get(c)) for c in cols])
    return path


def download_file(rows: Sequence[dict[str, Any]], name: str, folder: Path | None = None,
                  columns: Sequence[str] | None = None, keep_seconds: float = 3600) -> Path:
    """Write `name` into a fresh subfolder of `folder` (default: one under the system temp folder, which Gradio may
    serve) and return its path; subfolders older than `keep_seconds` are removed on the way."""
    base = folder or Path(tempfile.gettempdir()) / "assistant-downloads"
    base.mkdir(parents=True, exist_ok=True)
    now = time.time()
    for old in base.iterdir():
        try:
            if old.is_dir() and now - old.stat().st_mtime > keep_seconds:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            pass
    return write_csv(rows, Path(tempfile.mkdtemp(dir=base)) / name, columns)
