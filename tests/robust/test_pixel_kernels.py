"""The compiled pixel loops of the robust views give what the NumPy code they replaced gave."""

from __future__ import annotations

import numpy as np
import pytest

from jaga.robust.pixel_kernels import steps


@pytest.mark.parametrize("shape", [(1, 1), (1, 7), (9, 1), (10, 240), (161, 241)])
def test_steps_match_numpy(shape: tuple[int, int]) -> None:
    rng = np.random.default_rng(sum(shape))
    values = (rng.random(shape) * 255).astype(np.float32)
    expected = np.zeros_like(values)
    expected[:, :-1] += np.abs(np.diff(values, axis=1))
    expected[:-1, :] += np.abs(np.diff(values, axis=0))
    assert np.array_equal(steps(values), expected)
