"""Equality lookup for cryptographic hashes (MD5, SHA-1, SHA-256): digest -> entry ids.

A dict keyed by raw digest bytes is O(1) and about 100 bytes per entry, which is fine
for lists of millions; keys are raw bytes (not hex) to halve the key memory, and a
single id is stored as a bare int (the usual case) rather than a list.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from jaga.matching.types import MatchingError

DIGEST_SIZES = {"md5": 16, "sha1": 20, "sha256": 32}
SNAPSHOT_FORMAT = "jaga-exact-index/1"


class ExactIndex:
    """Digests of one size (one signal type) mapped to the entry ids that hold them."""

    def __init__(self, digest_size: int) -> None:
        if digest_size not in DIGEST_SIZES.values():
            raise MatchingError(
                f"digest_size must be one of {sorted(DIGEST_SIZES.values())} bytes "
                f"(md5, sha1, sha256), got {digest_size}"
            )
        self.digest_size = digest_size
        self._entries: dict[bytes, int | list[int]] = {}
        self._count = 0

    @classmethod
    def for_signal(cls, signal_type: str) -> ExactIndex:
        """An index for 'md5', 'sha1' or 'sha256'."""
        try:
            return cls(DIGEST_SIZES[signal_type])
        except KeyError:
            raise MatchingError(
                f"no exact index for signal type {signal_type!r}; use md5, sha1 or sha256"
            ) from None

    def key(self, digest: bytes | str) -> bytes:
        """Raw digest bytes from bytes or hex (any case); a clear error for anything else."""
        if isinstance(digest, str):
            try:
                raw = bytes.fromhex(digest.strip())
            except ValueError:
                raise MatchingError(f"digest is not hex: {digest[:80]!r}") from None
        else:
            raw = bytes(digest)
        if len(raw) != self.digest_size:
            raise MatchingError(
                f"digest has {len(raw)} bytes, this index holds {self.digest_size}-byte "
                f"digests ({2 * self.digest_size} hex characters)"
            )
        return raw

    def add(self, entry_id: int, digest: bytes | str) -> None:
        """Map `digest` to `entry_id` (adding the same pair twice is a no-op)."""
        raw = self.key(digest)
        entry_id = int(entry_id)
        held = self._entries.get(raw)
        if held is None:
            self._entries[raw] = entry_id
        elif isinstance(held, int):
            if held == entry_id:
                return
            self._entries[raw] = [held, entry_id]
        else:
            if entry_id in held:
                return
            held.append(entry_id)
        self._count += 1

    def add_many(self, pairs: Iterable[tuple[int, bytes | str]]) -> None:
        for entry_id, digest in pairs:
            self.add(entry_id, digest)

    def remove(self, entry_id: int, digest: bytes | str) -> bool:
        """Drop one (id, digest) pair; returns whether it was present."""
        raw = self.key(digest)
        held = self._entries.get(raw)
        if held is None:
            return False
        if isinstance(held, int):
            if held != int(entry_id):
                return False
            del self._entries[raw]
        else:
            if int(entry_id) not in held:
                return False
            held.remove(int(entry_id))
            if len(held) == 1:
                self._entries[raw] = held[0]
        self._count -= 1
        return True

    def lookup(self, digest: bytes | str) -> list[int]:
        """Entry ids holding `digest` (empty when none)."""
        held = self._entries.get(self.key(digest))
        if held is None:
            return []
        return [held] if isinstance(held, int) else list(held)

    def __contains__(self, digest: bytes | str) -> bool:
        return self.key(digest) in self._entries

    def __len__(self) -> int:
        """Number of (id, digest) pairs."""
        return self._count

    def save(self, directory: Path) -> None:
        """Write digests (uint8 rows) and ids as .npy plus a JSON header; no pickle."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        digests = np.empty((self._count, self.digest_size), dtype=np.uint8)
        ids = np.empty(self._count, dtype=np.int64)
        row = 0
        for raw, held in self._entries.items():
            for entry_id in [held] if isinstance(held, int) else held:
                digests[row] = np.frombuffer(raw, dtype=np.uint8)
                ids[row] = entry_id
                row += 1
        np.save(directory / "digests.npy", digests, allow_pickle=False)
        np.save(directory / "ids.npy", ids, allow_pickle=False)
        header = {"format": SNAPSHOT_FORMAT, "digest_size": self.digest_size}
        (directory / "manifest.json").write_text(json.dumps(header))

    @classmethod
    def load(cls, directory: Path) -> ExactIndex:
        directory = Path(directory)
        try:
            header = json.loads((directory / "manifest.json").read_text())
            digests = np.load(directory / "digests.npy", allow_pickle=False)
            ids = np.load(directory / "ids.npy", allow_pickle=False)
        except (OSError, ValueError) as error:
            raise MatchingError(
                f"cannot read exact index snapshot in {directory}: {error}; "
                "point at a directory written by ExactIndex.save"
            ) from error
        if header.get("format") != SNAPSHOT_FORMAT:
            raise MatchingError(
                f"{directory / 'manifest.json'} has format {header.get('format')!r}, "
                f"expected {SNAPSHOT_FORMAT!r}"
            )
        index = cls(int(header["digest_size"]))
        if digests.shape != (ids.shape[0], index.digest_size):
            raise MatchingError(
                f"exact index snapshot in {directory} is inconsistent: digests "
                f"{digests.shape} vs ids {ids.shape}; rebuild it"
            )
        for raw, entry_id in zip(digests, ids.tolist(), strict=True):
            index.add(entry_id, raw.tobytes())
        return index
