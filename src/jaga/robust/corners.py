"""Reading a tilt off the filled corners of a picture turned on its own canvas.

A copy turned by a small angle on the same canvas (what editors, imgaug and Thorn's
augmentations do) gets four filled wedges, one along each side, and their shape is known
exactly, position included: turned counter-clockwise by t, the picture's top edge crosses
the canvas's top side a little left of its middle, and at a column u (from the centre) the
wedge is `H/2 - (H/2 + u sin t) / cos t` pixels deep. So every column (and row) of every
side says how deep the fill should be for each candidate tilt, and the tilt is the one that
most columns agree with while none has less fill than it needs.

Unlike fitting a free line to each side's edge, this uses all four sides at once and the
wedges' known offset (not only their slope): one column where the photo's edge shows is
evidence, and a side whose photo edge is as dark as the fill (its fill seems deeper) only
loses its vote instead of bending the line. When the photo's edges are dark all round, no
tilt is confident and the caller tries a few angles instead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from numba import njit

FILL_TOLERANCE = 12.0
"""Luma levels within which a pixel has the fill colour (JPEG noise near the wedge edge)."""

MIN_EDGE_CONTRAST = 24.0
"""Levels between the fill and the photo just past the wedge for that column's edge pixel to
say how much of it is fill; below, the column's depth is only counted in whole pixels."""

AGREE = 1.0
"""A column agrees with a tilt when its fill ends within this many pixels of the predicted
depth (the wedge's edge, read to a fraction of a pixel, moves by about one with JPEG)."""

SHORT = 1.5
"""A column contradicts a tilt when its fill ends this many pixels short of the predicted
depth: the turn would have filled those pixels, so the copy was turned less."""

CONTRADICTION_COST = 4.0
"""Cost of one contradicting column, in squared pixels of misfit: bright pixels where the
wedge must be are hard evidence, a photo's own dark band agreeing by chance is not."""

DARK_EDGE_COST = 1.0
"""Cost of a column whose fill runs past the predicted wedge: the photo's own edge is as
dark as the fill there. Flat, so that such columns neither pull the read nor decide it."""

MIN_SUPPORT = 0.1
"""Share of the columns with a predicted wedge (at least 1 px deep) that must agree for a
read to be confident (and at least MIN_COLUMNS): one side in four, half of it showing its
edge, is enough; fewer, and the photo's edges are too dark to tell where the wedges end."""

MIN_COLUMNS = 12
"""Fewest agreeing columns for a confident read: a photo's own dark edge runs along a
predicted wedge for a few columns by chance, rarely for a dozen."""

MAX_RING_FILL = 0.95
"""A picture turned on its own canvas still touches every side of it (about half of each
outermost line is picture): a ring of fill colour all round is a frame, not wedges."""

COARSE_STEP = 0.4
COARSE_COLUMNS = 4
MIDDLE_STEP = 0.1
FINE_STEP = 0.02
"""The read is coarse to fine: every 0.4° first (on every 4th column), every 0.1° around
the two best, then every 0.02° around the best of those. A wedge read to a tenth of a
pixel over 100-200 columns fixes the tilt to a few hundredths of a degree, and a 0.3°
error already costs PDQ several bits."""


@dataclass(frozen=True, slots=True)
class CornerTilt:
    """A tilt read off the wedges (degrees, counter-clockwise positive, as PIL's rotate).

    `confident` is False when too few columns show where the fill ends: the photo's edges
    are about as dark as the fill, and `degrees` is only the best of weak guesses.
    """

    degrees: float
    confident: bool


@dataclass(frozen=True, slots=True)
class _Side:
    """One side of the canvas seen as the top: per column, how deep the fill runs."""

    observed: npt.NDArray[np.float64]  # fill depth, to a fraction of a pixel
    seen: npt.NDArray[np.bool_]  # the fill's end was found (else it runs at least `reach`)
    offsets: npt.NDArray[np.float64]  # column centre's offset from the middle (x right)
    half_height: npt.NDArray[np.float64]  # of the canvas seen with this side on top
    half_width: npt.NDArray[np.float64]
    reach: npt.NDArray[np.float64]  # depths are read this far: deeper only says "at least"

    def sparse(self, step: int) -> _Side:
        """Every `step`-th column: the coarse search needs no more (a fraction of the work)."""
        return _Side(
            self.observed[::step],
            self.seen[::step],
            self.offsets[::step],
            self.half_height[::step],
            self.half_width[::step],
            self.reach[::step],
        )

    @staticmethod
    def joined(sides: list[_Side]) -> _Side:
        """All sides' columns as one (one pass of array work instead of four)."""
        return _Side(
            np.concatenate([side.observed for side in sides]),
            np.concatenate([side.seen for side in sides]),
            np.concatenate([side.offsets for side in sides]),
            np.concatenate([side.half_height for side in sides]),
            np.concatenate([side.half_width for side in sides]),
            np.concatenate([side.reach for side in sides]),
        )


def corner_tilt(
    luma: npt.NDArray[np.float32], max_tilt: float, extent: tuple[float, float] | None = None
) -> CornerTilt | None:
    """The tilt whose corner wedges best fit the picture, or None without filled corners.

    `extent` is the picture's true height and width in `luma`'s pixels, when its last row
    and column stand for less than a whole pixel (a 481 px photo decoded at half size is
    240.5 pixels wide in 241): the wedges of the far sides are read from the true edge, or
    they seem half a pixel deeper and bend the read.
    """
    height, width = luma.shape
    patch = max(2, min(height, width) // 100)
    # A turned copy's four corners are all fill, of one colour, and the picture still
    # touches every side (a ring of fill all round is padding): one compiled pass reads
    # the corner patches' medians and the outer ring (`_corner_fill`).
    fill, ring_fill = _corner_fill(
        np.ascontiguousarray(luma, dtype=np.float32), patch, FILL_TOLERANCE
    )
    if not math.isfinite(fill) or ring_fill >= MAX_RING_FILL:
        return None
    reach = max_tilt + 0.5
    true_height, true_width = (float(height), float(width)) if extent is None else extent
    true_height = min(float(height), max(height - 1.0, true_height))
    true_width = min(float(width), max(width - 1.0, true_width))
    # Seen as the top, each side's rows run from the far end (right, bottom) or its columns
    # do (bottom, left): the array's far end lies past the true one by the fraction.
    spare_rows, spare_columns = height - true_height, width - true_width
    spares = [
        (0.0, 0.0),
        (spare_columns, 0.0),
        (spare_rows, spare_columns),
        (0.0, spare_rows),
    ]
    sides = _Side.joined(
        [_fill_depths(np.rot90(luma, turns), fill, reach, *spares[turns]) for turns in range(4)]
    )
    # Coarse on every few columns, then finer on all of them around the best.
    coarse = np.arange(-reach, reach + 1e-6, COARSE_STEP)
    coarse = coarse[np.abs(coarse) >= 0.45]
    coarse_cost, _, _ = _fit(sides.sparse(COARSE_COLUMNS), coarse)
    leaders = coarse[np.argsort(coarse_cost)[:2]]
    middle = _around(leaders, COARSE_STEP, MIDDLE_STEP, reach)
    middle_cost, _, _ = _fit(sides, middle)
    fine = _around(middle[np.argmin(middle_cost)][None], MIDDLE_STEP, FINE_STEP, reach)
    cost, support, wedge_columns = _fit(sides, fine)
    best = int(np.argmin(cost))
    if support[best] <= 0:
        return None
    confident = support[best] >= max(MIN_COLUMNS, MIN_SUPPORT * wedge_columns[best])
    return CornerTilt(round(float(fine[best]), 2), bool(confident))


def _around(
    centres: npt.NDArray[np.float64], width: float, step: float, reach: float
) -> npt.NDArray[np.float64]:
    """Tilts every `step` within `width` of each centre (2 decimals, 0.45-`reach` degrees)."""
    count = round(width / step)
    offsets = np.arange(-count, count + 1) * step
    found = np.unique(np.round((centres[:, None] + offsets[None, :]).ravel(), 2))
    kept = found[(np.abs(found) >= 0.45) & (np.abs(found) <= reach)]
    return np.asarray(kept, dtype=np.float64)


def _predicted(
    side: _Side, angles: npt.NDArray[np.float64]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Fill depth each column would have for each tilt (rows: tilts), and how much of a
    depth error there is distance from the wedge's edge (its cosine to the edge's normal).

    The picture, a W x H rectangle turned by t about the centre, bounds a column at x from
    above by its top edge, y <= (H/2 + x sin t) / cos t, and near one end by the side edge
    that leans over it, y <= (W/2 - sign(t) x cos t) / |sin t|. The fill runs from the
    canvas's top (y = H/2) down to the lower of the two; where both lie above the canvas,
    the column has no fill (depth 0). Near the end the leaning edge is steep (seven pixels
    of depth per column at 8°): there a depth error says little, so it counts by |sin t|.
    """
    sine, cosine = np.sin(angles)[:, None], np.cos(angles)[:, None]
    x = side.offsets[None, :]
    half_height, half_width = side.half_height[None, :], side.half_width[None, :]
    top_edge = (half_height + x * sine) / cosine
    lean = (half_width - np.sign(sine) * x * cosine) / np.maximum(np.abs(sine), 1e-9)
    depth = np.maximum(half_height - np.minimum(top_edge, lean), 0.0)
    normal = np.where(top_edge <= lean, cosine, np.abs(sine))
    return np.asarray(depth, dtype=np.float64), np.asarray(normal, dtype=np.float64)


def _fit(
    side: _Side, degrees: npt.NDArray[np.float64]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """For each candidate tilt: its misfit cost, its agreeing columns, its wedge columns.

    Every column costs: its squared misfit (pixels from the wedge's edge) when within
    AGREE, CONTRADICTION_COST when its fill stops SHORT of the wedge, DARK_EDGE_COST when
    the fill runs past it. A column where neither tilt nor picture has a wedge costs
    nothing; one whose fill runs past the depth read (`reach`) can only say that the wedge
    is not shallower.
    """
    angles = np.radians(degrees)
    # The sines and cosines by NumPy (as `_predicted`), the rest per column in one compiled
    # pass, and the columns' costs summed by NumPy again: the same sums to the last bit as
    # the array code (`_fit_arrays`), at a fraction of its time.
    column_cost = np.empty((angles.size, side.offsets.size), dtype=np.float64)
    support = np.zeros(angles.size, dtype=np.int64)
    wedges = np.zeros(angles.size, dtype=np.int64)
    _column_costs(
        np.sin(angles),
        np.cos(angles),
        side.offsets,
        side.half_height,
        side.half_width,
        side.observed,
        side.seen,
        side.reach,
        column_cost,
        support,
        wedges,
    )
    return column_cost.sum(axis=1), support.astype(np.float64), wedges.astype(np.float64)


@njit(cache=True, nogil=True)  # type: ignore[untyped-decorator]
def _column_costs(
    sines: npt.NDArray[np.float64],
    cosines: npt.NDArray[np.float64],
    offsets: npt.NDArray[np.float64],
    half_heights: npt.NDArray[np.float64],
    half_widths: npt.NDArray[np.float64],
    observed: npt.NDArray[np.float64],
    seen: npt.NDArray[np.bool_],
    reach: npt.NDArray[np.float64],
    cost: npt.NDArray[np.float64],
    support: npt.NDArray[np.int64],
    wedges: npt.NDArray[np.int64],
) -> None:  # pragma: no cover - compiled
    """`_fit_arrays`' column costs, agreeing and wedge columns, one tilt per row, written
    into `cost`, `support` and `wedges` (the same operations in the same order)."""
    for a in range(sines.size):
        sine = sines[a]
        cosine = cosines[a]
        sign = 1.0 if sine > 0.0 else (-1.0 if sine < 0.0 else 0.0)
        steep = max(abs(sine), 1e-9)
        for j in range(offsets.size):
            x = offsets[j]
            top_edge = (half_heights[j] + x * sine) / cosine
            lean = (half_widths[j] - sign * x * cosine) / steep
            predicted = max(half_heights[j] - min(top_edge, lean), 0.0)
            normal = cosine if top_edge <= lean else abs(sine)
            misfit = (observed[j] - predicted) * normal
            limit = reach[j] - 1.0
            if seen[j]:
                if misfit < -SHORT:
                    cost[a, j] = CONTRADICTION_COST
                elif misfit > AGREE:
                    cost[a, j] = DARK_EDGE_COST
                else:
                    cost[a, j] = misfit * misfit
            else:
                cost[a, j] = DARK_EDGE_COST if predicted < limit else 0.0
            if predicted >= 1.0 and predicted < limit:
                wedges[a] += 1
                if seen[j] and abs(misfit) <= AGREE:
                    support[a] += 1


def _fit_arrays(
    side: _Side, degrees: npt.NDArray[np.float64]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """`_fit` in NumPy arrays (the reference the compiled pass is tested against)."""
    predicted, normal = _predicted(side, np.radians(degrees))
    observed = side.observed[None, :]
    seen = side.seen[None, :]
    reach = side.reach[None, :]
    misfit = (observed - predicted) * normal
    short = seen & (misfit < -SHORT)
    past = np.where(seen, misfit > AGREE, predicted < reach - 1.0)
    column_cost = np.where(
        short,
        CONTRADICTION_COST,
        np.where(past, DARK_EDGE_COST, np.where(seen, np.square(misfit), 0.0)),
    )
    wedge = (predicted >= 1.0) & (predicted < reach - 1.0)
    support = (wedge & seen & (np.abs(misfit) <= AGREE)).sum(axis=1)
    return column_cost.sum(axis=1), support.astype(np.float64), wedge.sum(axis=1).astype(np.float64)


def _fill_depths(
    side: npt.NDArray[np.float32],
    fill: float,
    max_degrees: float,
    spare_rows: float = 0.0,
    spare_columns: float = 0.0,
) -> _Side:
    """Per column of the top side (2 px from each end): how deep the fill runs from the top.

    Whole pixels of fill colour, plus the share of fill in the first pixel that is not: at
    the reduced size the wedge's edge crosses pixels, and a pixel's level between the fill's
    and the photo's just inside says where (counting whole pixels within the tolerance
    alone reads every wedge about half a pixel short, which is 0.3° at 8°).
    """
    height, width = side.shape
    # The deepest wedge away from the corners is about half the width times tan(tilt).
    reach = min(height - 2, math.ceil(width / 2 * math.tan(math.radians(max_degrees))) + 4)
    start, stop = 2, width - 2
    depth, found, share = _wedge_depths(side, fill, reach, start, stop)
    # `spare_rows` of the array lie beyond the true edge, at its top here; the columns' true
    # middle is `spare_columns` further on when they run from the far end.
    true_height, true_width = height - spare_rows, width - spare_columns
    offsets = np.arange(start, stop, dtype=np.float64) + 0.5 - spare_columns - true_width / 2.0
    count = offsets.size
    return _Side(
        depth + share - spare_rows,
        found,
        offsets,
        np.full(count, true_height / 2.0),
        np.full(count, true_width / 2.0),
        np.full(count, reach - spare_rows),
    )


@njit(cache=True, nogil=True)  # type: ignore[untyped-decorator]
def _corner_fill(
    luma: npt.NDArray[np.float32], patch: int, tolerance: float
) -> tuple[float, float]:  # pragma: no cover - compiled
    """The fill colour of four corners of one colour and the share of the outer ring of
    that colour; NaN for the colour when the corners differ.

    The NumPy code it replaced, to the last bit: each corner's `patch` x `patch` median
    (the upper middle of its sorted values), the fill as the float32 mean of the middle
    two of the four, a corner off when `abs(level - fill)` (float32) exceeds `tolerance`,
    and the ring's share within it (first and last row, first and last column).
    """
    height, width = luma.shape
    size = patch * patch
    levels = np.empty(4, np.float32)
    values = np.empty(size, np.float32)
    for corner in range(4):
        top = 0 if corner < 2 else height - patch
        left = 0 if corner % 2 == 0 else width - patch
        for i in range(patch):
            for j in range(patch):
                values[i * patch + j] = luma[top + i, left + j]
        levels[corner] = np.sort(values)[size // 2]
    ordered = np.sort(levels)
    fill = (np.float32(0.0) + ordered[1] + ordered[2]) / np.float32(2.0)
    bound = np.float32(tolerance)
    for corner in range(4):
        if abs(levels[corner] - fill) > bound:
            return np.nan, 0.0
    near = 0
    for j in range(width):
        near += abs(luma[0, j] - fill) <= bound
        near += abs(luma[height - 1, j] - fill) <= bound
    for i in range(height):
        near += abs(luma[i, 0] - fill) <= bound
        near += abs(luma[i, width - 1] - fill) <= bound
    return float(fill), near / (2 * (width + height))


@njit(cache=True, nogil=True)  # type: ignore[untyped-decorator]
def _wedge_depths(
    side: npt.NDArray[np.float32], fill: float, reach: int, start: int, stop: int
) -> tuple[
    npt.NDArray[np.int64], npt.NDArray[np.bool_], npt.NDArray[np.float64]
]:  # pragma: no cover - compiled
    """Per column of `side` in [start, stop): whole rows of fill from the top (`reach` when
    the fill runs past it), whether its end was seen, and the share of fill in the first
    pixel past it (0 where the photo just inside is within MIN_EDGE_CONTRAST of the fill).

    The same float64 operations as the NumPy code it replaced (`_fill_depths_arrays`):
    each column is scanned only to its first pixel off the fill.
    """
    count = max(0, stop - start)
    depth = np.full(count, reach, np.int64)
    found = np.zeros(count, np.bool_)
    share = np.zeros(count, np.float64)
    for k in range(count):
        column = start + k
        for row in range(reach):
            if abs(np.float64(side[row, column]) - fill) > FILL_TOLERANCE:
                depth[k] = row
                found[k] = True
                break
        edge = np.float64(side[min(depth[k], reach), column])
        inside = np.float64(side[min(depth[k] + 1, reach + 1), column])
        contrast = inside - fill
        ratio = (inside - edge) / (1.0 if contrast == 0 else contrast)
        if found[k] and abs(contrast) >= MIN_EDGE_CONTRAST:
            share[k] = min(max(ratio, 0.0), 1.0)
    return depth, found, share
