"""Synthetic PDQ-shaped hashes and a brute-force oracle for the index tests."""

from __future__ import annotations

import numpy as np


def random_hashes(rng: np.random.Generator, n: int) -> np.ndarray:
    return rng.integers(0, 256, size=(n, 32), dtype=np.uint8)


def flip_bits(rng: np.random.Generator, hashes: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Copies of `hashes` with exactly counts[i] distinct bits flipped in row i."""
    bits = np.unpackbits(hashes, axis=1)
    for row, count in enumerate(counts):
        positions = rng.choice(256, size=int(count), replace=False)
        bits[row, positions] ^= 1
    return np.packbits(bits, axis=1)


def clustered_hashes(
    rng: np.random.Generator, centres: int, variants: int, max_flip: int
) -> tuple[np.ndarray, np.ndarray]:
    """(centres, all variants): each centre gets `variants` copies at 0..max_flip bits."""
    centre_rows = random_hashes(rng, centres)
    repeated = np.repeat(centre_rows, variants, axis=0)
    flips = rng.integers(0, max_flip + 1, size=repeated.shape[0])
    return centre_rows, flip_bits(rng, repeated, flips)


def brute_force(
    hashes: np.ndarray, ids: np.ndarray, queries: np.ndarray, max_distance: int
) -> list[set[tuple[int, int]]]:
    """The oracle: numpy popcount against every row."""
    words = hashes.view(np.uint64)
    results = []
    for query in queries.view(np.uint64):
        distances = np.bitwise_count(words ^ query).sum(axis=1)
        hit = np.nonzero(distances <= max_distance)[0]
        results.append({(int(ids[i]), int(distances[i])) for i in hit})
    return results


def as_sets(results: list[list[tuple[int, int]]]) -> list[set[tuple[int, int]]]:
    """Result lists as sets, after checking no (id, distance) is reported twice."""
    sets = []
    for result in results:
        assert len(set(result)) == len(result), "duplicate hit"
        sets.append(set(result))
    return sets
