"""Zip members, read into memory under the limits.

Every check that can be made from the central directory is made before a byte is
decompressed: declared size, declared compression ratio, encryption, entries that share or
overlap each other's data (the overlapping-entry bomb). The read itself is still bounded,
because declared sizes are written by whoever built the archive.
"""

from __future__ import annotations

import lzma
import stat
import zipfile
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from jaga.scanning.archive_limits import Budget, LimitReached, format_size
from jaga.scanning.archive_members import ArchiveMember, MemberProblem, read_bounded
from jaga.scanning.archive_names import sanitise_member_name

_ENCRYPTED_FLAG = 0x1
_LOCAL_HEADER_SIZE = 30
_READ_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,  # bad CRC, bad local header, overlapped entries
    zlib.error,
    lzma.LZMAError,
    EOFError,
    OSError,
    ValueError,
    RuntimeError,
)


def iter_zip_members(raw: BinaryIO, budget: Budget) -> Iterator[ArchiveMember | MemberProblem]:
    """Yield each file member of a zip, or the reason it was not read."""
    try:
        archive = zipfile.ZipFile(raw)
    except LimitReached:
        raise
    except Exception as exc:  # zipfile raises many types on malformed directories
        yield MemberProblem(
            None, "corrupt_archive", f"zip is damaged or truncated and cannot be opened: {exc}"
        )
        return
    with archive:
        infos = archive.infolist()
        overlapping = _overlapping_entries(infos)
        if overlapping:
            yield MemberProblem(
                None,
                "archive_bomb",
                f"{len(overlapping)} of {len(infos)} entries share or overlap the compressed data "
                "of other entries (an overlapping-entry zip bomb); those entries were not read, "
                "the others were",
            )
        for index, info in enumerate(infos):
            budget.count_member()
            if index in overlapping or _is_directory(info):
                continue
            yield _read_member(archive, info, budget)


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget
) -> ArchiveMember | MemberProblem:
    name, warnings = sanitise_member_name(info.filename)
    refusal = _refusal(info, name, budget)
    if refusal is not None:
        return refusal
    try:
        with archive.open(info) as member:
            data = read_bounded(member, budget.limits.max_member_size, budget)
    except LimitReached:
        raise
    except NotImplementedError as exc:
        return MemberProblem(
            name,
            "unreadable",
            f"zip compression method not supported ({exc}); extract it with 7-Zip and scan "
            "the folder",
        )
    except _READ_ERRORS as exc:
        return MemberProblem(name, "corrupt_archive", f"member is damaged: {exc}")
    if data is None:
        return MemberProblem(
            name,
            "too_large",
            f"member is larger than its declared {format_size(info.file_size)} and than the "
            f"{format_size(budget.limits.max_member_size)} limit per member; not scanned "
            "(raise --max-member-size)",
        )
    return ArchiveMember(name, data, warnings)


def _refusal(info: zipfile.ZipInfo, name: str, budget: Budget) -> MemberProblem | None:
    """Why a member must not be read at all, judged from the directory alone."""
    limits = budget.limits
    if info.flag_bits & _ENCRYPTED_FLAG:
        return MemberProblem(
            name, "encrypted", "member is encrypted; decrypt the archive first and scan the result"
        )
    if info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16):
        return MemberProblem(
            name, "special_file", "member is a symbolic link; links are not followed"
        )
    declared = info.file_size
    if limits.is_bomb_ratio(declared, info.compress_size):
        return MemberProblem(
            name,
            "archive_bomb",
            f"member declares {format_size(declared)} from {format_size(info.compress_size)} "
            f"compressed (more than {limits.max_ratio:g}x): a zip bomb; not read "
            "(raise --max-ratio if it is genuine)",
        )
    if declared > limits.max_member_size:
        return MemberProblem(
            name,
            "too_large",
            f"member is {format_size(declared)}, above the "
            f"{format_size(limits.max_member_size)} limit per member; not read "
            "(raise --max-member-size)",
        )
    return None


def _is_directory(info: zipfile.ZipInfo) -> bool:
    # Archives made on Windows may mark folders with a trailing backslash.
    return info.is_dir() or (info.filename.endswith("\\") and info.file_size == 0)


def _overlapping_entries(infos: list[zipfile.ZipInfo]) -> set[int]:
    """Indexes of entries whose data is shared with, or runs into, another entry.

    No tool that writes zips does this; bombs do, to multiply one compressed kernel. The
    first entry at an offset is kept. The end of an entry's data is under-estimated (header
    name and extra lengths left out), so a genuine zip is never flagged.
    """
    order = sorted(range(len(infos)), key=lambda i: (infos[i].header_offset, i))
    flagged: set[int] = set()
    for position, index in enumerate(order):
        info = infos[index]
        if position > 0 and infos[order[position - 1]].header_offset == info.header_offset:
            flagged.add(index)
            continue
        data_end = info.header_offset + _LOCAL_HEADER_SIZE + info.compress_size
        later = (
            infos[i].header_offset
            for i in order[position + 1 :]
            if infos[i].header_offset > info.header_offset
        )
        next_offset = next(later, None)
        if next_offset is not None and data_end > next_offset:
            flagged.add(index)
    return flagged
