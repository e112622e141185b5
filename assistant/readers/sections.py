"""The ①-section form (Fukuoka's and many others): circled-number project titles, KPI rows `ＫＰＩ 名称（単位） 目標 実績 率`."""

from __future__ import annotations

import re
from dataclasses import replace

from ..extract import parse_text
from ..reading import _CIRCLED
from ..records import ParsedReport
from .base import Document

_TITLE_LINE = re.compile(rf"^ ?[{_CIRCLED}]\s*\S", re.M)
_KPI_ROW = re.compile(r"^\s*(?:KPI|ＫＰＩ)\s*(?!の)\S", re.M)  # (not 「KPIの達成状況」, a heading)


class SectionsReader:
    name = "sections"

    def detect(self, doc: Document) -> float:
        titles = len(_TITLE_LINE.findall(doc.text))
        rows = len(_KPI_ROW.findall(doc.text))
        if not titles:
            return 0.0
        return 0.9 if rows else 0.4

    def read(self, doc: Document) -> ParsedReport:
        parsed = parse_text(doc.text, doc.name, doc.encoding)
        return replace(parsed, report=replace(parsed.report, layout=self.name))
