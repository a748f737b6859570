"""Comparing banks entry by entry, pass-through attributes included."""

from __future__ import annotations

import json

from jaga.banks import BankService


def entries_of(service: BankService, bank: str) -> list[tuple[object, ...]]:
    """What an import keeps of each entry, in a stable order (ids and times left out)."""
    info = service.get_bank(bank, with_counts=False)
    return sorted(
        (
            record.signal_type,
            record.value,
            record.category,
            record.original_id,
            record.interpol_baseline,
            record.quality,
            json.dumps(record.attributes, sort_keys=True),
        )
        for record in service._bank_entries(info.bank_id)
    )


def attributes_by_value(service: BankService, bank: str) -> dict[str, dict[str, object]]:
    info = service.get_bank(bank, with_counts=False)
    return {record.value: record.attributes or {} for record in service._bank_entries(info.bank_id)}
