"""Tar members (plain or gzip/bzip2/xz-compressed), read into memory under the limits.

Only regular files are read. Links, devices and FIFOs inside a tar are reported, never
followed: a link's target is just a name, and following it could point anywhere.
A plain tar is read with random access (skipping a member costs nothing); a compressed one
is read as a stream through BudgetedDecompressor, so even skipped data is counted and a tar
bomb stops at the total limit.
"""

from __future__ import annotations

import tarfile
from collections.abc import Iterator
from dataclasses import replace
from typing import BinaryIO

from jaga.scanning.archive_compressed import (
    DECOMPRESSION_ERRORS,
    BudgetedDecompressor,
    Compression,
)
from jaga.scanning.archive_limits import LIMIT_OPTIONS, Budget, LimitReached, format_size
from jaga.scanning.archive_members import ArchiveMember, MemberProblem, read_bounded
from jaga.scanning.archive_names import printable, sanitise_member_name

_TAR_ERRORS: tuple[type[BaseException], ...] = (tarfile.TarError, *DECOMPRESSION_ERRORS)


def iter_tar_members(
    raw: BinaryIO, compression: Compression | None, budget: Budget
) -> Iterator[ArchiveMember | MemberProblem]:
    """Yield each regular file of a tar, or the reason an entry was not read."""
    stream: BudgetedDecompressor | None = None
    try:
        if compression is None:
            archive = tarfile.open(fileobj=raw, mode="r:")  # noqa: SIM115 - closed below
        else:
            stream = BudgetedDecompressor(raw, compression, budget)
            archive = tarfile.open(fileobj=stream, mode="r|")  # type: ignore[call-overload]  # noqa: SIM115
    except LimitReached:
        raise
    except _TAR_ERRORS as exc:
        yield MemberProblem(None, "corrupt_archive", f"tar is damaged and cannot be read: {exc}")
        return
    # Bytes coming out of a decompressor are charged there; a plain tar charges on read.
    charge = budget if compression is None else None
    try:
        yield from _iter_members(archive, charge, budget)
    finally:
        archive.close()
        if stream is not None:
            stream.close()


def _iter_members(
    archive: tarfile.TarFile, charge: Budget | None, budget: Budget
) -> Iterator[ArchiveMember | MemberProblem]:
    read = 0
    streamed = charge is None
    while True:
        try:
            info = archive.next()
        except LimitReached:
            raise
        except _TAR_ERRORS as exc:
            yield MemberProblem(
                None,
                "corrupt_archive",
                f"tar is damaged after {read} members; the rest was not read: {exc}",
            )
            return
        if info is None:
            return
        read += 1
        budget.count_member()
        if info.isdir():
            continue
        result = _read_member(archive, info, charge, budget)
        if isinstance(result, MemberProblem) and result.kind == "corrupt_archive" and streamed:
            # A compressed stream cannot resynchronise after damage: nothing more to read.
            yield replace(result, reason=f"{result.reason}; the rest of the archive is lost")
            return
        yield result


def _read_member(
    archive: tarfile.TarFile, info: tarfile.TarInfo, charge: Budget | None, budget: Budget
) -> ArchiveMember | MemberProblem:
    name, warnings = sanitise_member_name(info.name)
    if not info.isreg():
        return MemberProblem(name, "special_file", _describe_special(info))
    limit = budget.limits.max_member_size
    if info.size > limit:
        return MemberProblem(
            name,
            "too_large",
            f"member is {format_size(info.size)}, above the {format_size(limit)} limit per "
            f"member; not read (raise {LIMIT_OPTIONS['max_member_size']})",
        )
    try:
        member = archive.extractfile(info)
        if member is None:
            return MemberProblem(name, "special_file", "tar entry has no readable content")
        with member:
            data = read_bounded(member, limit, charge)
    except LimitReached:
        raise
    except _TAR_ERRORS as exc:
        return MemberProblem(name, "corrupt_archive", f"member is damaged or truncated: {exc}")
    if data is None or len(data) != info.size:
        return MemberProblem(
            name,
            "corrupt_archive",
            f"member is truncated: its header says {info.size} bytes, "
            f"{'more' if data is None else len(data)} could be read",
        )
    return ArchiveMember(name, data, warnings)


def _describe_special(info: tarfile.TarInfo) -> str:
    if info.issym():
        return f"symbolic link to '{printable(info.linkname)}' inside the archive; not followed"
    if info.islnk():
        return (
            f"hard link to '{printable(info.linkname)}' inside the archive; not followed "
            "(the target member is scanned on its own)"
        )
    if info.ischr() or info.isblk():
        return "device entry inside the archive; it has no content to scan"
    if info.isfifo():
        return "named pipe (FIFO) entry inside the archive; it has no content to scan"
    return f"tar entry of type {info.type!r} is not a regular file; not read"
