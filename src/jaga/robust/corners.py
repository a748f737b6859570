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

STEP = 0.1
"""Resolution of the read tilt, degrees: 0.1° moves a 512 px picture's corner by 0.5 px."""

FILL_TOLERANCE = 12.0
"""Luma levels within which a pixel has the fill colour (JPEG noise near the wedge edge)."""

AGREE = 1.0
"""A column agrees with a tilt when its fill ends within this many pixels of the predicted
depth (the wedge edge is anti-aliased over a pixel; JPEG moves it by about one more)."""

SHORT = 1.5
"""A column contradicts a tilt when its fill ends this many pixels short of the predicted
depth: the turn would have filled those pixels, so the copy was turned less."""

CONTRADICTION_COST = 4.0
"""One contradicting column outweighs this many agreeing ones: a photo's own dark band can
agree by chance, but bright pixels where the wedge must be are hard evidence."""

MIN_SUPPORT = 0.1
"""Share of the columns with a predicted wedge (at least 2 px deep) that must agree for a
read to be confident (and at least MIN_COLUMNS): one side in four, half of it showing its
edge, is enough; fewer, and the photo's edges are too dark to tell where the wedges end."""

MIN_COLUMNS = 12
"""Fewest agreeing columns for a confident read: a photo's own dark edge runs along a
predicted wedge for a few columns by chance, rarely for a dozen."""


@dataclass(frozen=True, slots=True)
class CornerTilt:
    """A tilt read off the wedges (degrees, counter-clockwise positive, as PIL's rotate).

    `confident` is False when too few columns show where the fill ends: the photo's edges
    are about as dark as the fill, and `degrees` is only the best of weak guesses.
    """

    degrees: float
    confident: bool


def corner_tilt(luma: npt.NDArray[np.float32], max_tilt: float) -> CornerTilt | None:
    """The tilt whose corner wedges best fit the picture, or None without filled corners."""
    height, width = luma.shape
    patch = max(2, min(height, width) // 100)
    levels = [
        float(np.median(corner))
        for corner in (
            luma[:patch, :patch],
            luma[:patch, -patch:],
            luma[-patch:, :patch],
            luma[-patch:, -patch:],
        )
    ]
    fill = float(np.median(levels))
    if max(abs(level - fill) for level in levels) > FILL_TOLERANCE:
        return None  # a turned copy's four corners are all fill, of one colour
    reach = max_tilt + 0.5
    sides = [_fill_depths(np.rot90(luma, turns), fill, reach) for turns in range(4)]
    # Coarse to fine: every 0.4° first (a column agrees over about 0.4° at 200 px from the
    # centre), then every 0.1° around the two best coarse tilts.
    coarse = np.arange(-reach, reach + 0.01, 0.4)
    coarse_score, _, _ = _scores(sides, coarse[np.abs(coarse) >= 0.45])
    leaders = coarse[np.abs(coarse) >= 0.45][np.argsort(coarse_score)[::-1][:2]]
    fine = np.unique(
        np.round(np.concatenate([np.arange(c - 0.5, c + 0.51, STEP) for c in leaders]), 1)
    )
    fine = fine[(np.abs(fine) >= 0.45) & (np.abs(fine) <= reach)]
    score, support, wedge_columns = _scores(sides, fine)
    best = int(np.argmax(score))
    if score[best] <= 0:
        return None
    confident = support[best] >= max(MIN_COLUMNS, MIN_SUPPORT * wedge_columns[best])
    return CornerTilt(round(float(fine[best]), 1), bool(confident))


Side = tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], float]


def _scores(
    sides: list[Side], degrees: npt.NDArray[np.float64]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """For each candidate tilt: its score, its agreeing columns, its columns with a wedge."""
    angles = np.radians(degrees)
    support = np.zeros(angles.size)
    contradictions = np.zeros(angles.size)
    wedge_columns = np.zeros(angles.size)
    for observed, offsets, half_height in sides:
        if observed.size == 0:
            continue
        predicted = (
            half_height
            - (half_height + offsets[None, :] * np.sin(angles)[:, None]) / np.cos(angles)[:, None]
        )
        wedge = predicted >= 2.0
        # Full weight within half a pixel, none past AGREE + half a pixel: a soft count
        # centres the read on the tilt the columns fit best, not the edge of a plateau.
        closeness = np.clip(AGREE + 0.5 - np.abs(observed[None, :] - predicted), 0.0, 1.0)
        support += np.where(wedge, closeness, 0.0).sum(axis=1)
        contradictions += (wedge & (observed[None, :] < predicted - SHORT)).sum(axis=1)
        wedge_columns += wedge.sum(axis=1)
    return support - CONTRADICTION_COST * contradictions, support, wedge_columns


def _fill_depths(side: npt.NDArray[np.float32], fill: float, max_degrees: float) -> Side:
    """Per column of the top side's middle: how many pixels from the top have the fill
    colour, and the column's offset from the centre (y up, x right)."""
    height, width = side.shape
    # Near the corners the neighbouring side's wedge takes over: keep the middle 70%.
    start, stop = round(width * 0.15), round(width * 0.85)
    # The deepest wedge there is about half the width times tan(tilt); look a little past.
    reach = min(height, math.ceil(width / 2 * math.tan(math.radians(max_degrees))) + 4)
    band = np.abs(side[:reach, start:stop] - fill) > FILL_TOLERANCE
    depth = np.where(band.any(axis=0), np.argmax(band, axis=0), reach).astype(np.float64)
    offsets = np.arange(start, stop, dtype=np.float64) + 0.5 - width / 2.0
    return depth, offsets, height / 2.0
