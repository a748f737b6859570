"""How a shared entry says where it came from, in the entry's `source` field.

`jaga-feed:<instance>/<bank>#<entry id>` or `jaga-bundle:<instance>/<bank>#<entry id>
signed <key id>`, then ` < <upstream source>` when the publisher knew one (e.g. `ncmec`),
so a reviewer can follow a match back to the partner, the partner's bank and entry, and
the list it came from. The upstream `original_id` (an NCMEC or VIC id) is kept as is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jaga.banks.records import EntryInput, EntryRecord

SOURCE_LIMIT = 255  # the width of entries.source


def origin_prefix(kind: str, instance: str, bank: str) -> str:
    """What the sources of every entry from one origin bank start with."""
    return f"jaga-{kind}:{instance}/{bank}#"


def shared_source(
    kind: str, instance: str, bank: str, entry_id: object, upstream: str, signer: str = ""
) -> str:
    text = f"{origin_prefix(kind, instance, bank)}{entry_id}"
    if signer:
        text += f" signed {signer}"
    if upstream:
        text += f" < {upstream}"
    return text[:SOURCE_LIMIT]


def entry_fields(record: EntryRecord) -> dict[str, Any]:
    """What a bundle line or a feed 'add' carries of one entry."""
    return {
        "id": record.entry_id,
        "signal_type": record.signal_type,
        "value": record.value,
        "category": record.category,
        "quality": record.quality,
        "interpol_baseline": record.interpol_baseline,
        "original_id": record.original_id,
        "source": record.source,
    }


def entry_input(item: Mapping[str, Any], source: str) -> EntryInput:
    """A received entry as BankService input; its values are checked like any import row."""
    quality = item.get("quality")
    baseline = item.get("interpol_baseline")
    return EntryInput(
        signal_type=str(item.get("signal_type", "")),
        value=str(item.get("value", "")),
        category=str(item.get("category") or ""),
        original_id=str(item.get("original_id") or ""),
        source=source,
        quality=quality if isinstance(quality, int) and not isinstance(quality, bool) else None,
        interpol_baseline=baseline if isinstance(baseline, bool) else None,
    )
