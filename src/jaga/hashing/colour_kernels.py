"""The luma and chroma-strength planes of a YCbCr decode in one compiled pass.

Only the robust views ask for colour (to find drawn logos); on small pictures NumPy's
three conversions and temporaries cost more than the decode's colour output itself. Same
values as the NumPy code (integer squares, one float32 square root): see
tests/hashing/test_pdq_kernels.py.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from numba import njit


def _ycbcr_planes(
    planes: npt.NDArray[np.uint8],
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    height, width = planes.shape[0], planes.shape[1]
    luma = np.empty((height, width), np.float32)
    chroma = np.empty((height, width), np.float32)
    for i in range(height):
        for j in range(width):
            luma[i, j] = np.float32(planes[i, j, 0])
            blue = np.int32(planes[i, j, 1]) - np.int32(128)
            red = np.int32(planes[i, j, 2]) - np.int32(128)
            chroma[i, j] = np.sqrt(np.float32(blue * blue + red * red))
    return luma, chroma


ycbcr_planes = njit(cache=True, nogil=True)(_ycbcr_planes)
