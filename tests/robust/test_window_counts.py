"""The exact window counts decide every mask as the float box mean they replaced did."""

from __future__ import annotations

import numpy as np
import pytest

from jaga.robust.views import SOLID_SHARE, _box_mean, _shrink, _window_counts


@pytest.mark.parametrize("seed", range(4))
def test_solid_windows_and_shrink_match_the_float_box_mean(seed: int) -> None:
    rng = np.random.default_rng(seed)
    compared = 0
    for _ in range(150):
        height, width = (int(n) for n in rng.integers(5, 300, 2))
        # Shares spread over [0, 1] so that many windows sit next to the threshold.
        mask = rng.random((height, width)) < rng.random()
        radius = int(rng.integers(1, 17))
        size = 2 * radius + 1
        old_solid = _box_mean(mask.astype(np.float32), radius) > SOLID_SHARE
        new_solid = _window_counts(mask, radius) > SOLID_SHARE * size * size
        assert np.array_equal(old_solid, new_solid), (height, width, radius)
        old_shrunk = _box_mean(mask.astype(np.float32), 2) > 0.999
        assert np.array_equal(old_shrunk, _shrink(mask))
        compared += int(old_solid.any()) + int(old_shrunk.any())
    assert compared > 0  # the masks were not all empty


def test_counts_are_exact_at_the_edges() -> None:
    mask = np.zeros((6, 7), dtype=bool)
    mask[0, 0] = True
    counts = _window_counts(mask, 1)
    # Replicated edges: the corner pixel fills 4 of its own 3x3 window.
    assert counts[0, 0] == 4 and counts[1, 1] == 1 and counts[2, 2] == 0


def test_a_non_contiguous_mask_is_counted_too() -> None:
    mask = np.ones((20, 30), dtype=bool)[:, ::2]
    assert int(_window_counts(mask, 2).min()) == 25
