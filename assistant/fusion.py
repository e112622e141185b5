"""Fuse several (doc id, score) rankings, e.g. dense and sparse hits, into one ranking."""

from __future__ import annotations

from collections.abc import Sequence

Ranking = Sequence[tuple[int, float]]


def _weights(rankings: Sequence[Ranking], weights: Sequence[float] | None) -> Sequence[float]:
    if weights is None:
        return [1.0] * len(rankings)
    if len(weights) != len(rankings):
        raise ValueError(f"{len(weights)} weights for {len(rankings)} rankings")
    if any(w < 0 for w in weights):
        raise ValueError(f"weights must not be negative: {list(weights)}")
    return weights


def _ranked(fused: dict[int, float]) -> list[tuple[int, float]]:
    """Best score first; equal scores by lower doc id, so results are deterministic."""
    return sorted(fused.items(), key=lambda item: (-item[1], item[0]))


def rrf(rankings: Sequence[Ranking], k: int = 60, weights: Sequence[float] | None = None) -> list[tuple[int, float]]:
    """Reciprocal rank fusion (Cormack et al., SIGIR 2009): score(d) = sum_i w_i / (k + rank_i(d)).

    Args:
        rankings: lists of (doc id, score), each best first; only positions count, scores are ignored.
        k: damping constant; larger values flatten the difference between top and lower ranks.
        weights: one non-negative weight per ranking; all 1 by default.

    Returns:
        Every doc found in any ranking as (doc id, fused score), best first.
    """
    fused: dict[int, float] = {}
    for ranking, weight in zip(rankings, _weights(rankings, weights), strict=True):
        seen: set[int] = set()
        for rank, (doc, _) in enumerate(ranking, start=1):
            if doc in seen:  # a doc listed twice counts at its best rank only
                continue
            seen.add(doc)
            fused[doc] = fused.get(doc, 0.0) + weight / (k + rank)
    return _ranked(fused)


def convex(rankings: Sequence[Ranking], weights: Sequence[float] | None = None) -> list[tuple[int, float]]:
    """Weighted sum of min-max normalized scores; a doc missing from a ranking gets 0 from it.

    In each ranking the best score maps to 1 and the worst to 0 (all 1 when every score is equal).

    Args:
        rankings: lists of (doc id, score); higher scores are better.
        weights: one non-negative weight per ranking; all 1 by default.

    Returns:
        Every doc found in any ranking as (doc id, fused score), best first.
    """
    fused: dict[int, float] = {}
    for ranking, weight in zip(rankings, _weights(rankings, weights), strict=True):
        if not ranking:
            continue
        best: dict[int, float] = {}
        for doc, score in ranking:
            best[doc] = max(score, best.get(doc, score))
        low, high = min(best.values()), max(best.values())
        for doc, score in best.items():
            norm = (score - low) / (high - low) if high > low else 1.0
            fused[doc] = fused.get(doc, 0.0) + weight * norm
    return _ranked(fused)
