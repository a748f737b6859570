"""Brute-force agreement on realistic (clustered) PDQ hashes of the shared benign photos."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pdqhash
import pytest
from pdq_hashgen import as_sets, brute_force, flip_bits
from PIL import Image

from jaga.matching import PdqIndex

IMAGES = Path("/work/shared/bench-data/images")


def _pdq_rows(paths: list[Path]) -> np.ndarray:
    rows = []
    for path in paths:
        with Image.open(path) as image:
            bits, _quality = pdqhash.compute(np.asarray(image.convert("RGB").reduce(2)))
        rows.append(np.packbits(bits.astype(np.uint8)))
    return np.stack(rows)


def test_real_photo_hashes_match_brute_force() -> None:
    if not IMAGES.is_dir():
        pytest.skip(f"{IMAGES} is absent: the benign bench photos are not on this machine")
    paths = sorted(IMAGES.glob("*.jpg"))[:120]
    if not paths:
        pytest.skip(f"no .jpg photos in {IMAGES}")
    rng = np.random.default_rng(14)
    photos = _pdq_rows(paths)
    # 40 noisy variants per photo (0..40 bits) make dense clusters, as re-encodes would.
    repeated = np.repeat(photos, 40, axis=0)
    hashes = np.concatenate([photos, flip_bits(rng, repeated, rng.integers(0, 41, len(repeated)))])
    ids = np.arange(hashes.shape[0], dtype=np.int64)
    index = PdqIndex()
    index.add(ids, hashes)
    index.compact()
    queries = np.concatenate([photos[:30], flip_bits(rng, photos[30:60], np.full(30, 31))])
    for radius in (0, 15, 31, 32, 63):
        assert as_sets(index.search_many(queries, radius)) == brute_force(
            hashes, ids, queries, radius
        ), f"radius {radius}"
