"""What every layout reader sees (a Document) and the one small Protocol each reader implements."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

from ..records import ParsedReport

if TYPE_CHECKING:
    from ..pdftables import Table
    from .segments import Segment


@dataclass(frozen=True)
class Document:
    """One report file as read from disk: its text page by page and, for a PDF, the ruled tables on its pages.

    `text` is the whole decoded text (PDF pages joined by form feeds), `pages` the normalized text of each page
    (1-based page n is pages[n-1]; an image-only PDF page is an empty string), `tables` the ruled tables rebuilt from
    the PDF's character boxes and rules (empty for a text file).
    """

    name: str
    encoding: str  # "pdf" for PDFs
    text: str
    pages: tuple[str, ...]
    tables: tuple[Table, ...] = ()
    blank_pages: tuple[int, ...] = ()  # PDF pages without any text layer (scanned images)

    @cached_property
    def segments(self) -> list[Segment]:
        """The tables as logical segments (continued tables joined), computed once for every reader's detect and read."""
        from .segments import segments

        return segments(self.tables)

    @cached_property
    def lines(self) -> tuple[tuple[str, int], ...]:
        """(line, page) of the text without page numbers and running headers (readers.blocks.page_lines), computed
        once for every line-by-line reader's detect and read."""
        from .blocks import page_lines

        return tuple(page_lines(self))


class LayoutReader(Protocol):
    """A reader for one report layout: says how sure it is that a document has its layout, then reads it."""

    name: str

    def detect(self, doc: Document) -> float:
        """Confidence in [0, 1] that this reader understands the document's layout (cheap; no full read)."""
        ...

    def read(self, doc: Document) -> ParsedReport:
        """Structured records of the document.

        Raises:
            ReportError: the document does not hold this layout after all (the next reader is tried).
        """
        ...
