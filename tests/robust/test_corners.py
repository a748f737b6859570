"""The tilt read off the filled corner wedges of a copy turned on its own canvas."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw

from jaga.demo.drawing import draw_scene
from jaga.hashing.image_io import iter_luma_frames, open_image
from jaga.robust import corners
from jaga.robust.corners import corner_tilt
from jaga.robust.views import tilt_candidates, work_image


def _luma(image: Image.Image) -> np.ndarray:  # type: ignore[type-arg]
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=95)
    with open_image(buffer.getvalue()) as opened:
        return work_image(next(iter_luma_frames(opened))).luma


def _dark_edged(seed: int, size: tuple[int, int], dark_sides: int) -> Image.Image:
    """A drawn scene whose first `dark_sides` sides (top, left, bottom) fade to black, as
    night photos and vignettes do: those edges vanish into black corners when turned."""
    scene = draw_scene(seed, size)
    draw = ImageDraw.Draw(scene)
    width, height = size
    band = round(min(size) * 0.12)
    boxes = [(0, 0, width, band), (0, 0, band, height), (0, height - band, width, height)]
    for box in boxes[:dark_sides]:
        draw.rectangle(box, fill=(4, 4, 4))
    return scene


@pytest.mark.parametrize("angle", [2.0, -4.0, 8.0])
def test_tilt_is_read_off_the_corner_wedges(angle: float) -> None:
    turned = draw_scene(51, (600, 400)).rotate(angle, Image.Resampling.BICUBIC)
    read = corner_tilt(_luma(turned), 8.0)
    assert read is not None and read.confident and abs(read.degrees - angle) <= 0.3


@pytest.mark.parametrize("angle", [3.0, -6.0])
def test_tilt_is_read_when_three_sides_are_dark(angle: float) -> None:
    turned = _dark_edged(52, (600, 400), 3).rotate(angle, Image.Resampling.BICUBIC)
    read = corner_tilt(_luma(turned), 8.0)
    assert read is not None and read.confident and abs(read.degrees - angle) <= 0.3
    assert abs(tilt_candidates(_luma(turned), 8.0)[0] - angle) <= 0.3


def test_upright_pictures_have_no_corner_tilt() -> None:
    # Corners of differing colours: no wedges to read.
    assert corner_tilt(_luma(draw_scene(53, (600, 400))), 8.0) is None
    # Black padding: the corners are fill-coloured but no tilt fits confidently.
    scene = draw_scene(53, (600, 400))
    canvas = Image.new("RGB", (720, 480))
    canvas.paste(scene, (60, 40))
    read = corner_tilt(_luma(canvas), 8.0)
    assert read is None or not read.confident


def test_the_compiled_fit_gives_the_array_code_s_sums_to_the_last_bit() -> None:
    from jaga.robust import corners

    turned = draw_scene(71, (481, 321)).rotate(-5.0, Image.Resampling.BICUBIC)
    luma = _luma(turned)
    sides = corners._Side.joined(
        [corners._fill_depths(np.rot90(luma, turns), 0.0, 8.5) for turns in range(4)]
    )
    degrees = np.round(np.arange(-8.5, 8.5, 0.1), 2)
    for fitted, expected in zip(
        corners._fit(sides, degrees), corners._fit_arrays(sides, degrees), strict=True
    ):
        assert np.array_equal(fitted, expected)


def _numpy_corner_fill(luma: np.ndarray, patch: int) -> tuple[float, float] | None:
    """The former NumPy start of `corner_tilt`: the corners' fill and the ring's share."""
    corners_ = np.stack(
        (luma[:patch, :patch], luma[:patch, -patch:], luma[-patch:, :patch], luma[-patch:, -patch:])
    ).reshape(4, -1)
    levels = np.sort(corners_, axis=1)[:, corners_.shape[1] // 2]
    fill = float(np.sort(levels)[1:3].mean())
    if float(np.abs(levels - fill).max()) > corners.FILL_TOLERANCE:
        return None
    ring = np.concatenate((luma[0], luma[-1], luma[:, 0], luma[:, -1]))
    return fill, float(np.mean(np.abs(ring - fill) <= corners.FILL_TOLERANCE))


def _numpy_wedge_depths(
    side: np.ndarray, fill: float, reach: int, start: int, stop: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The former NumPy body of `_fill_depths` (depth, found, share per column)."""
    band = side[: reach + 2, start:stop].astype(np.float64)
    off = np.abs(band[:reach] - fill) > corners.FILL_TOLERANCE
    found = np.asarray(off.any(axis=0), dtype=np.bool_)
    depth = np.where(found, np.argmax(off, axis=0), reach)
    columns = np.arange(band.shape[1])
    edge = band[np.minimum(depth, reach), columns]
    inside = band[np.minimum(depth + 1, reach + 1), columns]
    contrast = inside - fill
    share = np.clip((inside - edge) / np.where(contrast == 0, 1.0, contrast), 0.0, 1.0)
    share = np.where(found & (np.abs(contrast) >= corners.MIN_EDGE_CONTRAST), share, 0.0)
    return depth, found, share


def test_the_compiled_corner_and_wedge_reads_give_the_array_code_s_values() -> None:
    rng = np.random.default_rng(21)
    compared = 0
    for trial in range(300):
        height, width = (int(v) for v in rng.integers(6, 300, 2))
        fill = float(rng.choice([0.0, 255.0, float(rng.integers(0, 256))]))
        luma = (rng.random((height, width)) * 255).astype(np.float32)
        if trial % 3:  # a picture turned on its own canvas: fill in the four corners
            luma = np.asarray(
                Image.fromarray(luma, mode="F").rotate(
                    float(rng.uniform(-9, 9)), resample=Image.Resampling.BILINEAR, fillcolor=fill
                ),
                dtype=np.float32,
            )
            luma = luma + (rng.random(luma.shape) * 6 - 3).astype(np.float32)  # JPEG-like noise
        patch = max(2, min(height, width) // 100)
        expected = _numpy_corner_fill(luma, patch)
        ours = corners._corner_fill(luma, patch, corners.FILL_TOLERANCE)
        if expected is None:
            assert np.isnan(ours[0])
            continue
        assert ours == expected
        compared += 1
        reach = int(rng.integers(1, max(2, min(height, width) - 2)))
        for turns in range(4):
            side = np.rot90(luma, turns)
            stop = side.shape[1] - 2
            got = corners._wedge_depths(side, ours[0], reach, 2, stop)
            for a, b in zip(got, _numpy_wedge_depths(side, ours[0], reach, 2, stop), strict=True):
                assert np.array_equal(a, b)
    assert compared > 100
