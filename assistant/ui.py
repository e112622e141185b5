"""The Gradio chat: a thin shell over `Assistant.answer` that shows the answer, its KPI rows (with a CSV download),
a chart that fits the answer (achievement bars, a KPI over the years, or budgets by fiscal year), the card of the one
project an answer is about, the cited pages with the cited rows highlighted (see evidence.py), plus tabs to browse the
projects (filters, a card per project, see catalog.py) and list every corpus file."""

from __future__ import annotations

import os

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # before gradio is imported: no calls home at start

import argparse
import logging
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from . import eras, evidence
from .answering.smalltalk import examples
from .api import Assistant
from .catalog import ACHIEVEMENTS, TABLE_COLUMNS, Catalog, Query, project_key, verdict, year_label
from .config import MAX_QUESTION_CHARS, Config
from .errors import AssistantError, QuestionError, ReportError
from .format import fmt_num, kpi_value
from .index import tune_threads
from .live import LiveAssistant
from .records import Answer, Chunk, Citation, Kpi, Project
from .retrieve import Filters
from .uploads import MAX_UPLOAD_BYTES, accept_upload

log = logging.getLogger("assistant.ui")

ENV_HOST = "ASSISTANT_HOST"
ENV_PORT = "ASSISTANT_PORT"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860
MAX_BARS = 50  # circled-number labels go up to ㊿
MAX_TURNS = 50  # per browser session: older turns drop out of the chat and of the follow-up history
ALL = ""  # dropdown value meaning "no filter"
RELOAD_CHECK_SECONDS = 3.0  # how often the page looks for added / changed / removed reports

KPI_COLUMNS = ["事業", "指標", "年度", "目標", "実績", "達成率", "評価", "頁"]
KPI_WIDTHS = ["22%", "26%", "6%", "10%", "10%", "11%", "10%", "5%"]
BROWSE_WIDTHS = [80, 56, 44, 240, 170, 130, 150, 160, 44]  # px: on a phone the table scrolls sideways in its frame
BROWSE_MAX = 500  # rows the 事業一覧 table shows at once; the count above it says how many passed the filters
CHART_X, CHART_Y, CHART_PART, CHART_RATE = "指標", "達成率(%)", "区分", "達成率"
PART_MET, PART_OVER, PART_SHORT = "実績（100%まで）", "100%を上回った分", "100%までの不足"
CHART_COLORS = {PART_MET: "#3b6fb6", PART_OVER: "#2e9e5b", PART_SHORT: "#d9d9d9"}
TREND_X, TREND_Y, TREND_SERIES, TREND_SHOWN = "年度", "値", "区分", "表示値"
TREND_TARGET, TREND_ACTUAL = "目標", "実績"
TREND_COLORS = {TREND_TARGET: "#9a9a9a", TREND_ACTUAL: "#3b6fb6"}
BUDGET_X, BUDGET_Y, BUDGET_SERIES, BUDGET_SHOWN = "年度", "交付対象事業経費", "事業", "金額"
COMPACT_HEIGHT = 280  # one KPI's achievement bar needs no full-size plot
FULL_HEIGHT = 400  # several bars (explicit: an update without a height would keep the compact one)
KPI_CSV, PROJECTS_CSV, ALL_KPIS_CSV = "kpis_answer.csv", "projects.csv", "kpis.csv"
REPORT_COLUMNS = ["ファイル", "状態", "様式", "市町村", "年度", "事業数", "KPI数", "警告・理由"]
REPORT_WIDTHS = ["24%", "10%", "12%", "10%", "6%", "6%", "6%", "26%"]
STATUS_JA = {"read": "読み取り済み", "text only": "本文のみ", "skipped": "スキップ"}
LAYOUT_JA = {"sections": "①形式", "summary_table": "総括表", "sheet": "効果検証シート", "flat_table": "表（テキスト化）",
             "text": "本文のみ"}

# A project card's tables keep readable columns on a phone: the table scrolls inside the card, not the page.
CARD_CSS = """
.project-card table { display: block; max-width: 100%; overflow-x: auto; border: none; }
.project-card th, .project-card td { min-width: 4.5em; padding: 4px 8px; }
.project-card td:first-child, .project-card th:first-child { min-width: 7em; }
"""
EXAMPLE_COUNT = 6  # example questions under the box, built from the loaded corpus (answering/smalltalk.py)
NEAREST = "**資料に該当する記載はありませんでした。** 検索で近かった箇所（回答の根拠ではありません）:"
FAILURE = "申し訳ありません。回答の作成中にエラーが発生しました。時間をおいてもう一度お試しください。"


@dataclass
class Session:
    """One browser session's conversation: the Answers (history for follow-ups) and the chat as displayed."""

    answers: list[Answer] = field(default_factory=list)
    messages: list[dict[str, str]] = field(default_factory=list)
    shown: Answer | None = None  # the answer on screen now (its citations fill 出典を開く)

    def add(self, question: str, reply: str, answer: Answer | None = None) -> None:
        if question.strip():
            shown = question if len(question) <= 200 else question[:200] + "…"
            self.messages.append({"role": "user", "content": shown})
        self.messages.append({"role": "assistant", "content": reply})
        self.shown = answer
        if answer is not None:
            self.answers.append(answer)
        del self.answers[:-MAX_TURNS]
        del self.messages[:-2 * MAX_TURNS]


# --- what the answer shows, as plain data (tested without a server) -----------------------------------------------


def table_kpis(assistant: Assistant, ans: Answer) -> list[Kpi]:
    """The KPI rows the answer used; when it used none but cites exactly one project, that project's KPIs."""
    if not ans.found:
        return []
    if ans.kpis:
        return list(ans.kpis)
    cited = {(c.report, c.project_no) for c in ans.citations if c.project_no is not None}
    if len(cited) != 1:
        return []
    (report, no), = cited
    return [k for k in assistant.kpis if k.report == report and k.project_no == no]


def kpi_frame(assistant: Assistant, kpis: Sequence[Kpi]) -> pd.DataFrame:
    """One row per KPI; a 達成率 the report does not print reads e.g. "85.3%（計算値）" (see format.kpi_value)."""
    rows = [[project_label(assistant, k.report, k.project_no), k.name, k.fiscal_year or "-", kpi_value(k, 0) or "-",
             kpi_value(k, 1) or "-", kpi_value(k, 2) or "-", verdict(k), k.page] for k in kpis]
    return pd.DataFrame(rows, columns=KPI_COLUMNS)


def circled(n: int) -> str:
    """①..㊿: these sort in Unicode order, so the plot's alphabetical x axis keeps the table's row order."""
    return chr(0x2460 + n - 1) if n <= 20 else chr(0x3251 + n - 21) if n <= 35 else chr(0x32B1 + n - 36)


def chart_frame(kpis: Sequence[Kpi]) -> pd.DataFrame | None:
    """Achievement rates as stacked bars: every bar reaches at least 100, so the 100% mark shows on each one."""
    met, rest = [], []
    for i, k in enumerate(k for k in kpis[:MAX_BARS] if k.rate is not None):
        label = circled(i + 1) + (k.name if len(k.name) <= 10 else k.name[:9] + "…")
        rate, shown = float(k.rate), kpi_value(k, 2) or ""
        met.append([label, min(rate, 100.0), PART_MET, shown])
        if rate != 100:
            rest.append([label, abs(rate - 100.0), PART_OVER if rate > 100 else PART_SHORT, shown])
    if not met:
        return None
    # the plot stacks segments in order of first appearance, first on top: 実績 comes last to sit at the bottom
    return pd.DataFrame(rest + met, columns=[CHART_X, CHART_Y, CHART_PART, CHART_RATE])


def fy_order(code: str) -> tuple[int, str]:
    return eras.western(code) or 0, code


def trend_series(kpis: Sequence[Kpi]) -> list[Kpi]:
    """The first KPI (same report, project and name) that the answer shows in two or more fiscal years, one record a
    year in year order; [] when there is none. Later records of a year it already has are ignored."""
    groups: dict[tuple[str, int, str], dict[str, Kpi]] = {}
    for k in kpis:
        if k.fiscal_year:
            groups.setdefault((k.report, k.project_no, k.name), {}).setdefault(k.fiscal_year, k)
    for by_year in groups.values():
        if len(by_year) >= 2:
            return [by_year[y] for y in sorted(by_year, key=fy_order)]
    return []


def trend_frame(series: Sequence[Kpi]) -> pd.DataFrame | None:
    """目標 and 実績 of one KPI over its fiscal years (long form: one row per year and part); None without a series."""
    rows = []
    for k in series:
        for part, slot, value in ((TREND_TARGET, 0, k.target), (TREND_ACTUAL, 1, k.actual)):
            if value is not None:
                rows.append([year_label(k.fiscal_year or ""), float(value), part, kpi_value(k, slot) or ""])
    if not rows:
        return None
    return pd.DataFrame(rows, columns=[TREND_X, TREND_Y, TREND_SERIES, TREND_SHOWN])


def trend_label(assistant: Assistant, series: Sequence[Kpi]) -> str:
    k = series[0]
    unit = f"（{k.unit}）" if k.unit else ""
    return f"推移: {k.name}{unit}"


def bars_update(kpis: Sequence[Kpi]) -> dict[str, Any]:
    """The achievement bars; hidden without a rate to show, compact for a single KPI."""
    frame = chart_frame(kpis)
    if frame is None:
        return gr.update(value=None, visible=False)
    one = frame[CHART_X].nunique() == 1
    return gr.update(value=frame, visible=True, height=COMPACT_HEIGHT if one else FULL_HEIGHT)


def charts(assistant: Assistant, kpis: Sequence[Kpi]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Updates for (bar chart, line chart): the line chart when one KPI spans two or more years, else the bars."""
    series = trend_series(kpis)
    frame = trend_frame(series) if series else None
    if frame is None:
        return bars_update(kpis), gr.update(value=None, visible=False)
    order = [year_label(k.fiscal_year or "") for k in series]
    return (gr.update(value=None, visible=False),
            gr.update(value=frame, visible=True, sort=order, label=trend_label(assistant, series),
                      y_title=f"値（{series[0].unit}）" if series[0].unit else "値"))


def no_charts() -> tuple[dict[str, Any], dict[str, Any]]:
    return gr.update(value=None, visible=False), gr.update(value=None, visible=False)


def hidden() -> dict[str, Any]:
    return gr.update(value=None, visible=False)


# --- budgets by fiscal year ----------------------------------------------------------------------------------------


def is_budget(ans: Answer) -> bool:
    return ans.found and ans.intent.startswith("budget")


def budget_projects(assistant: Assistant, ans: Answer) -> list[Project]:
    """The projects a budget answer is about: those it carries, else those it cites (in citation order)."""
    if ans.projects:
        return list(ans.projects)
    out: dict[tuple[str, int], Project] = {}
    for c in ans.citations:
        if c.project_no is not None:
            _, p = assistant.lookup(c.report, c.project_no)
            if p is not None:
                out.setdefault((p.report, p.no), p)
    return list(out.values())


def budget_frame(projects: Sequence[Project]) -> tuple[pd.DataFrame | None, str | None, list[str]]:
    """(rows of 年度 / 金額 / 事業 / 表示額, the unit as printed, the years in time order) for the projects that print
    a budget; projects printed in another unit than the first one's are left out (one axis, one unit)."""
    priced = [p for p in projects if any(v is not None for _, v in p.budget)][:MAX_BARS]
    if not priced:
        return None, None, []
    unit = priced[0].budget_unit
    rows, years = [], {}
    for i, p in enumerate(q for q in priced if q.budget_unit == unit):
        label = circled(i + 1) + (p.title if len(p.title) <= 14 else p.title[:13] + "…")
        for fy, v in p.budget:
            if v is None:
                continue
            year = year_label(fy)
            years[year] = fy
            planned = "（予定）" if fy in p.budget_planned else ""
            rows.append([year, float(v), label, f"{fmt_num(v)}{unit or ''}{planned}"])
    order = sorted(years, key=lambda y: fy_order(years[y]))
    return pd.DataFrame(rows, columns=[BUDGET_X, BUDGET_Y, BUDGET_SERIES, BUDGET_SHOWN]), unit, order


def budget_update(assistant: Assistant, ans: Answer) -> dict[str, Any]:
    frame, unit, order = budget_frame(budget_projects(assistant, ans))
    if frame is None:
        return hidden()
    return gr.update(value=frame, visible=True, sort=order,
                     y_title=f"{BUDGET_Y}（{unit or '単位の記載なし'}）")


def answer_charts(assistant: Assistant, ans: Answer, kpis: Sequence[Kpi]) -> tuple[dict[str, Any], ...]:
    """(bars, line, budget): a budget answer shows its budgets only; any other answer its KPI chart, if any."""
    if is_budget(ans):
        return hidden(), hidden(), budget_update(assistant, ans)
    return *charts(assistant, kpis), hidden()


# --- the cited page and the CSV downloads ----------------------------------------------------------------------------


def citation_choices(ans: Answer | None) -> list[tuple[str, str]]:
    return [(evidence.citation_label(c), str(i)) for i, c in enumerate(ans.citations if ans else ())]


def report_path(assistant: Assistant, c: Citation) -> Path | None:
    """The cited report's file inside the corpus folder (None if it is gone or the name leaves the folder)."""
    corpus = Path(assistant.config.corpus_dir).resolve()
    path = (corpus / c.report).resolve()
    return path if path.parent == corpus and path.is_file() else None


def evidence_view(assistant: Assistant, ans: Answer | None, pick: str | None) -> tuple[Any, Any, Any]:
    """Updates for (note, image, html): the picked citation's page, a PDF as an image and a text as HTML, with
    the rows the answer rests on highlighted."""
    try:
        c = ans.citations[int(pick or 0)] if ans else None
    except (ValueError, IndexError):
        c = None
    if c is None:
        return gr.update(value=""), hidden(), hidden()
    path = report_path(assistant, c)
    needles = evidence.needles_for(ans, c)  # type: ignore[arg-type]
    note = f"**{evidence.citation_label(c)}**"
    if needles:
        note += "　黄色の箇所: " + "、".join(f"「{n}」" for n in needles[:3]) + ("など" if len(needles) > 3 else "")
    try:
        if path is None:
            raise FileNotFoundError(c.report)
        if path.suffix.lower() == ".pdf":
            image = evidence.page_image(path, c.page or 1, needles)
            return gr.update(value=note), gr.update(value=image, visible=True), hidden()
        html = evidence.page_html(evidence.text_page(path, c.page or 1), needles)
        return gr.update(value=note), hidden(), gr.update(value=html, visible=True)
    except Exception:  # a report removed or replaced since the answer: say so, keep the chat working
        log.exception("cannot show %s page %s", c.report, c.page)
        return gr.update(value=note + "\n\nこの資料のページを表示できませんでした（資料が変更・削除された可能性があります）。"), \
            hidden(), hidden()


def kpi_csv(assistant: Assistant, kpis: Sequence[Kpi]) -> dict[str, Any]:
    """The download under the KPI table: the shown KPI rows as `Assistant.kpis_json` writes them."""
    if not kpis:
        return gr.update(value=None, visible=False)
    return gr.update(value=str(evidence.download_file(assistant.kpis_json(kpis=kpis), KPI_CSV)), visible=True)


def list_csvs(assistant: Assistant) -> tuple[str, str]:
    """All projects and all KPIs, for the 事業一覧 tab."""
    return (str(evidence.download_file(assistant.projects_json(), PROJECTS_CSV)),
            str(evidence.download_file(assistant.kpis_json(), ALL_KPIS_CSV)))


def source_chunks(assistant: Assistant, ans: Answer) -> list[Chunk]:
    """The passages behind an answer: its hits, else the KPI lines it used, else its cited projects' overview/budget."""
    if ans.hits:
        return [h.chunk for h in ans.hits]
    used = set(ans.kpis)
    refs = {i for i, k in enumerate(assistant.kpis) if k in used}
    chunks = assistant.index.records.chunks
    if refs:
        return [c for c in chunks if c.kind == "kpi" and c.ref in refs]
    cited = {(c.report, c.project_no) for c in ans.citations}
    return [c for c in chunks if (c.report, c.project_no) in cited and c.kind in ("overview", "budget")]


def passages_markdown(assistant: Assistant, ans: Answer) -> str:
    chunks = source_chunks(assistant, ans)
    if not chunks:
        return "（根拠となる抜粋はありません）"
    parts = [] if ans.found else [NEAREST]
    for i, c in enumerate(chunks, 1):
        quoted = "\n".join("> " + line for line in c.text.splitlines() if line.strip())
        parts.append(f"**{i}. {c.project_title}** — {c.report} p.{c.page}\n\n{quoted}")
    return "\n\n".join(parts)


def project_label(assistant: Assistant, report: str, no: int) -> str:
    rep, proj = assistant.lookup(report, no)
    label = f"{no}. {proj.title if proj else '?'}"
    if len(assistant.reports) > 1 and rep:
        label = f"{rep.city or rep.report} {rep.fiscal_year or ''} · {label}"
    return label


def reports_frame(rows: Sequence[dict[str, Any]]) -> pd.DataFrame:
    """The 資料 tab: every corpus file from `Assistant.reports_json()`, in Japanese."""
    out = []
    for r in rows:
        notes = "; ".join(r.get("warnings") or [])
        if r.get("reason"):
            notes = f"{r['reason']}; {notes}" if notes else r["reason"]
        out.append([r["file"], STATUS_JA.get(r["status"], r["status"]), LAYOUT_JA.get(r["layout"], r["layout"] or "-"),
                    r["city"] or "-", r["fiscal_year"] or "-", r["projects"], r["kpis"], notes or "-"])
    return pd.DataFrame(out, columns=REPORT_COLUMNS)


def reports_summary(rows: Sequence[dict[str, Any]]) -> str:
    """「13ファイル: 8件読み取り、3件本文のみ、2件スキップ」 (counts of zero are left out)."""
    n = {s: sum(r["status"] == s for r in rows) for s in STATUS_JA}
    parts = [f"{n[s]}件{word}" for s, word in (("read", "読み取り"), ("text only", "本文のみ"), ("skipped", "スキップ"))
             if n[s]]
    return f"{len(rows)}ファイル: " + "、".join(parts) if parts else "ファイルがありません"


# --- the project browser (事業一覧) and the card of a project answer --------------------------------------------------


def place_choices(assistant: Assistant) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The city and year dropdowns' choices, 「すべて」 first."""
    cities = sorted({r.city for r in assistant.reports if r.city})
    years = sorted({r.fiscal_year for r in assistant.reports if r.fiscal_year}, key=fy_order)
    return [("すべての市町村", ALL)] + [(c, c) for c in cities], [("すべての年度", ALL)] + [(y, y) for y in years]


ACHIEVEMENT_CHOICES = [("すべて", ALL)] + [(a, a) for a in ACHIEVEMENTS]


def browse(catalog: Catalog, q: Query) -> tuple[pd.DataFrame, str, list[str]]:
    """The 事業一覧 table for the filters, the count above it, and each shown row's project key (for a row click)."""
    found = catalog.find(q)
    shown = found[:BROWSE_MAX]
    count = f"**{len(found)}件**の事業" if found else "条件に合う事業はありません。"
    if len(found) > BROWSE_MAX:
        count += f"（先頭の{BROWSE_MAX}件を表示しています。絞り込むと残りも確認できます）"
    return pd.DataFrame([catalog.row(p) for p in shown], columns=TABLE_COLUMNS), count, [project_key(p) for p in shown]


def answer_card(catalog: Catalog, ans: Answer) -> dict[str, Any]:
    """The card beside an answer about exactly one project (catalog.answer_project); hidden for any other answer."""
    p = catalog.answer_project(ans)
    return gr.update(value=catalog.card(p), visible=True) if p else hidden()


def make_filters(city: str | None, year: str | None, project: str | None) -> Filters:
    report, no = None, None
    if project:
        report, _, num = project.rpartition("#")
        no = int(num)
    return Filters(report=report or None, city=city or None, fiscal_year=year or None, project_no=no)


# --- the page ------------------------------------------------------------------------------------------------------


def build_demo(assistant: Assistant | LiveAssistant, allow_upload: bool = False) -> gr.Blocks:
    """The whole page; `demo.launch(...)` serves it, the "ask" event is also the API (`/ask`), the 事業一覧 filters
    `/browse`.

    Every event asks the live holder for the Assistant of the moment, so a corpus rebuilt in the background (after a
    report is added, changed, removed or uploaded) answers from the next question on.
    """
    live = assistant if isinstance(assistant, LiveAssistant) else LiveAssistant(assistant, log=_log)
    assistant = live.current  # what the page shows when it is first built
    reports = assistant.reports
    many = len(reports) > 1
    city_choices, year_choices = place_choices(assistant)
    project_choices = [("すべての事業", ALL)] + [
        (project_label(assistant, p.report, p.no), project_key(p)) for p in assistant.projects]
    scope = "、".join(f"{r.city or r.report} {r.fiscal_year or ''}".strip() for r in reports)
    held: list[Any] = [None, None]  # (assistant, its Catalog): built once per index, not per event

    def catalog_of(a: Assistant) -> Catalog:
        if held[0] is not a:
            held[:] = [a, Catalog(a)]
        return held[1]

    def ask(question: str, city: str, year: str, project: str, session: Session | None):
        session = session or Session()
        question = question or ""
        assistant = live.current
        try:
            filters = make_filters(city, year, project)
            ans = assistant.answer(question, session.answers, filters)
            kpis = table_kpis(assistant, ans)
            table, passages = kpi_frame(assistant, kpis), passages_markdown(assistant, ans)
            bars, trend, budget = answer_charts(assistant, ans, kpis)
            download = kpi_csv(assistant, kpis)
            sources = citation_choices(ans)
            view = evidence_view(assistant, ans, "0")
            project_view = answer_card(catalog_of(assistant), ans)
        except QuestionError as exc:
            session.add(question, f"⚠️ {exc}")
            return list(session.messages), *nothing(assistant), session
        except Exception:  # the user gets a plain message; the traceback goes to the console only
            log.exception("answering failed for question %r", question[:100])
            session.add(question, FAILURE)
            return list(session.messages), *nothing(assistant), session
        session.add(question, ans.text, ans)
        pick = gr.update(choices=sources, value=sources[0][1] if sources else None)
        return (list(session.messages), table, bars, trend, passages, budget, download,
                gr.update(visible=bool(sources)), pick, *view, project_view, session)

    def nothing(assistant: Assistant) -> tuple[Any, ...]:
        """Everything below the chat, emptied and hidden: table, charts, passages, download, the sources, the card."""
        return (kpi_frame(assistant, []), *no_charts(), "", hidden(), gr.update(value=None, visible=False),
                gr.update(visible=False), gr.update(choices=[], value=None), *evidence_view(assistant, None, None),
                hidden())

    def open_citation(pick: str | None, session: Session | None):
        return evidence_view(live.current, session.shown if session else None, pick)

    def clear():
        return [], *nothing(live.current), Session()

    def reports_view():
        rows = live.current.reports_json()
        return reports_summary(rows), reports_frame(rows)

    def find(city: str | None, year: str | None, achievement: str | None, words: str | None):
        """The 事業一覧 filters → (table, count, row keys)."""
        return browse(catalog_of(live.current), Query(city or None, year or None, achievement or None, words or ""))

    def show_card(keys: list[str] | None, evt: gr.SelectData):
        """A click on a row of the 事業一覧 table: that project's card and the button to ask about it."""
        row = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        key = keys[row] if keys and isinstance(row, int) and 0 <= row < len(keys) else None
        p = catalog_of(live.current).project(key)
        if p is None:
            return gr.update(), gr.update(), gr.update()
        return gr.update(value=catalog_of(live.current).card(p), visible=True), gr.update(visible=True), key

    def ask_about(key: str | None):
        """「この事業について質問する」: the 質問する tab, its filter set to the project (other filters cleared)."""
        if catalog_of(live.current).project(key) is None:
            return gr.update(), gr.update(), gr.update(), gr.update()
        return gr.Tabs(selected="ask"), gr.update(value=key), gr.update(value=ALL), gr.update(value=ALL)

    def refresh(seen: int | None, force: bool = False):
        """The 資料 tab's status; the lists too when a rebuilt index has been swapped in since `seen` (the 事業一覧
        table follows the new version, with its filters as they are)."""
        st = live.poll(force=force)
        if seen is not None and st.version == seen:
            return st.message, *(gr.update() for _ in range(len(refreshed) - 2)), seen
        a = live.current
        summary_text, files = reports_view()
        choices = [("すべての事業", ALL)] + [(project_label(a, p.report, p.no), project_key(p)) for p in a.projects]
        cities, years = place_choices(a)
        projects_csv, kpis_csv = list_csvs(a)
        several = len(a.reports) > 1
        kept = {} if several else {"value": ALL}  # a hidden filter must not keep filtering
        return (st.message, summary_text, files, kpi_frame(a, a.kpis), gr.update(choices=choices),
                gr.update(choices=cities, visible=several, **kept), gr.update(choices=years, visible=several, **kept),
                projects_csv, kpis_csv, st.version, st.version)

    def add_reports(paths: list[str] | None, seen: int | None):
        notes = []
        for f in paths or []:
            try:
                written = accept_upload(Path(f), Path(f).name, live.config.corpus_dir)
                notes.append(f"✅ {written.name}: 追加しました。索引を作り直します。")
            except ReportError as exc:
                notes.append(f"⚠️ {exc}")
        out = refresh(seen, force=any(n.startswith("✅") for n in notes))
        return "\n\n".join(notes), None, *out

    with gr.Blocks(title="地方創生交付金事業 報告書アシスタント") as demo:
        gr.Markdown(f"# 地方創生交付金事業 報告書アシスタント\n対象資料: {scope}（{len(assistant.projects)}事業、"
                    f"KPI {len(assistant.kpis)}件）。回答は資料の記載だけにもとづき、出典（資料・事業・頁）を"
                    "示します。")
        session = gr.State(None)
        with gr.Tabs() as tabs:
            with gr.Tab("質問する", id="ask"):
                with gr.Row():
                    city = gr.Dropdown(city_choices, value=ALL, label="市町村", visible=many, elem_id="city")
                    year = gr.Dropdown(year_choices, value=ALL, label="年度", visible=many, elem_id="year")
                    project = gr.Dropdown(project_choices, value=ALL, label="事業で絞り込む", elem_id="project-filter")
                chat = gr.Chatbot(label="会話", height=380, feedback_options=None, buttons=["copy"], allow_tags=False,
                                  elem_id="chat", placeholder="報告書について質問してください。")
                with gr.Row():
                    box = gr.Textbox(placeholder=f"質問を入力して Enter（{MAX_QUESTION_CHARS}文字まで）",
                                     max_length=MAX_QUESTION_CHARS, show_label=False, scale=8, elem_id="question")
                    send = gr.Button("送信", variant="primary", scale=1, elem_id="send")
                    reset = gr.Button("新しい会話", scale=1, elem_id="reset")
                gr.Examples(examples(assistant.index.records, EXAMPLE_COUNT), inputs=[box],
                            label="質問の例（クリックで入力欄に入ります）")
                card = gr.Markdown(visible=False, container=True, padding=True, elem_id="answer-card",
                                   elem_classes="project-card")
                table = gr.Dataframe(kpi_frame(assistant, []), label="回答に使ったKPI", interactive=False, wrap=True,
                                     column_widths=KPI_WIDTHS, elem_id="kpi-table")
                kpi_download = gr.DownloadButton("CSVをダウンロード", visible=False, size="sm", elem_id="kpi-csv")
                chart = gr.BarPlot(None, x=CHART_X, y=CHART_Y, color=CHART_PART, color_map=CHART_COLORS,
                                   y_lim=[0, None], y_title="達成率（%）", x_title="指標", tooltip=[CHART_RATE],
                                   color_title=" ", x_label_angle=-20, label="KPI達成率", elem_id="kpi-chart",
                                   visible=False,
                                   height=FULL_HEIGHT,  # a fixed height clips the legend: the caption explains colours
                                   caption="青: 実績（100%まで）　緑: 100%を上回った分　灰色: 100%までの不足 — "
                                           "青と緑・灰色の境目が目標（達成率100%）")
                budget_chart = gr.BarPlot(None, x=BUDGET_X, y=BUDGET_Y, color=BUDGET_SERIES, y_lim=[0, None],
                                          x_title="年度", y_title=BUDGET_Y, color_title="事業",
                                          tooltip=[BUDGET_SERIES, BUDGET_SHOWN], label="交付対象事業経費（年度別）",
                                          elem_id="budget-chart", visible=False,
                                          caption="資料に記載の金額（単位は資料の表記のまま）")
                trend = gr.LinePlot(None, x=TREND_X, y=TREND_Y, color=TREND_SERIES, color_map=TREND_COLORS,
                                    x_title="年度", y_title="値", color_title="区分", tooltip=[TREND_SHOWN],
                                    label="推移", elem_id="trend-chart", visible=False,
                                    caption="年度ごとの目標と実績（資料に記載のある年度のみ）")
                with gr.Accordion("根拠となった資料の抜粋", open=False):
                    passages = gr.Markdown(elem_id="passages")
                with gr.Accordion("出典を開く", open=True, visible=False, elem_id="evidence") as sources_box:
                    pick = gr.Dropdown([], label="出典（資料 / 事業 / 頁）", interactive=True, elem_id="citation-pick")
                    evidence_note = gr.Markdown(elem_id="evidence-note")
                    evidence_image = gr.Image(None, type="pil", label="出典のページ（黄色: 回答の根拠）",
                                              interactive=False, buttons=["download", "fullscreen"], visible=False,
                                              elem_id="evidence-image")
                    evidence_text = gr.HTML(visible=False, elem_id="evidence-text")
            with gr.Tab("事業一覧", id="projects"):
                with gr.Row():
                    # a custom value is allowed: a city or year whose reports were removed since it was picked
                    # finds nothing instead of failing the event
                    b_city = gr.Dropdown(city_choices, value=ALL, label="市町村", visible=many, allow_custom_value=True,
                                         elem_id="browse-city")
                    b_year = gr.Dropdown(year_choices, value=ALL, label="年度", visible=many, allow_custom_value=True,
                                         elem_id="browse-year")
                    b_achievement = gr.Dropdown(ACHIEVEMENT_CHOICES, value=ALL, label="KPIの達成",
                                                elem_id="browse-achievement")
                    b_words = gr.Textbox(label="事業名・担当部署・目的・取組で探す", placeholder="例: 研修 子育て",
                                         elem_id="browse-words")
                first_table, first_count, first_keys = browse(catalog_of(assistant), Query())
                browse_count = gr.Markdown(first_count, elem_id="browse-count")
                browse_table = gr.Dataframe(first_table, label="事業（行をクリックすると詳細を表示）", interactive=False,
                                            wrap=True, column_widths=BROWSE_WIDTHS, elem_id="browse-table")
                browse_keys = gr.State(first_keys)
                chosen = gr.State(None)
                project_card = gr.Markdown(visible=False, container=True, padding=True, elem_id="project-card",
                                           elem_classes="project-card")
                with gr.Row():
                    ask_button = gr.Button("この事業について質問する", variant="secondary", visible=False, scale=0,
                                           min_width=260, elem_id="ask-about")
                projects_csv, kpis_csv = list_csvs(assistant)
                with gr.Row():
                    projects_download = gr.DownloadButton("事業一覧をCSVでダウンロード", projects_csv, size="sm",
                                                          elem_id="projects-csv")
                    kpis_download = gr.DownloadButton("KPI（全件）をCSVでダウンロード", kpis_csv, size="sm",
                                                      elem_id="kpis-csv")
                with gr.Accordion("KPI（全件）", open=False):
                    all_kpis = gr.Dataframe(kpi_frame(assistant, assistant.kpis), show_label=False,
                                            interactive=False, wrap=True, column_widths=KPI_WIDTHS)
            with gr.Tab("資料", id="reports"):
                summary, files = reports_view()
                with gr.Row():
                    status = gr.Markdown(live.status.message, elem_id="reload-status")
                    reload_btn = gr.Button("資料を再読み込み", scale=0, elem_id="reload")
                if allow_upload:
                    upload = gr.File(label="報告書を追加（.pdf / .txt、20MBまで）", file_count="multiple",
                                     file_types=[".pdf", ".txt"], elem_id="upload")
                    upload_note = gr.Markdown(elem_id="upload-note")
                files_summary = gr.Markdown(summary, elem_id="reports-summary")
                files_table = gr.Dataframe(files, label="コーパスのファイル", interactive=False, wrap=True,
                                           column_widths=REPORT_WIDTHS, elem_id="reports-table")
        seen = gr.State(live.status.version)
        # The same version as a (hidden) component: a State's change event does not fire after an unqueued event
        version = gr.Number(live.status.version, visible="hidden", elem_id="index-version")
        timer = gr.Timer(RELOAD_CHECK_SECONDS)

        inputs = [box, city, year, project, session]
        outputs = [chat, table, chart, trend, passages, budget_chart, kpi_download, sources_box, pick,
                   evidence_note, evidence_image, evidence_text, card, session]
        gr.on([box.submit, send.click], ask, inputs, outputs, api_name="ask").then(
            lambda: "", None, box, api_visibility="private", queue=False)
        reset.click(clear, None, outputs, api_visibility="private", queue=False)
        # the chatbot's own trash button empties the display; the history for follow-ups must go with it
        chat.clear(clear, None, outputs, api_visibility="private", queue=False)
        pick.input(open_citation, [pick, session], [evidence_note, evidence_image, evidence_text],
                   api_visibility="private")

        filters = [b_city, b_year, b_achievement, b_words]
        # the words follow `change`, not `input`: Gradio's textbox fires `input` on keypress only, which Japanese
        # IME input, pasting and phone keyboards never send
        gr.on([b_city.input, b_year.input, b_achievement.input, b_words.change, b_words.submit], find, filters,
              [browse_table, browse_count, browse_keys], api_name="browse", queue=False, show_progress="hidden",
              trigger_mode="always_last")
        browse_table.select(show_card, [browse_keys], [project_card, ask_button, chosen], api_visibility="private",
                            queue=False, scroll_to_output=True)
        ask_button.click(ask_about, [chosen], [tabs, project, city, year], api_visibility="private",
                         queue=False).then(
            None, js="() => setTimeout(() => document.querySelector('#question textarea')?.focus(), 100)")

        # the 資料 tab is filled when the page is built; the same rows are the API `/reports`
        demo.load(reports_view, None, [files_summary, files_table], api_name="reports", queue=False)
        refreshed = [status, files_summary, files_table, all_kpis, project, b_city, b_year, projects_download,
                     kpis_download, version, seen]
        # A cheap look at the corpus folder every few seconds (names, sizes, times); a change rebuilds in the
        # background and the lists follow once the new index is live.
        timer.tick(refresh, [seen], refreshed, api_visibility="private", queue=False, show_progress="hidden")
        reload_btn.click(lambda v: refresh(v, force=True), [seen], refreshed, api_name="reload", queue=False)
        demo.load(refresh, [seen], refreshed, api_name="status", queue=False)  # also a status call for the API
        version.change(find, filters, [browse_table, browse_count, browse_keys], api_visibility="private", queue=False)
        if allow_upload:
            upload.upload(add_reports, [upload, seen], [upload_note, upload, *refreshed], api_name="upload")
    return demo


# --- the launcher (app.py calls main) ------------------------------------------------------------------------------


def console_progress(done: int, total: int, stage: str) -> None:
    print(f"  {stage}: {done}/{total}", file=sys.stderr, flush=True)


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def launch(demo: gr.Blocks, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, block: bool = True,
           allow_upload: bool = False) -> str:
    """Serve with safe defaults: local only, no share link, no extra file access, small uploads, bounded queue."""
    demo.queue(max_size=32, default_concurrency_limit=2)
    cap = f"{MAX_UPLOAD_BYTES // (1024 * 1024)}mb" if allow_upload else "1mb"
    _, url, _ = demo.launch(server_name=host, server_port=port, share=False, prevent_thread_lock=not block,
                            max_file_size=cap, enable_monitoring=False, run_history=False, mcp_server=False,
                            ssr_mode=False, pwa=False, show_error=False, quiet=not block, css=CARD_CSS)
    return url


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python app.py", description="Chat over 地方創生関連交付金事業 reports.")
    p.add_argument("--host", help=f"address to listen on (env {ENV_HOST} or GRADIO_SERVER_NAME; default "
                                  f"{DEFAULT_HOST}: this machine only)")
    p.add_argument("--port", type=int, help=f"port (env {ENV_PORT} or GRADIO_SERVER_PORT; default {DEFAULT_PORT})")
    p.add_argument("--allow-upload", action="store_true",
                   help="let users add .pdf/.txt reports from the browser (off: anyone who can open the page could "
                        "then write files into the corpus folder)")
    p.add_argument("--corpus", help="folder of reports (env ASSISTANT_CORPUS; default corpus/)")
    p.add_argument("--index", help="index folder (env ASSISTANT_INDEX; default index/)")
    p.add_argument("--embedder", help="embedder id (env ASSISTANT_EMBEDDER; default e5-small-q4)")
    args = p.parse_args(argv)
    tune_threads()
    handler = logging.StreamHandler()  # our own logger only: some libraries log at DEBUG on their loggers
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    t0 = time.perf_counter()
    try:
        assistant = Assistant.open(Config.from_env(args.corpus, args.index, args.embedder), log=_log,
                                   progress=console_progress)
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    _log(f"index ready in {time.perf_counter() - t0:.1f}s ({assistant.index.path})")
    host, port = server_address(args.host, args.port, os.environ)
    launch(build_demo(assistant, allow_upload=args.allow_upload), host, port, allow_upload=args.allow_upload)
    return 0


def server_address(host: str | None, port: int | None, env: Mapping[str, str]) -> tuple[str, int]:
    """Explicit flags win, then ASSISTANT_HOST/PORT, then Gradio's own GRADIO_SERVER_NAME/PORT, then the defaults."""
    h = host or env.get(ENV_HOST) or env.get("GRADIO_SERVER_NAME") or DEFAULT_HOST
    p = port or env.get(ENV_PORT) or env.get("GRADIO_SERVER_PORT") or DEFAULT_PORT
    return h, int(p)
