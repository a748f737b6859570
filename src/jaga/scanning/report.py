"""Write a scan report as JSON (complete) or CSV (one row per file and match).

JSON is the record of the scan: every file with its hashes and matches, what could not
be read and why, and duplicate groups. CSV is for spreadsheets: flat rows, one per match,
and one for each file without a match.
"""

from __future__ import annotations

import csv
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any, TextIO

from jaga import __version__
from jaga.detection.matcher import Match
from jaga.hashing.hasher import is_failure
from jaga.scanning.scan import FileResult, ScanReport

CSV_COLUMNS = (
    "path",
    "size",
    "md5",
    "sha1",
    "sha256",
    "pdq",
    "quality",
    "matched",
    "bank",
    "entry_id",
    "category",
    "signal_type",
    "distance",
    "how",
    "source",
    "original_id",
    "error",
)


def describe_matches(matches: tuple[Match, ...]) -> str:
    """One line a person can read: which bank and entry, and how each was found."""
    parts = []
    for match in matches:
        how = match.how if match.signal_type != "pdq" else f"{match.how}, distance {match.distance}"
        category = f" {match.category}" if match.category else ""
        parts.append(f"{match.bank} #{match.entry_id}{category}: {how}")
    return "; ".join(parts)


def _match_json(match: Match) -> dict[str, Any]:
    data = asdict(match)
    data.pop("allow_list")
    return data


def _file_json(item: FileResult) -> dict[str, Any]:
    hashes = item.hashes
    data: dict[str, Any] = {"path": item.path, "matched": bool(item.result.matches)}
    if hashes is not None:
        data.update(
            size=hashes.size,
            md5=hashes.md5,
            sha1=hashes.sha1,
            sha256=hashes.sha256,
            format=hashes.image_format,
            pdq=[{"frame": p.frame, "hash": p.hex, "quality": p.quality} for p in hashes.pdq],
        )
    data["matches"] = [_match_json(m) for m in item.result.matches]
    if item.result.allowed:
        data["allow_listed_by"] = [_match_json(m) for m in item.result.allowed]
        data["suppressed_matches"] = [_match_json(m) for m in item.result.suppressed]
    if item.result.notes:
        data["notes"] = list(item.result.notes)
    if item.warnings:
        data["warnings"] = list(item.warnings)
    if item.error:
        data["error"] = item.error
    return data


def report_json(report: ScanReport) -> dict[str, Any]:
    """The report as plain data (the JSON file's content)."""
    matched = report.matched
    unreadable = [f for f in report.files if f.hashes is None or is_failure(f.hashes)]
    return {
        "jaga_version": __version__,
        "started_at": report.started_at.isoformat(),
        "finished_at": report.finished_at.isoformat() if report.finished_at else None,
        "paths": report.paths,
        "banks": report.banks,
        "summary": {
            "files": len(report.files),
            "images_hashed": sum(1 for f in report.files if f.hashes and f.hashes.pdq),
            "matched_files": len(matched),
            "matches": sum(len(f.result.matches) for f in matched),
            "allow_listed_files": sum(1 for f in report.files if f.result.allowed),
            "unreadable": len(unreadable) + len(report.problems),
            "duplicate_groups": len(report.duplicate_groups()),
        },
        "matched": [f.path for f in matched],
        "files": [_file_json(f) for f in report.files],
        "problems": [
            {"path": p.display_path, "kind": p.kind, "reason": p.reason} for p in report.problems
        ]
        + [
            {
                "path": f.path,
                "kind": "unreadable" if f.hashes is None else "image_not_decoded",
                "reason": f.error,
            }
            for f in unreadable
        ],
        "duplicates": [
            {"sha256": digest, "paths": paths} for digest, paths in report.duplicate_groups()
        ],
    }


def write_json(report: ScanReport, out: Path | TextIO) -> None:
    data = report_json(report)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=2, ensure_ascii=False)
            handle.write("\n")
    else:
        json.dump(data, out, indent=2, ensure_ascii=False)
        out.write("\n")


def _csv_rows(item: FileResult) -> list[dict[str, Any]]:
    hashes = item.hashes
    first_pdq = hashes.pdq[0] if hashes and hashes.pdq else None
    base: dict[str, Any] = {
        "path": item.path,
        "size": hashes.size if hashes else "",
        "md5": hashes.md5 if hashes else "",
        "sha1": hashes.sha1 if hashes else "",
        "sha256": hashes.sha256 if hashes else "",
        "pdq": first_pdq.hex if first_pdq else "",
        "quality": first_pdq.quality if first_pdq else "",
        "matched": "yes" if item.result.matches else "no",
        "error": item.error or "",
    }
    if not item.result.matches:
        return [base]
    return [
        base
        | {
            "bank": m.bank,
            "entry_id": m.entry_id,
            "category": m.category or "",
            "signal_type": m.signal_type,
            "distance": m.distance,
            "how": m.how,
            "source": m.source or "",
            "original_id": m.original_id or "",
        }
        for m in item.result.matches
    ]


def write_csv(report: ScanReport, out: Path | TextIO) -> None:
    def emit(handle: TextIO) -> None:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, restval="")
        writer.writeheader()
        for item in report.files:
            writer.writerows(_csv_rows(item))
        for problem in report.problems:
            writer.writerow(
                {"path": problem.display_path, "matched": "no", "error": problem.reason}
            )

    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as handle:
            emit(handle)
    else:
        emit(out)
