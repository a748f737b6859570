"""Large lettering found at the reduced decode is painted out again at a 2x finer decode,
where a pixel of photo next to a stroke costs a quarter as much; small lettering (a
caption) and pictures without lettering are not decoded again."""

from __future__ import annotations

import numpy as np
from PIL import Image

from jaga.hashing.image_io import LumaFrame, decode_first_frame, iter_luma_frames, open_image
from jaga.hashing.pdq import hamming_distance_hex
from jaga.robust.overlays import Overlay, painted_out, text_cores
from jaga.robust.views import ViewSettings, query_views, work_image

from .pictures import jpeg, reference_hex
from .test_overlays import draw_lettering
from .test_small_pictures import _photo


def _views(data: bytes, calls: list[int]) -> list[tuple[str, str]]:
    def finer(at_most: int) -> LumaFrame | None:
        calls.append(at_most)
        return decode_first_frame(data, at_most)

    with open_image(data) as image:
        frame = next(iter_luma_frames(image, colour=True))
    views = query_views(work_image(frame, finer), ViewSettings())
    return [(view.how, view.pdq.hex) for view in views]


def _with_lettering(photo: Image.Image, tall: int) -> Image.Image:
    copy = photo.copy()
    draw_lettering(copy, "WHEN YOU SEE", 60, 30, tall, (255, 255, 255), (0, 0, 0))
    draw_lettering(copy, "SHARE THIS", 90, 683 - tall - 40, tall, (255, 255, 255), (0, 0, 0))
    return copy


def test_large_lettering_is_painted_out_again_at_a_finer_decode() -> None:
    photo = _photo(61, (1024, 683))
    calls: list[int] = []
    views = _views(jpeg(_with_lettering(photo, 72), 90), calls)
    # Decoded at 1/4 (256 px across): once more at 1/2.
    assert calls == [2]
    finer = [how for how, _hex in views if how.endswith("finer decode")]
    assert finer and all(how.startswith("overlaid text") for how in finer)
    reference = reference_hex(photo)
    assert min(hamming_distance_hex(reference, hex_) for _how, hex_ in views) <= 31


def test_a_caption_and_a_photo_without_lettering_are_not_decoded_again() -> None:
    photo = _photo(62, (1024, 683))
    captioned = photo.copy()
    draw_lettering(captioned, "SHARED BY USER", 40, 600, 40, (255, 255, 255), (0, 0, 0))
    for picture, lettering in ((photo, False), (captioned, True)):
        calls: list[int] = []
        views = _views(jpeg(picture, 90), calls)
        # The caption is found and painted out at the reduced decode only.
        assert any(how.startswith("overlaid text") for how, _hex in views) == lettering
        assert calls == []
        assert not any(how.endswith("finer decode") for how, _hex in views)


def _lettering_overlay(ringed: bool) -> Overlay:
    mask = np.zeros((40, 60), dtype=bool)
    mask[10:20, 5:55] = True
    core, inner = mask.copy(), mask.copy()
    core[10, 5:55] = False
    inner[10:12, 5:55] = False
    ring = mask & ~inner if ringed else None
    cores = tuple(text_cores([core, inner], ring))
    return Overlay(mask, ("text",), (mask,), None, cores, ring)


def test_the_inner_core_is_painted_only_without_a_ringed_core() -> None:
    luma = np.random.default_rng(3).uniform(0, 255, (40, 60)).astype(np.float32)
    with_ring = _lettering_overlay(True)
    names = [how for how, _picture in painted_out(luma, with_ring)]
    assert names == [
        "overlaid text painted out",
        "overlaid text core painted out",
        "overlaid text ringed core painted out",
    ]
    # No ringed core: nothing else finer-grained is painted, so the inner core stays.
    without_ring = _lettering_overlay(False)
    assert len(without_ring.text_cores) == 2
    names = [how for how, _picture in painted_out(luma, without_ring)]
    assert "overlaid text inner core painted out" in names


def test_large_lettering_paints_no_inner_core_beside_a_ringed_core() -> None:
    photo = _photo(61, (1024, 683))
    views = _views(jpeg(_with_lettering(photo, 72), 90), [])
    names = [how for how, _hex in views]
    # This lettering has an inner core and a ringed core at the reduced decode (before the
    # rule, both were painted): only the ringed one is now. At the finer decode the fill's
    # colour and counter rules leave out the patches the ringed core would, so there is
    # none there; wherever a ringed core is painted, no inner core is.
    assert "overlaid text ringed core painted out" in names
    for decode in ("", ", finer decode"):
        assert f"overlaid text core painted out{decode}" in names
        if f"overlaid text ringed core painted out{decode}" in names:
            assert f"overlaid text inner core painted out{decode}" not in names
