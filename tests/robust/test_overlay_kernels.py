"""The compiled loops of the overlay search give what the NumPy and OpenCV code they
replaced gave, bit for bit, on drawn pictures (random blobs, lettering drawn with PIL) and
on the edge cases (no blob, one pixel, blobs on the picture's border)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from jaga.robust.overlay_kernels import (
    at_least,
    blob_rings,
    blob_stats,
    fill_known,
    graphic_rings,
    largest_near,
    light_edges,
    stands_out,
)

_SQUARE3 = np.ones((3, 3), np.uint8)


def _blobs(shape: tuple[int, int], seed: int, share: float = 0.4) -> np.ndarray:
    """A picture of blurred noise: light blobs of every size, many touching the border."""
    rng = np.random.default_rng(seed)
    noise = rng.random(shape).astype(np.float32) * 255
    if min(shape) >= 3:
        noise = cv2.GaussianBlur(noise, (0, 0), 1.5)
    level = np.quantile(noise, 1 - share) if noise.size > 1 else 0.0
    return (
        np.where(noise >= level, 230.0, 40.0).astype(np.float32)
        + rng.random(shape).astype(np.float32) * 20
    )


def _lettering(height: int = 161, width: int = 241) -> np.ndarray:
    """White outlined text over a grey gradient, as meme text is drawn, then blurred a little
    (a JPEG's softening)."""
    picture = Image.fromarray(
        np.tile(np.linspace(60, 200, width, dtype=np.float32), (height, 1)).astype(np.uint8)
    )
    draw = ImageDraw.Draw(picture)
    font = ImageFont.load_default(size=max(10, height // 7))
    draw.text((4, 2), "TOP TEXT HERE", fill=255, font=font, stroke_width=2, stroke_fill=0)
    draw.text((10, height // 2), "bottom words", fill=250, font=font, stroke_width=1, stroke_fill=5)
    luma = np.asarray(picture, dtype=np.float32)
    return np.asarray(cv2.GaussianBlur(luma, (3, 3), 0.6), np.float32)


def _pictures() -> list[np.ndarray]:
    one = np.zeros((5, 7), np.float32)
    one[2, 3] = 255.0
    corner = np.zeros((6, 6), np.float32)
    corner[0, 0] = corner[5, 5] = corner[0, 5] = 220.0
    return [
        np.zeros((9, 11), np.float32),  # no light pixel at all
        np.full((8, 8), 255.0, np.float32),  # one blob, the whole picture
        one,
        corner,
        np.full((1, 1), 255.0, np.float32),
        _blobs((1, 17), 1),
        _blobs((13, 1), 2),
        _blobs((40, 60), 3),
        _blobs((161, 241), 4),
        _blobs((97, 50), 5, share=0.7),
        _lettering(),
        _lettering(80, 300),
    ]


PICTURES = _pictures()


def _label(mask: np.ndarray, small: bool) -> tuple[int, np.ndarray]:
    count, labels = cv2.connectedComponents(
        mask, connectivity=8, ltype=cv2.CV_16U if small else cv2.CV_32S
    )
    return count, labels


@pytest.mark.parametrize("index", range(len(PICTURES)))
def test_light_edges_match_erosion(index: int) -> None:
    luma = PICTURES[index]
    expected = (luma >= 150.0) & (cv2.erode(luma, _SQUARE3) <= luma - 90.0)
    edge, found = light_edges(luma, 150.0, 90.0)
    assert np.array_equal(edge, expected)
    assert found == int(np.count_nonzero(expected))


@pytest.mark.parametrize("index", range(len(PICTURES)))
@pytest.mark.parametrize("small", [True, False])
def test_blob_stats_match_opencv(index: int, small: bool) -> None:
    luma = PICTURES[index]
    mask = (luma >= 150.0).view(np.uint8)
    count, labels, stats, centroids = cv2.connectedComponentsWithStats(
        mask, connectivity=8, ltype=cv2.CV_16U if small else cv2.CV_32S
    )
    got_stats, got_centroids, sums = blob_stats(mask, labels, count, luma)
    # Row 0 (the background) is left out on purpose.
    assert np.array_equal(got_stats[1:], stats[1:])
    assert np.array_equal(got_centroids[1:], centroids[1:])
    inside = np.flatnonzero(mask)
    expected = np.bincount(labels.ravel()[inside], luma.ravel()[inside], count)
    assert np.array_equal(sums, expected)


@pytest.mark.parametrize("index", range(len(PICTURES)))
def test_largest_near_matches_dilation(index: int) -> None:
    luma = PICTURES[index]
    for small in (True, False):
        _count, labels = _label((luma >= 150.0).view(np.uint8), small)
        expected = cv2.dilate(labels if small else labels.astype(np.float32), _SQUARE3)
        assert np.array_equal(largest_near(labels), expected.astype(np.int32))


@pytest.mark.parametrize("index", range(len(PICTURES)))
def test_blob_rings_match_numpy(index: int) -> None:
    luma = PICTURES[index]
    light = (luma >= 150.0).view(np.uint8)
    count, labels = _label(light, True)
    inside = np.flatnonzero(light)
    flat = luma.ravel()
    area = np.bincount(labels.ravel()[inside], minlength=count)
    mean = np.bincount(labels.ravel()[inside], flat[inside], count) / np.maximum(area, 1)
    # The former NumPy code of _glyph_blobs.
    ring = np.flatnonzero(cv2.dilate(light, _SQUARE3) > light)
    owner = cv2.dilate(labels, _SQUARE3).ravel()[ring].astype(np.int64)
    ring_luma = flat[ring]
    dark = ring_luma <= mean[owner] - 90.0
    size, dark_count, dark_sum = blob_rings(light, labels, count, luma, mean, 90.0)
    assert np.array_equal(size, np.bincount(owner, minlength=count))
    assert np.array_equal(dark_count, np.bincount(owner[dark], minlength=count))
    assert np.array_equal(dark_sum, np.bincount(owner[dark], ring_luma[dark], count))
    if index in (0, 2):
        # No blob: no ring; one pixel: its eight neighbours.
        assert size.sum() == (0 if index == 0 else 8)


@pytest.mark.parametrize("index", range(len(PICTURES)))
def test_graphic_rings_match_numpy(index: int) -> None:
    luma = PICTURES[index]
    mask = (luma >= 150.0).view(np.uint8)
    count, labels = _label(mask, True)
    chroma = (luma * 0.37 + 3).astype(np.float32)
    grown = cv2.dilate(labels, _SQUARE3, iterations=4)
    near = cv2.dilate(mask, _SQUARE3) > 0
    ring = np.flatnonzero((grown > 0) & ~near)
    ring_labels = grown.ravel()[ring].astype(np.int64)
    size, sums = graphic_rings(mask, grown, count, chroma)
    assert np.array_equal(size, np.bincount(ring_labels, minlength=count))
    assert np.array_equal(sums, np.bincount(ring_labels, chroma.ravel()[ring], count))
    # Labels spread as float32 (the 32-bit labels' dilation) give the same.
    size32, sums32 = graphic_rings(mask, grown.astype(np.float32), count, chroma)
    assert np.array_equal(size32, size) and np.array_equal(sums32, sums)


def test_lettering_has_outlined_blobs() -> None:
    """The drawn text is what the kernels are for: its letters are light blobs whose ring
    is mostly much darker, which the comparison above would pass on empty arrays too."""
    luma = PICTURES[10]
    light = (luma >= 150.0).view(np.uint8)
    count, labels = _label(light, True)
    stats, _centroids, sums = blob_stats(light, labels, count, luma)
    mean = sums / np.maximum(stats[:, cv2.CC_STAT_AREA], 1)
    size, dark, _dark_sum = blob_rings(light, labels, count, luma, mean, 90.0)
    ringed = (size >= 4) & (dark >= 0.75 * np.maximum(size, 1))
    assert int(np.count_nonzero(ringed)) >= 8
    _edge, found = light_edges(luma, 150.0, 90.0)
    assert found >= 50


@pytest.mark.parametrize("index", range(len(PICTURES)))
def test_coloured_masks_match_numpy(index: int) -> None:
    chroma = (PICTURES[index] * 0.4).astype(np.float32)
    assert at_least(chroma, 40.0) == int(np.count_nonzero(chroma >= 40.0))
    side = max(3, max(chroma.shape) // 6) | 1
    around = np.asarray(cv2.blur(chroma, (side, side)), np.float32)
    expected = ((chroma >= 40.0) & (chroma >= around + 35.0 / 2)).astype(np.uint8)
    mask, found = stands_out(chroma, around, 40.0, 35.0 / 2)
    assert np.array_equal(mask, expected)
    assert found == int(np.count_nonzero(expected))


@pytest.mark.parametrize("index", range(len(PICTURES)))
def test_fill_known_matches_numpy(index: int) -> None:
    luma = PICTURES[index]
    rng = np.random.default_rng(index)
    grown = rng.random(luma.shape) < 0.3
    known = (~grown).astype(np.float32)
    sigma = 1.5
    weight = np.asarray(cv2.GaussianBlur(known, (0, 0), sigma), np.float32)
    total = np.asarray(cv2.GaussianBlur(luma * known, (0, 0), sigma), np.float32)
    # Weights right at the threshold, as float32 compares them.
    weight.ravel()[::7] = np.float32(0.05)
    # The former NumPy code of inpaint.
    expected, left = luma.copy(), grown.copy()
    usable = left & (weight >= 0.05)
    expected[usable] = (total / np.maximum(weight, 1e-6))[usable]
    left &= ~usable
    filled, still = luma.copy(), grown.copy()
    fill_known(filled, still, weight, total, 0.05)
    assert np.array_equal(filled, expected)
    assert np.array_equal(still, left)
