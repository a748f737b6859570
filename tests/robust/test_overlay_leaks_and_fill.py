"""Lettering over a light sky, the cheaper fill, and the colour decode's chroma.

* Meme text over a light sky or wall: reduced to the size PDQ's picture is read at, the
  letters' outline is one pixel wide and runs diagonally round curves, so the light fill
  and the light sky touch corner to corner. Light blobs are joined through side
  neighbours only, so each letter stays a blob ringed by its outline and is found.
* The fill of a painted-out overlay is computed only around the mask, and its wide pass
  at a quarter of the size; it must give what the whole-picture fill gives.
* The chroma of a colour decode is computed in integers; it must be the float value.
"""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

from jaga.demo.drawing import draw_scene
from jaga.hashing.hasher import hash_bytes
from jaga.hashing.image_io import iter_luma_frames, open_image
from jaga.hashing.pdq import hamming_distance_hex
from jaga.robust import overlays
from jaga.robust.overlays import FILL_MIN_WEIGHT, find_overlays, inpaint
from jaga.robust.views import ViewSettings

from .pictures import jpeg, reference_hex
from .test_overlays import STROKES


def _under_a_light_sky(seed: int) -> Image.Image:
    """A drawn scene (greyed like a photo) whose top third is a bright, slightly textured
    sky: the light background meme text is most often written on."""
    scene = draw_scene(seed).resize((481, 321))
    picture = Image.blend(scene, scene.convert("L").convert("RGB"), 0.6)
    rows = np.linspace(236, 196, 110, dtype=np.float32)[:, None, None]
    texture = np.random.default_rng(seed).normal(0, 3, (110, 481, 1)).astype(np.float32)
    sky = np.clip(rows + texture + np.zeros((1, 481, 3), np.float32), 0, 255).astype(np.uint8)
    pixels = np.asarray(picture).copy()
    pixels[:110] = sky
    return Image.fromarray(pixels)


def _captioned(picture: Image.Image) -> Image.Image:
    """White capitals 36 px high with a one-pixel black outline (half a pixel once decoded
    at half size, blended into a one-pixel diagonal line round the curves) across the
    sky, in our own stroke font."""
    copy = picture.copy()
    draw = ImageDraw.Draw(copy)
    tall, left, top = 36, 30, 20
    unit = tall / 6
    stroke = round(tall / 7)
    for width, colour in ((stroke + 2, (0, 0, 0)), (stroke, (255, 255, 255))):
        x = float(left)
        for letter in "HELLO THERE":
            for x0, y0, x1, y1 in STROKES.get(letter, ()):
                ends = ((x + x0 * unit, top + y0 * unit), (x + x1 * unit, top + y1 * unit))
                draw.line(ends, fill=colour, width=width)
                for cx, cy in ends:  # round joints
                    r = width / 2
                    draw.ellipse((cx - r, cy - r, cx + r, cy + r), colour)
            x += 6 * unit
    return copy


def _frame(data: bytes):  # type: ignore[no-untyped-def]
    with open_image(data) as opened:
        return next(iter_luma_frames(opened, colour=True))


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_lettering_over_a_light_sky_is_found_and_the_copy_comes_back(seed: int) -> None:
    original = _under_a_light_sky(seed)
    data = jpeg(_captioned(original))
    frame = _frame(data)
    found = find_overlays(frame.luma, frame.chroma)
    assert found is not None and "text" in found.kinds
    height = found.mask.shape[0]
    assert found.mask[round(20 / 321 * height) : round(56 / 321 * height)].mean() > 0.1
    assert found.mask[height // 2 :].mean() < 0.01  # the scene below is left alone
    reference = reference_hex(original)
    hashes = hash_bytes(data, "copy.jpg", dihedral=True, views=ViewSettings())
    plain = hamming_distance_hex(reference, hashes.pdq[0].hex)
    best = min(hamming_distance_hex(reference, pdq.hex) for _how, pdq in hashes.views)
    # A line this small moves plain PDQ by 14-20 bits only; painted out, the copy is
    # within a few bits of the original.
    assert best <= 12 and best < plain


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_with_corner_neighbours_the_same_lettering_leaks_into_the_sky(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Why side neighbours: joined corner to corner, letters and sky are one light blob,
    whose ring is mostly sky-bright, and no line of glyphs is left to find."""
    frame = _frame(jpeg(_captioned(_under_a_light_sky(seed))))
    monkeypatch.setattr(overlays, "GLYPH_CONNECTIVITY", 8)
    leaked = find_overlays(frame.luma, frame.chroma)
    assert leaked is None or "text" not in leaked.kinds


def _whole_picture_fill(
    luma: np.ndarray, mask: np.ndarray, sigma: float
) -> tuple[np.ndarray, np.ndarray]:
    known = (~mask).astype(np.float32)
    weight = cv2.GaussianBlur(known, (0, 0), sigma)
    mean = cv2.GaussianBlur(luma * known, (0, 0), sigma) / np.maximum(weight, 1e-6)
    return mean, weight


def test_the_fill_around_the_mask_is_the_whole_picture_fill() -> None:
    rng = np.random.default_rng(3)
    luma = cv2.GaussianBlur(rng.uniform(0, 255, (161, 241)).astype(np.float32), (0, 0), 3)
    mask = np.zeros(luma.shape, dtype=bool)
    mask[20:24, 30:90] = True  # a stroke: filled by the narrow pass alone
    mask[120:123, 200:238] = True
    filled = inpaint(luma, mask)
    assert np.array_equal(filled[~mask], luma[~mask])  # the photo is left alone
    sigma = max(overlays.FILL_SIGMA_MIN, max(luma.shape) * overlays.FILL_SIGMA)
    mean, weight = _whole_picture_fill(luma, mask, sigma)
    narrow = mask & (weight >= FILL_MIN_WEIGHT)
    assert narrow.sum() == mask.sum()
    assert np.allclose(filled[narrow], mean[narrow], atol=1e-3)


def test_a_wide_overlay_is_filled_from_further_out_close_to_the_full_size_fill() -> None:
    rng = np.random.default_rng(4)
    luma = cv2.GaussianBlur(rng.uniform(0, 255, (161, 241)).astype(np.float32), (0, 0), 6)
    mask = np.zeros(luma.shape, dtype=bool)
    mask[40:90, 60:160] = True  # a solid block: its middle has no photo within reach
    filled = inpaint(luma, mask)
    sigma = max(overlays.FILL_SIGMA_MIN, max(luma.shape) * overlays.FILL_SIGMA)
    _mean, narrow_weight = _whole_picture_fill(luma, mask, sigma)
    wide_mean, wide_weight = _whole_picture_fill(luma, mask, overlays.WIDE_FILL * sigma)
    deep = mask & (narrow_weight < FILL_MIN_WEIGHT) & (wide_weight >= 2 * FILL_MIN_WEIGHT)
    assert deep.sum() > 500
    assert np.abs(filled[deep] - wide_mean[deep]).mean() < 2.0
    known = luma[~mask]
    assert filled[mask].min() >= known.min() and filled[mask].max() <= known.max()


def test_colour_decode_chroma_is_the_distance_of_cb_cr_from_grey() -> None:
    picture = draw_scene(7).resize((481, 321))
    data = jpeg(picture)
    frame = _frame(data)
    with Image.open(io.BytesIO(data)) as opened:
        opened.draft("YCbCr", (128, 128))
        planes = np.asarray(opened).astype(np.float32)
    expected = np.hypot(planes[:, :, 1] - 128.0, planes[:, :, 2] - 128.0).astype(np.float32)
    assert frame.chroma is not None and frame.chroma.shape == expected.shape
    assert np.array_equal(frame.chroma, expected)
    assert np.array_equal(frame.luma, planes[:, :, 0])
