"""Recognise archives by their content, not their name.

Renaming evidence.zip to holiday.jpg must not hide it, and a zip appended to the end of a
JPEG (a known way to smuggle files) is still a zip. Formats Jaga cannot open (7z, rar) are
recognised too, so the report says they were not looked into.
"""

from __future__ import annotations

import zipfile
from typing import BinaryIO, Literal

from jaga.scanning.archive_compressed import DECOMPRESSION_ERRORS, Compression, holds_tar

ArchiveFormat = Literal["zip", "tar", "compressed_tar", "compressed", "7z", "rar"]

_COMPRESSION_MAGIC: tuple[tuple[bytes, Compression], ...] = (
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
)
_UNSUPPORTED_MAGIC: tuple[tuple[bytes, ArchiveFormat], ...] = (
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"Rar!\x1a\x07", "rar"),
)
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_TAR_MAGIC_OFFSET = 257


def sniff_archive(raw: BinaryIO) -> tuple[ArchiveFormat, Compression | None] | None:
    """Return the archive format of a seekable stream (and its compression), or None.

    Reads the first 512 bytes, and for files that do not start like an archive, the
    end-of-central-directory area that a trailing zip would have. Leaves the stream at 0.
    Raises OSError when the stream cannot be read.
    """
    raw.seek(0)
    head = raw.read(512)
    raw.seek(0)
    for magic, compression in _COMPRESSION_MAGIC:
        if head.startswith(magic):
            if _decompresses_to_tar(raw, compression):
                return "compressed_tar", compression
            return "compressed", compression
    for magic, unsupported in _UNSUPPORTED_MAGIC:
        if head.startswith(magic):
            return unsupported, None
    if head.startswith(_ZIP_MAGIC):
        return "zip", None  # even when damaged: the zip reader will say what is wrong
    if head[_TAR_MAGIC_OFFSET : _TAR_MAGIC_OFFSET + 5] == b"ustar":
        return "tar", None
    try:
        trailing_zip = zipfile.is_zipfile(raw)
    finally:
        raw.seek(0)
    return ("zip", None) if trailing_zip else None


def _decompresses_to_tar(raw: BinaryIO, compression: Compression) -> bool:
    try:
        return holds_tar(raw, compression)
    except DECOMPRESSION_ERRORS:
        return False  # the single-member reader reports the damage
