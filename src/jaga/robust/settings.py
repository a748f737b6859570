"""Per-bank robust-matching settings and the crop hashes of Jaga-built lists (the store side).

Robust matching is on by default for every bank: its views are searched at the bank's own
strict distance and, on the benchmark, added no false match (docs/robust-matching.md). A
bank whose owner wants plain PDQ only, or fewer views (cost), says so here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from jaga.banks.service import BankService
from jaga.robust.bank_settings_rows import (
    bank_id_by_name,
    bank_settings_by_name,
    read_bank_settings,
    update_bank_settings,
)
from jaga.robust.consensus import AGREE_DISTANCE, AGREE_DISTANCE_LIMIT
from jaga.store.models import BankRobustRow, RegionHashRow

MAX_ANGLE_LIMIT = 16
"""Tilt views beyond this many degrees cost more than they find (PDQ itself absorbs ~1°)."""


class RobustSettingsError(ValueError):
    """A robust-matching setting out of range; the message says the allowed values."""


@dataclass(frozen=True, slots=True)
class RobustSettings:
    """How one bank uses robust matching."""

    enabled: bool = True
    deborder: bool = True
    max_angle: int = 8  # largest tilt turned back, degrees; 0 for none
    regions: bool = True  # search the crop hashes stored with the bank's entries
    # Lettering painted out at both decodes, each within agree_distance of one entry
    # (jaga.robust.consensus): about as rare by chance as one text view within 31.
    agree: bool = True
    agree_distance: int = AGREE_DISTANCE


@dataclass(frozen=True, slots=True)
class RegionHash:
    """One stored crop hash: which entry it belongs to and which crop it is."""

    row_id: int
    entry_id: int
    bank_id: int
    label: str
    value: str


class RobustStore:
    """Reads and writes robust settings and region hashes."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def settings(self, bank_ids: Iterable[int]) -> dict[int, RobustSettings]:
        """Each bank's settings (defaults where none were saved)."""
        return read_bank_settings(self.engine, BankRobustRow, RobustSettings(), bank_ids)

    def bank_settings(self, bank_name: str) -> RobustSettings:
        return bank_settings_by_name(self.engine, BankRobustRow, RobustSettings(), bank_name)

    def update(
        self,
        bank_name: str,
        *,
        enabled: bool | None = None,
        deborder: bool | None = None,
        max_angle: int | None = None,
        regions: bool | None = None,
        agree: bool | None = None,
        agree_distance: int | None = None,
    ) -> RobustSettings:
        """Change the given settings of a bank, keep the others."""
        if max_angle is not None and not 0 <= max_angle <= MAX_ANGLE_LIMIT:
            raise RobustSettingsError(
                f"max angle must be 0-{MAX_ANGLE_LIMIT} degrees, got {max_angle}"
            )
        if agree_distance is not None and not 0 <= agree_distance <= AGREE_DISTANCE_LIMIT:
            raise RobustSettingsError(
                f"agree distance must be 0-{AGREE_DISTANCE_LIMIT} bits, got {agree_distance}"
            )
        return update_bank_settings(
            self.engine,
            bank_name,
            BankRobustRow,
            RobustSettings(),
            {
                "enabled": enabled,
                "deborder": deborder,
                "max_angle": max_angle,
                "regions": regions,
                "agree": agree,
                "agree_distance": agree_distance,
            },
        )

    def replace_regions(
        self, bank_id: int, entry_id: int, regions: Sequence[tuple[str, str]]
    ) -> None:
        """Store the crop hashes (label, PDQ hex) of one entry, replacing any before."""
        with Session(self.engine) as session:
            session.execute(delete(RegionHashRow).where(RegionHashRow.entry_id == entry_id))
            session.add_all(
                RegionHashRow(entry_id=entry_id, bank_id=bank_id, label=label, value=value)
                for label, value in regions
            )
            session.commit()
        BankService(self.engine).log_settings_change(bank_id)  # matchers reload crop hashes

    def regions(self, bank_ids: Iterable[int]) -> list[RegionHash]:
        """Every stored crop hash of these banks."""
        ids = list(bank_ids)
        if not ids:
            return []
        with Session(self.engine) as session:
            rows = session.execute(
                select(
                    RegionHashRow.id,
                    RegionHashRow.entry_id,
                    RegionHashRow.bank_id,
                    RegionHashRow.label,
                    RegionHashRow.value,
                ).where(RegionHashRow.bank_id.in_(ids))
            )
            return [RegionHash(*row) for row in rows]

    def region_count(self, bank_name: str) -> int:
        with Session(self.engine) as session:
            bank_id = bank_id_by_name(session, bank_name)
            return len(
                session.scalars(
                    select(RegionHashRow.id).where(RegionHashRow.bank_id == bank_id)
                ).all()
            )
