"""The lettering's outline width and one-size rules (jaga.robust.overlays)."""

from __future__ import annotations

import cv2
import numpy as np

from jaga.robust.overlays import _one_size, _outline_width


def test_outline_width_is_read_from_its_ends_not_from_dark_photo_next_to_it() -> None:
    # A light bar (the fill) in a 2-pixel dark outline on mid-grey photo, and a dark
    # block of photo touching the outline on one side: the width read is the drawn one.
    picture = np.full((60, 80), 128, np.uint8)
    picture[18:42, 18:62] = 20  # outline, 2 px round the fill
    picture[20:40, 20:60] = 240  # fill
    picture[5:55, 62:78] = 20  # a dark facade next to the letters
    fill = (picture >= 200).view(np.uint8)
    outline = (picture <= 60).view(np.uint8)
    assert _outline_width(fill, outline, reach=8) == 2
    # Without ends against lighter photo there is nothing to read: the bound stays.
    assert _outline_width(fill, np.ones_like(outline), reach=8) == 8


def test_a_line_needs_three_glyphs_of_one_height() -> None:
    def boxes(heights: list[int]) -> np.ndarray:
        rows = np.zeros((len(heights), 5))
        rows[:, cv2.CC_STAT_HEIGHT] = heights
        return rows

    members = np.arange(5)
    assert _one_size(members, boxes([26, 26, 25, 27, 14]))  # letters and a dot
    assert not _one_size(members, boxes([51, 42, 40, 20, 17]))  # lit windows
