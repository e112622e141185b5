"""Adding one report: full build vs rebuild with the caches, at national scale and on the shipped corpus.

    python bench/bench_add_report.py [--reports 2600] [--no-record]

The full national build's embedding (168k passages, hours on 2 cores) is not rerun: the first build fills the
embedding cache with seeded random vectors under the real model's id — the state a finished full build leaves —
and its projected embedding time is stated from measured e5 throughput. The added report's passages are then
embedded by the real e5-small-q4 model, and everything else (parse cache, chunking, BM25, FAISS, SQLite, publish,
opening the new index) runs for real. Appends a section to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from assistant.config import Config  # noqa: E402
from assistant.embed.factory import make_embedder  # noqa: E402
from assistant.index import build_index, open_index, tune_threads  # noqa: E402
from eval.synth import generate  # noqa: E402

SECTION = "## Adding one report"


class PrefillEmbedder:
    """The real model's id and dimension; random unit vectors while `fake`, the real model otherwise."""

    def __init__(self) -> None:
        self.real = make_embedder("e5-small-q4")
        self.id, self.dim = self.real.id, self.real.dim
        self.fake = True
        self.real_count = 0
        self.real_seconds = 0.0
        self.rng = np.random.default_rng(0)

    def embed(self, texts: Sequence[str], *, role: str) -> np.ndarray:
        if role == "query" or not self.fake:
            t0 = time.perf_counter()
            out = self.real.embed(texts, role=role)
            if role == "passage":
                self.real_seconds += time.perf_counter() - t0
                self.real_count += len(texts)
            return out
        v = self.rng.standard_normal((len(texts), self.dim)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def scenario(corpus: Path, index: Path, new_report: Path, label: str) -> list[tuple[str, str]]:
    emb = PrefillEmbedder()
    cfg = Config(corpus, index, "e5-small-q4")
    before = len(list(corpus.glob("*.txt")))
    (first, _), full_s = timed(lambda: build_index(cfg, embedder=emb))
    n = first.manifest["chunks"]
    _, reopen_s = timed(lambda: open_index(cfg, embedder=emb))  # no-change restart: staleness check + load
    shutil.copy(new_report, corpus / new_report.name)
    emb.fake = False
    (second, _), add_s = timed(lambda: build_index(cfg, embedder=emb))
    _, live_s = timed(lambda: open_index(cfg, embedder=emb))
    m = second.manifest
    eps = emb.real_count / emb.real_seconds if emb.real_seconds else float("nan")
    return [
        (f"{label}: corpus", f"{before:,} reports + 1 ({m['chunks'] - n} passages), {n:,} passages before"),
        (f"{label}: full build (embedding excluded: random vectors into the cache)", f"{full_s:.1f} s"),
        (f"{label}: full build's embedding, projected at the measured {eps:.0f} passages/s",
         f"{n / eps / 3600:.2f} h" if n / eps > 3600 else f"{n / eps:.0f} s"),
        (f"{label}: no-change restart (staleness check + open index)", f"{reopen_s:.2f} s"),
        (f"{label}: add one report → rebuild (caches) + open the new index",
         f"{add_s + live_s:.1f} s (rebuild {add_s:.1f} s: parse cache {m['parse_cache']['hits']} hit / "
         f"{m['parse_cache']['misses']} miss, embedding cache {m['embedding_cache']['hits']:,} hit / "
         f"{m['embedding_cache']['misses']} embedded by e5 in {emb.real_seconds:.1f} s; open {live_s:.1f} s)"),
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=2600)
    ap.add_argument("--no-record", action="store_true")
    args = ap.parse_args()
    tune_threads()
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp_p = Path(tmp)
        extra = generate(tmp_p / "extra", 1, seed=99, max_projects=4)[0]  # about the size of the shipped report
        shipped = tmp_p / "shipped"
        shipped.mkdir()
        for p in (ROOT / "corpus").glob("*.txt"):
            shutil.copy(p, shipped)
        rows += scenario(shipped, tmp_p / "idx-shipped", extra, "shipped corpus")
        national = tmp_p / "national"
        generate(national, args.reports, seed=2026)
        for p in national.glob("*.truth.json"):
            p.unlink()
        rows += scenario(national, tmp_p / "idx-national", extra, f"national ({args.reports:,} reports)")
    table = "\n".join(["| what | result |", "|---|---|", *(f"| {a} | {b} |" for a, b in rows)])
    print(table)
    if not args.no_record:
        res = ROOT / "bench" / "RESULTS.md"
        old = res.read_text(encoding="utf-8") if res.exists() else ""
        if SECTION in old:
            head, _, rest = old.partition(SECTION)
            nxt = rest.find("\n## ")
            old = head + (rest[nxt + 1:] if nxt >= 0 else "")
        text = (f"{SECTION}\n\n`python bench/bench_add_report.py` ({time.strftime('%Y-%m-%d')}, {os.cpu_count()} "
                "cores). " + __doc__.split("\n\n")[2].replace("\n", " ") + "\n\n" + table + "\n")  # [1] is the usage
        res.write_text(old.rstrip("\n") + "\n\n" + text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
