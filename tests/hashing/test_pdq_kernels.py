"""The compiled PDQ loops give bit for bit what the NumPy code they replaced gave."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest

from jaga.hashing import pdq
from jaga.hashing.image_io import LumaFrame
from jaga.hashing.pdq_kernels import band_weights, quality


def _einsum_buffer(frame: LumaFrame) -> npt.NDArray[np.float64]:
    """The former `filtered_buffer64`: the banded products as two einsums."""
    row_index, row_weights = pdq._band(frame.full_height, frame.scale, frame.luma.shape[0])
    col_index, col_weights = pdq._band(frame.full_width, frame.scale, frame.luma.shape[1])
    rows = np.einsum("ik,ikw->iw", row_weights, frame.luma[row_index])
    buffer = np.einsum("jk,ijk->ij", col_weights, rows[:, col_index])
    return buffer.astype(np.float64)


def _numpy_quality(buffer: npt.NDArray[np.float64]) -> int:
    """The former `_quality`, in NumPy float32 arrays."""
    as_float32 = buffer.astype(np.float32)
    vertical = np.trunc(
        (as_float32[:-1, :] - as_float32[1:, :]) * np.float32(100) / np.float32(255)
    )
    horizontal = np.trunc(
        (as_float32[:, :-1] - as_float32[:, 1:]) * np.float32(100) / np.float32(255)
    )
    total = int(np.abs(vertical).sum(dtype=np.int64) + np.abs(horizontal).sum(dtype=np.int64))
    return min(100, total // 90)


@pytest.mark.parametrize("seed", range(8))
def test_filtered_buffer_and_quality_match_numpy(seed: int) -> None:
    rng = np.random.default_rng(seed)
    for _ in range(40):
        height, width = (int(v) for v in rng.integers(16, 600, 2))
        scale = int(rng.choice([1, 2, 3, 4, 8]))
        luma = (rng.random((height, width)) * 255).astype(np.float32)
        if seed % 2:  # flat steps: many equal values and ties
            luma = np.round(luma / 40) * 40
        frame = LumaFrame(0, luma, height * scale, width * scale, scale)
        ours = pdq.filtered_buffer64(frame)
        assert np.array_equal(ours, _einsum_buffer(frame))
        for buffer in (ours, ours * 0.03):
            assert quality(np.ascontiguousarray(buffer)) == _numpy_quality(buffer)


def test_dihedral_hashes_match_separate_hashes() -> None:
    rng = np.random.default_rng(9)
    for _ in range(50):
        buffer = rng.random((64, 64)) * 255
        ours = pdq.hash_buffer64(buffer, dihedral=True)
        views = (
            np.rot90(buffer, 1),
            np.rot90(buffer, 2),
            np.rot90(buffer, 3),
            buffer[::-1, :],
            buffer[:, ::-1],
            buffer.T,
            np.rot90(buffer, 2).T,
        )
        assert ours.hex == pdq.hash_buffer64(buffer).hex
        assert ours.dihedral == tuple(
            pdq.hash_buffer64(np.ascontiguousarray(view)).hex for view in views
        )


def test_ycbcr_planes_match_numpy() -> None:
    from jaga.hashing.image_io import _ycbcr_planes

    rng = np.random.default_rng(4)
    planes = rng.integers(0, 256, (256, 256, 3), dtype=np.uint8)
    # Every (Cb, Cr) pair once, each with some Y.
    planes[:, :, 1], planes[:, :, 2] = np.meshgrid(np.arange(256), np.arange(256), indexing="ij")
    luma, chroma = _ycbcr_planes(planes)
    blue = planes[:, :, 1].astype(np.int32) - 128
    red = planes[:, :, 2].astype(np.int32) - 128
    assert np.array_equal(luma, planes[:, :, 0].astype(np.float32))
    assert np.array_equal(chroma, np.sqrt((blue * blue + red * red).astype(np.float32)))
    assert luma.dtype == chroma.dtype == np.float32


def _numpy_band(
    full_size: int, scale: int, reduced_size: int
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float32]]:
    """The former `pdq._band` body: prefix sums and a bincount in NumPy arrays."""
    window = (full_size + 2 * 64 - 1) // (2 * 64)
    half = (window + 2) // 2
    lead = window - half
    positions = np.arange(full_size)
    counts = np.minimum(full_size, positions + half) - np.maximum(0, positions - lead)
    prefix = np.concatenate(([0.0], np.cumsum(1.0 / counts)))
    centres = ((np.arange(64) + 0.5) * full_size / 64).astype(np.int64)
    starts = np.maximum(0, centres - lead)
    stops = np.minimum(full_size, centres + half)
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
    flat = (np.arange(64)[:, None] * width + reduced)[valid]
    weights = (
        np.bincount(flat, weights_full[valid], minlength=64 * width)
        .reshape(64, width)
        .astype(np.float32)
    )
    index = (base[:, None] + np.arange(width)[None, :]).astype(np.intp)
    return index, weights


def test_band_weights_match_numpy() -> None:
    """Every full size up to 700 at the decode scales, and large sizes at random."""
    rng = np.random.default_rng(11)
    sizes = [(full, scale) for full in range(5, 700) for scale in (1, 2, 4, 8)]
    sizes += [
        (int(full), int(rng.choice([1, 2, 3, 4, 8]))) for full in rng.integers(700, 9000, 300)
    ]
    for full, scale in sizes:
        reduced = -(-full // scale)
        index, weights = band_weights(full, scale, reduced)
        expected_index, expected_weights = _numpy_band(full, scale, reduced)
        assert np.array_equal(index, expected_index), (full, scale)
        assert weights.dtype == np.float32
        assert np.array_equal(weights.view(np.uint32), expected_weights.view(np.uint32)), (
            full,
            scale,
        )
