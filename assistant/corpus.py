"""Read every report in a corpus folder; one bad file is reported and skipped, never fatal to the others."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError, ReportError
from .parsecache import ParseCache, file_key
from .readers import read_document
from .records import ParsedReport, Problem
from .source import load_document

REPORT_SUFFIXES = (".txt", ".text", ".pdf")


@dataclass(frozen=True)
class Corpus:
    reports: tuple[ParsedReport, ...]
    problems: tuple[Problem, ...]
    fingerprint: str
    files: tuple[str, ...]
    parsed_from_cache: int = 0  # reports taken from the parse cache instead of read again


def report_files(corpus_dir: Path) -> list[Path]:
    if not corpus_dir.is_dir():
        raise ConfigError(f"corpus folder not found: {corpus_dir}")
    return sorted(p for p in corpus_dir.iterdir() if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES)


def corpus_signature(corpus_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """(name, size, mtime in ns) of every report file: changes when a report is added, replaced or removed."""
    try:
        files = report_files(corpus_dir)
    except ConfigError:
        return ()
    out = []
    for p in files:
        try:
            st = p.stat()
        except OSError:
            continue
        out.append((p.name, st.st_size, st.st_mtime_ns))
    return tuple(out)


def fingerprint(files: list[Path], digests: list[bytes] | None = None) -> str:
    """A hash of the corpus's file names and contents: any change to the reports changes it.

    `digests` (SHA-256 of each file's bytes, in order) saves reading the files again when the caller has them.
    """
    h = hashlib.sha256()
    for i, p in enumerate(files):
        h.update(p.name.encode("utf-8") + b"\0")
        h.update(digests[i] if digests is not None else hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()[:32]


def read_corpus(corpus_dir: Path, workers: int | None = None, cache: Path | None = None) -> Corpus:
    """Parse every report file in the folder (sorted by name), several at once on machines with several cores.

    Reading is CPU-bound (PDF tables, arithmetic checks), so reports go to worker processes; results come back in
    file order, and one report that fails — or whose worker dies — is reported and skipped, never fatal to the rest.
    With `cache` (a parse-cache file), a report whose bytes and reader version are unchanged is not read again.
    """
    files = report_files(corpus_dir)
    digests = [hashlib.sha256(p.read_bytes()).digest() for p in files]  # each file read once, for both hashes
    keys = [file_key(p.name, d) for p, d in zip(files, digests, strict=True)] if cache else []
    pc = ParseCache(cache) if cache else None
    try:
        cached = [pc.get(k) for k in keys] if pc else [None] * len(files)
        todo = [p for p, c in zip(files, cached, strict=True) if c is None]
        fresh = iter(_read_all(todo, workers))
        outcomes = [c if c is not None else next(fresh) for c in cached]
        if pc:
            for key, c, out in zip(keys, cached, outcomes, strict=True):
                if c is None and isinstance(out, ParsedReport):
                    pc.put(key, out)
            pc.prune(set(keys))
    finally:
        if pc:
            pc.close()
    reports: list[ParsedReport] = []
    problems: list[Problem] = []
    for outcome in outcomes:
        if isinstance(outcome, Problem):
            problems.append(outcome)
            continue
        reports.append(outcome)
        problems.extend(outcome.problems)
    if not files:
        problems.append(Problem(str(corpus_dir), "no report files (*.txt, *.pdf) in the corpus folder"))
    return Corpus(tuple(reports), tuple(problems), fingerprint(files, digests), tuple(p.name for p in files),
                  parsed_from_cache=sum(1 for c in cached if c is not None))


def _read_one(path: Path) -> ParsedReport | Problem:
    try:
        return read_path(path)
    except ReportError as exc:
        return Problem(exc.file, exc.reason, exc.line)
    except Exception as exc:  # a reader bug on one odd file must not take the corpus down
        return Problem(path.name, f"could not be read ({type(exc).__name__}: {exc}); skipped")


def _read_all(files: list[Path], workers: int | None) -> list[ParsedReport | Problem]:
    workers = workers if workers is not None else min(os.cpu_count() or 1, 8)
    if workers <= 1 or len(files) < 4:
        return [_read_one(p) for p in files]
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("forkserver")) as pool:
            return list(pool.map(_read_one, files, chunksize=max(1, len(files) // (workers * 4))))
    except (BrokenProcessPool, OSError, ValueError):  # a worker killed (memory), no forkserver: one by one
        return [_read_one(p) for p in files]


def read_path(path: Path) -> ParsedReport:
    """Load one file and read it with the layout reader that recognizes it (its text alone as a last resort).

    Raises:
        ReportError: the file cannot be read at all (empty, binary, undecodable, broken or image-only PDF).
    """
    return read_document(load_document(path))
