"""PdqIndex must return exactly what a brute-force scan returns, through every update path."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pdq_hashgen import (
    as_sets,
    brute_force,
    clustered_hashes,
    flip_bits,
    random_hashes,
)

from jaga.matching import MatchingError, PdqIndex, pack_hex
from jaga.matching import segment as segment_module

RADII = (0, 1, 15, 31, 32, 47, 63)


@pytest.fixture(params=["auto", "mih-only"])
def plan(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """'mih-only' disables the scan fall-back so the multi-index is checked at every radius."""
    if request.param == "mih-only":
        monkeypatch.setattr(segment_module, "SCAN_ROWS_PER_PROBE", 0)
    return str(request.param)


def _index_of(hashes: np.ndarray, ids: np.ndarray) -> PdqIndex:
    index = PdqIndex.from_arrays(ids, hashes)
    assert len(index.segments) == 1
    if hashes.shape[0] >= segment_module.FLAT_SEGMENT_ROWS:
        assert index.segments[0].width > 0, "expected a multi-index segment"
    return index


def _near_queries(rng: np.random.Generator, rows: np.ndarray, n: int) -> np.ndarray:
    picked = rows[rng.integers(0, rows.shape[0], size=n)]
    return flip_bits(rng, picked, rng.integers(0, 64, size=n))


def test_random_hashes_match_brute_force(plan: str) -> None:
    rng = np.random.default_rng(7)
    hashes = random_hashes(rng, 20_000)
    ids = rng.permutation(20_000).astype(np.int64) * 3 + 11
    index = _index_of(hashes, ids)
    queries = np.concatenate([_near_queries(rng, hashes, 60), random_hashes(rng, 10)])
    for radius in RADII:
        expected = brute_force(hashes, ids, queries, radius)
        assert as_sets(index.search_many(queries, radius)) == expected, f"radius {radius}"


def test_clustered_hashes_match_brute_force(plan: str) -> None:
    rng = np.random.default_rng(8)
    centres, hashes = clustered_hashes(rng, centres=200, variants=50, max_flip=40)
    ids = np.arange(hashes.shape[0], dtype=np.int64)
    index = _index_of(hashes, ids)
    near_centres = flip_bits(rng, centres[:40], rng.integers(0, 20, size=40))
    boundary = flip_bits(
        rng, hashes[rng.integers(0, hashes.shape[0], size=40)], np.r_[[31] * 20, [32] * 20]
    )
    queries = np.concatenate([near_centres, boundary])
    for radius in RADII:
        expected = brute_force(hashes, ids, queries, radius)
        got = as_sets(index.search_many(queries, radius))
        assert got == expected, f"radius {radius}"
    # The boundary queries sit exactly 31/32 bits from an entry: 31 must be found at radius 31.
    at_31 = index.search_many(boundary[:20], 31)
    assert all(any(d == 31 for _, d in hits) for hits in at_31)


def test_results_are_sorted_nearest_first() -> None:
    rng = np.random.default_rng(9)
    centres, hashes = clustered_hashes(rng, centres=5, variants=200, max_flip=30)
    index = _index_of(hashes, np.arange(hashes.shape[0], dtype=np.int64))
    hits = index.search(centres[0], 31)
    assert len(hits) >= 200
    assert hits == sorted(hits, key=lambda hit: (hit[1], hit[0]))


def test_add_is_visible_to_next_query_and_remove_hides_it() -> None:
    rng = np.random.default_rng(10)
    base = random_hashes(rng, 10_000)
    index = _index_of(base, np.arange(10_000, dtype=np.int64))
    new = random_hashes(rng, 3)
    index.add(np.array([100_001, 100_002, 100_003]), new)
    assert len(index) == 10_003
    assert index.search(new[1], 0) == [(100_002, 0)]
    assert index.remove([100_002, 5]) == 2
    assert len(index) == 10_001
    assert index.search(new[1], 31) == []
    assert (5, 0) not in index.search(base[5], 0)
    # Re-adding a removed id (in the delta, and one that lived in a segment) works.
    index.add(np.array([100_002, 5]), np.stack([new[1], base[5]]))
    assert index.search(new[1], 0) == [(100_002, 0)]
    assert index.search(base[5], 0) == [(5, 0)]
    assert len(index) == 10_003
    assert index.remove([]) == 0
    assert index.remove([424242]) == 0


def test_delta_freezes_into_segments_and_merges_them() -> None:
    rng = np.random.default_rng(11)
    hashes = random_hashes(rng, 23_000)
    ids = np.arange(23_000, dtype=np.int64)
    index = PdqIndex(delta_rows=5_000)
    for start in range(0, 23_000, 1_500):
        index.add(ids[start : start + 1_500], hashes[start : start + 1_500])
    assert index.delta.count == 23_000 % 5_000
    assert sum(len(s) for s in index.segments) == 20_000
    # Size-tiered merging keeps few segments (4 freezes of 5k -> one of 20k here).
    assert len(index.segments) <= 2
    queries = _near_queries(rng, hashes, 40)
    for radius in (0, 31, 63):
        assert as_sets(index.search_many(queries, radius)) == brute_force(
            hashes, ids, queries, radius
        )


def test_compaction_keeps_results_identical() -> None:
    rng = np.random.default_rng(12)
    hashes = random_hashes(rng, 12_000)
    ids = np.arange(12_000, dtype=np.int64)
    index = PdqIndex(delta_rows=4_096)
    index.add(ids, hashes)
    index.remove(range(0, 12_000, 7))
    queries = _near_queries(rng, hashes, 50)
    before = index.search_many(queries, 31)
    index.compact()
    assert len(index.segments) == 1 and index.delta.count == 0
    assert index.search_many(queries, 31) == before
    keep = np.ones(12_000, dtype=bool)
    keep[::7] = False
    assert as_sets(before) == brute_force(hashes[keep], ids[keep], queries, 31)
    assert len(index) == int(keep.sum())


def test_save_load_round_trip(tmp_path: Path) -> None:
    rng = np.random.default_rng(13)
    hashes = random_hashes(rng, 9_000)
    ids = np.arange(9_000, dtype=np.int64) + 1_000_000
    index = PdqIndex(delta_rows=4_096)
    index.add(ids, hashes)  # two segments + a delta of 808
    index.remove([1_000_010, 1_008_999])
    queries = _near_queries(rng, hashes, 50)
    expected = index.search_many(queries, 40)
    index.save(tmp_path / "snap")
    for mmap in (False, True):
        loaded = PdqIndex.load(tmp_path / "snap", mmap=mmap)
        assert loaded.search_many(queries, 40) == expected
        assert len(loaded) == len(index)
        loaded.remove([1_000_020])  # tombstones stay writable after an mmap load
        assert all(hit[0] != 1_000_020 for hits in loaded.search_many(queries, 40) for hit in hits)


def test_load_refuses_a_directory_that_is_not_a_snapshot(tmp_path: Path) -> None:
    with pytest.raises(MatchingError, match=r"manifest\.json"):
        PdqIndex.load(tmp_path)


def test_bad_input_gets_a_clear_error() -> None:
    index = PdqIndex()
    with pytest.raises(MatchingError, match=r"shape \(n, 32\)"):
        index.add(np.array([1]), np.zeros((1, 16), dtype=np.uint8))
    with pytest.raises(MatchingError, match="one id per hash"):
        index.add(np.array([1, 2]), np.zeros((1, 32), dtype=np.uint8))
    with pytest.raises(MatchingError, match="max_distance"):
        index.search(np.zeros(32, dtype=np.uint8), -1)
    with pytest.raises(MatchingError, match="#1 has 8 bits"):
        pack_hex(["00" * 32, "ff"])
    with pytest.raises(MatchingError, match="not hex"):
        pack_hex(["zz" * 32])


def test_pack_hex_matches_bytes_fromhex() -> None:
    text = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22"
    packed = pack_hex([text])
    assert packed.shape == (1, 32)
    assert packed[0].tobytes() == bytes.fromhex(text)


def test_empty_index_returns_nothing() -> None:
    index = PdqIndex()
    assert len(index) == 0
    assert index.search(np.zeros(32, dtype=np.uint8), 256) == []
    index.compact()
    assert index.search_many(np.zeros((2, 32), dtype=np.uint8)) == [[], []]


def test_purge_dead_rebuilds_mostly_removed_segments_and_keeps_results_exact() -> None:
    hashes = random_hashes(np.random.default_rng(11), 3_000)
    ids = np.arange(3_000, dtype=np.int64)
    index = PdqIndex(delta_rows=500)
    index.add(ids, hashes)  # five frozen segments (merged as they pile up) + delta
    rows_before = sum(len(s) for s in index.segments)
    assert rows_before > 0
    index.remove(range(0, 2_400))  # 80 % of everything
    assert index.dead_count() == 2_400
    dropped = index.purge_dead()
    assert dropped > 0 and index.dead_count() == 2_400 - dropped
    assert all(s.live_count() > 0.5 * len(s) for s in index.segments)  # no mostly-dead one
    assert len(index) == 600
    wanted = brute_force(hashes[2_400:], ids[2_400:], hashes[2_400:2_450], 31)
    assert as_sets(index.search_many(hashes[2_400:2_450], 31)) == wanted
    assert index.purge_dead() == 0  # nothing left to do


def test_churn_keeps_rows_bounded() -> None:
    """A list that churns and shrinks never holds much more than its live rows + a delta."""
    rng = np.random.default_rng(3)
    index = PdqIndex.from_arrays(
        np.arange(5_000, dtype=np.int64), random_hashes(rng, 5_000), delta_rows=1_000
    )
    next_id = 10_000
    for round_number in range(15):
        ids = np.arange(next_id, next_id + 700, dtype=np.int64)
        next_id += 700
        index.add(ids, random_hashes(rng, 700))
        index.remove(ids.tolist())
        index.remove(range(round_number * 300, (round_number + 1) * 300))  # the list shrinks
        index.purge_dead()
        held = sum(len(s) for s in index.segments) + index.delta.count
        assert held <= 2 * len(index) + index.delta_rows, (round_number, held, len(index))
    assert len(index) == 5_000 - 15 * 300
