"""The fallback: a report whose layout no reader recognizes is kept as its pages' text (searchable, quotable)."""

from __future__ import annotations

import re

from .. import eras
from ..records import ParsedReport, Problem, Report
from .base import Document

_TITLE_WORDS = re.compile(r"(地方創生|交付金|効果検証|実施状況|事業)")
_CITY_IN_TITLE = re.compile(r"[(（]([^()（）\s]{1,10}?[都道府県市区町村])[)）]")
_CITY_LINE = re.compile(r"^([^\s、,()（）]{1,10}?[市区町村])$")
_OFFICE = re.compile(r"[部課局室]$")


def guess_header(pages: tuple[str, ...]) -> tuple[str | None, str | None, str | None]:
    """(title, fiscal year, city) from a report's first lines, only where they are printed plainly.

    The title is the first line naming the grant or report, the year the first era-year in it, the city one in
    brackets in the title or alone on one of the first lines; anything less plain stays None.
    """
    first = [ln.strip() for ln in (pages[0] if pages else "").split("\n") if ln.strip()][:8]
    title = fy = city = None
    for ln in first:
        if fy is None and title is not None and "年度" in ln and len(ln) <= 30:
            fy = eras.find_fy(ln)
        if title is None and _TITLE_WORDS.search(ln) and len(ln) <= 80:
            title = ln
            fy = eras.find_fy(ln) if "年度" in ln else None
            if m := _CITY_IN_TITLE.search(ln):
                city = m.group(1)
            elif len(words := _without_office(ln.split())) > 1 and (m := _CITY_LINE.match(words[-1])):
                city = m.group(1)  # last on the title line (「令和3年度 …実施報告書 みどり川町」), or before its office
            elif len(words) > 1 and (m := _CITY_LINE.match(words[0])) and _TITLE_WORDS.search(" ".join(words[1:])):
                city = m.group(1)  # first on the title line (「瑠璃沢町 地方創生関係交付金事業 実績一覧表」)
        elif city is None and (m := _CITY_LINE.match(ln.split()[-1]) if len(ln.split()) <= 3 else None):
            city = m.group(1)  # alone on a line, or last on a short header line (「令和3年度実施分 白鳥台市」)
        elif (city is None and len(words := ln.split()) > 1 and (m := _CITY_LINE.match(words[0]))
              and _OFFICE.search(words[1])):
            city = m.group(1)  # the issuing office under the title (「東雲台市 企画政策部 企画政策課」)
    return title, fy, city


def _without_office(words: list[str]) -> list[str]:
    """「… 効果検証シート ひばり野町 企画課」: the title line's words without the issuing office after the city."""
    while len(words) > 2 and _OFFICE.search(words[-1]) and not _CITY_LINE.match(words[-1]):
        words = words[:-1]
    return words


class TextReader:
    """Always applies, with the lowest confidence: pages only, no projects, and a warning that says so."""

    name = "text"

    def detect(self, doc: Document) -> float:
        return 0.01

    def read(self, doc: Document) -> ParsedReport:
        title, fy, city = guess_header(doc.pages)
        report = Report(doc.name, city, fy, eras.western(fy), title, doc.encoding, len(doc.pages), layout=self.name)
        problems = [Problem(doc.name, "layout not recognized: no projects or KPIs read; its text is searchable "
                                      "as passages")]
        return ParsedReport(report, (), (), tuple(problems), doc.pages)
