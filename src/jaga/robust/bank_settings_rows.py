"""Per-bank settings rows (robust matching, verification): one way to find and change them.

Both kinds of settings live in a row keyed by the bank's id that exists only once someone
changed a default; reading falls back to the dataclass defaults, and writing creates the
row from them first. Keeping that in one place keeps the two stores from drifting apart
(audit-log call, timestamps, the "unknown bank" error with the names that do exist).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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


def read_bank_settings(
    engine: Engine, row_type: type[Any], defaults: SettingsT, bank_ids: Iterable[int]
) -> dict[int, SettingsT]:
    """Each bank's settings from its row, or the defaults where none was saved."""
    ids = list(bank_ids)
    found: dict[int, SettingsT] = dict.fromkeys(ids, defaults)
    if not ids:
        return found
    names = list(asdict(defaults))
    with Session(engine) as session:
        for row in session.scalars(select(row_type).where(row_type.bank_id.in_(ids))):
            found[row.bank_id] = type(defaults)(**{name: getattr(row, name) for name in names})
    return found


def bank_settings_by_name(
    engine: Engine, row_type: type[Any], defaults: SettingsT, bank_name: str
) -> SettingsT:
    """One bank's settings by name; an unknown name raises BankNotFound."""
    with Session(engine) as session:
        bank_id = bank_id_by_name(session, bank_name)
    return read_bank_settings(engine, row_type, defaults, [bank_id])[bank_id]
