"""Compiled per-pixel loops of the robust views, where NumPy's temporaries cost more than
the arithmetic on these small pictures (a few hundred pixels a side, or thin strips).

Each does the same float32 operations in the same order as the NumPy code it replaced,
so the views are bit for bit the same (tests/robust/test_pixel_kernels.py).
"""

from __future__ import annotations

import math

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


def _row_edges(
    values: npt.NDArray[np.float32], left: int, right: int, edge: float
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float32]]:
    """Per pair of neighbouring rows (i, i + 1), over columns [left, right): the absolute
    steps `abs(diff(values[:, left:right], axis=0))` and the share of them above `edge` per
    row (`(steps > edge).mean(axis=1)`, the exact count over the length)."""
    height = values.shape[0]
    count = right - left
    lines = max(0, height - 1)
    share = np.empty(lines, np.float64)
    steps = np.empty((lines, count), np.float32)
    for i in range(lines):
        upper, lower, out = values[i, left:right], values[i + 1, left:right], steps[i]
        above = 0
        for j in range(count):  # row slices and a branch-free count: this loop vectorises
            step = abs(lower[j] - upper[j])
            out[j] = step
            above += step > edge
        share[i] = above / count
    return share, steps


def _column_edges(
    values: npt.NDArray[np.float32], top: int, bottom: int, edge: float
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float32]]:
    """Per pair of neighbouring columns (j, j + 1), over rows [top, bottom): as `_row_edges`
    for `steps = abs(diff(values[top:bottom], axis=1))` read down its columns
    (`steps.T.mean(axis=1)`: NumPy adds the rows in order, one running sum per column;
    with a single column pair it sums that one pairwise instead, left to the caller)."""
    width = values.shape[1]
    count = bottom - top
    lines = max(0, width - 1)
    above = np.zeros(lines, np.int64)
    total = np.zeros(lines, np.float32)
    for i in range(top, bottom):
        for j in range(lines):
            step = abs(values[i, j + 1] - values[i, j])
            total[j] += step
            if step > edge:
                above[j] += 1
    share = np.empty(lines, np.float64)
    strength = np.empty(lines, np.float32)
    for j in range(lines):
        share[j] = above[j] / count
        strength[j] = total[j] / np.float32(count)
    return share, strength


row_edges = njit(cache=True, nogil=True)(_row_edges)
column_edges = njit(cache=True, nogil=True)(_column_edges)


def _mirrored_margin(
    share: npt.NDArray[np.float64],
    strength: npt.NDArray[np.float32],
    low: int,
    high: int,
    length: int,
    min_edge_line: float,
    min_edge_strength: float,
    quiet_fill: float,
) -> int:
    """The first margin m in [low, high) whose two mirrored edge lines qualify, or -1
    (`jaga.robust.views._mirrored_edges`' search, the same comparisons margin by margin).

    share/strength are per step line (line i: between lines i and i + 1). An edge line
    qualifies when its share of edge steps is `min_edge_line` above that of the fill lines
    2-4 outside it (one of the two edges suffices) and both edges' mean steps are at least
    `min_edge_strength` and `quiet_fill` times the fill's. The end edge may sit a line
    either way (the strongest of three, the first on ties).
    """
    # The thresholds in float32, as NumPy applies Python floats to the float32 strengths.
    least = np.float32(min_edge_strength)
    times = np.float32(quiet_fill)
    for margin in range(low, high):
        start = margin - 1
        end = length - margin - 1
        best = end - 1
        for line in (end, end + 1):
            if strength[line] > strength[best]:
                best = line
        fill_share_start = max(share[max(start - 4, 0)], share[max(start - 3, 0)])
        fill_share_start = max(fill_share_start, share[max(start - 2, 0)])
        fill_strength_start = max(strength[max(start - 4, 0)], strength[max(start - 3, 0)])
        fill_strength_start = max(fill_strength_start, strength[max(start - 2, 0)])
        fill_share_end = max(max(share[end + 2], share[end + 3]), share[end + 4])
        fill_strength_end = max(max(strength[end + 2], strength[end + 3]), strength[end + 4])
        sharp = max(share[start] - fill_share_start, share[best] - fill_share_end)
        if (
            strength[start] >= max(least, times * fill_strength_start)
            and strength[best] >= max(least, times * fill_strength_end)
            and sharp >= min_edge_line
        ):
            return margin
    return -1


mirrored_margin = njit(cache=True, nogil=True)(_mirrored_margin)


def _main_run(profile: npt.NDArray[np.int64], length: int, gap: int) -> tuple[int, int]:
    """`jaga.robust.views._main_run` in one pass: [start, end) of the heaviest run of
    entries at or above a quarter of the maximum (runs split where strong entries are
    more than `gap` apart; the first of equally heavy runs)."""
    count = min(length, profile.size)
    if count == 0:
        return (0, 0)
    largest = profile[0]
    for k in range(profile.size):
        largest = max(largest, profile[k])
    floor = max(1.0, 0.25 * float(largest))
    best_mass = -1
    best_start = best_end = -1
    run_start = previous = -1
    mass = 0
    for k in range(count):
        if profile[k] < floor:
            continue
        if previous >= 0 and k - previous > gap:
            if mass > best_mass:
                best_mass, best_start, best_end = mass, run_start, previous
            mass = 0
            run_start = k
        if previous < 0:
            run_start = k
        mass += profile[k]
        previous = k
    if previous < 0:
        return (0, 0)
    if mass > best_mass:
        best_start, best_end = run_start, previous
    return (best_start, best_end + 1)


main_run = njit(cache=True, nogil=True)(_main_run)


def _side_depths(
    luma: npt.NDArray[np.float32],
    background: float,
    tolerance: float,
    side: int,
    start: int,
    stop: int,
    limit: int,
) -> npt.NDArray[np.int64]:
    """How far in from one side of the canvas the first pixel off the frame colour lies,
    per line across that side (lines [start, stop); 0 when none within `limit`).

    Side 0 is the top (a column's first row), 1 the bottom, 2 the left (a row's first
    column), 3 the right. "Off the frame" is `abs(luma - background) > tolerance` in
    float32, as NumPy computes it for the whole picture; here each line is read only up
    to its first such pixel (the picture's edge is near the side), not the whole mask.
    """
    height, width = luma.shape
    colour = np.float32(background)
    bound = np.float32(tolerance)
    depths = np.zeros(max(0, stop - start), np.int64)
    for k in range(stop - start):
        line = start + k
        for depth in range(limit):
            if side == 0:
                value = luma[depth, line]
            elif side == 1:
                value = luma[height - 1 - depth, line]
            elif side == 2:
                value = luma[line, depth]
            else:
                value = luma[line, width - 1 - depth]
            if abs(value - colour) > bound:
                depths[k] = depth
                break
    return depths


side_depths = njit(cache=True, nogil=True)(_side_depths)


def _side_points(
    luma: npt.NDArray[np.float32],
    background: float,
    tolerance: float,
    side: int,
    start: int,
    stop: int,
    limit: int,
    deepest: float,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """The lines of `side_depths` whose depth is above 0 and under `deepest` (as float64),
    and those depths: `xs = np.flatnonzero((d > 0) & (d < deepest))` and `d[xs]` for
    `d = side_depths(...).astype(np.float64)`, without the masks and gathers."""
    depths = side_depths(luma, background, tolerance, side, start, stop, limit)
    count = 0
    for k in range(depths.size):
        depth = np.float64(depths[k])
        if depth > 0.0 and depth < deepest:
            count += 1
    xs = np.empty(count, np.int64)
    ys = np.empty(count, np.float64)
    found = 0
    for k in range(depths.size):
        depth = np.float64(depths[k])
        if depth > 0.0 and depth < deepest:
            xs[found] = k
            ys[found] = depth
            found += 1
    return xs, ys


side_points = njit(cache=True, nogil=True)(_side_points)


def _level_bins(values: npt.NDArray[np.float32]) -> npt.NDArray[np.int64]:
    """Pixels per 8-level bin of luma (32 bins, values below 0 or above 255 in the end
    bins): `np.bincount(np.clip((values // 8).astype(np.int64), 0, 31), minlength=32)`."""
    counts = np.zeros(32, np.int64)
    for k in range(values.size):
        level = math.floor(values[k] / 8.0)
        counts[min(max(level, 0), 31)] += 1
    return counts


def _near_share(values: npt.NDArray[np.float32], centre: float, tolerance: float) -> float:
    """Share of `values` within `tolerance` of `centre`, in float32 as NumPy computes
    `np.abs(values - centre) <= tolerance` for a float32 array and Python floats."""
    colour = np.float32(centre)
    bound = np.float32(tolerance)
    near = 0
    for k in range(values.size):
        near += abs(values[k] - colour) <= bound
    return near / values.size


level_bins = njit(cache=True, nogil=True)(_level_bins)
near_share = njit(cache=True, nogil=True)(_near_share)


def _peak_colours(
    ring: npt.NDArray[np.float32],
    counts: npt.NDArray[np.int64],
    peaks: npt.NDArray[np.int64],
    tolerance: float,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """For each of `peaks` (bins of `level_bins(ring)`), its pixels' median level and the
    share of the ring within `tolerance` of it (`near_share`), as `views._ring_colours`
    reads them: a bin's pixels are one run of the sorted ring, its median the middle one
    or the float32 mean of the middle two; 0.0 for an empty bin."""
    ordered = np.sort(ring)
    ends = np.cumsum(counts)
    centres = np.zeros(peaks.size, np.float64)
    shares = np.zeros(peaks.size, np.float64)
    for n in range(peaks.size):
        peak = peaks[n]
        count = counts[peak]
        centre = 0.0
        if count:
            middle = ends[peak] - count + (count - 1) // 2
            if count % 2:
                centre = float(ordered[middle])
            else:
                centre = float((ordered[middle] + ordered[middle + 1]) / np.float32(2.0))
        centres[n] = centre
        shares[n] = near_share(ring, centre, tolerance)
    return centres, shares


peak_colours = njit(cache=True, nogil=True)(_peak_colours)


def _blend_level(
    values: npt.NDArray[np.float32],
    weights: npt.NDArray[np.float32],
    coarse: npt.NDArray[np.float32],
) -> npt.NDArray[np.float32]:
    """One level of the push-pull fill (`jaga.robust.views._paint_lost_corners`): a pixel's
    own weighted mean where it is known (weight over 1e-3), blended with the coarser
    level's estimate by how much of it is known. The same float32 operations as the
    NumPy code (`share * own + (1 - share) * coarse`), in one pass instead of seven."""
    height, width = values.shape
    blended = np.empty((height, width), np.float32)
    one = np.float32(1.0)
    least = np.float32(1e-6)
    known = np.float32(1e-3)
    for i in range(height):
        for j in range(width):
            weight = weights[i, j]
            below = coarse[i, j]
            share = min(weight, one)
            own = values[i, j] / max(weight, least) if weight > known else below
            blended[i, j] = share * own + (one - share) * below
    return blended


blend_level = njit(cache=True, nogil=True)(_blend_level)
