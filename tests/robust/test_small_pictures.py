"""A photo that is a small part of its canvas (a 9:16 story, a screenshot) is cut again from a
finer decode: the reduced decode keeps the canvas at 128 px, leaving the photo too few."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from jaga.demo.drawing import draw_scene
from jaga.hashing.hasher import hash_bytes
from jaga.hashing.image_io import LumaFrame, decode_first_frame, iter_luma_frames, open_image
from jaga.hashing.pdq import hamming_distance_hex
from jaga.robust.views import ViewSettings, query_views, work_image

from .pictures import jpeg, reference_hex


def _photo(seed: int, size: tuple[int, int]) -> Image.Image:
    """A drawn scene with fine grain over it, so that a coarse decode loses something."""
    scene = np.asarray(draw_scene(seed, size)).astype(np.float32)
    rng = np.random.default_rng(seed)
    grain = rng.normal(0, 40, (size[1] // 8, size[0] // 8, 3))
    grain_image = Image.fromarray(np.clip(grain + 128, 0, 255).astype(np.uint8))
    fine = np.asarray(grain_image.resize(size, Image.Resampling.BILINEAR)).astype(np.float32)
    return Image.fromarray(np.clip(scene + fine - 128, 0, 255).astype(np.uint8))


def _story(photo: Image.Image) -> Image.Image:
    """The photo across a black 9:16 canvas, centred (a phone story)."""
    height = round(photo.width * 16 / 9)
    canvas = Image.new("RGB", (photo.width, height), (0, 0, 0))
    canvas.paste(photo, (0, (height - photo.height) // 2))
    return canvas


def _best(data: bytes, reference: str, calls: list[int] | None) -> int:
    """Closest view to `reference`; with `calls`, the finer decode is offered and logged."""

    def finer(at_most: int) -> LumaFrame | None:
        assert calls is not None
        calls.append(at_most)
        return decode_first_frame(data, at_most)

    with open_image(data) as image:
        frame = next(iter_luma_frames(image, colour=True))
    views = query_views(work_image(frame, None if calls is None else finer), ViewSettings())
    return min((hamming_distance_hex(reference, view.pdq.hex) for view in views), default=256)


def test_a_small_photo_on_a_story_canvas_is_cut_from_a_finer_decode() -> None:
    coarse, fine = [], []
    for seed in range(50, 56):
        photo = _photo(seed, (1024, 683))
        data = jpeg(_story(photo), 90)
        reference = reference_hex(photo)
        calls: list[int] = []
        fine.append(_best(data, reference, calls))
        coarse.append(_best(data, reference, None))
        # The canvas was decoded at 1/8 (128 px across, the photo 85 px tall): one finer
        # decode, at 1/4, which brings the photo to 171 px.
        assert calls == [4]
    assert max(fine) <= 31, fine
    assert sum(fine) < sum(coarse), (fine, coarse)


def test_the_product_path_finds_the_story_copy_and_plain_pdq_does_not() -> None:
    photo = _photo(57, (1024, 683))
    hashes = hash_bytes(jpeg(_story(photo), 90), "story.jpg", dihedral=True, views=ViewSettings())
    reference = reference_hex(photo)
    assert hamming_distance_hex(reference, hashes.pdq[0].hex) > 31
    how, closest = min(hashes.views, key=lambda v: hamming_distance_hex(reference, v[1].hex))
    assert hamming_distance_hex(reference, closest.hex) <= 31
    assert how.startswith("de-bordered")


def test_a_picture_with_no_frame_is_not_decoded_again() -> None:
    data = jpeg(_photo(58, (1024, 683)), 90)
    calls: list[int] = []
    with Image.open(io.BytesIO(data)) as copy:
        _best(data, reference_hex(copy), calls)
    assert calls == []


def test_the_finer_decode_keeps_size_and_orientation() -> None:
    data = jpeg(_story(_photo(59, (1024, 683))), 90)
    with open_image(data) as image:
        coarse = next(iter_luma_frames(image))
    fine = decode_first_frame(data, 4)
    assert (coarse.scale, fine.scale) == (8, 4)
    assert (fine.full_height, fine.full_width) == (coarse.full_height, coarse.full_width)
    assert fine.luma.shape == (455, 256)
