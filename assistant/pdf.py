"""Extract a PDF report's text page by page (pages joined with form feeds) with pypdfium2."""

from __future__ import annotations

from pathlib import Path

from .errors import ReportError


def pdf_text(path: Path) -> str:
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise ReportError(path.name, "reading PDF needs pypdfium2: pip install pypdfium2") from None
    try:
        doc = pdfium.PdfDocument(str(path))
    except Exception as exc:  # pypdfium2 raises its own PdfiumError for broken files
        raise ReportError(path.name, f"cannot open PDF ({exc})") from None
    pages = []
    for i in range(len(doc)):
        tp = doc[i].get_textpage()
        pages.append(tp.get_text_range().replace("\r\n", "\n"))
    if not any(p.strip() for p in pages):
        raise ReportError(path.name, "PDF has no text layer (scanned image?); OCR it first")
    return "\f".join(pages)
