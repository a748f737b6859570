"""Per-bank settings rows (robust matching, verification): one way to find and change them.

Both kinds of settings live in a row keyed by the bank's id that exists only once someone
changed a default; reading falls back to the dataclass defaults, and writing creates the
row from them first. Keeping that in one place keeps the two stores from drifting apart
(audit-log call, timestamps, the "unknown bank" error with the names that do exist).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from jaga.banks.errors import BankNotFound
from jaga.banks.service import BankService
from jaga.store.models import Bank
from jaga.store.timestamps import utc_now

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

SettingsT = TypeVar("SettingsT", bound="DataclassInstance")


def bank_id_by_name(session: Session, name: str) -> int:
    """The bank's id; an unknown name raises BankNotFound listing the banks there are."""
    bank_id = session.scalar(select(Bank.id).where(Bank.name == name))
    if bank_id is None:
        raise BankNotFound(name, list(session.scalars(select(Bank.name).order_by(Bank.name))))
    return int(bank_id)


def update_bank_settings(
    engine: Engine,
    bank_name: str,
    row_type: type[Any],
    defaults: SettingsT,
    changes: Mapping[str, object | None],
) -> SettingsT:
    """Apply the changes that are not None to the bank's row (made from defaults if absent).

    Returns the settings as stored, and records the change in the bank's audit log.
    """
    with Session(engine) as session:
        bank_id = bank_id_by_name(session, bank_name)
        row = session.get(row_type, bank_id)
        if row is None:
            row = row_type(bank_id=bank_id, **asdict(defaults))
            session.add(row)
        for name, value in changes.items():
            if value is not None:
                setattr(row, name, value)
        row.updated_at = utc_now()
        session.commit()
        stored = type(defaults)(**{name: getattr(row, name) for name in asdict(defaults)})
    BankService(engine).log_settings_change(bank_id)
    return stored
