"""Pick a layout reader per report and read it; a report no reader recognizes is still kept as text.

Readers are tried from the most to the least confident; one that raises ReportError (the layout was not there
after all) gives way to the next, and the text reader always succeeds.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..errors import ReportError
from ..records import ParsedReport, Problem
from .base import Document, LayoutReader
from .cards import CardsReader
from .columns import ColumnsReader
from .deflist import DefinitionListReader
from .flat_text import FlatTableReader
from .forms import FormsReader
from .narrative import NarrativeReader
from .qa_sheet import QaSheetReader
from .sections import SectionsReader
from .sheet import SheetReader
from .slides import SlidesReader
from .summary_table import SummaryTableReader
from .text import TextReader

MIN_CONFIDENCE = 0.3


def default_readers() -> tuple[LayoutReader, ...]:
    return (SectionsReader(), SummaryTableReader(), SheetReader(), ColumnsReader(), CardsReader(), NarrativeReader(),
            QaSheetReader(), FlatTableReader(), SlidesReader(), DefinitionListReader(), FormsReader())


def read_document(doc: Document, readers: tuple[LayoutReader, ...] | None = None) -> ParsedReport:
    """Structured records of one document by the most confident reader that succeeds (text-only as a last resort)."""
    tried: list[str] = []
    fallback: ParsedReport | None = None
    scored = sorted(((r.detect(doc), i, r) for i, r in enumerate(readers or default_readers())),
                    key=lambda x: (-x[0], x[1]))
    for conf, _, reader in scored:
        if conf < MIN_CONFIDENCE:
            break
        try:
            parsed = reader.read(doc)
        except ReportError as exc:
            tried.append(f"{reader.name}: {exc.reason}")
            continue
        except Exception as exc:  # a reader's bug on one odd file must not lose the file: the next reader tries
            tried.append(f"{reader.name}: failed ({type(exc).__name__}: {exc})")
            continue
        if unnamed := [k for k in parsed.kpis if not _named(k.name)]:
            # a KPI without a name cannot be shown as a fact about anything: left out, said so (a "name" that opens
            # with a particle — 「の達成状況」 of a heading 「KPIの達成状況」 — is the end of another line, no name)
            parsed = replace(parsed, kpis=tuple(k for k in parsed.kpis if _named(k.name)), problems=(
                *parsed.problems, Problem(doc.name, f"{len(unnamed)} KPI value row(s) without a readable name; not kept")))
        if len({p.no for p in parsed.projects}) != len(parsed.projects):
            tried.append(f"{reader.name}: a project number read twice; structure not trusted")
            continue  # the store keys projects by number: never let a doubtful read take the build down
        if parsed.projects and not parsed.kpis and not any(p.budget for p in parsed.projects):
            # every layout we read prints KPIs or amounts per project: headings with neither under any of them
            # are more likely another layout's headings than projects — a title shown as a fact must not be a guess
            tried.append(f"{reader.name}: {len(parsed.projects)} project heading(s) but no KPI or budget read under "
                         "any; structure not trusted")
            continue
        if parsed.projects and parsed.kpis:
            return _with_blank_pages(parsed, doc)
        if parsed.projects:
            # projects but not one KPI: another layout's reader may read this report whole; keep this read
            # unless one does
            fallback = fallback or parsed
            tried.append(f"{reader.name}: {len(parsed.projects)} project(s) but no KPI read")
            continue
        tried.append(f"{reader.name}: no project read")
    if fallback is not None:
        return _with_blank_pages(fallback, doc)
    parsed = TextReader().read(doc)
    if tried:
        parsed = replace(parsed, problems=(*parsed.problems, Problem(doc.name, "tried " + "; ".join(tried))))
    return _with_blank_pages(parsed, doc)


def _with_blank_pages(parsed: ParsedReport, doc: Document) -> ParsedReport:
    if not doc.blank_pages:
        return parsed
    pages = ", ".join(str(p) for p in doc.blank_pages)
    note = Problem(doc.name, f"page(s) {pages} have no text layer (scanned image?); not read")
    return replace(parsed, problems=(*parsed.problems, note))


def _named(name: str) -> bool:
    # (「の達成状況」, 「を…」: a particle then a kanji word; にぎわい…, はまなす… are names)
    return bool(name.strip()) and not re.match(r"の[一-龯]|を|[、。]", name.strip())

