"""National-scale benchmark: generate ~2,000 reports (~20k projects, ~60k KPIs, ~200k chunks), parse, index, ask.

    python bench/bench_scale.py [--reports 2000] [--embed-sample 400] [--queries 200]

Embedding 200k passages with e5-small on 2 CPU cores takes hours, so the index is built with the real model for a
sample of passages and for every query, and random unit vectors for the other passages (FAISS search cost does not
depend on the values); the full embedding time is projected from the measured throughput. Everything else — parsing,
BM25, SQLite, FAISS, loading, answering — runs for real at full size. Appends a section to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from assistant.api import Assistant  # noqa: E402
from assistant.config import Config  # noqa: E402
from assistant.corpus import read_corpus  # noqa: E402
from assistant.embed.factory import make_embedder  # noqa: E402
from assistant.index import build_index, open_index, tune_threads  # noqa: E402
from eval.answers import percentile  # noqa: E402
from eval.extraction import evaluate_dir  # noqa: E402
from eval.synth import generate  # noqa: E402


class SampledEmbedder:
    """e5-small-q4 for queries and the first `sample` passages; seeded random unit vectors for the rest."""

    def __init__(self, sample: int) -> None:
        self.real = make_embedder("e5-small-q4")
        self.id, self.dim = self.real.id, self.real.dim
        self.sample = sample
        self.done = 0
        self.real_seconds = 0.0
        self.real_count = 0
        self.rng = np.random.default_rng(0)

    def embed(self, texts: Sequence[str], *, role: str) -> np.ndarray:
        if role == "query":
            return self.real.embed(texts, role=role)
        n_real = max(0, min(len(texts), self.sample - self.done))
        parts = []
        if n_real:
            t0 = time.perf_counter()
            parts.append(self.real.embed(texts[:n_real], role=role))
            self.real_seconds += time.perf_counter() - t0
            self.real_count += n_real
        if len(texts) > n_real:
            v = self.rng.standard_normal((len(texts) - n_real, self.dim)).astype(np.float32)
            parts.append(v / np.linalg.norm(v, axis=1, keepdims=True))
        self.done += len(texts)
        return np.vstack(parts)


def du(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 1e6


def questions(assistant: Assistant, n: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    kpis, projects = assistant.kpis, assistant.projects
    out = []
    for i in range(n):
        kind = i % 5
        if kind == 0:
            out.append(f"{rng.choice(kpis).name}の実績は？")
        elif kind == 1:
            out.append(f"{rng.choice(projects).title}の予算は？")
        elif kind == 2:
            out.append(rng.choice(["達成率が一番低いKPIは？", "目標を達成したKPIは？", "達成率が50%未満のKPIは？"]))
        elif kind == 3:
            out.append(rng.choice(["子育てに関係する事業は？", "スマート農業の取り組みは？", "観光アプリの事業は？"]))
        else:
            p = rng.choice(projects)
            out.append(f"{p.city or ''}の{p.title}の事業期間は？")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=2600)  # ≈ 20k projects, 60k KPIs
    ap.add_argument("--embed-sample", type=int, default=400)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--no-record", action="store_true")
    args = ap.parse_args()
    tune_threads()  # as the CLI and the app do
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus_dir, index_dir = Path(tmp) / "corpus", Path(tmp) / "index"
        t0 = time.perf_counter()
        generate(corpus_dir, args.reports, seed=2026)
        rows.append(("generate reports", f"{args.reports:,} in {time.perf_counter() - t0:.1f} s"))
        t0 = time.perf_counter()
        corpus = read_corpus(corpus_dir)
        parse_s = time.perf_counter() - t0
        n_proj = sum(len(r.projects) for r in corpus.reports)
        n_kpi = sum(len(r.kpis) for r in corpus.reports)
        rows.append(("parse all reports", f"{parse_s:.1f} s ({args.reports / parse_s:,.0f} reports/s); "
                     f"{n_proj:,} projects, {n_kpi:,} KPIs"))
        score = evaluate_dir(corpus_dir)
        rows.append(("extraction accuracy vs truth", f"{score.accuracy:.5%} of {score.fields:,} fields "
                     f"(wrong: {dict(score.by_field) or 'none'})"))
        emb = SampledEmbedder(args.embed_sample)
        cfg = Config(corpus_dir, index_dir, "e5-small-q4")
        t0 = time.perf_counter()
        index, _ = build_index(cfg, embedder=emb)
        build_s = time.perf_counter() - t0
        n = len(index.records.chunks)
        eps = emb.real_count / emb.real_seconds
        rows += [
            ("chunks", f"{n:,}"),
            ("index build without the embedding (parse, chunk, BM25, SQLite, FAISS, write)",
             f"{build_s - emb.real_seconds:.1f} s ({n / (build_s - emb.real_seconds):,.0f} chunks/s)"),
            ("e5-small-q4 passage embedding (measured on a sample)", f"{eps:.1f} chunks/s (n={emb.real_count})"),
            ("full build, projected with real embeddings", f"{(build_s - emb.real_seconds + n / eps) / 3600:.2f} h"),
            ("index size on disk", f"{du(index.path):,.0f} MB (FAISS {du(index.path / 'dense.faiss'):,.0f} MB, "
             f"BM25 {du(index.path / 'sparse'):,.0f} MB, SQLite {du(index.path / 'records.sqlite'):,.0f} MB)"),
        ]
        del index
        t0 = time.perf_counter()
        opened = open_index(cfg, embedder=emb)
        load_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        assistant = Assistant(cfg, opened)
        init_s = time.perf_counter() - t0
        rows.append(("open index / build answerer", f"{load_s:.1f} s / {init_s:.1f} s"))
        qs = questions(assistant, args.queries)
        for q in qs[:5]:
            assistant.answer(q, [])
        bare, ask, dense = [], [], []
        for q in qs:
            t0 = time.perf_counter()
            v = emb.embed([q], role="query")[0]
            bare.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            opened.dense.search(v, 50)
            dense.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            assistant.answer(q, [])
            ask.append(time.perf_counter() - t0)
        rows += [
            ("bare query embedding p50 / p95", f"{statistics.median(bare) * 1e3:.1f} / {percentile(bare, .95) * 1e3:.1f} ms"),
            ("FAISS flat search alone p50 / p95", f"{statistics.median(dense) * 1e3:.1f} / {percentile(dense, .95) * 1e3:.1f} ms"),
            ("`ask` p50 / p95", f"{statistics.median(ask) * 1e3:.1f} / {percentile(ask, .95) * 1e3:.1f} ms "
             f"(p95 = {percentile(ask, .95) / percentile(bare, .95):.1f}× the embedding p95)"),
        ]
        rows.append(hnsw_probe(opened, [emb.embed([q], role="query")[0] for q in qs[:100]]))
        rows.append(("peak RSS", f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB"))
    text = "\n".join([
        f"\n## {time.strftime('%Y-%m-%d %H:%M')} — national scale (bench/bench_scale.py --reports {args.reports})"
        f" — nproc {os.cpu_count()}\n",
        "Generated reports in the family's format and mess (eval/synth.py, seed 2026). Passages beyond a sample of "
        f"{args.embed_sample} get random unit vectors; queries are embedded for real.\n",
        "| measure | value |", "|---|---|", *[f"| {a} | {b} |" for a, b in rows]]) + "\n"
    print(text)
    if not args.no_record:
        with open(ROOT / "bench" / "RESULTS.md", "a", encoding="utf-8") as f:
            f.write(text)
    return 0


def hnsw_probe(index, qvecs: list[np.ndarray]) -> tuple[str, str]:
    """Would HNSW beat flat here? Build it over the same vectors; compare latency and recall@10 against flat."""
    import faiss

    flat = index.dense._index
    xb = flat.reconstruct_n(0, flat.ntotal)
    t0 = time.perf_counter()
    h = faiss.IndexHNSWFlat(xb.shape[1], 32, faiss.METRIC_INNER_PRODUCT)
    h.hnsw.efSearch = 64
    h.add(xb)
    build = time.perf_counter() - t0
    q = np.vstack(qvecs).astype(np.float32)
    tf, th, rec = [], [], []
    for v in q:
        t0 = time.perf_counter()
        _, a = flat.search(v[None], 10)
        tf.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        _, b = h.search(v[None], 10)
        th.append(time.perf_counter() - t0)
        rec.append(len(set(a[0]) & set(b[0])) / 10)
    return ("flat vs HNSW(M=32, efSearch=64), top-10",
            f"flat p95 {percentile(tf, .95) * 1e3:.1f} ms; HNSW p95 {percentile(th, .95) * 1e3:.2f} ms, recall@10 "
            f"{statistics.mean(rec):.3f}, build {build:.0f} s")


if __name__ == "__main__":
    sys.exit(main())
