"""How a segment splits 256 bits into chunks, and how a radius is spread over them.

These choices decide speed and memory, not correctness: any split and any radii whose
(radius + 1) sum to more than the query radius is exact (generalised pigeonhole), so
they are tuned from a simple cost model rather than fixed.
"""

from __future__ import annotations

from functools import lru_cache
from math import comb

import numpy as np

from jaga.matching.types import HASH_BITS

MAX_CHUNK_WIDTH = 21
"""2**21 buckets x 4 bytes x 12 chunks = 96 MB of offsets: the most that fits 10M hashes in 1 GB."""

MIN_CHUNK_WIDTH = 8
MAX_CHUNK_RADIUS = 6
"""Probing a 21-bit chunk at radius 7 visits 200k+ buckets; a scan is cheaper by then."""

DESIGN_RADIUS = 31
"""The PDQ match threshold the layout is tuned for (Meta's and HMA's default)."""


@lru_cache(maxsize=4096)
def chunk_radii(n_chunks: int, max_distance: int) -> np.ndarray:
    """Per-chunk probe radius; -1 means the chunk is not probed.

    Exactness needs sum(radius + 1) >= max_distance + 1. Spreading that budget as evenly
    as possible minimises the probes (their number grows steeply with the radius); at
    distance 0 only one chunk is probed.
    """
    budget = max_distance + 1
    base, extra = divmod(budget, n_chunks)
    radii = np.full(n_chunks, base - 1, dtype=np.int64)
    radii[:extra] += 1
    radii.setflags(write=False)  # cached: shared by every caller
    return radii


def probes_per_query(width: int, radii: np.ndarray) -> int:
    """Buckets a query visits: for each chunk, all values within its radius."""
    return sum(sum(comb(width, t) for t in range(int(r) + 1)) for r in radii if r >= 0)


def choose_chunk_width(n_rows: int) -> int:
    """The chunk width with the least expected work at the design radius.

    Work = bucket visits + candidate rows (each roughly one cache miss). Widths are capped
    so the offset tables stay under about two buckets per row (memory) and 2**21.
    """
    best_width, best_cost = MIN_CHUNK_WIDTH, float("inf")
    for width in range(MIN_CHUNK_WIDTH, MAX_CHUNK_WIDTH + 1):
        if (1 << width) > max(2 * n_rows, 1 << MIN_CHUNK_WIDTH):
            break
        radii = chunk_radii(HASH_BITS // width, DESIGN_RADIUS)
        probes = probes_per_query(width, radii)
        cost = probes * (1.0 + n_rows / (1 << width))
        if cost < best_cost:
            best_width, best_cost = width, cost
    return best_width


def expected_mih_work(n_rows: int, width: int, radii: np.ndarray) -> float:
    """Expected bucket visits + candidates for one query on uniformly spread hashes."""
    if int(radii.max()) > MAX_CHUNK_RADIUS:
        return float("inf")
    return probes_per_query(width, radii) * (1.0 + n_rows / (1 << width))


@lru_cache(maxsize=32)
def masks_by_popcount(width: int) -> tuple[np.ndarray, np.ndarray]:
    """All `width`-bit values with popcount <= MAX_CHUNK_RADIUS, sorted by popcount.

    Returns (masks uint64, counts) where counts[t] = how many masks have popcount <= t,
    so the probes for radius t are the prefix masks[:counts[t]].
    """
    values = np.arange(1 << width, dtype=np.uint64)
    popcounts = np.bitwise_count(values)
    keep = popcounts <= MAX_CHUNK_RADIUS
    values, popcounts = values[keep], popcounts[keep]
    order = np.argsort(popcounts, kind="stable")
    masks = np.ascontiguousarray(values[order])
    counts = np.cumsum(np.bincount(popcounts, minlength=MAX_CHUNK_RADIUS + 1)).astype(np.int64)
    masks.setflags(write=False)
    counts.setflags(write=False)
    return masks, counts
