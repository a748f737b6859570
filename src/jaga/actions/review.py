"""Review items: content that matched a bank whose rule asks a person to look.

One open item per bank and content (`content_key`): the same upload matched again raises
`seen_count` rather than filling the queue with copies. Items carry the content's hashes
and the matched entries of that bank (ids, categories, distances), never other entries.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, insert, select, text, update

from jaga.actions.errors import InvalidActions, ReviewItemNotFound
from jaga.store.models import ReviewItemRow
from jaga.store.timestamps import utc_now

_ITEMS = cast(Table, ReviewItemRow.__table__)
OPEN, CLOSED = "open", "closed"
MAX_LIST = 1_000


@dataclass(frozen=True, slots=True)
class ReviewItem:
    item_id: int
    bank_name: str
    content_key: str
    content: dict[str, Any]
    matches: list[dict[str, Any]]
    event_id: str | None
    status: str
    seen_count: int
    created_at: datetime
    last_seen_at: datetime
    closed_at: datetime | None
    decision: str


def open_item(
    connection: Connection,
    *,
    bank_id: int,
    bank_name: str,
    content_key: str,
    content: dict[str, Any],
    matches: list[dict[str, Any]],
    event_id: str | None,
) -> int:
    """The id of the open item for this bank and content, created if there is none.

    Runs inside the caller's transaction. Its first statement writes, so on SQLite the
    transaction holds the write lock from the start; on PostgreSQL a transaction-scoped
    advisory lock on (bank, content) keeps two concurrent matches from opening two items.
    """
    now = utc_now()
    if connection.dialect.name == "postgresql":
        connection.execute(
            text("SELECT pg_advisory_xact_lock(:key)"), {"key": _lock_key(bank_id, content_key)}
        )
    seen = connection.execute(
        update(_ITEMS)
        .where(
            _ITEMS.c.bank_id == bank_id,
            _ITEMS.c.content_key == content_key,
            _ITEMS.c.status == OPEN,
        )
        .values(seen_count=_ITEMS.c.seen_count + 1, last_seen_at=now)
        .returning(_ITEMS.c.id)
    ).all()
    if seen:
        return min(int(row[0]) for row in seen)
    created = connection.execute(
        insert(_ITEMS)
        .values(
            bank_id=bank_id,
            bank_name=bank_name,
            content_key=content_key[:128],
            content=json.dumps(content, sort_keys=True),
            matches=json.dumps(matches, sort_keys=True),
            event_id=event_id,
            status=OPEN,
            seen_count=1,
            created_at=now,
            last_seen_at=now,
            closed_at=None,
            decision="",
        )
        .returning(_ITEMS.c.id)
    ).scalar_one()
    return int(created)


def list_items(
    engine: Engine,
    *,
    status: str | None = OPEN,
    bank_name: str | None = None,
    limit: int = 100,
    after_id: int = 0,
) -> list[ReviewItem]:
    """Items oldest first (the order to work through them), from `after_id` on."""
    if status is not None and status not in (OPEN, CLOSED):
        raise InvalidActions(f"unknown review status {status!r}; use open or closed")
    query = select(_ITEMS).where(_ITEMS.c.id > after_id).order_by(_ITEMS.c.id)
    if status is not None:
        query = query.where(_ITEMS.c.status == status)
    if bank_name is not None:
        query = query.where(_ITEMS.c.bank_name == bank_name)
    with engine.connect() as connection:
        rows = connection.execute(query.limit(min(max(limit, 1), MAX_LIST))).mappings().all()
    return [_item(row) for row in rows]


def get_item(engine: Engine, item_id: int) -> ReviewItem:
    with engine.connect() as connection:
        row = connection.execute(select(_ITEMS).where(_ITEMS.c.id == item_id)).mappings().first()
    if row is None:
        raise ReviewItemNotFound(item_id)
    return _item(row)


def close_item(
    engine: Engine,
    item_id: int,
    decision: str,
    *,
    verdict: str | None = None,
    reason: str = "",
) -> ReviewItem:
    """Close an item with the reviewer's decision (free text, e.g. 'confirmed, reported').

    With a `verdict` ('confirmed': the match is right; 'rejected': a false positive), the
    verdict is queued for the sources of the matched entries (NCMEC vote, StopNCII
    feedback, ThreatExchange reaction) in the same transaction, so closing the item and
    telling the source happen together or not at all; `jaga sync feedback` sends them.
    `reason` is passed on with a rejection (NCMEC asks for one of its reasons).
    """
    from jaga.exchange.connectors.base import VERDICTS

    if verdict is not None and verdict not in VERDICTS:
        raise InvalidActions(f"unknown verdict {verdict!r}; use {' or '.join(VERDICTS)}")
    with engine.begin() as connection:
        changed = connection.execute(
            update(_ITEMS)
            .where(_ITEMS.c.id == item_id, _ITEMS.c.status == OPEN)
            .values(status=CLOSED, closed_at=utc_now(), decision=decision[:2_000])
        ).rowcount
        if changed and verdict is not None:
            from jaga.exchange.connectors.feedback import enqueue_verdicts

            matches = connection.scalar(select(_ITEMS.c.matches).where(_ITEMS.c.id == item_id))
            enqueue_verdicts(
                connection,
                review_item_id=item_id,
                matches=json.loads(matches or "[]"),
                verdict=verdict,
                reason=reason,
            )
    item = get_item(engine, item_id)
    if not changed and item.status == CLOSED:
        raise InvalidActions(f"review item {item_id} was already closed on {item.closed_at}")
    return item


def _lock_key(bank_id: int, content_key: str) -> int:
    digest = hashlib.sha256(f"review:{bank_id}:{content_key}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _item(row: Any) -> ReviewItem:
    return ReviewItem(
        item_id=int(row["id"]),
        bank_name=row["bank_name"],
        content_key=row["content_key"],
        content=json.loads(row["content"]),
        matches=json.loads(row["matches"]),
        event_id=row["event_id"],
        status=row["status"],
        seen_count=int(row["seen_count"]),
        created_at=row["created_at"],
        last_seen_at=row["last_seen_at"],
        closed_at=row["closed_at"],
        decision=row["decision"],
    )
