"""The values hashing produces; shared by the CLI, scanning, banks and (later) the API."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SignalType = Literal["pdq", "md5", "sha1", "sha256"]
SIGNAL_TYPES: tuple[SignalType, ...] = ("pdq", "md5", "sha1", "sha256")
EXACT_SIGNAL_TYPES: tuple[SignalType, ...] = ("md5", "sha1", "sha256")


@dataclass(frozen=True, slots=True)
class PdqHash:
    """One PDQ hash of one (distinct) frame.

    `hex` is 64 lowercase hex characters in the bit order of Meta's reference (`pdqhash`,
    ThreatExchange), so hashes compare with lists made elsewhere. `dihedral` holds the
    seven other orientations (rotations/mirrors) when the caller asked for them: they are
    query-side variants and never stored in a bank.
    """

    hex: str
    quality: int
    frame: int = 0
    dihedral: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FileHashes:
    """Everything Jaga computes for one file (or archive member).

    Exact hashes are always present, even for files that are not images, because exact
    lists also hold videos and other files. `error` says why there is no PDQ (not an
    image, truncated, decompression bomb, ...) in words a user can act on.
    """

    name: str
    size: int
    md5: str
    sha1: str
    sha256: str
    pdq: tuple[PdqHash, ...] = ()
    image_format: str | None = None
    width: int | None = None
    height: int | None = None
    error: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    # Extra query-side hashes of the first frame ("what the original may have been": the
    # photo inside a frame, turned back by a small angle), each with how it was made.
    # Filled only when robust matching asked for them (jaga.robust.views); never stored.
    views: tuple[tuple[str, PdqHash], ...] = ()
    # The first frame's ORB features, packed (jaga.robust.local_features), when a bank
    # verifies candidates with local features; b"" otherwise. Never stored.
    local_features: bytes = b""
