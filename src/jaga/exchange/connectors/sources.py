"""Sync sources in the database: settings, checkpoint, run tallies, quarantine, tombstones.

`save_page` writes a page's quarantined records, tallies and the new checkpoint in one
transaction, so a page is either recorded whole or not at all: a crash before it means
the page is fetched and applied again on resume, which changes nothing in the bank
(applying is idempotent) and records its quarantine exactly once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Engine, Table, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from jaga.exchange.connectors.errors import InvalidSource, SourceExists, UnknownSource
from jaga.exchange.connectors.records import RejectedRecord
from jaga.store.models import ExchangeQuarantineRow, ExchangeSourceRow, ExchangeTombstoneRow
from jaga.store.timestamps import utc_now

KINDS = ("ncmec", "stopncii", "threatexchange")
SOURCE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_SOURCES = cast(Table, ExchangeSourceRow.__table__)
_QUARANTINE = cast(Table, ExchangeQuarantineRow.__table__)
_TOMBSTONES = cast(Table, ExchangeTombstoneRow.__table__)
MAX_RAW = 2_000


@dataclass(frozen=True, slots=True)
class SyncSource:
    """A source as the driver and the CLI see it (no credentials: those are never stored)."""

    source_id: int
    name: str
    kind: str
    bank_name: str
    base_url: str
    settings: dict[str, Any]
    checkpoint: dict[str, Any]
    last_run_started_at: datetime | None
    last_run_finished_at: datetime | None
    last_error: str
    pages: int
    quarantined: int

    @property
    def provenance(self) -> str:
        """The `source` written on the bank entries this source brings: 'ncmec:industry'."""
        return f"{self.kind}:{self.name}"


@dataclass(frozen=True, slots=True)
class QuarantinedRecord:
    upstream_id: str
    reason: str
    raw: str
    created_at: datetime


class SourceStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add(
        self,
        name: str,
        *,
        kind: str,
        bank_name: str,
        base_url: str = "",
        settings: dict[str, Any] | None = None,
    ) -> SyncSource:
        if not SOURCE_NAME.fullmatch(name):
            raise InvalidSource(
                f"source name {name!r} is not allowed: 1-64 lower-case letters, digits, "
                "'-' or '_' (e.g. 'industry' or 'stopncii-prod')"
            )
        if kind not in KINDS:
            raise InvalidSource(f"unknown source kind {kind!r}; use one of {', '.join(KINDS)}")
        row = {
            "name": name,
            "kind": kind,
            "bank_name": bank_name,
            "base_url": base_url.rstrip("/"),
            "settings": json.dumps(settings or {}, sort_keys=True),
            "checkpoint": "{}",
            "created_at": utc_now(),
            "last_error": "",
            "pages": 0,
            "quarantined": 0,
        }
        try:
            with self.engine.begin() as connection:
                connection.execute(insert(_SOURCES).values(**row))
        except IntegrityError:
            raise SourceExists(name) from None
        return self.get(name)

    def get(self, name: str) -> SyncSource:
        with self.engine.connect() as connection:
            row = connection.execute(select(_SOURCES).where(_SOURCES.c.name == name)).first()
            if row is None:
                known = list(connection.scalars(select(_SOURCES.c.name).order_by("name")))
                raise UnknownSource(name, known)
        return _source(row._mapping)

    def all(self) -> list[SyncSource]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(_SOURCES).order_by(_SOURCES.c.name)).all()
        return [_source(row._mapping) for row in rows]

    def start_run(self, source: SyncSource) -> None:
        self._update(source, last_run_started_at=utc_now(), last_error="")

    def finish_run(self, source: SyncSource, error: str = "") -> None:
        self._update(source, last_run_finished_at=utc_now(), last_error=error[:2_000])

    def reset_checkpoint(self, source: SyncSource, checkpoint: dict[str, Any]) -> None:
        self._update(source, checkpoint=json.dumps(checkpoint, sort_keys=True))

    def save_page(
        self,
        source: SyncSource,
        *,
        checkpoint: dict[str, Any],
        quarantined: list[RejectedRecord],
    ) -> None:
        """Record one applied page: its quarantine, tallies and the checkpoint, atomically."""
        now = utc_now()
        with self.engine.begin() as connection:
            if quarantined:
                connection.execute(
                    insert(_QUARANTINE),
                    [
                        {
                            "source_id": source.source_id,
                            "upstream_id": item.upstream_id[:255],
                            "reason": item.reason,
                            "raw": item.raw[:MAX_RAW],
                            "created_at": now,
                        }
                        for item in quarantined
                    ],
                )
            connection.execute(
                update(_SOURCES)
                .where(_SOURCES.c.id == source.source_id)
                .values(
                    checkpoint=json.dumps(checkpoint, sort_keys=True),
                    pages=_SOURCES.c.pages + 1,
                    quarantined=_SOURCES.c.quarantined + len(quarantined),
                )
            )

    def quarantine(self, source: SyncSource, *, limit: int = 100) -> list[QuarantinedRecord]:
        query = (
            select(_QUARANTINE.c.upstream_id, _QUARANTINE.c.reason, _QUARANTINE.c.raw)
            .add_columns(_QUARANTINE.c.created_at)
            .where(_QUARANTINE.c.source_id == source.source_id)
            .order_by(_QUARANTINE.c.id)
            .limit(limit)
        )
        with self.engine.connect() as connection:
            return [QuarantinedRecord(*row) for row in connection.execute(query)]

    # ---- tombstones ----------------------------------------------------------------------

    def add_tombstones(
        self, source: SyncSource, tombstones: Iterable[tuple[int, str, str]]
    ) -> None:
        """Remember (entry id, upstream id, status) as disabled by the source (idempotent)."""
        wanted = list(tombstones)
        if not wanted:
            return
        with self.engine.begin() as connection:
            known = set(
                connection.scalars(
                    select(_TOMBSTONES.c.entry_id).where(
                        _TOMBSTONES.c.source_id == source.source_id,
                        _TOMBSTONES.c.entry_id.in_([entry for entry, _, _ in wanted]),
                    )
                )
            )
            fresh = {entry: (upstream, status) for entry, upstream, status in wanted}
            rows = [
                {
                    "source_id": source.source_id,
                    "entry_id": entry,
                    "upstream_id": upstream[:255],
                    "status": status[:32],
                    "created_at": utc_now(),
                }
                for entry, (upstream, status) in fresh.items()
                if entry not in known
            ]
            if rows:
                connection.execute(insert(_TOMBSTONES), rows)

    def tombstoned(self, source: SyncSource, entry_ids: Iterable[int]) -> set[int]:
        """Which of these entries the source disabled (and so may re-enable)."""
        ids = list(entry_ids)
        if not ids:
            return set()
        with self.engine.connect() as connection:
            return set(
                connection.scalars(
                    select(_TOMBSTONES.c.entry_id).where(
                        _TOMBSTONES.c.source_id == source.source_id,
                        _TOMBSTONES.c.entry_id.in_(ids),
                    )
                )
            )

    def lift_tombstones(self, source: SyncSource, entry_ids: Iterable[int]) -> None:
        ids = list(entry_ids)
        if ids:
            with self.engine.begin() as connection:
                connection.execute(
                    delete(_TOMBSTONES).where(
                        _TOMBSTONES.c.source_id == source.source_id,
                        _TOMBSTONES.c.entry_id.in_(ids),
                    )
                )

    def tombstone_count(self, source: SyncSource) -> int:
        with self.engine.connect() as connection:
            count = connection.scalar(
                select(func.count()).where(_TOMBSTONES.c.source_id == source.source_id)
            )
        return int(count or 0)

    def _update(self, source: SyncSource, **values: Any) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                update(_SOURCES).where(_SOURCES.c.id == source.source_id).values(**values)
            )


def _source(row: Any) -> SyncSource:
    return SyncSource(
        source_id=int(row["id"]),
        name=row["name"],
        kind=row["kind"],
        bank_name=row["bank_name"],
        base_url=row["base_url"],
        settings=json.loads(row["settings"] or "{}"),
        checkpoint=json.loads(row["checkpoint"] or "{}"),
        last_run_started_at=row["last_run_started_at"],
        last_run_finished_at=row["last_run_finished_at"],
        last_error=row["last_error"],
        pages=int(row["pages"]),
        quarantined=int(row["quarantined"]),
    )
