"""Question-and-answer evaluation forms (事業評価調書): each project is a header box 「整理番号 1 担当課 産業振興課」
/ 「事業名 …」 followed by numbered questions 「問１ …を記載してください。」, each answered below it — the period and
grant as label lines, the budget as a table with a column per year or as sentences, the KPIs as a table with a
column per indicator, the evaluation and policy as check-box lists (■ the chosen one). What a question asks is
read from its own words (事業費, 指標, 成果, 評価, 方針), the first question of each kind counting. Read from the text
line by line, the same for a PDF and its text export (readers/blocks.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import eras
from ..errors import ReportError
from ..records import Kpi, ParsedReport, Problem, Project, Report
from .base import Document
from .blocks import (
    budget_columns,
    budget_rows,
    budget_sentences,
    checked,
    joined,
    kpi_columns,
    kpi_table,
    labels,
    project_of,
    ruled_rows,
    section_kind,
)
from .tables import make_kpi
from .text import guess_header

_HEAD = re.compile(r"^(?:整理番号|事業番号|事業No\.?)\s*(\d{1,2})(?:\s|$)(.*)$")
_TITLE = re.compile(r"^(?:事業名|事業の名称)\s*:?\s*(\S.*)$")
_QUESTION = re.compile(r"^問\s*(\d{1,2})\s*(\S.*)$")
_DEPARTMENT = re.compile(r"(?:担当課|所管課|担当部署)\s*:?\s*(\S+)")


@dataclass
class _Form:
    no: int
    page: int
    pages: list[int]
    title: str = ""
    fields: dict[str, str] = field(default_factory=dict)
    kind: str = ""  # what the current question asks
    kinds: set[str] = field(default_factory=set)
    asks: str = ""  # the current question's words
    lines: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def _forms(doc: Document) -> list[_Form]:
    forms: list[_Form] = []
    for line, page in doc.lines:
        if m := _HEAD.match(line):
            f = _Form(int(m.group(1)), page, [page])
            if d := _DEPARTMENT.search(m.group(2)):
                f.fields["department"] = d.group(1)
            forms.append(f)
            continue
        if not forms or line.startswith("【様式"):
            continue
        f = forms[-1]
        if page not in f.pages:
            f.pages.append(page)
        if not f.title and not f.kinds and (m := _TITLE.match(line)):
            f.title = m.group(1)
            continue
        if m := _QUESTION.match(line):
            kind = section_kind(m.group(2))
            f.kind = kind if kind not in f.kinds or kind == "evaluation" else "other"
            f.kinds.add(kind)
            f.asks = m.group(2)
            continue
        if f.kind == "evaluation" and (choice := checked(line)):
            f.fields.setdefault("policy" if "方針" in f.asks else "evaluation", choice)
            continue
        pairs = labels(line)
        for role, value in pairs:
            f.fields.setdefault(role, re.sub(r"\((?:\d+|[一二三四五六七八九十])か年\)$", "", value))
        if not pairs:
            f.lines.setdefault(f.kind, []).append((line, page))
    return [f for f in forms if f.title and f.kinds]


class QaSheetReader:
    name = "qa_sheet"

    def detect(self, doc: Document) -> float:
        lines = [s for s, _ in doc.lines]
        heads = sum(1 for s in lines if _HEAD.match(s))
        questions = sum(1 for s in lines if _QUESTION.match(s))
        return 0.7 if heads and questions >= 3 * heads else 0.0

    def read(self, doc: Document) -> ParsedReport:
        forms = _forms(doc)
        if not forms:
            raise ReportError(doc.name, "no evaluation form (「整理番号 1」「事業名」「問１ …」) found")
        if len({f.no for f in forms}) != len(forms):
            raise ReportError(doc.name, "a project number printed twice")
        title, fy, city = guess_header(doc.pages)
        problems: list[Problem] = []
        projects: list[Project] = []
        kpis: list[Kpi] = []
        for f in forms:
            text = {k: [s for s, _ in v] for k, v in f.lines.items()}
            budget_lines = text.get("budget", [])
            budget = budget_rows(budget_lines) or budget_columns(budget_lines)
            if budget.why:
                budget = budget_sentences("".join(budget_lines))
            if budget.why:
                problems.append(Problem(doc.name, f"project {f.no}: budget not read ({budget.why})"))
            kpi_lines = f.lines.get("kpi", [])
            cells = kpi_columns(kpi_lines, fy)
            if cells == [] and (ruled := ruled_rows(doc, kpi_lines)):
                cells = kpi_columns(ruled, fy) or []  # names wrapped in the text: the PDF's cells keep them whole
            if cells is None:
                cells = kpi_table(kpi_lines, fy) or []
            own = [make_kpi(c, doc.name, f.no) for c in cells]
            if not own:
                problems.append(Problem(doc.name, f"project {f.no}: no KPI read"))
            kpis += own
            projects.append(project_of(doc.name, f.no, f.title, city, f.fields, budget, joined(text.get("purpose")),
                                       joined(text.get("outcome")), f.page, f.pages))
        report = Report(doc.name, city, fy, eras.western(fy), title, doc.encoding, len(doc.pages), layout=self.name)
        return ParsedReport(report, tuple(projects), tuple(kpis), tuple(problems), doc.pages)
