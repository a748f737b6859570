"""An immutable block of PDQ hashes with its multi-index tables and a tombstone bitmap.

Segments never change after they are built, except for their `dead` flags, so a build
costs only its own rows and a snapshot is a handful of flat arrays that load at disk speed
(and can be memory-mapped). Small segments skip the tables and are scanned.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np

from jaga.matching import kernels
from jaga.matching.layout import (
    MAX_CHUNK_RADIUS,
    choose_chunk_width,
    chunk_radii,
    expected_mih_work,
    masks_by_popcount,
)
from jaga.matching.types import HASH_BITS, WORDS_PER_HASH, MatchingError

FLAT_SEGMENT_ROWS = 4096
"""Below this a scan beats table look-ups, and tables would cost more than the hashes."""

SCAN_ROWS_PER_PROBE = 32
"""One random bucket/candidate access costs about as much as scanning this many rows in order."""

Hits = tuple[np.ndarray, np.ndarray, np.ndarray]
"""Parallel arrays (query index, entry id, distance)."""


@dataclass(slots=True)
class Segment:
    """Rows sorted by chunk 0 (when indexed); `width == 0` means no tables (scan only)."""

    hashes: np.ndarray
    ids: np.ndarray
    dead: np.ndarray
    width: int
    offsets: np.ndarray
    positions: np.ndarray
    scan_plans: dict[int, bool] = field(default_factory=dict)
    """Radius -> whether to scan; planning costs more than a small search, so it is kept."""

    @classmethod
    def build(cls, hashes: np.ndarray, ids: np.ndarray) -> Segment:
        """Index `hashes` (n, 4) uint64 with entry `ids`; cost is linear in n."""
        n_rows = hashes.shape[0]
        if n_rows >= 2**32 - 1:
            raise MatchingError(f"a segment holds fewer than 2**32 rows, got {n_rows}")
        if n_rows < FLAT_SEGMENT_ROWS:
            return cls(
                hashes=np.ascontiguousarray(hashes),
                ids=np.ascontiguousarray(ids, dtype=np.int64),
                dead=np.zeros(n_rows, dtype=np.bool_),
                width=0,
                offsets=np.zeros((0, 0), dtype=np.uint32),
                positions=np.zeros((0, 0), dtype=np.uint32),
            )
        width = choose_chunk_width(n_rows)
        n_chunks = HASH_BITS // width
        n_buckets = 1 << width
        first_offsets, order = kernels.counting_sort(
            kernels.chunk_values(hashes, 0, width), n_buckets
        )
        sorted_hashes = kernels.gather_rows(hashes, order)
        sorted_ids = np.ascontiguousarray(ids, dtype=np.int64)[order]
        del order
        offsets = np.empty((n_chunks, n_buckets + 1), dtype=np.uint32)
        offsets[0] = first_offsets
        positions = np.empty((n_chunks - 1, n_rows), dtype=np.uint32)
        for chunk in range(1, n_chunks):
            values = kernels.chunk_values(sorted_hashes, chunk, width)
            offsets[chunk], positions[chunk - 1] = kernels.counting_sort(values, n_buckets)
        return cls(
            hashes=sorted_hashes,
            ids=sorted_ids,
            dead=np.zeros(n_rows, dtype=np.bool_),
            width=width,
            offsets=offsets,
            positions=positions,
        )

    def __len__(self) -> int:
        return int(self.hashes.shape[0])

    def live_count(self) -> int:
        return len(self) - int(np.count_nonzero(self.dead))

    def live_rows(self) -> tuple[np.ndarray, np.ndarray]:
        """(hashes, ids) of rows not removed, for merging into a new segment."""
        alive = ~self.dead
        return self.hashes[alive], self.ids[alive]

    def mark_dead(self, ids: np.ndarray) -> int:
        """Tombstone every live row whose id is in `ids`; returns how many were live."""
        if not self.dead.flags.writeable:
            self.dead = self.dead.copy()
        return int(kernels.mark_dead(self.ids, self.dead, len(self), np.unique(ids)))

    def uses_scan(self, max_distance: int) -> bool:
        """Whether a scan is the cheaper exact plan for this radius (also for tiny segments)."""
        plan = self.scan_plans.get(max_distance)
        if plan is None:
            plan = self.scan_plans[max_distance] = self._scan_is_cheaper(max_distance)
        return plan

    def _scan_is_cheaper(self, max_distance: int) -> bool:
        if self.width == 0:
            return True
        radii = chunk_radii(self.offsets.shape[0], max_distance)
        if int(radii.max()) > MAX_CHUNK_RADIUS:
            return True
        work = expected_mih_work(len(self), self.width, radii)
        return work * SCAN_ROWS_PER_PROBE > len(self)

    def search_many(self, queries: np.ndarray, max_distance: int) -> Hits:
        """All live rows within `max_distance` of each query row (exact)."""
        if self.uses_scan(max_distance):
            q_index, rows, dists = kernels.flat_search_many(
                self.hashes, self.dead, len(self), queries, max_distance
            )
        else:
            masks, counts = masks_by_popcount(self.width)
            q_index, rows, dists = kernels.mih_search_many(
                self.hashes,
                self.dead,
                self.offsets,
                self.positions,
                self.width,
                chunk_radii(self.offsets.shape[0], max_distance),
                masks,
                counts,
                queries,
                max_distance,
            )
        return q_index, self.ids[rows], dists

    def memory_bytes(self) -> int:
        arrays = (self.hashes, self.ids, self.dead, self.offsets, self.positions)
        return sum(int(a.nbytes) for a in arrays)

    def save(self, directory: Path, name: str) -> None:
        """Write one .npy per array plus a small JSON header (no pickle: safe to load)."""
        for part in ("hashes", "ids", "dead", "offsets", "positions"):
            np.save(directory / f"{name}.{part}.npy", getattr(self, part), allow_pickle=False)
        (directory / f"{name}.json").write_text(
            json.dumps({"width": self.width, "rows": len(self)})
        )

    @classmethod
    def load(cls, directory: Path, name: str, *, mmap: bool = False) -> Segment:
        """Read a segment written by `save`; `mmap` maps the big arrays instead of reading them."""
        header_path = directory / f"{name}.json"
        try:
            header = json.loads(header_path.read_text())
            mode: Literal["r"] | None = "r" if mmap else None
            arrays = {
                part: np.load(
                    directory / f"{name}.{part}.npy",
                    mmap_mode=None if part == "dead" else mode,
                    allow_pickle=False,
                )
                for part in ("hashes", "ids", "dead", "offsets", "positions")
            }
        except (OSError, ValueError) as error:
            raise MatchingError(
                f"cannot read index segment {header_path}: {error}; rebuild the index snapshot"
            ) from error
        segment = cls(width=int(header["width"]), **arrays)
        segment.check_shapes(header_path)
        return segment

    def check_shapes(self, source: Path) -> None:
        """Refuse a snapshot whose arrays disagree, instead of crashing inside a kernel."""
        n_rows = self.hashes.shape[0]
        problems = []
        if self.hashes.dtype != np.uint64 or self.hashes.shape[1:] != (WORDS_PER_HASH,):
            problems.append(f"hashes {self.hashes.dtype}{self.hashes.shape}")
        if self.ids.shape != (n_rows,) or self.ids.dtype != np.int64:
            problems.append(f"ids {self.ids.dtype}{self.ids.shape}")
        if self.dead.shape != (n_rows,) or self.dead.dtype != np.bool_:
            problems.append(f"dead {self.dead.dtype}{self.dead.shape}")
        if self.width:
            n_chunks = HASH_BITS // self.width
            if self.offsets.shape != (n_chunks, (1 << self.width) + 1):
                problems.append(f"offsets {self.offsets.shape}")
            if self.positions.shape != (n_chunks - 1, n_rows):
                problems.append(f"positions {self.positions.shape}")
        if problems:
            raise MatchingError(
                f"index segment {source} is inconsistent ({', '.join(problems)}); "
                "rebuild the index snapshot"
            )
