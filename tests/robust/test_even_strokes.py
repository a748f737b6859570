"""Lettering's fill is strokes of one width and one colour, set side by side: a light patch
of the photo seen inside a letter's counter (ringed by the outline like a letter's fill) is
thicker and lies inside a letter, and a shaded light patch between letters is not of the
letters' colour; neither is painted out with the letters; the letters still are."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image

from jaga.robust import overlays
from jaga.robust.overlay_kernels import blob_max
from jaga.robust.overlays import find_overlays

from .test_overlays import draw_lettering

TALL = 90
LEFT, TOP = 30, 150
UNIT = TALL / 6
TEXT = "HOT HOTEL"
RING = 2


def _counters() -> list[tuple[int, int, int, int]]:
    """Each O's counter, inside its outline (top, bottom, left, right)."""
    inside = 0.7 * UNIT  # past half the stroke and the outline (13 / 2 + RING pixels)
    boxes = []
    for index, letter in enumerate(TEXT):
        if letter == "O":
            x = LEFT + 6.5 * UNIT * index
            boxes.append(
                (
                    round(TOP + inside),
                    round(TOP + 6 * UNIT - inside),
                    round(x + inside),
                    round(x + 4 * UNIT - inside),
                )
            )
    return boxes


def _picture(seed: int) -> np.ndarray:
    """Dark textured photo, a light wall seen through each O, white outlined capitals."""
    rng = np.random.default_rng(seed)
    photo = 80 + rng.normal(0, 6, (400, 960))
    for top, bottom, left, right in _counters():
        photo[top - 8 : bottom + 8, left - 8 : right + 8] = 230 + rng.normal(0, 3, (1, 1))
    image = Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8)).convert("RGB")
    draw_lettering(image, TEXT, LEFT, TOP, TALL, (255, 255, 255), (0, 0, 0), RING)
    return np.asarray(image.convert("L"), np.float32)


def _walls_painted(luma: np.ndarray) -> tuple[bool, bool]:
    """Whether any mask found paints the walls' middles, and whether it paints the H.

    Found as at a finer decode (strokes 13 pixels wide, as large text on a 1024-px photo
    decoded at half size), where the masks take the letters' whole fill."""
    found = find_overlays(luma, None, 2)
    assert found is not None and "text" in found.kinds
    masks = [found.mask, *found.text_cores]
    if found.text_ringed is not None:
        masks.append(found.text_ringed)
    walls = any(
        mask[top + 6 : bottom - 6, left + 6 : right - 6].any()
        for mask in masks
        for top, bottom, left, right in _counters()
    )
    # The H's stem, from the top of the letter to its bottom, in the mask and the core (the
    # inner core leaves out a stroke's middle, more than a pixel from the outline).
    stem = all(mask[TOP + 5 : TOP + TALL - 5, LEFT].all() for mask in masks[:2])
    return walls, stem


@pytest.mark.parametrize("seed", [1, 2])
def test_a_light_wall_inside_the_counters_is_not_painted_out(seed: int) -> None:
    walls, stem = _walls_painted(_picture(seed))
    assert stem
    assert not walls


def test_without_the_stroke_and_counter_rules_the_walls_would_be_painted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(overlays, "STROKE_THICKER", 1e9)
    monkeypatch.setattr(overlays, "STROKE_THINNER", 0.0)
    monkeypatch.setattr(overlays, "_facing_out", lambda fill: fill)
    walls, stem = _walls_painted(_picture(1))
    assert stem
    assert walls


def test_the_counter_rule_alone_keeps_the_walls_inside_the_os(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A wall seen through a counter lies inside the O's fill: not a letter's fill even
    # when it is as thick as the strokes (the stroke rule switched off here).
    monkeypatch.setattr(overlays, "STROKE_THICKER", 1e9)
    monkeypatch.setattr(overlays, "STROKE_THINNER", 0.0)
    walls, stem = _walls_painted(_picture(2))
    assert stem
    assert not walls


def test_a_blob_inside_another_blobs_hole_is_not_fill() -> None:
    fill = np.zeros((60, 120), np.uint8)
    fill[10:50, 10:50] = 1
    fill[18:42, 18:42] = 0  # an O: a ring of fill round a counter
    fill[25:35, 25:35] = 1  # a light patch inside the counter
    fill[10:50, 70:78] = 1  # an I beside it
    fill[54:58, 60:64] = 1  # a speck outside any letter (the other rules judge it)
    kept = overlays._facing_out(fill)
    assert kept[10:50, 10:18].all() and kept[10:50, 70:78].all() and kept[54:58, 60:64].all()
    assert not kept[25:35, 25:35].any()


def test_at_a_finer_decode_fill_blobs_shaded_under_the_letters_colour_are_left_out() -> None:
    fill = np.zeros((80, 200), np.uint8)
    band = np.full(fill.shape, 60.0, np.float32)
    for x in (10, 40, 70, 100):  # strokes 8 pixels wide, found as glyphs, flat white
        fill[10:70, x : x + 8] = 1
        band[10:70, x : x + 8] = 252.0
    band[10:70, 100:108] = 200.0  # as thick, but a shaded light rib of the photo
    letters = np.zeros_like(fill)
    letters[10:70, 5:85] = 1
    kept = overlays._even_strokes(fill, letters, band, 250.0)
    assert kept[10:70, 10:18].all() and kept[10:70, 70:78].all()
    assert not kept[:, 95:].any()
    # Without the tones (the reduced decode) only the strokes' width is judged.
    assert overlays._even_strokes(fill, letters)[10:70, 100:108].all()


def test_no_glyph_pixels_leaves_the_fill_as_it_is() -> None:
    fill = np.zeros((40, 60), np.uint8)
    fill[5:35, 5:30] = 1
    fill[10:12, 40:55] = 1
    letters = np.zeros_like(fill)
    assert np.array_equal(overlays._even_strokes(fill, letters), fill)


def test_strokes_of_one_width_are_kept_and_thicker_or_thinner_blobs_are_not() -> None:
    fill = np.zeros((80, 200), np.uint8)
    for x in (10, 40, 70):  # three strokes 8 pixels wide, 60 tall, found as glyphs
        fill[10:70, x : x + 8] = 1
    fill[10:70, 100:140] = 1  # a wall 40 pixels wide
    fill[30, 160] = fill[50, 170] = 1  # single light specks of the photo
    letters = np.zeros_like(fill)
    letters[10:70, 5:85] = 1
    kept = overlays._even_strokes(fill, letters)
    assert kept[10:70, 10:18].all() and kept[10:70, 70:78].all()
    assert not kept[:, 95:].any()


@pytest.mark.parametrize("shape", [(1, 1), (1, 7), (33, 41), (120, 90)])
def test_blob_max_is_numpy_maximum_at(shape: tuple[int, int]) -> None:
    rng = np.random.default_rng(sum(shape))
    light = (rng.random(shape) > 0.5).astype(np.uint8)
    count, labels = cv2.connectedComponents(light, connectivity=8)
    values = rng.random(shape).astype(np.float32) * 9 * light
    expected = np.zeros(count, np.float32)
    np.maximum.at(expected, labels.ravel(), values.ravel())
    assert np.array_equal(blob_max(labels, values, count), expected)


def _box(left: float, top: float, width: float, height: float) -> list[float]:
    row = [0.0] * 5
    row[cv2.CC_STAT_LEFT], row[cv2.CC_STAT_TOP] = left, top
    row[cv2.CC_STAT_WIDTH], row[cv2.CC_STAT_HEIGHT] = width, height
    row[cv2.CC_STAT_AREA] = 0.4 * width * height
    return row


def test_letters_outnumbered_by_a_striped_photos_bars_are_still_their_line() -> None:
    # Five white letters of one size on one row (fill 250), linked with nine light bars of
    # a blind (fill 190-215, every height, stacked above and below): the group's median
    # fill is the bars' shade, but the letters' colour holds the row of most letters.
    letters = [_box(100 + 20 * i, 20, 16, 22) for i in range(5)]
    bars = [
        _box(90 + 13 * i, 5 + 9 * i, 30, h) for i, h in enumerate((4, 8, 12, 20, 30, 6, 9, 14, 40))
    ]
    boxes = np.array(letters + bars, np.float64)
    fills = np.array([250.0, 248, 252, 247, 251, 190, 195, 200, 205, 210, 192, 198, 207, 215])
    members = np.arange(len(boxes))
    row = overlays._lettered_row(members, fills, boxes)
    assert set(row.tolist()) == set(range(5))
    # The median's colour alone (the rule before) leaves every letter out.
    median_row = overlays._main_row(overlays._one_colour(members, fills), boxes)
    assert not set(median_row.tolist()) & set(range(5))
    # One colour only (spread under two colours' width): the median's colour, as before.
    one = members[:5]
    assert np.array_equal(overlays._lettered_row(one, fills, boxes), overlays._main_row(one, boxes))
