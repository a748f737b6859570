"""What BankService takes and returns: plain frozen values, never live ORM objects.

Returning detached values keeps sessions inside the service, so callers (CLI, scanner,
API) cannot trigger lazy loads on a closed session or hold database locks by accident.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from jaga.banks.schemes import CategoryScheme
from jaga.hashing.types import SignalType

# 'settings': a bank's name, threshold, ratio or allow-list flag changed (entry_id 0), so
# matchers in other processes reload bank settings without any entry having changed.
ChangeOp = Literal["add", "remove", "settings"]


@dataclass(frozen=True, slots=True)
class BankInfo:
    """A bank's settings and how many entries it holds (`entry_counts` by signal type)."""

    bank_id: int
    name: str
    description: str
    signal_types: tuple[SignalType, ...]
    pdq_threshold: int
    quality_floor: int
    category_scheme: CategoryScheme
    allow_list: bool
    enabled: bool
    created_at: datetime
    # HMA's coin flip: the share of lookups in which this bank takes part (1.0: all).
    matching_enabled_ratio: float = 1.0
    entry_counts: dict[SignalType, int] = field(default_factory=dict)
    enabled_entry_counts: dict[SignalType, int] = field(default_factory=dict)

    @property
    def total_entries(self) -> int:
        return sum(self.entry_counts.values())


@dataclass(frozen=True, slots=True)
class EntryInput:
    """One hash to add through the API; strings are validated like imported rows.

    `enabled=None` means "enabled when new, leave alone when it already exists".
    """

    signal_type: str
    value: str
    category: str = ""
    original_id: str = ""
    source: str | None = None
    quality: int | None = None
    interpol_baseline: bool | None = None
    enabled: bool | None = None
    # Pass-through fields of the source record, {"<format>": {...}} (docs/formats.md).
    attributes: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class EntryRecord:
    """One stored entry, as the scanner and the API see it."""

    entry_id: int
    bank_id: int
    bank_name: str
    signal_type: SignalType
    value: str
    category: str
    interpol_baseline: bool | None
    source: str
    original_id: str
    imported_at: datetime
    quality: int | None
    enabled: bool
    # Pass-through fields of the source record, {"<format>": {...}} (docs/formats.md).
    attributes: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class QuarantinedRow:
    """A row that was not imported. `row_number` is the physical line in the file
    (header = line 1), or the 1-based position for `add_entries` and JSON arrays."""

    row_number: int
    reason: str
    raw: str
    run_id: int | None = None  # the import run it came from


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What one import did.

    `duplicates` counts repeats of a value already seen in the same import (kept once);
    `ignored` counts values of signal types the bank does not keep (wide rows only).
    `quarantined` lists at most 10,000 rows; `quarantined_count` is the exact total, and
    `BankService.quarantined_rows(run_id=...)` returns them all.
    """

    run_id: int
    rows_read: int
    added: int
    updated: int
    unchanged: int
    quarantined: list[QuarantinedRow]
    duplicates: int = 0
    ignored: int = 0
    quarantined_count: int = 0


@dataclass(frozen=True, slots=True)
class ImportRunInfo:
    """A past import, for `jaga bank show`."""

    run_id: int
    source: str
    fmt: str
    started_at: datetime
    finished_at: datetime | None
    rows_read: int
    added: int
    updated: int
    unchanged: int
    duplicates: int
    ignored: int
    quarantined: int


@dataclass(frozen=True, slots=True)
class EntryChange:
    """One step of the active set: entry `entry_id` of bank `bank_id` was added or removed."""

    seq: int
    entry_id: int
    bank_id: int
    op: ChangeOp
