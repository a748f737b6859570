"""The verdict outbox: a reviewer's confirm or reject, queued with the review item's
closing and sent to the entry's source later, with retries.

Why a queue: the upstream APIs are slow, rate-limited and sometimes down; a review must
not fail or wait because NCMEC is, and a verdict must not be lost because the process
stopped. So closing a review item writes one row per matched entry that came from a sync
source, in the same transaction; `feedback_sender.deliver_due` (run by `jaga sync
feedback`, e.g. from cron) claims rows with a lease, sends them and records the answer:
sent; or failed and retried after a growing delay; or dead after too many attempts or an
answer that retrying cannot fix (a missing reason, an unknown entry). All three APIs take
a repeated verdict as the same verdict (PUT, or a reaction/feedback that is set, not added), so the
at-least-once delivery a lease gives is safe.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, func, insert, or_, select, update

from jaga.exchange.connectors.base import VERDICTS, FeedbackItem, Verdict
from jaga.exchange.connectors.errors import ConnectorError
from jaga.store.models import Entry, ExchangeFeedbackRow, ExchangeSourceRow
from jaga.store.timestamps import utc_now

_FEEDBACK = cast(Table, ExchangeFeedbackRow.__table__)
_SOURCES = cast(Table, ExchangeSourceRow.__table__)
_ENTRIES = cast(Table, Entry.__table__)
PENDING, SENT, DEAD = "pending", "sent", "dead"
MAX_ATTEMPTS = 8
BACKOFF_SECONDS = 60.0
BACKOFF_MAX_SECONDS = 6 * 3600.0


@dataclass(frozen=True, slots=True)
class QueuedVerdict:
    row_id: int
    source_name: str
    item: FeedbackItem
    attempts: int
    token: str


@dataclass(frozen=True, slots=True)
class VerdictStatus:
    """A queued verdict as listed for people."""

    source_name: str
    upstream_id: str
    signal_type: str
    verdict: str
    status: str
    attempts: int
    last_error: str
    created_at: datetime
    sent_at: datetime | None


def enqueue_verdicts(
    connection: Connection,
    *,
    review_item_id: int | None,
    matches: Sequence[dict[str, Any]],
    verdict: str,
    reason: str = "",
) -> int:
    """Queue the verdict for each matched entry that a sync source brought; returns how
    many. Runs in the caller's transaction (the one closing the review item)."""
    if verdict not in VERDICTS:
        raise ConnectorError(f"unknown verdict {verdict!r}; use {' or '.join(VERDICTS)}")
    sources = {
        f"{kind}:{name}": name
        for name, kind in connection.execute(select(_SOURCES.c.name, _SOURCES.c.kind))
    }
    wanted = [
        m
        for m in matches
        if m.get("source") in sources and m.get("original_id") and m.get("entry_id")
    ]
    if not wanted:
        return 0
    values = dict(
        connection.execute(
            select(_ENTRIES.c.id, _ENTRIES.c.value).where(
                _ENTRIES.c.id.in_([int(m["entry_id"]) for m in wanted])
            )
        ).all()
    )
    now = utc_now()
    rows = {
        (m["source"], m["original_id"], m["signal_type"]): {
            "source_name": sources[m["source"]],
            "review_item_id": review_item_id,
            "entry_id": int(m["entry_id"]),
            "upstream_id": str(m["original_id"])[:255],
            "signal_type": str(m.get("signal_type") or ""),
            "value": str(values.get(int(m["entry_id"]), "")),
            "verdict": verdict,
            "reason": reason[:500],
            "status": PENDING,
            "attempts": 0,
            "next_attempt_at": now,
            "claimed_until": None,
            "claimed_by": None,
            "last_error": "",
            "created_at": now,
            "sent_at": None,
        }
        for m in wanted
    }
    connection.execute(insert(_FEEDBACK), list(rows.values()))
    return len(rows)


def queued_for_item(engine: Engine, review_item_id: int) -> int:
    with engine.connect() as connection:
        count = connection.scalar(
            select(func.count()).where(_FEEDBACK.c.review_item_id == review_item_id)
        )
    return int(count or 0)


def claim(engine: Engine, *, limit: int = 100, lease_seconds: float = 300.0) -> list[QueuedVerdict]:
    """Take up to `limit` due verdicts for `lease_seconds` (a dead sender's lease expires)."""
    now = utc_now()
    token = uuid.uuid4().hex
    claimable = (
        _FEEDBACK.c.status == PENDING,
        _FEEDBACK.c.next_attempt_at <= now,
        or_(_FEEDBACK.c.claimed_until.is_(None), _FEEDBACK.c.claimed_until < now),
    )
    with engine.begin() as connection:
        due = list(
            connection.scalars(
                select(_FEEDBACK.c.id).where(*claimable).order_by(_FEEDBACK.c.id).limit(limit)
            )
        )
        if not due:
            return []
        connection.execute(
            update(_FEEDBACK)
            .where(_FEEDBACK.c.id.in_(due), *claimable)  # re-checked: a rival may have won
            .values(
                claimed_by=token,
                claimed_until=now + timedelta(seconds=lease_seconds),
                attempts=_FEEDBACK.c.attempts + 1,
            )
        )
        rows = connection.execute(
            select(_FEEDBACK).where(_FEEDBACK.c.claimed_by == token).order_by(_FEEDBACK.c.id)
        ).mappings()
        return [
            QueuedVerdict(
                row_id=int(row["id"]),
                source_name=row["source_name"],
                item=FeedbackItem(
                    upstream_id=row["upstream_id"],
                    signal_type=row["signal_type"],
                    value=row["value"],
                    verdict=cast(Verdict, row["verdict"]),
                    reason=row["reason"],
                ),
                attempts=int(row["attempts"]),
                token=token,
            )
            for row in rows
        ]


def finish(engine: Engine, queued: QueuedVerdict, status: str, error: str, delay: float) -> None:
    now = utc_now()
    with engine.begin() as connection:
        connection.execute(
            update(_FEEDBACK)
            .where(_FEEDBACK.c.id == queued.row_id, _FEEDBACK.c.claimed_by == queued.token)
            .values(
                status=status,
                last_error=error[:500],
                claimed_by=None,
                claimed_until=None,
                next_attempt_at=now + timedelta(seconds=delay),
                sent_at=now if status == SENT else None,
            )
        )


def counts(engine: Engine) -> dict[str, int]:
    """Verdicts by status (pending, sent, dead) across every source."""
    found = {PENDING: 0, SENT: 0, DEAD: 0}
    with engine.connect() as connection:
        for status, count in connection.execute(
            select(_FEEDBACK.c.status, func.count()).group_by(_FEEDBACK.c.status)
        ):
            found[status] = int(count)
    return found


def list_verdicts(
    engine: Engine, *, status: str | None = None, limit: int = 100
) -> list[VerdictStatus]:
    query = select(
        _FEEDBACK.c.source_name,
        _FEEDBACK.c.upstream_id,
        _FEEDBACK.c.signal_type,
        _FEEDBACK.c.verdict,
        _FEEDBACK.c.status,
        _FEEDBACK.c.attempts,
        _FEEDBACK.c.last_error,
        _FEEDBACK.c.created_at,
        _FEEDBACK.c.sent_at,
    ).order_by(_FEEDBACK.c.id.desc())
    if status is not None:
        query = query.where(_FEEDBACK.c.status == status)
    with engine.connect() as connection:
        return [VerdictStatus(*row) for row in connection.execute(query.limit(limit))]


def retry_dead(engine: Engine, ids: Iterable[int] | None = None) -> int:
    """Requeue dead verdicts with a fresh attempt budget (e.g. after adding a reason)."""
    statement = (
        update(_FEEDBACK)
        .where(_FEEDBACK.c.status == DEAD)
        .values(status=PENDING, attempts=0, next_attempt_at=utc_now())
    )
    if ids is not None:
        statement = statement.where(_FEEDBACK.c.id.in_(list(ids)))
    with engine.begin() as connection:
        return int(connection.execute(statement).rowcount)
