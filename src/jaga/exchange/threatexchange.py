"""ThreatExchange descriptors and threat_updates (JSON).

Shapes read: the details endpoint's object keyed by descriptor id; `{"data": [...]}` lists
(descriptor queries and `/{group}/threat_updates` pages); one descriptor object; JSON lines;
and the Java reference tool's flattened `td_*` records. The indicator of a hash type
(HASH_MD5, HASH_SHA1, HASH_SHA256, HASH_PDQ) becomes the entry, the descriptor id its
`original_id`, and every other field (owner, tags in whichever shape they came, status,
confidence as a number or string, privacy...) stays under `attributes["threatexchange"]`.
Updates with `should_delete` are reported, not imported; other indicator types (DOMAIN,
URI, ...) are refused with a reason.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from jaga.banks.errors import UnsupportedFormat
from jaga.banks.formats import SourceRow
from jaga.banks.records import EntryRecord
from jaga.banks.schemes import CategoryScheme
from jaga.exchange.common import (
    SeenIds,
    format_attributes,
    has_descriptor_id,
    raw_text,
    tombstone,
)
from jaga.exchange.located_json import LocatedDict, load_located

SIGNAL_TYPES = {"HASH_MD5": "md5", "HASH_SHA1": "sha1", "HASH_SHA256": "sha256", "HASH_PDQ": "pdq"}
# Where each shape keeps the indicator and its type: API descriptor, threat_update, Java tool.
_SHAPES = (
    ("td_raw_indicator", "td_indicator_type"),
    ("raw_indicator", "type"),
    ("indicator", "type"),
)


def read(path: Path) -> Iterator[SourceRow]:
    seen = SeenIds("ThreatExchange id")
    for line, item in _items(path):
        yield descriptor_row(line, item, seen)


def _items(path: Path) -> Iterator[tuple[int, Any]]:
    if _is_json_lines(path):
        yield from _json_lines(path)
        return
    document = load_located(path)
    if isinstance(document, dict) and isinstance(document.get("data"), list):
        items: Iterable[Any] = document["data"]
    elif isinstance(document, list):
        items = document
    elif isinstance(document, dict) and _is_descriptor(document):
        items = [document]
    elif (
        isinstance(document, dict)
        and document
        and all(isinstance(value, dict) and _is_descriptor(value) for value in document.values())
    ):
        items = document.values()  # the details endpoint: {"<id>": {...}, ...}
    else:
        raise UnsupportedFormat(
            f"{path}: no ThreatExchange descriptors or threat_updates in it (expected "
            '{"data": [...]}, descriptors keyed by id, or descriptor objects); nothing imported'
        )
    for item in items:
        yield (item.line if isinstance(item, LocatedDict) else getattr(document, "line", 1)), item


def _json_lines(path: Path) -> Iterator[tuple[int, Any]]:
    """One descriptor or update per line, streamed (the Java and Python tools' output)."""
    with path.open("r", encoding="utf-8-sig", errors="replace") as handle:
        for number, text in enumerate(handle, 1):
            if not text.strip():
                continue
            try:
                yield number, json.loads(text)
            except (json.JSONDecodeError, RecursionError) as error:
                why = error.msg if isinstance(error, json.JSONDecodeError) else "too deep"
                yield number, SourceRow(number, None, text[:500], f"unparseable JSON: {why}")


def _is_json_lines(path: Path) -> bool:
    with path.open("rb") as handle:
        first = handle.readline().strip()
        second = handle.readline().strip()
    return first.startswith(b"{") and first.endswith(b"}") and second.startswith(b"{")


def _is_descriptor(value: dict[str, Any]) -> bool:
    return any(field in value for field, _ in _SHAPES)


def descriptor_row(line: int, item: Any, seen: SeenIds) -> SourceRow:
    """One descriptor or threat_update as a bank row (connectors call this on fetched pages)."""
    if isinstance(item, SourceRow):
        return item
    raw = raw_text(item)
    if not isinstance(item, dict):
        return SourceRow(line, None, raw, "not a JSON object")
    shape = next(
        (
            (value_key, type_key)
            for value_key, type_key in _SHAPES
            if isinstance(item.get(value_key), str)
        ),
        None,
    )
    if shape is None:
        return SourceRow(
            line, None, raw, "no indicator (raw_indicator, indicator or td_raw_indicator)"
        )
    value_key, type_key = shape
    kind = str(item.get(type_key, ""))
    descriptor_id = str(item.get("id", ""))
    if item.get("should_delete") in (True, "true", "True"):
        return tombstone(line, raw, f"threat_update {descriptor_id} should_delete")
    signal_type = SIGNAL_TYPES.get(kind)
    if signal_type is None:
        return SourceRow(
            line,
            None,
            raw,
            f"indicator type {kind!r} is not a hash Jaga matches ({', '.join(SIGNAL_TYPES)})",
        )
    repeat = seen.repeat_reason(descriptor_id, descriptor_id, line)
    if repeat:
        return SourceRow(line, None, raw, repeat)
    fields = {key: value for key, value in item.items() if key not in (value_key, type_key)}
    fields["indicator_field"] = value_key
    row: dict[str, object] = {
        signal_type: item[value_key],
        "original_id": descriptor_id,
        "attributes": {"threatexchange": fields},
    }
    return SourceRow(line, row, raw)


def write(records: Iterable[EntryRecord], out: IO[str], scheme: CategoryScheme) -> int:
    """`{"data": [descriptor, ...]}` in the shape each descriptor came in (API by default)."""
    types = {jaga: name for name, jaga in SIGNAL_TYPES.items()}
    descriptors: list[dict[str, Any]] = []
    for record in records:
        fields = format_attributes([record], "threatexchange")
        value_key = str(fields.pop("indicator_field", "raw_indicator"))
        type_key = dict(_SHAPES).get(value_key, "type")
        descriptor = {value_key: record.value, type_key: types[record.signal_type], **fields}
        if record.original_id and has_descriptor_id(record):
            descriptor["id"] = record.original_id
        descriptors.append(descriptor)
    json.dump({"data": descriptors}, out, indent=2, ensure_ascii=False)
    out.write("\n")
    return len(descriptors)
