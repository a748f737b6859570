"""The webhook outbox: events are written with the match, then claimed and delivered.

Why an outbox: the API answers a match only after the event row is committed, and the
deliverer works from those rows alone, so a crash at any moment loses nothing. The cost
is at-least-once delivery: a deliverer killed after the receiver got the request but before
the row was marked delivered sends it again (receivers dedupe on the event id, sent as
`Idempotency-Key`).

Claiming is safe with many deliverers (workers, processes, machines): a claim sets a
lease (`claimed_until`) and a token (`claimed_by`) in one UPDATE; on PostgreSQL the rows
are picked with FOR UPDATE SKIP LOCKED, so deliverers never wait for each other; SQLite
runs one writer at a time, so the same UPDATE is atomic there. A claim whose lease ran out
(its deliverer died) is claimable again. Marking a result needs the token, so a deliverer
whose lease was taken over cannot overwrite what the new owner records.

Attempts are counted when claimed, not when finished: an event that kills its deliverer
still reaches the dead-letter state instead of looping for ever.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, func, insert, or_, select, update

from jaga.store.models import WebhookOutboxRow
from jaga.store.timestamps import utc_now

_OUTBOX = cast(Table, WebhookOutboxRow.__table__)
PENDING, DELIVERED, DEAD = "pending", "delivered", "dead"
STATUSES = (PENDING, DELIVERED, DEAD)
MAX_ERROR_LENGTH = 500


@dataclass(frozen=True, slots=True)
class NewEvent:
    """An event to enqueue: its id, the bank it is for, and the JSON body to send."""

    event_id: str
    bank_id: int
    bank_name: str
    payload: str


@dataclass(frozen=True, slots=True)
class ClaimedEvent:
    """An event this deliverer holds until `claimed_until`; `attempts` includes this one."""

    row_id: int
    event_id: str
    bank_id: int
    bank_name: str
    payload: str
    attempts: int
    token: str


@dataclass(frozen=True, slots=True)
class OutboxEvent:
    """An event as listed for people: everything but the payload."""

    event_id: str
    bank_name: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_status: int | None
    last_error: str
    created_at: datetime
    delivered_at: datetime | None


def new_event_id() -> str:
    """A unique, opaque event id; it is also the receiver's idempotency key."""
    return f"evt_{uuid.uuid4().hex}"


def enqueue(connection: Connection, events: Sequence[NewEvent]) -> None:
    """Add events inside the caller's transaction (the one that records the match)."""
    if not events:
        return
    now = utc_now()
    connection.execute(
        insert(_OUTBOX),
        [
            {
                "event_id": event.event_id,
                "bank_id": event.bank_id,
                "bank_name": event.bank_name,
                "payload": event.payload,
                "status": PENDING,
                "attempts": 0,
                "next_attempt_at": now,
                "claimed_until": None,
                "claimed_by": None,
                "last_status": None,
                "last_error": "",
                "created_at": now,
                "delivered_at": None,
            }
            for event in events
        ],
    )


def claim(
    engine: Engine, *, limit: int, lease_seconds: float, now: datetime | None = None
) -> list[ClaimedEvent]:
    """Take up to `limit` due events (oldest first) for `lease_seconds`."""
    if limit <= 0:
        return []
    now = now or utc_now()
    token = uuid.uuid4().hex
    claimable = (
        _OUTBOX.c.status == PENDING,
        _OUTBOX.c.next_attempt_at <= now,
        or_(_OUTBOX.c.claimed_until.is_(None), _OUTBOX.c.claimed_until < now),
    )
    due: Any = (
        select(_OUTBOX.c.id)
        .where(*claimable)
        .order_by(_OUTBOX.c.next_attempt_at, _OUTBOX.c.id)
        .limit(limit)
    )
    with engine.connect() as connection:  # a read first: an idle poll takes no write lock
        if connection.execute(due.limit(1)).first() is None:
            return []
    if engine.dialect.name == "postgresql":
        # A CTE, not `id IN (subquery)`: PostgreSQL may rescan such a subquery during the
        # UPDATE, and with SKIP LOCKED each rescan finds other rows; a claim of 3 took 6.
        # A CTE with FOR UPDATE runs once.
        chosen = due.with_for_update(skip_locked=True).cte("due")
        picked: Any = _OUTBOX.c.id == chosen.c.id
    else:
        picked = _OUTBOX.c.id.in_(due.scalar_subquery())  # evaluated once, under the write lock
    statement = (
        update(_OUTBOX)
        .where(picked, *claimable)
        .values(
            claimed_until=now + timedelta(seconds=lease_seconds),
            claimed_by=token,
            attempts=_OUTBOX.c.attempts + 1,
        )
        .returning(
            _OUTBOX.c.id,
            _OUTBOX.c.event_id,
            _OUTBOX.c.bank_id,
            _OUTBOX.c.bank_name,
            _OUTBOX.c.payload,
            _OUTBOX.c.attempts,
        )
    )
    with engine.begin() as connection:
        rows = connection.execute(statement).all()
    claimed = [ClaimedEvent(int(r[0]), r[1], int(r[2]), r[3], r[4], int(r[5]), token) for r in rows]
    return sorted(claimed, key=lambda event: event.row_id)


def mark_delivered(engine: Engine, event: ClaimedEvent, *, status: int) -> bool:
    """Record a 2xx answer; False if another deliverer had taken the event over meanwhile."""
    now = utc_now()
    return _finish(
        engine,
        event,
        status=DELIVERED,
        last_status=status,
        last_error="",
        delivered_at=now,
        next_attempt_at=now,
    )


def mark_failed(
    engine: Engine,
    event: ClaimedEvent,
    *,
    error: str,
    status: int | None,
    retry_in: float | None,
) -> bool:
    """Record a failed attempt: try again in `retry_in` seconds, or dead-letter it (None)."""
    now = utc_now()
    return _finish(
        engine,
        event,
        status=PENDING if retry_in is not None else DEAD,
        last_status=status,
        last_error=error[:MAX_ERROR_LENGTH],
        delivered_at=None,
        next_attempt_at=now + timedelta(seconds=retry_in or 0.0),
    )


def _finish(engine: Engine, event: ClaimedEvent, **values: Any) -> bool:
    statement = (
        update(_OUTBOX)
        .where(
            _OUTBOX.c.id == event.row_id,
            _OUTBOX.c.claimed_by == event.token,
            _OUTBOX.c.status == PENDING,
        )
        .values(claimed_until=None, claimed_by=None, **values)
    )
    with engine.begin() as connection:
        return connection.execute(statement).rowcount == 1


def backlog_counts(engine: Engine) -> dict[str, int]:
    """Events waiting (`pending`, including those being sent) and dead-lettered (`dead`).

    For metrics: a growing `pending` means receivers are down or slow; any `dead` needs a
    person (`jaga webhooks list --status dead`, then `jaga webhooks retry`).
    """
    query = (
        select(_OUTBOX.c.status, func.count())
        .where(_OUTBOX.c.status.in_((PENDING, DEAD)))
        .group_by(_OUTBOX.c.status)
    )
    counts = {PENDING: 0, DEAD: 0}
    with engine.connect() as connection:
        for status, count in connection.execute(query):
            counts[status] = int(count)
    return counts


def list_events(
    engine: Engine, *, status: str | None = None, bank_name: str | None = None, limit: int = 100
) -> list[OutboxEvent]:
    """The newest events first, optionally of one status and one bank."""
    query = select(
        _OUTBOX.c.event_id,
        _OUTBOX.c.bank_name,
        _OUTBOX.c.status,
        _OUTBOX.c.attempts,
        _OUTBOX.c.next_attempt_at,
        _OUTBOX.c.last_status,
        _OUTBOX.c.last_error,
        _OUTBOX.c.created_at,
        _OUTBOX.c.delivered_at,
    ).order_by(_OUTBOX.c.id.desc())
    if status is not None:
        query = query.where(_OUTBOX.c.status == status)
    if bank_name is not None:
        query = query.where(_OUTBOX.c.bank_name == bank_name)
    with engine.connect() as connection:
        return [OutboxEvent(*row) for row in connection.execute(query.limit(limit))]


def retry_dead(engine: Engine, event_ids: Iterable[str] | None = None) -> int:
    """Put dead-lettered events back in the queue with a fresh attempt budget.

    All dead events, or only those named. Returns how many were requeued.
    """
    statement = (
        update(_OUTBOX)
        .where(_OUTBOX.c.status == DEAD)
        .values(status=PENDING, attempts=0, next_attempt_at=utc_now(), claimed_until=None)
    )
    if event_ids is not None:
        wanted = list(event_ids)
        if not wanted:
            return 0
        statement = statement.where(_OUTBOX.c.event_id.in_(wanted))
    with engine.begin() as connection:
        return int(connection.execute(statement).rowcount)


def prune_delivered(engine: Engine, *, older_than: timedelta, batch: int = 10_000) -> int:
    """Delete events delivered more than `older_than` ago; returns how many.

    Delivered rows are only history once the receiver has them, and one is written per
    matching lookup, so without pruning the table grows for ever. Pending and dead events
    are never pruned: they still need delivery or a person. Deleted in batches so that a
    first prune of millions of rows never holds a long lock against the deliverers.
    """
    cutoff = utc_now() - older_than
    picked = (
        select(_OUTBOX.c.id)
        .where(_OUTBOX.c.status == DELIVERED, _OUTBOX.c.delivered_at < cutoff)
        .order_by(_OUTBOX.c.id)
        .limit(batch)
    )
    removed = 0
    while True:
        with engine.begin() as connection:
            ids = list(connection.scalars(picked))
            if ids:
                connection.execute(_OUTBOX.delete().where(_OUTBOX.c.id.in_(ids)))
        removed += len(ids)
        if len(ids) < batch:
            return removed
