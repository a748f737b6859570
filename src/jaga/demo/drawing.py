"""Draw benign sample pictures from a seed.

The demo and the tests need photos-like images that anyone may redistribute, so Jaga
draws them: smooth colour fields, shapes and texture give PDQ enough structure for a
quality well above the usual floor of 50, unlike flat synthetic images.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFilter


def draw_scene(seed: int, size: tuple[int, int] = (640, 480)) -> Image.Image:
    """A reproducible, benign, photo-like RGB picture (landscape of shapes and gradients)."""
    rng = np.random.default_rng(seed)
    width, height = size
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    channels = []
    for _ in range(3):
        field = np.zeros((height, width), dtype=np.float32)
        for _ in range(4):
            fx, fy = rng.uniform(0.5, 4.0, size=2) * 2 * np.pi
            phase = rng.uniform(0, 2 * np.pi)
            field += np.sin(xs / width * fx + ys / height * fy + phase) * rng.uniform(20, 50)
        channels.append(field)
    base = np.stack(channels, axis=-1) + rng.uniform(60, 190, size=3)
    image = Image.fromarray(np.clip(base, 0, 255).astype(np.uint8), "RGB")
    pen = ImageDraw.Draw(image)
    for _ in range(int(rng.integers(12, 24))):
        x0, y0 = rng.uniform(0, width), rng.uniform(0, height)
        w, h = rng.uniform(20, width / 3), rng.uniform(20, height / 3)
        colour = tuple(int(c) for c in rng.integers(0, 256, size=3))
        box = (x0, y0, x0 + w, y0 + h)
        kind = rng.integers(0, 3)
        if kind == 0:
            pen.ellipse(box, fill=colour)
        elif kind == 1:
            pen.rectangle(box, fill=colour)
        else:
            pen.polygon(
                [(x0, y0 + h), (x0 + w / 2, y0), (x0 + w, y0 + h)],
                fill=colour,
            )
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    noise = rng.normal(0, 6, size=(height, width, 3))
    pixels = np.clip(np.asarray(image, dtype=np.float32) + noise, 0, 255).astype(np.uint8)
    return Image.fromarray(pixels, "RGB")
