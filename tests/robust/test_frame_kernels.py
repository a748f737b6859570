"""The compiled frame-detector loops give exactly what the NumPy code they replaced gave."""

from __future__ import annotations

import numpy as np
import pytest

from jaga.robust import frame_kernels, views
from jaga.robust.pixel_kernels import steps as pixel_steps

SHAPES = [(20, 30), (161, 241), (241, 161), (128, 96), (90, 300)]


def _framed_mask(rng: np.random.Generator, shape: tuple[int, int]) -> tuple[np.ndarray, tuple]:
    """A picture block on a frame, with ragged edges, holes and stray frame pixels."""
    height, width = shape
    top, left = int(rng.integers(0, height // 3)), int(rng.integers(0, width // 3))
    bottom = int(rng.integers(top + 3, height + 1))
    right = int(rng.integers(left + 3, width + 1))
    mask = rng.random(shape) < rng.uniform(0.0, 0.1)
    block = rng.random((bottom - top, right - left)) < rng.uniform(0.5, 1.0)
    mask[top:bottom, left:right] |= block
    return mask, (top, bottom, left, right)


def _nearby_box(rng: np.random.Generator, box: tuple, shape: tuple[int, int]) -> tuple:
    height, width = shape
    top, bottom, left, right = (v + int(rng.integers(-4, 5)) for v in box)
    top, left = min(max(0, top), height - 2), min(max(0, left), width - 2)
    bottom, right = min(max(top + 1, bottom), height), min(max(left + 1, right), width)
    return (top, bottom, left, right)


@pytest.mark.parametrize("shape", SHAPES)
def test_refine_box_matches_numpy(shape: tuple[int, int]) -> None:
    rng = np.random.default_rng(shape[0] * 1000 + shape[1])
    for _ in range(150):
        mask, block = _framed_mask(rng, shape)
        box = _nearby_box(rng, block, shape)
        reach = max(3, max(shape) // 48)
        if box[0] + reach >= shape[0] or box[2] + reach >= shape[1]:
            continue  # views._refine keeps these for NumPy
        expected = views._refined_edges(mask, box, reach)
        assert frame_kernels.refine_box(mask, *box, reach) == expected


@pytest.mark.parametrize("shape", SHAPES)
def test_uniform_frame_matches_numpy(shape: tuple[int, int]) -> None:
    rng = np.random.default_rng(shape[0] * 7 + shape[1])
    found = 0
    for _ in range(150):
        mask, _box = _framed_mask(rng, shape)
        detail = rng.random(shape) < rng.uniform(0.0, 0.8)
        expected = views._uniform_frame_numpy(mask, detail)
        got = frame_kernels.uniform_frame(mask, detail, views.MIN_CONTENT, views.MIN_TRIM)
        assert (None if got[0] < 0 else got) == expected
        found += expected is not None
    assert found > 0  # the test reaches the boxes, not only the refusals


@pytest.mark.parametrize("shape", SHAPES)
def test_exact_box_matches_numpy(shape: tuple[int, int]) -> None:
    """Photos pasted on a flat frame at fractional edges (mixed edge lines), with noise."""
    rng = np.random.default_rng(shape[0] * 31 + shape[1])
    height, width = shape
    moved = 0
    for _ in range(100):
        colour = float(np.float32(rng.choice([0.0, 255.0, rng.uniform(0, 255)])))
        luma = np.full(shape, colour, np.float32)
        top, bottom = sorted(rng.uniform(1, height - 1, 2))
        left, right = sorted(rng.uniform(1, width - 1, 2))
        photo = rng.uniform(0, 255, shape).astype(np.float32)
        rows = np.clip(np.minimum(np.arange(height) + 1 - top, bottom - np.arange(height)), 0, 1)
        cols = np.clip(np.minimum(np.arange(width) + 1 - left, right - np.arange(width)), 0, 1)
        cover = (rows[:, None] * cols[None, :]).astype(np.float32)
        luma = (cover * photo + (1 - cover) * luma).astype(np.float32)
        luma += rng.normal(0, 1.5, shape).astype(np.float32)
        box = (int(np.ceil(top)), int(bottom), int(np.ceil(left)), int(right))
        box = _nearby_box(rng, box, shape) if rng.random() < 0.3 else box
        if not (box[0] <= box[1] and box[2] <= box[3]):
            continue
        t, b, lf, r = box
        across, down = luma[:, lf:r], luma[t:b, :].T
        expected = (
            views._exact_edge(across, t, colour, inward=1),
            views._exact_edge(across, b, colour, inward=-1),
            views._exact_edge(down, lf, colour, inward=1),
            views._exact_edge(down, r, colour, inward=-1),
        )
        got = frame_kernels.exact_box(luma, *box, colour, views.EDGE_CONTRAST)
        assert got == expected
        assert views.exact_box(luma, box, colour) == expected
        moved += any(e != float(v) for e, v in zip(expected, box, strict=True))
    assert moved > 0  # fractional edges were read, not only whole-pixel fallbacks


@pytest.mark.parametrize("count", [1, 2, 5, 6, 301])
def test_median32_is_median_of(count: int) -> None:
    values = np.random.default_rng(count).random(count).astype(np.float32)
    assert frame_kernels.median32(values) == views._median_of(values)


@pytest.mark.parametrize("shape", [(10, 3), (10, 40), (10, 241), (10, 161)])
def test_strip_quiet_matches_detail_mask(shape: tuple[int, int]) -> None:
    """Integer (decoded) and fractional (reduced, turned) levels, flat and textured bands."""
    rng = np.random.default_rng(shape[1])
    seen: set[bool] = set()
    for trial in range(300):
        spread = rng.choice([0.5, 2.0, 4.0, 8.0, 40.0])
        strip = (rng.random(shape) * spread + rng.uniform(0, 200)).astype(np.float32)
        if trial % 2:
            strip = np.round(strip)
        detail = views._detail_mask(strip)
        expected = tuple(
            views._share(outer) <= views.QUIET_SHARE
            for outer in (detail[: views.QUIET_BAND], detail[-views.QUIET_BAND :])
        )
        got = frame_kernels.strip_quiet(
            strip, views.QUIET_BAND, views.FLAT_GRADIENT, views.QUIET_SHARE
        )
        assert got == expected
        seen.update(expected)
    assert seen == {True, False}  # quiet and busy sides both met


def test_blur_sum_is_opencv_box_mean() -> None:
    """The 3x3 mean as strip_quiet computes it is cv2.blur's, value for value, over the
    thresholds' whole range (so counting above a bound agrees at every bound)."""
    rng = np.random.default_rng(3)
    for bound in (0.5, 3.0, 3.0001, 7.25):
        values = (rng.random((10, 200)) * 12).astype(np.float32)
        values[::3] = np.round(values[::3])
        expected = views._box_mean(pixel_steps(values), 1) > np.float32(bound)
        outer = 10 // 2
        got = frame_kernels.strip_quiet(values, outer, bound, 1.0)
        assert got == (True, True)
        # the counts themselves, through the share bound: above exactly the expected count
        for side, rows in ((0, expected[:outer]), (1, expected[-outer:])):
            share = np.count_nonzero(rows) / rows.size
            assert frame_kernels.strip_quiet(values, outer, bound, share)[side]
            if share > 0:
                below = np.nextafter(share, 0.0)
                assert not frame_kernels.strip_quiet(values, outer, bound, below)[side]


def _numpy_solid_runs(picture: np.ndarray) -> tuple | None:
    """`views._solid_block`'s runs by NumPy masks and line counts (before its size checks)."""
    height, width = picture.shape
    radius = max(1, max(height, width) // 64)
    size = 2 * radius + 1
    solid = views._window_counts(picture, radius) > int(views.SOLID_SHARE * size * size)
    if not solid.any():
        return None
    top, bottom = views._main_run(views._line_counts(solid, 1), height)
    left, right = views._main_run(views._line_counts(solid[top:bottom], 0), width)
    return (top, bottom, left, right)


@pytest.mark.parametrize("shape", SHAPES)
def test_solid_box_matches_numpy(shape: tuple[int, int]) -> None:
    rng = np.random.default_rng(shape[0] * 13 + shape[1])
    height, width = shape
    found = 0
    for _ in range(150):
        mask, _box = _framed_mask(rng, shape)
        if rng.random() < 0.3:  # a second block, a stripe across: runs to choose and bridge
            mask[int(rng.integers(0, height)) :: int(rng.integers(2, 9))] ^= True
        radius = max(1, max(height, width) // 64)
        size = 2 * radius + 1
        counts = np.ascontiguousarray(views._window_counts(mask, radius))
        got = frame_kernels.solid_box(
            counts,
            int(views.SOLID_SHARE * size * size),
            views._run_gap(height),
            views._run_gap(width),
        )
        expected = _numpy_solid_runs(mask)
        assert (None if got[0] < 0 else got) == expected
        found += expected is not None
    assert found > 0
