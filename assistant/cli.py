"""Thin command line over the library: index, projects, kpis, search, ask (each with --json)."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any

from .config import Config
from .errors import AssistantError
from .format import fmt_num, kpi_value
from .records import Kpi


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--corpus", help="folder of reports (env ASSISTANT_CORPUS; default corpus/)")
    common.add_argument("--index", help="index folder (env ASSISTANT_INDEX; default index/)")
    common.add_argument("--embedder", help="e5-small-q4 (default), fake-hash-64, or sentence-transformers:NAME "
                                           "(env ASSISTANT_EMBEDDER)")
    common.add_argument("--json", action="store_true", help="machine-readable output")
    p = argparse.ArgumentParser(prog="python -m assistant",
                                description="Japanese Q&A over 地方創生関連交付金事業 reports.")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("index", parents=[common], help="build or rebuild the index")
    sub.add_parser("reports", parents=[common], help="list corpus files: layout read, projects, KPIs, warnings, "
                                                     "skipped ones with the reason")
    sub.add_parser("projects", parents=[common], help="list projects")
    sub.add_parser("kpis", parents=[common], help="list KPIs")
    s = sub.add_parser("search", parents=[common], help="hybrid passage search")
    s.add_argument("query")
    s.add_argument("-k", type=int, default=5)
    s.add_argument("--mode", choices=("hybrid", "sparse", "dense"), default="hybrid")
    a = sub.add_parser("ask", parents=[common], help="answer questions (consecutive turns of one conversation)")
    a.add_argument("questions", nargs="+")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    config = Config.from_env(args.corpus, args.index, args.embedder)
    from .index import tune_threads

    tune_threads()
    try:
        return _run(args, config)
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _log(msg: str) -> None:
    print(msg, file=sys.stderr)


def _run(args: argparse.Namespace, config: Config) -> int:
    from .api import Assistant
    from .index import build_index, stderr_progress

    if args.command == "index":
        index, corpus = build_index(config, progress=stderr_progress)
        for p in corpus.problems:
            _log(f"warning: {p}")
        m = index.manifest
        summary = {k: m[k] for k in ("reports", "projects", "kpis", "chunks", "problems", "embedder", "dim",
                                     "embedding_cache", "parse_cache")}
        summary["path"] = str(index.path)
        cache = m["embedding_cache"]
        print(json.dumps(summary, ensure_ascii=False) if args.json else
              f"indexed {m['reports']} report(s), {m['projects']} projects, {m['kpis']} KPIs, {m['chunks']} chunks "
              f"with {m['embedder']} → {index.path}\n"
              f"embedding cache: {cache['hits']} passage(s) reused, {cache['misses']} embedded; "
              f"parse cache: {m['parse_cache']['hits']} report(s) reused, {m['parse_cache']['misses']} read")
        return 0
    assistant = Assistant.open(config, log=_log)
    if args.command == "reports":
        _emit(assistant.reports_json(), args.json, _reports_table)
    elif args.command == "projects":
        rows = assistant.projects_json()
        _emit(rows, args.json, _projects_table)
    elif args.command == "kpis":
        if args.json:
            _emit(assistant.kpis_json(), True, None)
        else:
            print(_kpis_table(assistant.kpis))
    elif args.command == "search":
        hits = assistant.search_json(args.query, k=args.k, mode=args.mode)
        _emit(hits, args.json, _hits_table)
    elif args.command == "ask":
        history: list[Any] = []
        for q in args.questions:
            ans = assistant.answer(q, history)
            history.append(ans)
            if args.json:
                print(json.dumps(assistant.answer_json(ans), ensure_ascii=False))
            else:
                print(f"Q: {q}\n{ans.text}\n")
    return 0


def _emit(rows: list[dict], as_json: bool, table) -> None:
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        print(table(rows))


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, w: int) -> str:
    s = s if _width(s) <= w else _cut(s, w)
    return s + " " * (w - _width(s))


def _cut(s: str, w: int) -> str:
    out = ""
    for ch in s:
        if _width(out + ch) > w - 1:
            return out + "…"
        out += ch
    return out


def _table(header: list[str], rows: list[list[str]], widths: list[int]) -> str:
    lines = ["  ".join(_pad(h, w) for h, w in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(lines)


def _projects_table(rows: list[dict]) -> str:
    body = [[r["city"] or "", r["fiscal_year"] or "", str(r["no"]), r["title"], r["period"] or "",
             " ".join(f"{y}:{fmt_num(v)}" for y, v in r["budget"].items()), str(r["page"])] for r in rows]
    return _table(["市町村", "年度", "No", "事業名", "事業期間", "交付対象事業経費", "頁"], body,
                  [8, 4, 3, 40, 26, 24, 3])


def _reports_table(rows: list[dict]) -> str:
    body = [[r["file"], r["status"], r["layout"] or "-", r["city"] or "-", r["fiscal_year"] or "-",
             str(r["projects"]), str(r["kpis"]), r["reason"] or "; ".join(r["warnings"])[:80]] for r in rows]
    return _table(["ファイル", "状態", "様式", "市町村", "年度", "事業", "KPI", "警告・理由"], body,
                  [36, 9, 13, 8, 4, 4, 4, 60])


def _kpis_table(kpis: Sequence[Kpi]) -> str:
    body = []
    for k in kpis:
        ach = {True: "達成", False: "未達成", None: "-"}[k.achieved]
        body.append([str(k.project_no), k.name, kpi_value(k, 0) or "-", kpi_value(k, 1) or "-",
                     kpi_value(k, 2) or "-", ach + ("(低いほど良い)" if k.lower_is_better else ""), str(k.page)])
    return _table(["No", "指標", "目標", "実績", "達成率", "評価", "頁"], body, [3, 44, 12, 12, 8, 20, 3])


def _hits_table(rows: list[dict]) -> str:
    return "\n".join(f"{i + 1}. [{r['score']:.4f}] {r['report']} #{r['project_no']} {r['project_title']} "
                     f"p.{r['page']} ({r['kind']})\n   {r['text'][:160]}" for i, r in enumerate(rows))
