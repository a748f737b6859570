"""Encoding and reference hashing shared by the robust-matching tests.

The reference hash is `pdqhash` on the fully decoded picture: what a plain list (NCMEC,
StopNCII) holds for an original, so the tests match against what real lists contain.
"""

from __future__ import annotations

import io

import numpy as np
import pdqhash
from PIL import Image

from jaga.hashing.pdq import bit_vector_to_hex


def jpeg(image: Image.Image, quality: int = 90) -> bytes:
    """The picture as JPEG bytes, the way a copy reaches a scanner."""
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=quality)
    return buffer.getvalue()


def reference_hex(image: Image.Image) -> str:
    """The reference PDQ of the picture, as a plain list would hold it."""
    bits, _quality = pdqhash.compute(np.asarray(image.convert("RGB")))
    return bit_vector_to_hex(bits)
