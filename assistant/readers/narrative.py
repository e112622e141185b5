"""Narrative reports (a Word document printed to PDF): each project is a numbered heading 「(1) 題名」 (the title may
wrap) followed by circled sections — ① 事業の概要, ② 事業費, ③ 実施内容及び成果, ④ KPIの達成状況, ⑤ 評価及び今後の方針 —
whose facts are label lines, a small table or sentences. A top-level heading (「4. 今後の対応」) ends the last
project. Read from the text line by line, the same for a PDF and its text export (readers/blocks.py).

The same line-by-line reading serves the other prose forms whose projects open with a heading and label lines:
numbered items (「1 …」, 「広域事業1 …」 with 代表団体 pairs and (n) sections), 広報誌 articles (❶ headline, 事業名：,
【期間】 labels, ■ sections, ◆事業費 sentences, a 問 contact line), committee papers (「○…」 with 「・担当課：」 bullets)
and forms flattened to text (「事業名 …」 then 担当課 / 事業期間)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from .. import eras
from ..errors import ReportError
from ..reading import normalize
from ..records import Kpi, ParsedReport, Problem, Project, Report
from .base import Document
from .blocks import (
    LABEL_ROLES,
    budget_columns,
    budget_members,
    budget_pairs,
    budget_rows,
    budget_sentences,
    joined,
    kpi_area_table,
    kpi_bullets,
    kpi_table,
    kpi_year_blocks,
    labels,
    project_of,
    prose_facts,
    quoted_after,
    section_heading,
    section_kind,
)
from .tables import make_kpi, role_of
from .text import guess_header

_PROJECT = re.compile(r"^\((\d{1,2})\)\s*(\S.*)$")  # (3) 浜咲ブランド水産物の…
_NAMED = re.compile(r"^(?:事業名\s*(?::|\s)|○)\s*(\S.*)$")  # 「事業名：…」「事業名 …」「○…」 with labels below
_BULLET_SECTION = re.compile(r"^[・･]\s*([^:\s]{2,14}?)\s*:\s*(.*)$")  # 「・事業費：令和4年度 …」「・成果指標（KPI）：」
_HEADLINE = re.compile(r"^([\u2776-\u277f\u2780-\u2789])\s*\S")  # ❶ 湯けむり通りに にぎわいが戻ってきました
_KPI_CAPTION = re.compile(r"^(?:成果指標|KPI|重要業績評価指標)[^。]{0,20}(?:達成状況|実績)[^。]{0,15}$")  # a table's caption
_CONTACT = re.compile(r"☎|TEL|Tel|電話")
_NUMBERED = re.compile(r"^(?:(?:広域)?事業\s*)?(\d{1,2})\s+(\S.*)$")  # 1 萌木町産木材の…, 広域事業1 あかね湾岸… (label lines follow)
_PAREN_SECTION = re.compile(r"^\((\d{1,2})\)\s*(\S.{1,40})$")  # (3) 事業費（団体別の負担内訳） inside a project
_SECTION_LABEL = ("budget", "outcome", "kpi")  # 「事業費」「実施内容 …」「KPIの / 達成状況」 as a label cell
_CHAPTER = re.compile(r"^\d{1,2}[.．]\s*(?!\d)\S|^第\s*\d+\s*章")  # 4. 今後の対応 (not 「21.3%)であった。」, a rate wrapped)
_KPI_ROW = re.compile(r"^(?:KPI|指標)\s*(?:[①-⑳]|\d{1,2}(?=\s))")  # 「KPI① 名称 基準値 … 目標 …」: a row of its own
_OTHER_LABEL = re.compile(r"^(?:備考|摘要|特記事項|事業概要|事業の概要|事業目的|事業の目的)$")  # a label cell of no field
_COLUMN_HEADS = {"No.", "No", "番号", "項目", "内容", "区分"}  # 「No. 項目 内容」 repeated over a table on each page


@dataclass
class _Part:
    no: int
    title: list[str]
    page: int
    pages: list[int]
    fields: dict[str, str] = field(default_factory=dict)
    section: str = ""
    lines: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # section kind → its (line, page)
    title_open: bool = True


def _parts(doc: Document) -> list[_Part]:
    lines = doc.lines
    parts: list[_Part] = []
    cur: _Part | None = None
    headline: int | None = None  # the number of an article's headline (❶ …), for the 事業名 line below it
    open_label: str | None = None  # a label whose value wrapped (「【交付金】…(横展開タイ」 then 「プ)」)
    for i, (line, page) in enumerate(lines):
        if m := _HEADLINE.match(line):
            headline, cur = _dingbat(m.group(1)), None  # an article's headline ends the one before
            continue
        if (named := _NAMED.match(line)) and ((":" in line[:5] and line.startswith("事業名")) or _opens_labels(lines, i)):
            cur = _Part(headline or len(parts) + 1, [], page, [page])
            parts.append(cur)
            headline = None
            _title_line(cur, named.group(1))
            continue
        if cur is not None and open_label and len(line) <= 20 and ")" in line and "(" not in line:
            cur.fields[open_label] += line  # the wrapped end of a label's value
            open_label = None
            continue
        open_label = None
        m = _PROJECT.match(line)
        if not (m and _opens_sections(lines, i)) and (n := _NUMBERED.match(line)) and _opens_labels(lines, i):
            m = n
        if m and (_opens_sections(lines, i) if m.re is _PROJECT else _opens_labels(lines, i)):
            cur = _Part(int(m.group(1)), [], page, [page])
            parts.append(cur)
            words = m.group(2).split()
            if len(words) > 1 and role_of(words[0]) == "title":
                words = words[1:]  # 「1 事業名 瑠璃沢温泉郷の…」: the label cell before the title
            _title_line(cur, " ".join(words))
            continue
        if _CHAPTER.match(line) or ((n := _NUMBERED.match(line)) and re.fullmatch(r"[^\d、。,.:()]{2,20}", n.group(2))):
            cur = None  # 「4. 今後の対応」, or a short numbered heading that opens no project (「3 評価の区分」)
            continue
        if cur is None:
            continue
        if page not in cur.pages:
            cur.pages.append(page)
        if (words := line.split()) and len(words) >= 2 and set(words) <= _COLUMN_HEADS:
            continue  # a table's column heads, printed again on a new page
        if ((bs := _BULLET_SECTION.match(normalize(line))) and not labels(line)
                and (kind := section_kind(bs.group(1))) != "other"):
            cur.title_open, cur.section = False, _own_kind(cur, kind, line)  # 「・取組内容：…」: a section, its text
            if bs.group(2).strip():
                cur.lines.setdefault(cur.section, []).append((bs.group(2).strip(), page))
            continue
        if (ps := _PAREN_SECTION.match(line)) and (kind := section_kind(ps.group(2))) != "other":
            cur.title_open, cur.section = False, _own_kind(cur, kind, line)  # 「(4) 重要業績評価指標（KPI）」
            if kind == "budget":
                cur.lines.setdefault("budget", []).append((ps.group(2), page))  # (its 「（単位：円）」)
            continue
        if (marked := _marked_section(line)) is not None:  # 「◆事業費 令和4年度は…」: a heading, its text beside it
            cur.title_open, cur.section = False, _own_kind(cur, marked[0], line)
            cur.lines.setdefault(cur.section, []).append((marked[1], page))
            continue
        if (kind := section_heading(line)) is not None:
            cur.title_open, cur.section = False, _own_kind(cur, kind, line)
            continue
        if _KPI_CAPTION.match(line):
            cur.title_open, cur.section = False, "kpi"
            continue
        if cur.title_open and _title_line(cur, line):
            continue
        pairs = labels(line)
        cur.title_open = False
        if pairs:
            for role, value in pairs:
                if role == "department" and _CONTACT.search(value):
                    # 「問 観光振興課 観光推進係 ☎(23)4567」: the contact line names the section (課), not its phone
                    value = next((w for w in value.split() if re.search(r"(課|室|局|所|センター)$", w)), "")
                if value:
                    cur.fields.setdefault(role, value)
            last_role, last_value = pairs[-1]
            if last_value.count("(") > last_value.count(")"):
                open_label = last_role
            continue
        head, _, rest = line.partition(" ")
        if _KPI_ROW.match(line):
            cur.section = "kpi"  # the row keeps its 「KPI①」 mark: each row is one indicator
        elif _OTHER_LABEL.match(head) or (len(head) <= 8 and not re.search(r"[はがを、。]", head)
                                          and (kind := role_of(head)) in _SECTION_LABEL and kind != cur.section):
            cur.section = section_kind(head) if _OTHER_LABEL.match(head) else kind  # a label cell, its text beside it
            if not rest.strip():
                continue
            line = rest.strip()
        cur.lines.setdefault(cur.section, []).append((line, page))
    return parts


def _dingbat(mark: str) -> int:
    """❶ → 1 (dingbat negative circled digits ❶…❿ and ➀…➉)."""
    code = ord(mark)
    return code - 0x2775 if code <= 0x277F else code - 0x277F


def _marked_section(line: str) -> tuple[str, str] | None:
    """「◆事業費 令和4年度は21,486,300円…」: a marked section word with its text on the same line → (kind, text)."""
    m = re.match(r"^[◇◆■□●○▼▽◎]\s*(\S{2,12}?)\s+(\S.*)$", line)
    if not m or (kind := section_kind(m.group(1))) == "other" or not re.search(r"\d.*[。、円人件]|。", m.group(2)):
        return None  # (「◇事業費の状況 (単位:千円)」 is a heading: its text says no fact of its own)
    return kind, m.group(2)


def _own_kind(part: _Part, kind: str, line: str) -> str:
    """A bare 「■成果」 after the project's outcome section (「■令和4年度の取り組み」): results told as KPI sentences
    beside the KPI table, kept apart from the outcome."""
    bare = re.fullmatch(r"[◇◆■□●○▼▽◎]?\s*成果", line) is not None
    return "results" if kind == "outcome" and bare and "outcome" in part.lines else kind


def _title_line(part: _Part, line: str) -> bool:
    """Add a line of the title while the title is open; a label met on the line (「…推進事業 事業期間 令和3年度～令和5年度」)
    ends the title there and its pairs are the project's. False when the line holds no title (it opens with labels)."""
    words = re.sub(r"【([^】]{1,10})】\s*", r" \1:", line).split()  # (【期間】…: a label in brackets)
    for i, w in enumerate(words):
        role = "department" if w in ("代表団体", "代表自治体") else role_of(w.split(":")[0])
        if (role in LABEL_ROLES if i == 0 else role in ("department", "period")) and (
                pairs := labels(" ".join(words[i:]))):
            part.title.append(" ".join(words[:i]))
            for role, value in pairs:
                part.fields.setdefault(role, value)
            part.title_open = False
            return i > 0
    part.title.append(line)
    return True


def _opens_labels(lines: Sequence[tuple[str, int]], i: int) -> bool:
    """A numbered line is a project heading when a 担当課 or 事業期間 label line follows within four lines (its
    title may wrap onto the next)."""
    for s, _ in lines[i + 1:i + 5]:
        if _NUMBERED.match(s) or _PROJECT.match(s) or (s.startswith("○") and _NAMED.match(s)):
            return False  # the next numbered (or ○) item comes first: this one is a chapter, not a project
        if any(role in ("department", "period") for role, _ in labels(s)):
            return True
    return False


def _opens_sections(lines: Sequence[tuple[str, int]], i: int) -> bool:
    """A 「(n) …」 line is a project heading when a circled section heading follows within three lines."""
    return any(section_heading(s) is not None and s[0] in "①②③④⑤⑥⑦⑧⑨⑩" for s, _ in lines[i + 1:i + 4])


class NarrativeReader:
    name = "narrative"

    def detect(self, doc: Document) -> float:
        lines = doc.lines
        heads = sum(1 for i, (s, _) in enumerate(lines) if (_PROJECT.match(s) and _opens_sections(lines, i))
                    or (_NUMBERED.match(s) and _opens_labels(lines, i)) or (_NAMED.match(s) and ":" in s[:5]
                                                                           and _opens_labels(lines, i)))
        if heads:
            return 0.6
        # 「事業名 葛籠原渓谷の…」 then label lines: a form read as text (a ruled form's own reader goes first)
        return 0.45 if any(_NAMED.match(s) and _opens_labels(lines, i) for i, (s, _) in enumerate(lines)) else 0.0

    def read(self, doc: Document) -> ParsedReport:
        parts = _parts(doc)
        if not parts:
            raise ReportError(doc.name, "no numbered project heading 「(1) …」 with ①… sections found")
        if len({p.no for p in parts}) != len(parts):
            raise ReportError(doc.name, "a project number printed twice")
        title, fy, city = guess_header(doc.pages)
        problems: list[Problem] = []
        projects: list[Project] = []
        kpis: list[Kpi] = []
        for p in parts:
            text = {k: [s for s, _ in v] for k, v in p.lines.items()}
            prose = prose_facts("".join(text.get("purpose", [])))
            for role, value in prose.items():
                p.fields.setdefault(role, value)
            lines = text.get("budget", [])
            budget = budget_members(lines) or budget_rows(lines)
            if budget is None and not (cols := budget_columns(lines)).why:
                # 「区分 R3 R4 R5 R6（当初予算）」 then 「事業費 12,480 …」 (a 「－」 year: nothing spent, left out)
                kept = [(y, v) for y, v in cols.amounts if v is not None]
                budget = replace(cols, amounts=kept, planned=[y for y in cols.planned if y in dict(kept)])
            budget = budget or budget_pairs(" ".join(lines)) or budget_sentences("".join(lines))
            if budget.why:
                problems.append(Problem(doc.name, f"project {p.no}: budget not read ({budget.why})"))
            kpi_lines = p.lines.get("kpi", [])
            own_years = kpi_year_blocks(kpi_lines)  # 「KPI① 名称」 above a table of its years
            cells = kpi_table(kpi_lines, fy)
            area = kpi_area_table(kpi_lines, fy)
            if area and not any(v.kind != "empty" for c in cells or [] for v in (c.target, c.actual, c.rate)):
                cells = area  # a header wrapped over lines, or 実績値 split by member town: read by its slots
            cells = (cells or []) + kpi_bullets(kpi_lines, fy)
            own = [make_kpi(c, doc.name, p.no) for c in cells]
            if not own and own_years:
                own = [make_kpi(c, doc.name, p.no, lower) for c, lower in own_years]
            if not own:
                problems.append(Problem(doc.name, f"project {p.no}: no KPI read"))
            kpis += own
            evaluation_text = "".join(text.get("evaluation", []))
            evaluation = p.fields.get("evaluation") or quoted_after(evaluation_text, "評価")
            policy = p.fields.get("policy") or quoted_after(evaluation_text, "方針")
            projects.append(project_of(doc.name, p.no, "".join(p.title).strip(), city,
                                       {**p.fields, "evaluation": evaluation, "policy": policy}, budget,
                                       joined(text.get("purpose")), joined(text.get("outcome")), p.page, p.pages))
        report = Report(doc.name, city, fy, eras.western(fy), title, doc.encoding, len(doc.pages), layout=self.name)
        return ParsedReport(report, tuple(projects), tuple(kpis), tuple(problems), doc.pages)
