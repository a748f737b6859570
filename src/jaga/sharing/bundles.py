"""Export a bank as a signed bundle, and import a bundle after checking who signed it.

A bundle is a snapshot of a bank's active entries (disabled ones are false positives
someone silenced; they are not shared). Importing adds and updates entries; with
`mirror`, it also deletes the entries an earlier bundle of the same origin brought that
this one no longer holds (withdrawn upstream), which is how deletions reach an air-gapped
unit. Provenance: each entry names the exporting instance, bank, entry id and signing key
(see `provenance`); `bundle_log` records every import and refuses replays.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jaga.banks.errors import BankNotFound
from jaga.banks.records import BankInfo, EntryInput, ImportReport
from jaga.banks.service import BankService
from jaga.sharing import keys
from jaga.sharing.bundle_file import open_bundle, write_bundle
from jaga.sharing.bundle_log import (
    BundleOrigin,
    check_not_replayed,
    fed_by_origin,
    record_import,
)
from jaga.sharing.errors import SharingError, TamperedBundle
from jaga.sharing.keyring import Keyring
from jaga.sharing.keys import KeyPair, PublicKeys
from jaga.sharing.provenance import entry_fields, entry_input, origin_prefix, shared_source
from jaga.store.models import Entry
from jaga.store.timestamps import utc_now


@dataclass(frozen=True, slots=True)
class ExportedBundle:
    path: Path
    bank: str
    entries: int
    size: int
    signer_id: str | None
    recipient_id: str | None


@dataclass(frozen=True, slots=True)
class ImportedBundle:
    bank: str
    created_bank: bool
    signer: str | None  # the trusted key's name; None for an allowed unsigned bundle
    origin_instance: str
    origin_bank: str
    created_at: str
    report: ImportReport
    withdrawn: int = 0


def export_bundle(
    banks: BankService,
    bank_name: str,
    path: Path,
    *,
    signer: KeyPair | None,
    recipient: PublicKeys | None = None,
    on_entry: Callable[[], None] | None = None,
) -> ExportedBundle:
    """Write bank `bank_name`'s active entries to `path` as one bundle."""
    bank = banks.get_bank(bank_name, with_counts=False)
    if not bank.enabled:
        raise SharingError(f"bank {bank_name!r} is disabled: enable it to export its entries")
    header = {
        "bundle_id": uuid.uuid4().hex,
        "created_at": utc_now().isoformat().replace("+00:00", "Z"),
        "origin": {"instance": banks.instance_id(), "bank": bank.name},
        "bank": bank_settings(bank),
    }

    def lines() -> Iterator[bytes]:
        for record in banks.active_entries([bank.name]):
            if on_entry is not None:
                on_entry()
            yield json.dumps(entry_fields(record), separators=(",", ":")).encode() + b"\n"

    written = write_bundle(path, header, lines(), signer=signer, recipient=recipient)
    return ExportedBundle(
        path=written.path,
        bank=bank.name,
        entries=written.entries,
        size=written.size,
        signer_id=signer.public.signing_id if signer is not None else None,
        recipient_id=recipient.encryption_id if recipient is not None else None,
    )


def import_bundle(
    banks: BankService,
    keyring: Keyring,
    path: Path,
    *,
    into: str | None = None,
    allow_unsigned: bool = False,
    allow_replay: bool = False,
    mirror: bool = False,
    own_pairs: Callable[[], list[KeyPair]] = keys.own_pairs,
) -> ImportedBundle:
    """Verify the bundle, then import its entries into `into` (default: the bank's name).

    The bank is created with the bundle's settings if it does not exist. Nothing is
    written unless the signature, the signer and the digest check out, and the bundle is
    not a replay (see `bundle_log`); the entries are imported in one transaction, so a
    payload found short or damaged midway leaves the bank as it was.
    """
    opened = open_bundle(
        path, find_trusted=keyring.find, own_pairs=own_pairs, allow_unsigned=allow_unsigned
    )
    header = opened.header
    signer_id = opened.signer.key_id if opened.signer is not None else ""
    origin = BundleOrigin.of(header, signer_id)
    settings = header.get("bank")
    if not isinstance(settings, dict):
        raise TamperedBundle("the header lacks the bank settings")
    if not allow_replay:
        check_not_replayed(banks.engine, origin)
    instance, origin_bank = origin.instance, origin.bank
    target = into or origin_bank
    if into is None and _exists(banks, target) and not fed_by_origin(banks.engine, origin, target):
        # A bundle must not choose a local bank by its name (say, an allow-list).
        raise SharingError(
            f"bank {target!r} exists here and never received bundles of this origin; "
            f"pass --into {target} to import into it anyway, or --into NEW-BANK"
        )
    created = ensure_bank(banks, target, settings)
    held: set[tuple[str, str]] = set()

    def inputs() -> Iterator[EntryInput]:
        for item in opened.entries():
            if mirror:
                held.add((str(item.get("signal_type")), str(item.get("value")).strip().lower()))
            upstream = str(item.get("source") or "")
            source = shared_source(
                "bundle", instance, origin_bank, item.get("id"), upstream, signer_id
            )
            yield entry_input(item, source)

    run_source = f"bundle {path.name} from {origin_bank}" + (
        f" signed {signer_id}" if signer_id else " unsigned"
    )
    report = banks.add_entries(target, inputs(), source=run_source)
    withdrawn = 0
    if mirror:
        prefix = origin_prefix("bundle", instance, origin_bank)
        stale = [pair for pair in _from_origin(banks, target, prefix) if pair not in held]
        withdrawn = banks.remove_entries(target, values=stale) if stale else 0
    record_import(banks.engine, origin, target, report.rows_read)
    return ImportedBundle(
        bank=target,
        created_bank=created,
        signer=opened.signer.name if opened.signer is not None else None,
        origin_instance=instance,
        origin_bank=origin_bank,
        created_at=str(header.get("created_at", "")),
        report=report,
        withdrawn=withdrawn,
    )


def _exists(banks: BankService, name: str) -> bool:
    try:
        banks.get_bank(name, with_counts=False)
    except BankNotFound:
        return False
    return True


def _from_origin(banks: BankService, bank_name: str, prefix: str) -> list[tuple[str, str]]:
    """(signal type, value) of the bank's entries that earlier bundles of one origin brought."""
    bank_id = banks.get_bank(bank_name, with_counts=False).bank_id
    query = select(Entry.signal_type, Entry.value).where(
        Entry.bank_id == bank_id, Entry.source.startswith(prefix, autoescape=True)
    )
    with Session(banks.engine) as session:
        return [(str(kind), str(value)) for kind, value in session.execute(query)]


def bank_settings(bank: BankInfo) -> dict[str, Any]:
    """The settings a receiver needs to create the bank as the sender has it."""
    return {
        "name": bank.name,
        "description": bank.description,
        "signal_types": list(bank.signal_types),
        "pdq_threshold": bank.pdq_threshold,
        "quality_floor": bank.quality_floor,
        "category_scheme": bank.category_scheme,
    }


def ensure_bank(banks: BankService, name: str, settings: dict[str, Any]) -> bool:
    """Create bank `name` with the sender's settings unless it exists; True if created."""
    try:
        banks.get_bank(name, with_counts=False)
        return False
    except BankNotFound:
        pass
    banks.create_bank(
        name,
        signal_types=[str(kind) for kind in settings.get("signal_types") or []],
        pdq_threshold=int(settings.get("pdq_threshold", 31)),
        quality_floor=int(settings.get("quality_floor", 50)),
        category_scheme=str(settings.get("category_scheme", "industry")),
        description=str(settings.get("description", ""))[:1000],
    )
    return True
