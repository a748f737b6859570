"""HMA / ThreatExchange bank CSVs.

Two shapes are read:
- HMA 1.0 seed files (ThreatExchange's simple CSV, no header): `hash,id,timestamp,tags`, or
  five columns `hash,id,<placeholder>,timestamp,tags`; tab-separated files too. A 64-hex
  hash is a PDQ, a 32-hex one an MD5; text, URL and TMK+PDQF signals are refused (Jaga
  does not match them).
- `threatexchange dataset --csv` output, with the header `collab,signal_type,signal_str,
  category,tags`.
The id becomes `original_id`; timestamp, space-separated tags, the placeholder column, and
collab/category/signal_type are kept under `attributes["hma"]`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from jaga.banks.formats import RAW_LIMIT, SourceRow
from jaga.banks.records import EntryRecord
from jaga.banks.schemes import CategoryScheme
from jaga.exchange.common import SeenIds, format_attributes, has_descriptor_id

DATASET_HEADER = ("collab", "signal_type", "signal_str", "category", "tags")
DATASET_SIGNAL_TYPES = {"pdq": "pdq", "video_md5": "md5", "photo_md5": "md5", "md5": "md5"}
_BY_LENGTH = {32: "md5", 64: "pdq"}
_HEX = re.compile(r"[0-9a-fA-F]+")
# TMK+PDQF values run past csv's default 131,072-character field limit.
csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))


def read(path: Path) -> Iterator[SourceRow]:
    with path.open("r", encoding="utf-8-sig", errors="replace", newline="") as text:
        first = text.readline()
        dataset = tuple(cell.strip().lower() for cell in _cells(first, ",")) == DATASET_HEADER
        delimiter = "\t" if first.count("\t") >= 2 else ","
        seen = SeenIds("HMA signal id")
        lines = enumerate(text, start=2) if dataset else enumerate([first, *text], start=1)
        for number, line in lines:
            if not line.strip():
                continue
            cells = _cells(line.rstrip("\r\n"), delimiter)
            raw = line.rstrip("\r\n")[:RAW_LIMIT]
            if dataset:
                yield _dataset_row(number, cells, raw, seen)
            else:
                yield _seed_row(number, cells, raw, seen)


def _cells(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


def _seed_row(number: int, cells: list[str], raw: str, seen: SeenIds) -> SourceRow:
    if len(cells) not in (3, 4, 5):
        return SourceRow(number, None, raw, f"{len(cells)} cells; expected hash,id,timestamp,tags")
    value, signal_id = cells[0].strip(), cells[1].strip()
    signal_type = _BY_LENGTH.get(len(value))
    if signal_type is None or not _HEX.fullmatch(value):
        return SourceRow(
            number,
            None,
            raw,
            "not an MD5 or PDQ hash (HMA text, URL and TMK+PDQF signals are not matched by Jaga)",
        )
    repeat = seen.repeat_reason(signal_id, signal_id, number)
    if repeat:
        return SourceRow(number, None, raw, repeat)
    rest = cells[2:]
    fields = {"extra": rest[0]} if len(rest) == 3 else {}
    fields.update(zip(("timestamp", "tags"), rest[-2:] if len(rest) >= 2 else rest, strict=False))
    row: dict[str, object] = {
        signal_type: value,
        "original_id": signal_id,
        "attributes": {"hma": fields},
    }
    return SourceRow(number, row, raw)


def _dataset_row(number: int, cells: list[str], raw: str, seen: SeenIds) -> SourceRow:
    values = dict(zip(DATASET_HEADER, (cell.strip() for cell in cells), strict=False))
    signal_type = DATASET_SIGNAL_TYPES.get(values.get("signal_type", "").lower())
    if signal_type is None:
        return SourceRow(
            number, None, raw, f"signal type {values.get('signal_type')!r} is not matched by Jaga"
        )
    value = values.get("signal_str", "")
    repeat = seen.repeat_reason((signal_type, value.lower()), value, number)
    if repeat:
        return SourceRow(number, None, raw, repeat)
    fields = {key: item for key, item in values.items() if key != "signal_str" and item}
    return SourceRow(number, {signal_type: value, "attributes": {"hma": fields}}, raw)


def write(records: Iterable[EntryRecord], out: IO[str], scheme: CategoryScheme) -> int:
    """The dataset CSV when every entry came from one, else HMA 1.0's header-less CSV."""
    kept = [record for record in records if record.signal_type in ("pdq", "md5")]
    fields = [format_attributes([record], "hma") for record in kept]
    dataset = bool(kept) and all("collab" in item for item in fields)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if dataset:
        writer.writerow(DATASET_HEADER)
    for record, item in zip(kept, fields, strict=True):
        if dataset:
            kind = item.get("signal_type", record.signal_type)
            cells = [
                item.get("collab", ""),
                kind,
                record.value,
                item.get("category", ""),
                item.get("tags", ""),
            ]
        else:
            extra = [item["extra"]] if "extra" in item else []
            cells = [
                record.value,
                record.original_id if has_descriptor_id(record) else "",
                *extra,
                item.get("timestamp", ""),
                item.get("tags", ""),
            ]
        writer.writerow(cells)
        out.write(buffer.getvalue())
        buffer.seek(0)
        buffer.truncate()
    return len(kept)
