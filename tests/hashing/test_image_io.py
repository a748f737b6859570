"""Formats, modes, orientation, animation and hostile input."""

from __future__ import annotations

import hashlib
import io
import struct
import tracemalloc
import zlib

import numpy as np
import pytest
from PIL import Image

from jaga.hashing.errors import NOT_AN_IMAGE
from jaga.hashing.hasher import hash_bytes
from jaga.hashing.image_io import frame_limit_reached, iter_luma_frames, open_image
from jaga.hashing.pdq import hamming_distance_hex

from .drawing import encode, natural_image, reference_hex

PICTURE = natural_image(7, 640, 480)


def only_hash(data: bytes) -> str:
    result = hash_bytes(data, "test")
    assert result.error is None, result.error
    assert len(result.pdq) == 1
    return result.pdq[0].hex


@pytest.mark.parametrize(
    ("format", "options"),
    [
        ("JPEG", {"quality": 92}),
        ("PNG", {}),
        ("WEBP", {"quality": 90}),
        ("GIF", {}),
        ("BMP", {}),
        ("TIFF", {}),
    ],
)
def test_every_format_agrees_with_reference(format: str, options: dict[str, int]) -> None:
    data = encode(PICTURE, format, **options)
    result = hash_bytes(data, f"picture.{format.lower()}")
    assert result.image_format == format
    assert (result.width, result.height) == (640, 480)
    assert hamming_distance_hex(result.pdq[0].hex, reference_hex(data)) <= 10


def test_exif_orientation_is_applied() -> None:
    """Saved sideways with orientation 6 ("rotate 90 CW to display") = the upright picture."""
    upright = natural_image(3, 800, 600)
    stored_sideways = upright.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    tagged = encode(stored_sideways, "JPEG", quality=95, exif=exif.tobytes())
    plain_upright = encode(upright, "JPEG", quality=95)
    assert hamming_distance_hex(only_hash(tagged), only_hash(plain_upright)) <= 8
    untagged_sideways = encode(stored_sideways, "JPEG", quality=95)
    assert hamming_distance_hex(only_hash(untagged_sideways), only_hash(plain_upright)) > 64


def test_alpha_is_dropped_like_the_reference() -> None:
    rgba = PICTURE.convert("RGBA")
    alpha = np.full((480, 640), 255, np.uint8)
    alpha[100:300, 100:400] = 0
    rgba.putalpha(Image.fromarray(alpha))
    data = encode(rgba, "PNG")
    assert hamming_distance_hex(only_hash(data), reference_hex(data)) <= 8
    assert hamming_distance_hex(only_hash(data), only_hash(encode(PICTURE, "PNG"))) <= 8


@pytest.mark.parametrize("mode", ["LA", "L", "1"])
def test_greyscale_modes(mode: str) -> None:
    data = encode(PICTURE.convert(mode), "PNG")
    assert hamming_distance_hex(only_hash(data), reference_hex(data)) <= 8


@pytest.mark.parametrize("format", ["JPEG", "TIFF"])
def test_cmyk(format: str) -> None:
    data = encode(PICTURE.convert("CMYK"), format)
    assert Image.open(io.BytesIO(data)).mode == "CMYK"
    assert hamming_distance_hex(only_hash(data), reference_hex(data)) <= 10


def test_palette_with_transparency() -> None:
    palette = PICTURE.convert("P", palette=Image.Palette.ADAPTIVE, colors=64)
    data = encode(palette, "PNG", transparency=0)
    assert Image.open(io.BytesIO(data)).mode == "P"
    assert hamming_distance_hex(only_hash(data), reference_hex(data)) <= 8


def test_sixteen_bit_greyscale_is_rescaled_not_clipped() -> None:
    grey8 = np.asarray(PICTURE.convert("L")).astype(np.uint16)
    data16 = encode(Image.fromarray(grey8 * 257), "PNG")
    assert Image.open(io.BytesIO(data16)).mode.startswith("I")
    as_eight_bit = only_hash(encode(PICTURE.convert("L"), "PNG"))
    assert hamming_distance_hex(only_hash(data16), as_eight_bit) <= 4


def test_animated_gif_keeps_distinct_frames() -> None:
    first, second = natural_image(11, 320, 240), natural_image(12, 320, 240)
    # Pillow merges identical *consecutive* frames when saving, so the repeat comes last.
    data = encode(first, "GIF", save_all=True, append_images=[second, first], duration=100)
    assert getattr(Image.open(io.BytesIO(data)), "n_frames", 1) == 3
    result = hash_bytes(data, "anim.gif")
    assert result.error is None
    assert [item.frame for item in result.pdq] == [0, 1]
    assert hamming_distance_hex(result.pdq[0].hex, result.pdq[1].hex) > 32


def test_animated_webp_frames() -> None:
    frames = [natural_image(seed, 320, 240) for seed in (21, 22)]
    data = encode(frames[0], "WEBP", save_all=True, append_images=frames[1:], quality=90)
    assert [item.frame for item in hash_bytes(data, "anim.webp").pdq] == [0, 1]


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims `width` x `height` and holds one tiny compressed row: a cheap bomb."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("side", [100_000, 10_000])
def test_decompression_bomb_is_refused_without_allocating(side: int) -> None:
    """100000^2 trips Pillow's own guard; 10000^2 passes it and must trip ours."""
    data = png_header_only(side, side)
    tracemalloc.start()
    try:
        result = hash_bytes(data, "bomb.png")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.pdq == ()
    assert result.error is not None and "decompression bomb" in result.error
    assert result.md5 == hashlib.md5(data).hexdigest()
    assert peak < 20 * 1024 * 1024


def test_truncated_jpeg_gives_clear_error() -> None:
    data = encode(PICTURE, "JPEG", quality=90)
    result = hash_bytes(data[: len(data) // 2], "cut.jpg")
    assert result.pdq == ()
    assert result.image_format == "JPEG"
    assert result.error is not None and "truncated" in result.error


def test_jpeg_fed_in_one_block_decodes_like_pillows_default_feed() -> None:
    """Feeding the whole JPEG at once (for libjpeg's fast path) must not change a pixel."""
    data = encode(natural_image(3, 1024, 768), "JPEG", quality=95)
    assert len(data) > 3 * 65536  # several of Pillow's default blocks
    with open_image(data) as whole, open_image(data) as chunked:
        assert whole.decodermaxblock >= len(data)
        chunked.decodermaxblock = 65536
        one_block = next(iter_luma_frames(whole))
        default_feed = next(iter_luma_frames(chunked))
    assert one_block.scale == default_feed.scale == 4
    assert np.array_equal(one_block.luma, default_feed.luma)


def test_not_an_image_keeps_exact_hashes() -> None:
    data = b"%PDF-1.4 this is a document, not an image\n" * 10
    result = hash_bytes(data, "doc.pdf")
    assert result.error == NOT_AN_IMAGE
    assert result.pdq == ()
    assert result.size == len(data)
    assert result.md5 == hashlib.md5(data).hexdigest()
    assert result.sha1 == hashlib.sha1(data).hexdigest()
    assert result.sha256 == hashlib.sha256(data).hexdigest()


def test_dihedral_variants_when_asked() -> None:
    data = encode(PICTURE, "PNG")
    plain = hash_bytes(data, "p").pdq[0]
    with_variants = hash_bytes(data, "p", dihedral=True).pdq[0]
    assert plain.dihedral == ()
    assert with_variants.hex == plain.hex
    assert len(with_variants.dihedral) == 7
    rotated = encode(PICTURE.transpose(Image.Transpose.ROTATE_90), "PNG")
    assert hamming_distance_hex(with_variants.dihedral[0], only_hash(rotated)) <= 16


def test_apng_and_multipage_tiff_frames() -> None:
    frames = [natural_image(seed, 200, 150) for seed in (41, 42, 41)]
    apng = encode(frames[0], "PNG", save_all=True, append_images=frames[1:])
    tiff = encode(frames[0], "TIFF", save_all=True, append_images=frames[1:])
    assert [item.frame for item in hash_bytes(apng, "a.png").pdq] == [0, 1]
    assert [item.frame for item in hash_bytes(tiff, "a.tiff").pdq] == [0, 1]


def test_frame_cap_is_noted() -> None:
    frames = [natural_image(seed, 64, 48) for seed in range(50, 54)]
    data = encode(frames[0], "GIF", save_all=True, append_images=frames[1:])
    with Image.open(io.BytesIO(data)) as image:
        assert len(list(iter_luma_frames(image, max_frames=2))) == 2
        assert frame_limit_reached(image, max_frames=2)
        assert not frame_limit_reached(image, max_frames=4)


@pytest.mark.parametrize("size", [(5, 5), (64, 64), (130, 7)])
def test_small_and_thin_images(size: tuple[int, int]) -> None:
    data = encode(natural_image(9, 300, 300).resize(size), "PNG")
    assert hamming_distance_hex(only_hash(data), reference_hex(data)) <= 4


@pytest.mark.parametrize("size", [(1, 1), (5, 3)])
def test_too_small_for_pdq_is_an_error_not_a_zero_hash(size: tuple[int, int]) -> None:
    result = hash_bytes(encode(natural_image(9, 300, 300).resize(size), "PNG"), "tiny.png")
    assert result.pdq == ()
    assert result.error is not None and "too small for PDQ" in result.error


def test_broken_later_frame_keeps_earlier_frames() -> None:
    frames = [natural_image(seed, 160, 120) for seed in (61, 62, 63)]
    data = encode(frames[0], "GIF", save_all=True, append_images=frames[1:])
    result = hash_bytes(data[: int(len(data) * 0.8)], "cut.gif")
    assert result.error is None
    assert 1 <= len(result.pdq) < 3
    assert "later frames were not hashed" in result.extra["frames_note"]


@pytest.mark.parametrize("format", ["JPEG", "PNG", "GIF", "TIFF", "WEBP", "BMP"])
def test_mutated_files_never_raise(format: str) -> None:
    """Random byte damage (seeded) must give a result or a per-file error, never an exception."""
    original = encode(natural_image(71, 96, 72), format)
    rng = np.random.default_rng(len(format))
    for _ in range(60):
        damaged = bytearray(original)
        for position in rng.integers(0, len(damaged), int(rng.integers(1, 8))):
            damaged[int(position)] = int(rng.integers(0, 256))
        if rng.random() < 0.3:
            damaged = damaged[: int(rng.integers(1, len(damaged)))]
        result = hash_bytes(bytes(damaged), f"damaged.{format.lower()}")
        assert result.pdq or result.error
        assert len(result.sha256) == 64
