"""The ceiling bench's fill along the photo's lines (bench/robust_overlay_ceiling.py, an
experiment not used by the views): over stripes, the known photo before and after a
stroke in the stripes' direction is a closer guess than the mean around it; a photo with
no one direction gets no such fill."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from PIL import Image

from jaga.robust.overlays import find_overlays, inpaint, painted_out

from .test_overlays import draw_lettering

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

from robust_overlay_ceiling import inpaint_along_lines  # noqa: E402

HEIGHT, WIDTH = 240, 480


def _stripes(angle_degrees: float, period: float = 10.0) -> np.ndarray:
    """Light and dark stripes running at `angle_degrees` from the x axis (blinds, ribs)."""
    y, x = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float64)
    angle = np.radians(angle_degrees)
    across = -x * np.sin(angle) + y * np.cos(angle)
    return (128 + 90 * np.sin(2 * np.pi * across / period)).astype(np.float32)


def _blotches(seed: int) -> np.ndarray:
    """A photo with no one direction: smoothed noise, the same at every angle."""
    rng = np.random.default_rng(seed)
    small = rng.uniform(40, 220, (HEIGHT // 16, WIDTH // 16)).astype(np.float32)
    image = Image.fromarray(small).resize((WIDTH, HEIGHT), Image.Resampling.BICUBIC)
    return np.asarray(image, np.float32)


def _bars() -> np.ndarray:
    """Thick upright strokes on one line, as a line of large lettering covers."""
    mask = np.zeros((HEIGHT, WIDTH), dtype=bool)
    for left in range(60, 420, 30):
        mask[90:150, left : left + 9] = True
    return mask


def _error(filled: np.ndarray, truth: np.ndarray, mask: np.ndarray) -> float:
    return float(np.abs(filled[mask] - truth[mask]).mean())


def test_stripes_are_continued_along_their_direction() -> None:
    for angle in (0.0, 25.0, -60.0):
        truth = _stripes(angle)
        mask = _bars()
        along = inpaint_along_lines(truth, mask)
        assert along is not None
        mean = inpaint(truth, mask)
        assert np.array_equal(along[~mask], truth[~mask])
        # The mean around a stroke is the stripes' grey; along them, the stripes go on.
        assert _error(along, truth, mask) < 0.4 * _error(mean, truth, mask)


def test_no_direction_no_fill() -> None:
    for seed in range(3):
        assert inpaint_along_lines(_blotches(seed), _bars()) is None
    assert inpaint_along_lines(_stripes(10.0), np.zeros((HEIGHT, WIDTH), dtype=bool)) is None


def test_lettering_on_blinds_is_filled_closer_along_them() -> None:
    """Outlined capitals over near-level blinds: found, and their mask filled along the
    blinds is closer to the blinds under the letters than the mean fill."""
    truth = _stripes(4.0, period=12.0)
    image = Image.fromarray(truth.astype(np.uint8)).convert("RGB")
    draw_lettering(image, "HOTEL", 40, 80, 60, (255, 255, 255), (0, 0, 0))
    luma = np.asarray(image.convert("L"), np.float32)
    found = find_overlays(luma, None)
    assert found is not None and found.kinds == ("text",)
    mean = dict(painted_out(luma, found))["overlaid text painted out"]
    along = inpaint_along_lines(luma, found.mask)
    assert along is not None
    assert _error(along, truth, found.mask) < 0.9 * _error(mean, truth, found.mask)
