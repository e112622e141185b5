"""Answer evaluation: each item's last answer must contain its facts (and none of the forbidden strings)."""

from __future__ import annotations

import json
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.api import Assistant
from assistant.compose import NOT_FOUND


@dataclass(frozen=True)
class ItemResult:
    id: str
    category: str
    ok: bool
    missing: tuple[str, ...]
    forbidden: tuple[str, ...]
    answer: str
    intent: str
    seconds: float


def percentile(xs: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..1) of a list of timings; 0.0 for none."""
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))] if xs else 0.0


def load_items(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run_item(assistant: Assistant, item: dict[str, Any]) -> ItemResult:
    history = []
    t0 = time.perf_counter()
    ans = None
    for q in item["turns"]:
        ans = assistant.answer(q, history)
        history.append(ans)
    dt = (time.perf_counter() - t0) / max(len(item["turns"]), 1)
    text = ans.text
    missing = tuple(s for s in item.get("must_contain", []) if s not in text)
    forbidden = tuple(s for s in item.get("must_not_contain", []) if s in text)
    found_ok = (NOT_FOUND in text) == (not item.get("found", True)) if "found" in item else True
    ok = not missing and not forbidden and found_ok
    if not found_ok and not missing:
        missing = ("<found flag>",)
    return ItemResult(item["id"], item["category"], ok, missing, forbidden, text, ans.intent, dt)


def evaluate(assistant: Assistant, items: list[dict[str, Any]]) -> dict[str, Any]:
    results = [run_item(assistant, it) for it in items]
    by_cat: dict[str, list[ItemResult]] = defaultdict(list)
    for r in results:
        by_cat[r.category].append(r)
    lat = [r.seconds for r in results]

    return {
        "total": len(results),
        "correct": sum(r.ok for r in results),
        "accuracy": sum(r.ok for r in results) / max(len(results), 1),
        "by_category": {c: {"n": len(rs), "correct": sum(r.ok for r in rs)} for c, rs in sorted(by_cat.items())},
        "latency_p50_ms": round(percentile(lat, 0.5) * 1000, 2),
        "latency_p95_ms": round(percentile(lat, 0.95) * 1000, 2),
        "misses": [{"id": r.id, "category": r.category, "missing": r.missing, "forbidden": r.forbidden,
                    "intent": r.intent, "answer": r.answer[:300]} for r in results if not r.ok],
    }
