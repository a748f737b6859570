"""Equality lookup for cryptographic hashes (MD5, SHA-1, SHA-256): digest -> entry ids.

Two dicts (digest -> ids, id -> digest) are O(1) and a couple of hundred bytes per entry,
fine for lists of millions; keys are raw bytes (not hex) to halve the key memory, and a
digest held by one id (the usual case) stores a bare int rather than a list.
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
    """Digests mapped to the entry ids that hold them; each entry id holds one digest.

    Removal is by entry id (what a bank change names), so a reverse map id -> digest is kept.
    """

    def __init__(self, digest_size: int | None = None) -> None:
        """`digest_size` pins one signal type (16 md5, 20 sha1, 32 sha256); None takes all."""
        allowed = sorted(DIGEST_SIZES.values())
        if digest_size is not None and digest_size not in allowed:
            raise MatchingError(
                f"digest_size must be one of {allowed} bytes (md5, sha1, sha256), got {digest_size}"
            )
        self.digest_size = digest_size
        self._ids_by_digest: dict[bytes, int | list[int]] = {}
        self._digest_by_id: dict[int, bytes] = {}

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
        sizes = (self.digest_size,) if self.digest_size else tuple(DIGEST_SIZES.values())
        if len(raw) not in sizes:
            expected = " or ".join(f"{2 * size} hex characters" for size in sizes)
            raise MatchingError(f"digest has {len(raw)} bytes; expected {expected}")
        return raw

    def add(self, ids: Iterable[int] | np.ndarray, digests: Iterable[bytes | str]) -> None:
        """Map each id to its digest; re-adding an id replaces its previous digest."""
        id_list = np.asarray(ids).tolist() if isinstance(ids, np.ndarray) else list(ids)
        digest_list = list(digests)
        if len(id_list) != len(digest_list):
            raise MatchingError(
                f"add needs one digest per id: {len(id_list)} ids, {len(digest_list)} digests"
            )
        keys = [self.key(digest) for digest in digest_list]  # validate all before changing
        for entry_id, raw in zip(id_list, keys, strict=True):
            entry_id = int(entry_id)
            if entry_id in self._digest_by_id:
                self._unlink(entry_id)
            self._digest_by_id[entry_id] = raw
            held = self._ids_by_digest.get(raw)
            if held is None:
                self._ids_by_digest[raw] = entry_id
            elif isinstance(held, int):
                self._ids_by_digest[raw] = [held, entry_id]
            else:
                held.append(entry_id)

    def remove(self, ids: Iterable[int]) -> int:
        """Drop these entry ids (unknown ids are ignored); returns how many were present."""
        removed = 0
        for entry_id in ids:
            if int(entry_id) in self._digest_by_id:
                self._unlink(int(entry_id))
                removed += 1
        return removed

    def _unlink(self, entry_id: int) -> None:
        raw = self._digest_by_id.pop(entry_id)
        held = self._ids_by_digest[raw]
        if isinstance(held, int):
            del self._ids_by_digest[raw]
            return
        held.remove(entry_id)
        if len(held) == 1:
            self._ids_by_digest[raw] = held[0]

    def lookup(self, digest: bytes | str) -> list[int]:
        """Entry ids holding `digest` (empty when none)."""
        held = self._ids_by_digest.get(self.key(digest))
        if held is None:
            return []
        return [held] if isinstance(held, int) else list(held)

    def __contains__(self, digest: bytes | str) -> bool:
        return self.key(digest) in self._ids_by_digest

    def __len__(self) -> int:
        """Number of entry ids held."""
        return len(self._digest_by_id)

    def save(self, directory: Path) -> None:
        """Write ids and digests (uint8 rows, one file per digest size) as .npy; no pickle."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        sizes = sorted({len(raw) for raw in self._digest_by_id.values()})
        for size in sizes:
            pairs = [(i, raw) for i, raw in self._digest_by_id.items() if len(raw) == size]
            ids = np.fromiter((i for i, _ in pairs), dtype=np.int64, count=len(pairs))
            digests = np.frombuffer(b"".join(raw for _, raw in pairs), dtype=np.uint8)
            np.save(directory / f"ids-{size}.npy", ids, allow_pickle=False)
            digest_path = directory / f"digests-{size}.npy"
            np.save(digest_path, digests.reshape(-1, size), allow_pickle=False)
        header = {"format": SNAPSHOT_FORMAT, "digest_size": self.digest_size, "sizes": sizes}
        (directory / "manifest.json").write_text(json.dumps(header))

    @classmethod
    def load(cls, directory: Path) -> ExactIndex:
        directory = Path(directory)
        try:
            header = json.loads((directory / "manifest.json").read_text())
            if header.get("format") != SNAPSHOT_FORMAT:
                raise ValueError(f"format {header.get('format')!r}, expected {SNAPSHOT_FORMAT!r}")
            index = cls(header["digest_size"])
            for size in header["sizes"]:
                ids = np.load(directory / f"ids-{size}.npy", allow_pickle=False)
                digests = np.load(directory / f"digests-{size}.npy", allow_pickle=False)
                if digests.shape != (ids.shape[0], size):
                    raise ValueError(f"{digests.shape} digests for {ids.shape[0]} ids")
                index.add(ids, [row.tobytes() for row in digests])
        except (OSError, ValueError, KeyError) as error:
            raise MatchingError(
                f"cannot read exact index snapshot in {directory}: {error}; "
                "point at a directory written by ExactIndex.save"
            ) from error
        return index
