"""A live corpus: notice added, changed or removed reports, rebuild in the background, swap when ready.

The check is a cheap signature of the corpus folder (file names, sizes, modification times — no reading); a build
runs on one background thread while the current index keeps answering, and the new Assistant replaces the old one
in a single assignment. Caches (parsing, tokens, vectors) make a rebuild cost about the new reports only.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from .api import Assistant
from .config import Config
from .corpus import corpus_signature
from .embed.base import Embedder
from .index import build_index


@dataclass(frozen=True)
class Status:
    state: str  # "ready", "building", "failed"
    message: str  # Japanese, for the 資料 tab
    version: int  # increases with every swap


class LiveAssistant:
    """Holds the Assistant that answers now; `poll()` notices corpus changes and rebuilds in the background."""

    def __init__(self, assistant: Assistant, embedder: Embedder | None = None,
                 log: Callable[[str], None] | None = None, min_interval: float = 3.0) -> None:
        self._current = assistant
        self.config: Config = assistant.config
        self._embedder = embedder or assistant.index.embedder
        self._log = log or (lambda _m: None)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._signature = corpus_signature(self.config.corpus_dir)
        self._checked = 0.0
        self._min_interval = min_interval
        self._version = 0
        self._status = Status("ready", "最新の資料で回答しています。", 0)

    @property
    def current(self) -> Assistant:
        return self._current

    @property
    def status(self) -> Status:
        return self._status

    def poll(self, force: bool = False) -> Status:
        """Start a rebuild when the corpus folder changed (checked at most every `min_interval` seconds)."""
        now = time.monotonic()
        if not force and now - self._checked < self._min_interval:
            return self._status
        self._checked = now
        sig = corpus_signature(self.config.corpus_dir)
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return self._status
            if sig == self._signature and not force:
                return self._status
            self._signature = sig
            self._status = Status("building", "資料の変更を検出しました。索引を作り直しています（その間は"
                                              "これまでの資料で回答します）…", self._version)
            self._thread = threading.Thread(target=self._rebuild, name="corpus-rebuild", daemon=True)
            self._thread.start()
            return self._status

    def wait(self, timeout: float | None = None) -> Status:
        """Block until a running rebuild ends (for tests and the command line)."""
        t = self._thread
        if t is not None:
            t.join(timeout)
        return self._status

    def _rebuild(self) -> None:
        t0 = time.perf_counter()
        try:
            index, corpus = build_index(self.config, embedder=self._embedder)
            fresh = Assistant(self.config, index)
        except Exception as exc:  # the old index keeps answering; the reason is shown, not raised in a thread
            self._log(f"rebuild failed: {exc}")
            self._status = Status("failed", f"索引の作り直しに失敗しました（これまでの資料で回答しています）: {exc}",
                                  self._version)
            return
        self._current = fresh  # one assignment: every later question sees the new index
        self._version += 1
        m = index.manifest
        self._status = Status("ready", f"資料を更新しました（{time.perf_counter() - t0:.1f}秒）: {m['reports']}件の資料、"
                                       f"{m['projects']}事業、KPI {m['kpis']}件。", self._version)
        self._log(f"corpus reloaded: {m['reports']} reports, {len(corpus.problems)} warnings")
