"""KPI series over fiscal years: the per-year records of one KPI (one record per 年度 of a multi-year grid, or the
same KPI in one city's reports of several years), in year order, with the year each record's report was written."""

from __future__ import annotations

from collections.abc import Iterable

from . import eras
from .reading import normalize
from .records import Kpi, Project, Report

SeriesKey = tuple[str, str, str, str]


def series_key(k: Kpi, project: Project | None, report: Report | None) -> SeriesKey:
    """The same KPI of the same project: its city (else its report), project title, KPI name and unit."""
    owner = (report.city if report and report.city else None) or k.report
    title = normalize(project.title) if project else f"#{k.project_no}@{k.report}"
    return owner, title, normalize(k.name), k.unit or ""


def _year(code: str | None) -> int:
    return eras.western(code) or 0


def build_series(kpis: Iterable[Kpi], projects: dict[tuple[str, int], Project],
                 reports: dict[str, Report]) -> tuple[dict[SeriesKey, list[Kpi]], dict[int, SeriesKey]]:
    """Series in year order (one record a year: a later report's record wins, one with an actual wins over one
    without), and each record's series key by id()."""
    groups: dict[SeriesKey, list[Kpi]] = {}
    key_of: dict[int, SeriesKey] = {}
    for k in kpis:
        key = series_key(k, projects.get((k.report, k.project_no)), reports.get(k.report))
        groups.setdefault(key, []).append(k)
        key_of[id(k)] = key
    out: dict[SeriesKey, list[Kpi]] = {}
    for key, members in groups.items():
        if (len(members) == 1 or any(k.fiscal_year is None for k in members)
                or len({(k.report, k.fiscal_year) for k in members}) < len(members)):
            # A year missing, or one report printing the name twice: not one KPI over years, so each record
            # stands alone.
            for n, k in enumerate(members):
                own = key if len(members) == 1 else (*key[:3], f"{key[3]}#{n}")
                out[own] = [k]
                key_of[id(k)] = own
            continue
        best: dict[str, Kpi] = {}
        for k in members:
            cur = best.get(k.fiscal_year)
            if cur is None or (k.actual is not None, _report_year(k, reports)) > (
                    cur.actual is not None, _report_year(cur, reports)):
                best[k.fiscal_year] = k
        out[key] = sorted(best.values(), key=lambda k: _year(k.fiscal_year))
    return out, key_of


def _report_year(k: Kpi, reports: dict[str, Report]) -> int:
    r = reports.get(k.report)
    return (r.western_year or _year(r.fiscal_year)) if r else 0


def is_future(k: Kpi, reports: dict[str, Report]) -> bool:
    """A year after the report's own fiscal year, with no actual yet (令和4年度 in a 令和3年度実施分 sheet)."""
    r = reports.get(k.report)
    ky, ry = _year(k.fiscal_year), (_year(r.fiscal_year) if r else 0)
    return k.actual is None and bool(ky and ry) and ky > ry


def latest(members: list[Kpi]) -> Kpi:
    """The latest year with an actual, else the latest year."""
    with_actual = [k for k in members if k.actual is not None]
    return (with_actual or members)[-1]


def years_text(members: list[Kpi]) -> str:
    """令和2年度・令和3年度・令和4年度"""
    return "・".join(dict.fromkeys(eras.japanese(k.fiscal_year) or "年度記載なし" for k in members))
