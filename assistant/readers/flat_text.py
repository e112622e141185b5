"""Tables flattened to text by a PDF extractor (one cell per line): only what is unambiguous is read."""

from __future__ import annotations

from ..errors import ReportError
from ..records import ParsedReport
from .base import Document


class FlatTableReader:
    name = "flat_table"

    def detect(self, doc: Document) -> float:
        return 0.0

    def read(self, doc: Document) -> ParsedReport:
        raise ReportError(doc.name, "flattened tables are not read yet")
