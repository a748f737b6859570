"""What a connector hands the sync driver: one page of upstream records, already split
into live records, tombstones and records it could not read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# NCMEC fingerprints and other upstream fields Jaga cannot match on (PhotoDNA, NetClean,
# videntifier, TMK+PDQF, StopNCII case numbers and CSP feedback, ThreatExchange tags...)
# travel in `UpstreamRecord.attributes` and are stored with each entry of the record, in
# the entries' JSON `attributes` under the source's kind (`{"ncmec": {...}}`).


@dataclass(frozen=True, slots=True)
class UpstreamRecord:
    """One upstream entry: its id, the hashes Jaga can match, and whether it is a tombstone.

    `hashes` are (Jaga signal type, value as sent); values are checked by the driver, so
    a malformed one is quarantined with the record's id. `status` is the upstream word
    for the record's state (e.g. StopNCII's 'Withdrawn'), kept for the tombstone.
    """

    upstream_id: str
    hashes: tuple[tuple[str, str], ...] = ()
    category: str = ""
    deleted: bool = False
    status: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)
    raw: str = ""  # a short, one-line rendering for quarantine (never logged)
    changed_at: int = 0  # upstream's change time (seconds), to pick between duplicates


@dataclass(frozen=True, slots=True)
class RejectedRecord:
    """An upstream record the connector could not use, and why."""

    upstream_id: str
    reason: str
    raw: str = ""


@dataclass(frozen=True, slots=True)
class Page:
    """One fetched page and the checkpoint to store once it is applied.

    `done` means the sync has caught up; `checkpoint` is then the start of the next sync.
    """

    records: list[UpstreamRecord]
    rejected: list[RejectedRecord]
    checkpoint: dict[str, Any]
    done: bool
