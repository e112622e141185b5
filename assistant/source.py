"""Read a report file from disk into a Document: decoded text, or a PDF's pages with their ruled tables."""

from __future__ import annotations

import re
from pathlib import Path

from .errors import ReportError
from .layout import split_pages
from .pdffont import LOCK, pdfium
from .readers.base import Document
from .reading import MAX_REPORT_BYTES, decode, split_lines

PDF_MAGIC = b"%PDF-"
# PDFium is not thread-safe: every use in this process (reading a report in a rebuild thread, rendering a cited page
# for the chat, checking an upload) holds this lock. Worker processes have their own.
PDFIUM_LOCK = LOCK


def load_document(path: Path, name: str | None = None) -> Document:
    """Load a .txt (UTF-8 / CP932 / EUC-JP / ISO-2022-JP / UTF-16 with BOM) or .pdf report.

    Raises:
        ReportError: the file cannot be read at all (empty, binary, broken or image-only PDF, too large).
    """
    name = name or path.name
    try:
        size = path.stat().st_size
        if size > MAX_REPORT_BYTES:
            raise ReportError(name, f"file is too large ({size:,} bytes; limit {MAX_REPORT_BYTES:,})")
        data = path.read_bytes()
    except OSError as exc:
        raise ReportError(name, f"cannot read file ({exc.strerror or exc})") from None
    if data.startswith(PDF_MAGIC) or path.suffix.lower() == ".pdf":
        return _pdf_document(path, name, data)
    text, encoding = decode(data, name)
    return text_document(text, name, encoding)


def text_document(text: str, name: str, encoding: str = "utf-8") -> Document:
    """A Document of plain text, its pages cut the way the ①-section reader cuts them."""
    text = re.sub(r"(?<=[^\n])\f", "\n\f", text)  # a page break mid-line: no source line straddles two pages
    pages = split_pages(split_lines(text))
    return Document(name, encoding, text, tuple("\n".join(ln.text for ln in p.lines) for p in pages))


def _pdf_document(path: Path, name: str, data: bytes) -> Document:
    if not data.startswith(PDF_MAGIC):
        raise ReportError(name, "not a PDF (the file does not start with %PDF-)")
    try:
        pdfium_module = pdfium()
    except ImportError:
        raise ReportError(name, "reading PDF needs pypdfium2: pip install pypdfium2") from None
    with PDFIUM_LOCK:
        try:
            doc = pdfium_module.PdfDocument(data)
        except Exception as exc:  # pypdfium2 raises its own PdfiumError for broken files
            raise ReportError(name, f"cannot open PDF ({exc})") from None
        try:
            raw_pages = []
            for i in range(len(doc)):
                tp = doc[i].get_textpage()
                raw_pages.append(tp.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
        except Exception as exc:
            raise ReportError(name, f"cannot read PDF text ({exc})") from None
        finally:
            doc.close()
    if not any(p.strip() for p in raw_pages):
        raise ReportError(name, "PDF has no text layer (scanned image?); OCR it first")
    blank = tuple(i + 1 for i, p in enumerate(raw_pages) if not p.strip())
    pages = tuple("\n".join(ln.text for ln in split_lines(p)) for p in raw_pages)
    tables = _pdf_tables(path, name)
    # Each page ends its last line before the form feed, so no source line straddles two pages.
    text = "\f".join(p if p.endswith("\n") or not p else p + "\n" for p in raw_pages)
    return Document(name, "pdf", text, pages, tables, blank)


def _pdf_tables(path: Path, name: str) -> tuple:
    """Ruled tables of every page; a PDF whose drawing cannot be parsed still gives its text."""
    from .pdftables import tables_pdfplumber

    try:
        return tuple(tables_pdfplumber(path))
    except Exception:  # a malformed drawing must not cost the report its text
        return ()
