"""How much one archive may cost to read, and the running tally that enforces it.

Archives are read into memory, never onto disk, so every guard against zip bombs and
decompression bombs lives here: a member that is too big is skipped, and a top-level archive
that expands too much, or holds too many members (counting all nesting levels), is stopped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

LimitKind = Literal["archive_bomb", "too_many_members"]

# The command-line option that raises each limit, named in problem reasons so the user knows
# what to do. One place to change if the CLI spells them differently.
LIMIT_OPTIONS: dict[str, str] = {
    "max_depth": "--max-depth",
    "max_member_size": "--max-member-size",
    "max_total_size": "--max-total-size",
    "max_members": "--max-members",
    "max_ratio": "--max-ratio",
}


@dataclass(frozen=True, slots=True)
class ArchiveLimits:
    """Bounds on the work one top-level archive may cause.

    The defaults let genuine evidence archives through (a 500 MB video inside a zip, a
    backup tarball of a few GB) while stopping the classic bombs long before they exhaust
    memory or time. `max_depth` counts archives inside archives: 0 opens only archives found
    as plain files, 4 opens four more levels below them.
    """

    max_depth: int = 4
    max_member_size: int = 512 * 2**20
    max_total_size: int = 8 * 2**30
    max_members: int = 200_000
    max_ratio: float = 200.0
    ratio_min_size: int = 16 * 2**20

    def __post_init__(self) -> None:
        for name in ("max_depth", "max_member_size", "max_total_size", "max_members"):
            if getattr(self, name) < 0:
                raise ValueError(f"ArchiveLimits.{name} must be 0 or more")
        if self.max_ratio <= 0:
            raise ValueError("ArchiveLimits.max_ratio must be above 0")

    def is_bomb_ratio(self, uncompressed: int, compressed: int) -> bool:
        """Small members may compress extremely well (a blank image); only big ones are bombs."""
        if uncompressed <= self.ratio_min_size:
            return False
        return uncompressed > self.max_ratio * max(compressed, 1)


class LimitReached(Exception):
    """The whole top-level archive must stop: its total or member budget is spent.

    Raised deep inside a nested archive and caught by the walker at the top level, which
    turns it into one SourceProblem; `display_path` is filled in by the innermost archive
    level that sees it, so the report says where the budget ran out.
    """

    def __init__(self, kind: LimitKind, reason: str) -> None:
        super().__init__(reason)
        self.kind: LimitKind = kind
        self.reason = reason
        self.display_path: str | None = None


class Budget:
    """Running totals for one top-level archive, shared by every nesting level below it."""

    def __init__(self, limits: ArchiveLimits) -> None:
        self.limits = limits
        self.bytes_read = 0
        self.members = 0

    def charge_bytes(self, count: int) -> None:
        """Account for `count` uncompressed bytes produced; stop once the total is spent."""
        self.bytes_read += count
        if self.bytes_read > self.limits.max_total_size:
            raise LimitReached(
                "archive_bomb",
                f"reading stopped after {format_size(self.limits.max_total_size)} of "
                "uncompressed data came out of this archive (all nesting levels together); "
                "it is a decompression bomb or a very large archive. The rest was NOT scanned: "
                f"raise {LIMIT_OPTIONS['max_total_size']} to read more, or extract it with a "
                "safe tool first",
            )

    def count_member(self) -> None:
        """Account for one more archive entry (of any type, at any level)."""
        self.members += 1
        if self.members > self.limits.max_members:
            raise LimitReached(
                "too_many_members",
                f"reading stopped after {self.limits.max_members} archive members (all nesting "
                f"levels together); the rest was NOT scanned: raise "
                f"{LIMIT_OPTIONS['max_members']} to read more",
            )


def format_size(count: float) -> str:
    """Sizes in reasons are read by people deciding whether to raise a limit."""
    if count < 1024:
        return f"{count:.0f} bytes"
    for unit in ("KiB", "MiB"):
        count /= 1024
        if count < 1024:
            return f"{count:.1f} {unit}"
    return f"{count / 1024:.1f} GiB"
