"""Safe image opening, and frames as small luma arrays ready for PDQ.

Everything that touches untrusted image bytes lives here, so the guards are in one place:
a pixel budget checked on the header before any decoding (decompression bombs), and every
decoder failure turned into an `ImageError` with a reason a person can act on.

Frames come out already reduced: JPEGs are decoded at 1/2, 1/4 or 1/8 scale by libjpeg
(Pillow draft mode), other formats are box-reduced after decoding. `jaga.hashing.pdq`
then reproduces the reference's full-resolution filter on the reduced pixels.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from PIL import Image, UnidentifiedImageError

from jaga.hashing.errors import NOT_AN_IMAGE, ImageError

MAX_DECODED_PIXELS = 89_478_485
"""Largest frame we agree to decode (pixels actually decoded, i.e. after JPEG draft scaling).

Pillow's own default. A JPEG photo declared at 200 MP is fine because we decode it at 1/8;
a PNG of that size would need gigabytes and is refused before decoding.
"""

MAX_FRAMES = 500
"""Frames hashed per animated image; longer animations are cut with a note in the result."""

DECODE_MIN_SIDE = 128
"""JPEGs are DCT-scaled (1/2, 1/4, 1/8) no further than this short side, in pixels.

Measured on the benign bench photos (1024-px subset, 87 photos): at 128 px (1/4 scale
there) the largest distance to the reference PDQ was 12 bits, median 2; at 96 px or below
(1/8) 98.9% stayed within 31 bits, median 4-8, max 32-46, and folding the filter onto a
smooth (mean-preserving) interpolation of the 8x8 block means instead of flat blocks did
not fix that. The time goes to Huffman decoding, which every scale pays in full: 1/8 saved
only ~0.1-0.2 ms of ~2.1 ms per photo, so it is not worth the lost agreement.
"""

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"BM", "BMP"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"\x00\x00\x01\x00", "ICO"),
)
REDUCE_MIN_SIDE = 256
"""Formats without reduced decoding (PNG, WebP, ...) are box-reduced to this short side.

Their decode is full-size anyway, so reducing only saves the luma and filter work; at 128 px
the distance to the reference reached 22 bits on the 1024-px photos saved as PNG, at 256 px
6 bits (median 0), for about the same time.
"""

_JPEG_SCALES = (8, 4, 2, 1)
_JPEG_FEED_MAX = 16 * 1024 * 1024
_EXIF_ORIENTATION = 0x0112
_ORIENTATION_TRANSPOSE: dict[int, Image.Transpose] = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_SWAPS_AXES = {5, 6, 7, 8}
_LUMA_WEIGHTS = np.array([0.299, 0.587, 0.114], dtype=np.float32)


@dataclass(frozen=True, slots=True)
class LumaFrame:
    """One frame as float32 luma at reduced size, upright (EXIF orientation applied).

    `full_height`/`full_width` are the upright size at full resolution, and `scale` how many
    full-resolution pixels (per axis) one reduced pixel stands for: PDQ's filter widths
    depend on the full size, so the hasher needs both.
    """

    index: int
    luma: npt.NDArray[np.float32]
    full_height: int
    full_width: int
    scale: int
    # Colour strength (distance of Cb/Cr from grey, 0 for greyscale) at the luma's size, only
    # when asked for: the robust views use it to find saturated overlays (logos, badges).
    chroma: npt.NDArray[np.float32] | None = None


def open_image(data: bytes) -> Image.Image:
    """Open `data` lazily (header only) or raise ImageError; nothing is decoded yet."""
    try:
        with warnings.catch_warnings():
            # We enforce our own budget on the decoded size (see MAX_DECODED_PIXELS); Pillow
            # still raises DecompressionBombError above twice its limit, caught below. Other
            # warnings are about odd metadata in untrusted files and would only flood stderr.
            warnings.simplefilter("ignore")
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as error:
        raise ImageError(f"refused: decompression bomb ({error})") from error
    except UnidentifiedImageError as error:
        claimed = sniff_image_format(data[:16])
        if claimed:
            raise ImageError(
                f"corrupt image: starts like a {claimed} file but no decoder can read it"
            ) from error
        raise ImageError(NOT_AN_IMAGE) from error
    except Exception as error:  # Pillow plugins raise many types on hostile headers.
        raise ImageError(f"unreadable image header: {_describe(error)}") from error
    if image.format == "JPEG":
        # libjpeg-turbo's fast Huffman path needs a few KB of input ahead of it; Pillow's
        # default 64 KB feed makes it fall back to the slow path at every block boundary.
        image.decodermaxblock = max(image.decodermaxblock, min(len(data), _JPEG_FEED_MAX))
    return image


def sniff_image_format(head: bytes) -> str | None:
    """Image format named by the first bytes of a file (16 are enough), or None.

    Lets a folder walk find renamed images, and lets us call a file with a PNG signature
    that no decoder accepts "corrupt" rather than "not an image".
    """
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "WEBP"
    return next((name for prefix, name in _SIGNATURES if head.startswith(prefix)), None)


def iter_luma_frames(
    image: Image.Image, max_frames: int = MAX_FRAMES, *, colour: bool = False
) -> Iterator[LumaFrame]:
    """Yield each frame of `image` (at most `max_frames`) as a reduced, upright LumaFrame.

    With `colour`, the first frame also carries its chroma strength (`LumaFrame.chroma`).
    A JPEG is then decoded as YCbCr instead of luma only: the same Y plane (bit for bit),
    and the Huffman decoding that dominates the cost is paid either way.

    Raises ImageError when a frame is too large, truncated or corrupt. Stops silently at
    the end of the animation; the caller tells whether `max_frames` was reached.
    """
    orientation = _orientation(image)
    animated = _is_animated(image)
    for index in range(max_frames):
        if index > 0:
            if not animated:
                return
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    image.seek(index)
            except EOFError:
                return
            except Exception as error:
                raise ImageError(f"frame {index} unreadable: {_describe(error)}") from error
        yield _decode_frame(
            image, index, orientation, use_draft=not animated, colour=colour and index == 0
        )


def frame_limit_reached(image: Image.Image, max_frames: int = MAX_FRAMES) -> bool:
    """True when `image` has more frames than `max_frames` (so some were not hashed)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            count = getattr(image, "n_frames", 1)
    except Exception:  # Counting GIF frames parses the rest of the file, which may be broken.
        return False
    return isinstance(count, int) and count > max_frames


def _is_animated(image: Image.Image) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return bool(getattr(image, "is_animated", False))
    except Exception:  # Broken data after the first frame: hash the first frame only.
        return False


def decode_first_frame(data: bytes, at_most: int) -> LumaFrame:
    """The first frame again, reduced by at most `at_most` (a finer decode than the one
    `iter_luma_frames` made), luma only.

    The robust views cut a padded or screenshotted copy's photo out of the reduced decode;
    when that photo is a small part of the canvas it is left with too few pixels for PDQ
    (under 128 on its short side), so the views ask for this finer copy, once, only then.
    A JPEG is DCT-scaled by the largest of 1/2, 1/4, 1/8 not above `at_most`; other formats
    are box-reduced by `at_most`. Raises ImageError like `iter_luma_frames`.
    """
    with open_image(data) as image:
        return _decode_frame(
            image, 0, _orientation(image), use_draft=not _is_animated(image), at_most=at_most
        )


def _decode_frame(
    image: Image.Image,
    index: int,
    orientation: int,
    use_draft: bool,
    colour: bool = False,
    at_most: int | None = None,
) -> LumaFrame:
    full_width, full_height = image.size
    if full_width < 1 or full_height < 1:
        raise ImageError(f"frame {index} has an empty size {full_width}x{full_height}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. "palette images with transparency ..."
            scale = _draft_jpeg(image, colour, at_most) if use_draft else 1
            width, height = image.size
            if width * height > MAX_DECODED_PIXELS:
                raise ImageError(
                    f"refused: frame {index} is {full_width}x{full_height} pixels, above the "
                    f"{MAX_DECODED_PIXELS:,}-pixel limit (possible decompression bomb)"
                )
            image.load()
            small = _to_eight_bit(image)
            if scale == 1:
                scale = (
                    max(1, min(width, height) // REDUCE_MIN_SIDE)
                    if at_most is None
                    else max(1, at_most)
                )
                if scale > 1:
                    small = small.reduce(scale)
            if orientation in _ORIENTATION_TRANSPOSE:
                small = small.transpose(_ORIENTATION_TRANSPOSE[orientation])
    except ImageError:
        raise
    except Exception as error:  # Truncated/corrupt data surfaces as OSError, SyntaxError, ...
        raise ImageError(f"frame {index} unreadable: {_describe(error)}") from error
    if orientation in _SWAPS_AXES:
        full_width, full_height = full_height, full_width
    if small.mode == "YCbCr":
        luma, chroma = _ycbcr_planes(np.asarray(small))
        return LumaFrame(index, luma, full_height, full_width, scale, chroma)
    luma = _luma(small)
    return LumaFrame(
        index, luma, full_height, full_width, scale, _chroma(small, luma) if colour else None
    )


def _ycbcr_planes(
    planes: npt.NDArray[np.uint8],
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """The Y plane and the chroma strength (Cb/Cr distance from grey) of a YCbCr decode.

    Squares summed in integers, one square root in float32: the same values as a float
    `hypot` over all three planes converted to float, at a third of the cost (that
    conversion was a quarter of a small JPEG's decode), in one compiled pass
    (jaga.hashing.colour_kernels).
    """
    from jaga.hashing.colour_kernels import ycbcr_planes  # numba: only for colour decodes

    luma, chroma = ycbcr_planes(np.ascontiguousarray(planes, dtype=np.uint8))
    return luma, chroma


def _draft_jpeg(image: Image.Image, colour: bool = False, at_most: int | None = None) -> int:
    """Ask libjpeg for a 1/2, 1/4 or 1/8 scale decode; return the scale it chose.

    By default the coarsest scale that keeps DECODE_MIN_SIDE; with `at_most`, the
    coarsest scale not above it.

    Luma-only ("L") output skips chroma upsampling and colour conversion: JPEG's Y channel
    uses the same 0.299/0.587/0.114 weights as PDQ's luma. With `colour`, YCbCr output keeps
    that Y plane and adds the chroma planes (no colour conversion either).
    """
    if image.format != "JPEG":
        return 1
    width, height = image.size
    if image.mode == "RGB" and colour:
        mode = "YCbCr"
    else:
        mode = "L" if image.mode in ("RGB", "L") else image.mode
    if at_most is None:
        image.draft(mode, (DECODE_MIN_SIDE, DECODE_MIN_SIDE))
    else:
        wanted = max((s for s in _JPEG_SCALES if s <= at_most), default=1)
        image.draft(mode, (-(-width // wanted), -(-height // wanted)))
    small_width, small_height = image.size
    for scale in _JPEG_SCALES:
        if -(-width // scale) == small_width and -(-height // scale) == small_height:
            return scale
    return 1


def _to_eight_bit(image: Image.Image) -> Image.Image:
    """Normalise any mode to 8-bit L or RGB the way the PDQ reference users do.

    Reference users call `convert("RGB")`, which drops alpha (no compositing), maps palette
    entries to their colour and converts CMYK naively; we do the same so hashes agree with
    theirs. The one exception is 16/32-bit and float images, which `convert` clips to
    white: we rescale them to 8 bits instead.
    """
    if image.mode in ("L", "RGB", "YCbCr"):  # YCbCr only from a colour draft decode
        return image
    if image.mode.startswith("I") or image.mode == "F":
        return Image.fromarray(_rescale_to_uint8(np.asarray(image)), mode="L")
    return image.convert("RGB")


def _rescale_to_uint8(values: npt.NDArray[np.generic]) -> npt.NDArray[np.uint8]:
    array = values.astype(np.float64)
    low, high = float(array.min()), float(array.max())
    if values.dtype.kind == "u" and values.dtype.itemsize == 2:
        array = array / 257.0  # 16-bit full range onto 0..255
    elif values.dtype.kind == "f" and low >= 0.0 and high <= 1.0:
        array = array * 255.0
    elif low < 0.0 or high > 255.0:
        array = (array - low) * (255.0 / (high - low)) if high > low else array * 0.0
    return np.clip(np.rint(array), 0, 255).astype(np.uint8)


def _luma(image: Image.Image) -> npt.NDArray[np.float32]:
    pixels = np.asarray(image)
    if pixels.ndim == 2:
        return pixels.astype(np.float32)
    return np.asarray(pixels[:, :, :3].astype(np.float32) @ _LUMA_WEIGHTS, dtype=np.float32)


def _chroma(image: Image.Image, luma: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Colour strength of an 8-bit L/RGB image: JPEG's Cb/Cr distance from grey."""
    pixels = np.asarray(image)
    if pixels.ndim == 2:
        return np.zeros_like(luma)
    rgb = pixels[:, :, :3].astype(np.float32)
    blue = 0.564 * (rgb[:, :, 2] - luma)
    red = 0.713 * (rgb[:, :, 0] - luma)
    return np.asarray(np.hypot(blue, red), dtype=np.float32)


def _orientation(image: Image.Image) -> int:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = image.getexif().get(_EXIF_ORIENTATION, 1)
    except Exception:  # A broken EXIF block should not cost us the image.
        return 1
    return value if isinstance(value, int) else 1


def _describe(error: BaseException) -> str:
    text = str(error).strip()
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
