"""Applying one page of upstream records to a bank, idempotently.

Every step can run twice with the same result, because a crash between applying a page
and recording its checkpoint makes the resumed sync apply it again:
- live records go through BankService.add_entries, which keeps one entry per value (a
  repeat is 'unchanged') and updates a changed category (NCMEC's A1 -> A2);
- tombstones disable the entries (provenance kept; they stop matching through the change
  log) after remembering them in exchange_tombstones, so a source reinstating a record
  re-enables only what the source itself disabled, never a reviewer's false positive;
- values are checked here, before the bank sees them, so quarantine is recorded once,
  with the checkpoint (see SourceStore.save_page), instead of in every replayed import.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jaga.banks.records import EntryInput
from jaga.banks.schemes import normalise_category
from jaga.banks.service import BankService
from jaga.banks.values import normalise_hash, parse_signal_type
from jaga.exchange.connectors.records import Page, RejectedRecord, UpstreamRecord
from jaga.exchange.connectors.sources import SourceStore, SyncSource


@dataclass(slots=True)
class PageOutcome:
    added: int = 0
    updated: int = 0
    withdrawn: int = 0
    reinstated: int = 0
    ignored: int = 0  # hashes of types the bank does not keep, records with none Jaga uses
    quarantined: list[RejectedRecord] = field(default_factory=list)


class PageApplier:
    """Applies pages from one source to its bank."""

    def __init__(self, banks: BankService, store: SourceStore, source: SyncSource) -> None:
        self.banks = banks
        self.store = store
        self.source = source
        bank = banks.get_bank(source.bank_name, with_counts=False)
        self._kinds = frozenset(bank.signal_types)
        self._scheme = bank.category_scheme

    def apply(self, page: Page) -> PageOutcome:
        outcome = PageOutcome(quarantined=list(page.rejected))
        live, dead = self._split(page.records, outcome)
        self._add(live, outcome)
        self._withdraw(dead, outcome)
        return outcome

    def _split(
        self, records: list[UpstreamRecord], outcome: PageOutcome
    ) -> tuple[list[UpstreamRecord], list[UpstreamRecord]]:
        """Live records and tombstones; of two records with one id, the newer is applied
        (the first on a tie) and the other quarantined as a duplicate."""
        chosen: dict[str, UpstreamRecord] = {}
        for record in records:
            kept = chosen.get(record.upstream_id)
            if kept is None:
                chosen[record.upstream_id] = record
                continue
            newer = record.changed_at > kept.changed_at
            dropped = kept if newer else record
            if newer:
                chosen[record.upstream_id] = record
            outcome.quarantined.append(
                RejectedRecord(
                    record.upstream_id,
                    f"duplicate upstream id {record.upstream_id!r} in one page; "
                    f"the {'newer' if newer else 'first'} record with it was applied",
                    dropped.raw,
                )
            )
        live = [record for record in chosen.values() if not record.deleted]
        dead = [record for record in chosen.values() if record.deleted]
        return live, dead

    def _add(self, records: list[UpstreamRecord], outcome: PageOutcome) -> None:
        inputs: list[EntryInput] = []
        kept_ids: list[str] = []
        for record in records:
            entries = self._entries_of(record, outcome)
            if entries:
                inputs += entries
                kept_ids.append(record.upstream_id)
        if not inputs:
            return
        report = self.banks.add_entries(
            self.source.bank_name, inputs, source=self.source.provenance
        )
        outcome.added += report.added
        outcome.updated += report.updated
        for row in report.quarantined:  # checked above, so only a rule added since lands here
            entry = inputs[row.row_number - 1]
            outcome.quarantined.append(RejectedRecord(entry.original_id, row.reason, row.raw))
        existing = self.banks.entries_by_original_ids(
            self.source.bank_name, self.source.provenance, kept_ids
        )
        disabled = [entry.entry_id for entry in existing if not entry.enabled]
        ours = self.store.tombstoned(self.source, disabled)
        if ours:
            outcome.reinstated += self.banks.set_entries_enabled(self.source.bank_name, ours, True)
            self.store.lift_tombstones(self.source, ours)

    def _entries_of(self, record: UpstreamRecord, outcome: PageOutcome) -> list[EntryInput]:
        try:
            category = normalise_category(self._scheme, record.category)
        except ValueError as error:
            outcome.quarantined.append(RejectedRecord(record.upstream_id, str(error), record.raw))
            return []
        entries: list[EntryInput] = []
        for raw_type, raw_value in record.hashes:
            signal_type = parse_signal_type(raw_type)
            if signal_type not in self._kinds:
                outcome.ignored += 1
                continue
            try:
                value = normalise_hash(signal_type, raw_value)
            except ValueError as error:
                outcome.quarantined.append(
                    RejectedRecord(record.upstream_id, str(error), record.raw)
                )
                continue
            entries.append(
                EntryInput(
                    signal_type=signal_type,
                    value=value,
                    category=category,
                    original_id=record.upstream_id,
                    source=self.source.provenance,
                    # Fields Jaga cannot match on, kept with the entry under the source's
                    # kind (docs/formats.md): `jaga bank export --format ncmec` gives
                    # them back, and a reviewer sees them.
                    attributes={self.source.kind: record.attributes} if record.attributes else None,
                )
            )
        if not record.hashes:
            outcome.ignored += 1
        return entries

    def _withdraw(self, records: list[UpstreamRecord], outcome: PageOutcome) -> None:
        if not records:
            return
        status = {record.upstream_id: record.status or "deleted" for record in records}
        entries = self.banks.entries_by_original_ids(
            self.source.bank_name, self.source.provenance, list(status)
        )
        already = self.store.tombstoned(self.source, [entry.entry_id for entry in entries])
        # An entry a reviewer disabled before is left alone: the source never re-enables it.
        targets = [e for e in entries if e.enabled or e.entry_id in already]
        self.store.add_tombstones(
            self.source, [(e.entry_id, e.original_id, status[e.original_id]) for e in targets]
        )
        outcome.withdrawn += self.banks.set_entries_enabled(
            self.source.bank_name, [entry.entry_id for entry in targets], False
        )
