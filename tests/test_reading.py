"""Decoding and normalization of report files, and bad-input handling."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import eras
from assistant.corpus import read_corpus
from assistant.errors import ReportError
from assistant.reading import decode, join_jp, normalize, parse_number
from tests.conftest import SEED

SAMPLE = "令和３年度地方創生関連交付金事業の実施状況\nＫＰＩ 参加者数（人） １２０ ２５３ ２１０．８％\n"


@pytest.mark.parametrize("enc", ["utf-8", "utf-8-sig", "cp932", "euc_jp", "utf-16", "iso2022_jp"])
def test_decode_encodings(enc: str) -> None:
    text, used = decode(SAMPLE.encode(enc), "x.txt")
    assert text.lstrip("\ufeff") == SAMPLE
    assert used == {"utf-8-sig": "utf-8"}.get(enc, enc)


@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x00\x01\x02binary\xff\xfe\x00", "binary"),
    ("福岡市\nKPI 1 2 3\n".encode("utf-16-le"), "binary"),  # UTF-16 without a BOM
    (bytes(range(0x80, 0x100)) * 4, "cannot decode"),
])
def test_decode_rejects(data: bytes, message: str) -> None:
    with pytest.raises(ReportError, match=message) as exc:
        decode(data, "bad.txt")
    assert "bad.txt" in str(exc.value)


@pytest.mark.parametrize(("raw", "expected"), [
    ("ＫＰＩ　２．５０　％", "KPI 2.50 %"),
    ("①エンジニア", "①エンジニア"),  # circled numbers survive NFKC
    ("福岡市（代表）", "福岡市(代表)"),
    ("３年度 －", "3年度 -"),
    ("ｴﾝｼﾞﾆｱ", "エンジニア"),
])
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(("token", "value"), [
    ("67,055", 67055), ("2.50", 2.5), ("123,000", 123000), ("△3", -3), ("0.5", 0.5),
    ("1,2,3", None), ("12..5", None), ("abc", None), ("", None),
])
def test_parse_number(token: str, value) -> None:
    assert parse_number(token) == value
    if value is not None:
        assert type(parse_number(token)) is type(value)


@pytest.mark.parametrize(("text", "code", "western", "jp"), [
    ("令和2年度", "R2", 2020, "令和2年度"), ("令和元年度", "R1", 2019, "令和元年度"),
    ("平成28年度", "H28", 2016, "平成28年度"), ("R3n目標", "R3", 2021, "令和3年度"),
])
def test_eras(text: str, code: str, western: int, jp: str) -> None:
    assert eras.find_fy(text) == code
    assert eras.western(code) == western
    assert eras.japanese(code) == jp
    assert eras.from_western(western, code[0]) == code


def test_period() -> None:
    raw, start, end = eras.parse_period("事業期間 H28n-R2n")
    assert (raw, start, end) == ("H28n-R2n", "H28", "R2")
    assert eras.period_display(start, end) == "平成28年度〜令和2年度"


def test_join_jp() -> None:
    assert join_jp(["国内外の優秀な", "エンジニア"]) == "国内外の優秀なエンジニア"
    assert join_jp(["・一つ目。", "・二つ目。"]) == "・一つ目。\n・二つ目。"
    assert join_jp(["Society", "Five"]) == "Society Five"


def test_bad_files_do_not_stop_the_corpus(tmp_path: Path) -> None:
    (tmp_path / "a_good.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_binary.txt").write_bytes(b"\x00\xff" * 100)
    (tmp_path / "d_noproject.txt").write_text("これは報告書ではありません。\n単なるメモです。\n", encoding="utf-8")
    (tmp_path / "e_garbage.txt").write_text(
        "①テスト事業\n事業期間 R2n-R3n\nＫＰＩ 参加者数（人） 1,2,3,, abc 12..5%\nＫＰＩ 相談件数（件） 10 12 120.0%\n",
        encoding="utf-8")
    corpus = read_corpus(tmp_path)
    assert [(r.report.report, r.report.layout) for r in corpus.reports] == [
        ("a_good.txt", "sections"), ("d_noproject.txt", "text"), ("e_garbage.txt", "sections")]
    msgs = [str(p) for p in corpus.problems]
    assert any(m.startswith("b_empty.txt") and "empty" in m for m in msgs)
    assert any(m.startswith("c_binary.txt") and "binary" in m for m in msgs)
    assert any(m.startswith("d_noproject.txt") and "layout not recognized" in m for m in msgs)
    assert [p.strip() for p in corpus.reports[1].pages_text] == ["これは報告書ではありません。\n単なるメモです。"]
    garbage = [m for m in msgs if m.startswith("e_garbage.txt:3")]
    assert garbage and "unreadable value" in garbage[0] and "12..5%" in garbage[0]
    good = corpus.reports[2].kpis
    assert [(k.name, k.target, k.actual, k.rate) for k in good] == [
        ("参加者数", None, None, None), ("相談件数", 10, 12, 120.0)]
    assert "unparseable_value" in good[0].flags


def test_pdf_errors_are_clear(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    from assistant.corpus import read_path

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot really a pdf")
    with pytest.raises(ReportError, match="cannot open PDF") as exc:
        read_path(broken)
    assert str(exc.value).startswith("broken.pdf")
    doc = pdfium.PdfDocument.new()
    doc.new_page(595, 842)
    scanned = tmp_path / "scanned.pdf"
    doc.save(str(scanned))
    with pytest.raises(ReportError, match="no text layer"):
        read_path(scanned)


def test_pdf_report_reads_like_its_text(tmp_path: Path) -> None:
    """A text-layer PDF of the seed (one PDF page per report page) gives the same records as the .txt."""
    pytest.importorskip("reportlab", reason="reportlab writes the test PDF (pip install -e .[test])")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from assistant.corpus import read_path
    from assistant.extract import read_report

    pages: list[list[str]] = [[]]
    for line in SEED.read_text(encoding="utf-8").split("\n"):
        if line.startswith(" ") and not line.startswith("  ") and any(x.strip() for x in pages[-1][2:]):
            pages.append([])
            line = line[1:]  # a PDF has real page breaks, not the extractor's leading space
        pages[-1].append(line)
    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))  # built into reportlab: no font file needed
    pdf = tmp_path / "fukuoka.pdf"
    c = canvas.Canvas(str(pdf))
    for lines in pages:
        c.setFont("HeiseiKakuGo-W5", 9)
        for i, line in enumerate(lines):
            c.drawString(30, 810 - 11 * i, line.rstrip())
        c.showPage()
    c.save()
    from_pdf, from_txt = read_path(pdf), read_report(SEED)
    assert from_pdf.report.encoding == "pdf" and from_pdf.report.pages == 4
    assert [(p.no, p.title, p.budget, p.page, p.period) for p in from_pdf.projects] == [
        (p.no, p.title, p.budget, p.page, p.period) for p in from_txt.projects]
    assert [(k.name, k.target, k.actual, k.rate, k.lower_is_better, k.page) for k in from_pdf.kpis] == [
        (k.name, k.target, k.actual, k.rate, k.lower_is_better, k.page) for k in from_txt.kpis]


def test_the_city_of_a_report_from_its_header_lines() -> None:
    from assistant.readers.text import guess_header

    # last on the title line
    _, fy, city = guess_header(("令和3年度 地方創生推進交付金事業 実施報告書 みどり川町\n－ 1 －\n■事業No.1 …",))
    assert (fy, city) == ("R3", "みどり川町")
    # the issuing office under the title
    page = "2021年度（令和3年度）地方創生関係交付金事業 効果検証一覧\n東雲台市 企画政策部 企画政策課 （単位：円）\nNo. 事業名"
    assert guess_header((page,))[2] == "東雲台市"
    # a line that starts with a place but is no office line names no city
    assert guess_header(("地方創生関係交付金事業 効果検証\n中心市 街地の 活性化\n",))[2] is None


def test_period_in_western_years() -> None:
    _raw, start, end = eras.parse_period("2018年度～2021年度")
    assert (start, end) == ("H30", "R3") and eras.period_display(start, end) == "平成30年度〜令和3年度"
    assert eras.parse_period("2021年4月〜") is None
