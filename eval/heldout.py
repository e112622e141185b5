"""Held-out answer sets: questions written by helpers who never read the answering code, scored on a fixed split.

    python -m eval.heldout [--write] [--show-dev]

Items in eval/heldout/questions_*.jsonl are split once and for all by a hash of their id: the *dev* part may be read
while changing rules (`--show-dev` prints its failures), the *test* part is only ever scored — its failures are never
printed. eval/heldout/dev_questions_X.jsonl are later sets written the same way (by other helpers, under the same rule
of not reading the code) that are dev only ("dev-X"): more questions to learn from without touching the test part. Each item names
its corpus: "seed" (corpus/), "fixtures" (tests/fixtures/reports) or "layouts"
(tests/fixtures/layouts) or "heldout_layouts" … "heldout_layouts12" (eval/heldout_layouts, eval/heldout_layouts2–12:
layouts made without reading the reader). Matching is after NFKC with whitespace removed on both sides. Error kinds are counted
apart: a *false refusal* says 資料に記載が見つかりません where the reports hold the answer; a *false answer* answers
where they do not, or shows a forbidden (wrong) figure — the worse error.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

from assistant.api import Assistant
from assistant.compose import NOT_FOUND
from assistant.config import Config
from assistant.index import tune_threads

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent / "heldout"
CORPORA = {"seed": ROOT / "corpus", "fixtures": ROOT / "tests/fixtures/reports", "layouts": ROOT / "tests/fixtures/layouts",
           "heldout_layouts": ROOT / "eval/heldout_layouts", "heldout_layouts2": ROOT / "eval/heldout_layouts2",
           "heldout_layouts3": ROOT / "eval/heldout_layouts3", "heldout_layouts4": ROOT / "eval/heldout_layouts4",
           "heldout_layouts5": ROOT / "eval/heldout_layouts5", "heldout_layouts6": ROOT / "eval/heldout_layouts6",
           "heldout_layouts7": ROOT / "eval/heldout_layouts7", "heldout_layouts8": ROOT / "eval/heldout_layouts8",
           "heldout_layouts9": ROOT / "eval/heldout_layouts9", "heldout_layouts10": ROOT / "eval/heldout_layouts10",
           "heldout_layouts11": ROOT / "eval/heldout_layouts11", "heldout_layouts12": ROOT / "eval/heldout_layouts12"}
SECTION = "## Held-out answer sets"


def part(item_id: str) -> str:
    """The fixed split: half of the items (by a hash of the id) are dev, the rest test."""
    return "dev" if int(hashlib.sha1(item_id.encode()).hexdigest()[:8], 16) % 2 == 0 else "test"


def norm(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def load() -> list[dict[str, Any]]:
    """The fixed-split sets (questions_*.jsonl) and the dev-only sets (dev_questions_X.jsonl: part "dev-X")."""
    items = []
    for f in sorted(HERE.glob("questions_*.jsonl")):
        items += [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    for f in sorted(HERE.glob("dev_*.jsonl")):  # dev_questions_c.jsonl → part "dev-c"
        name = "dev-" + f.stem.rsplit("_", 1)[-1]
        items += [dict(json.loads(line), part=name) for line in f.read_text(encoding="utf-8").splitlines()
                  if line.strip()]
    return items


def judge(item: dict[str, Any], text: str) -> dict[str, Any]:
    body = norm(text)
    refused = NOT_FOUND in text
    missing = [s for s in item.get("must_contain", []) if norm(s) not in body]
    forbidden = [s for s in item.get("must_not_contain", []) if norm(s) in body]
    want_found = item.get("found", True)
    false_refusal = want_found and refused
    false_answer = (not want_found and not refused) or bool(forbidden)
    ok = not missing and not false_refusal and not false_answer
    return {"ok": ok, "missing": missing, "forbidden": forbidden, "false_refusal": false_refusal,
            "false_answer": false_answer}


def run(embedder: str = "e5-small-q4") -> list[dict[str, Any]]:
    tune_threads()
    items = load()
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        assistants = {name: Assistant.open(Config(folder, Path(tmp) / name, embedder))
                      for name, folder in CORPORA.items()}
        for item in items:
            a = assistants[item.get("corpus", "seed")]
            history: list = []
            ans = None
            for q in item["turns"]:
                ans = a.answer(q, history)
                history.append(ans)
            r = judge(item, ans.text)
            out.append({"id": item["id"], "part": item.get("part") or part(item["id"]), "turns": len(item["turns"]),
                        "category": item["category"], "corpus": item.get("corpus", "seed"), **r,
                        "answer": ans.text, "questions": item["turns"], "intent": ans.intent})
    return out


def summary(results: list[dict[str, Any]]) -> list[str]:
    rows = ["| part | kind | items | correct | accuracy | false refusals | false answers |",
            "|---|---|---:|---:|---:|---:|---:|"]
    for p in ("dev", *sorted({r["part"] for r in results} - {"dev", "test"}), "test"):
        for kind, pred in (("single questions", lambda r: r["turns"] == 1), ("conversations", lambda r: r["turns"] > 1)):
            rs = [r for r in results if r["part"] == p and pred(r)]
            n = len(rs)
            if not n:
                continue
            ok = sum(r["ok"] for r in rs)
            fr = sum(r["false_refusal"] for r in rs)
            fa = sum(r["false_answer"] for r in rs)
            rows.append(f"| {p} | {kind} | {n} | {ok} | {ok / n:.1%} | {fr} ({fr / n:.1%}) | {fa} ({fa / n:.1%}) |")
    return rows


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    results = run()
    rows = summary(results)
    print("\n".join(rows))
    if "--show-dev" in argv:
        for r in results:
            if r["part"] != "test" and not r["ok"]:
                print(f"\n[{r['id']} {r['category']} {r['corpus']}] {' / '.join(r['questions'])}\n  intent={r['intent']} "
                      f"missing={r['missing']} forbidden={r['forbidden']} refusal={r['false_refusal']}\n  "
                      + r["answer"][:300].replace("\n", " "))
    by_cat = Counter(r["category"] for r in results if r["part"] == "test" and not r["ok"])
    print("test-part misses by category (counts only):", dict(by_cat))
    if "--write" in argv:
        from eval.layouts import write_section

        text = "\n".join([SECTION, "", "`python -m eval.heldout` (e5-small-q4). " + __doc__.split("\n\n")[2]
                          .replace("\n", " "), "", *rows, "",
                          "Test-part misses by category (counts only; their texts are not read): "
                          + (", ".join(f"{k} {v}" for k, v in sorted(by_cat.items())) or "none"), ""])
        write_section(ROOT / "eval" / "RESULTS.md", text, SECTION)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
