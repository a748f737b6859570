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

_BASE = np.arange(_SIDE * _SIDE).reshape(_SIDE, _SIDE)
_DIHEDRAL = np.stack(
    [
        np.ascontiguousarray(view).ravel()
        for view in (
            _BASE,
            np.rot90(_BASE, 1),
            np.rot90(_BASE, 2),
            np.rot90(_BASE, 3),
            _BASE[::-1, :],
            _BASE[:, ::-1],
            _BASE.T,
            np.rot90(_BASE, 2).T,
        )
    ]
)
"""Where each orientation's pixels come from in the buffer (flat), in `pdqhash.compute_dihedral`
order: the buffer itself, rotate 90, 180, 270 (counter-clockwise), flip X, flip Y, flip
about the main diagonal, flip about the anti-diagonal."""


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
    if not dihedral:
        return PdqHash(hex=_hash_hex(buffer), quality=_quality(buffer), frame=frame)
    # The eight orientations hashed in one stacked product and one partition: the same
    # arithmetic per orientation (bit-exact, tests/hashing/test_pdq_reference.py), at a
    # half the time of eight separate calls, whose cost is mostly NumPy's per-call work.
    stacked = buffer.ravel().take(_DIHEDRAL).reshape(8, _SIDE, _SIDE)
    plain, *variants = _hash_hexes(stacked)
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


def _hash_hex(buffer: npt.NDArray[np.float64]) -> str:
    """The PDQ hash of one 64x64 buffer (the stacked path with a stack of one)."""
    return _hash_hexes(buffer[np.newaxis])[0]


def _hash_hexes(buffers: npt.NDArray[np.float64]) -> list[str]:
    """The PDQ hash of each of a stack of 64x64 buffers, in one pass over the stack.

    Torben's median in the reference returns the lower middle value of the 256; bit k
    (k = 16*row + col) is set when above it, and hex digit 0 holds bit 255.
    """
    coefficients = (_DCT @ buffers @ _DCT.T).reshape(len(buffers), -1)
    median = np.partition(coefficients, 127, axis=1)[:, 127:128]
    packed = np.packbits((coefficients > median)[:, ::-1], axis=1)
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
    window = (full_size + 2 * _SIDE - 1) // (2 * _SIDE)
    half = (window + 2) // 2
    lead = window - half
    positions = np.arange(full_size)
    counts = np.minimum(full_size, positions + half) - np.maximum(0, positions - lead)
    # prefix[k] = sum of 1 / counts[o] for o < k: a middle o spreads 1/counts[o] over its span.
    prefix = np.concatenate(([0.0], np.cumsum(1.0 / counts)))
    centres = ((np.arange(_SIDE) + 0.5) * full_size / _SIDE).astype(np.int64)
    starts = np.maximum(0, centres - lead)
    stops = np.minimum(full_size, centres + half)
    # Input j feeds middle o when j - half < o <= j + lead; sample i uses o in [start, stop).
    full = (starts - lead)[:, None] + np.arange(2 * window)[None, :]
    upper = np.minimum(stops[:, None], full + lead + 1)
    lower = np.maximum(starts[:, None], full - half + 1)
    valid = (full >= 0) & (full < full_size) & (upper > lower)
    safe_upper = np.clip(upper, 0, full_size)
    safe_lower = np.clip(lower, 0, full_size)
    weights_full = np.where(
        valid, (prefix[safe_upper] - prefix[safe_lower]) / (stops - starts)[:, None], 0.0
    )
    width = min(reduced_size, (2 * window) // scale + 2)
    base = np.clip(np.maximum(0, starts - lead) // scale, 0, reduced_size - width)
    reduced = np.clip(full, 0, full_size - 1) // scale - base[:, None]
    flat = (np.arange(_SIDE)[:, None] * width + reduced)[valid]
    weights = (
        np.bincount(flat, weights_full[valid], minlength=_SIDE * width)
        .reshape(_SIDE, width)
        .astype(np.float32)
    )
    index: npt.NDArray[np.intp] = (base[:, None] + np.arange(width)[None, :]).astype(np.intp)
    index.setflags(write=False)
    weights.setflags(write=False)
    return index, weights
