"""Exact (cryptographic) hashes: MD5, SHA-1 and SHA-256 of a file's bytes.

Hash lists from NCMEC, IWF and law-enforcement tools (VICS) carry MD5 and SHA-1 as well
as SHA-256, so Jaga computes all three; they match byte-identical copies only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ExactHashes:
    """Lowercase hex digests of the same bytes."""

    md5: str
    sha1: str
    sha256: str


def exact_hashes(chunks: bytes | Iterable[bytes]) -> ExactHashes:
    """Hash `chunks` (one buffer, or an iterable of buffers read in turn) in a single pass.

    Taking an iterable lets callers stream files too large to hold in memory (videos)
    while each chunk is still read only once.
    """
    md5 = hashlib.md5(usedforsecurity=False)
    sha1 = hashlib.sha1(usedforsecurity=False)
    sha256 = hashlib.sha256()
    for chunk in [chunks] if isinstance(chunks, bytes) else chunks:
        md5.update(chunk)
        sha1.update(chunk)
        sha256.update(chunk)
    return ExactHashes(md5=md5.hexdigest(), sha1=sha1.hexdigest(), sha256=sha256.hexdigest())
