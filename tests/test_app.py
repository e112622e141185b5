"""The Gradio app end to end: a real index (e5-small-q4, shipped corpus) served in-process, driven by gradio_client;
a mixed corpus (PDF layouts, an empty and a junk file) for the 資料 tab; the data behind tables and charts."""

from __future__ import annotations

import csv
import io
import os
import random
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest

from assistant.api import Assistant
from assistant.catalog import ALL_MET, SOME_MISSED, TABLE_COLUMNS, Catalog, Query
from assistant.config import MAX_QUESTION_CHARS, Config
from assistant.records import Answer, Citation, Kpi
from assistant.ui import (
    BUDGET_SERIES,
    BUDGET_SHOWN,
    BUDGET_X,
    BUDGET_Y,
    CHART_PART,
    CHART_X,
    CHART_Y,
    COMPACT_HEIGHT,
    FAILURE,
    FULL_HEIGHT,
    KPI_COLUMNS,
    PART_MET,
    PART_OVER,
    PART_SHORT,
    REPORT_COLUMNS,
    TREND_ACTUAL,
    TREND_SERIES,
    TREND_TARGET,
    TREND_X,
    TREND_Y,
    browse,
    build_demo,
    chart_frame,
    charts,
    kpi_frame,
    launch,
    reports_summary,
    table_kpis,
    trend_frame,
    trend_series,
    verdict,
)
from tests.conftest import assert_csv_matches_json, read_bom_csv

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
REPORT = "fukuoka-city_R2_chihou-sousei-koufukin.txt"
NOT_FOUND = "資料に記載が見つかりません"
ENGINEER_Q = "エンジニアからの相談対応件数はどうだった？"
ENGINEER_ROW = ["1. エンジニアフレンドリーシティ福岡の推進", "エンジニアからの相談対応件数", "R2", "120件", "253件",
                "210.8%", "達成", 1]
LAYOUTS = ROOT / "tests" / "fixtures" / "layouts"
SHEET, SUMMARY = "sheet_shiratoridai-city.pdf", "summary_asahigaoka-town.pdf"
TREND_Q = "中心市街地の歩行者通行量の推移は？"
PROSE = "令和３年度 まちづくり懇談会の記録\n\n本年度は市民との懇談会を三回開催し、公共交通と商店街の活性化について意見を交わした。\n"
AI_PROJECT_KPIS = ["研修修了者数", "本事業への参加後、AI関連業務に従事した人の割合", "研修開催回数",
                   "実践訓練における解決課題数"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("index")


@pytest.fixture(scope="module")
def assistant(index_dir: Path) -> Assistant:
    config = Config.from_env(corpus=ROOT / "corpus", index=index_dir, embedder="e5-small-q4")
    return Assistant.open(config)  # builds the index into the temp folder (first start)


@pytest.fixture(scope="module")
def server(assistant: Assistant) -> Iterator[tuple[Any, str]]:
    demo = build_demo(assistant)
    url = launch(demo, port=free_port(), block=False)
    yield demo, url
    demo.close()


@pytest.fixture(scope="module")
def url(server: tuple[Any, str]) -> str:
    return server[1]


@pytest.fixture()
def client(url: str) -> Any:
    from gradio_client import Client

    return Client(url, verbose=False)  # one Client = one browser session


def shown(update: Any) -> dict | None:
    """A plot output as the page shows it: its value, or None when it is hidden or empty."""
    if isinstance(update, dict) and update.get("__type__") == "update":
        return update.get("value") if update.get("visible", True) else None
    return update


OUTPUTS = ["chat", "table", "bars", "trend", "passages", "budget", "csv", "sources", "note", "image", "html", "card"]


def ask_all(client: Any, question: str, project: str = "") -> dict[str, Any]:
    """Every output of /ask by name; charts, download, page image and page HTML as shown (None when hidden)."""
    out = dict(zip(OUTPUTS, client.predict(question, "", "", project, api_name="/ask"), strict=True))
    out["updates"] = dict(out)  # the raw updates (plot props such as height and y_title)
    for name in ("bars", "trend", "budget", "csv", "note", "image", "html", "card"):
        out[name] = shown(out[name])
    return out


def ask(client: Any, question: str, project: str = "") -> tuple[list[dict], dict, dict | None, str]:
    """chat, KPI table, bar chart (None when hidden or empty), passages; the line chart must be hidden."""
    out = ask_all(client, question, project)
    assert out["trend"] is None, out["trend"]
    return out["chat"], out["table"], out["bars"], out["passages"]


def ask_trend(client: Any, question: str) -> tuple[list[dict], dict, dict | None, dict | None]:
    """chat, KPI table, bar chart and line chart as shown (None when hidden)."""
    out = ask_all(client, question)
    return out["chat"], out["table"], out["bars"], out["trend"]


def text(message: dict) -> str:
    content = message["content"]
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") for part in content)


def reply(chat: list[dict]) -> str:
    assert chat and chat[-1]["role"] == "assistant"
    return text(chat[-1])


def chart_rows(chart: dict) -> list[dict]:
    return [dict(zip(chart["columns"], row, strict=True)) for row in chart["data"]]


# --- the server through gradio_client -------------------------------------------------------------------------


def test_index_is_built_in_the_temp_folder(assistant: Assistant, index_dir: Path) -> None:
    assert assistant.index.path.parent.parent == index_dir
    assert assistant.index.manifest["embedder"] == "e5-small-q4"
    assert (index_dir / "CURRENT").is_file()


def test_kpi_question_answers_with_table_chart_and_sources(client: Any) -> None:
    chat, table, chart, passages = ask(client, ENGINEER_Q)
    assert [m["role"] for m in chat] == ["user", "assistant"]
    assert text(chat[0]) == ENGINEER_Q
    answer = reply(chat)
    for value in ("120", "253", "210.8"):
        assert value in answer
    assert NOT_FOUND not in answer
    assert table["headers"] == KPI_COLUMNS
    assert ENGINEER_ROW in table["data"]
    rows = [r for r in chart_rows(chart) if r[CHART_X].startswith("①エンジニアからの")]
    assert {r[CHART_PART]: r[CHART_Y] for r in rows} == {PART_MET: 100.0, PART_OVER: pytest.approx(110.8)}
    assert chart["mark"] == "bar"
    assert "253件" in passages and "p.1" in passages


def test_follow_up_uses_the_sessions_history(client: Any, url: str) -> None:
    from gradio_client import Client

    chat, _, _, _ = ask(client, "留学生数の目標は？")
    assert "3,923" in reply(chat)
    chat, table, _, _ = ask(client, "実績は？")
    assert len(chat) == 4  # the conversation is kept per session
    assert "3,644" in reply(chat)
    assert "福岡市内の大学・大学院・短期大学に在籍する留学生数" in [r[1] for r in table["data"]]
    # the same follow-up in a fresh session has nothing to refer to
    chat, table, _, _ = ask(Client(url, verbose=False), "実績は？")
    assert len(chat) == 2
    assert "3,644" not in reply(chat)


def test_follow_up_after_the_kpi_question(client: Any) -> None:
    ask(client, ENGINEER_Q)
    chat, table, _, _ = ask(client, "目標は何件だった？")
    answer = reply(chat)
    assert NOT_FOUND not in answer
    assert "120" in answer
    assert ENGINEER_ROW in table["data"]


def test_out_of_scope_question_gets_no_kpi_rows(client: Any) -> None:
    chat, table, chart, passages = ask(client, "東京都の待機児童数は？")
    assert NOT_FOUND in reply(chat)
    assert table["headers"] == KPI_COLUMNS
    assert table["data"] == []
    assert chart is None
    assert "回答の根拠ではありません" in passages  # nearest passages are labelled as such, not as sources


def test_answer_citing_one_project_shows_that_projects_kpis(client: Any) -> None:
    _, table, chart, _ = ask(client, "研修の事業はどんな内容？", project=f"{REPORT}#2")
    assert {r[0] for r in table["data"]} == {"2. Society5.0を支えるAIエンジニア支援"}
    assert [r[1] for r in table["data"]] == AI_PROJECT_KPIS
    assert len({r[CHART_X] for r in chart_rows(chart)}) == 3  # the KPI without a rate has no bar


def test_budget_answer_shows_the_budget_chart_and_no_kpi_chart(client: Any, url: str) -> None:
    from gradio_client import Client

    out = ask_all(client, "AIエンジニア支援事業の予算は？")
    assert "5,673" in reply(out["chat"]) and "5,673" in out["passages"]
    assert [r[1] for r in out["table"]["data"]] == AI_PROJECT_KPIS  # the cited project's KPIs stay in the table
    assert out["bars"] is None and out["trend"] is None  # no KPI chart for a budget answer
    budget = out["budget"]
    assert budget is not None and budget["mark"] == "bar"
    assert [(r[BUDGET_X], r[BUDGET_Y]) for r in chart_rows(budget)] == [("令和2年度", 5673), ("令和3年度", 5673)]
    assert {r[BUDGET_SERIES] for r in chart_rows(budget)} == {"①Society5.0を支え…"}
    assert out["updates"]["budget"]["y_title"] == "交付対象事業経費（単位の記載なし）"  # the seed report prints no unit
    # the next, non-budget answer hides the budget chart again (a fresh session: no budget follow-up)
    out = ask_all(Client(url, verbose=False), ENGINEER_Q)
    assert out["budget"] is None and out["bars"] is not None


def test_project_answer_shows_the_projects_card(client: Any, url: str) -> None:
    from gradio_client import Client

    out = ask_all(client, "AIエンジニア支援事業の目的は？")
    card = out["card"]
    assert card is not None and card.startswith("### Society5.0を支えるAIエンジニア支援")
    assert "| 研修修了者数 | 90人 | 87人 | 96.7% | 未達成 |" in card and "2ページ" in card
    out = ask_all(client, ENGINEER_Q)  # a KPI answer: its table and chart, no card
    assert out["card"] is None and out["bars"] is not None
    out = ask_all(client, "交付金の種類は？")  # a follow-up: the grant of the KPI's project, its card
    assert out["card"] is not None and out["card"].startswith("### エンジニアフレンドリーシティ福岡の推進")
    out = ask_all(Client(url, verbose=False), "交付金の種類は？")  # a new conversation: four projects, no card
    assert out["card"] is None
    out = ask_all(client, "東京都の待機児童数は？")
    assert out["card"] is None


def test_budget_answer_about_one_project_shows_its_card_and_the_budget_chart(client: Any) -> None:
    out = ask_all(client, "AIエンジニア支援事業の予算は？")
    assert out["budget"] is not None and out["bars"] is None and out["trend"] is None
    assert "| 交付対象事業経費 | 令和2年度 5,673 / 令和3年度 5,673（単位の記載なし） |" in out["card"]


def test_single_kpi_answer_has_a_compact_bar(client: Any) -> None:
    out = ask_all(client, ENGINEER_Q)
    assert out["bars"] is not None and out["updates"]["bars"]["height"] == COMPACT_HEIGHT
    out = ask_all(client, "研修の事業はどんな内容？", project=f"{REPORT}#2")  # three KPIs with a rate: full size
    assert len({r[CHART_X] for r in chart_rows(out["bars"])}) == 3
    assert out["updates"]["bars"]["height"] == FULL_HEIGHT


def test_kpi_rows_download_as_csv(client: Any, assistant: Assistant) -> None:
    out = ask_all(client, ENGINEER_Q)
    assert out["csv"] is not None
    rows = read_bom_csv(out["csv"])
    k = next(k for k in assistant.kpis if k.name == "エンジニアからの相談対応件数")
    assert_csv_matches_json(rows, assistant.kpis_json(kpis=[k]))
    assert (rows[0]["target"], rows[0]["actual"], rows[0]["rate"]) == ("120", "253", "210.8")
    out = ask_all(client, "東京都の待機児童数は？")
    assert out["csv"] is None  # nothing to download without KPI rows


def test_cited_text_page_is_shown_with_the_kpi_line_marked(client: Any) -> None:
    out = ask_all(client, ENGINEER_Q)
    assert out["image"] is None and out["html"] is not None
    assert "<mark>KPI エンジニアからの相談対応件数(件) 120 253 210.8%</mark>" in out["html"]
    assert "1ページ" in out["note"]


@pytest.mark.parametrize(("question", "message"), [
    ("", "質問が空です"),
    ("   ", "質問が空です"),
    ("あ" * 600, f"{MAX_QUESTION_CHARS}文字以内"),
])
def test_bad_question_gets_a_clear_message(client: Any, question: str, message: str) -> None:
    chat, table, chart, passages = ask(client, question)
    assert message in reply(chat)
    assert "Traceback" not in reply(chat)
    assert table["data"] == [] and chart is None and passages == ""
    chat, _, _, _ = ask(client, ENGINEER_Q)  # the session still works afterwards
    assert "253" in reply(chat)


def test_project_filter_reaches_the_library(client: Any) -> None:
    chat, _, _, _ = ask(client, ENGINEER_Q, project=f"{REPORT}#1")
    assert "253" in reply(chat)
    chat, table, _, _ = ask(client, ENGINEER_Q, project=f"{REPORT}#4")
    assert "253" not in reply(chat)
    assert ENGINEER_ROW not in table["data"]


def test_concurrent_sessions_get_their_own_answers(url: str) -> None:
    from gradio_client import Client

    questions = [ENGINEER_Q, "研修修了者数は目標を達成した？", "AIエンジニア支援事業の予算は？"] * 2
    expected = ["253", "87", "5,673"] * 2
    clients = [Client(url, verbose=False) for _ in questions]
    jobs = [c.submit(q, "", "", "", api_name="/ask") for c, q in zip(clients, questions, strict=True)]
    with ThreadPoolExecutor(len(jobs)) as pool:
        results = list(pool.map(lambda j: j.result(timeout=60), jobs))
    for (chat, *_), q, value in zip(results, questions, expected, strict=True):
        assert len(chat) == 2 and text(chat[0]) == q
        assert value in reply(chat)


class Broken:
    """An assistant whose answer fails in an unexpected way."""

    def __init__(self, real: Assistant) -> None:
        self._real = real

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def answer(self, *args: Any, **kwargs: Any) -> Answer:
        raise RuntimeError("internal detail /secret/path")


def test_failure_shows_a_message_not_a_stack_trace(assistant: Assistant, caplog: pytest.LogCaptureFixture) -> None:
    from gradio_client import Client

    demo = build_demo(Broken(assistant))  # type: ignore[arg-type]
    url = launch(demo, port=free_port(), block=False)
    try:
        chat, table, chart, passages = ask(Client(url, verbose=False), ENGINEER_Q)
    finally:
        demo.close()
    assert reply(chat) == FAILURE
    assert "secret" not in str((chat, table, chart, passages))
    assert table["data"] == [] and chart is None
    logged = [r for r in caplog.records if r.name == "assistant.ui" and r.exc_info]
    assert logged and logged[0].exc_info[0] is RuntimeError  # the traceback goes to the console log


def test_launch_is_local_and_closed(server: tuple[Any, str]) -> None:
    demo, url = server
    assert url.startswith("http://127.0.0.1:")
    assert demo.share is False and demo.share_url is None
    assert (demo._queue.max_size, demo._queue.default_concurrency_limit) == (32, 2)
    assert httpx.get(url + "gradio_api/file=/etc/passwd").status_code in (403, 404)
    too_big = httpx.post(url + "gradio_api/upload", files={"files": ("a.txt", b"x" * 2_000_000)})
    assert too_big.status_code == 413
    assert demo.analytics_enabled is False
    assert os.environ["GRADIO_ANALYTICS_ENABLED"] == "False"
    config = httpx.get(url + "config").json()
    boxes = [c["props"] for c in config["components"] if c["props"].get("elem_id") == "question"]
    assert boxes and boxes[0]["max_length"] == MAX_QUESTION_CHARS


def test_app_py_starts_on_the_env_port(index_dir: Path) -> None:
    port = free_port()
    env = {**os.environ, "ASSISTANT_INDEX": str(index_dir), "ASSISTANT_CORPUS": str(ROOT / "corpus"),
           "ASSISTANT_EMBEDDER": "e5-small-q4", "ASSISTANT_PORT": str(port)}
    env.pop("ASSISTANT_HOST", None)
    proc = subprocess.Popen([sys.executable, str(ROOT / "app.py")], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
            assert time.monotonic() < deadline, "app.py did not answer HTTP within 60 s"
            time.sleep(0.2)
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
    assert "index ready" in out
    assert f"127.0.0.1:{port}" in out


# --- layout and the data behind the table and chart (no server) --------------------------------------------------


class TwoReports:
    """The real assistant, seen as if the corpus held a second report."""

    def __init__(self, real: Assistant) -> None:
        self._real = real
        first = real.reports[0]
        self.reports = (first, replace(first, report="kitakyushu_R3.txt", city="北九州市", fiscal_year="R3"))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def visible_dropdowns(demo: Any) -> dict[str, bool]:
    import gradio as gr

    return {b.elem_id: b.visible for b in demo.blocks.values() if isinstance(b, gr.Dropdown)
            and b.elem_id != "citation-pick"}


def test_city_and_year_filters_only_with_several_reports(assistant: Assistant) -> None:
    """In both tabs: 質問する (city, year, project) and 事業一覧 (city, year, achievement)."""
    assert visible_dropdowns(build_demo(assistant)) == {"city": False, "year": False, "project-filter": True,
                                                        "browse-city": False, "browse-year": False,
                                                        "browse-achievement": True}
    assert visible_dropdowns(build_demo(TwoReports(assistant))) == {  # type: ignore[arg-type]
        "city": True, "year": True, "project-filter": True, "browse-city": True, "browse-year": True,
        "browse-achievement": True}


def test_table_falls_back_to_the_cited_projects_kpis(assistant: Assistant) -> None:
    one = Answer("q", "t", "budget", (Citation(REPORT, 2, "x", 2),))
    assert [k.name for k in table_kpis(assistant, one)] == AI_PROJECT_KPIS
    two = Answer("q", "t", "topic", (Citation(REPORT, 2, "x", 2), Citation(REPORT, 3, "y", 3)))
    assert table_kpis(assistant, two) == []
    lost = Answer("q", "t", "out_of_scope", (Citation(REPORT, 2, "x", 2),), found=False)
    assert table_kpis(assistant, lost) == []
    used = Answer("q", "t", "kpi_value", (Citation(REPORT, 2, "x", 2),), kpis=(assistant.kpis[0],))
    assert table_kpis(assistant, used) == [assistant.kpis[0]]


def test_verdict_marks_lower_is_better(assistant: Assistant) -> None:
    by_name = {k.name: k for k in assistant.kpis}
    assert verdict(by_name["福岡地域の情報処理技術者の有効求人倍率"]) == "達成（低いほど良い）"
    assert verdict(by_name["研修修了者数"]) == "未達成"
    assert verdict(by_name["地域の行事への外国人参加率"]) == "判定不可"


def test_chart_bars_reach_100_and_skip_missing_rates(assistant: Assistant) -> None:
    frame = chart_frame(assistant.kpis)
    assert frame is not None
    rated = [k for k in assistant.kpis if k.rate is not None]
    labels = sorted(set(frame[CHART_X]))  # the plot orders bars alphabetically: that must be the KPIs' order
    assert [label[1:4] for label in labels] == [k.name[:3] for k in rated]
    totals = frame.groupby(CHART_X)[CHART_Y].sum()
    assert list(totals[labels]) == pytest.approx([max(k.rate, 100.0) for k in rated])
    met = frame[frame[CHART_PART] == PART_MET].set_index(CHART_X)[CHART_Y]
    assert list(met[labels]) == pytest.approx([min(k.rate, 100.0) for k in rated])
    assert set(frame[CHART_PART]) == {PART_MET, PART_OVER, PART_SHORT}
    parts = list(frame[CHART_PART])
    assert parts.index(PART_MET) > max(i for i, p in enumerate(parts) if p != PART_MET)  # 実績 stacks at the bottom
    assert chart_frame([k for k in assistant.kpis if k.rate is None]) is None


def test_projects_tab_lists_every_project(assistant: Assistant) -> None:
    frame, count, keys = browse(Catalog(assistant), Query())
    assert list(frame.columns) == TABLE_COLUMNS
    assert list(frame["事業名"]) == [p.title for p in assistant.projects]
    assert keys == [f"{REPORT}#{n}" for n in (1, 2, 3, 4)] and count == "**4件**の事業"
    first = frame.iloc[0]
    assert (first["市町村"], first["年度"], first["交付対象事業経費"]) == ("福岡市", "R2", "R2: 67,055 / R3: 81,801")
    assert first["事業期間"] == "令和元年度〜令和3年度"
    frame, count, keys = browse(Catalog(assistant), Query(text="該当なしの言葉"))
    assert frame.empty and keys == [] and count == "条件に合う事業はありません。"


def test_projects_table_is_capped(assistant: Assistant, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("assistant.ui.BROWSE_MAX", 3)
    frame, count, keys = browse(Catalog(assistant), Query())
    assert len(frame) == len(keys) == 3 and count.startswith("**4件**の事業（先頭の3件を表示")


def test_computed_rate_is_marked_and_the_year_shown(assistant: Assistant) -> None:
    k = Kpi(REPORT, 1, "観光入込客数", "人", 350000, 298412, 85.26, "R2", False, False, None, 1,
            printed=("350,000", "298,412", ""), rate_source="computed")
    row = kpi_frame(assistant, [k]).iloc[0]
    assert (row["年度"], row["目標"], row["実績"], row["達成率"]) == ("R2", "350,000人", "298,412人", "85.3%（計算値）")
    printed = kpi_frame(assistant, [assistant.kpis[0]]).iloc[0]
    assert "計算値" not in printed["達成率"] and printed["年度"] == "R2"


# --- the line chart of one KPI over fiscal years (no server) ----------------------------------------------------


def kpi(year: str | None, target: float | None, actual: float | None, name: str = "歩行者通行量", report: str = "a.pdf",
        no: int = 1) -> Kpi:
    rate = None if target is None or actual is None else actual / target * 100
    return Kpi(report, no, name, "人", target, actual, rate, year, False, None, None, 1)


def test_trend_series_needs_one_kpi_in_two_years() -> None:
    assert trend_series([kpi("R2", 10, 9)]) == []
    assert trend_series([kpi("R2", 10, 9), kpi("R3", 10, 9, name="別の指標")]) == []
    assert trend_series([kpi("R2", 10, 9), kpi("R3", 10, 9, report="b.pdf")]) == []
    assert trend_series([kpi("R2", 10, 9), kpi("R3", 10, 9, no=2)]) == []
    assert trend_series([kpi(None, 10, 9), kpi(None, 11, 9)]) == []
    years = [k.fiscal_year for k in trend_series([kpi("R10", 1, 1), kpi("R2", 1, 1), kpi("H30", 1, 1), kpi("R1", 1, 1)])]
    assert years == ["H30", "R1", "R2", "R10"]  # in time order, not string order
    mixed = [kpi("R2", 1, 1, name="単年"), kpi("R3", 5, 4), kpi("R2", 4, 3), kpi("R2", 9, 9)]
    assert [(k.fiscal_year, k.target) for k in trend_series(mixed)] == [("R2", 4), ("R3", 5)]  # first record a year


def test_trend_frame_has_target_and_actual_per_year() -> None:
    frame = trend_frame(trend_series([kpi("R2", 8500, 7650), kpi("R3", 8800, 8930), kpi("R4", 9100, None)]))
    assert frame is not None
    assert list(frame.itertuples(index=False, name=None)) == [
        ("令和2年度", 8500.0, TREND_TARGET, "8,500人"), ("令和2年度", 7650.0, TREND_ACTUAL, "7,650人"),
        ("令和3年度", 8800.0, TREND_TARGET, "8,800人"), ("令和3年度", 8930.0, TREND_ACTUAL, "8,930人"),
        ("令和4年度", 9100.0, TREND_TARGET, "9,100人")]  # a year without an actual has no 実績 point
    assert trend_frame([]) is None


def test_charts_show_either_the_line_or_the_bars(assistant: Assistant) -> None:
    bars, line = charts(assistant, [kpi("R2", 8500, 7650, report=REPORT), kpi("R3", 8800, 8930, report=REPORT)])
    assert bars["visible"] is False and bars["value"] is None
    assert line["visible"] is True and line["sort"] == ["令和2年度", "令和3年度"]
    assert set(line["value"][TREND_SERIES]) == {TREND_TARGET, TREND_ACTUAL}
    assert (line["label"], line["y_title"]) == ("推移: 歩行者通行量（人）", "値（人）")
    bars, line = charts(assistant, assistant.kpis[:2])  # one year each: the achievement bars as before
    assert bars["visible"] is True and list(bars["value"][CHART_X]) == list(chart_frame(assistant.kpis[:2])[CHART_X])
    assert line == {"__type__": "update", "value": None, "visible": False}
    bars, line = charts(assistant, [])
    assert bars["visible"] is False and bars["value"] is None and line["visible"] is False  # nothing to show


# --- a mixed corpus: PDF layouts, an empty file, a junk file, plain prose (fake embedder, real server) -------------


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Assistant, str]]:
    corpus = tmp_path_factory.mktemp("mixed-corpus")
    for f in (ROOT / "corpus").glob("*.txt"):
        shutil.copy(f, corpus)
    shutil.copy(LAYOUTS / SHEET, corpus)
    shutil.copy(LAYOUTS / SUMMARY, corpus)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "junk.pdf").write_bytes(random.Random(7).randbytes(4096))
    (corpus / "notes.txt").write_text(PROSE, encoding="utf-8")  # readable, but no layout: text only
    config = Config.from_env(corpus=corpus, index=tmp_path_factory.mktemp("mixed-index"), embedder="fake-hash-64")
    assistant = Assistant.open(config)
    demo = build_demo(assistant)
    url = launch(demo, port=free_port(), block=False)
    yield assistant, url
    demo.close()


def test_reports_tab_lists_every_file_of_a_mixed_corpus(mixed: tuple[Assistant, str]) -> None:
    from gradio_client import Client

    assistant, url = mixed
    summary, table = Client(url, verbose=False).predict(api_name="/reports")
    assert summary == "6ファイル: 3件読み取り、1件本文のみ、2件スキップ"
    assert table["headers"] == REPORT_COLUMNS == ["ファイル", "状態", "様式", "市町村", "年度", "事業数", "KPI数", "警告・理由"]
    rows = {r[0]: r[1:] for r in table["data"]}
    assert set(rows) == {REPORT, SHEET, SUMMARY, "empty.txt", "junk.pdf", "notes.txt"}
    seed = {k for k in assistant.kpis if k.report == REPORT}
    assert rows[REPORT] == ["読み取り済み", "①形式", "福岡市", "R2", 4, len(seed), "-"]
    assert rows[SHEET][:5] == ["読み取り済み", "効果検証シート", "白鳥台市", "R3", 3]
    assert rows[SUMMARY][:5] == ["読み取り済み", "総括表", "朝日丘町", "R2", 5]
    assert rows["notes.txt"][:2] == ["本文のみ", "本文のみ"] and rows["notes.txt"][4:6] == [0, 0]
    for junk in ("empty.txt", "junk.pdf"):
        status, layout, city, year, projects, kpis, reason = rows[junk]
        assert (status, layout, city, year, projects, kpis) == ("スキップ", "-", "-", "-", 0, 0)
        assert reason not in ("", "-")  # why it was skipped
    expected = {r["file"]: (r["projects"], r["kpis"]) for r in assistant.reports_json()}
    assert {f: (r[4], r[5]) for f, r in rows.items()} == expected


def test_trend_question_draws_the_line_chart_not_the_bars(mixed: tuple[Assistant, str]) -> None:
    from gradio_client import Client

    client = Client(mixed[1], verbose=False)
    chat, table, bars, line = ask_trend(client, TREND_Q)
    assert "令和3年度" in reply(chat)
    assert [r[2] for r in table["data"]] == ["R2", "R3", "R4"]
    assert bars is None and line is not None and line["mark"] == "line"
    points = {(r[TREND_X], r[TREND_SERIES]): r[TREND_Y] for r in chart_rows(line)}
    assert points == {("令和2年度", TREND_TARGET): 8500, ("令和2年度", TREND_ACTUAL): 7650,
                      ("令和3年度", TREND_TARGET): 8800, ("令和3年度", TREND_ACTUAL): 8930,
                      ("令和4年度", TREND_TARGET): 9100}
    # the next answer carries one year only: the bars come back and the line goes
    chat, table, bars, line = ask_trend(client, "観光入込客数の達成率は？")
    assert "85.3%（計算値）" in [r[5] for r in table["data"]]
    assert line is None and bars is not None and bars["mark"] == "bar"


def test_summary_table_budget_answer_charts_every_project_in_thousand_yen(mixed: tuple[Assistant, str]) -> None:
    from gradio_client import Client

    out = ask_all(Client(mixed[1], verbose=False), "朝日丘町の事業の予算は？")
    assert out["bars"] is None and out["trend"] is None
    budget = out["budget"]
    assert budget is not None and out["updates"]["budget"]["y_title"] == "交付対象事業経費（千円）"
    assert sorted(r[BUDGET_Y] for r in chart_rows(budget)) == [6200, 7350, 9800, 18450, 45000]
    assert {r[BUDGET_SHOWN] for r in chart_rows(budget)} >= {"18,450千円", "45,000千円"}
    assert out["image"] is not None and out["html"] is None  # a PDF's cited page comes as an image
    assert "18,450" in out["note"]


def test_pdf_citation_comes_as_a_highlighted_page_image(mixed: tuple[Assistant, str]) -> None:
    from gradio_client import Client
    from PIL import Image

    out = ask_all(Client(mixed[1], verbose=False), "観光入込客数の達成率は？")
    assert out["image"] is not None and out["html"] is None
    with Image.open(out["image"]) as im:
        assert im.width > 1000 and im.height > 800  # landscape A4 rendered at 2x
        px = np.asarray(im.convert("RGB")).reshape(-1, 3).astype(int)
        assert ((px[:, 0] > 240) & (px[:, 1] > 200) & (px[:, 2] < 180)).any()  # the yellow marks
    assert "観光入込客数" in out["note"]


def test_the_lists_download_all_projects_and_kpis(mixed: tuple[Assistant, str]) -> None:
    from gradio_client import Client

    assistant, url = mixed
    config = httpx.get(url + "config").json()
    values = {c["props"].get("elem_id"): c["props"].get("value") for c in config["components"]}
    for elem, expected in (("projects-csv", assistant.projects_json()), ("kpis-csv", assistant.kpis_json())):
        file = values[elem]
        assert file and file["path"].endswith(".csv")
        data = httpx.get(url + "gradio_api/file=" + file["path"]).content
        assert data.startswith(b"\xef\xbb\xbf")
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        assert_csv_matches_json(rows, expected)
    assert Client(url, verbose=False)  # the server still answers


def test_projects_browser_filters_through_the_api(mixed: tuple[Assistant, str]) -> None:
    from gradio_client import Client

    client = Client(mixed[1], verbose=False)

    def names(city: str = "", year: str = "", achievement: str = "", words: str = "") -> tuple[list[str], str]:
        table, count = client.predict(city, year, achievement, words, api_name="/browse")
        assert table["headers"] == TABLE_COLUMNS
        return [f"{r[0]} {r[2]}" for r in table["data"]], count

    assert names() == ([f"福岡市 {n}" for n in range(1, 5)] + [f"白鳥台市 {n}" for n in range(1, 4)]
                       + [f"朝日丘町 {n}" for n in range(1, 6)], "**12件**の事業")
    assert names(city="朝日丘町") == ([f"朝日丘町 {n}" for n in range(1, 6)], "**5件**の事業")
    assert names(year="R3")[0] == [f"白鳥台市 {n}" for n in range(1, 4)]
    assert names(achievement=ALL_MET)[0] == ["朝日丘町 4"]
    assert names(city="朝日丘町", achievement=SOME_MISSED)[0] == ["朝日丘町 1", "朝日丘町 3", "朝日丘町 5"]
    assert names(words="子育て")[0] == ["白鳥台市 2", "朝日丘町 2"]
    assert names(words="子育て", year="R2") == (["朝日丘町 2"], "**1件**の事業")
    assert names(city="白鳥台市", year="R2") == ([], "条件に合う事業はありません。")


def test_reports_summary_counts_each_status() -> None:
    rows = [{"status": s} for s in ["read"] * 8 + ["text only"] * 3 + ["skipped"] * 2]
    assert reports_summary(rows) == "13ファイル: 8件読み取り、3件本文のみ、2件スキップ"
    assert reports_summary([{"status": "read"}]) == "1ファイル: 1件読み取り"
    assert reports_summary([]) == "ファイルがありません"
