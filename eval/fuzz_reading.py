"""Mutation fuzz of report reading: `python -m eval.fuzz_reading --n 10000 --seed 1 [--workers 2] [--write]`.

Each mutation takes one source report (the shipped seed report and the text fixtures of `tests/fixtures/reports/`,
each with a truth file), applies 1-4 random line-level edits (delete, swap, split, duplicate a line; insert a
circled-number line, a KPI-like row, a header line, or a form feed), then reads it the way the index build does
(`text_document` -> `read_document`), writes the records into a real SQLite database and cuts chunks.

Checked per mutation:

* crash: any exception anywhere in reading, writing or chunking;
* duplicate project: two projects of one report with the same number;
* wrong value: a truth KPI whose source row (the `ＫＰＩ` line with its name and all three value slots) is still
  present unmodified, read with a target/actual/rate that is neither the truth nor None.

Counted as information only: *attribution changed* (such an intact KPI ended up under a project whose title
differs from the truth project's), *missing* (intact row, no KPI of that name read at all), and how often the
report fell back to the text-only reader.

Every mutation is reproducible on its own from (seed, index): `python -m eval.fuzz_reading --seed 1 --show 1234`
prints the source, the edits and the mutated text, and checks that one mutation again.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import tempfile
import time
import traceback
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED_REPORT = ROOT / "corpus" / "fukuoka-city_R2_chihou-sousei-koufukin.txt"
SEED_TRUTH = ROOT / "eval" / "truth" / "fukuoka-city_R2_chihou-sousei-koufukin.truth.json"
FIXTURE_DIR = ROOT / "tests" / "fixtures" / "reports"
RESULTS = ROOT / "eval" / "RESULTS.md"
SECTION = "## Reading under mutation (fuzz)"

KINDS = ("crash", "duplicate_project", "wrong_value", "attribution_changed", "missing")
VALUE_FIELDS = ("target", "actual", "rate")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_VALUE_TOKEN = r"[^\s]+"


# ---------------------------------------------------------------- sources


@dataclass(frozen=True)
class Source:
    name: str  # the report's file name (its id)
    text: str  # decoded text
    truth: dict[str, Any]
    # truth KPI name -> the exact source line holding its name and all three value slots (absent when the
    # row's values are displaced onto other lines, or the row is not unique)
    rows: dict[str, str]


def _norm(s: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or ""))


def kpi_rows(text: str, names: list[str]) -> dict[str, str]:
    """For each KPI name, the one line `ＫＰＩ <name>（unit） v1 v2 v3` (three value slots) that holds it."""
    rows: dict[str, str] = {}
    lines = text.split("\n")
    for name in names:
        pat = re.compile(r"^\s*\f?\s*(?:ＫＰＩ|KPI)\s+" + re.escape(name) + r"(?:[（(][^）)]*[）)])?"
                         + r"\s+" + r"\s+".join([_VALUE_TOKEN] * 3) + r"\s*$")
        hits = [ln.lstrip("\f") for ln in lines if pat.match(ln)]
        if len(hits) == 1:
            rows[name] = hits[0]
    return rows


def load_sources() -> list[Source]:
    from assistant.reading import decode

    pairs = [(SEED_REPORT, SEED_TRUTH)]
    pairs += [(p, p.with_name(p.stem + ".expected.json")) for p in sorted(FIXTURE_DIR.glob("*.txt"))]
    out = []
    for path, truth_path in pairs:
        if not truth_path.exists():
            continue
        text, _ = decode(path.read_bytes(), path.name)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        out.append(Source(path.name, text, truth, kpi_rows(text, [k["name"] for k in truth["kpis"]])))
    return out


# ---------------------------------------------------------------- mutations

_FRAGMENTS = ("事業の推進", "地域活性化", "（続き）", "参考", "ＫＰＩ", "目標", "達成率", "令和２年度", "福岡市",
              "事業期間", "指標内容", "補足", "１　", "・", "％", "－", "12,345", "（人）", "ABC", "　", "R3n")
_UNITS = ("人", "件", "％", "千円", "回", "社", "倍", "日")


def _rand_text(rng: random.Random) -> str:
    parts = [rng.choice(_FRAGMENTS) for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.3:
        parts.append("".join(chr(rng.randint(0x3041, 0x3093)) for _ in range(rng.randint(1, 8))))
    return "".join(parts)


def _rand_value(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.1:
        return "－"
    if r < 0.3:
        return f"{rng.uniform(0, 100):.1f}"
    if r < 0.5:
        return f"{rng.randint(1000, 200000):,}"
    return str(rng.randint(0, 999))


def _kpi_row(rng: random.Random) -> str:
    name = f"何かの数{rng.randint(0, 999)}"
    vals = [_rand_value(rng), _rand_value(rng), rng.choice([f"{rng.uniform(0, 250):.1f}%", "－"])]
    vals = vals[:rng.choice([0, 1, 2, 3, 3, 3])]
    return " ".join([f"ＫＰＩ {name}（{rng.choice(_UNITS)}）", *vals])


def _era_year(rng: random.Random) -> str:
    return rng.choice(["R1", "R2", "R3", "R4", "R5", "H29", "H30"])


def _header(rng: random.Random) -> str:
    if rng.random() < 0.5:
        y = _era_year(rng)
        return f"指標内容 {y}n目標 {y}n実績 達成率"
    a, b = _era_year(rng), _era_year(rng)
    return f"事業期間 {a}n-{b}n"


def mutate(lines: list[str], rng: random.Random) -> tuple[list[str], list[str]]:
    """1-4 random edits of a copy of lines; returns (lines, descriptions)."""
    lines = list(lines)
    ops: list[str] = []
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(("delete", "swap", "split", "duplicate", "circled", "kpi_row", "header", "formfeed"))
        n = len(lines)
        if kind == "delete" and n > 1:
            i = rng.randrange(n)
            ops.append(f"delete L{i + 1} {lines[i][:30]!r}")
            del lines[i]
        elif kind == "swap" and n > 1:
            i, j = rng.sample(range(n), 2)
            lines[i], lines[j] = lines[j], lines[i]
            ops.append(f"swap L{i + 1}<->L{j + 1}")
        elif kind == "split":
            cands = [i for i, ln in enumerate(lines) if len(ln) >= 2]
            if not cands:
                continue
            i = rng.choice(cands)
            at = rng.randint(1, len(lines[i]) - 1)
            ops.append(f"split L{i + 1}@{at} {lines[i][:30]!r}")
            lines[i:i + 1] = [lines[i][:at], lines[i][at:]]
        elif kind == "duplicate" and n:
            i = rng.randrange(n)
            lines.insert(i + 1, lines[i])
            ops.append(f"duplicate L{i + 1} {lines[i][:30]!r}")
        elif kind in ("circled", "kpi_row", "header"):
            if kind == "circled":
                new = rng.choice(CIRCLED) + ("" if rng.random() < 0.4 else _rand_text(rng))
            elif kind == "kpi_row":
                new = _kpi_row(rng)
            else:
                new = _header(rng)
            i = rng.randint(0, n)
            lines.insert(i, new)
            ops.append(f"insert {kind} before L{i + 1} {new!r}")
        elif kind == "formfeed" and n:
            i = rng.randrange(n)
            lines[i] = "\f" + lines[i]
            ops.append(f"formfeed at L{i + 1}")
    return lines, ops


def edit_kind(op: str) -> str:
    """'insert kpi_row before L3 ...' -> 'insert kpi_row'; 'swap L1<->L2' -> 'swap'."""
    words = op.split()
    return " ".join(words[:2]) if words[0] == "insert" else words[0]


def make_case(sources: list[Source], seed: int, index: int) -> tuple[Source, str, list[str]]:
    """The mutated report number `index` of a run with `seed`: (source, mutated text, edits)."""
    rng = random.Random(f"fuzz-reading:{seed}:{index}")
    src = rng.choice(sources)
    lines, ops = mutate(src.text.split("\n"), rng)
    return src, "\n".join(lines), ops


# ---------------------------------------------------------------- checks


@dataclass
class Finding:
    index: int
    report: str
    kind: str
    detail: str
    ops: list[str]


@dataclass
class CaseResult:
    index: int
    findings: list[Finding] = field(default_factory=list)
    intact: int = 0  # truth KPIs whose source row survived intact
    edits: tuple[str, ...] = ()  # the kind of each edit applied
    fallback_text: bool = False  # no structured reader was trusted; text-only


def check_text(src: Source, text: str, ops: list[str], index: int, db_dir: str) -> CaseResult:
    from assistant.chunking import make_chunks
    from assistant.readers import read_document
    from assistant.source import text_document
    from assistant.store import Records, write_records

    res = CaseResult(index, edits=tuple(edit_kind(op) for op in ops))

    def add(kind: str, detail: str) -> None:
        res.findings.append(Finding(index, src.name, kind, detail, ops))

    db = Path(db_dir) / f"fuzz-{os.getpid()}-{index}.sqlite"
    try:
        pr = read_document(text_document(text, src.name))
        write_records(db, Records(reports=(pr.report,), projects=pr.projects, kpis=pr.kpis, chunks=(),
                                  problems=pr.problems))
        make_chunks([pr])
    except Exception as exc:  # any exception is a finding
        tb = traceback.extract_tb(exc.__traceback__)
        where = f"{Path(tb[-1].filename).name}:{tb[-1].lineno} in {tb[-1].name}" if tb else "?"
        add("crash", f"{type(exc).__name__}: {exc} ({where})")
        return res
    finally:
        for p in (db, db.with_name(db.name + "-journal")):
            p.unlink(missing_ok=True)
    res.fallback_text = pr.report.layout == "text"

    nos = Counter(p.no for p in pr.projects)
    dups = sorted(no for no, c in nos.items() if c > 1)
    if dups:
        add("duplicate_project", f"project number(s) {dups} read twice")

    present = {ln.lstrip("\f") for ln in text.split("\n")}
    titles = {p.no: _norm(p.title) for p in pr.projects}
    truth_titles = {p["no"]: _norm(p["title"]) for p in src.truth["projects"]}
    by_name: dict[str, list] = {}
    for k in pr.kpis:
        by_name.setdefault(k.name, []).append(k)
    for tk in src.truth["kpis"]:
        row = src.rows.get(tk["name"])
        if row is None or row not in present:
            continue
        res.intact += 1
        got = by_name.get(tk["name"], [])
        if not got:
            add("missing", f"{tk['name']!r}: row intact, KPI not read")
            continue
        for k in got:
            bad = [f"{f}={getattr(k, f)!r} (truth {tk[f]!r})" for f in VALUE_FIELDS
                   if getattr(k, f) is not None and getattr(k, f) != tk[f]]
            if bad:
                add("wrong_value", f"{tk['name']!r}: " + ", ".join(bad))
        want = truth_titles.get(tk["project_no"])
        if not any(titles.get(k.project_no) == want for k in got):
            where = "; ".join(f"project {k.project_no} {titles.get(k.project_no, '(none)')!r}" for k in got)
            add("attribution_changed", f"{tk['name']!r}: truth project {tk['project_no']} {want!r}, read under {where}")
    return res


_SOURCES: list[Source] | None = None


def _tmp_root() -> str | None:
    """A RAM-backed folder for the throwaway databases when there is one (fsync on disk dominates otherwise)."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def _run_range(args: tuple[int, int, int]) -> list[CaseResult]:
    seed, start, stop = args
    global _SOURCES
    if _SOURCES is None:
        _SOURCES = load_sources()
    out = []
    with tempfile.TemporaryDirectory(prefix="fuzz-reading-", dir=_tmp_root()) as d:
        for i in range(start, stop):
            src, text, ops = make_case(_SOURCES, seed, i)
            out.append(check_text(src, text, ops, i, d))
    return out


def run(n: int, seed: int, workers: int = 1) -> dict[str, Any]:
    """Run mutations 0..n-1 of `seed`; the summary is the same whatever the number of workers."""
    t0 = time.perf_counter()
    step = 250
    jobs = [(seed, s, min(s + step, n)) for s in range(0, n, step)]
    if workers > 1 and len(jobs) > 1:
        import multiprocessing as mp

        with mp.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_run_range, jobs)
    else:
        parts = [_run_range(j) for j in jobs]
    results = [r for part in parts for r in part]
    counts = Counter()
    cases = Counter()
    examples: dict[str, list[Finding]] = {k: [] for k in KINDS}
    for r in results:
        seen = set()
        for f in r.findings:
            counts[f.kind] += 1
            seen.add(f.kind)
            if len(examples[f.kind]) < 5:
                examples[f.kind].append(f)
        cases.update(seen)
    single: dict[str, Counter] = {}
    for r in results:
        if len(r.edits) == 1:
            c = single.setdefault(r.edits[0], Counter())
            c["mutations"] += 1
            c.update({f.kind for f in r.findings})
    return {
        "single_edit": {k: dict(v) for k, v in sorted(single.items())},
        "mutations": n, "seed": seed, "seconds": round(time.perf_counter() - t0, 1),
        "sources": [s.name for s in load_sources()],
        "intact_kpi_rows_checked": sum(r.intact for r in results),
        "fallback_text": sum(r.fallback_text for r in results),
        "findings": {k: counts[k] for k in KINDS},
        "mutations_with": {k: cases[k] for k in KINDS},
        "examples": {k: [f.__dict__ for f in v] for k, v in examples.items()},
    }


# ---------------------------------------------------------------- output


def render_summary(s: dict[str, Any]) -> str:
    f, m = s["findings"], s["mutations_with"]
    lines = [f"mutations run: {s['mutations']} (seed {s['seed']}, {s['seconds']} s) over {len(s['sources'])} reports",
             f"intact KPI rows checked: {s['intact_kpi_rows_checked']}",
             f"fell back to text-only reading: {s['fallback_text']}",
             f"crashes: {f['crash']} (in {m['crash']} mutations)",
             f"duplicate projects: {f['duplicate_project']} (in {m['duplicate_project']} mutations)",
             f"wrong values: {f['wrong_value']} (in {m['wrong_value']} mutations)",
             f"attribution changed (info): {f['attribution_changed']} (in {m['attribution_changed']} mutations)",
             f"missing (info): {f['missing']} (in {m['missing']} mutations)"]
    lines.append("single-edit mutations, by edit (mutations / with attribution changed / with missing):")
    for k, c in s["single_edit"].items():
        lines.append(f"  {k}: {c['mutations']} / {c.get('attribution_changed', 0)} / {c.get('missing', 0)}")
    for kind in KINDS:
        ex = s["examples"][kind]
        if not ex:
            continue
        lines.append(f"\nfirst {kind} examples (reproduce: python -m eval.fuzz_reading --seed {s['seed']} --show INDEX):")
        for e in ex:
            lines.append(f"  [index {e['index']}] {e['report']}: {e['detail']}")
            lines.append(f"      edits: {' | '.join(e['ops'])}")
    return "\n".join(lines)


def render_section(s: dict[str, Any]) -> str:
    f, m = s["findings"], s["mutations_with"]
    out = [SECTION, "",
           f"`python -m eval.fuzz_reading --n {s['mutations']} --seed {s['seed']} --write` (`eval/fuzz_reading.py`; "
           f"CI runs 300 in `tests/test_fuzz_reading.py`). Each mutation applies 1–4 random edits (delete, swap, "
           "split or duplicate a line; insert a circled-number line, a KPI-like row, a header line or a form feed) "
           f"to one of {len(s['sources'])} reports with truth (the seed report and the text fixtures of "
           "`tests/fixtures/reports/`), then reads it (`text_document` → `read_document`), writes the records "
           "into SQLite and cuts chunks. A *wrong value* is a truth KPI whose source row survived unmodified but "
           "was read with a target/actual/rate that is neither the truth nor empty; *attribution changed* (such a "
           "KPI filed under a project of another title) and *missing* (intact row, KPI not read) are information, "
           "not failures: edits such as a stray circled number or a deleted title line can legitimately move or "
           "drop structure.", "",
           "| measure | findings | mutations with it |", "|---|---:|---:|",
           f"| mutations run | {s['mutations']} | |",
           f"| intact KPI rows checked | {s['intact_kpi_rows_checked']} | |",
           f"| crashes (any exception) | {f['crash']} | {m['crash']} |",
           f"| duplicate project numbers | {f['duplicate_project']} | {m['duplicate_project']} |",
           f"| wrong values | {f['wrong_value']} | {m['wrong_value']} |",
           f"| attribution changed (info) | {f['attribution_changed']} | {m['attribution_changed']} |",
           f"| missing (info) | {f['missing']} | {m['missing']} |",
           f"| fell back to text-only reading (info) | | {s['fallback_text']} |", "",
           "Mutations with a single edit, by edit: how many changed a KPI's project, or lost an intact KPI.", "",
           "| edit | mutations | attribution changed | missing |", "|---|---:|---:|---:|"]
    for k, c in s["single_edit"].items():
        out.append(f"| {k} | {c['mutations']} | {c.get('attribution_changed', 0)} | {c.get('missing', 0)} |")
    out.append("")
    ff = s["single_edit"].get("formfeed", {}).get("attribution_changed", 0)
    cc = s["single_edit"].get("insert circled", {}).get("attribution_changed", 0)
    if ff or cc:  # what the examples of these two showed when this note was written
        out += ["Seen in the examples: a page break (form feed) inside a project, e.g. before a KPI row that "
            "continues a table on the next page or right after a project's ① title line, files that page's KPI "
            "rows under another project with no problem reported for the row; a stray circled-number line "
            "(「⑥…」, 「③・」) is taken as a new project title and takes over the following KPI rows.", ""]
    fails = [e for k in ("crash", "duplicate_project", "wrong_value") for e in s["examples"][k]]
    if fails:
        out.append(f"First failures (reproduce one with `python -m eval.fuzz_reading --seed {s['seed']} --show INDEX`):")
        out.append("")
        for e in fails:
            out.append(f"- {e['kind']} [index {e['index']}] `{e['report']}`: {e['detail']}; edits: "
                       + " | ".join(e["ops"]))
        out.append("")
    return "\n".join(out)


def write_section(path: Path, text: str) -> None:
    """Replace this section of a results file (or append it), keeping the rest intact."""
    from eval.layouts import write_section as write

    write(path, text, SECTION)


def show(seed: int, index: int) -> int:
    src, text, ops = make_case(load_sources(), seed, index)
    print(f"source: {src.name}\nedits:")
    for op in ops:
        print(f"  {op}")
    print("---- mutated text ----")
    print(text)
    print("---- check ----")
    with tempfile.TemporaryDirectory(dir=_tmp_root()) as d:
        res = check_text(src, text, ops, index, d)
    for f in res.findings:
        print(f"{f.kind}: {f.detail}")
    if not res.findings:
        print("no findings")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10000, help="number of mutated reports")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--show", type=int, metavar="INDEX", help="print and check one mutation of this seed")
    ap.add_argument("--write", action="store_true", help=f"write the '{SECTION}' section of eval/RESULTS.md")
    ap.add_argument("--json", metavar="PATH", help="also write the summary as JSON")
    a = ap.parse_args(argv)
    if a.show is not None:
        return show(a.seed, a.show)
    s = run(a.n, a.seed, a.workers)
    print(render_summary(s))
    if a.json:
        Path(a.json).write_text(json.dumps(s, ensure_ascii=False, indent=1), encoding="utf-8")
    if a.write:
        write_section(RESULTS, render_section(s))
        print(f"\nwrote section to {RESULTS}")
    f = s["findings"]
    return 1 if f["crash"] or f["duplicate_project"] or f["wrong_value"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
