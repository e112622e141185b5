"""Rank fusion on tiny hand-checked inputs."""

import pytest

from assistant.fusion import convex, rrf


def ids(ranking: list[tuple[int, float]]) -> list[int]:
    return [doc for doc, _ in ranking]


def test_rrf_empty_inputs() -> None:
    assert rrf([]) == []
    assert rrf([[], []]) == []


def test_rrf_one_list_keeps_order_and_uses_ranks_not_scores() -> None:
    fused = rrf([[(7, 0.1), (3, 0.05), (9, 0.0)]], k=60)
    assert fused == [(7, pytest.approx(1 / 61)), (3, pytest.approx(1 / 62)), (9, pytest.approx(1 / 63))]


def test_rrf_doc_in_both_lists_wins() -> None:
    dense = [(1, 0.9), (2, 0.8), (3, 0.7)]
    sparse = [(4, 12.0), (3, 11.0), (5, 3.0)]
    fused = rrf([dense, sparse], k=60)
    assert fused[0] == (3, pytest.approx(1 / 63 + 1 / 62))
    assert ids(fused) == [3, 1, 4, 2, 5]


def test_rrf_ties_broken_by_lower_id() -> None:
    assert ids(rrf([[(8, 1.0)], [(2, 1.0)]])) == [2, 8]


@pytest.mark.parametrize(("weights", "first"), [(None, 1), ((1.0, 1.0), 1), ((1.0, 2.0), 2), ((0.0, 1.0), 2)])
def test_rrf_weights_pick_winner(weights: tuple[float, float] | None, first: int) -> None:
    # doc 1: rank 1 in a, rank 2 in b; doc 2: rank 2 in a, rank 1 in b -> tie without weights
    a, b = [(1, 1.0), (2, 0.5)], [(2, 1.0), (1, 0.5)]
    assert rrf([a, b], weights=weights)[0][0] == first


def test_rrf_duplicate_in_one_list_counts_once() -> None:
    assert rrf([[(1, 1.0), (1, 0.5)]], k=0) == [(1, pytest.approx(1.0))]


def test_rrf_zero_weight_keeps_docs_with_zero_score() -> None:
    assert rrf([[(1, 1.0)], [(2, 1.0)]], weights=[1.0, 0.0]) == [(1, pytest.approx(1 / 61)), (2, 0.0)]


@pytest.mark.parametrize("weights", [[1.0], [1.0, -1.0]])
def test_bad_weights(weights: list[float]) -> None:
    with pytest.raises(ValueError, match="weight"):
        rrf([[(1, 1.0)], [(2, 1.0)]], weights=weights)
    with pytest.raises(ValueError, match="weight"):
        convex([[(1, 1.0)], [(2, 1.0)]], weights=weights)


def test_convex_min_max() -> None:
    dense = [(1, 0.9), (2, 0.7), (3, 0.5)]  # -> 1.0, 0.5, 0.0
    sparse = [(3, 20.0), (4, 10.0)]  # -> 1.0, 0.0
    fused = dict(convex([dense, sparse], weights=[0.5, 0.5]))
    assert fused == {1: pytest.approx(0.5), 2: pytest.approx(0.25), 3: pytest.approx(0.5), 4: 0.0}
    assert ids(convex([dense, sparse], weights=[0.5, 0.5])) == [1, 3, 2, 4]


def test_convex_equal_scores_and_single_hit_count_fully() -> None:
    assert convex([[(5, 3.0)], [(6, 2.0), (7, 2.0)]]) == [(5, 1.0), (6, 1.0), (7, 1.0)]


def test_convex_empty() -> None:
    assert convex([]) == []
    assert convex([[], [(1, 0.2)]]) == [(1, 1.0)]
