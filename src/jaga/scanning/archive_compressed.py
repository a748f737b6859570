"""gzip, bzip2 and xz streams, decompressed under a budget.

A .tar.gz of a few KB can hold terabytes of zeros. Every byte that comes out of the
decompressor here is charged to the top-level archive's budget, and the output/input
ratio is checked as it grows, so a bomb is stopped after at most a few MB of work past the
limit; nothing is ever inflated whole. A compressed stream that is not a tar (photo.jpg.gz)
is treated as an archive with one member, named after the file without its suffix.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import zlib
from collections.abc import Iterator
from typing import BinaryIO, Literal, cast

from jaga.scanning.archive_limits import LIMIT_OPTIONS, Budget, LimitReached, format_size
from jaga.scanning.archive_members import (
    READ_CHUNK,
    ArchiveMember,
    MemberProblem,
    read_bounded,
)
from jaga.scanning.archive_names import UNNAMED, sanitise_member_name

Compression = Literal["gzip", "bzip2", "xz"]

DECOMPRESSION_ERRORS: tuple[type[BaseException], ...] = (
    OSError,  # includes gzip.BadGzipFile and bz2's "Invalid data stream"
    EOFError,  # stream ended before its end marker: truncated
    zlib.error,
    lzma.LZMAError,
    ValueError,
)
_SUFFIXES = {
    ".tgz": ".tar",
    ".tbz": ".tar",
    ".tbz2": ".tar",
    ".txz": ".tar",
    ".gz": "",
    ".gzip": "",
    ".bz2": "",
    ".xz": "",
}


class _CountingReader:
    """Counts the compressed bytes the decompressor has consumed, for the ratio check."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self.consumed = 0

    def read(self, size: int = -1, /) -> bytes:
        data = self._raw.read(size)
        self.consumed += len(data)
        return data


class BudgetedDecompressor:
    """A read-only stream of decompressed bytes that stops when the budget is spent."""

    def __init__(self, raw: BinaryIO, compression: Compression, budget: Budget | None) -> None:
        self._raw = _CountingReader(raw)
        self._budget = budget
        self.produced = 0
        # Closed by close(); the walker's try/finally owns the lifetime.
        self._file: gzip.GzipFile | bz2.BZ2File | lzma.LZMAFile
        # The decompressors only call read(); the stubs ask for a full binary file.
        counted = cast(BinaryIO, self._raw)
        if compression == "gzip":
            self._file = gzip.GzipFile(fileobj=counted, mode="rb")
        elif compression == "bzip2":
            self._file = bz2.BZ2File(counted)
        else:
            self._file = lzma.LZMAFile(counted)  # noqa: SIM115

    def read(self, size: int = -1, /) -> bytes:
        """Return up to `size` bytes (at most one chunk when `size` is negative)."""
        if size < 0 or size > READ_CHUNK:
            size = READ_CHUNK
        data = self._file.read(size)
        self.produced += len(data)
        if self._budget is not None:
            self._budget.charge_bytes(len(data))
            limits = self._budget.limits
            if limits.is_bomb_ratio(self.produced, self._raw.consumed):
                raise LimitReached(
                    "archive_bomb",
                    f"decompression stopped: {format_size(self.produced)} came out of "
                    f"{format_size(self._raw.consumed)} compressed (more than "
                    f"{limits.max_ratio:g}x), a decompression bomb. The rest was NOT scanned: "
                    f"raise {LIMIT_OPTIONS['max_ratio']} if it is a genuine archive",
                )
        return data

    def close(self) -> None:
        self._file.close()


def holds_tar(raw: BinaryIO, compression: Compression) -> bool:
    """Peek at the first decompressed block for the ustar magic; rewinds `raw` afterwards."""
    start = raw.tell()
    try:
        head = BudgetedDecompressor(raw, compression, None).read(512)
    finally:
        raw.seek(start)
    return head[257:262] == b"ustar"


def single_member_name(container_name: str) -> str:
    """'photo.jpg.gz' holds 'photo.jpg'; 'backup.tgz' holds 'backup.tar'."""
    base = container_name.rsplit("!", 1)[-1].replace("\\", "/").rsplit("/", 1)[-1]
    lower = base.lower()
    for suffix, replacement in _SUFFIXES.items():
        if lower.endswith(suffix) and len(base) > len(suffix):
            return base[: -len(suffix)] + replacement
    return UNNAMED


def iter_single_compressed(
    raw: BinaryIO, compression: Compression, container_name: str, budget: Budget
) -> Iterator[ArchiveMember | MemberProblem]:
    """Yield the one decompressed member of a compressed file that is not a tar."""
    name, warnings = sanitise_member_name(single_member_name(container_name))
    budget.count_member()
    stream = BudgetedDecompressor(raw, compression, budget)
    try:
        data = read_bounded(stream, budget.limits.max_member_size, None)
    except LimitReached:
        raise
    except DECOMPRESSION_ERRORS as exc:
        yield MemberProblem(None, "corrupt_archive", f"{compression} data is damaged: {exc}")
        return
    finally:
        stream.close()
    if data is None:
        yield MemberProblem(
            name,
            "too_large",
            f"decompresses to more than {format_size(budget.limits.max_member_size)}, the "
            f"limit per member; not scanned (raise {LIMIT_OPTIONS['max_member_size']})",
        )
        return
    yield ArchiveMember(name, data, warnings)
