"""The compiled pixel loops of the robust views give what the NumPy code they replaced gave."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PIL import Image

from jaga.robust import views
from jaga.robust.pixel_kernels import (
    blend_level,
    column_edges,
    level_bins,
    near_share,
    peak_colours,
    row_edges,
    side_depths,
    side_points,
    steps,
)


@pytest.mark.parametrize("shape", [(1, 1), (1, 7), (9, 1), (10, 240), (161, 241)])
def test_steps_match_numpy(shape: tuple[int, int]) -> None:
    rng = np.random.default_rng(sum(shape))
    values = (rng.random(shape) * 255).astype(np.float32)
    expected = np.zeros_like(values)
    expected[:, :-1] += np.abs(np.diff(values, axis=1))
    expected[:-1, :] += np.abs(np.diff(values, axis=0))
    assert np.array_equal(steps(values), expected)


def _numpy_mirrored_edges(steps: np.ndarray, length: int) -> tuple[int, int] | None:
    """The former `views._mirrored_edges`, margin by margin in NumPy arrays."""
    share = (steps > views.EDGE_STEP).mean(axis=1)
    strength = steps.mean(axis=1)
    low = max(5, round(length * views.MIN_TRIM))
    high = min(round(length * (1 - views.MIN_CONTENT) / 2), (length - 6) // 2)
    if high <= low:
        return None
    margins = np.arange(low, high)
    starts, ends = margins - 1, length - margins - 1
    outside_starts = np.clip(starts[:, None] - np.array([4, 3, 2]), 0, None)
    outside_ends = ends[:, None] + np.array([2, 3, 4])
    near_ends = ends[:, None] + np.array([-1, 0, 1])
    end_lines = near_ends[np.arange(margins.size), np.argmax(strength[near_ends], axis=1)]
    sharp = np.maximum(
        share[starts] - share[outside_starts].max(axis=1),
        share[end_lines] - share[outside_ends].max(axis=1),
    )
    quiet = views.QUIET_FILL
    stands_out = (
        strength[starts]
        >= np.maximum(views.MIN_EDGE_STRENGTH, quiet * strength[outside_starts].max(axis=1))
    ) & (
        strength[end_lines]
        >= np.maximum(views.MIN_EDGE_STRENGTH, quiet * strength[outside_ends].max(axis=1))
    )
    qualified = np.flatnonzero(stands_out & (sharp >= views.MIN_EDGE_LINE))
    if qualified.size == 0:
        return None
    margin = int(margins[qualified[0]])
    start, end = margin - 1, length - margin - 1
    first = start - 1 + int(np.argmax(strength[start - 1 : start + 2])) + 1
    last = end - 1 + int(np.argmax(strength[end - 1 : end + 2]))
    return first, last + 1


def _framed_fill(rng: np.random.Generator, height: int, width: int) -> np.ndarray:
    """A smooth fill with a textured picture pasted in its middle (or noise, or flat)."""
    kind = int(rng.integers(0, 4)) if min(height, width) >= 12 else 0
    if kind == 0:
        return (rng.random((height, width)) * 255).astype(np.float32)
    if kind == 1:
        return np.full((height, width), float(rng.integers(0, 256)), np.float32)
    rows = np.linspace(0, 1, height, dtype=np.float32)[:, None]
    fill = (40 + 80 * rows + np.zeros((1, width), np.float32)).astype(np.float32)
    top = int(rng.integers(3, max(4, height // 3)))
    left = int(rng.integers(3, max(4, width // 3)))
    if kind == 3:  # mirrored margins, as apps pad
        bottom, right = height - top, width - left
    else:
        bottom = int(rng.integers(top + 1, height))
        right = int(rng.integers(left + 1, width))
    picture = rng.random((bottom - top, right - left)) * 255
    fill[top:bottom, left:right] = np.round(picture / 30) * 30
    return fill


def test_edge_lines_and_mirrored_margins_match_numpy() -> None:
    """`centred_pictures`' compiled step lines and margin search give the NumPy results."""
    rng = np.random.default_rng(17)
    found = 0
    for _ in range(400):
        height, width = (int(v) for v in rng.integers(2, 520, 2))
        luma = _framed_fill(rng, height, width)
        left, right = round(width * 0.1), round(width * 0.9)
        top, bottom = round(height * 0.1), round(height * 0.9)
        if right > left:
            expected = np.abs(np.diff(luma[:, left:right], axis=0))
            share, steps = row_edges(luma, left, right, views.EDGE_STEP)
            assert np.array_equal(steps, expected)
            assert np.array_equal(share, (expected > views.EDGE_STEP).mean(axis=1))
            ours = views._mirrored_edges(share, steps.mean(axis=1), height)
            assert ours == _numpy_mirrored_edges(expected, height)
            found += ours is not None
        if bottom > top:
            expected = np.abs(np.diff(luma[top:bottom], axis=1)).T
            share, strength = column_edges(luma, top, bottom, views.EDGE_STEP)
            assert strength.dtype == np.float32
            if width > 2:  # one column pair: NumPy sums it pairwise (centred_pictures' case)
                assert np.array_equal(strength, expected.mean(axis=1))
            else:
                strength = expected.mean(axis=1)
            assert np.array_equal(share, (expected > views.EDGE_STEP).mean(axis=1))
            ours = views._mirrored_edges(share, strength, width)
            assert ours == _numpy_mirrored_edges(expected, width)
            found += ours is not None
    assert found > 50  # the margin search found pasted pictures, not only None
    for width in (1, 2, 3):  # the narrowest pictures, through centred_pictures itself
        luma = (rng.random((40, width)) * 255).astype(np.float32)
        assert views.centred_pictures(luma) == []


@pytest.mark.parametrize("seed", range(3))
def test_line_counts_match_numpy(seed: int) -> None:
    rng = np.random.default_rng(seed)
    for _ in range(200):
        height, width = (int(v) for v in rng.integers(1, 300, 2))
        mask = rng.random((height, width)) < rng.random()
        a, b = sorted(int(v) for v in rng.integers(0, width + 1, 2))
        for part in (mask, mask[:, a:b], mask.T, mask[::2]):
            for axis in (0, 1):
                if part.shape[axis] == 0:
                    continue
                assert np.array_equal(views._line_counts(part, axis), part.sum(axis=axis))
                assert np.array_equal(views._line_shares(part, axis), part.mean(axis=axis))


def _numpy_edge_tilts(picture: np.ndarray) -> list[float]:
    """The former `views._edge_tilts` on the whole off-frame mask."""
    found: list[float] = []
    for mask, sign in ((picture, -1.0), (picture.T, 1.0)):
        rows, columns = mask.shape
        for side, direction in ((mask, 1.0), (mask[::-1], -1.0)):
            start, stop = round(columns * 0.2), round(columns * 0.8)
            band = side[: math.ceil(0.45 * rows), start:stop]
            depth = np.argmax(band, axis=0).astype(np.float64)
            present = band.any(axis=0) & (depth > 0) & (depth < 0.45 * rows)
            xs = np.flatnonzero(present)
            if xs.size < 0.4 * (stop - start) or xs.size < 8:
                continue
            slope, offset = views._line_fit(xs, depth[xs])
            if views._median_of(np.abs(depth[xs] - (slope * xs + offset))) > 1.0:
                continue
            found.append(sign * direction * float(np.degrees(np.arctan(slope))))
    return found


def test_edge_tilts_read_from_the_sides_match_the_whole_mask() -> None:
    rng = np.random.default_rng(23)
    read = 0
    for _ in range(150):
        height, width = (int(v) for v in rng.integers(20, 400, 2))
        background = float(rng.choice([0.0, 255.0, 128.0]))
        canvas = Image.new("F", (width, height), background)
        inner = (rng.random((height * 3 // 5, width * 3 // 5)) * 200 + 30).astype(np.float32)
        photo = Image.fromarray(inner, mode="F").rotate(
            float(rng.uniform(-8, 8)), expand=True, fillcolor=background
        )
        canvas.paste(photo, ((width - photo.width) // 2, (height - photo.height) // 2))
        luma = np.asarray(canvas, dtype=np.float32)
        luma = luma + (rng.random(luma.shape) * 8 - 4).astype(np.float32)
        mask = np.abs(luma - background) > views.BACKGROUND_TOLERANCE
        ours = views._edge_tilts(np.ascontiguousarray(luma), background)
        assert ours == _numpy_edge_tilts(mask)
        read += len(ours)
    assert read > 100


def test_level_bins_and_near_shares_match_numpy() -> None:
    rng = np.random.default_rng(29)
    for _ in range(300):
        size = int(rng.integers(1, 2000))
        values = (rng.random(size) * 300 - 20).astype(np.float32)
        values[: size // 3] = np.round(values[: size // 3])  # whole levels: bin edges
        expected = np.bincount(np.clip((values // 8).astype(np.int64), 0, 31), minlength=32)
        assert np.array_equal(level_bins(values), expected)
        centre = float(values[int(rng.integers(0, size))])
        for tolerance in (views.BACKGROUND_TOLERANCE, 0.5):
            near = np.abs(values - centre) <= tolerance
            assert near_share(values, centre, tolerance) == views._share(near)


def test_blend_level_matches_numpy() -> None:
    rng = np.random.default_rng(31)
    special = np.array([0.0, 1e-6, 1e-3, 0.5, 1.0, 1.5], dtype=np.float32)
    for _ in range(100):
        shape = tuple(int(v) for v in rng.integers(1, 120, 2))
        weights = rng.random(shape).astype(np.float32) * 1.2
        picks = rng.random(shape) < 0.3
        weights[picks] = rng.choice(special, int(picks.sum()))
        values = (rng.random(shape) * 255).astype(np.float32) * weights
        coarse = (rng.random(shape) * 255).astype(np.float32)
        share = np.minimum(weights, 1.0)
        own = np.where(weights > 1e-3, values / np.maximum(weights, 1e-6), coarse)
        expected = share * own + (1.0 - share) * coarse
        assert np.array_equal(blend_level(values, weights, coarse), expected)


def test_side_points_are_the_present_depths() -> None:
    """side_points gives the lines (and depths) of side_depths above 0, under the bound."""
    rng = np.random.default_rng(5)
    for _ in range(200):
        height, width = (int(v) for v in rng.integers(10, 200, 2))
        luma = (rng.random((height, width)) < rng.uniform(0.01, 0.3)).astype(np.float32) * 200
        side = int(rng.integers(0, 4))
        rows, columns = (height, width) if side < 2 else (width, height)
        start, stop = round(columns * 0.2), round(columns * 0.8)
        limit = math.ceil(0.45 * rows)
        depth = side_depths(luma, 0.0, 12.0, side, start, stop, limit).astype(np.float64)
        xs = np.flatnonzero((depth > 0) & (depth < 0.45 * rows))
        got_xs, got_depths = side_points(luma, 0.0, 12.0, side, start, stop, limit, 0.45 * rows)
        assert np.array_equal(got_xs, xs) and np.array_equal(got_depths, depth[xs])


def test_peak_colours_are_each_bins_median_and_near_share() -> None:
    """Each peak bin's median (np.median of its pixels, a masked copy) and near share."""
    rng = np.random.default_rng(37)
    for _ in range(300):
        size = int(rng.integers(1, 1500))
        values = (rng.random(size) * 300 - 20).astype(np.float32)
        values[: size // 2] = np.round(values[: size // 2] / 40) * 40  # a few flat colours
        counts = level_bins(values)
        peaks = np.argsort(counts)[::-1][:3].astype(np.int64)
        centres, shares = peak_colours(values, counts, peaks, views.BACKGROUND_TOLERANCE)
        bins = np.clip((values // 8).astype(np.int64), 0, 31)
        for peak, centre, share in zip(peaks, centres, shares, strict=True):
            members = values[bins == peak]
            expected = float(np.median(members)) if members.size else 0.0
            assert centre == expected
            assert share == near_share(values, expected, views.BACKGROUND_TOLERANCE)
