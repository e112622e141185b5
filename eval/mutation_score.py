"""Mutation score per module from a finished `mutmut run` (eval/RESULTS.md, "Mutation testing").

    python -m eval.mutation_score            # table of killed / survived / equivalent per module
    python -m eval.mutation_score --survivors  # the survivors not listed as equivalent (each needs a test)

Reads mutants/**/*.py.meta (written by mutmut 3). Only the mutants of the selection below are counted: the whole of
arith, kpis and fusion, four functions of readers/tables, and the threshold block of understand.understand plus
understand.passes. Equivalent mutants (no test can tell them from the original) are listed with the reason and left
out of the score's denominator.
"""

from __future__ import annotations

import fnmatch
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# understand.understand mutants 31-94 are the lines that parse a threshold (以上/以下/未満/超/を切る …, below/at least),
# 156 passes threshold=None on; the other mutants of understand() (cue words, years, places) are out of scope.
THRESHOLD = [f"assistant.understand.x_understand__mutmut_{i}" for i in [*range(31, 95), 156]]
SELECTION = [
    "assistant.arith.*", "assistant.kpis.*", "assistant.fusion.*",
    "assistant.readers.tables.x_make_kpi__*", "assistant.readers.tables.x__rate__*",
    "assistant.readers.tables.x_read_value__*", "assistant.readers.tables.x_role_of__*",
    "assistant.understand.x_passes__*", *THRESHOLD,
]

_ZIP = "zip(..., strict=True) → strict=None/False/omitted: the lengths are equal by construction"
EQUIVALENT: dict[str, str] = {
    # fusion: _weights() raises unless there is one weight per ranking, so the zip never sees unequal lengths
    "assistant.fusion.x_rrf__mutmut_4": _ZIP, "assistant.fusion.x_rrf__mutmut_7": _ZIP,
    "assistant.fusion.x_rrf__mutmut_12": _ZIP,
    "assistant.fusion.x_convex__mutmut_4": _ZIP, "assistant.fusion.x_convex__mutmut_7": _ZIP,
    "assistant.fusion.x_convex__mutmut_12": _ZIP,
    "assistant.fusion.x_rrf__mutmut_5": _ZIP, "assistant.fusion.x_rrf__mutmut_8": _ZIP,
    "assistant.fusion.x_rrf__mutmut_13": _ZIP,
    "assistant.arith.x_decimals__mutmut_4": "rstrip('XX%XX') strips X and %; a numeric token has no X",
    "assistant.readers.tables.x_read_value__mutmut_55": "cells are NFKC-normalized (clean), so the suffix is "
                                                        "never the full-width ％",
    "assistant.readers.tables.x__rate__mutmut_34": "d or 'XXXX' looks up a key that is not there either: None",
    "assistant.readers.tables.x__rate__mutmut_37": "only num and pct cells carry a value and pct returned above, so "
                                                   "'num or value' selects the same cells",
    "assistant.understand.x_understand__mutmut_34": "group(1) and group(2) of the Japanese branch are set together "
                                                    "(and both unset for the English branch)",
    "assistant.understand.x_understand__mutmut_57": "word[2] is one of 低少下高多上 (the regex), so 'in XX低少下XX' "
                                                    "equals 'in 低少下'",
    # kpis._try_fill: the token count was checked equal to the open slots just above
    "assistant.kpis.x__try_fill__mutmut_11": _ZIP, "assistant.kpis.x__try_fill__mutmut_14": _ZIP,
    "assistant.kpis.x__try_fill__mutmut_15": _ZIP,
    "assistant.kpis.x__try_fill__mutmut_18": "lets a dash token into a target/actual slot, but a dash has no value, "
                                             "so _verified rejects the fill anyway (the dash test is redundant)",
    "assistant.kpis.x__try_fill__mutmut_19": "as _18 (\"DASH\" is no token kind either)",
    "assistant.kpis.x__try_fill__mutmut_27": "ok = None instead of False: both falsy, the loop breaks the same way",
    "assistant.kpis.x__try_fill__mutmut_28": "ok = True on a mismatch leaves the mismatched slot unfilled (open, value "
                                             "None), so _verified rejects the partial fill",
    "assistant.kpis.x_parse_kpi_line__mutmut_12": "unit_m = '' instead of None: both falsy",
    "assistant.kpis.x__fill_from_line__mutmut_18": "a 3-value row ending in % fills target, actual, rate either way",
    "assistant.kpis.x__fill_from_line__mutmut_19": "as _18",
    "assistant.kpis.x__fill_from_line__mutmut_27": "line text is NFKC-normalized, so a unit is never the full-width ％",
    "assistant.kpis.x__fill_from_line__mutmut_37": _ZIP, "assistant.kpis.x__fill_from_line__mutmut_40": _ZIP,
    "assistant.kpis.x__fill_from_line__mutmut_41": _ZIP,
    "assistant.kpis.x_reconcile__mutmut_11": "combination size 0 offers an empty fill, which never matches the "
                                             "open slots (at least one)",
    "assistant.kpis.x_reconcile__mutmut_19": "min(4, open slots) == min(3, open slots): a KPI has 3 slots",
    "assistant.kpis.x_reconcile__mutmut_20": "combinations of open+1 orphan lines hold more tokens than open slots "
                                             "(every orphan line has a value), so _try_fill rejects them",
    "assistant.kpis.x_reconcile__mutmut_35": "applied = None instead of False: both falsy",
    "assistant.kpis.x_reconcile__mutmut_67": "a KPI is attached at most once (the fill closes all its open slots), "
                                             "so the flag is never present before the check",
    "assistant.kpis.x_reconcile__mutmut_68": "as _67",
    "assistant.kpis.x_finish__mutmut_5": "as _value_6: a slot that is not 'value' holds value None anyway",
    "assistant.kpis.x__value__mutmut_6": "a slot that is not 'value' (open/dash/garbage) always holds value None, so "
                                         "returning (s.value, s.text) gives the same None and _verified stops there",
    "assistant.kpis.x__value__mutmut_10": "the text returned with a None value is never read (_verified stops at None)",
}


def _status(code: int | None) -> str:
    if code is None:
        return "not checked"
    if code == 0:
        return "survived"
    if code in (1, 3):
        return "killed"
    if code in (-24, 24, 36, -9, 152):
        return "timeout"
    if code == 33:
        return "no tests"
    return f"exit {code}"


def results(root: Path = ROOT) -> dict[str, str]:
    out: dict[str, str] = {}
    for meta in sorted((root / "mutants").rglob("*.py.meta")):
        for name, code in json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].items():
            if any(fnmatch.fnmatchcase(name, p) for p in SELECTION):
                out[name] = _status(code)
    return out


def module_of(name: str) -> str:
    mod = name.split(".x", 1)[0].split(".xǁ", 1)[0]
    return "assistant.understand (thresholds)" if mod == "assistant.understand" else mod


def main(argv: list[str]) -> int:
    res = results()
    if not res:
        print("no mutmut results under mutants/: run `mutmut run` first (see eval/RESULTS.md)")
        return 1
    if "--survivors" in argv:
        for name, status in res.items():
            if status == "survived" and name not in EQUIVALENT:
                print(name)
        return 0
    by_mod: dict[str, Counter] = {}
    for name, status in res.items():
        c = by_mod.setdefault(module_of(name), Counter())
        c["total"] += 1
        c["equivalent" if status == "survived" and name in EQUIVALENT else status] += 1
    print("| module | mutants | killed | timeout | survived | equivalent | not checked | score |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    tot: Counter = Counter()
    for mod, c in sorted(by_mod.items()):
        tot.update(c)
        print(_row(mod, c))
    print(_row("**all**", tot))
    return 0


def _row(mod: str, c: Counter) -> str:
    judged = c["total"] - c["equivalent"] - c["not checked"]
    caught = c["killed"] + c["timeout"]
    score = f"{100 * caught / judged:.1f}%" if judged else "-"
    return (f"| {mod} | {c['total']} | {c['killed']} | {c['timeout']} | {c['survived']} | {c['equivalent']} | "
            f"{c['not checked']} | {score} |")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
