"""Partners: the organisations this instance publishes banks to, and what each may read.

Each partner gets its own API key (named `partner-<name>`, scope `share:read` only), so
a partner can be cut off alone by revoking its key, and the feed routes can tell partners
apart: a key sees exactly the banks granted to its partner. Keys of other kinds (even
`admin`) are not partners and read no feed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from jaga.auth.keys import KeyService
from jaga.auth.scopes import check_key_name
from jaga.banks.errors import BankNotFound
from jaga.sharing.errors import PartnerError
from jaga.store.models import Bank, ShareGrantRow, SharePartnerRow
from jaga.store.timestamps import utc_now

PARTNER_KEY_PREFIX = "partner-"
SHARE_SCOPE = "share:read"


@dataclass(frozen=True, slots=True)
class PartnerInfo:
    name: str
    key_name: str
    banks: tuple[str, ...]
    created_at: datetime


class PartnerService:
    """Partners and their grants on one database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.keys = KeyService(engine)

    def add(self, name: str) -> tuple[PartnerInfo, str]:
        """A new partner and its key's secret (shown once; hand it over out of band)."""
        check_key_name(name)
        key_name = f"{PARTNER_KEY_PREFIX}{name}"[:64]
        with Session(self.engine) as session:
            if session.scalar(select(SharePartnerRow).where(SharePartnerRow.name == name)):
                raise PartnerError(f"partner {name!r} exists already")
        key, secret = self.keys.create(key_name, [SHARE_SCOPE])
        with Session(self.engine, expire_on_commit=False) as session:
            row = SharePartnerRow(name=name, api_key_id=key.key_id, created_at=utc_now())
            session.add(row)
            session.commit()
        return PartnerInfo(name, key_name, (), row.created_at), secret

    def remove(self, name: str) -> None:
        """Forget a partner and revoke its key: its next feed request is refused."""
        with Session(self.engine) as session:
            row = self._partner(session, name)
            key_id = row.api_key_id
            session.delete(row)
            session.commit()
        for key in self.keys.list_keys():
            if key.key_id == key_id:
                self.keys.revoke(key.name)

    def list(self) -> list[PartnerInfo]:
        with Session(self.engine) as session:
            partners = session.scalars(select(SharePartnerRow).order_by(SharePartnerRow.name))
            found = []
            for row in partners:
                banks = session.scalars(
                    select(Bank.name)
                    .join(ShareGrantRow, ShareGrantRow.bank_id == Bank.id)
                    .where(ShareGrantRow.partner_id == row.id)
                    .order_by(Bank.name)
                )
                key_name = f"{PARTNER_KEY_PREFIX}{row.name}"[:64]
                found.append(PartnerInfo(row.name, key_name, tuple(banks), row.created_at))
            return found

    def publish(self, bank_name: str, partner_name: str) -> bool:
        """Share a bank with a partner; False if it was shared already."""
        with Session(self.engine) as session:
            partner = self._partner(session, partner_name)
            bank_id = _bank_id(session, bank_name)
            if session.get(ShareGrantRow, (partner.id, bank_id)) is not None:
                return False
            session.add(ShareGrantRow(partner_id=partner.id, bank_id=bank_id, created_at=utc_now()))
            session.commit()
            return True

    def unpublish(self, bank_name: str, partner_name: str) -> bool:
        """Stop sharing a bank with a partner; False if it was not shared."""
        with Session(self.engine) as session:
            partner = self._partner(session, partner_name)
            bank_id = _bank_id(session, bank_name)
            result = session.execute(
                delete(ShareGrantRow).where(
                    ShareGrantRow.partner_id == partner.id, ShareGrantRow.bank_id == bank_id
                )
            )
            session.commit()
            return bool(getattr(result, "rowcount", 0))

    def granted_banks(self, api_key_id: int) -> dict[str, int]:
        """The banks (name → id) shared with the partner holding this key; {} for others."""
        query = (
            select(Bank.name, Bank.id)
            .join(ShareGrantRow, ShareGrantRow.bank_id == Bank.id)
            .join(SharePartnerRow, SharePartnerRow.id == ShareGrantRow.partner_id)
            .where(SharePartnerRow.api_key_id == api_key_id)
            .order_by(Bank.name)
        )
        with Session(self.engine) as session:
            return {name: bank_id for name, bank_id in session.execute(query)}

    def _partner(self, session: Session, name: str) -> SharePartnerRow:
        row = session.scalar(select(SharePartnerRow).where(SharePartnerRow.name == name))
        if row is None:
            known = ", ".join(session.scalars(select(SharePartnerRow.name))) or "none yet"
            raise PartnerError(f"no partner named {name!r} (partners: {known})")
        return row


def _bank_id(session: Session, name: str) -> int:
    bank_id = session.scalar(select(Bank.id).where(Bank.name == name))
    if bank_id is None:
        raise BankNotFound(name, list(session.scalars(select(Bank.name).order_by(Bank.name))))
    return int(bank_id)
