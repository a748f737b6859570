"""Compiled per-pixel loops of the overlay search (jaga.robust.overlays).

On the reduced decode (a few hundred pixels a side) most of the overlay search was NumPy
passes over the whole picture, each with its temporaries (masks, flat index lists, label
lookups), and OpenCV's blob statistics; one loop over the pixels does the same work several
times cheaper. The blob labels themselves stay OpenCV's (`cv2.connectedComponents`): a ring
pixel between two blobs goes to the larger label, so the numbering must be the same.

Each loop adds the same numbers in the same order as the NumPy code it replaced (float64
sums in raster order, as `np.bincount` makes them; float32 arithmetic where NumPy used
float32), so the overlays found, and the views made from them, are bit for bit the same
(tests/robust/test_overlay_kernels.py, bench/robust_overlay_speed.py).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
from numba import njit

STAT_COLUMNS = 5
"""Columns of a label's statistics row, as cv2.connectedComponentsWithStats gives them:
left, top, width, height, area (cv2.CC_STAT_LEFT ... cv2.CC_STAT_AREA)."""


def _light_edges(
    luma: npt.NDArray[np.float32], light: float, contrast: float
) -> tuple[npt.NDArray[np.bool_], int]:
    """Pixels at least `light` with a pixel at least `contrast` darker among their eight
    neighbours (`(luma >= light) & (cv2.erode(luma, 3x3) <= luma - contrast)`, the erosion
    ignoring pixels past the picture's edge), and how many there are."""
    height, width = luma.shape
    edge = np.zeros((height, width), np.bool_)
    # The erosion in two passes (rows, then columns), each a branch-free loop that
    # vectorises: min is exact, so the order of the minima does not matter.
    across = np.empty((height, width), np.float32)
    for i in range(height):
        row, out = luma[i], across[i]
        if width == 1:
            out[0] = row[0]
            continue
        out[0] = min(row[0], row[1])
        for j in range(1, width - 1):
            out[j] = min(min(row[j - 1], row[j]), row[j + 1])
        out[width - 1] = min(row[width - 2], row[width - 1])
    step = np.float32(contrast)
    level = np.float32(light)
    found = 0
    for i in range(height):
        upper, lower = across[max(i - 1, 0)], across[min(i + 1, height - 1)]
        middle, row, out = across[i], luma[i], edge[i]
        for j in range(width):
            value = row[j]
            darkest = min(min(upper[j], middle[j]), lower[j])
            hit = (value >= level) & (darkest <= value - step)
            out[j] = hit
            found += hit
    return edge, found


light_edges = njit(cache=True, nogil=True)(_light_edges)


def _at_least(values: npt.NDArray[np.float32], level: float) -> int:
    """How many values are at least `level` (float32, as NumPy compares them)."""
    height, width = values.shape
    bound = np.float32(level)
    found = 0
    for i in range(height):
        row = values[i]
        for j in range(width):
            found += row[j] >= bound
    return found


at_least = njit(cache=True, nogil=True)(_at_least)


def _stands_out(
    values: npt.NDArray[np.float32], around: npt.NDArray[np.float32], level: float, step: float
) -> tuple[npt.NDArray[np.uint8], int]:
    """The 0/1 mask of values at least `level` and at least `step` above `around` (their
    neighbourhood's mean: `(values >= level) & (values >= around + step)` in float32), and
    how many there are."""
    height, width = values.shape
    mask = np.empty((height, width), np.uint8)
    bound, rise = np.float32(level), np.float32(step)
    found = 0
    for i in range(height):
        row, near, out = values[i], around[i], mask[i]
        for j in range(width):
            hit = (row[j] >= bound) & (row[j] >= near[j] + rise)
            out[j] = hit
            found += hit
    return mask, found


stands_out = njit(cache=True, nogil=True)(_stands_out)


def _blob_stats(
    mask: npt.NDArray[np.uint8],
    labels: npt.NDArray[Any],
    count: int,
    values: npt.NDArray[np.float32],
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Per blob of a 0/1 mask (`labels`: its blobs, 0 exactly outside it), the statistics
    row of connectedComponentsWithStats (left, top, width, height, area), the centroid
    (x, y) and the sum of `values` over the blob's pixels (float64, in raster order). Row 0,
    the background, is left all zeros: the callers never read it."""
    height, width = labels.shape
    lows = np.full((count, 2), 1 << 30, np.int64)
    highs = np.full((count, 2), -1, np.int64)
    area = np.zeros(count, np.int64)
    moments = np.zeros((count, 2), np.int64)
    sums = np.zeros(count, np.float64)
    for i in range(height):
        row, inside, tones = labels[i], mask[i], values[i]
        # Rows without a blob pixel skipped by a vectorising test (a logo's colour mask
        # holds a few per cent of the picture, in a few rows).
        seen = 0
        for j in range(width):
            seen |= inside[j]
        j = 0 if seen else width
        while j < width:
            if not inside[j]:
                j += 1
                continue
            # A run of one blob along the row: its counts at once, its values in order.
            label = row[j]
            start = j
            while j < width and inside[j] and row[j] == label:
                sums[label] += np.float64(tones[j])
                j += 1
            run = j - start
            area[label] += run
            moments[label, 0] += run * (start + j - 1) // 2
            moments[label, 1] += run * i
            lows[label, 0] = min(lows[label, 0], start)
            lows[label, 1] = min(lows[label, 1], i)
            highs[label, 0] = max(highs[label, 0], j - 1)
            highs[label, 1] = max(highs[label, 1], i)
    stats = np.zeros((count, STAT_COLUMNS), np.int32)
    centroids = np.zeros((count, 2), np.float64)
    for label in range(1, count):
        if area[label] == 0:
            continue
        stats[label, 0] = lows[label, 0]
        stats[label, 1] = lows[label, 1]
        stats[label, 2] = highs[label, 0] - lows[label, 0] + 1
        stats[label, 3] = highs[label, 1] - lows[label, 1] + 1
        stats[label, 4] = area[label]
        centroids[label, 0] = moments[label, 0] / area[label]
        centroids[label, 1] = moments[label, 1] / area[label]
    return stats, centroids, sums


blob_stats = njit(cache=True, nogil=True)(_blob_stats)


def _largest_near(labels: npt.NDArray[Any]) -> npt.NDArray[np.int32]:
    """Each pixel's largest label among itself and its eight neighbours (cv2.dilate with a
    3x3 square: pixels past the picture's edge ignored), in two vectorising passes."""
    height, width = labels.shape
    across = np.empty((height, width), np.int32)
    for i in range(height):
        row, out = labels[i], across[i]
        if width == 1:
            out[0] = row[0]
            continue
        out[0] = max(np.int32(row[0]), np.int32(row[1]))
        for j in range(1, width - 1):
            out[j] = max(max(np.int32(row[j - 1]), np.int32(row[j])), np.int32(row[j + 1]))
        out[width - 1] = max(np.int32(row[width - 2]), np.int32(row[width - 1]))
    near = np.empty((height, width), np.int32)
    for i in range(height):
        upper, lower = across[max(i - 1, 0)], across[min(i + 1, height - 1)]
        middle, out = across[i], near[i]
        for j in range(width):
            out[j] = max(max(upper[j], middle[j]), lower[j])
    return near


largest_near = njit(cache=True, nogil=True)(_largest_near)


def _blob_rings(
    mask: npt.NDArray[np.uint8],
    labels: npt.NDArray[Any],
    count: int,
    luma: npt.NDArray[np.float32],
    means: npt.NDArray[np.float64],
    contrast: float,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """Per blob of a 0/1 mask, its one-pixel ring (the pixels outside the mask with a mask
    pixel among their eight neighbours, each given to the largest label next to it): how
    many pixels it has, how many of them are at least `contrast` darker than the blob's
    mean (`means`), and the sum of those dark pixels' luma (float64, in raster order).
    `labels` are the mask's blobs (0 exactly outside the mask)."""
    height, width = labels.shape
    owners = largest_near(labels)
    size = np.zeros(count, np.int64)
    dark = np.zeros(count, np.int64)
    dark_sum = np.zeros(count, np.float64)
    for i in range(height):
        row, owned, values = mask[i], owners[i], luma[i]
        for j in range(width):
            owner = owned[j]
            # Outside the mask with a blob next to it (only there can a neighbour's
            # label be the largest and not 0 while the pixel's own is 0).
            if row[j] or owner == 0:
                continue
            size[owner] += 1
            value = np.float64(values[j])
            if value <= means[owner] - contrast:
                dark[owner] += 1
                dark_sum[owner] += value
    return size, dark, dark_sum


blob_rings = njit(cache=True, nogil=True)(_blob_rings)


def _graphic_rings(
    mask: npt.NDArray[np.uint8],
    grown: npt.NDArray[Any],
    count: int,
    values: npt.NDArray[np.float32],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """Per label of `grown` (blob labels spread outwards), its ring: the pixels it reaches
    that are neither in the 0/1 mask nor next to it (eight neighbours). How many there are,
    and the sum of `values` over them (float64, in raster order)."""
    height, width = mask.shape
    near = largest_near(mask)
    size = np.zeros(count, np.int64)
    sums = np.zeros(count, np.float64)
    for i in range(height):
        labels, close, tones = grown[i], near[i], values[i]
        for j in range(width):
            label = int(labels[j])
            if label == 0 or close[j]:
                continue
            size[label] += 1
            sums[label] += np.float64(tones[j])
    return size, sums


graphic_rings = njit(cache=True, nogil=True)(_graphic_rings)


def _fill_known(
    filled: npt.NDArray[np.float32],
    grown: npt.NDArray[np.bool_],
    weight: npt.NDArray[np.float32],
    total: npt.NDArray[np.float32],
    min_weight: float,
) -> None:
    """Where `grown` (pixels left to fill) and the known share `weight` is at least
    `min_weight`: `filled` takes the known pixels' mean `total / max(weight, 1e-6)`
    (float32, as NumPy divides the blurred arrays) and the pixel is no longer left to fill.
    All four arrays are the same rows and columns of a picture; changed in place."""
    height, width = grown.shape
    least, floor = np.float32(min_weight), np.float32(1e-6)
    for i in range(height):
        left, share, sums, out = grown[i], weight[i], total[i], filled[i]
        for j in range(width):
            if left[j] and share[j] >= least:
                out[j] = sums[j] / max(share[j], floor)
                left[j] = False


fill_known = njit(cache=True, nogil=True)(_fill_known)


def _blob_max(
    labels: npt.NDArray[np.integer], values: npt.NDArray[np.float32], count: int
) -> npt.NDArray[np.float32]:
    """Each label's largest value (0 for a label with no pixels, and values are not below
    0 where they are read: distances), as `np.maximum.at(out, labels, values)` on zeros."""
    height, width = labels.shape
    out = np.zeros(count, np.float32)
    for i in range(height):
        row, vals = labels[i], values[i]
        for j in range(width):
            label = row[j]
            if vals[j] > out[label]:
                out[label] = vals[j]
    return out


blob_max = njit(cache=True, nogil=True)(_blob_max)
