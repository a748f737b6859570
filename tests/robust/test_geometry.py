"""Geometry of the query views on drawn pictures: exact tilts, exact frame edges, cheap gates."""

from __future__ import annotations

import io

import numpy as np
import pdqhash
import pytest
from PIL import Image, ImageDraw

from jaga.demo.drawing import draw_scene
from jaga.hashing.image_io import iter_luma_frames, open_image
from jaga.hashing.pdq import bit_vector_to_hex, hamming_distance_hex
from jaga.robust.corners import corner_tilt
from jaga.robust.views import (
    ViewSettings,
    WorkImage,
    _paint_lost_corners,
    exact_box,
    framed_boxes,
    has_quiet_side,
    may_be_framed,
    query_views,
    quiet_sides,
    work_image,
)


def _work(image: Image.Image, quality: int = 95) -> WorkImage:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=quality)
    with open_image(buffer.getvalue()) as opened:
        return work_image(next(iter_luma_frames(opened)))


def _textured(seed: int, size: tuple[int, int]) -> Image.Image:
    """A drawn scene with fine texture everywhere, up to its edges (as most photos)."""
    scene = np.asarray(draw_scene(seed, size), dtype=np.float32)
    grain = np.random.default_rng(seed).normal(0.0, 25.0, scene.shape[:2])[:, :, None]
    return Image.fromarray(np.clip(scene + grain, 0, 255).astype(np.uint8), "RGB")


@pytest.mark.parametrize("angle", [2.0, -4.0, 8.0])
def test_the_tilt_is_read_to_a_tenth_of_a_degree_on_an_odd_sized_picture(angle: float) -> None:
    # 601 x 401 decodes at half size to 301 x 201 pixels, the last row and column half
    # empty: the far sides' wedges are read from the true edge.
    work = _work(draw_scene(61, (601, 401)).rotate(angle, Image.Resampling.BICUBIC))
    assert work.extent == (200.5, 300.5)
    read = corner_tilt(work.luma, 8.0, work.extent)
    assert read is not None and read.confident
    assert abs(read.degrees - angle) <= 0.1


def test_a_frame_all_round_is_not_read_as_corner_wedges() -> None:
    canvas = Image.new("RGB", (720, 480))
    canvas.paste(draw_scene(62, (600, 400)), (60, 40))
    assert corner_tilt(_work(canvas).luma, 8.0) is None


def test_exact_box_finds_the_edges_between_pixels() -> None:
    # The picture starts 37 px into a 4x-reduced canvas: 9.25 reduced pixels.
    scene = draw_scene(63, (1000, 640))
    canvas = Image.new("RGB", (1074, 714), (255, 255, 255))
    canvas.paste(scene, (37, 37))
    work = _work(canvas)
    assert work.scale == 4
    colour_boxes = [(box, colour) for _how, box, colour in framed_boxes(work.luma) if colour]
    assert colour_boxes
    box, colour = colour_boxes[0]
    found = exact_box(work.luma, box, colour)
    truth = (37 / 4, (37 + 640) / 4, 37 / 4, (37 + 1000) / 4)
    assert max(abs(f - t) for f, t in zip(found, truth, strict=True)) <= 0.3, found


def test_a_dark_edged_picture_on_black_gets_margins_matched_to_the_other_axis() -> None:
    # Dark bands along the top and bottom of the photo merge with a black frame: its
    # vertical margins look wider; the horizontal ones say how wide the frame is.
    scene = draw_scene(64, (600, 400))
    pen = ImageDraw.Draw(scene)
    pen.rectangle((0, 0, 600, 40), fill=(3, 3, 3))
    pen.rectangle((0, 360, 600, 400), fill=(3, 3, 3))
    canvas = Image.new("RGB", (720, 480))
    canvas.paste(scene, (60, 40))
    work = _work(canvas)
    height, width = work.luma.shape
    truth = (height / 12, height * 11 / 12, width / 12, width * 11 / 12)
    boxes = {how: box for how, box, _colour in framed_boxes(work.luma)}
    assert abs(boxes["de-bordered"][0] - truth[0]) > 3  # the dark band was taken for frame
    matched = boxes["de-bordered, margins of same share"]
    assert max(abs(f - t) for f, t in zip(matched, truth, strict=True)) <= 1.0, matched


def test_quiet_sides_mark_frames_and_textured_photos_have_none() -> None:
    photo = _textured(65, (600, 400))
    assert not has_quiet_side(_work(photo).luma)
    assert framed_boxes(_work(photo).luma) == []
    canvas = Image.new("RGB", (600, 500), (255, 255, 255))
    canvas.paste(photo.resize((500, 333)), (50, 80))
    assert has_quiet_side(_work(canvas).luma)


def test_one_quiet_side_of_no_flat_colour_is_a_photo_not_a_frame() -> None:
    photo = np.asarray(_textured(66, (600, 400)), dtype=np.float32).copy()
    # A sky: the top fifth smooth, a gradient across (no flat colour along the top line).
    photo[:80] = np.linspace(60.0, 220.0, 600, dtype=np.float32)[None, :, None]
    work = _work(Image.fromarray(photo.astype(np.uint8), "RGB"))
    sides = quiet_sides(work.luma)
    assert sides[0] and not any(sides[1:])
    assert not may_be_framed(work.luma, sides)
    # A caption bar of one flat colour on one side only is a frame.
    barred = photo.copy()
    barred[:80] = 245.0
    work = _work(Image.fromarray(barred.astype(np.uint8), "RGB"))
    sides = quiet_sides(work.luma)
    assert sides[0] and not any(sides[1:])
    assert may_be_framed(work.luma, sides)
    # Padding lies on two opposite sides, whatever its colour.
    padded = Image.new("RGB", (600, 520), (0, 0, 0))
    padded.paste(Image.fromarray(photo.astype(np.uint8), "RGB"), (0, 60))
    work = _work(padded)
    assert may_be_framed(work.luma, quiet_sides(work.luma))


def test_lost_corners_are_filled_smoothly_and_known_pixels_kept() -> None:
    rows, columns = np.mgrid[0:120, 0:160].astype(np.float32)
    luma = rows + columns  # a plain ramp: a smooth fill continues it closely
    known = np.ones(luma.shape, dtype=bool)
    known[:20, :30] = False
    painted = _paint_lost_corners(np.where(known, luma, 0.0).astype(np.float32), known)
    assert np.array_equal(painted[known], luma[known])
    assert float(np.abs(painted[~known] - luma[~known]).mean()) < 20.0
    assert painted[~known].min() > 0.0  # nothing of the black fill left


def test_a_screenshot_like_canvas_with_a_photo_off_the_pixel_grid_matches() -> None:
    original = draw_scene(66, (800, 600))
    reference = bit_vector_to_hex(pdqhash.compute(np.asarray(original))[0])
    photo = original.resize((470, 352), Image.Resampling.LANCZOS)
    canvas = Image.new("RGB", (540, 960), (255, 255, 255))
    ImageDraw.Draw(canvas).rectangle((0, 0, 540, 36), fill=(245, 245, 245))
    canvas.paste(photo, (35, 137))  # 137 / 4 = 34.25: the edge is inside a pixel
    views = query_views(_work(canvas, 90), ViewSettings(overlays=False))
    assert min(hamming_distance_hex(reference, view.pdq.hex) for view in views) <= 31
