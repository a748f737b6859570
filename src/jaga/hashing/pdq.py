"""Fast PDQ: Meta's PDQ hash computed from a reduced decode, compatible with the reference.

The reference (`pdqhash.compute` on the fully decoded RGB image) spends most of its time
on full-resolution luma and two passes of a box ("Jarosz") filter, of which it keeps only
64x64 samples. PDQ's filter is linear, so each of those 64x64 samples is a fixed weighted
sum of input rows and columns. We build those weights for the full-resolution size, fold
them onto the reduced pixels (one reduced pixel = the mean of a `scale` x `scale` block),
and get the same 64x64 buffer with two small matrix products. The DCT, median threshold
and quality metric then follow the reference code exactly (checked bit for bit against
`pdqhash` in tests/hashing/test_pdq_reference.py).

Agreement with the reference on benign photos is measured by bench/hashing.py and kept in
docs/benchmarks.md; the reference does not apply EXIF orientation, Jaga does.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from jaga.hashing.errors import ImageError
from jaga.hashing.image_io import LumaFrame
from jaga.hashing.pdq_hex import (
    bit_vector_to_hex,
    bits_to_hex,
    hamming_distance_hex,
    normalise_pdq_hex,
    pdq_hex_to_bits,
)
from jaga.hashing.types import PdqHash

__all__ = [
    "DISTINCT_FRAME_DISTANCE",
    "MIN_SIDE",
    "bit_vector_to_hex",
    "bits_to_hex",
    "clear_weight_cache",
    "distinct_frame_hashes",
    "filtered_buffer64",
    "hamming_distance_hex",
    "hash_buffer64",
    "hash_frame",
    "normalise_pdq_hex",
    "pdq_hex_to_bits",
]

DISTINCT_FRAME_DISTANCE = 4
"""Frames within this many bits of an already kept frame count as the same picture."""

MIN_SIDE = 5
"""The reference returns an all-zero hash of quality 0 below 5 pixels on a side; we refuse."""

_SIDE = 64
_DCT = np.array(
    [
        [
            math.sqrt(2.0 / _SIDE) * math.cos(math.pi / 2.0 / _SIDE * (i + 1) * (2 * j + 1))
            for j in range(_SIDE)
        ]
        for i in range(16)
    ],
    dtype=np.float64,
)

_FLIP = (-1.0) ** (np.arange(16) + 1)
"""Reversing a 64-sample axis multiplies DCT coefficient i along it by (-1)^(i+1):
cos(pi/128 (i+1)(127 - 2j)) = (-1)^(i+1) cos(pi/128 (i+1)(2j + 1))."""

_ORIENTATIONS = (
    (False, None, None),
    (True, _FLIP, None),
    (False, _FLIP, _FLIP),
    (True, None, _FLIP),
    (False, _FLIP, None),
    (False, None, _FLIP),
    (True, None, None),
    (True, _FLIP, _FLIP),
)
"""Each orientation's 16x16 DCT from the buffer's own (C): transposed or not, then signs
along rows and columns, in `pdqhash.compute_dihedral` order: the buffer itself (C),
rotate 90 (counter-clockwise; J B^T, so S C^T with S the signs), 180 (S C S), 270
(C^T S), flip X (rows reversed, S C), flip Y (C S), flip about the main diagonal (C^T),
flip about the anti-diagonal (S C^T S). The reference computes its variants this way."""

_SIGNS = np.stack(
    [
        (np.ones(16) if rows is None else rows)[:, None]
        * (np.ones(16) if columns is None else columns)[None, :]
        for _transposed, rows, columns in _ORIENTATIONS
    ]
)
_TRANSPOSED = np.array([int(t) for t, _rows, _columns in _ORIENTATIONS], dtype=np.intp)


def hash_frame(frame: LumaFrame, *, dihedral: bool = False) -> PdqHash:
    """PDQ of one reduced frame, as the reference would compute it at full resolution.

    Raises ImageError for frames under MIN_SIDE pixels: the reference's all-zero "hash"
    would match every other degenerate hash in a list.
    """
    if min(frame.full_height, frame.full_width) < MIN_SIDE:
        raise ImageError(
            f"image too small for PDQ: {frame.full_width}x{frame.full_height} pixels, "
            f"needs at least {MIN_SIDE}x{MIN_SIDE}"
        )
    return hash_buffer64(filtered_buffer64(frame), frame=frame.index, dihedral=dihedral)


def filtered_buffer64(frame: LumaFrame) -> npt.NDArray[np.float64]:
    """The reference's 64x64 filtered, decimated luma of a frame (what PDQ's DCT reads)."""
    row_index, row_weights = _band(frame.full_height, frame.scale, frame.luma.shape[0])
    col_index, col_weights = _band(frame.full_width, frame.scale, frame.luma.shape[1])
    # Banded products (each sample reads a few reduced pixels) in a compiled loop, float32
    # like the reference's own buffers: NumPy's gathers and einsum set-up cost more than
    # the arithmetic on pictures this small, and BLAS threads would fight the worker pool.
    # Imported here: numba's import stays off `import jaga.hashing` (the CLI's start-up).
    from jaga.hashing.pdq_kernels import filtered64

    luma = np.ascontiguousarray(frame.luma, dtype=np.float32)
    return filtered64(luma, row_index, row_weights, col_index, col_weights)


def hash_buffer64(
    buffer: npt.NDArray[np.float64], *, frame: int = 0, dihedral: bool = False
) -> PdqHash:
    """PDQ of a filtered, decimated 64x64 luma buffer (the reference's `buffer64x64`).

    The dihedral variants are the hashes of the buffer rotated/flipped, in the order of
    `pdqhash.compute_dihedral`: rotate 90, 180, 270 (counter-clockwise), flip X, flip Y,
    flip about the main diagonal, flip about the anti-diagonal.
    """
    coefficients = _dct16(buffer)
    if not dihedral:
        plain = _coefficient_hexes(coefficients[np.newaxis])[0]
        return PdqHash(hex=plain, quality=_quality(buffer), frame=frame)
    # The variants' coefficients are the buffer's own, transposed and sign-flipped (exact):
    # one DCT instead of eight, and no gather of eight rotated buffers. pdqhash does the
    # same; tests/hashing/test_pdq_reference.py checks every variant bit for bit against it.
    both = np.stack((coefficients, coefficients.T))
    stacked = both[_TRANSPOSED] * _SIGNS
    plain, *variants = _coefficient_hexes(stacked)
    return PdqHash(hex=plain, quality=_quality(buffer), frame=frame, dihedral=tuple(variants))


def distinct_frame_hashes(
    hashes: Iterable[PdqHash], max_distance: int = DISTINCT_FRAME_DISTANCE
) -> tuple[PdqHash, ...]:
    """Keep each frame hash unless it is within `max_distance` bits of one kept earlier.

    Animated GIFs repeat frames (loops, pauses); a list needs each picture once.
    """
    kept: list[PdqHash] = []
    for candidate in hashes:
        value = int(candidate.hex, 16)
        if all((value ^ int(other.hex, 16)).bit_count() > max_distance for other in kept):
            kept.append(candidate)
    return tuple(kept)


def clear_weight_cache() -> None:
    """Forget the per-image-size filter weights (benchmarks use it to time cold sizes)."""
    _band.cache_clear()


def _dct16(buffer: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """The 16x16 DCT coefficients PDQ keeps (as a stack of one: the same products and
    bits as before the dihedral variants were derived from it)."""
    coefficients: npt.NDArray[np.float64] = (_DCT @ buffer[np.newaxis] @ _DCT.T)[0]
    return coefficients


def _coefficient_hexes(coefficients: npt.NDArray[np.float64]) -> list[str]:
    """The PDQ hash of each of a stack of 16x16 DCT coefficient blocks, in one pass.

    Torben's median in the reference returns the lower middle value of the 256; bit k
    (k = 16*row + col) is set when above it, and hex digit 0 holds bit 255.
    """
    flat = coefficients.reshape(len(coefficients), -1)
    median = np.partition(flat, 127, axis=1)[:, 127:128]
    packed = np.packbits((flat > median)[:, ::-1], axis=1)
    return [row.tobytes().hex() for row in packed]


def _quality(buffer: npt.NDArray[np.float64]) -> int:
    """The reference's image-domain quality: summed, truncated gradients over 90, max 100
    (float32 steps x 100 / 255 like the reference; jaga.hashing.pdq_kernels.quality)."""
    from jaga.hashing.pdq_kernels import quality

    return int(quality(np.ascontiguousarray(buffer, dtype=np.float64)))


@functools.lru_cache(maxsize=512)
def _band(
    full_size: int, scale: int, reduced_size: int
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float32]]:
    """The reference's filter + decimation along one axis, folded onto reduced pixels.

    Returns (index, weights), both 64 x K: sample i = sum over k of
    weights[i, k] * reduced[index[i, k]]. Reduced pixel r is the mean of full-resolution
    pixels [r * scale, (r + 1) * scale), so its weight is the sum of theirs.

    Reference (pdq/cpp/downscaling): window w = ceil(full_size / 128); a box filter of
    width w applied twice; sample i read at int((i + 0.5) * full_size / 64). One box pass
    averages inputs [o - (w - h), o + h - 1] with h = (w + 2) // 2, clipped at the edges
    (the average shrinks there instead of padding).
    """
    if not 0 <= reduced_size * scale - full_size < scale:
        raise ValueError(
            f"reduced size {reduced_size} at scale {scale} does not cover {full_size} pixels"
        )
    # In a compiled loop (jaga.hashing.pdq_kernels.band_weights, bit for bit the NumPy
    # prefix-sum and bincount code it replaced): a robust query's views come in new sizes,
    # about one cache miss per query, and NumPy's set-up cost ten times the arithmetic.
    from jaga.hashing.pdq_kernels import band_weights

    index, weights = band_weights(full_size, scale, reduced_size)
    index.setflags(write=False)
    weights.setflags(write=False)
    return index, weights
