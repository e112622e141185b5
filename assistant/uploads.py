"""Accept a report uploaded through the chat: checked by content, size and name, written only inside the corpus.

A file is taken only when it is what its name says — a PDF that opens and has text, or text in an encoding the
readers know — is at most MAX_UPLOAD_BYTES, and gets a plain file name inside the corpus folder (never a path, never
a hidden file, never replacing a report already there). It is written to a temporary file in the corpus folder and
renamed, so a half-written upload is never read as a report. A refused file changes nothing.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

from . import pdffont
from .errors import ReportError
from .reading import decode
from .source import PDF_MAGIC, PDFIUM_LOCK

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
ALLOWED = (".pdf", ".txt")
_UNSAFE = re.compile(r"[^\w\-.()（）　]+")


def safe_name(original: str) -> str:
    """A plain file name from whatever the browser sent ("../../x.pdf", "C:\\a\\b.txt", ".hidden.txt").

    Raises:
        ReportError: no usable name, or not a .pdf / .txt.
    """
    base = re.split(r"[\\/]", unicodedata.normalize("NFKC", original or ""))[-1].strip()
    base = _UNSAFE.sub("_", base).lstrip(".-_ ")
    stem, suffix = os.path.splitext(base)
    if suffix.lower() not in ALLOWED:
        raise ReportError(original or "?", "only .pdf and .txt reports can be added")
    if not stem:
        raise ReportError(original or "?", "the file name is empty")
    return stem[:100] + suffix.lower()


def check_content(data: bytes, name: str) -> None:
    """The bytes are what the name says, small enough, and readable.

    Raises:
        ReportError: with a message a user can act on.
    """
    if len(data) > MAX_UPLOAD_BYTES:
        raise ReportError(name, f"file is too large ({len(data):,} bytes; limit {MAX_UPLOAD_BYTES:,})")
    if name.endswith(".pdf"):
        if not data.startswith(PDF_MAGIC):
            raise ReportError(name, "not a PDF (the file does not start with %PDF-)")
        try:
            pdfium = pdffont.pdfium()
            with PDFIUM_LOCK:
                doc = pdfium.PdfDocument(data)
                has_text = any(doc[i].get_textpage().get_text_range().strip() for i in range(len(doc)))
                doc.close()
        except Exception as exc:
            raise ReportError(name, f"cannot open PDF ({exc})") from None
        if not has_text:
            raise ReportError(name, "PDF has no text layer (scanned image?); OCR it first")
    else:
        if data.startswith(PDF_MAGIC):
            raise ReportError(name, "this is a PDF: give it the .pdf extension")
        decode(data, name)  # raises for empty, binary or undecodable text


def accept_upload(source: Path, original_name: str, corpus_dir: Path) -> Path:
    """Copy one uploaded file into the corpus folder after the checks; returns where it was written.

    Raises:
        ReportError: the file was refused; nothing was written.
    """
    name = safe_name(original_name)
    try:
        size = source.stat().st_size
        if size > MAX_UPLOAD_BYTES:
            raise ReportError(name, f"file is too large ({size:,} bytes; limit {MAX_UPLOAD_BYTES:,})")
        data = source.read_bytes()
    except OSError as exc:
        raise ReportError(name, f"cannot read the upload ({exc.strerror or exc})") from None
    check_content(data, name)
    corpus = corpus_dir.resolve()
    target = (corpus / name).resolve()
    if target.parent != corpus:
        raise ReportError(name, "refused: the name points outside the corpus folder")
    if target.exists():
        raise ReportError(name, "a report with this name is already in the corpus; rename the file to add it")
    fd, tmp = tempfile.mkstemp(prefix=".upload-", suffix=".part", dir=corpus)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.link(tmp, target)  # fails if a file of that name appeared meanwhile: never overwrite
    finally:
        os.unlink(tmp)
    return target
