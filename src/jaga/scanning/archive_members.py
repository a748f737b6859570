"""What an archive reader hands back: a member's bytes, or why a member was not read.

Each format reader (zip, tar, single compressed file) yields these; the walker in
sources.py adds display paths and recurses into nested archives. Keeping the readers free
of display paths and recursion keeps each one small and testable on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from jaga.scanning.archive_limits import Budget

ProblemKind = Literal[
    "unreadable",
    "corrupt_archive",
    "archive_bomb",
    "too_deep",
    "too_large",
    "too_many_members",
    "encrypted",
    "special_file",
    "unsupported_archive",
]

READ_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class ArchiveMember:
    """A member read fully into memory, under its sanitised name."""

    name: str
    data: bytes
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MemberProblem:
    """A member (or, with `name` None, the archive itself) that was not read, and why."""

    name: str | None
    kind: ProblemKind
    reason: str


class Readable(Protocol):
    """The one method the bounded reader needs (zip/tar member files, decompressors)."""

    def read(self, size: int = -1, /) -> bytes: ...


def read_bounded(stream: Readable, limit: int, budget: Budget | None) -> bytes | None:
    """Read a whole member, or return None as soon as it proves longer than `limit`.

    Never trusts a declared size: reads at most `limit + 1` bytes, in chunks, and charges
    each chunk to `budget` (None when the bytes were already charged by a decompressor
    underneath, so nothing is counted twice).
    """
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(READ_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if budget is not None:
            budget.charge_bytes(len(chunk))
        if total > limit:
            return None
        chunks.append(chunk)
