"""Compiled per-pixel loops of the robust views, where NumPy's temporaries cost more than
the arithmetic on these small pictures (a few hundred pixels a side, or thin strips).

Each does the same float32 operations in the same order as the NumPy code it replaced,
so the views are bit for bit the same (tests/robust/test_pixel_kernels.py).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from numba import njit


def _steps(values: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Absolute step to the right plus the step below, per pixel (0 past the last one)."""
    height, width = values.shape
    steps = np.zeros((height, width), np.float32)
    for i in range(height):
        for j in range(width - 1):
            steps[i, j] = abs(values[i, j + 1] - values[i, j])
    for i in range(height - 1):
        for j in range(width):
            steps[i, j] += abs(values[i + 1, j] - values[i, j])
    return steps


steps = njit(cache=True, nogil=True)(_steps)
