"""The colour decode's chroma, computed in integers, must equal the float value.

The overlay finder reads lettering from chroma as well as luma; the integer form is only a
speed change (a quarter of a small JPEG's decode went on the float conversion), so it must
not move a single value.
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from jaga.demo.drawing import draw_scene
from jaga.hashing.image_io import LumaFrame, iter_luma_frames, open_image

from .pictures import jpeg


def _frame(data: bytes) -> LumaFrame:
    with open_image(data) as opened:
        return next(iter_luma_frames(opened, colour=True))


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
