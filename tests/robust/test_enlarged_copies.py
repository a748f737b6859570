"""A small picture is also hashed enlarged: reduced copies keep their original's PDQ.

PDQ's box filter is one or two pixels wide on a 256-px picture, and an even width sits half
a pixel off centre, so a quarter-size copy's own hash drifts from its original's. The drawn
scenes below show the drift and that the enlarged view takes most of it back.
"""

from __future__ import annotations

import io

from PIL import Image

from jaga.hashing.hasher import hash_bytes
from jaga.hashing.pdq import hamming_distance_hex
from jaga.robust.views import SMALL_COPY_SIDE, ViewSettings

from .pictures import jpeg, reference_hex
from .test_small_pictures import _photo


def _hashes(image: Image.Image) -> tuple[str, dict[str, str]]:
    result = hash_bytes(jpeg(image, 95), "copy.jpg", dihedral=True, views=ViewSettings())
    return result.pdq[0].hex, {how: pdq.hex for how, pdq in result.views}


def test_a_quarter_size_copy_is_closer_to_its_original_when_enlarged() -> None:
    plain_total = enlarged_total = 0
    for seed in range(4):
        original = _photo(seed, (1024, 768))
        reference = reference_hex(original)
        small = original.resize((256, 192), Image.Resampling.LANCZOS)
        plain, views = _hashes(small)
        assert "enlarged 2x" in views
        plain_total += hamming_distance_hex(plain, reference)
        enlarged_total += hamming_distance_hex(views["enlarged 2x"], reference)
        assert hamming_distance_hex(views["enlarged 2x"], reference) <= 31
    assert enlarged_total < plain_total


def test_pictures_larger_than_the_limit_are_not_enlarged() -> None:
    side = SMALL_COPY_SIDE + 40
    _plain, views = _hashes(_photo(7, (side, side * 3 // 4)))
    assert not any(how.startswith("enlarged") for how in views)


def test_a_tiny_picture_is_enlarged_without_error() -> None:
    buffer = io.BytesIO()
    _photo(3, (400, 300)).resize((64, 48), Image.Resampling.LANCZOS).save(buffer, format="PNG")
    result = hash_bytes(buffer.getvalue(), "tiny.png", views=ViewSettings())
    assert result.error is None
    assert result.pdq
