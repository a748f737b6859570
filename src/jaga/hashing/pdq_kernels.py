"""Compiled loops of the fast PDQ hash: the filter products and the quality metric.

A robust query hashes five or more small pictures (its views), and for pictures of a few
hundred pixels NumPy's per-call work (gathers, einsum set-up, temporaries) cost more than
the arithmetic. These loops do the same float32 operations in the same order as the NumPy
code they replace (`filtered_buffer64`'s einsums sum over k in order; the quality's
difference, scaling and truncation per pixel), so the hashes are bit for bit the same
(tests/hashing/test_pdq_kernels.py compares both on random sizes and scales).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from numba import njit


def _filtered64(
    luma: npt.NDArray[np.float32],
    row_index: npt.NDArray[np.intp],
    row_weights: npt.NDArray[np.float32],
    col_index: npt.NDArray[np.intp],
    col_weights: npt.NDArray[np.float32],
) -> npt.NDArray[np.float64]:
    """The 64x64 buffer: each sample's rows, then columns, weighted and summed in float32.

    Both passes run along contiguous lines (the columns pass on the rows' transpose, 64
    samples at a time), so both vectorise: a gather per product in the columns pass cost
    as much as the rows pass. Each sample is still summed from 0 in k order."""
    width = luma.shape[1]
    # k outside the pixel loop (vectorised along the row), still summed in k order per pixel.
    rows = np.zeros((64, width), np.float32)
    for i in range(64):
        for k in range(row_index.shape[1]):
            weight = row_weights[i, k]
            source = luma[row_index[i, k]]
            for w in range(width):
                rows[i, w] += weight * source[w]
    columns = np.ascontiguousarray(rows.T)
    sums = np.zeros((64, 64), np.float32)  # sums[j, i]: sample (i, j)
    for j in range(64):
        for k in range(col_index.shape[1]):
            weight = col_weights[j, k]
            source = columns[col_index[j, k]]
            for i in range(64):
                sums[j, i] += weight * source[i]
    buffer = np.empty((64, 64), np.float64)
    for i in range(64):
        for j in range(64):
            buffer[i, j] = sums[j, i]
    return buffer


def _quality(buffer: npt.NDArray[np.float64]) -> int:
    """The reference's gradient sum (float32 steps x 100 / 255, truncated) over 90, max 100."""
    hundred, full = np.float32(100.0), np.float32(255.0)
    total = 0
    for i in range(64):
        for j in range(64):
            here = np.float32(buffer[i, j])
            if i < 63:
                total += abs(int(np.trunc((here - np.float32(buffer[i + 1, j])) * hundred / full)))
            if j < 63:
                total += abs(int(np.trunc((here - np.float32(buffer[i, j + 1])) * hundred / full)))
    return min(100, total // 90)


filtered64 = njit(cache=True, nogil=True)(_filtered64)
quality = njit(cache=True, nogil=True)(_quality)


def _band_weights(
    full_size: int, scale: int, reduced_size: int
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float32]]:
    """`jaga.hashing.pdq._band`'s index and weights, in loops: the same float64 operations
    in the same order (the prefix sums run left to right like `np.cumsum`, each reduced
    pixel's weight adds its full-size pixels' weights in the order `np.bincount` does), so
    the weights are bit for bit the same, at a small fraction of NumPy's per-call work
    (a view of a new size misses the weights cache; a robust query has about one such)."""
    window = (full_size + 2 * 64 - 1) // (2 * 64)
    half = (window + 2) // 2
    lead = window - half
    # prefix[k] = sum of 1 / counts[o] for o < k: a middle o spreads 1/counts[o] over its span.
    prefix = np.empty(full_size + 1, np.float64)
    prefix[0] = 0.0
    for position in range(full_size):
        count = min(full_size, position + half) - max(0, position - lead)
        prefix[position + 1] = prefix[position] + 1.0 / count
    width = min(reduced_size, (2 * window) // scale + 2)
    weights = np.zeros((64, width), np.float64)
    index = np.empty((64, width), np.intp)
    for i in range(64):
        centre = int((i + 0.5) * full_size / 64)
        start = max(0, centre - lead)
        stop = min(full_size, centre + half)
        base = min(max(max(0, start - lead) // scale, 0), reduced_size - width)
        for k in range(width):
            index[i, k] = base + k
        # Input j feeds middle o when j - half < o <= j + lead; sample i uses o in [start, stop).
        for t in range(2 * window):
            full = start - lead + t
            upper = min(stop, full + lead + 1)
            lower = max(start, full - half + 1)
            if full < 0 or full >= full_size or upper <= lower:
                continue
            safe_upper = min(max(upper, 0), full_size)
            safe_lower = min(max(lower, 0), full_size)
            value = (prefix[safe_upper] - prefix[safe_lower]) / (stop - start)
            reduced = min(max(full, 0), full_size - 1) // scale - base
            weights[i, reduced] += value
    return index, weights.astype(np.float32)


band_weights = njit(cache=True, nogil=True)(_band_weights)
