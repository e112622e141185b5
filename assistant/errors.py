"""Errors a user can act on: each message says what is wrong and, where it helps, what to run."""

from __future__ import annotations


class AssistantError(Exception):
    """Base class for every error this package raises on purpose."""


class ReportError(AssistantError):
    """A report file could not be read into records (empty, binary, unknown encoding, no project)."""

    def __init__(self, file: str, message: str, line: int | None = None) -> None:
        self.file = file
        self.line = line
        self.reason = message
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {message}")


class IndexStoreError(AssistantError):
    """The index folder is missing, stale or corrupt."""


class QuestionError(AssistantError):
    """The question cannot be answered as asked (empty, too long)."""


class ConfigError(AssistantError):
    """A setting is invalid (unknown embedder, missing folder)."""
