"""The query views on drawn pictures: frames are cut at the right line, tilts are read back."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps

from jaga.demo.drawing import draw_scene
from jaga.hashing.hasher import hash_bytes
from jaga.hashing.image_io import iter_luma_frames, open_image
from jaga.hashing.pdq import hamming_distance_hex
from jaga.robust.views import (
    ViewSettings,
    centred_pictures,
    content_boxes,
    frame_tilt,
    region_views,
    work_image,
)

from .pictures import jpeg, reference_hex


def _jpeg(image: Image.Image) -> bytes:
    return jpeg(image, 92)


def _work(image: Image.Image):  # type: ignore[no-untyped-def]
    with open_image(_jpeg(image)) as opened:
        return work_image(next(iter_luma_frames(opened)))


def _padded(image: Image.Image, fill: str, share: float = 0.2) -> Image.Image:
    size = (round(image.width * (1 + share)), round(image.height * (1 + share)))
    if fill == "blurred":
        canvas = ImageOps.fit(image, size).filter(ImageFilter.GaussianBlur(max(size) / 25))
    else:
        canvas = Image.new("RGB", size, {"black": (0, 0, 0), "white": (255, 255, 255)}[fill])
    canvas.paste(image, ((size[0] - image.width) // 2, (size[1] - image.height) // 2))
    return canvas


_reference = reference_hex


@pytest.mark.parametrize("fill", ["black", "white", "blurred"])
def test_frames_are_cut_at_the_line_where_the_picture_starts(fill: str) -> None:
    original = draw_scene(41, (600, 400))
    work = _work(_padded(original, fill))
    height, width = work.luma.shape
    # The picture spans 1/1.2 of each side, centred.
    expected = (height / 12, height * 11 / 12, width / 12, width * 11 / 12)
    boxes = [box for _how, box in content_boxes(work.luma)]
    assert any(
        all(abs(found - want) <= 1.0 for found, want in zip(box, expected, strict=True))
        for box in boxes
    ), (boxes, expected)


def test_no_frame_no_cut() -> None:
    assert content_boxes(_work(draw_scene(42, (600, 400))).luma) == []


@pytest.mark.parametrize("angle", [3.0, -5.0, 8.0])
def test_tilt_is_read_off_the_frame(angle: float) -> None:
    tilted = _padded(draw_scene(43, (600, 400)), "white").rotate(angle, fillcolor=(0, 0, 0))
    tilt = frame_tilt(_work(tilted).luma)
    assert tilt is not None and abs(tilt - angle) <= 0.3


def test_upright_pictures_have_no_tilt() -> None:
    assert frame_tilt(_work(draw_scene(44, (600, 400))).luma) is None
    assert frame_tilt(_work(_padded(draw_scene(44, (600, 400)), "black")).luma) is None


def test_views_bring_a_framed_tilted_copy_back_within_distance() -> None:
    original = draw_scene(45, (600, 400))
    copy = _padded(original, "black").rotate(4, fillcolor=(0, 0, 0))
    hashes = hash_bytes(_jpeg(copy), "copy.jpg", dihedral=True, views=ViewSettings())
    reference = _reference(original)
    assert hamming_distance_hex(reference, hashes.pdq[0].hex) > 31
    closest = min(hashes.views, key=lambda v: hamming_distance_hex(reference, v[1].hex))
    assert hamming_distance_hex(reference, closest[1].hex) <= 31
    assert closest[0].startswith("rotated back 4° clockwise")
    assert all(view.quality >= 50 for _how, view in hashes.views)


def test_lettering_written_level_on_a_turned_copy_is_painted_out_before_turning_back() -> None:
    """A padded copy turned 3°, then meme lettering written level over it (the issue's
    must-show copy with large text): turned back, the lettering would lie slanted over
    the photo; painted out where it was found, level, and then turned back, it is gone."""
    original = draw_scene(47, (600, 400))
    copy = _padded(original, "white").rotate(
        3, resample=Image.Resampling.BICUBIC, fillcolor=(255, 255, 255)
    )
    ImageDraw.Draw(copy).text(
        (copy.width // 2, round(copy.height * 0.72)),
        "SHARE THIS NOW",
        font=ImageFont.load_default(size=copy.height // 9),
        fill="white",
        anchor="mt",
        stroke_width=copy.height // 108,
        stroke_fill="black",
    )
    hashes = hash_bytes(_jpeg(copy), "copy.jpg", views=ViewSettings())
    reference = _reference(original)
    closest = min(hashes.views, key=lambda v: hamming_distance_hex(reference, v[1].hex))
    assert hamming_distance_hex(reference, closest[1].hex) <= 31, closest
    assert closest[0].startswith("rotated back 3° clockwise, overlay painted out")
    # Turned back with the lettering still on, the same copy stays past the distance.
    kept_on = [
        hamming_distance_hex(reference, view.hex)
        for how, view in hashes.views
        if how.startswith("rotated back") and "painted out" not in how
    ]
    assert kept_on and min(kept_on) > 31


def test_a_caption_on_the_padding_of_a_turned_copy_is_left_out_by_the_wider_margin() -> None:
    """Padding is centred: when a caption bar on the padding, turned back with the copy,
    is taken for picture on one side, the box centred on the other, wider margin is the
    photo."""
    from jaga.robust import views

    original = draw_scene(41, (600, 400))
    copy = _padded(original, "white").rotate(
        3, resample=Image.Resampling.BICUBIC, fillcolor=(255, 255, 255)
    )
    # A dark caption bar on the bottom padding, touching the photo's lower edge.
    ImageDraw.Draw(copy).rectangle((40, 442, 500, 462), fill=(20, 20, 20))
    work = _work(copy)
    tilt = views.tilt_candidates(work.luma, 8, extent=work.extent)[0]
    centre = views.turn_centre(work.luma.shape, work.extent)
    turned = views.rotate(work.luma, -tilt, centre)
    boxes = dict(content_boxes(turned, views.rotated_area(work.luma.shape, -tilt, centre)))
    height, width = work.luma.shape
    expected = (height / 12, height * 11 / 12, width / 12, width * 11 / 12)
    assert boxes["de-bordered"][1] > expected[1] + 4  # the caption taken for picture
    wider = boxes["de-bordered, centred on the wider margin"]
    assert all(abs(found - want) <= 1.5 for found, want in zip(wider, expected, strict=True))


def test_region_views_are_fifteen_named_crops() -> None:
    regions = region_views(_work(draw_scene(46, (600, 400))))
    assert len(regions) == 15
    assert {r.how for r in regions} >= {"crop 10% (centre)", "crop 20% (top-left)"}


def _on_dark_blurred_fill(image: Image.Image, share: float) -> Image.Image:
    """A social-app style copy: centred on a blurred, darkened enlargement of itself."""
    size = (round(image.width * (1 + share)), round(image.height * (1 + share)))
    canvas = ImageOps.fit(image, size).filter(ImageFilter.GaussianBlur(max(size) / 25))
    canvas = canvas.point(lambda v: round(v * 0.8))
    canvas.paste(image, ((size[0] - image.width) // 2, (size[1] - image.height) // 2))
    return canvas


def test_a_picture_centred_on_a_blurred_fill_is_cut_at_its_border() -> None:
    # A photo with flat bands along its top and bottom (sky, floor): its own flat parts
    # look like fill to a detail mask, but its border is still a step out of a quiet fill.
    scene = draw_scene(45, (600, 400))
    ImageDraw.Draw(scene).rectangle((0, 0, 600, 60), fill=(120, 160, 210))
    ImageDraw.Draw(scene).rectangle((0, 340, 600, 400), fill=(90, 80, 70))
    work = _work(_on_dark_blurred_fill(scene, 0.3))
    height, width = work.luma.shape
    expected = (height * 0.15 / 1.3, height * 1.15 / 1.3, width * 0.15 / 1.3, width * 1.15 / 1.3)
    boxes = centred_pictures(work.luma)
    assert any(
        all(abs(found - want) <= 1.0 for found, want in zip(box, expected, strict=True))
        for box in boxes
    ), (boxes, expected)
    # A photo on no fill gives no box (its edges have no quiet lines beyond them).
    assert centred_pictures(_work(draw_scene(46, (600, 400))).luma) == []
