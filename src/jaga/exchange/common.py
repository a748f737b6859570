"""What every exchange reader and writer needs: duplicate ids, tombstones, record grouping.

A writer gets a bank's entries one hash at a time, but a format's record may carry several
hashes (an NCMEC entry with MD5, SHA-1 and PDQ; a VICS Media with MD5 and SHA-1). Entries
imported from one record share its `original_id` and pass-through attributes, so grouping
by them rebuilds the record.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Iterable
from typing import Any

from jaga.banks.crosswalk import VIC_UK_NUMBERS, translate_category
from jaga.banks.formats import RAW_LIMIT, SourceRow
from jaga.banks.records import EntryRecord
from jaga.banks.schemes import CategoryScheme
from jaga.hashing.types import SignalType


def raw_text(value: object) -> str:
    """The record as a short JSON line, kept with a quarantined row for review."""
    if isinstance(value, str):
        return value[:RAW_LIMIT]
    return json.dumps(value, ensure_ascii=False, default=str)[:RAW_LIMIT]


class SeenIds:
    """Remembers record ids within one file; a repeat is bad upstream data, not an update."""

    def __init__(self, what: str) -> None:
        self.what = what
        self._first: dict[Hashable, int] = {}

    def repeat_reason(self, key: Hashable, shown: str, line: int) -> str | None:
        """None the first time `key` is seen; else the reason to quarantine this record."""
        if not shown:
            return None
        first = self._first.setdefault(key, line)
        if first == line:
            return None
        return f"duplicate {self.what} {shown!r} (first at line {first}, which is kept)"


def tombstone(line: int, raw: str, what: str) -> SourceRow:
    """A deletion in a list: nothing to import, reported so nobody wonders where it went."""
    return SourceRow(
        line,
        None,
        raw,
        f"{what}: a withdrawal, not an entry; not imported (remove the hash from the bank, "
        "or let `jaga sync` apply it)",
    )


def group_records(
    records: Iterable[EntryRecord], key: Callable[[EntryRecord], Hashable | None]
) -> list[list[EntryRecord]]:
    """Entries grouped into source records by `key` (None: a record of its own), in order."""
    groups: dict[Hashable, list[EntryRecord]] = {}
    for record in records:
        found = key(record)
        groups.setdefault(("entry", record.entry_id) if found is None else found, []).append(record)
    return list(groups.values())


def format_attributes(group: list[EntryRecord], fmt: str) -> dict[str, Any]:
    """The pass-through fields of format `fmt` of this record (the newest entry's)."""
    for record in sorted(group, key=lambda item: item.entry_id, reverse=True):
        found = (record.attributes or {}).get(fmt)
        if isinstance(found, dict):
            return dict(found)
    return {}


def hashes_of(group: list[EntryRecord]) -> dict[SignalType, str]:
    return {record.signal_type: record.value for record in group}


def category_in(target: str, group: list[EntryRecord], bank_scheme: CategoryScheme) -> str | None:
    """The record's category in the format's scheme `target`, or None when none fits.

    `target` is a bank scheme, or "vic-uk" (VICS numbers of the UK set). None tells the
    writer to fall back to the category the source sent, kept in the attributes.
    """
    category = next((record.category for record in group if record.category), "")
    if not category or bank_scheme == "none":
        return None
    try:
        if target == "vic-uk":
            letter = translate_category(bank_scheme, category, "caid")
            numbers = {value: key for key, value in VIC_UK_NUMBERS.items() if value}
            return numbers.get(letter)
        return translate_category(bank_scheme, category, target) or None  # type: ignore[arg-type]
    except ValueError:
        return None


def baseline_of(group: list[EntryRecord]) -> bool | None:
    return next(
        (record.interpol_baseline for record in group if record.interpol_baseline is not None),
        None,
    )


def has_descriptor_id(record: EntryRecord) -> bool:
    """Whether `original_id` is a ThreatExchange id (HMA seed files carry them too).

    Ids of other sources (an NCMEC entry id shared by its MD5, SHA-1 and PDQ) are not
    descriptor ids; ThreatExchange gives descriptors its own on upload.
    """
    attributes = record.attributes or {}
    return "threatexchange" in attributes or "hma" in attributes
