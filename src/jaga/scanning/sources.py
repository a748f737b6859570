"""Everything a scan reads: files, folders and (nested) archives, safely.

This is evidence triage: read everything that can be read safely, and say exactly what was
not read and why. So the walker never aborts. Every path yields either ScanItems (things to
hash) or SourceProblems (things not read, with a reason the user can act on).

Archives are never extracted to disk. Their members are read into memory under
ArchiveLimits and handed over as bytes; an archive is also yielded as a file in its own right,
because its exact hash may be on a list. Archives are recognised by content (see
archive_formats). A gzip/bzip2/xz file that is not a tar counts as an archive holding one
member, named after the file without its suffix ('photo.jpg.gz!photo.jpg').
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from jaga.scanning.archive_compressed import Compression, iter_single_compressed
from jaga.scanning.archive_formats import ArchiveFormat, sniff_archive
from jaga.scanning.archive_limits import LIMIT_OPTIONS, ArchiveLimits, Budget, LimitReached
from jaga.scanning.archive_members import ArchiveMember, MemberProblem, ProblemKind
from jaga.scanning.archive_names import printable
from jaga.scanning.archive_tar import iter_tar_members
from jaga.scanning.archive_zip import iter_zip_members

__all__ = [
    "ArchiveLimits",
    "ProblemKind",
    "ScanItem",
    "SourceProblem",
    "iter_scan_items",
]

ARCHIVE_SEPARATOR = "!"
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO swapped in after lstat must not block the scan
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_SYMLINK_NOT_FOLLOWED = "symlink not followed (use --follow-symlinks)"


@dataclass(frozen=True, slots=True)
class ScanItem:
    """One thing to hash: a file on disk (`path`) or an archive member already in memory (`data`).

    `display_path` separates archive levels with '!' ("dir/a.zip!inner/b.tar.gz!c.jpg");
    member names in it are sanitised, and `warnings` says when that changed a name.
    """

    display_path: str
    path: Path | None
    data: bytes | None
    size: int
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceProblem:
    """Something that was not read, and why, in words the user can act on.

    `kind` is one of ProblemKind: 'unreadable', 'corrupt_archive', 'archive_bomb',
    'too_deep', 'too_large', 'too_many_members', 'encrypted', 'special_file',
    'unsupported_archive' (7z, rar: recognised but not opened).
    """

    display_path: str
    kind: str
    reason: str


def iter_scan_items(
    paths: Sequence[Path],
    limits: ArchiveLimits = ArchiveLimits(),
    *,
    open_archives: bool = True,
    follow_symlinks: bool = False,
    excluded_folders: Sequence[Path] = (),
) -> Iterator[ScanItem | SourceProblem]:
    """Yield every file, folder entry and archive member under `paths`, in a stable order.

    Folders are walked recursively in sorted name order. Each archive is yielded as a file,
    then (with `open_archives`) its members, depth first. A folder reached twice (a symlink
    loop, or overlapping paths) is reported and not walked again. The caller consumes the
    iterator; only one member's bytes per archive level are held at a time.
    `excluded_folders` (Jaga's own data folder) are reported once as 'excluded', not walked:
    scanning the database and index that did the matching would only add noise.
    """
    walker = _Walker(limits, open_archives=open_archives, follow_symlinks=follow_symlinks)
    walker.exclude(excluded_folders)
    for path in paths:
        yield from walker.walk(Path(path))


_EXCLUDED_REASON = "Jaga's own data folder (JAGA_DATA_DIR): not scanned"


class _Walker:
    """Walk state that must span all given paths: the folders already walked."""

    def __init__(self, limits: ArchiveLimits, *, open_archives: bool, follow_symlinks: bool):
        self._limits = limits
        self._open_archives = open_archives
        self._follow = follow_symlinks
        self._walked_folders: dict[tuple[int, int], str] = {}
        self._excluded: set[tuple[int, int]] = set()

    def exclude(self, folders: Sequence[Path]) -> None:
        for folder in folders:
            with contextlib.suppress(OSError):
                found = os.stat(folder)
                self._excluded.add((found.st_dev, found.st_ino))

    def walk(self, root: Path) -> Iterator[ScanItem | SourceProblem]:
        # An explicit stack, not recursion: a hostile folder tree can be deeper than
        # Python's recursion limit.
        pending: list[Iterator[Path]] = [iter([root])]
        open_folders: list[tuple[int, int]] = []
        while pending:
            path = next(pending[-1], None)
            if path is None:
                pending.pop()
                if open_folders:
                    open_folders.pop()
                continue
            display = printable(str(path))
            found = self._stat(path, display)
            if isinstance(found, SourceProblem):
                yield found
            elif stat.S_ISDIR(found.st_mode):
                folder = (found.st_dev, found.st_ino)
                if folder in self._excluded:
                    yield SourceProblem(display, "excluded", _EXCLUDED_REASON)
                    continue
                entries = self._list_folder(path, display, folder, open_folders)
                if isinstance(entries, SourceProblem):
                    yield entries
                else:
                    pending.append(iter(entries))
                    open_folders.append(folder)
            elif stat.S_ISREG(found.st_mode):
                yield from self._file(path, display)
            else:
                yield SourceProblem(display, "special_file", _describe_special(found.st_mode))

    def _stat(self, path: Path, display: str) -> os.stat_result | SourceProblem:
        try:
            found = os.lstat(path)
        except FileNotFoundError:
            return SourceProblem(display, "unreadable", "does not exist; check the path")
        except OSError as exc:
            return SourceProblem(display, "unreadable", f"cannot be examined: {exc.strerror}")
        if not stat.S_ISLNK(found.st_mode):
            return found
        if not self._follow:
            return SourceProblem(display, "special_file", _SYMLINK_NOT_FOLLOWED)
        try:
            return os.stat(path)
        except FileNotFoundError:
            return SourceProblem(display, "unreadable", "symlink points to a missing target")
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return SourceProblem(display, "special_file", "symlink loop; not followed")
            return SourceProblem(display, "unreadable", f"symlink target: {exc.strerror}")

    def _list_folder(
        self,
        path: Path,
        display: str,
        folder: tuple[int, int],
        open_folders: list[tuple[int, int]],
    ) -> list[Path] | SourceProblem:
        if folder in open_folders:
            return SourceProblem(
                display, "special_file", "symlink loop: this folder contains itself; not walked"
            )
        if folder in self._walked_folders:
            first = self._walked_folders[folder]
            return SourceProblem(
                display, "special_file", f"same folder as '{first}', already walked; skipped"
            )
        self._walked_folders[folder] = display
        try:
            with os.scandir(path) as listing:
                names = sorted(entry.name for entry in listing)
        except OSError as exc:
            return SourceProblem(
                display,
                "unreadable",
                f"folder cannot be listed: {exc.strerror}; run the scan as a user who can read it",
            )
        return [path / name for name in names]

    def _file(self, path: Path, display: str) -> Iterator[ScanItem | SourceProblem]:
        flags = _OPEN_FLAGS if self._follow else _OPEN_FLAGS | _NO_FOLLOW
        try:
            descriptor = os.open(path, flags)
        except PermissionError:
            yield SourceProblem(
                display,
                "unreadable",
                "permission denied; run the scan as a user who can read it",
            )
            return
        except OSError as exc:
            if exc.errno == errno.ELOOP:  # became a symlink since it was examined
                yield SourceProblem(display, "special_file", _SYMLINK_NOT_FOLLOWED)
            else:
                yield SourceProblem(display, "unreadable", f"cannot be opened: {exc.strerror}")
            return
        with os.fdopen(descriptor, "rb") as raw:
            mode = os.fstat(descriptor).st_mode
            if not stat.S_ISREG(mode):  # swapped for something else since it was examined
                yield SourceProblem(display, "special_file", _describe_special(mode))
                return
            yield ScanItem(display, path, None, os.fstat(descriptor).st_size)
            if self._open_archives:
                yield from self._archive(raw, display, 0, None)

    def _archive(
        self, raw: BinaryIO, display: str, depth: int, budget: Budget | None
    ) -> Iterator[ScanItem | SourceProblem]:
        """Yield the members of `raw` if it is an archive, and nested members below them.

        `budget` is None for an archive found as a plain file: it starts the tally that all
        levels below share, and turns a spent budget into one problem.
        """
        try:
            found = sniff_archive(raw)
        except Exception as exc:  # a read error must not end the scan
            yield SourceProblem(display, "unreadable", f"could not be read: {exc}")
            return
        if found is None:
            return
        archive_format, compression = found
        if archive_format in ("7z", "rar"):
            yield SourceProblem(
                display,
                "unsupported_archive",
                f"{archive_format} archives are not opened by Jaga; the archive itself was "
                "hashed, its members were NOT scanned: extract it with 7-Zip and scan the folder",
            )
            return
        if depth > self._limits.max_depth:
            yield SourceProblem(
                display,
                "too_deep",
                f"archive nested {depth} levels inside other archives, deeper than the limit "
                f"({self._limits.max_depth}); it was hashed but not opened "
                f"(raise {LIMIT_OPTIONS['max_depth']})",
            )
            return
        tally = budget if budget is not None else Budget(self._limits)
        try:
            for entry in _members(raw, archive_format, compression, display, tally):
                if isinstance(entry, MemberProblem):
                    where = display if entry.name is None else _join(display, entry.name)
                    yield SourceProblem(where, entry.kind, entry.reason)
                    continue
                child = _join(display, entry.name)
                yield ScanItem(child, None, entry.data, len(entry.data), entry.warnings)
                yield from self._archive(io.BytesIO(entry.data), child, depth + 1, tally)
                del entry  # hold one member per level, not two, while the next is read
        except LimitReached as exc:
            if exc.display_path is None:
                exc.display_path = display
            if budget is not None:
                raise
            yield SourceProblem(exc.display_path, exc.kind, exc.reason)
        except Exception as exc:  # a reader bug or exotic damage must not end the scan
            yield SourceProblem(
                display,
                "corrupt_archive",
                f"reading stopped on an unexpected error; the rest of this archive was NOT "
                f"scanned: {type(exc).__name__}: {exc}",
            )


def _members(
    raw: BinaryIO,
    archive_format: ArchiveFormat,
    compression: Compression | None,
    display: str,
    budget: Budget,
) -> Iterator[ArchiveMember | MemberProblem]:
    if archive_format == "zip":
        return iter_zip_members(raw, budget)
    if archive_format == "tar":
        return iter_tar_members(raw, None, budget)
    if compression is None:
        raise AssertionError(f"{archive_format} without a compression")
    if archive_format == "compressed_tar":
        return iter_tar_members(raw, compression, budget)
    return iter_single_compressed(raw, compression, display, budget)


def _join(archive_display: str, member_name: str) -> str:
    return f"{archive_display}{ARCHIVE_SEPARATOR}{member_name}"


def _describe_special(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "named pipe (FIFO); not opened, reading it could block the scan"
    if stat.S_ISSOCK(mode):
        return "socket; it has no content to scan"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device; not read (image the device to a file and scan that)"
    return "not a regular file or folder; not read"
