"""The append-only buffer that makes an added hash searchable at once.

New rows land here and are scanned (a few tens of thousands of rows scan in well under
a millisecond); when the buffer is full it is frozen into a segment, so no add ever
pays for rebuilding what is already indexed.
"""

from __future__ import annotations

import numpy as np

from jaga.matching import kernels
from jaga.matching.segment import Hits
from jaga.matching.types import WORDS_PER_HASH


class Delta:
    """Rows not yet in a segment, with their own tombstones."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.count = 0
        self.hashes = np.empty((capacity, WORDS_PER_HASH), dtype=np.uint64)
        self.ids = np.empty(capacity, dtype=np.int64)
        self.dead = np.zeros(capacity, dtype=np.bool_)

    def room(self) -> int:
        return self.capacity - self.count

    def append(self, hashes: np.ndarray, ids: np.ndarray) -> None:
        """Copy rows in; the caller splits batches so they fit `room()`."""
        n_new = hashes.shape[0]
        if n_new > self.room():
            raise ValueError(f"delta has room for {self.room()} rows, got {n_new}")
        end = self.count + n_new
        self.hashes[self.count : end] = hashes
        self.ids[self.count : end] = ids
        self.dead[self.count : end] = False
        self.count = end

    def live_rows(self) -> tuple[np.ndarray, np.ndarray]:
        """Copies of the live rows, for freezing into a segment (then call `clear`)."""
        alive = ~self.dead[: self.count]
        return self.hashes[: self.count][alive].copy(), self.ids[: self.count][alive].copy()

    def clear(self) -> None:
        self.count = 0
        self.dead[:] = False

    def live_count(self) -> int:
        return self.count - int(np.count_nonzero(self.dead[: self.count]))

    def mark_dead(self, ids: np.ndarray) -> int:
        """Tombstone live rows whose id is in `ids`; returns how many were live."""
        return int(kernels.mark_dead(self.ids, self.dead, self.count, np.unique(ids)))

    def search_many(self, queries: np.ndarray, max_distance: int) -> Hits:
        q_index, rows, dists = kernels.flat_search_many(
            self.hashes, self.dead, self.count, queries, max_distance
        )
        return q_index, self.ids[rows], dists

    def memory_bytes(self) -> int:
        return int(self.hashes.nbytes + self.ids.nbytes + self.dead.nbytes)
