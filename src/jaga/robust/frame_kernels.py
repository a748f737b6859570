"""Compiled loops of the frame detectors (jaga.robust.views): where a found picture's edges
lie, read off per-line shares of a mask and off the frame's colour.

Every padded, framed or screenshotted copy runs these several times (each found box is
refined, each cut's edges are read to a fraction of a pixel), and on pictures of a few
hundred pixels NumPy's per-call work (slices, temporaries, partitions of a few hundred
values) cost several times the arithmetic. Each kernel does the same operations as the
NumPy code it replaced, in the same number types (shares as the exact count over the
length in float64, then float32 where NumPy made them so; a Python float compared with
or subtracted from a float32 array is that float in float32, as NumPy 2 applies it), so
the boxes are the same to the last bit (tests/robust/test_frame_kernels.py compares both
on random masks and pictures). The callers keep the NumPy code for the odd cases (empty
spans, boxes off the picture), which these kernels do not take.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from numba import njit

from jaga.robust.pixel_kernels import main_run


def _median32(values: npt.NDArray[np.float32]) -> float:
    """`views._median_of` of float32 values: the middle one, or the float32 mean of the
    two middle ones (sorting gives the values a partition puts at those places)."""
    ordered = np.sort(values)
    count = ordered.size
    half = count // 2
    if count % 2:
        return float(ordered[half])
    return float((ordered[half - 1] + ordered[half]) / np.float32(2.0))


median32 = njit(cache=True, nogil=True)(_median32)


def _walk(
    shares: npt.NDArray[np.float32], first: int, step: int, stop: int, bound: np.float32
) -> int:
    """From line `first`, stepping by `step` until before `stop` (exclusive), the last line
    before the first whose share is under `bound` (`first` when that is the first)."""
    reached = 0
    line = first
    while line != stop:
        if shares[line] < bound:
            break
        reached += 1
        line += step
    return first + max(0, reached - 1) * step


walk = njit(cache=True, nogil=True)(_walk)


def _refine_box(
    picture: npt.NDArray[np.bool_], top: int, bottom: int, left: int, right: int, reach: int
) -> tuple[int, int, int, int]:
    """`views._refine`'s edges (before its size check): each edge of the box moved to the
    outermost line, within `3 * reach` lines out from `reach` inside, whose share of
    picture (over the box's span less `reach` at each end) is at least half the median
    share inside the box. The caller ensures 0 <= top < bottom <= height (and across)
    and non-empty spans."""
    height, width = picture.shape
    column_stop = max(left + reach + 1, right - reach)
    row_stop = max(top + reach + 1, bottom - reach)
    column_start, column_end = left + reach, min(width, column_stop)
    row_start, row_end = top + reach, min(height, row_stop)
    row_count = np.zeros(height, np.int64)
    column_count = np.zeros(width, np.int64)
    for i in range(height):
        line = picture[i]
        inside = row_start <= i < row_end
        total = 0
        for j in range(width):
            if line[j]:
                if column_start <= j < column_end:
                    total += 1
                if inside:
                    column_count[j] += 1
        row_count[i] = total
    span_columns = column_end - column_start
    span_rows = row_end - row_start
    row_share = np.empty(height, np.float32)
    for i in range(height):
        row_share[i] = np.float32(row_count[i] / span_columns)
    column_share = np.empty(width, np.float32)
    for j in range(width):
        column_share[j] = np.float32(column_count[j] / span_rows)
    rows_bound = np.float32(0.5 * median32(row_share[top:bottom]))
    columns_bound = np.float32(0.5 * median32(column_share[left:right]))
    first_top = min(height - 1, top + reach)
    new_top = walk(row_share, first_top, -1, max(0, first_top - 3 * reach) - 1, rows_bound)
    first_bottom = max(0, bottom - 1 - reach)
    new_bottom = 1 + walk(
        row_share, first_bottom, 1, min(height, first_bottom + 3 * reach + 1), rows_bound
    )
    first_left = min(width - 1, left + reach)
    new_left = walk(column_share, first_left, -1, max(0, first_left - 3 * reach) - 1, columns_bound)
    first_right = max(0, right - 1 - reach)
    new_right = 1 + walk(
        column_share, first_right, 1, min(width, first_right + 3 * reach + 1), columns_bound
    )
    return (new_top, new_bottom, new_left, new_right)


def _exact_edge(
    luma: npt.NDArray[np.float32],
    down: bool,
    edge: int,
    start: int,
    stop: int,
    background: float,
    inward: int,
    contrast: float,
) -> float:
    """`views._exact_edge` on the lines along one side of a box: rows of `luma` over
    columns [start, stop), or (`down`) its columns over rows [start, stop)."""
    count = luma.shape[1] if down else luma.shape[0]
    length = max(0, stop - start)
    if inward > 0:
        first, second, reference, whole = edge, edge - 1, edge + 1, edge + 1
    else:
        first, second, reference, whole = edge - 1, edge, edge - 2, edge - 1
    if not (0 < edge < count) or not (0 <= reference < count):
        return float(edge)
    colour = np.float32(background)
    least = np.float32(contrast)
    steps = np.empty(length, np.float32)
    usable = np.empty(length, np.int64)
    found = 0
    for k in range(length):
        value = luma[start + k, reference] if down else luma[reference, start + k]
        step = value - colour
        if abs(step) >= least:
            steps[found] = step
            usable[found] = k
            found += 1
    if found < max(4, length // 8):
        return float(edge)
    zero, one = np.float32(0.0), np.float32(1.0)
    share = 0.0
    shares = np.empty(found, np.float32)
    for mixed in (first, second):
        if not 0 <= mixed < count:
            continue
        for n in range(found):
            k = usable[n]
            value = luma[start + k, mixed] if down else luma[mixed, start + k]
            shares[n] = min(max((value - colour) / steps[n], zero), one)
        share += median32(shares)
    exact = whole - inward * share
    return exact if abs(exact - edge) <= 1.5 else float(edge)


exact_edge = njit(cache=True, nogil=True)(_exact_edge)


def _exact_box(
    luma: npt.NDArray[np.float32],
    top: int,
    bottom: int,
    left: int,
    right: int,
    background: float,
    contrast: float,
) -> tuple[float, float, float, float]:
    """`views.exact_box`: the four edges of a box inside the picture, each read to a
    fraction of a pixel where it lies on a flat frame of colour `background`."""
    return (
        exact_edge(luma, False, top, left, right, background, 1, contrast),
        exact_edge(luma, False, bottom, left, right, background, -1, contrast),
        exact_edge(luma, True, left, top, bottom, background, 1, contrast),
        exact_edge(luma, True, right, top, bottom, background, -1, contrast),
    )


def _uniform_frame(
    picture: npt.NDArray[np.bool_],
    detail: npt.NDArray[np.bool_],
    min_content: float,
    min_trim: float,
) -> tuple[int, int, int, int]:
    """`views._uniform_frame`: the box inside plain padding, or (-1, -1, -1, -1).

    Lines with over a quarter picture bound it; every line between its edges must hold
    some picture (over 2%), and the block inside be over 60% picture or detail."""
    height, width = picture.shape
    row_count = np.zeros(height, np.int64)
    column_count = np.zeros(width, np.int64)
    for i in range(height):
        line = picture[i]
        total = 0
        for j in range(width):
            if line[j]:
                total += 1
                column_count[j] += 1
        row_count[i] = total
    none = (-1, -1, -1, -1)
    top = bottom = left = right = -1
    for i in range(height):
        if row_count[i] / width > 0.25:
            if top < 0:
                top = i
            bottom = i + 1
    for j in range(width):
        if column_count[j] / height > 0.25:
            if left < 0:
                left = j
            right = j + 1
    if top < 0 or left < 0:
        return none
    if bottom - top < min_content * height or right - left < min_content * width:
        return none
    if not (
        max(top, height - bottom) > min_trim * height or max(left, width - right) > min_trim * width
    ):
        return none
    for i in range(top, bottom):
        if not row_count[i] / width > 0.02:
            return none
    for j in range(left, right):
        if not column_count[j] / height > 0.02:
            return none
    inner = 0
    for i in range(top, bottom):
        for j in range(left, right):
            if picture[i, j] or detail[i, j]:
                inner += 1
    size = (bottom - top) * (right - left)
    return (top, bottom, left, right) if inner / size > 0.6 else none


refine_box = njit(cache=True, nogil=True)(_refine_box)
exact_box = njit(cache=True, nogil=True)(_exact_box)
uniform_frame = njit(cache=True, nogil=True)(_uniform_frame)


def _strip_quiet(
    strip: npt.NDArray[np.float32], outer: int, flat_gradient: float, quiet_share: float
) -> tuple[bool, bool]:
    """For a strip of two sides' bands (`views.quiet_sides`), whether the first and the
    last `outer` lines are quiet: at most `quiet_share` of their pixels with detail.

    Detail as `views._detail_mask`: the float32 steps (`pixel_kernels.steps`), their 3x3
    mean with edges replicated as OpenCV's box blur computes it for float32 (each row's
    three in float64, the three rows' sums added, times 1/9, rounded to float32; the same
    bits as `cv2.blur` on every value compared), above `flat_gradient`."""
    rows, length = strip.shape
    steps = np.zeros((rows, length), np.float32)
    for i in range(rows):
        for j in range(length - 1):
            steps[i, j] = abs(strip[i, j + 1] - strip[i, j])
    for i in range(rows - 1):
        for j in range(length):
            steps[i, j] += abs(strip[i + 1, j] - strip[i, j])
    bound = np.float32(flat_gradient)
    ninth = 1.0 / 9.0
    counts = np.zeros(2, np.int64)
    for side in range(2):
        for n in range(outer):
            i = n if side == 0 else rows - outer + n
            above, below = max(i - 1, 0), min(i + 1, rows - 1)
            for j in range(length):
                left, right = max(j - 1, 0), min(j + 1, length - 1)
                total = 0.0
                for r in (above, i, below):
                    total += (np.float64(steps[r, left]) + np.float64(steps[r, j])) + np.float64(
                        steps[r, right]
                    )
                if np.float32(total * ninth) > bound:
                    counts[side] += 1
    size = outer * length
    return (counts[0] / size <= quiet_share, counts[1] / size <= quiet_share)


strip_quiet = njit(cache=True, nogil=True)(_strip_quiet)


def _solid_box(
    counts: npt.NDArray[np.uint16], least: int, row_gap: int, column_gap: int
) -> tuple[int, int, int, int]:
    """`views._solid_block`'s box before its size checks: the windows with more than
    `least` picture pixels (`counts`: per window) are solid; the heaviest run of rows by
    solid pixels (`pixel_kernels.main_run`, `row_gap`), then of columns within those rows.
    (-1, -1, -1, -1) when nothing is solid; the column run is (0, 0) on empty rows."""
    height, width = counts.shape
    rows = np.zeros(height, np.int64)
    any_solid = False
    for i in range(height):
        total = 0
        for j in range(width):
            if counts[i, j] > least:
                total += 1
        rows[i] = total
        any_solid = any_solid or total > 0
    if not any_solid:
        return (-1, -1, -1, -1)
    top, bottom = main_run(rows, height, row_gap)
    columns = np.zeros(width, np.int64)
    for i in range(top, bottom):
        for j in range(width):
            if counts[i, j] > least:
                columns[j] += 1
    left, right = main_run(columns, width, column_gap)
    return (top, bottom, left, right)


solid_box = njit(cache=True, nogil=True)(_solid_box)
