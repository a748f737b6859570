"""The overlay finder's masks on small drawn pictures at the reduced decode's size.

* Lettering over a light sky: at the reduced decode a meme outline is a pixel wide, and
  the white fill leaks through it into the sky at the lowest light level; it is found at
  a level nearer the fill's own (looked at when the meme's other line, over the darker
  photo, was found).
* The text's cores: smaller masks, each inside the one before, hashed as views of their own.
* A semi-transparent badge whose colour fades over part of the photo (a notch in its blob)
  is painted out whole, as its convex hull.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image

from jaga.robust import overlays
from jaga.robust.overlays import find_overlays, painted_out

from .test_overlays import draw_lettering


def _sky_with_lettering(sky: int) -> np.ndarray:
    """A light sky with a darker hill, and a line of white capitals with a black outline
    over each, drawn at twice the size and halved (as a reduced JPEG decode gives them):
    the outline ends up about a pixel wide and lighter than black where it is thin."""
    big = Image.new("RGB", (480, 320), (sky, sky, sky))
    hill = np.asarray(big).copy()
    rows = np.arange(320)[:, None]
    columns = np.arange(480)[None, :]
    hill[rows > 160 + 30 * np.sin(columns / 60.0)] = (90, 100, 80)
    big = Image.fromarray(hill)
    draw_lettering(big, "HELLO THERE", 40, 20, 36, (255, 255, 255), (0, 0, 0), ring=1)
    draw_lettering(big, "LATE AGAIN", 60, 250, 36, (255, 255, 255), (0, 0, 0), ring=1)
    small = big.convert("L").reduce(2)
    rng = np.random.default_rng(7)
    return np.clip(np.asarray(small, np.float32) + rng.normal(0, 2, (160, 240)), 0, 255).astype(
        np.float32
    )


@pytest.mark.parametrize("sky", [200, 205])
def test_lettering_on_a_light_sky_is_found(sky: int, monkeypatch: pytest.MonkeyPatch) -> None:
    luma = _sky_with_lettering(sky)
    found = find_overlays(luma, None)
    assert found is not None and found.kinds == ("text",)
    # Both lines' rows, not the sky or the hill between them.
    rows = np.flatnonzero(found.mask.any(axis=1))
    assert rows.min() >= 5 and rows.max() <= 150
    assert found.mask[:40].any() and found.mask[115:].any() and not found.mask[40:115].any()
    # At the lowest light level alone the top line's fill runs into the sky.
    monkeypatch.setattr(overlays, "GLYPH_LEAK_LIGHT", 0.0)
    alone = find_overlays(luma, None)
    assert alone is not None and not alone.mask[:45].any()


def test_text_cores_lie_inside_the_mask_and_are_hashed_as_views() -> None:
    luma = _sky_with_lettering(200)
    found = find_overlays(luma, None)
    assert found is not None and found.text_cores
    outer = found.mask
    for core in found.text_cores:
        assert core.any() and not (core & ~outer).any() and core.sum() < outer.sum()
        outer = core
    hows = [how for how, _picture in painted_out(luma, found)]
    assert hows[0] == "overlaid text painted out"
    assert "overlaid text core painted out" in hows
    assert len(hows) == 1 + len(found.text_cores) + (found.text_ringed is not None)


def test_a_fading_badge_is_painted_out_whole() -> None:
    """A blue badge drawn at 80% over a photo: where it crosses a dark, grey band of the
    photo its colour falls below the colour threshold, a notch in its blob."""
    rng = np.random.default_rng(3)
    luma = np.clip(110 + rng.normal(0, 12, (160, 240)), 0, 255).astype(np.float32)
    chroma = np.clip(12 + rng.normal(0, 4, (160, 240)), 0, None).astype(np.float32)
    top, bottom, left, right = 120, 144, 180, 228
    chroma[top:bottom, left:right] = 85
    notch = (slice(134, bottom), slice(196, 210))
    chroma[notch] = 25
    found = find_overlays(luma, chroma)
    assert found is not None and found.kinds == ("logo",)
    assert found.mask[notch].all()
    box = np.zeros_like(found.mask)
    box[top:bottom, left:right] = True
    grown = cv2.dilate(box.view(np.uint8), np.ones((5, 5), np.uint8)) > 0
    assert not (found.mask & ~grown).any()


def test_with_a_graphic_found_too_the_text_cores_are_also_painted_out_alone() -> None:
    """Lettering over a light sky and a flat blue badge between its lines: the badge may be a piece
    of photo taken for a logo (a lit sign), so each text core is hashed alone as well as
    with the badge, as the whole text mask is."""
    luma = _sky_with_lettering(200)
    chroma = np.full(luma.shape, 10.0, np.float32)
    chroma[60:84, 180:228] = 85
    found = find_overlays(luma, chroma)
    assert found is not None and found.kinds == ("text", "logo") and found.text_cores
    views = dict(painted_out(luma, found))
    assert "overlaid text core painted out" in views
    assert "overlaid text core and logo painted out" in views
    # The core alone leaves the badge as it was; with the badge, it is filled.
    badge = (slice(64, 80), slice(184, 224))
    assert np.array_equal(views["overlaid text core painted out"][badge], luma[badge])
    assert not np.array_equal(views["overlaid text core and logo painted out"][badge], luma[badge])
    text_alone = overlays.inpaint(luma, found.text_cores[0])
    assert np.array_equal(views["overlaid text core painted out"], text_alone)


def test_a_light_patch_touching_the_outline_is_left_out_of_the_ringed_core() -> None:
    """White capitals outlined in black over a dark wall, with a white window frame of the
    photo right under the letters, touching their outline: the frame is fill-tone and
    enclosed in the line's box, so the core paints it out as the letters' fill; the ringed
    core keeps only fill blobs the outline rings, and leaves the frame as it was."""
    pixels = np.full((320, 480, 3), 60, np.uint8)
    pixels[87:97, 60:140] = 235  # the frame, drawn first: the letters go over the photo
    big = Image.fromarray(pixels)
    rng = np.random.default_rng(11)
    draw_lettering(big, "HELLO THERE", 40, 40, 40, (255, 255, 255), (0, 0, 0), ring=3)
    small = big.convert("L").reduce(2)
    luma = np.clip(np.asarray(small, np.float32) + rng.normal(0, 2, (160, 240)), 0, 255)
    luma = luma.astype(np.float32)
    found = find_overlays(luma, None)
    assert found is not None and found.text_cores and found.text_ringed is not None
    # The frame at the reduced size: rows 44-48, columns 30-70; its top row lies next to
    # the letters' outline.
    core = found.text_cores[0]
    assert core[44, 32:68].all()
    assert not found.text_ringed[44:49, 30:70].any()
    # The letters themselves are in both.
    letters = found.text_ringed & core
    assert letters.sum() > 0.8 * found.text_ringed.sum()
    hows = [how for how, _picture in painted_out(luma, found)]
    assert "overlaid text ringed core painted out" in hows
