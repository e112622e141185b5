"""Read every report in a corpus folder; one bad file is reported and skipped, never fatal to the others."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError, ReportError
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


def report_files(corpus_dir: Path) -> list[Path]:
    if not corpus_dir.is_dir():
        raise ConfigError(f"corpus folder not found: {corpus_dir}")
    return sorted(p for p in corpus_dir.iterdir() if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES)


def fingerprint(files: list[Path]) -> str:
    """A hash of the corpus's file names and contents: any change to the reports changes it."""
    h = hashlib.sha256()
    for p in files:
        h.update(p.name.encode("utf-8") + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()[:32]


def read_corpus(corpus_dir: Path) -> Corpus:
    """Parse every report file in the folder (sorted by name)."""
    files = report_files(corpus_dir)
    reports: list[ParsedReport] = []
    problems: list[Problem] = []
    for path in files:
        try:
            parsed = read_path(path)
        except ReportError as exc:
            problems.append(Problem(exc.file, exc.reason, exc.line))
            continue
        reports.append(parsed)
        problems.extend(parsed.problems)
    if not files:
        problems.append(Problem(str(corpus_dir), "no report files (*.txt, *.pdf) in the corpus folder"))
    return Corpus(tuple(reports), tuple(problems), fingerprint(files), tuple(p.name for p in files))


def read_path(path: Path) -> ParsedReport:
    """Load one file and read it with the layout reader that recognizes it (its text alone as a last resort).

    Raises:
        ReportError: the file cannot be read at all (empty, binary, undecodable, broken or image-only PDF).
    """
    return read_document(load_document(path))
