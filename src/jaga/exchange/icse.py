"""INTERPOL ICSE hash exports (CSV, `;`-separated, one header line).

Columns: `MD5;SHA1;PhotoDNA;Image ID;Is distributed;Victim identified;Offender identified;
Series name;Number of submissions;File Available;Media Type;Baseline`. MD5 and SHA1 become
entries, `Image ID` their `original_id`, `Baseline` the entry's `interpol_baseline` flag (and
category "baseline" for the crosswalk: VIC 1 in a VIC bank). The other columns, PhotoDNA
included, are kept as sent under `attributes["icse"]`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from jaga.banks.errors import UnsupportedFormat
from jaga.banks.formats import SourceRow
from jaga.banks.records import EntryRecord
from jaga.banks.schemes import CategoryScheme
from jaga.banks.values import parse_flag
from jaga.exchange.common import SeenIds, baseline_of, format_attributes, group_records, hashes_of

COLUMNS = (
    "MD5",
    "SHA1",
    "PhotoDNA",
    "Image ID",
    "Is distributed",
    "Victim identified",
    "Offender identified",
    "Series name",
    "Number of submissions",
    "File Available",
    "Media Type",
    "Baseline",
)
_MAPPED = ("MD5", "SHA1", "Image ID", "Baseline")
_BY_LOWER = {name.lower(): name for name in COLUMNS}


def read(path: Path) -> Iterator[SourceRow]:
    with path.open("r", encoding="utf-8-sig", errors="replace", newline="") as text:
        header_line = text.readline()
        header = [_BY_LOWER.get(cell.strip().lower(), cell.strip()) for cell in _cells(header_line)]
        if not {"MD5", "SHA1"} & set(header):
            raise UnsupportedFormat(
                f"{path}: the first line is not an ICSE header (expected "
                f"{';'.join(COLUMNS)}); nothing imported"
            )
        seen = SeenIds("Image ID")
        for number, line in enumerate(text, start=2):
            if line.strip():
                yield _row(number, line.rstrip("\r\n"), header, seen)


def _cells(line: str) -> list[str]:
    return next(csv.reader([line], delimiter=";"), [])


def _row(number: int, line: str, header: list[str], seen: SeenIds) -> SourceRow:
    raw = line[:500]
    cells = _cells(line)
    if len(cells) > len(header):
        return SourceRow(number, None, raw, f"{len(cells)} cells, the header has {len(header)}")
    values = {name: cell.strip() for name, cell in zip(header, cells, strict=False)}
    repeat = seen.repeat_reason(values.get("Image ID", ""), values.get("Image ID", ""), number)
    if repeat:
        return SourceRow(number, None, raw, repeat)
    try:
        baseline = parse_flag("Baseline", values.get("Baseline"))
    except ValueError as error:
        return SourceRow(number, None, raw, str(error))
    row: dict[str, object] = {
        "md5": values.get("MD5", ""),
        "sha1": values.get("SHA1", ""),
        "original_id": values.get("Image ID", ""),
        "interpol_baseline": baseline,
        "attributes": {
            "icse": {name: value for name, value in values.items() if name not in _MAPPED and value}
        },
    }
    if baseline:
        row["category"], row["category_scheme"] = "baseline", "interpol"
    return SourceRow(number, row, raw)


def write(records: Iterable[EntryRecord], out: IO[str], scheme: CategoryScheme) -> int:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(COLUMNS)
    kept = (record for record in records if record.signal_type in ("md5", "sha1"))
    groups = group_records(kept, lambda record: record.original_id or None)
    for group in groups:
        fields = format_attributes(group, "icse")
        hashes = hashes_of(group)
        baseline = baseline_of(group)
        fields.update(
            {
                "MD5": hashes.get("md5", ""),
                "SHA1": hashes.get("sha1", ""),
                "Image ID": group[0].original_id,
                "Baseline": "" if baseline is None else str(baseline).lower(),
            }
        )
        writer.writerow([str(fields.get(name, "")) for name in COLUMNS])
        out.write(buffer.getvalue())
        buffer.seek(0)
        buffer.truncate()
    out.write(buffer.getvalue())
    return sum(len(group) for group in groups)
