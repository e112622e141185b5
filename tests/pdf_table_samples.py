"""Ruled Japanese report tables drawn with reportlab, with the expected cell grids (used by tests and bench)."""

from __future__ import annotations

import random
from pathlib import Path

Grid = list[list[str | None]]

FONT = "HeiseiKakuGo-W5"
ROW_H = 20.0  # fixed row height of the continued table: the page break falls at a known row
FRAME_H = 841.8898 - 2 * 72 - 2 * 6  # A4, SimpleDocTemplate's default margins and frame padding

PROJECTS = [
    "AIエンジニア支援事業",
    "移住定住促進事業",
    "観光DX推進事業",
    "子育て世帯応援給付",
    "地域公共交通再編事業",
    "空き家バンク活用事業",
    "スマート農業実証",
    "商店街にぎわい創出事業",
    "若者就労支援センター運営",
]
GOALS = ["しごとをつくる", "ひとの流れをつくる", "結婚・出産・子育ての希望をかなえる", "魅力的な地域をつくる"]
MEASURES = [
    "創業支援の充実",
    "企業誘致の推進",
    "関係人口の創出",
    "移住相談体制の強化",
    "保育環境の整備",
    "公共交通の維持",
]
KPIS = ["新規創業件数", "相談対応件数", "研修修了者数", "移住者数", "観光入込客数", "待機児童数", "利用者満足度"]
LONG = [
    "オンライン相談窓口を開設し、相談から就職までを一貫して支援した。",
    "市内事業者と連携したインターンシップを実施し、参加者の約半数が市内企業へ就職した。",
    "令和5年度は目標を下回ったが、次年度は広報を強化して利用者の増加を図る。",
    "AI人材育成講座（全12回）を開催し、延べ340人が受講した。",
    "空き家の改修費を補助し、移住者向けの住宅として23件を登録した。",
]


def _num(rng: random.Random) -> str:
    return rng.choice(
        [f"{rng.randrange(1, 500) * 100:,}", f"{rng.randrange(1, 99)}", "－", f"{rng.randrange(1000, 99999):,}"]
    )


def _pct(rng: random.Random) -> str:
    return rng.choice([f"{rng.randrange(300, 1500) / 10:.1f}%", "－"])


def two_level_header(rng: random.Random) -> tuple[Grid, list[tuple]]:
    """事業名 spans two header rows; 予算 spans 2 columns, KPI spans 3."""
    grid: Grid = [
        ["事業名", "予算（千円）", None, "KPI", None, None],
        [None, "当初", "決算", "目標値", "実績値", "達成率"],
    ]
    for name in rng.sample(PROJECTS, 4):
        grid.append([name, _num(rng), _num(rng), _num(rng), _num(rng), _pct(rng)])
    return grid, [("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (2, 0)), ("SPAN", (3, 0), (5, 0))]


def grouped_rows(rng: random.Random) -> tuple[Grid, list[tuple]]:
    """基本目標 spans 2-3 rows per group, 施策 spans 1-2 rows inside it."""
    grid: Grid = [["基本目標", "施策", "KPI", "基準値", "目標値", "実績値"]]
    spans: list[tuple] = []
    for goal in rng.sample(GOALS, 2):
        top, sizes = len(grid), rng.choice([[2, 1], [1, 2], [2], [1, 1, 1]])
        for size in sizes:
            first = len(grid)
            for i in range(size):
                grid.append(
                    [
                        goal if first == top and i == 0 else None,
                        rng.choice(MEASURES) if i == 0 else None,
                        rng.choice(KPIS),
                        _num(rng),
                        _num(rng),
                        _num(rng),
                    ]
                )
            if size > 1:
                spans.append(("SPAN", (1, first), (1, first + size - 1)))
        if len(grid) - top > 1:
            spans.append(("SPAN", (0, top), (0, len(grid) - 1)))
    return grid, spans


def multiline(rng: random.Random) -> tuple[Grid, list[tuple]]:
    """Long Japanese text wrapped over several lines (Paragraph cells)."""
    grid: Grid = [["事業名", "取組内容", "評価"]]
    for name in rng.sample(PROJECTS, 3):
        grid.append([name, rng.choice(LONG), rng.choice(["A", "B", "C（要改善）", "達成"])])
    return grid, []


def continued_rows(rng: random.Random, n: int) -> Grid:
    """Header (2 rows, 実績 spans 2 columns) + n body rows: drawn with repeatRows=2 over a page break."""
    grid: Grid = [["No.", "KPI", "単位", "実績", None], [None, None, None, "令和4年度", "令和5年度"]]
    for i in range(n):
        grid.append([str(i + 1), rng.choice(KPIS), rng.choice(["件", "人", "%", "千円"]), _num(rng), _num(rng)])
    return grid


CONT_SPANS = [("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (2, 0), (2, 1)), ("SPAN", (3, 0), (4, 0))]


def _table(grid: Grid, spans: list[tuple], widths: list[float], **kw):
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table, TableStyle

    style = ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=11, wordWrap="CJK")
    data = [[Paragraph(v, style) if v and len(v) > 8 else (v or "") for v in row] for row in grid]
    t = Table(data, colWidths=widths, **kw)
    t.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                *spans,
            ]
        )
    )
    return t


def build_pdf(path: Path, n_pages: int = 4, seed: int = 0) -> list[tuple[int, Grid]]:
    """Write a PDF of n_pages (cycling: header+grouped tables, wrapped text, a table continued over 2 pages);
    return the expected (1-based page, grid) of every table on every page, in page and top-to-bottom order."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, SimpleDocTemplate, Spacer

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    rng = random.Random(seed)
    story: list = []
    expected: list[tuple[int, Grid]] = []
    page, kind = 1, 0
    while page <= n_pages:
        if story:
            story.append(PageBreak())
        if kind % 3 == 0:
            (g1, s1), (g2, s2) = two_level_header(rng), grouped_rows(rng)
            story += [
                _table(g1, s1, [130, 55, 55, 55, 55, 55]),
                Spacer(1, 24),
                _table(g2, s2, [120, 90, 90, 50, 50, 50]),
            ]
            expected += [(page, g1), (page, g2)]
            page += 1
        elif kind % 3 == 1:
            g, s = multiline(rng)
            story.append(_table(g, s, [120, 250, 70]))
            expected.append((page, g))
            page += 1
        elif page + 1 <= n_pages:
            per_page = int(FRAME_H // ROW_H) - 2  # body rows that fit under the repeated 2-row header
            g = continued_rows(rng, per_page + rng.randrange(3, 15))
            story.append(_table(g, CONT_SPANS, [40, 170, 50, 80, 80], repeatRows=2, rowHeights=ROW_H))
            expected += [(page, g[: 2 + per_page]), (page + 1, g[:2] + g[2 + per_page :])]
            page += 2
        kind += 1
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return expected
