"""Exact Hamming range search over 256-bit PDQ hashes, updatable without rebuilds.

Layout: immutable segments (multi-index tables, see `kernels.mih_search_many`) + a small
append-only delta (scanned) + tombstones. An add or remove is visible to the next query;
freezing the delta costs only the delta; small segments are merged as they pile up
(log-structured), so a query touches only a few segments. Every query is exact: a row
within `max_distance` is never missed, at any radius (a scan takes over when probing
would cost more).

Hashes are 32 bytes each, `bytes.fromhex(pdq_hex)`, passed as uint8 arrays (n, 32).
Entry ids are the caller's int64 ids (bank entry ids); an id should be live at most once:
remove it before adding it again, or both rows are returned.

Threads: searches release the GIL and may run in parallel with each other. Writes (add,
remove, compact) must not overlap searches or other writes: serialise them with a
readers-writer lock. Writes publish new segment lists whole, but a search that straddles
a delta freeze could still miss the frozen rows.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from jaga.matching.delta import Delta
from jaga.matching.segment import Hits, Segment
from jaga.matching.types import (
    DEFAULT_MAX_DISTANCE,
    HASH_BYTES,
    MAX_SUPPORTED_DISTANCE,
    WORDS_PER_HASH,
    MatchingError,
)

DEFAULT_DELTA_ROWS = 65_536
"""Scanning this many rows costs about 0.1 ms per query; freezing it costs about 0.1 s."""

MERGE_RATIO = 2
"""Merge the newest segment into the one before while that one is at most this many times
bigger: keeps about log2(n / delta) segments, each row rebuilt O(log n) times in all."""

PURGE_DEAD_FRACTION = 0.5
"""`purge_dead` rebuilds a segment once this share of its rows has been removed."""

SNAPSHOT_FORMAT = "jaga-pdq-index/1"


def pack_hex(hexes: Iterable[str]) -> np.ndarray:
    """PDQ hex strings -> uint8 array (n, 32), the layout every method here takes."""
    rows = []
    for number, text in enumerate(hexes):
        try:
            raw = bytes.fromhex(text)
        except ValueError as error:
            raise MatchingError(f"PDQ hash #{number} is not hex: {text[:70]!r}") from error
        if len(raw) != HASH_BYTES:
            raise MatchingError(
                f"PDQ hash #{number} has {len(raw) * 8} bits, expected 256 (64 hex characters)"
            )
        rows.append(np.frombuffer(raw, dtype=np.uint8))
    if not rows:
        return np.empty((0, HASH_BYTES), dtype=np.uint8)
    return np.stack(rows)


def _as_words(hashes: np.ndarray, what: str) -> np.ndarray:
    """uint8 (n, 32) -> uint64 (n, 4) view; the kernels work on whole words."""
    array = np.asarray(hashes)
    if array.dtype != np.uint8 or array.ndim != 2 or array.shape[1] != HASH_BYTES:
        raise MatchingError(
            f"{what} must be a uint8 array of shape (n, {HASH_BYTES}) "
            f"(bytes.fromhex of 64-hex PDQ), got {array.dtype} {array.shape}"
        )
    return np.ascontiguousarray(array).view(np.uint64).reshape(-1, WORDS_PER_HASH)


def _as_ids(ids: np.ndarray, n_hashes: int) -> np.ndarray:
    id_array = np.asarray(ids)
    if id_array.ndim != 1 or id_array.shape[0] != n_hashes:
        raise MatchingError(
            f"ids must be a 1-D array with one id per hash: {id_array.shape} ids "
            f"for {n_hashes} hashes"
        )
    if id_array.size and not np.issubdtype(id_array.dtype, np.integer):
        raise MatchingError(f"ids must be integers (int64), got {id_array.dtype}")
    return id_array.astype(np.int64, copy=False)


def _check_distance(max_distance: int) -> int:
    if not 0 <= max_distance <= MAX_SUPPORTED_DISTANCE:
        raise MatchingError(f"max_distance must be 0..256 bits, got {max_distance}")
    return int(max_distance)


class PdqIndex:
    """Segments + delta + tombstones; see the module docstring."""

    def __init__(self, *, delta_rows: int = DEFAULT_DELTA_ROWS) -> None:
        if delta_rows < 1:
            raise MatchingError(f"delta_rows must be positive, got {delta_rows}")
        self.delta_rows = delta_rows
        self.segments: list[Segment] = []
        self.delta = Delta(delta_rows)

    @classmethod
    def from_arrays(
        cls, ids: np.ndarray, hashes: np.ndarray, *, delta_rows: int = DEFAULT_DELTA_ROWS
    ) -> PdqIndex:
        """Bulk build: one segment straight from the arrays (what a full load from the
        database wants; `add` would freeze and merge the delta many times instead)."""
        index = cls(delta_rows=delta_rows)
        words = _as_words(hashes, "hashes")
        index.segments = [Segment.build(words, _as_ids(ids, words.shape[0]))] if len(words) else []
        return index

    # --- updates -----------------------------------------------------------------

    def add(self, ids: np.ndarray, hashes: np.ndarray) -> None:
        """Add entries; visible to the next query. Freezes the delta when it fills."""
        words = _as_words(hashes, "hashes")
        id_array = _as_ids(ids, words.shape[0])
        start = 0
        while start < words.shape[0]:
            take = min(self.delta.room(), words.shape[0] - start)
            self.delta.append(words[start : start + take], id_array[start : start + take])
            start += take
            if self.delta.room() == 0:
                self._freeze_delta()

    def remove(self, ids: Iterable[int]) -> int:
        """Tombstone every live entry with one of `ids`; returns how many were removed."""
        id_array = np.fromiter((int(i) for i in ids), dtype=np.int64)
        if id_array.size == 0:
            return 0
        removed = self.delta.mark_dead(id_array)
        for segment in self.segments:
            removed += segment.mark_dead(id_array)
        return removed

    def compact(self) -> None:
        """Merge the delta and all segments into one segment without tombstones.

        Costs a full build (seconds at 10M); worth it after many removals or for a snapshot
        that loads and searches fastest.
        """
        parts = [segment.live_rows() for segment in self.segments]
        parts.append(self.delta.live_rows())
        hashes = np.concatenate([p[0] for p in parts])
        ids = np.concatenate([p[1] for p in parts])
        self.segments = [Segment.build(hashes, ids)] if hashes.shape[0] else []
        self.delta.clear()

    def purge_dead(self, min_dead_fraction: float = PURGE_DEAD_FRACTION) -> int:
        """Rebuild each segment whose removed rows are over `min_dead_fraction` of it.

        Removals only tombstone rows, so a bank that keeps changing would otherwise hold
        (and search) every row it ever had. Rebuilding a segment once half of it is dead
        keeps the index within about twice its live size plus the delta, at an amortised
        cost of one rebuild per removed row. Returns the rows dropped.
        """
        dropped = 0
        segments = []
        for segment in self.segments:
            dead = len(segment) - segment.live_count()
            if dead and dead >= min_dead_fraction * len(segment):
                hashes, ids = segment.live_rows()
                if hashes.shape[0]:
                    segments.append(Segment.build(hashes, ids))
                dropped += dead
            else:
                segments.append(segment)
        if dropped:
            self.segments = segments
        return dropped

    def dead_count(self) -> int:
        """Removed rows still held (tombstones), delta included."""
        delta_dead = self.delta.count - self.delta.live_count()
        return delta_dead + sum(len(s) - s.live_count() for s in self.segments)

    def _freeze_delta(self) -> None:
        # Build first, publish, then clear: the rows are never absent from both places.
        hashes, ids = self.delta.live_rows()
        if hashes.shape[0]:
            self.segments = [*self.segments, Segment.build(hashes, ids)]
        self.delta.clear()
        self._merge_small_segments()

    def _merge_small_segments(self) -> None:
        while len(self.segments) >= 2 and len(self.segments[-2]) <= MERGE_RATIO * len(
            self.segments[-1]
        ):
            older_rows, newer_rows = self.segments[-2].live_rows(), self.segments[-1].live_rows()
            merged = Segment.build(
                np.concatenate([older_rows[0], newer_rows[0]]),
                np.concatenate([older_rows[1], newer_rows[1]]),
            )
            self.segments = [*self.segments[:-2], merged]

    # --- queries -----------------------------------------------------------------

    def search(
        self, query: np.ndarray, max_distance: int = DEFAULT_MAX_DISTANCE
    ) -> list[tuple[int, int]]:
        """(entry id, distance) of every live entry within `max_distance`, nearest first."""
        array = np.asarray(query)
        if array.shape != (HASH_BYTES,):
            raise MatchingError(
                f"query must be a uint8 array of shape ({HASH_BYTES},), got {array.shape}"
            )
        return self.search_many(array.reshape(1, HASH_BYTES), max_distance)[0]

    def search_many(
        self, queries: np.ndarray, max_distance: int = DEFAULT_MAX_DISTANCE
    ) -> list[list[tuple[int, int]]]:
        """One result list per query row, as `search` returns."""
        q_index, ids, dists = self.search_arrays(queries, max_distance)
        results: list[list[tuple[int, int]]] = [[] for _ in range(np.asarray(queries).shape[0])]
        order = np.lexsort((ids, dists, q_index))
        for qi, entry, dist in zip(
            q_index[order].tolist(), ids[order].tolist(), dists[order].tolist(), strict=True
        ):
            results[qi].append((entry, dist))
        return results

    def search_arrays(self, queries: np.ndarray, max_distance: int = DEFAULT_MAX_DISTANCE) -> Hits:
        """Raw parallel arrays (query index, entry id, distance), unsorted: for bulk callers
        that would rather not build Python tuples."""
        words = _as_words(queries, "queries")
        radius = _check_distance(max_distance)
        parts = [segment.search_many(words, radius) for segment in self.segments]
        if self.delta.count or not parts:
            parts.append(self.delta.search_many(words, radius))
        return (
            np.concatenate([p[0] for p in parts]),
            np.concatenate([p[1] for p in parts]),
            np.concatenate([p[2] for p in parts]),
        )

    def __len__(self) -> int:
        return self.delta.live_count() + sum(s.live_count() for s in self.segments)

    def memory_bytes(self) -> int:
        """Bytes held by the index arrays (hashes, ids, tombstones, tables, delta buffer)."""
        return self.delta.memory_bytes() + sum(s.memory_bytes() for s in self.segments)

    # --- snapshots ---------------------------------------------------------------

    def save(self, directory: Path) -> None:
        """Write a snapshot: one .npy per array and a JSON manifest (no pickle).

        The delta is saved as a plain segment without tables, so a load never rebuilds.
        """
        directory = Path(directory)
        if directory.exists():
            shutil.rmtree(directory)
        directory.mkdir(parents=True)
        names = []
        for number, segment in enumerate(self.segments):
            name = f"segment-{number:04d}"
            segment.save(directory, name)
            names.append(name)
        live = slice(0, self.delta.count)
        Segment(
            hashes=self.delta.hashes[live],
            ids=self.delta.ids[live],
            dead=self.delta.dead[live],
            width=0,
            offsets=np.zeros((0, 0), dtype=np.uint32),
            positions=np.zeros((0, 0), dtype=np.uint32),
        ).save(directory, "delta")
        manifest = {"format": SNAPSHOT_FORMAT, "segments": names, "delta_rows": self.delta_rows}
        (directory / "manifest.json").write_text(json.dumps(manifest, indent=2))

    @classmethod
    def load(cls, directory: Path, *, mmap: bool = False) -> PdqIndex:
        """Read a snapshot written by `save` (seconds at 10M; `mmap` maps it instead)."""
        directory = Path(directory)
        manifest_path = directory / "manifest.json"
        try:
            manifest = json.loads(manifest_path.read_text())
        except (OSError, ValueError) as error:
            raise MatchingError(
                f"{manifest_path} is missing or not JSON ({error}); point at a directory "
                "written by PdqIndex.save"
            ) from error
        if manifest.get("format") != SNAPSHOT_FORMAT:
            raise MatchingError(
                f"{manifest_path} has format {manifest.get('format')!r}, expected "
                f"{SNAPSHOT_FORMAT!r}; rebuild the snapshot with this version of Jaga"
            )
        index = cls(delta_rows=int(manifest["delta_rows"]))
        index.segments = [Segment.load(directory, name, mmap=mmap) for name in manifest["segments"]]
        delta = Segment.load(directory, "delta")
        index.delta.append(delta.hashes, delta.ids)
        index.delta.dead[: len(delta)] = delta.dead
        return index
