"""Agreement of Jaga's fast PDQ with Meta's reference binding (`pdqhash`)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pdqhash
import pytest

from jaga.hashing.hasher import hash_bytes
from jaga.hashing.pdq import bit_vector_to_hex, hamming_distance_hex, hash_buffer64

from .drawing import encode, natural_image, reference_hex

BENCH_IMAGES = Path(__file__).resolve().parents[2].parent / "shared" / "bench-data" / "images"


@pytest.mark.parametrize("seed", range(6))
def test_dct_threshold_quality_and_dihedral_are_bit_exact(seed: int) -> None:
    """On a 64x64 input the reference's filter is the identity, so every bit must match."""
    rng = np.random.default_rng(seed)
    if seed % 2:
        pixels = rng.integers(0, 256, (64, 64, 3), dtype=np.uint8)
    else:
        pixels = np.cumsum(rng.integers(0, 9, (64, 64, 3)), axis=1).clip(0, 255).astype(np.uint8)
    reference, quality = pdqhash.compute_dihedral(pixels)
    as_float = pixels.astype(np.float64)
    luma = (as_float[..., 0] * 0.299 + as_float[..., 1] * 0.587 + as_float[..., 2] * 0.114).astype(
        np.float32
    )
    ours = hash_buffer64(luma.astype(np.float64), dihedral=True)
    assert [ours.hex, *ours.dihedral] == [bit_vector_to_hex(bits) for bits in reference]
    assert ours.quality == quality


@pytest.mark.parametrize("seed", range(4))
def test_full_size_png_agrees_with_reference(seed: int) -> None:
    data = encode(natural_image(seed), "PNG")
    ours = hash_bytes(data, "drawn.png").pdq[0]
    assert hamming_distance_hex(ours.hex, reference_hex(data)) <= 8


@pytest.mark.parametrize("seed", range(4))
def test_reduced_jpeg_decode_agrees_with_reference(seed: int) -> None:
    data = encode(natural_image(seed, 1024, 683), "JPEG", quality=90)
    ours = hash_bytes(data, "drawn.jpg").pdq[0]
    assert hamming_distance_hex(ours.hex, reference_hex(data)) <= 12
    assert ours.quality >= 50


def test_distinct_pictures_are_far_apart() -> None:
    """Guards against a hasher that returns near-constant hashes (agreement would be trivial)."""
    hashes = [hash_bytes(encode(natural_image(seed), "JPEG"), "x").pdq[0].hex for seed in (1, 2)]
    assert hamming_distance_hex(*hashes) > 64


def test_bench_photos_agree_with_reference() -> None:
    if not BENCH_IMAGES.is_dir():
        pytest.skip(f"benign bench images not present at {BENCH_IMAGES}")
    files = (
        sorted(BENCH_IMAGES.glob("urban100_*"))[:10] + sorted(BENCH_IMAGES.glob("bsds500_*"))[:10]
    )
    if len(files) < 20:
        pytest.skip(f"fewer than 20 bench images in {BENCH_IMAGES}")
    distances = [
        hamming_distance_hex(
            hash_bytes(path.read_bytes(), path.name).pdq[0].hex, reference_hex(path.read_bytes())
        )
        for path in files
    ]
    assert max(distances) <= 31, distances
    assert float(np.median(distances)) <= 6, distances
