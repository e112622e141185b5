"""Field accuracy of the layout readers against truth files: correct, missing (a gap) and wrong (the worst) counted apart.

A truth file `<stem>.truth.json` serves both `<stem>.pdf` and its flattened `<stem>.txt`. Strings are compared
after NFKC and with all whitespace removed. A KPI record is keyed by (project, name, fiscal year). A value we leave
empty where the truth has one is *missing*; a value that differs is *wrong*; a record the truth does not have is
*spurious* (counted with the wrong ones). Precision = correct / (correct + wrong).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant import eras
from assistant.corpus import read_path
from assistant.errors import ReportError
from assistant.records import Kpi, ParsedReport, Project

PROJECT_FIELDS = ("title", "department", "period", "grant_program", "grant_type", "budget", "budget_unit",
                  "budget_planned", "evaluation", "policy", "outcome", "page")
KPI_FIELDS = ("unit", "baseline", "target_date", "target", "actual", "rate", "lower_is_better", "page")
REPORT_FIELDS = ("city", "fiscal_year", "layout")


@dataclass
class LayoutScore:
    correct: int = 0
    missing: int = 0
    wrong: int = 0
    wrong_by_field: Counter = field(default_factory=Counter)
    missing_by_field: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    @property
    def fields(self) -> int:
        return self.correct + self.missing + self.wrong

    @property
    def accuracy(self) -> float:
        return self.correct / self.fields if self.fields else 1.0

    @property
    def precision(self) -> float:
        return self.correct / (self.correct + self.wrong) if self.correct + self.wrong else 1.0

    def add(self, name: str, got: Any, want: Any, where: str) -> None:
        if _same(got, want):
            self.correct += 1
        elif _empty(got) and not _empty(want):
            self.missing += 1
            self.missing_by_field[name] += 1
        else:
            self.wrong += 1
            self.wrong_by_field[name] += 1
            if len(self.failures) < 60:
                self.failures.append(f"{where}: {name} = {got!r}, expected {want!r}")

    def merge(self, other: LayoutScore) -> None:
        self.correct += other.correct
        self.missing += other.missing
        self.wrong += other.wrong
        self.wrong_by_field.update(other.wrong_by_field)
        self.missing_by_field.update(other.missing_by_field)
        self.failures.extend(other.failures[: max(0, 60 - len(self.failures))])


def norm(v: Any) -> Any:
    if isinstance(v, str):
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", v)).replace("〜", "~").replace("～", "~")
    if isinstance(v, dict):
        return {norm(k): norm(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [norm(x) for x in v]
    return v


def _empty(v: Any) -> bool:
    return v is None or v == "" or v == [] or v == {}


def _same(got: Any, want: Any) -> bool:
    got, want = norm(got), norm(want)
    if isinstance(got, (int, float)) and isinstance(want, (int, float)) and not isinstance(got, bool):
        return abs(float(got) - float(want)) < 1e-6
    if isinstance(got, dict) and isinstance(want, dict):
        return got.keys() == want.keys() and all(_same(got[k], want[k]) for k in got)
    return got == want


def _project_value(p: Project, name: str) -> Any:
    if name == "budget":
        return dict(p.budget)
    if name == "budget_planned":
        return list(p.budget_planned)
    return getattr(p, name)


def _unbulleted(v: Any) -> Any:
    return re.sub(r"(?:^|(?<=。))\s*[・･●○◆◇■□]\s*", "", v) if isinstance(v, str) else v


def _kpi_value(k: Kpi, name: str) -> Any:
    if name == "rate":  # the truth holds printed rates only; a computed one is ours, not the report's
        return k.rate if k.rate_source == "printed" else None
    return getattr(k, name)


def score_parsed(parsed: ParsedReport, truth: dict[str, Any]) -> LayoutScore:
    s = LayoutScore()
    name = parsed.report.report
    for f in REPORT_FIELDS:
        if f == "layout" and (not name.lower().endswith(".pdf")
                              or truth["report"].get("layout") not in ("sections", "summary_table", "sheet")):
            continue  # flattened text has its own reader; a held-out truth names its layout in its own words
        if f in truth.get("report", {}):
            s.add(f"report.{f}", getattr(parsed.report, f), truth["report"][f], name)
    by_title = {norm(p.title): p for p in parsed.projects}
    no_map: dict[int, int] = {}  # truth project no -> our project no
    for tp in truth["projects"]:
        p = by_title.get(norm(tp["title"]))
        where = f"{name} #{tp['no']}"
        if p is None:
            for f in PROJECT_FIELDS:
                if f in tp and not _empty(tp[f]):
                    s.add(f"project.{f}", None, tp[f], where)
            continue
        no_map[tp["no"]] = p.no
        for f in PROJECT_FIELDS:
            if f in tp:
                got, want = _project_value(p, f), tp[f]
                if f == "outcome":  # a bullet mark (・) before each item is layout, not content: compared without
                    got, want = _unbulleted(got), _unbulleted(want)
                s.add(f"project.{f}", got, want, where)
    for p in parsed.projects:
        if norm(p.title) not in {norm(tp["title"]) for tp in truth["projects"]}:
            s.add("project.spurious", p.title, None, name)
    ours = {(k.project_no, norm(k.name), k.fiscal_year): k for k in parsed.kpis}
    seen = set()
    for tk in truth["kpis"]:
        key = (no_map.get(tk["project_no"], -1), norm(tk["name"]), tk.get("fiscal_year"))
        k = ours.get(key)
        seen.add(key)
        where = f"{name} #{tk['project_no']} {tk['name']} {tk.get('fiscal_year')}"
        for f in KPI_FIELDS:
            if f not in tk:
                continue
            if k is None:
                s.add(f"kpi.{f}", None, tk[f], where)
            else:
                s.add(f"kpi.{f}", _kpi_value(k, f), tk[f], where)
    fy = eras.western(truth.get("report", {}).get("fiscal_year")) or 0
    for key, k in ours.items():
        if key not in seen and not (k.actual is None and (eras.western(k.fiscal_year) or 0) > fy > 0):
            s.add("kpi.spurious", f"{k.name} {k.fiscal_year} {k.target}/{k.actual}", None, name)
        # (a target-only record of a year after the report's is the plan the table prints: truth files differ on
        # whether to list those — the hand-written ones do, held-out 6 does not — so it is neither right nor wrong)
    return s


def truth_for(report: Path) -> Path | None:
    p = report.with_name(report.stem + ".truth.json")
    return p if p.exists() else None


def score_folder(folder: Path, suffix: str) -> dict[str, LayoutScore]:
    """Scores of every `*.suffix` report in a folder with a truth file, by file name."""
    out: dict[str, LayoutScore] = {}
    for report in sorted(folder.glob(f"*{suffix}")):
        tp = truth_for(report)
        if tp is None:
            continue
        truth = json.loads(tp.read_text(encoding="utf-8"))
        try:
            parsed = read_path(report)
        except ReportError as exc:
            s = LayoutScore()
            s.add("unreadable", str(exc), "readable", report.name)
            out[report.name] = s
            continue
        out[report.name] = score_parsed(parsed, truth)
    return out


SECTION = "## Layout readers: field accuracy per layout"


def render(groups: dict[str, dict[str, LayoutScore]]) -> str:
    lines = [SECTION, "",
             "`python -m eval.layouts` (`eval/layouts.py`). Each fixture's truth file was written by hand; "
             "*missing* = a field we left empty (a gap), *wrong* = a value that differs or a record the truth does "
             "not have (the failure that matters). Precision = correct / (correct + wrong). The held-out fixtures "
             "were written by helpers who never read the readers' code. Held-out 1 (eval/heldout_layouts) was read "
             "on 2026-11-29 to write the project-card reader and the side-table rule, so it now measures rules "
             "built on it; held-out 2 (eval/heldout_layouts2, written that day, first scored 12.6 % of fields with "
             "0 wrong) was read the next session to write the narrative reader and the row-per-indicator cards, "
             "so it too measures rules built on it. Held-out 3 (eval/heldout_layouts3: a question-and-answer "
             "調書 per project, a wide one-row-per-KPI table) first scored PDF 38.2 % with 13 wrong and text 12.5 %; "
             "it was read the same session (the Q&A reader, summary-table fixes), so it is read since too. Held-out 4 "
             "(eval/heldout_layouts4: a numbered list with KPIs as sentences, one 評価シート per project with a "
             "year-by-KPI history table) first scored PDF 26.9 % with 18 wrong and text 16.6 %; read the same "
             "session to fix them, so it is read since too. Held-out 5 (eval/heldout_layouts5: a 一覧表 with a block "
             "of label rows per project, and project boxes with one KPI table for all projects by 事業番号) first "
             "scored PDF 29.2 % with 11 wrong (the by-number KPI table given to the last project) and text 13.3 %; "
             "its wrong records were read and fixed, so shirakabano is read since; rurisawa (13.7 %, 0 wrong) was read "
             "the next session (narrative label-row blocks), so all of held-out 5 is read since. Held-out 6 "
             "(eval/heldout_layouts6: the national 実施計画 様式 with a KPI grid of yearly increments, and an 外部評価 "
             "資料 with one row per project and its KPIs stacked in one cell) first scored PDF 26.1 % with 6 wrong "
             "(KPIs named 「KPI①」 by the label column) and text 17.5 % with 0 wrong; read the same session (inner "
             "table headers, span-duplicated year columns, a page-cut row, stacked KPI cells), so it is read since. "
             "A target-only record of a year after the report's is neither right nor wrong here: the hand-written "
             "truths list such planned years, held-out 6's do not. Held-out 7 (eval/heldout_layouts7: a 主要な施策の成果説明書 "
             "with 決算額 and a year-column 成果指標 grid; a PowerPoint deck exported to PDF) first scored PDF 46.8 % "
             "with 10 wrong (history-year records, ＊ kept in a name, a summary table's rows read as ① sections, "
             "「の達成状況」 as a KPI) and text 17.0 % with 5 wrong; its wrong records were read and fixed the same session "
             "(0 wrong now), the slide deck itself is still unread (text only). Held-out 8 (eval/heldout_layouts8: an "
             "Excel 総括表 exported to PDF with KPI①–③ as column groups side by side; a 広報誌 feature with one "
             "article per project) first scored PDF 43.6 % of fields with 8 wrong (鴫野沢町 66.8 %: only KPI① of each "
             "row read, characters straddling a cell rule; 柚ノ木坂市 15.5 %) and text 16.5 % with 0 wrong; read the "
             "next hour (KPI column groups, the article form), so it is read since. Its 4 wrong records left are "
             "characters the generator drew across a cell rule (「ツア|ー」, 「タイプ|）」): pdfplumber gives them to the "
             "next cell. A bullet mark (・) before each item of an outcome is compared as layout, not content. "
             "Held-out 9 (eval/heldout_layouts9: a 事業評価調書 per project whose KPIs are each named above a small "
             "table of fiscal-year rows; a 広域連携 joint report with budgets by member town and KPI tables with town "
             "columns) first scored PDF 27.4 % with 2 wrong and text 14.2 %; the 調書's KPI blocks were read the same "
             "session (葛籠原町 PDF 35.8 → 99.2 %) and then the joint report (広域事業N headings, 代表団体 pairs, the 合計 "
             "row of a cost-by-member-town table, a KPI header wrapped over lines with a column per member town: "
             "茜ヶ浦町 PDF and text 14.1 → 98.7 %) and the 調書's flattened text (14.3 → 97.2 %), so all of it is read "
             "since. The 2 wrong (per copy) are departments printed "
             "with their 係 (「商工観光課 観光振興係」), which this truth cuts to the 課. Held-out 10 (eval/heldout_layouts10: a table with each project as a column and a field per row; a "
             "committee 資料 of 「○事業名」 lines, 「・」 bullets and KPIs as sentences) first scored PDF 20.3 % with 4 wrong "
             "(the sheet reader mixing the projects' columns) and text 13.4 %; read the next hour: a table with several "
             "projects' periods in one row is refused by the sheet reader (0 wrong) and read column by column by its own "
             "reader (楓ヶ丘町 PDF 12.4 → 99.4 %), the committee 資料 is read (蛍沢町 14.3 → 88.0 %), so it is read "
             "since; the 対照表's flattened text (rows of several projects' values run together) is still unread. "
             "Held-out 11 (eval/heldout_layouts11: an A3 概要版 with two projects per page in left and right panels, "
             "label boxes above their values, a KPI table per KPI with 目標 and 実績 on separate rows and the 達成率 as a "
             "bar label; a web page printed from a browser, definition lists, KPI tables with a 目標の方向 column, "
             "mostly lower-is-better) first scored PDF 11.6 % and 14.5 % with 0 wrong, flattened text the same "
             "(both read as text only); read the same session (readers/deflist.py: 「(n)」 and 「事業N」 headings with a "
             "label alone on a line above its value, table rows given to the heading they are printed under, KPI "
             "blocks of 目標 / 実績 / 達成率 lines), so it is read since. Held-out 12 (eval/heldout_layouts12: a 総括表 "
             "then one 調書 per project with numbers in mixed forms — 「3億5,000万円」, 「126.4万人」, full-width digits, "
             "「5人以下」 targets; and numbered forms on separate pages — projects, KPI targets, actuals, evaluations joined "
             "by 事業No. and KPI No.) first scored PDF 80.8 % with 2 wrong and 12.3 %, text 12.1 % and 12.3 %; read the "
             "same session (an amount with 億 and 万 in 万, a 以下 target as lower-is-better, a 事業費 cell listing its "
             "years, readers/forms.py), so it is read since.", "",
             "| set | file | fields | correct | missing | wrong | accuracy | precision |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    for group, scores in groups.items():
        total = LayoutScore()
        for name, sc in scores.items():
            total.merge(sc)
            lines.append(f"| {group} | {name} | {sc.fields} | {sc.correct} | {sc.missing} | {sc.wrong} | "
                         f"{sc.accuracy:.3f} | {sc.precision:.3f} |")
        lines.append(f"| **{group}** | **all** | {total.fields} | {total.correct} | {total.missing} | "
                     f"{total.wrong} | {total.accuracy:.3f} | {total.precision:.3f} |")
    return "\n".join(lines) + "\n"


def write_section(path: Path, text: str, section: str = SECTION) -> None:
    """Replace one section of a results file (or append it), keeping the rest intact."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if section in old:
        head, _, rest = old.partition(section)
        nxt = rest.find("\n## ")
        old = head + (rest[nxt + 1:] if nxt >= 0 else "")
    path.write_text(old.rstrip("\n") + "\n\n" + text, encoding="utf-8")


def main() -> None:  # python -m eval.layouts [--write]
    import sys

    root = Path(__file__).resolve().parent.parent
    groups = {
        "fixtures, PDF": score_folder(root / "tests/fixtures/layouts", ".pdf"),
        "fixtures, flattened text": score_folder(root / "tests/fixtures/layouts", ".txt"),
        "held-out 1 (read since), PDF": score_folder(root / "eval/heldout_layouts", ".pdf"),
        "held-out 1 (read since), flattened text": score_folder(root / "eval/heldout_layouts", ".txt"),
        "held-out 2 (read since), PDF": score_folder(root / "eval/heldout_layouts2", ".pdf"),
        "held-out 2 (read since), flattened text": score_folder(root / "eval/heldout_layouts2", ".txt"),
        "held-out 3 (read since), PDF": score_folder(root / "eval/heldout_layouts3", ".pdf"),
        "held-out 3 (read since), flattened text": score_folder(root / "eval/heldout_layouts3", ".txt"),
        "held-out 4 (read since), PDF": score_folder(root / "eval/heldout_layouts4", ".pdf"),
        "held-out 4 (read since), flattened text": score_folder(root / "eval/heldout_layouts4", ".txt"),
        "held-out 5 (read since), PDF": score_folder(root / "eval/heldout_layouts5", ".pdf"),
        "held-out 5 (read since), flattened text": score_folder(root / "eval/heldout_layouts5", ".txt"),
        "held-out 6 (read since), PDF": score_folder(root / "eval/heldout_layouts6", ".pdf"),
        "held-out 6 (read since), flattened text": score_folder(root / "eval/heldout_layouts6", ".txt"),
        "held-out 7 (wrong records read), PDF": score_folder(root / "eval/heldout_layouts7", ".pdf"),
        "held-out 7 (wrong records read), flattened text": score_folder(root / "eval/heldout_layouts7", ".txt"),
        "held-out 8 (read since), PDF": score_folder(root / "eval/heldout_layouts8", ".pdf"),
        "held-out 8 (read since), flattened text": score_folder(root / "eval/heldout_layouts8", ".txt"),
        "held-out 9 (read since), PDF": score_folder(root / "eval/heldout_layouts9", ".pdf"),
        "held-out 9 (read since), flattened text": score_folder(root / "eval/heldout_layouts9", ".txt"),
        "held-out 10 (read since), PDF": score_folder(root / "eval/heldout_layouts10", ".pdf"),
        "held-out 10 (read since), flattened text": score_folder(root / "eval/heldout_layouts10", ".txt"),
        "held-out 11 (read since), PDF": score_folder(root / "eval/heldout_layouts11", ".pdf"),
        "held-out 11 (read since), flattened text": score_folder(root / "eval/heldout_layouts11", ".txt"),
        "held-out 12 (read since), PDF": score_folder(root / "eval/heldout_layouts12", ".pdf"),
        "held-out 12 (read since), flattened text": score_folder(root / "eval/heldout_layouts12", ".txt"),
    }
    text = render(groups)
    print(text)
    if "--write" in sys.argv:
        write_section(root / "eval" / "RESULTS.md", text)


if __name__ == "__main__":
    main()
