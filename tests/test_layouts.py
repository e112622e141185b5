"""Layout readers: header-driven table mapping, each fixture layout against its truth, a mixed corpus that never drops
a readable report, and the shipped report laid out as a PDF answering like its text."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assistant.api import Assistant
from assistant.config import Config
from assistant.corpus import read_corpus, read_path
from assistant.readers.blocks import budget_sentences
from assistant.readers.tables import KpiCells, make_kpi, read_value, role_of, strip_footnote, year_of
from assistant.records import Project
from eval.layouts import score_parsed
from tests.conftest import FIXTURES, SEED

LAYOUTS = FIXTURES / "layouts"
PDFS = sorted(LAYOUTS.glob("*.pdf"))
TEXTS = sorted(LAYOUTS.glob("*.txt"))
# A wrapped 事業の成果 box whose 「。」 hangs past the cell's right rule (Japanese line-end punctuation): the
# cell finder loses that one character. Known, counted in eval/RESULTS.md, not hidden.
KNOWN_WRONG = {"sheet_shiratoridai-city.pdf": 1}


@pytest.mark.parametrize(("cell", "role"), [
    ("指標", "kpi"), ("重要業績評価指標（KPI）", "kpi"), ("指標名", "kpi"), ("目標値", "target"), ("指標値", "target"),
    ("実績値", "actual"), ("実績額（単位:円）", "budget"), ("事業費（千円）", "budget"), ("達成率", "rate"),
    ("達成度", "rate"), ("目標年月", "target_date"), ("基準値", "baseline"), ("現状値", "baseline"), ("単位", "unit"),
    ("交付対象事業の名称", "title"), ("事業名", "title"), ("交付金の種類", "grant"), ("担当課", "department"),
    ("事業の評価", "evaluation"), ("今後の方針", "policy"), ("事業の成果", "outcome"), ("区分", "label"),
    ("No", "no"), ("令和2年度", None), ("観光入込客数", None),
    ("空き店舗を活用した事業により基準値を上回る目標値まで回復した", None),  # long text is never a label
])
def test_role_of_header_words(cell: str, role: str | None) -> None:
    assert role_of(cell) == role


@pytest.mark.parametrize(("cell", "year"), [
    ("令和2年度", "R2"), ("令和4年度（予定）", "R4"), ("R3", "R3"), ("平成30年度", "H30"), ("2021年度", "R3"),
    ("令和元年度", "R1"), ("区分", None),
])
def test_year_of(cell: str, year: str | None) -> None:
    assert year_of(cell) == year


@pytest.mark.parametrize(("cell", "kind", "value"), [
    ("12,000", "num", 12000), ("95.0%", "pct", 95.0), ("－", "dash", None), ("−", "dash", None),
    ("集計中", "pending", None), ("120人", "num", 120), ("abc", "text", None), ("", "empty", None),
])
def test_read_value(cell: str, kind: str, value: float | None) -> None:
    v = read_value(cell)
    assert (v.kind, v.value) == (kind, value)


def _kpi(name: str, target: str, actual: str, rate: str = "") -> object:
    return make_kpi(KpiCells(name, "人", "R2", read_value(target), read_value(actual), read_value(rate),
                             read_value(""), None, 1), "r.pdf", 1)


def test_make_kpi_rates() -> None:
    printed = _kpi("参加者数", "90", "87", "96.7%")
    assert (printed.rate, printed.rate_source, printed.lower_is_better, printed.achieved) == (96.7, "printed", False,
                                                                                                False)
    lower = _kpi("平均待ち日数", "20", "25", "80.0%")
    assert lower.lower_is_better is True and lower.achieved is False
    computed = _kpi("参加者数", "3,000", "3,215")
    assert (computed.rate, computed.rate_source, computed.achieved) == (107.2, "computed", True)
    assert "direction_assumed_higher" in computed.flags
    unknown = _kpi("待機児童数", "10", "8")  # no printed rate and a name that usually means lower is better
    assert computed.rate_source == unknown.rate_source == "computed" and unknown.achieved is None
    assert "direction_unknown" in unknown.flags
    ratio = _kpi("参加者数", "100", "109", "1.09")  # a ratio printed without %: kept because arithmetic says so
    assert (ratio.rate, ratio.rate_source) == (109.0, "printed")
    mismatch = _kpi("参加者数", "100", "109", "150.0%")
    assert mismatch.rate == 150.0 and "rate_mismatch" in mismatch.flags
    pending = _kpi("参加者数", "100", "集計中")
    assert pending.actual is None and pending.rate is None and "pending_actual" in pending.flags


def test_strip_footnote() -> None:
    assert strip_footnote("待機児童数※1") == "待機児童数"
    assert strip_footnote("観光客数") == "観光客数"


@pytest.mark.parametrize("path", PDFS + TEXTS, ids=[p.name for p in PDFS + TEXTS])
def test_fixture_fields_against_truth(path: Path) -> None:
    truth = json.loads(path.with_name(path.stem + ".truth.json").read_text(encoding="utf-8"))
    score = score_parsed(read_path(path), truth)
    assert score.wrong <= KNOWN_WRONG.get(path.name, 0), score.failures
    if path.suffix == ".pdf":  # from the PDF's cells nearly everything is read
        assert score.accuracy >= 0.9, (score.missing_by_field, score.failures)
    else:  # flattened text: only what fits exactly, but never nothing
        assert score.correct >= 0.3 * score.fields


@pytest.mark.parametrize(("name", "layout"), [
    ("summary_asahigaoka-town.pdf", "summary_table"), ("summary_kawanami-town_yen.pdf", "summary_table"),
    ("sheet_shiratoridai-city.pdf", "sheet"), ("mixed_nishikawara-town.pdf", "summary_table"),
    ("seedpdf_fukuoka.pdf", "sections"), ("seedpdf_fukuoka.txt", "sections"),
    ("summary_asahigaoka-town.txt", "flat_table"), ("sheet_shiratoridai-city.txt", "flat_table"),
])
def test_reader_is_picked_per_report(name: str, layout: str) -> None:
    assert read_path(LAYOUTS / name).report.layout == layout


def test_multi_year_grid_gives_one_record_per_year() -> None:
    pr = read_path(LAYOUTS / "sheet_shiratoridai-city.pdf")
    walk = sorted((k for k in pr.kpis if k.name == "中心市街地の歩行者通行量"), key=lambda k: k.fiscal_year)
    assert [(k.fiscal_year, k.target, k.actual, k.rate) for k in walk] == [
        ("R2", 8500, 7650, 90.0), ("R3", 8800, 8930, 101.5), ("R4", 9100, None, None)]
    assert {k.baseline for k in walk} == {8200}
    p = pr.projects[0]
    assert p.budget_planned == ("R4",) and p.budget_unit == "千円" and p.policy and p.evaluation


def test_summary_table_keeps_units_as_printed() -> None:
    yen = read_path(LAYOUTS / "summary_kawanami-town_yen.pdf")
    assert {p.budget_unit for p in yen.projects} == {"円"}
    assert yen.projects[0].budget == (("R3", 14825300),)
    sen = read_path(LAYOUTS / "summary_asahigaoka-town.pdf")
    assert {p.budget_unit for p in sen.projects} == {"千円"}


def test_image_only_page_is_reported_and_the_rest_read() -> None:
    pr = read_path(LAYOUTS / "mixed_nishikawara-town.pdf")
    assert len(pr.projects) == 2 and pr.pages_text[1] == ""
    assert any("page(s) 2 have no text layer" in p.message for p in pr.problems)
    assert [p.page for p in pr.projects] == [1, 3]


def test_mixed_corpus_builds_and_keeps_every_readable_report(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus)
    for p in LAYOUTS.glob("*"):
        if p.suffix in (".pdf", ".txt"):
            shutil.copy(p, corpus)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "junk.pdf").write_bytes(bytes(range(256)) * 20)
    (corpus / "memo.txt").write_text("緑川町の港の朝市は毎月第2日曜日に開かれる。\n", encoding="utf-8")
    read = read_corpus(corpus, workers=2)
    assert len(read.reports) == len(list(corpus.iterdir())) - 2
    a = Assistant.open(Config.from_env(corpus=corpus, index=tmp_path / "index", embedder="fake-hash-64"))
    rows = {r["file"]: r for r in a.reports_json()}
    assert rows["empty.txt"]["status"] == "skipped" and "empty" in rows["empty.txt"]["reason"]
    assert rows["junk.pdf"]["status"] == "skipped" and "PDF" in rows["junk.pdf"]["reason"]
    assert rows["memo.txt"]["status"] == "text only"
    assert rows["sheet_shiratoridai-city.pdf"] | {"warnings": []} == rows["sheet_shiratoridai-city.pdf"] | {
        "status": "read", "layout": "sheet", "projects": 3, "kpis": 18, "warnings": []}
    hits = a.search("港の朝市", k=3)
    assert hits and hits[0].chunk.report == "memo.txt" and hits[0].chunk.kind == "page"
    ans = a.answer("港の朝市はいつ開かれる？")
    assert ans.found and "第2日曜日" in ans.text and ans.citations[0].report == "memo.txt"
    # A town only the text-only memo mentions: its question is about that report, not every town's projects.
    ans = a.answer("緑川町の事業の今後の方針は？")
    assert {c.report for c in ans.citations} <= {"memo.txt"} and "朝日丘町" not in ans.text


@pytest.mark.slow
def test_seed_as_pdf_answers_like_its_text(tmp_path: Path) -> None:
    """The shipped report laid out as a PDF (ruled KPI tables, a project over two pages) answers the seed set."""
    from eval.answers import evaluate, load_items

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(LAYOUTS / "seedpdf_fukuoka.pdf", corpus)
    a = Assistant.open(Config.from_env(corpus=corpus, index=tmp_path / "index", embedder="e5-small-q4"))
    for q, fact in (("キックオフイベントの参加者数は？", "214人"), ("共生コーディネーターはどこに設置された？", "コーディネーター")):
        ans = a.answer(q)
        assert ans.found and fact in ans.text and ans.citations[0].report == "seedpdf_fukuoka.pdf"
    items = load_items(Path(__file__).resolve().parent.parent / "eval" / "answer_questions.jsonl")
    result = evaluate(a, items)
    # a095 asks where the コーディネーター was 配置; the report says 設置. It passed only while 配置 was a question
    # stopword fitted to that item (removed); the text corpus misses it too, so the PDF answers like its text.
    assert result["total"] == len(items)
    assert {m["id"] for m in result["misses"]} <= {"a095"}


def _table(rows: list[list[str]], page: int = 1) -> object:
    from assistant.pdftables import Cell, Table

    cells = tuple(Cell(i, j, 1, 1, text, (0, 0, 0, 0)) for i, row in enumerate(rows) for j, text in enumerate(row))
    return Table(page, (0, 0, 0, 0), len(rows), len(rows[0]), cells)


def test_year_rows_grid_named_above() -> None:
    """A KPI named above its grid, one row per fiscal year: read by the same header mapping."""
    from assistant.readers import read_document
    from assistant.readers.base import Document

    info = _table([["事業名", "移住促進事業"], ["担当課", "企画課"]])
    grid = _table([["KPI① 移住者数（人）", "KPI① 移住者数（人）", "KPI① 移住者数（人）", "KPI① 移住者数（人）"],
                   ["年度", "目標値", "実績値", "達成率"],
                   ["令和2年度", "100", "90", "90.0%"], ["令和3年度", "120", "－", "－"]])
    doc = Document("t.pdf", "pdf", "令和3年度 効果検証シート", ("令和3年度 効果検証シート",), (info, grid))
    pr = read_document(doc)
    assert pr.report.layout == "sheet"
    assert [(k.name, k.unit, k.fiscal_year, k.target, k.actual, k.rate) for k in pr.kpis] == [
        ("移住者数", "人", "R2", 100, 90, 90.0), ("移住者数", "人", "R3", 120, None, None)]


def test_a_side_table_keyed_by_project_name_fills_only_empty_fields() -> None:
    """「別表 事業の評価及び今後の方針」: 担当課 / 評価 / 方針 by 事業名 fill what the summary left empty, for the
    project whose name (and number) it prints; nothing already read is overwritten."""
    from assistant.readers.segments import Segment
    from assistant.readers.summary_table import _with_side_tables
    from assistant.readers.tables import Column, columns

    def project(no: int, title: str, **kw) -> Project:
        return Project(report="r.pdf", no=no, title=title, cities=(), department=kw.get("department"), period=None,
                       period_raw=None, purpose=None, grant_program=None, grant_type=None, budget=(),
                       budget_unit=None, activities=(), notes=(), page=1, policy=kw.get("policy"))

    head = [["No.", "事業名", "担当課", "事業の評価", "今後の方針"]]
    cols: list[Column] = columns(head, 1)
    rows = [["1", "観光DX推進事業", "観光振興課", "効果があった", "事業の継続"],
            ["2", "移住定住促進事業", "企画課", "非常に効果的", "見直し"],
            ["9", "空き家バンク活用事業", "建築課", "効果があった", "廃止"]]  # number disagrees: not this one
    seg = Segment(cols=cols, depth=1, head=head, rows=rows, pages=[2, 2, 2], first_page=2, n_cols=5)
    got = _with_side_tables([project(1, "観光DX推進事業"), project(2, "移住定住促進事業", department="企画政策課"),
                             project(3, "空き家バンク活用事業")], [seg])
    assert (got[0].department, got[0].evaluation, got[0].policy) == ("観光振興課", "効果があった", "事業の継続")
    assert got[1].department == "企画政策課" and got[1].policy == "見直し"  # read before: kept
    assert got[2].department is None and got[2].policy is None


def test_a_rate_printed_as_a_ratio_is_shown_as_printed_too() -> None:
    from assistant.format import kpi_value

    ratio = make_kpi(KpiCells("転出超過数", "人", "R3", read_value("270"), read_value("248"), read_value("1.09"),
                              read_value(""), None, 1), "r.pdf", 1)
    assert kpi_value(ratio, 2) == "109.0%（資料の表記: 1.09）"
    pct = make_kpi(KpiCells("相談件数", "件", "R2", read_value("60"), read_value("71"), read_value("118%"),
                            read_value(""), None, 1), "r.pdf", 1)
    assert kpi_value(pct, 2) == "118%"


def test_a_second_evaluation_column_of_a_side_table_is_kept_as_a_note() -> None:
    from assistant.readers.segments import Segment
    from assistant.readers.summary_table import _with_side_tables
    from assistant.readers.tables import columns

    head = [["No.", "事業名", "事業の評価", "外部有識者の主な意見"]]
    rows = [["1", "観光DX推進事業", "効果があった", "周遊促進を期待する。"]]
    seg = Segment(cols=columns(head, 1), depth=1, head=head, rows=rows, pages=[2], first_page=2, n_cols=4)
    p = Project(report="r.pdf", no=1, title="観光DX推進事業", cities=(), department=None, period=None,
                period_raw=None, purpose=None, grant_program=None, grant_type=None, budget=(), budget_unit=None,
                activities=(), notes=(), page=1)
    got = _with_side_tables([p], [seg])[0]
    assert got.evaluation == "効果があった" and got.notes == ("外部有識者の主な意見: 周遊促進を期待する。",)


def test_a_national_form_with_budget_and_kpi_grids_in_one_ruled_table() -> None:
    """実施計画-style form: label rows, then a 事業費 grid and a KPI grid (目標値 / 実績値 rows, one column per year,
    a cell spanning two columns of a year) under their own header rows inside the same ruled table; the next
    page's form has as many columns but is a new project, not rows of this one."""
    from assistant.readers import read_document
    from assistant.readers.base import Document

    w = 8
    def row(*cells: str) -> list[str]:
        return [*cells, *[cells[-1]] * (w - len(cells))]
    form1 = _table([row("交付対象事業の名称", "森の恵み循環事業"), row("担当部署", "林政課", "事業実施期間", "令和4年度～令和6年度"),
                    row("事業費（単位：千円）", "区分", "令和4年度", "令和4年度", "令和5年度", "令和6年度（計画）", "合計"),
                    row("事業費（単位：千円）", "総事業費", "5,000", "5,000", "6,000", "7,000", "18,000"),
                    row("重要業績評価指標（KPI）"),
                    ["KPI", "指標", "単位", "区分", "事業開始前", "令和4年度増加分", "令和4年度増加分", "令和5年度増加分"],
                    ["KPI①", "薪の出荷量", "t", "目標値", "10", "20", "20", "30"],
                    ["KPI①", "薪の出荷量", "t", "実績値", "10", "25", "25", "28"]], page=1)
    form2 = _table([row("交付対象事業の名称", "里山交流事業"), row("担当部署", "観光課", "事業実施期間", "令和5年度～令和6年度"),
                    row("事業費（単位：千円）", "区分", "令和5年度", "令和5年度", "令和6年度（計画）", "合計"),
                    row("事業費（単位：千円）", "総事業費", "4,000", "4,100", "3,000", "7,000")], page=2)
    doc = Document("f.pdf", "pdf", "令和5年度 実施状況報告書", ("令和5年度 実施状況報告書", ""), (form1, form2))
    pr = read_document(doc)
    assert pr.report.layout == "sheet"
    p1, p2 = pr.projects
    assert (p1.budget, p1.budget_unit, p1.budget_planned) == ((("R4", 5000), ("R5", 6000), ("R6", 7000)), "千円", ("R6",))
    assert p2.budget == (("R6", 3000),) and p2.page == 2  # R5 printed 4,000 and 4,100 in its two columns: not guessed
    assert [(k.project_no, k.name, k.fiscal_year, k.baseline, k.target, k.actual) for k in pr.kpis] == [
        (1, "薪の出荷量", "R4", 10, 20, 25), (1, "薪の出荷量", "R5", 10, 30, 28)]  # named by 指標, not 「KPI①」


def test_a_summary_row_with_its_kpis_stacked_in_one_cell_and_a_row_cut_by_the_page_break() -> None:
    """外部評価 資料: one row per project, the department after the title, the budget years listed in one cell, the
    KPIs stacked in one cell (rate in brackets after the actual); the row cut by the page break goes on in a row
    with no number or name on the next page."""
    from assistant.readers import read_document
    from assistant.readers.base import Document

    head = ["No.", "事業名（担当課）", "事業期間", "事業費", "KPI（指標・目標値・実績値）", "主な取組実績", "今後の方針"]
    p1 = _table([head, ["1", "港のにぎわい事業（港湾課）", "令和4年度～令和5年度",
                        "R4決算 1,200千円（うち交付金 600千円）R5予算 900千円",
                        "①来場者数（基準値 2.0万人）：目標 3.0万人／実績 3.3万人（110.0％）②出店数：目標 10店／実績 8店（80.0％）",
                        "朝市を毎週開いた。", "継続"]], page=1)
    p2 = _table([head, ["", "", "", "", "③平均待ち時間※：目標 20分／実績 25分（80.0％）", "案内所も設けた。", ""],
                 ["2", "森の学校事業（教育課）", "令和5年度", "R5決算 3,000,000円", "①参加者数：目標 100人／実績 集計中（－）",
                  "講座を開いた。", "終了"]], page=2)
    doc = Document("s.pdf", "pdf", "令和5年度 交付金事業の外部評価", ("令和5年度 交付金事業の外部評価", ""), (p1, p2))
    pr = read_document(doc)
    assert pr.report.layout == "summary_table"
    a, b = pr.projects
    assert (a.title, a.department, a.budget, a.budget_unit, a.budget_planned, a.outcome) == (
        "港のにぎわい事業", "港湾課", (("R4", 1200), ("R5", 900)), "千円", ("R5",), "朝市を毎週開いた。案内所も設けた。")
    assert (b.department, b.budget, b.budget_unit) == ("教育課", (("R5", 3000000),), "円")
    k = {x.name: x for x in pr.kpis}
    assert (k["来場者数"].baseline, k["来場者数"].target, k["来場者数"].actual, k["来場者数"].unit, k["来場者数"].rate) == (
        2.0, 3.0, 3.3, "万人", 110.0)
    assert (k["出店数"].rate, k["平均待ち時間"].project_no, k["平均待ち時間"].lower_is_better, k["平均待ち時間"].page) == (
        80.0, 1, True, 2)  # 20 ÷ 25: the printed rate says lower is better
    assert k["参加者数"].actual is None and k["参加者数"].project_no == 2


def test_a_decrease_printed_with_a_triangle_gets_no_computed_rate_or_verdict() -> None:
    """目標 △3 / 実績 △2 (空き店舗 to be reduced by 3, reduced by 2): 実績÷目標 = 66.7 % and 実績 ≥ 目標 would call it
    achieved — neither is said; the printed values are kept."""
    from assistant.readers.tables import EMPTY
    k = make_kpi(KpiCells("中心市街地の空き店舗数", "店", "R3", read_value("△3"), read_value("△2"), EMPTY, EMPTY, None, 1),
                 "r.pdf", 1)
    assert (k.target, k.actual, k.rate, k.achieved) == (-3, -2, None, None) and "negative_values" in k.flags


def test_a_kpi_grid_with_a_rate_column_for_the_last_year_and_history_before_the_first_target() -> None:
    """成果説明書: 目標 / 実績 rows under year columns, 達成率（令和4年度） a column whose cell spans both rows; a year
    whose 目標 is 「－」 is the table's history (no record); ＊ on a name is a note mark, not part of it."""
    from assistant.readers import read_document
    from assistant.readers.base import Document

    info = _table([["事業名", "里山の薬草栽培による農業振興事業"], ["事業期間", "令和3年度～令和5年度"]])
    grid = _table([["成果指標（指標名）", "単位", "区分", "令和2年度", "令和3年度", "令和4年度", "達成率（令和4年度）"],
                   ["薬草の出荷額＊", "千円", "目標", "－", "900", "1,000", "95.0%"],
                   ["薬草の出荷額＊", "千円", "実績", "800", "850", "950", "95.0%"],
                   ["農薬散布の作業時間", "時間", "目標", "－", "－", "40", "125.0%"],
                   ["農薬散布の作業時間", "時間", "実績", "60", "55", "32", "125.0%"]])
    doc = Document("s.pdf", "pdf", "令和4年度 主要な施策の成果", ("令和4年度 主要な施策の成果",), (info, grid))
    pr = read_document(doc)
    got = [(k.name, k.fiscal_year, k.target, k.actual, k.rate if k.rate_source == "printed" else None,
            k.lower_is_better) for k in pr.kpis]
    assert got == [("薬草の出荷額", "R3", 900, 850, None, None), ("薬草の出荷額", "R4", 1000, 950, 95.0, False),
                   ("農薬散布の作業時間", "R4", 40, 32, 125.0, True)]  # 40 ÷ 32: the printed rate says lower is better


def test_a_table_row_with_a_circled_number_is_no_section_heading_and_a_heading_is_no_kpi_name() -> None:
    from assistant.layout import title_of
    from assistant.reading import Line

    row, head = "① ベイエリアにぎわい創出 推進タイプ 24,860 12,430", "①エンジニアフレンドリーシティ福岡の推進"
    assert title_of(Line(1, row, row)) is None
    assert title_of(Line(1, head, head)) == (1, "エンジニアフレンドリーシティ福岡の推進")
    from assistant.readers import _named
    assert not _named("の達成状況") and _named("にぎわい拠点施設の年間利用者数") and _named("はまなす園の来園者数")


def test_a_budget_grid_headed_by_a_generic_year_cell_inside_a_project_box() -> None:
    """「事業費 | 年度 | 令和4年度（決算） | 令和5年度（予算）」 over 「事業費 | 事業費（円） | 1,000,000 | 1,200,000」 inside a box
    of label rows: its own table (the 年度 cell names no role), the unit from the row's label cell."""
    from assistant.readers import read_document
    from assistant.readers.base import Document

    box = _table([["事業番号", "1", "事業名", "湖の観光船事業"], ["担当課", "観光課", "観光課", "観光課"],
                  ["事業費", "年度", "令和4年度（決算）", "令和5年度（予算）"],
                  ["事業費", "事業費（円）", "1,000,000", "1,200,000"], ["今後の方針", "継続", "継続", "継続"]])
    kpis = _table([["指標名", "単位", "目標値", "実績値"], ["乗船者数", "人", "500", "540"]])
    doc = Document("b.pdf", "pdf", "令和4年度 効果検証", ("令和4年度 効果検証",), (box, kpis))
    (p,) = read_document(doc).projects
    assert (p.budget, p.budget_unit, p.budget_planned) == ((("R4", 1000000), ("R5", 1200000)), "円", ("R5",))


def test_mixed_number_forms_of_a_compiled_report() -> None:
    """A report compiled from departments' sheets keeps their notation: 億 and 万 in one amount (read in 万, the unit it
    ends with), kanji units, full-width digits, a target written 「5人以下」 (a ceiling: lower is better), a bracket after
    the name that is a date, not a unit, and a 事業費 cell listing its years (a declared 千円単位 for bare amounts)."""
    from assistant.readers import read_document
    from assistant.readers.base import Document

    assert (read_value("3億5,000万円").value, read_value("3億5,000万円").suffix) == (35000, "万円")
    assert read_value("1億500万円").value == 10500 and read_value("45億円").suffix == "億円"
    bound = read_value("10.0時間以下")
    assert (bound.value, bound.suffix, bound.bound) == (10.0, "時間", "以下")
    info = _table([["事業名", "子育て環境づくり事業"], ["担当課", "こども家庭課"],
                   ["事業費", "令和4年度決算額 1億2,480万円令和5年度決算額 9,860万円（うち交付金 4,930万円）"
                              "令和6年度当初予算額 1億500万円"]])
    grid = _table([["指標名", "基準値（年度）", "目標値（令和５年度）", "実績値（令和５年度）", "達成率"],
                   ["待機児童数（4月1日時点）", "21人（R4）", "5人以下", "4人", "125.0%"],
                   ["保育士の月平均時間外勤務時間", "18.4時間（R4）", "10.0時間以下", "12.5時間", "80.0%"],
                   ["越境ＥＣの販売額", "1億8,600万円（R3）", "3億5,000万円", "3億8,220万円", "109.2%"],
                   ["移住相談件数", "３１２件（Ｒ４）", "４８０件", "５１２件", "１０６．７％"]])
    doc = Document("t.pdf", "pdf", "令和５年度 実施状況調書", ("令和５年度 実施状況調書",), (info, grid))
    pr = read_document(doc)
    assert [(k.name, k.unit, k.baseline, k.target, k.actual, k.rate, k.lower_is_better) for k in pr.kpis] == [
        ("待機児童数(4月1日時点)", "人", 21, 5, 4, 125.0, True),
        ("保育士の月平均時間外勤務時間", "時間", 18.4, 10.0, 12.5, 80.0, True),
        ("越境ECの販売額", "万円", 18600, 35000, 38220, 109.2, False),
        ("移住相談件数", "件", 312, 480, 512, 106.7, False)]
    from assistant.format import kpi_value

    assert kpi_value(pr.kpis[1], 0) == "10.0時間以下" and kpi_value(pr.kpis[2], 1) == "3億8,220万円"  # as printed
    p = pr.projects[0]
    assert (p.budget, p.budget_unit, p.budget_planned) == ((("R4", 12480), ("R5", 9860), ("R6", 10500)), "万円", ("R6",))
    assert p.budget_grant == (("R5", 4930),)
    fw = budget_sentences("（千円単位）令和５年度決算額 １２，３４０（うち交付金 ６，１７０）令和６年度当初予算額 １３，０００")
    assert (fw.amounts, fw.planned, fw.unit) == ([("R5", 12340), ("R6", 13000)], ["R6"], "千円")
    # a bare number after a year is no amount without a declared unit, nor without the word 決算額 / 予算額
    assert budget_sentences("令和５年度決算額 １２，３４０").amounts == []
    assert budget_sentences("（千円単位）令和５年度 4月から実施").amounts == []


def test_numbered_forms_join_targets_and_actuals_by_project_and_kpi_number() -> None:
    """様式１ lists the projects, 様式２ the KPIs' targets (a 最終目標値 beside them is the plan's end, and 「目標÷実績」
    marks a lower-is-better KPI), 様式３ the actuals, 様式４ the evaluations — each keyed by 事業No. (and KPI No.). A KPI
    whose name differs between the forms is not joined; a number no project has gives nothing."""
    from assistant.readers import read_document
    from assistant.readers.base import Document

    plan_list = _table([["事業No.", "事業名", "担当課", "令和3年度決算額", "令和4年度決算額"],
                        ["1", "渓谷観光推進事業", "商工観光課", "8,420", "9,760"],
                        ["2", "移住促進事業", "総務企画課", "－", "6,180"]], page=1)
    targets = _table([["事業No.", "KPI No.", "指標名", "単位", "基準値", "目標値（令和4年度）", "最終目標値（目標年度）",
                       "達成率の算定"],
                      ["1", "1-1", "体験プログラムの参加者数", "人", "2,140", "3,500", "5,000（R5）", "実績÷目標"],
                      ["2", "2-1", "町外への転出者数", "人", "248", "230", "200（R6）", "目標÷実績"],
                      ["2", "2-2", "移住者数", "人", "－", "10", "30（R6）", "実績÷目標"],
                      ["9", "9-1", "どこにもない指標", "件", "1", "2", "3（R6）", "実績÷目標"]], page=2)
    actuals = _table([["事業No.", "KPI No.", "指標名", "実績値（令和4年度）", "達成率", "備考"],
                      ["1", "1-1", "体験プログラムの参加者数", "3,812", "108.9%", ""],
                      ["2", "2-1", "町外への転出者数", "221", "104.1%", ""],
                      ["2", "2-2", "移住した人の数", "7", "70.0%", ""],
                      ["9", "9-1", "どこにもない指標", "3", "150.0%", ""]], page=3)
    evaluation = _table([["事業No.", "事業の評価", "今後の方針"], ["2", "地方創生に効果があった", "拡充"]], page=4)
    text = "令和４年度 地方創生関係交付金事業 効果検証結果報告書"
    doc = Document("t.pdf", "pdf", text, (text, "", "", ""), (plan_list, targets, actuals, evaluation))
    pr = read_document(doc)
    assert pr.report.layout == "forms"
    assert [(p.no, p.title, p.department, p.budget, p.policy) for p in pr.projects] == [
        (1, "渓谷観光推進事業", "商工観光課", (("R3", 8420), ("R4", 9760)), None),
        (2, "移住促進事業", "総務企画課", (("R4", 6180),), "拡充")]
    assert [(k.project_no, k.name, k.unit, k.baseline, k.target, k.actual, k.rate, k.lower_is_better, k.page)
            for k in pr.kpis] == [(1, "体験プログラムの参加者数", "人", 2140, 3500, 3812, 108.9, False, 3),
                                  (2, "町外への転出者数", "人", 248, 230, 221, 104.1, True, 3)]
    assert any("not joined" in p.message for p in pr.problems)


def test_a_sheet_without_a_department_cell_takes_the_section_its_heading_line_names() -> None:
    """「No.1 2款 総務費 1項 総務管理費 6目 企画費 【企画政策課】」 above a 成果説明書 sheet: the section of that sheet only
    (the number printed must be the sheet's own)."""
    from assistant.readers import read_document
    from assistant.readers.base import Document

    info = _table([["事業名", "関係人口創出事業"], ["事業期間", "令和3年度〜令和5年度"]])
    grid = _table([["指標名", "目標値（令和４年度）", "実績値（令和４年度）", "達成率"], ["登録者数", "500人", "620人", "124.0%"]])
    page = "令和４年度 主要な施策の成果説明書\nNo.1 2款 総務費 1項 総務管理費 6目 企画費 【企画政策課】\nNo.2 4款 衛生費 【健康福祉課】"
    pr = read_document(Document("t.pdf", "pdf", page, (page,), (info, grid)))
    assert pr.projects[0].department == "企画政策課"
