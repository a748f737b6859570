"""An entry's pass-through attributes: the source record's fields Jaga has no column for.

Stored as one JSON object per entry, keyed by the format the record came from, e.g.
`{"ncmec": {"entry_type": "image", "fingerprints": {"pdna": "..."}}}` (the layout of each
format is in docs/formats.md). Kept as canonical text (sorted keys, no blanks) so that the
same record always stores the same bytes and "did anything change?" is a string compare.
"""

from __future__ import annotations

import json
from typing import Any

MAX_ATTRIBUTES_CHARS = 262_144  # a record's metadata, not a file: larger means a broken row


def encode_attributes(raw: object) -> str | None:
    """Canonical JSON text of an attributes object (a dict, or JSON text of one); None if absent.

    Raises ValueError for anything else, so the row is quarantined with the reason.
    """
    if raw is None or raw == "" or raw == {}:
        return None
    value = raw
    if isinstance(raw, str):
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as error:
            raise ValueError(f"attributes is not valid JSON: {error.msg}") from None
    if not isinstance(value, dict):
        raise ValueError('attributes must be a JSON object ({"format": {...}})')
    if not value:
        return None
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    if len(text) > MAX_ATTRIBUTES_CHARS:
        raise ValueError(
            f"attributes take {len(text):,} characters; at most {MAX_ATTRIBUTES_CHARS:,} are kept"
        )
    return text


def decode_attributes(text: str | None) -> dict[str, Any] | None:
    """The attributes object stored as `text` (None when the entry has none)."""
    if not text:
        return None
    value = json.loads(text)
    return value if isinstance(value, dict) else None


def merge_attributes(current: str | None, incoming: str | None) -> str | None:
    """`incoming` over `current`, one format at a time.

    A record re-sent by one source replaces what that source said before, and leaves what
    other sources said about the same hash alone.
    """
    if incoming is None:
        return current
    if current is None:
        return incoming
    merged = {**(decode_attributes(current) or {}), **(decode_attributes(incoming) or {})}
    return encode_attributes(merged)
