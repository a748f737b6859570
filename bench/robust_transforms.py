"""The edits of the robustness benchmark (issue 5), each a function of a PIL RGB image.

Every edit returns the bytes of the copy as it would be re-shared: JPEG at quality 95 unless
the edit is itself a JPEG quality. Random parts (noise, where a logo goes) come from a seed
derived from the image and the edit, so a run is repeatable.

Definitions, so figures can be compared with others':
  crop p%      keeps (1 - p) of the width and of the height; "centred" cuts p/2 from each
               side, "off-centre" cuts p from the left and the top.
  pad p%       a canvas (1 + p) times the picture's width and height, the picture centred;
               fills: black, white, a colour, and a blurred, enlarged copy of the picture
               (what social apps put around a photo). "blurred 9:16" fits the picture in a
               portrait 9:16 canvas the same way.
  rotate n°    turned on the same canvas, corners filled black (as imgaug/Thorn do).
  screenshot   the picture at 84-90% of a phone-like canvas (light or dark) with a status
               bar, a title bar, text lines and buttons around it.
"""

from __future__ import annotations

import io
import random
import zlib
from collections.abc import Callable

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps

Edit = Callable[[Image.Image, random.Random], bytes]


def _jpeg(image: Image.Image, quality: int = 95) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=quality)
    return buffer.getvalue()


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=max(8, size))


def jpeg(quality: int) -> Edit:
    return lambda image, _rng: _jpeg(image, quality)


def resize(factor: float) -> Edit:
    def edit(image: Image.Image, _rng: random.Random) -> bytes:
        size = (max(8, round(image.width * factor)), max(8, round(image.height * factor)))
        return _jpeg(image.resize(size, Image.Resampling.LANCZOS))

    return edit


def blur(radius: float) -> Edit:
    return lambda image, _rng: _jpeg(image.filter(ImageFilter.GaussianBlur(radius)))


def noise(sigma: float) -> Edit:
    def edit(image: Image.Image, rng: random.Random) -> bytes:
        pixels = np.asarray(image, dtype=np.float32)
        generator = np.random.default_rng(rng.getrandbits(32))
        noisy = pixels + generator.normal(0.0, sigma, pixels.shape)
        return _jpeg(Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8)))

    return edit


def gamma(value: float) -> Edit:
    table = [round(255 * (i / 255) ** value) for i in range(256)] * 3
    return lambda image, _rng: _jpeg(image.point(table))


def text_overlay(large: bool) -> Edit:
    """A caption (small) or meme-style text in two big lines over the picture (large)."""

    def edit(image: Image.Image, rng: random.Random) -> bytes:
        copy = image.copy()
        draw = ImageDraw.Draw(copy)
        if large:
            size = max(10, copy.height // 9)
            font = _font(size)
            for line, y in (("WHEN YOU SEE IT", 0.06), ("SHARE THIS NOW", 0.80)):
                draw.text(
                    (copy.width // 2, round(copy.height * y)),
                    line,
                    font=font,
                    fill="white",
                    anchor="mt",
                    stroke_width=max(1, size // 12),
                    stroke_fill="black",
                )
        else:
            size = max(9, copy.height // 22)
            caption = f"shared by user{rng.randrange(1000, 9999)} · example.app"
            draw.text(
                (round(copy.width * 0.03), round(copy.height * 0.93)),
                caption,
                font=_font(size),
                fill="white",
                anchor="ls",
                stroke_width=1,
                stroke_fill="black",
            )
        return _jpeg(copy)

    return edit


def logo_overlay(image: Image.Image, rng: random.Random) -> bytes:
    """A watermark-like logo (disc + name) in a random corner, 18% of the width."""
    copy = image.copy()
    draw = ImageDraw.Draw(copy, "RGBA")
    side = max(12, round(copy.width * 0.18))
    x = [round(copy.width * 0.03), copy.width - side - round(copy.width * 0.03)][rng.randrange(2)]
    y = [round(copy.height * 0.03), copy.height - side // 2 - round(copy.height * 0.03)][
        rng.randrange(2)
    ]
    draw.rounded_rectangle(
        (x, y, x + side, y + side // 2), radius=side // 8, fill=(20, 90, 200, 200)
    )
    draw.ellipse((x + 4, y + 4, x + side // 2 - 4, y + side // 2 - 4), fill=(255, 200, 0, 230))
    draw.text(
        (x + side // 2, y + side // 4), "LOGO", font=_font(side // 6), fill="white", anchor="lm"
    )
    return _jpeg(copy)


def transpose(method: Image.Transpose) -> Edit:
    return lambda image, _rng: _jpeg(image.transpose(method))


def rotate(angle: float) -> Edit:
    return lambda image, _rng: _jpeg(
        image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=(0, 0, 0))
    )


def crop(share: float, centred: bool) -> Edit:
    def edit(image: Image.Image, _rng: random.Random) -> bytes:
        cut_x, cut_y = round(image.width * share), round(image.height * share)
        left, top = (cut_x // 2, cut_y // 2) if centred else (cut_x, cut_y)
        return _jpeg(
            image.crop((left, top, left + image.width - cut_x, top + image.height - cut_y))
        )

    return edit


def _blurred_fill(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """The picture enlarged to cover `size`, blurred hard and darkened (social-app style)."""
    cover = ImageOps.fit(image, size, Image.Resampling.BILINEAR)
    cover = cover.filter(ImageFilter.GaussianBlur(max(size) / 25))
    return cover.point(lambda v: round(v * 0.8))


def pad(share: float, fill: str) -> Edit:
    def edit(image: Image.Image, _rng: random.Random) -> bytes:
        size = (round(image.width * (1 + share)), round(image.height * (1 + share)))
        return _jpeg(_place(image, size, fill))

    return edit


def pad_to_portrait(fill: str) -> Edit:
    """The picture fitted across a 9:16 portrait canvas (phone-story style)."""

    def edit(image: Image.Image, _rng: random.Random) -> bytes:
        width = image.width
        height = max(image.height + 2, round(width * 16 / 9))
        return _jpeg(_place(image, (width, height), fill))

    return edit


def _place(image: Image.Image, size: tuple[int, int], fill: str) -> Image.Image:
    colours = {"black": (0, 0, 0), "white": (255, 255, 255), "colour": (40, 160, 120)}
    canvas = (
        _blurred_fill(image, size) if fill == "blurred" else Image.new("RGB", size, colours[fill])
    )
    canvas.paste(image, ((size[0] - image.width) // 2, (size[1] - image.height) // 2))
    return canvas


def stretch(horizontal: float) -> Edit:
    def edit(image: Image.Image, _rng: random.Random) -> bytes:
        size = (round(image.width * horizontal), round(image.height / horizontal))
        return _jpeg(image.resize(size, Image.Resampling.BICUBIC))

    return edit


def screenshot(dark: bool) -> Edit:
    """The picture inside a phone-like app screen with text and buttons around it."""

    def edit(image: Image.Image, rng: random.Random) -> bytes:
        width = 540
        background, ink, bar = (
            ((18, 18, 18), (230, 230, 230), (40, 40, 40))
            if dark
            else ((255, 255, 255), (30, 30, 30), (245, 245, 245))
        )
        photo_width = round(width * rng.uniform(0.84, 0.9))
        photo = image.resize(
            (photo_width, round(image.height * photo_width / image.width)), Image.Resampling.LANCZOS
        )
        height = max(960, photo.height + 420)
        canvas = Image.new("RGB", (width, height), background)
        draw = ImageDraw.Draw(canvas)
        draw.rectangle((0, 0, width, 36), fill=bar)
        draw.text((16, 18), "12:34", font=_font(18), fill=ink, anchor="lm")
        draw.text((width - 16, 18), "87%", font=_font(18), fill=ink, anchor="rm")
        draw.text((24, 80), "example_account", font=_font(24), fill=ink, anchor="lm")
        draw.ellipse((width - 60, 62, width - 24, 98), fill=(70, 130, 230))
        top = 120 + rng.randrange(0, 40)
        canvas.paste(photo, ((width - photo_width) // 2, top))
        y = top + photo.height + 30
        for line in ("Look at this view from yesterday!", "124 likes  ·  18 comments", "Reply"):
            draw.text((24, y), line, font=_font(20), fill=ink, anchor="lm")
            y += 34
        draw.rounded_rectangle((24, height - 70, width - 24, height - 24), radius=20, outline=ink)
        draw.text((44, height - 47), "Add a comment...", font=_font(18), fill=ink, anchor="lm")
        return _jpeg(canvas, 90)

    return edit


def greyscale(image: Image.Image, _rng: random.Random) -> bytes:
    return _jpeg(image.convert("L"))


def mirror_crop(image: Image.Image, rng: random.Random) -> bytes:
    mirrored = image.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    return crop(0.1, True)(mirrored, rng)


def padded_tilted_captioned(large: bool) -> Edit:
    """The issue's must-show copy: 20% white padding, the whole turned 3°, then lettering
    written level on top (a caption along the bottom, or meme text over the picture)."""
    caption = text_overlay(large)

    def edit(image: Image.Image, rng: random.Random) -> bytes:
        size = (round(image.width * 1.2), round(image.height * 1.2))
        tilted = _place(image, size, "white").rotate(
            3, resample=Image.Resampling.BICUBIC, fillcolor=(255, 255, 255)
        )
        return caption(tilted, rng)

    return edit


def edits() -> list[tuple[str, str, Edit]]:
    """(group, name, edit) for every edit in the benchmark, in table order."""
    table: list[tuple[str, str, Edit]] = [
        ("jpeg", "jpeg q95", jpeg(95)),
        ("jpeg", "jpeg q50", jpeg(50)),
        ("jpeg", "jpeg q20", jpeg(20)),
        ("resize", "resize 0.5", resize(0.5)),
        ("resize", "resize 0.25", resize(0.25)),
        ("blur", "blur r1", blur(1.0)),
        ("blur", "blur r3", blur(3.0)),
        ("noise", "noise s8", noise(8.0)),
        ("noise", "noise s20", noise(20.0)),
        ("gamma", "gamma 0.6", gamma(0.6)),
        ("gamma", "gamma 1.6", gamma(1.6)),
        ("overlay", "text caption", text_overlay(False)),
        ("overlay", "text large", text_overlay(True)),
        ("overlay", "logo", logo_overlay),
        ("dihedral", "mirror", transpose(Image.Transpose.FLIP_LEFT_RIGHT)),
        ("dihedral", "flip", transpose(Image.Transpose.FLIP_TOP_BOTTOM)),
        ("dihedral", "rotate 90", transpose(Image.Transpose.ROTATE_90)),
        ("dihedral", "rotate 180", transpose(Image.Transpose.ROTATE_180)),
        ("dihedral", "rotate 270", transpose(Image.Transpose.ROTATE_270)),
    ]
    for angle in (2, 4, 8):
        table += [
            ("rotate small", f"rotate +{angle}°", rotate(angle)),
            ("rotate small", f"rotate -{angle}°", rotate(-angle)),
        ]
    for share in (0.05, 0.1, 0.2):
        percent = round(share * 100)
        table += [
            ("crop", f"crop {percent}% centred", crop(share, True)),
            ("crop", f"crop {percent}% off-centre", crop(share, False)),
        ]
    for share in (0.1, 0.2, 0.5):
        percent = round(share * 100)
        for fill in ("black", "white", "colour", "blurred"):
            table.append(("padding", f"pad {percent}% {fill}", pad(share, fill)))
    table += [
        ("padding", "pad 9:16 blurred", pad_to_portrait("blurred")),
        ("padding", "pad 9:16 black", pad_to_portrait("black")),
        ("stretch", "stretch 1.3 wide", stretch(1.3)),
        ("stretch", "stretch 1.3 tall", stretch(1 / 1.3)),
        ("screenshot", "screenshot light", screenshot(False)),
        ("screenshot", "screenshot dark", screenshot(True)),
        ("colour", "greyscale", greyscale),
        ("mirror+crop", "mirror + crop 10%", mirror_crop),
        ("combined", "pad 20% + turn 3° + caption", padded_tilted_captioned(False)),
        ("combined", "pad 20% + turn 3° + large text", padded_tilted_captioned(True)),
    ]
    return table


def seeded(name: str, edit_name: str, seed: int) -> random.Random:
    """The random source of one (image, edit): the same on every run and machine."""
    return random.Random(zlib.crc32(f"{seed}:{name}:{edit_name}".encode()))
