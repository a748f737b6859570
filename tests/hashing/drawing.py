"""Benign test pictures drawn on the fly: gradients, shapes and noise, like a photo's layout."""

from __future__ import annotations

import io
from typing import Any

import numpy as np
from PIL import Image, ImageDraw


def natural_image(seed: int, width: int = 1024, height: int = 768) -> Image.Image:
    """An RGB picture with smooth gradients, a few shapes and mild noise (seeded)."""
    rng = np.random.default_rng(seed)
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    angle = rng.uniform(0, np.pi)
    ramp = (np.cos(angle) * xs / width + np.sin(angle) * ys / height) * 0.5 + 0.25
    base = np.stack([ramp * rng.uniform(100, 255) for _ in range(3)], axis=-1)
    image = Image.fromarray(np.clip(base, 0, 255).astype(np.uint8), "RGB")
    draw = ImageDraw.Draw(image)
    smallest = max(4, min(width, height) // 12)
    for _ in range(12):
        x0 = int(rng.integers(0, width - smallest))
        y0 = int(rng.integers(0, height - smallest))
        x1 = x0 + int(rng.integers(smallest, max(smallest + 1, width // 3)))
        y1 = y0 + int(rng.integers(smallest, max(smallest + 1, height // 3)))
        colour = tuple(int(c) for c in rng.integers(0, 256, 3))
        if rng.random() < 0.5:
            draw.ellipse((x0, y0, x1, y1), fill=colour)
        else:
            draw.rectangle((x0, y0, x1, y1), fill=colour)
    noisy = np.asarray(image).astype(np.int16) + rng.normal(0, 6, (height, width, 3))
    return Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8), "RGB")


def encode(image: Image.Image, format: str, **options: Any) -> bytes:
    """`image` saved to bytes in `format`."""
    buffer = io.BytesIO()
    image.save(buffer, format=format, **options)
    return buffer.getvalue()


def reference_hex(data: bytes) -> str:
    """The reference PDQ: `pdqhash.compute` on the fully decoded image, as pdqhash users do."""
    import pdqhash

    from jaga.hashing.pdq import bit_vector_to_hex

    pixels = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))
    bits, _quality = pdqhash.compute(pixels)
    return bit_vector_to_hex(bits)
