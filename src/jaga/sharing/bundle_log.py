"""The record of imported bundles, and the replay rule it enforces.

A signature proves who made a bundle, not that it is the latest: someone holding last
month's genuine bundle could bring back entries withdrawn since (with `--mirror`, undo
this month's deletions). So a bundle already imported, or older than one imported from
the same origin bank and signer, is refused unless the operator says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from jaga.sharing.errors import ReplayedBundle, TamperedBundle
from jaga.store.models import BundleImportRow
from jaga.store.timestamps import utc_now


@dataclass(frozen=True, slots=True)
class BundleOrigin:
    """What the signed header says about where and when a bundle was made."""

    bundle_id: str
    signer_key_id: str
    instance: str
    bank: str
    created_at: datetime

    @classmethod
    def of(cls, header: dict[str, object], signer_key_id: str) -> BundleOrigin:
        origin = header.get("origin")
        if not isinstance(origin, dict):
            raise TamperedBundle("the header does not say where the bundle comes from")
        if not isinstance(header.get("bundle_id"), str) or not header["bundle_id"]:
            raise TamperedBundle("the header has no bundle id")
        try:
            created_at = datetime.fromisoformat(str(header.get("created_at")))
        except ValueError:
            raise TamperedBundle("the header's creation time is not a time") from None
        return cls(
            bundle_id=str(header.get("bundle_id", ""))[:64],
            signer_key_id=signer_key_id,
            instance=str(origin.get("instance", ""))[:64],
            bank=str(origin.get("bank", ""))[:128],
            created_at=_aware(created_at),
        )


def check_not_replayed(engine: Engine, origin: BundleOrigin) -> None:
    """ReplayedBundle if this bundle, or a newer one from its origin, was imported."""
    with Session(engine) as session:
        earlier = session.scalar(
            select(BundleImportRow).where(BundleImportRow.bundle_id == origin.bundle_id)
        )
        if earlier is not None:
            raise ReplayedBundle(
                f"this bundle was imported already, on {earlier.imported_at:%Y-%m-%d %H:%M} "
                f"UTC into bank {earlier.bank_name!r}; pass --allow-replay to import it again"
            )
        newest = session.scalar(
            select(func.max(BundleImportRow.bundle_created_at)).where(
                BundleImportRow.origin_instance == origin.instance,
                BundleImportRow.origin_bank == origin.bank,
                BundleImportRow.signer_key_id == origin.signer_key_id,
            )
        )
    if newest is not None and _aware(newest) > origin.created_at:
        raise ReplayedBundle(
            f"a newer bundle of bank {origin.bank!r} (made {newest:%Y-%m-%d %H:%M} UTC) was "
            f"imported already; this one was made {origin.created_at:%Y-%m-%d %H:%M} UTC. "
            "Pass --allow-replay to import an older bundle anyway"
        )


def fed_by_origin(engine: Engine, origin: BundleOrigin, bank_name: str) -> bool:
    """Whether bank `bank_name` received bundles of this origin bank before."""
    with Session(engine) as session:
        found = session.scalar(
            select(BundleImportRow.id)
            .where(
                BundleImportRow.bank_name == bank_name,
                BundleImportRow.origin_instance == origin.instance,
                BundleImportRow.origin_bank == origin.bank,
            )
            .limit(1)
        )
    return found is not None


def record_import(engine: Engine, origin: BundleOrigin, bank_name: str, entries: int) -> None:
    with Session(engine) as session:
        row = session.scalar(
            select(BundleImportRow).where(BundleImportRow.bundle_id == origin.bundle_id)
        )
        if row is None:
            row = BundleImportRow(bundle_id=origin.bundle_id)
            session.add(row)
        row.signer_key_id = origin.signer_key_id
        row.origin_instance = origin.instance
        row.origin_bank = origin.bank
        row.bundle_created_at = origin.created_at
        row.bank_name = bank_name
        row.entries = entries
        row.imported_at = utc_now()
        session.commit()


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=utc_now().tzinfo)
