"""The outbox and review queue on both databases: claims, leases, marks, dead letters."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import Engine

from jaga.actions import outbox, review
from jaga.store.timestamps import utc_now


def enqueue(engine: Engine, count: int, bank_id: int = 1) -> list[str]:
    events = [
        outbox.NewEvent(outbox.new_event_id(), bank_id, "B", f'{{"n":{n}}}') for n in range(count)
    ]
    with engine.begin() as connection:
        outbox.enqueue(connection, events)
    return [event.event_id for event in events]


def test_a_claim_takes_at_most_its_limit_oldest_first(engine: Engine) -> None:
    ids = enqueue(engine, 6)
    first = outbox.claim(engine, limit=4, lease_seconds=30)
    assert [event.event_id for event in first] == ids[:4]
    assert all(event.attempts == 1 for event in first)
    assert [event.event_id for event in outbox.claim(engine, limit=4, lease_seconds=30)] == ids[4:]
    assert outbox.claim(engine, limit=4, lease_seconds=30) == []  # all leased


def test_concurrent_claimers_never_share_an_event(engine: Engine) -> None:
    ids = enqueue(engine, 120)
    taken: list[list[str]] = [[] for _ in range(4)]

    def claimer(mine: list[str]) -> None:
        while batch := outbox.claim(engine, limit=7, lease_seconds=30):
            mine.extend(event.event_id for event in batch)

    threads = [threading.Thread(target=claimer, args=(mine,)) for mine in taken]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    everything = [event_id for mine in taken for event_id in mine]
    assert sorted(everything) == sorted(ids)  # each exactly once


def test_an_expired_lease_is_taken_over_and_the_old_owner_cannot_mark(engine: Engine) -> None:
    (event_id,) = enqueue(engine, 1)
    (stale,) = outbox.claim(engine, limit=1, lease_seconds=0.5)
    later = utc_now() + timedelta(seconds=1)
    (fresh,) = outbox.claim(engine, limit=1, lease_seconds=30, now=later)
    assert (fresh.event_id, fresh.attempts) == (event_id, 2)
    assert outbox.mark_delivered(engine, stale, status=200) is False
    assert outbox.mark_delivered(engine, fresh, status=204) is True
    (row,) = outbox.list_events(engine)
    assert (row.status, row.last_status, row.attempts) == ("delivered", 204, 2)
    assert outbox.claim(engine, limit=1, lease_seconds=30, now=later) == []


def test_failures_back_off_then_dead_letter_and_can_be_retried(engine: Engine) -> None:
    (event_id,) = enqueue(engine, 1)
    (event,) = outbox.claim(engine, limit=1, lease_seconds=30)
    assert outbox.mark_failed(engine, event, error="HTTP 503", status=503, retry_in=60)
    assert outbox.claim(engine, limit=1, lease_seconds=30) == []  # not due for a minute
    soon = utc_now() + timedelta(seconds=61)
    (event,) = outbox.claim(engine, limit=1, lease_seconds=30, now=soon)
    assert outbox.mark_failed(engine, event, error="timed out", status=None, retry_in=None)
    assert outbox.backlog_counts(engine) == {"pending": 0, "dead": 1}
    (dead,) = outbox.list_events(engine, status="dead")
    assert (dead.event_id, dead.attempts, dead.last_error) == (event_id, 2, "timed out")
    assert outbox.claim(engine, limit=1, lease_seconds=30, now=soon) == []

    assert outbox.retry_dead(engine, ["evt_unknown"]) == 0
    assert outbox.retry_dead(engine, [event_id]) == 1
    assert outbox.backlog_counts(engine) == {"pending": 1, "dead": 0}
    (again,) = outbox.claim(engine, limit=1, lease_seconds=30)
    assert again.attempts == 1  # a fresh budget


def test_one_open_review_item_per_bank_and_content(engine: Engine) -> None:
    def open_one(bank_id: int, key: str) -> int:
        with engine.begin() as connection:
            return review.open_item(
                connection,
                bank_id=bank_id,
                bank_name=f"B{bank_id}",
                content_key=key,
                content={"sha256": key},
                matches=[{"entry_id": 1}],
                event_id=None,
            )

    first = open_one(1, "sha256:aa")
    assert open_one(1, "sha256:aa") == first
    assert open_one(2, "sha256:aa") != first
    assert open_one(1, "sha256:bb") != first
    (item,) = review.list_items(engine, bank_name="B1", limit=1)
    assert (item.item_id, item.seen_count, item.status) == (first, 2, "open")
    review.close_item(engine, first, "benign")
    assert open_one(1, "sha256:aa") != first  # closed: the next match opens a new item
    assert [i.item_id for i in review.list_items(engine, status="closed")] == [first]


def test_prune_deletes_only_old_delivered_events(engine: Engine) -> None:
    ids = enqueue(engine, 5)
    claimed = outbox.claim(engine, limit=5, lease_seconds=30)
    delivered_old, delivered_new, dead, *_pending = claimed
    for event in (delivered_old, delivered_new):
        assert outbox.mark_delivered(engine, event, status=200)
    assert outbox.mark_failed(engine, dead, error="gone", status=410, retry_in=None)
    with engine.begin() as connection:
        table = outbox._OUTBOX
        connection.execute(
            table.update()
            .where(table.c.event_id.in_([delivered_old.event_id, dead.event_id]))
            .values(delivered_at=utc_now() - timedelta(days=40), created_at=utc_now())
        )
    assert outbox.prune_delivered(engine, older_than=timedelta(days=30), batch=1) == 1
    left = {event.event_id: event.status for event in outbox.list_events(engine)}
    assert delivered_old.event_id not in left
    assert left[delivered_new.event_id] == "delivered"
    assert left[dead.event_id] == "dead"
    assert len(left) == len(ids) - 1
    assert outbox.prune_delivered(engine, older_than=timedelta(days=30)) == 0
