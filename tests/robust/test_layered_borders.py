"""An original with its own border (a video frame's black bars) padded again: the views must
still find the original with its bars, not only the picture between them."""

from __future__ import annotations

from PIL import Image, ImageFilter, ImageOps

from jaga.demo.drawing import draw_scene
from jaga.hashing.hasher import hash_bytes
from jaga.hashing.pdq import hamming_distance_hex
from jaga.robust.views import ViewSettings

from .pictures import jpeg, reference_hex


def _frame_with_bars(seed: int) -> Image.Image:
    """A 480x720 video frame: a 400-px-wide picture between two black bars."""
    frame = Image.new("RGB", (480, 720), (0, 0, 0))
    frame.paste(draw_scene(seed, (400, 720)), (40, 0))
    return frame


def _story(picture: Image.Image, fill: str) -> Image.Image:
    """Fitted across a 9:16 canvas, black or on a blurred enlarged copy of itself."""
    size = (picture.width, round(picture.width * 16 / 9))
    if fill == "black":
        canvas = Image.new("RGB", size, (0, 0, 0))
    else:
        canvas = ImageOps.fit(picture, size).filter(ImageFilter.GaussianBlur(max(size) / 25))
    canvas.paste(picture, (0, (size[1] - picture.height) // 2))
    return canvas


def _padded(picture: Image.Image, share: float, fill: str) -> Image.Image:
    size = (round(picture.width * (1 + share)), round(picture.height * (1 + share)))
    if fill == "black":
        canvas = Image.new("RGB", size, (0, 0, 0))
    else:
        canvas = ImageOps.fit(picture, size).filter(ImageFilter.GaussianBlur(max(size) / 25))
        canvas = canvas.point(lambda v: round(v * 0.8))
    canvas.paste(picture, ((size[0] - picture.width) // 2, (size[1] - picture.height) // 2))
    return canvas


def _closest(copy: Image.Image, reference: str) -> tuple[int, int, str]:
    """Plain distance, and the closest view's distance and name."""
    hashes = hash_bytes(jpeg(copy, 90), "copy.jpg", dihedral=True, views=ViewSettings())
    how, pdq = min(hashes.views, key=lambda v: hamming_distance_hex(reference, v[1].hex))
    return (
        hamming_distance_hex(reference, hashes.pdq[0].hex),
        hamming_distance_hex(reference, pdq.hex),
        how,
    )


def test_a_frame_with_black_bars_on_a_black_story_canvas_is_found_with_its_bars() -> None:
    # The bars and the added padding are one black: the frame detector cuts both, and only
    # a box spanning the canvas's width (the picture was fitted across it) has the bars.
    for seed in (61, 62, 63):
        original = _frame_with_bars(seed)
        plain, best, how = _closest(_story(original, "black"), reference_hex(original))
        assert plain > 31
        assert best <= 31, (seed, best, how)
        assert "spanning across" in how, how


def test_a_frame_with_black_bars_on_a_blurred_story_canvas_is_found() -> None:
    original = _frame_with_bars(64)
    plain, best, how = _closest(_story(original, "blurred"), reference_hex(original))
    assert plain > 31
    assert best <= 31, (best, how)


def test_a_frame_with_wide_bars_padded_on_a_dark_blurred_fill_is_found() -> None:
    # A square frame with wide bars (a portrait video shown in a square player): the fill,
    # a blurred copy of the frame, is black beside the bars, so the fill's edge shows only
    # above and below the picture; padding by a share gives the other axis's margins.
    for seed, share in ((65, 0.1), (66, 0.2), (67, 0.5)):
        original = Image.new("RGB", (720, 720), (0, 0, 0))
        original.paste(draw_scene(seed, (400, 720)), (160, 0))
        plain, best, how = _closest(_padded(original, share, "blurred"), reference_hex(original))
        assert plain > 31
        assert best <= 31, (seed, best, how)
        assert how.endswith("margins of same share"), how
