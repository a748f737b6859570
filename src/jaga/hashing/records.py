"""`FileHashes` as output records: JSON objects, CSV rows and table rows for `jaga hash`.

Kept apart from the CLI so that the scanner and the API can emit the same shapes.
"""

from __future__ import annotations

from typing import Any

from jaga.hashing.types import FileHashes

CSV_COLUMNS: tuple[str, ...] = (
    "path",
    "frame",
    "pdq",
    "quality",
    "md5",
    "sha1",
    "sha256",
    "format",
    "width",
    "height",
    "error",
)


def json_record(result: FileHashes, *, dihedral: bool = False) -> dict[str, Any]:
    """One JSON object per file; `frames` only when more than one distinct frame exists.

    Exact hashes are null (not empty) when the file could not be read at all.
    """
    first = result.pdq[0] if result.pdq else None
    record: dict[str, Any] = {
        "path": result.name,
        "size": result.size,
        "format": result.image_format,
        "width": result.width,
        "height": result.height,
        "md5": result.md5 or None,
        "sha1": result.sha1 or None,
        "sha256": result.sha256 or None,
        "pdq": first.hex if first else None,
        "quality": first.quality if first else None,
    }
    if len(result.pdq) > 1:
        record["frames"] = [
            {"frame": item.frame, "pdq": item.hex, "quality": item.quality} for item in result.pdq
        ]
    if dihedral:
        record["dihedral"] = list(first.dihedral) if first else None
    if result.extra:
        record["notes"] = dict(result.extra)
    record["error"] = result.error
    return record


def csv_rows(result: FileHashes) -> list[dict[str, str]]:
    """One row per distinct frame, or a single row with an empty pdq for non-images."""
    common = {
        "path": result.name,
        "md5": result.md5,
        "sha1": result.sha1,
        "sha256": result.sha256,
        "format": result.image_format or "",
        "width": "" if result.width is None else str(result.width),
        "height": "" if result.height is None else str(result.height),
        "error": result.error or "",
    }
    if not result.pdq:
        return [{**common, "frame": "", "pdq": "", "quality": ""}]
    return [
        {**common, "frame": str(item.frame), "pdq": item.hex, "quality": str(item.quality)}
        for item in result.pdq
    ]
