"""Randomised: `search_arrays` returns exactly the brute-force hit multiset (query, id,
distance) for small query batches over small and medium banks, through segments, the
delta buffer and tombstones; radii large enough to overflow the kernels' first buffers."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from pdq_hashgen import clustered_hashes, flip_bits, random_hashes

from jaga.matching import PdqIndex
from jaga.matching import segment as segment_module


def _reference(
    hashes: np.ndarray, ids: np.ndarray, live: np.ndarray, queries: np.ndarray, radius: int
) -> Counter[tuple[int, int, int]]:
    words = hashes.view(np.uint64)
    hits: Counter[tuple[int, int, int]] = Counter()
    for qi, query in enumerate(queries.view(np.uint64)):
        distances = np.bitwise_count(words ^ query).sum(axis=1)
        for row in np.nonzero((distances <= radius) & live)[0]:
            hits[(qi, int(ids[row]), int(distances[row]))] += 1
    return hits


def _got(index: PdqIndex, queries: np.ndarray, radius: int) -> Counter[tuple[int, int, int]]:
    q_index, ids, dists = index.search_arrays(queries, radius)
    assert q_index.dtype == ids.dtype == dists.dtype == np.int64
    return Counter(zip(q_index.tolist(), ids.tolist(), dists.tolist(), strict=True))


@pytest.mark.parametrize("mih_only", [False, True])
@pytest.mark.parametrize("seed", range(6))
def test_search_arrays_equals_brute_force(
    seed: int, mih_only: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if mih_only:  # no scan fall-back: the multi-index kernel at every radius it can probe
        monkeypatch.setattr(segment_module, "SCAN_ROWS_PER_PROBE", 0)
    rng = np.random.default_rng(1000 + seed)
    n_rows = int(rng.choice([0, 1, 7, 300, 1_600, 5_000, 12_000]))
    if seed % 2:
        _, hashes = clustered_hashes(rng, max(n_rows // 20, 1), 20, 20)
        hashes = hashes[:n_rows]
    else:
        hashes = random_hashes(rng, n_rows)
    n_rows = hashes.shape[0]
    ids = rng.permutation(np.arange(10 * max(n_rows, 1), dtype=np.int64))[:n_rows]
    split = int(rng.integers(0, n_rows + 1))
    # Part bulk-built (a segment), part added (delta, and frozen segments when it fills).
    index = PdqIndex.from_arrays(
        ids[:split], hashes[:split], delta_rows=int(rng.choice([64, 4096]))
    )
    for start in range(split, n_rows, 997):
        index.add(ids[start : start + 997], hashes[start : start + 997])
    live = np.ones(n_rows, dtype=bool)
    if n_rows:
        removed = rng.choice(n_rows, size=n_rows // 5, replace=False)
        index.remove(ids[removed].tolist())
        live[removed] = False
    for _ in range(4):
        n_queries = int(rng.choice([1, 2, 15, 40]))
        if n_rows:
            picked = hashes[rng.integers(0, n_rows, size=n_queries)]
            queries = flip_bits(rng, picked, rng.integers(0, 40, size=n_queries))
        else:
            queries = random_hashes(rng, n_queries)
        for radius in (0, 8, 31, 47, 64, 128, 256):
            assert _got(index, queries, radius) == _reference(hashes, ids, live, queries, radius)


@pytest.mark.parametrize("mih_only", [False, True])
def test_crowded_buckets_overflow_the_first_buffers(
    mih_only: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Thousands of rows in one bucket and hits per query: every buffer has to grow."""
    if mih_only:
        monkeypatch.setattr(segment_module, "SCAN_ROWS_PER_PROBE", 0)
    rng = np.random.default_rng(77)
    _, near = clustered_hashes(rng, 1, 6_000, 3)
    hashes = np.concatenate([near, random_hashes(rng, 3_000)])
    ids = np.arange(hashes.shape[0], dtype=np.int64) * 3
    index = PdqIndex.from_arrays(ids, hashes)
    assert index.segments[0].width > 0
    removed = rng.choice(hashes.shape[0], size=500, replace=False)
    index.remove(ids[removed].tolist())
    live = np.ones(hashes.shape[0], dtype=bool)
    live[removed] = False
    queries = np.concatenate([near[:3], random_hashes(rng, 2), near[3:5]])
    for radius in (0, 6, 31, 47):
        assert _got(index, queries, radius) == _reference(hashes, ids, live, queries, radius)
