"""Zip members, read into memory under the limits.

Every check that can be made from the central directory is made before a byte is
decompressed: declared size, declared compression ratio, encryption, entries that share or
overlap each other's data (the overlapping-entry bomb). The read itself is still bounded,
because declared sizes are written by whoever built the archive.
"""

from __future__ import annotations

import io
import lzma
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from jaga.scanning.archive_limits import LIMIT_OPTIONS, Budget, LimitReached, format_size
from jaga.scanning.archive_members import ArchiveMember, MemberProblem, read_bounded
from jaga.scanning.archive_names import sanitise_member_name

_ENCRYPTED_FLAG = 0x1
_LOCAL_HEADER_SIZE = 30
_END_SIGNATURE = b"PK\x05\x06"
_END_RECORD_SIZE = 22
_MAX_END_RECORD = _END_RECORD_SIZE + 0xFFFF  # the record may be followed by a 64 KiB comment
_ZIP64_LOCATOR_SIGNATURE = b"PK\x06\x07"
_ZIP64_LOCATOR_SIZE = 20
_ZIP64_END_SIGNATURE = b"PK\x06\x06"
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
    declared = _declared_entry_count(raw)
    allowed = budget.limits.max_members - budget.members
    if declared is not None and declared > allowed:
        # zipfile parses the whole directory into memory before the first member can be
        # read; millions of tiny entries would cost gigabytes, so refuse before that.
        yield MemberProblem(
            None,
            "too_many_members",
            f"zip declares {declared} entries, more than the {max(allowed, 0)} still allowed "
            "for this archive (all nesting levels together); it was NOT opened: raise "
            f"{LIMIT_OPTIONS['max_members']} to read it",
        )
        return
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
            f"(raise {LIMIT_OPTIONS['max_member_size']})",
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
            f"(raise {LIMIT_OPTIONS['max_ratio']} if it is genuine)",
        )
    if declared > limits.max_member_size:
        return MemberProblem(
            name,
            "too_large",
            f"member is {format_size(declared)}, above the "
            f"{format_size(limits.max_member_size)} limit per member; not read "
            f"(raise {LIMIT_OPTIONS['max_member_size']})",
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


def _declared_entry_count(raw: BinaryIO) -> int | None:
    """The entry count from the end-of-central-directory record (zip64 aware), or None.

    None means the record was not found where expected; zipfile then decides for itself.
    """
    raw.seek(0, io.SEEK_END)
    size = raw.tell()
    tail_start = max(0, size - _MAX_END_RECORD)
    raw.seek(tail_start)
    tail = raw.read()
    raw.seek(0)
    at = tail.rfind(_END_SIGNATURE)
    if at < 0 or at + _END_RECORD_SIZE > len(tail):
        return None
    (entries,) = struct.unpack_from("<H", tail, at + 10)
    if entries != 0xFFFF:
        return int(entries)
    locator = at - _ZIP64_LOCATOR_SIZE
    if locator < 0 or tail[locator : locator + 4] != _ZIP64_LOCATOR_SIGNATURE:
        return None
    (record_offset,) = struct.unpack_from("<Q", tail, locator + 8)
    raw.seek(record_offset)
    record = raw.read(40)
    raw.seek(0)
    if len(record) < 40 or not record.startswith(_ZIP64_END_SIGNATURE):
        return None
    (entries64,) = struct.unpack_from("<Q", record, 32)
    return int(entries64)
