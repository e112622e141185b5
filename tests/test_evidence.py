"""evidence.py without a server: finding needles in page text, the highlighted PDF page image, the marked text page,
what each kind of answer looks for, and the CSV files (read back with the csv module)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from assistant import evidence
from assistant.evidence import (
    csv_cell,
    download_file,
    find_spans,
    needles_for,
    page_boxes,
    page_html,
    page_image,
    text_page,
    write_csv,
)
from assistant.records import Answer, Chunk, Citation, Hit, Kpi, Project
from tests.conftest import FIXTURES, SEED

LAYOUTS = FIXTURES / "layouts"
SUMMARY = LAYOUTS / "summary_asahigaoka-town.pdf"
SHEET = LAYOUTS / "sheet_shiratoridai-city.pdf"
YELLOW = (240, 200, 180)


def yellow_pixels(image) -> int:
    px = np.asarray(image.convert("RGB")).reshape(-1, 3).astype(int)
    return int(((px[:, 0] > YELLOW[0]) & (px[:, 1] > YELLOW[1]) & (px[:, 2] < YELLOW[2])).sum())


# --- matching --------------------------------------------------------------------------------------------------------


def test_find_spans_ignores_width_and_line_breaks() -> None:
    text = "ＫＰＩ エンジニアからの相談対応件数（件） １２０ 253 210.8%\n中心市街地の歩\r\n行者通行量 8,500"
    found = {n: text[s:e] for s, e, n in find_spans(text, ["エンジニアからの相談対応件数(件)", "120", "210.8%",
                                                          "中心市街地の歩行者通行量"])}
    assert found == {"エンジニアからの相談対応件数(件)": "エンジニアからの相談対応件数（件）", "120": "１２０",
                     "210.8%": "210.8%", "中心市街地の歩行者通行量": "中心市街地の歩\r\n行者通行量"}


@pytest.mark.parametrize(("text", "needle", "hits"), [
    ("1,120 件", "120", 0),  # inside a bigger number
    ("120 件と 1200", "120", 1),
    ("8,500 8,50", "8,50", 1),  # the second one only: "8,500" continues with a digit
    ("達成率 90.0% 190.0%", "90.0%", 1),
    ("目標値 3 3 4", "3", 0),  # one-character needles would light up everything
    ("", "観光", 0),
])
def test_numbers_match_only_whole(text: str, needle: str, hits: int) -> None:
    assert len(find_spans(text, [needle])) == hits


# --- a text report ------------------------------------------------------------------------------------------------


def test_text_page_matches_the_citation_pages() -> None:
    first, second = text_page(SEED, 1), text_page(SEED, 2)
    assert "エンジニアからの相談対応件数" in first and "エンジニアからの相談対応件数" not in second
    assert "Society5.0を支えるAIエンジニア支援" in second
    with pytest.raises(ValueError):
        text_page(SEED, 99)


def test_page_html_marks_the_kpi_line_and_escapes() -> None:
    html = page_html(text_page(SEED, 1), ["エンジニアからの相談対応件数", "120", "253"])
    assert html.count("<mark>") == 1  # numbers count only when no name was found
    assert "<mark>KPI エンジニアからの相談対応件数(件) 120 253 210.8%</mark>" in html
    assert page_html("a < b & c\n観光入込客数 350,000", ["観光入込客数"]) .count("&lt;") == 1
    assert "<mark>観光入込客数 350,000</mark>" in page_html("a < b\n観光入込客数 350,000", ["観光入込客数"])


def test_page_html_falls_back_to_numbers_and_marks_every_line_a_passage_spans() -> None:
    assert "<mark>目標 8,500</mark>" in page_html("名称\n目標 8,500\n実績 7,650", ["見つからない名前", "8,500"])
    html = page_html("一行目\nエンジニアが集\nまる場の提供\n三行目", ["エンジニアが集まる場"])
    assert html.count("<mark>") == 2 and "<mark>三行目" not in html


# --- a PDF page --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "page", "needles", "boxes"), [
    (SUMMARY, 1, ["観光入込客数"], 1),
    (SUMMARY, 1, ["298,412"], 1),  # the comma does not split the box
    (SUMMARY, 1, ["朝日丘町観光地域づくり法人(DMO)設立による滞在型観光推進事業(里山と温泉を活かした体験型観光の確立)"], 4),
    (SHEET, 1, ["中心市街地の歩行者通行量", "8,500", "7,650", "90.0%"], 4),
    (SHEET, 1, ["ありえない指標名"], 0),
])
def test_page_boxes_find_the_cited_cells(path: Path, page: int, needles: list[str], boxes: int) -> None:
    rects = page_boxes(path, page, needles)
    assert len(rects) == boxes
    for left, bottom, right, top in rects:
        assert 0 <= left < right and 0 <= bottom < top < 842


def test_page_image_is_the_rendered_page_with_translucent_marks() -> None:
    plain = page_image(SUMMARY, 1, [])
    marked = page_image(SUMMARY, 1, ["観光入込客数", "298,412"])
    assert plain.size == marked.size == (1684, 1191)  # landscape A4 at scale 2
    assert yellow_pixels(plain) == 0 and yellow_pixels(marked) > 500
    # translucent: the text under the mark is still dark
    (left, bottom, right, top), = page_boxes(SUMMARY, 1, ["観光入込客数"])
    crop = np.asarray(marked.crop((int(left * 2), int((595.28 - top) * 2), int(right * 2),
                                   int((595.28 - bottom) * 2))).convert("L"))
    assert crop.min() < 100
    sheet = page_image(SHEET, 2, ["空き店舗"])  # any page of a multi-page PDF
    assert sheet.size[1] > sheet.size[0]
    with pytest.raises(ValueError):
        page_image(SHEET, 9, [])


# --- what to look for -------------------------------------------------------------------------------------------


def kpi(name: str, page: int = 1, no: int = 1, report: str = "a.pdf",
        printed: tuple[str, str, str] = ("350,000", "298,412", "")) -> Kpi:
    return Kpi(report, no, name, "人", 350000, 298412, 85.3, "R2", False, False, None, page, printed=printed)


def project(no: int = 1, report: str = "a.pdf") -> Project:
    return Project(report, no, "朝日丘町観光事業", ("朝日丘町",), None, None, None, None, None, None,
                   (("R2", 18450), ("R3", None)), "千円", (), (), 1)


def test_needles_for_a_kpi_answer_are_its_names_then_printed_numbers() -> None:
    c = Citation("a.pdf", 1, "朝日丘町観光事業", 1)
    ans = Answer("q", "t", "kpi_value", (c,), kpis=(kpi("観光入込客数"), kpi("観光消費額", printed=("2,400", "1,986", "")),
                                                  kpi("別頁", page=2), kpi("別事業", no=2), kpi("別資料", report="b.pdf")))
    assert needles_for(ans, c) == ["観光入込客数", "観光消費額", "350,000", "298,412", "2,400", "1,986"]


def test_needles_for_a_budget_answer_are_the_title_and_amounts() -> None:
    c = Citation("a.pdf", 1, "朝日丘町観光事業", 1)
    ans = Answer("q", "t", "budget", (c,), projects=(project(),))
    assert needles_for(ans, c) == ["朝日丘町観光事業", "18,450"]


def test_needles_for_a_quoted_passage_are_its_first_words() -> None:
    c = Citation(SEED.name, 2, "Society5.0を支えるAIエンジニア支援", 2)
    chunk = Chunk(0, SEED.name, 2, c.project_title or "", 2, "activity",
                  "1 キックオフ・イベント: ・AIの第一線で活躍する研究者等による最新のAI・DX技術や応用")
    text = "次の記載があります。\n\n> (開催実績)日 時:令和2年10月13日(火)16:00~18:45\n\n**出典**"
    ans = Answer("q", text, "detail", (c,), hits=(Hit(chunk, 1.0),))
    needles = needles_for(ans, c)
    assert needles[:2] == ["(開催実績)日 時:令和2年10", "・AIの第一線で活躍する研究者等"]
    assert needles[-1] == "Society5.0を支えるAIエンジニア支援"
    html = page_html(text_page(SEED, 2), needles)
    assert html.count("<mark>") >= 2  # the quoted date line and the passage are found on the real page


def test_citation_label() -> None:
    assert evidence.citation_label(Citation("a.txt", 2, "短い事業", 3)) == "a.txt / 事業2 短い事業 / 3ページ"
    assert evidence.citation_label(Citation("a.txt", None, None, None)) == "a.txt"
    assert evidence.citation_label(Citation("a.txt", 1, "あ" * 30, 1)).count("あ") == 23


# --- CSV -----------------------------------------------------------------------------------------------------------


def test_csv_cells() -> None:
    assert [csv_cell(v) for v in (None, "観光", 120, 210.8, True, ["R2", "R3"], {"R2": 5673})] == [
        "", "観光", "120", "210.8", "true", '["R2", "R3"]', '{"R2": 5673}']
    assert csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and csv_cell("-") == "'-"


def test_write_csv_is_utf8_with_bom_and_reads_back(tmp_path: Path) -> None:
    rows = [{"name": "観光入込客数", "target": 350000, "rate": None, "flags": ["x"]},
            {"name": "相談件数, \"改行\"\nあり", "target": 2.5, "rate": 85.26, "flags": []}]
    path = write_csv(rows, tmp_path / "k.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as f:
        back = list(csv.DictReader(f))
    assert [list(r) for r in back] == [["name", "target", "rate", "flags"]] * 2
    assert back[1]["name"] == rows[1]["name"]
    assert [json.loads(r["target"]) for r in back] == [350000, 2.5]
    assert back[0]["rate"] == "" and json.loads(back[1]["rate"]) == 85.26
    assert [json.loads(r["flags"]) for r in back] == [["x"], []]
    empty = write_csv([], tmp_path / "e.csv", columns=["a", "b"])
    assert empty.read_text(encoding="utf-8-sig").strip() == "a,b"


def test_kpis_json_round_trips_through_the_csv(seed_index, tmp_path: Path) -> None:
    expected = seed_index.kpis_json()
    path = download_file(expected, "kpis.csv", folder=tmp_path)
    assert path.parent.parent == tmp_path and path.name == "kpis.csv"
    with path.open(encoding="utf-8-sig", newline="") as f:
        back = list(csv.DictReader(f))
    assert len(back) == len(expected)
    for got, want in zip(back, expected, strict=True):
        assert list(got) == list(want)
        for key, value in want.items():
            if value is None:
                assert got[key] == ""
            elif isinstance(value, str):
                assert got[key] == value
            else:
                assert json.loads(got[key]) == value
    engineers = next(r for r in back if r["name"] == "エンジニアからの相談対応件数")
    assert (engineers["target"], engineers["actual"], engineers["rate"]) == ("120", "253", "210.8")


def test_download_file_gets_a_fresh_folder_and_drops_old_ones(tmp_path: Path) -> None:
    a = download_file([{"x": 1}], "k.csv", folder=tmp_path)
    b = download_file([{"x": 2}], "k.csv", folder=tmp_path)
    assert a != b and a.exists() and b.exists()
    download_file([{"x": 3}], "k.csv", folder=tmp_path, keep_seconds=-1)
    assert not a.exists() and not b.exists()


def test_pages_render_from_many_threads_at_once() -> None:
    """PDFium is not thread-safe: the chat renders cited pages from several sessions at once without crashing."""
    from concurrent.futures import ThreadPoolExecutor

    from assistant.evidence import page_image

    pdf = Path(__file__).resolve().parent / "fixtures" / "layouts" / "sheet_shiratoridai-city.pdf"
    with ThreadPoolExecutor(max_workers=6) as pool:
        sizes = list(pool.map(lambda i: page_image(pdf, 1 + i % 3, ["KPI"]).size, range(24)))
    assert len(set(sizes)) == 1 and sizes[0][0] > 100
