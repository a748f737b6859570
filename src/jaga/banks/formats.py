"""Reading import files row by row, and writing exports in the same shapes.

Rows are numbered by the physical line they start on (the CSV header is line 1), so a
reviewer can jump to the line in any editor; for a JSON array, by 1-based position.
Undecodable bytes are replaced rather than fatal: the damaged value then fails its hex
check and is quarantined, and the rest of the file still imports.

The exchange formats of the field (NCMEC, StopNCII, ThreatExchange, VICS, ICSE, HMA) have
their own readers and writers in `jaga.exchange`; they yield the same `SourceRow`s, so every
format goes through the one import path.
"""

from __future__ import annotations

import csv
import io
import json
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal, TextIO

from jaga.banks.errors import UnsupportedFormat
from jaga.banks.records import EntryRecord
from jaga.banks.schemes import CategoryScheme

FileFormat = Literal[
    "csv", "jsonl", "json", "ncmec", "stopncii", "threatexchange", "vics", "icse", "hma"
]
PLAIN_FORMATS: tuple[FileFormat, ...] = ("csv", "jsonl", "json")
EXCHANGE_FORMATS: tuple[FileFormat, ...] = (
    "ncmec",
    "stopncii",
    "threatexchange",
    "vics",
    "icse",
    "hma",
)
FILE_FORMATS: tuple[FileFormat, ...] = PLAIN_FORMATS + EXCHANGE_FORMATS
_ALIASES = {"ndjson": "jsonl", "te": "threatexchange", "vic": "vics", "interpol": "icse"}
_SUFFIX_FORMATS: dict[str, FileFormat] = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".xml": "ncmec",
}
RAW_LIMIT = 500  # characters of a bad row kept for review
EXPORT_COLUMNS = (
    "signal_type",
    "value",
    "category",
    "original_id",
    "source",
    "quality",
    "interpol_baseline",
    "enabled",
    "imported_at",
    "attributes",
)

ProgressCallback = Callable[[int, int], None]  # (bytes read, total bytes)


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One data row: `data` when it parsed, else `error` saying why not."""

    row_number: int
    data: dict[str, object] | None
    raw: str
    error: str | None = None


def format_for(path: Path, fmt: str | None) -> FileFormat:
    """The format named by `fmt`, else by the file's suffix; UnsupportedFormat otherwise."""
    if fmt is not None:
        name = fmt.strip().lower()
        name = _ALIASES.get(name, name)
        if name not in FILE_FORMATS:
            raise UnsupportedFormat(f"unknown format {fmt!r}; use one of {', '.join(FILE_FORMATS)}")
        return name  # type: ignore[return-value]
    found = _SUFFIX_FORMATS.get(path.suffix.lower())
    if found == "json" and path.is_file():
        from jaga.exchange.registry import sniff_json_format

        found = sniff_json_format(path) or found  # type: ignore[assignment]
    if found is None:
        raise UnsupportedFormat(
            f"{path}: cannot tell the format from the suffix {path.suffix!r}; "
            "name it .csv/.jsonl/.ndjson/.json or pass --format "
            f"({', '.join(FILE_FORMATS)})"
        )
    return found


def is_blank(path: Path) -> bool:
    """True when the file holds nothing but white space (and perhaps a BOM).

    Such a file is refused rather than reported as "0 rows read": most likely the wrong file
    or a download that failed, and the person should hear so plainly.
    """
    with path.open("rb") as binary:
        head = binary.read(3)
        chunk = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
        while True:
            if chunk.strip():
                return False
            chunk = binary.read(65536)
            if not chunk:
                return True


def read_rows(
    path: Path, fmt: FileFormat, on_progress: ProgressCallback | None = None
) -> Iterator[SourceRow]:
    """Stream the data rows of `path` (never loaded whole, except JSON documents)."""
    total = path.stat().st_size
    if fmt in EXCHANGE_FORMATS:
        from jaga.exchange.registry import exchange_format

        yield from exchange_format(fmt).read(path)
        if on_progress is not None:
            on_progress(total, total)
        return
    with path.open("rb") as binary:
        text = io.TextIOWrapper(binary, encoding="utf-8-sig", errors="replace", newline="")
        rows = _csv_rows(text, path) if fmt == "csv" else _json_rows(text)
        for count, row in enumerate(rows, start=1):
            if on_progress is not None and count % 2000 == 0:
                on_progress(binary.tell(), total)
            yield row
        if on_progress is not None:
            on_progress(total, total)


def _csv_rows(text: TextIO, path: Path) -> Iterator[SourceRow]:
    """CSV records, one per physical line.

    Hash lists never need a line break inside a value, so a record that spans several lines
    is an unterminated quote, not data: its first line is quarantined and the lines after it
    are parsed again. Without this, one stray `"` would swallow the following good rows (or
    the rest of the file) into a single bad cell.
    """
    lines = _PhysicalLines(text)
    reader = csv.reader(lines)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as error:
        raise UnsupportedFormat(f"{path}: unreadable CSV header: {error}") from None
    if len(lines.taken) > 1:
        raise UnsupportedFormat(f"{path}: unterminated quote in the CSV header (line 1)")
    columns = [name.strip().lower() for name in header]
    _check_header(columns, path)
    line_number = 1
    while True:
        line_number += 1
        lines.taken.clear()
        try:
            cells: list[str] | None = next(reader)
            unreadable = ""
        except StopIteration:
            return
        except csv.Error as problem:
            cells, unreadable = None, f"unreadable CSV row: {problem}"
        if len(lines.taken) > 1 or (cells and cells[-1].endswith(("\n", "\r"))):
            first = lines.taken[0].rstrip("\r\n")[:RAW_LIMIT]
            lines.push_back(lines.taken[1:])
            yield SourceRow(line_number, None, first, _UNTERMINATED_QUOTE)
            continue
        if cells is None:
            yield SourceRow(line_number, None, "".join(lines.taken)[:RAW_LIMIT], unreadable)
            continue
        if not any(cell.strip() for cell in cells):
            continue
        raw = ",".join(cells)[:RAW_LIMIT]
        if len(cells) > len(columns):
            yield SourceRow(
                line_number,
                None,
                raw,
                f"row has {len(cells)} cells, header has {len(columns)}; "
                "quote values that contain commas",
            )
            continue
        # Fewer cells than the header is fine: the missing trailing columns are optional.
        yield SourceRow(line_number, dict(zip(columns, cells, strict=False)), raw)


_UNTERMINATED_QUOTE = (
    'unterminated quote: the " opened on this line is not closed (values never span lines)'
)


class _PhysicalLines:
    """The lines csv.reader pulls, remembering those of the current record.

    Lines pushed back are served again first, so the records after an unterminated quote
    are parsed from their own lines.
    """

    def __init__(self, text: TextIO) -> None:
        self._text = text
        self._pending: deque[str] = deque()
        self.taken: list[str] = []

    def __iter__(self) -> _PhysicalLines:
        return self

    def __next__(self) -> str:
        line = self._pending.popleft() if self._pending else next(self._text)
        self.taken.append(line)
        return line

    def push_back(self, lines: list[str]) -> None:
        self._pending.extendleft(reversed(lines))


def _check_header(columns: list[str], path: Path) -> None:
    known = {"signal_type", "pdq", "md5", "sha1", "sha256", "frames"}
    if not known.intersection(columns):
        raise UnsupportedFormat(
            f"{path}: the CSV header ({','.join(columns)[:200]}) has no hash column; "
            "expected signal_type,value (long form) or pdq,quality,md5,sha1,sha256 "
            "(as written by `jaga hash`)"
        )


def _json_rows(text: TextIO) -> Iterator[SourceRow]:
    first = _peek_first_char(text)
    if first == "[":
        yield from _json_array_rows(text)
        return
    for line_number, line in enumerate(text, start=1):
        stripped = line.strip()
        if not stripped:
            continue
        raw = stripped[:RAW_LIMIT]
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as error:
            yield SourceRow(line_number, None, raw, f"unparseable JSON: {error.msg}")
            continue
        if not isinstance(data, dict):
            yield SourceRow(line_number, None, raw, "JSON line is not an object ({...})")
            continue
        yield SourceRow(line_number, data, raw)


def _peek_first_char(text: TextIO) -> str:
    """The first non-blank character, leaving the stream where it was."""
    buffer = text.buffer if isinstance(text, io.TextIOWrapper) else None
    if buffer is None or not buffer.seekable():
        return ""
    position = buffer.tell()
    head: str = buffer.read(4096).decode("utf-8-sig", errors="replace").lstrip()
    buffer.seek(position)
    return head[:1]


def _json_array_rows(text: TextIO) -> Iterator[SourceRow]:
    try:
        items = json.load(text)
    except json.JSONDecodeError as error:
        raise UnsupportedFormat(
            f"the JSON array does not parse ({error.msg} at line {error.lineno}); "
            "fix it or convert the file to JSON lines (.jsonl) so bad rows can be skipped"
        ) from None
    for position, item in enumerate(items, start=1):
        raw = json.dumps(item)[:RAW_LIMIT]
        if isinstance(item, dict):
            yield SourceRow(position, item, raw)
        else:
            yield SourceRow(position, None, raw, "array item is not an object ({...})")


def write_entries(
    records: Iterable[EntryRecord],
    out: IO[str],
    fmt: FileFormat,
    scheme: CategoryScheme = "none",
) -> int:
    """Write entries as `fmt`; `import_file` reads it back to the same entries.

    `scheme` is the bank's category scheme, which exchange formats translate from.
    """
    if fmt in EXCHANGE_FORMATS:
        from jaga.exchange.registry import exchange_format

        return exchange_format(fmt).write(records, out, scheme)
    count = 0
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(EXPORT_COLUMNS)
        for record in records:
            writer.writerow(_export_row(record, for_csv=True))
            count += 1
        return count
    separator = "[\n" if fmt == "json" else ""
    for record in records:
        row = dict(zip(EXPORT_COLUMNS, _export_row(record, for_csv=False), strict=True))
        out.write(separator + json.dumps(row))
        separator = ",\n" if fmt == "json" else "\n"
        count += 1
    if fmt == "json":
        out.write("[]\n" if count == 0 else "\n]\n")
    elif count:
        out.write("\n")
    return count


def _export_row(record: EntryRecord, *, for_csv: bool) -> tuple[object, ...]:
    baseline: object = record.interpol_baseline
    quality: object = record.quality
    enabled: object = record.enabled
    original_id, source = record.original_id, record.source
    if for_csv:
        # A line break inside a value would read back as an unterminated quote.
        original_id, source = _one_line(original_id), _one_line(source)
        baseline = "" if baseline is None else str(baseline).lower()
        quality = "" if quality is None else quality
        enabled = str(enabled).lower()
    attributes: object = record.attributes
    if for_csv:
        attributes = "" if attributes is None else json.dumps(attributes, sort_keys=True)
    return (
        record.signal_type,
        record.value,
        record.category,
        original_id,
        source,
        quality,
        baseline,
        enabled,
        record.imported_at.isoformat(),
        attributes,
    )


def _one_line(text: str) -> str:
    return text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
