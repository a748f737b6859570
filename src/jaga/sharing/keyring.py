"""The partners' signing keys this instance trusts, kept in the database.

Trusting a key is the one decision that lets a bundle in, so it is explicit (an operator
runs `jaga bundle trust FILE` after comparing the key id with the partner out of band),
and a key is looked up only by the id its bundle names.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Engine, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from jaga.sharing.errors import KeyFileError
from jaga.sharing.keys import PublicKeys, check_key_name
from jaga.store.models import TrustedKeyRow
from jaga.store.timestamps import utc_now


@dataclass(frozen=True, slots=True)
class TrustedKey:
    name: str
    key_id: str
    public_key: Ed25519PublicKey
    created_at: datetime


class Keyring:
    """Trusted signing keys on one database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def trust(self, public: PublicKeys, name: str | None = None) -> TrustedKey:
        """Trust this partner's signing key under `name` (default: the name in its file)."""
        chosen = check_key_name(name or public.name)
        row = TrustedKeyRow(
            name=chosen,
            key_id=public.signing_id,
            public_key=base64.b64encode(public.signing.public_bytes_raw()).decode("ascii"),
            created_at=utc_now(),
        )
        with Session(self.engine, expire_on_commit=False) as session:
            clash = session.scalar(
                select(TrustedKeyRow).where(
                    (TrustedKeyRow.name == chosen) | (TrustedKeyRow.key_id == row.key_id)
                )
            )
            if clash is not None:
                raise KeyFileError(
                    f"key {clash.key_id} is trusted already as {clash.name!r}"
                    if clash.key_id == row.key_id
                    else f"a trusted key is named {chosen!r} already; give another --name"
                )
            session.add(row)
            try:
                session.commit()
            except IntegrityError:
                raise KeyFileError(f"key {row.key_id} or name {chosen!r} is taken") from None
            return _trusted(row)

    def untrust(self, name_or_id: str) -> bool:
        """Stop trusting a key (by name or key id); False if no such key was trusted."""
        with Session(self.engine) as session:
            result = session.execute(
                delete(TrustedKeyRow).where(
                    (TrustedKeyRow.name == name_or_id) | (TrustedKeyRow.key_id == name_or_id)
                )
            )
            session.commit()
            return bool(getattr(result, "rowcount", 0))

    def list(self) -> list[TrustedKey]:
        with Session(self.engine) as session:
            rows = session.scalars(select(TrustedKeyRow).order_by(TrustedKeyRow.name))
            return [_trusted(row) for row in rows]

    def find(self, key_id: str) -> TrustedKey | None:
        """The trusted key with this id, or None."""
        with Session(self.engine) as session:
            row = session.scalar(select(TrustedKeyRow).where(TrustedKeyRow.key_id == key_id))
            return _trusted(row) if row is not None else None


def _trusted(row: TrustedKeyRow) -> TrustedKey:
    raw = base64.b64decode(row.public_key)
    return TrustedKey(row.name, row.key_id, Ed25519PublicKey.from_public_bytes(raw), row.created_at)
