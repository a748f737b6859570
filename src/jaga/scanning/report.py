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
from jaga.scanning.scan import FileResult, ScanReport

CSV_COLUMNS = (
    "path",
    "size",
    "md5",
    "sha1",
    "sha256",
    "frame",
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
    "allow_listed_by",
    "error",
    "note",
    "warnings",
)


def describe_matches(matches: tuple[Match, ...]) -> str:
    """One line a person can read: per bank, which entries matched and how.

    e.g. "known (A1): PDQ #85 distance 0, md5 #86, sha256 #88".
    """
    by_bank: dict[tuple[str, str], list[str]] = {}
    for match in matches:
        if match.signal_type == "pdq":
            how = match.how.replace("PDQ", f"PDQ #{match.entry_id}", 1)
            part = f"{how}, distance {match.distance}"
        else:
            part = f"{match.signal_type} #{match.entry_id}"
        by_bank.setdefault((match.bank, match.category or ""), []).append(part)
    return "; ".join(
        f"{bank}{f' ({category})' if category else ''}: {', '.join(parts)}"
        for (bank, category), parts in by_bank.items()
    )


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
    if item.note:
        data["note"] = item.note
    return data


def report_json(report: ScanReport) -> dict[str, Any]:
    """The report as plain data (the JSON file's content)."""
    matched = report.matched
    not_examined = report.not_examined()
    duplicates = report.duplicate_groups()
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
            "not_fully_examined": len(not_examined),
            "duplicate_groups": len(duplicates),
        },
        "matched": [f.path for f in matched],
        "files": [_file_json(f) for f in report.files],
        "problems": [
            {"path": path, "kind": kind, "reason": reason} for path, kind, reason in not_examined
        ],
        "duplicates": [{"sha256": digest, "paths": paths} for digest, paths in duplicates],
    }


def write_json(report: ScanReport, out: Path | TextIO) -> None:
    """Write the complete report (see `report_json`) as indented UTF-8 JSON."""
    data = report_json(report)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=2, ensure_ascii=False)
            handle.write("\n")
    else:
        json.dump(data, out, indent=2, ensure_ascii=False)
        out.write("\n")


def _csv_rows(item: FileResult) -> list[dict[str, Any]]:
    """One row per match; a file without a match still gets one row with its hashes."""
    hashes = item.hashes
    frames = {p.frame: p for p in hashes.pdq} if hashes else {}
    first = next(iter(frames.values()), None)
    base: dict[str, Any] = {
        "path": item.path,
        "size": hashes.size if hashes else "",
        "md5": hashes.md5 if hashes else "",
        "sha1": hashes.sha1 if hashes else "",
        "sha256": hashes.sha256 if hashes else "",
        "frame": first.frame if first else "",
        "pdq": first.hex if first else "",
        "quality": first.quality if first else "",
        "matched": "yes" if item.result.matches else "no",
        "allow_listed_by": "; ".join(sorted({m.bank for m in item.result.allowed})),
        "error": item.error or "",
        "note": item.note or "",
        "warnings": "; ".join(item.warnings),
    }
    rows = []
    for m in item.result.matches:
        frame = frames.get(m.frame) if m.frame is not None else None
        rows.append(
            base
            | {
                "frame": frame.frame if frame else "",
                "pdq": frame.hex if frame else base["pdq"],
                "quality": frame.quality if frame else base["quality"],
                "bank": m.bank,
                "entry_id": m.entry_id,
                "category": m.category or "",
                "signal_type": m.signal_type,
                "distance": m.distance,
                "how": m.how,
                "source": m.source or "",
                "original_id": m.original_id or "",
            }
        )
    return rows or [base]


def write_csv(report: ScanReport, out: Path | TextIO) -> None:
    """Write the flat CSV: a row per match, a row per other file, a row per problem."""

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
