"""The outbox promise: a server killed mid-delivery loses no webhook.

The receiver holds every request open, so the jaga server is SIGKILLed while deliveries
are in flight (the receiver has processed them, but jaga never hears back) and while other
events are still waiting. A new server on the same database must then deliver every event;
the receiver, deduplicating on the Idempotency-Key, processes each exactly once.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from jaga.actions import outbox
from jaga.actions.signing import verify
from jaga.auth.keys import KeyService
from jaga.store import create_engine_for

from .live import JagaServer, Receiver, wait_for

EVENTS = 6
SETTINGS = {
    "JAGA_WEBHOOK_CONCURRENCY": "3",  # 3 in flight at the kill, 3 never tried
    "JAGA_WEBHOOK_POLL_SECONDS": "0.05",
    "JAGA_WEBHOOK_BACKOFF_SECONDS": "0.2",
    "JAGA_WEBHOOK_TIMEOUT_SECONDS": "4",
    "JAGA_WEBHOOK_LEASE_SECONDS": "5",  # a dead server's claims are free again after this
}


def test_killed_mid_delivery_every_webhook_arrives_once(database_url: str, tmp_path: Path) -> None:
    engine = create_engine_for(database_url)
    keys = KeyService(engine)
    _, curator = keys.create("curator", ["banks:write"])
    _, platform = keys.create("platform", ["match"])
    values = [hashlib.md5(f"listed-{n}".encode()).hexdigest() for n in range(EVENTS)]
    receiver = Receiver().start()
    server = JagaServer(database_url, tmp_path, SETTINGS)
    try:
        server.start()
        with server.client(curator) as admin:
            admin.post("/v1/banks", json={"name": "KNOWN"})
            entries = [{"signal_type": "md5", "value": value} for value in values]
            admin.post("/v1/banks/KNOWN/entries", json={"entries": entries})
            rules = {"webhook_url": f"{receiver.url}/ok", "generate_secret": True}
            secret = admin.put("/v1/banks/KNOWN/actions", json=rules).json()[
                "generated_webhook_secret"
            ]

        receiver.holding.set()
        with server.client(platform) as client:
            hashes = [{"signal_type": "md5", "value": value} for value in values]
            answered = client.post("/v1/match", json={"hashes": hashes})
        assert answered.status_code == 200, answered.text
        event_ids = {e for r in answered.json()["results"] for e in r["webhook_event_ids"]}
        assert len(event_ids) == EVENTS

        wait_for(lambda: len(receiver.deliveries) == 3, 15, "three deliveries in flight")
        server.kill()  # SIGKILL: no shutdown, no chance to record anything
        in_flight = receiver.distinct_ids()
        assert len(in_flight) == 3
        pending = outbox.backlog_counts(engine)["pending"]
        assert pending == EVENTS, "every event must still be pending after the kill"
        receiver.holding.clear()
        receiver.release.set()

        server.start()  # same database, a new process
        wait_for(lambda: outbox.backlog_counts(engine)["pending"] == 0, 60, "the backlog to drain")
    finally:
        server.stop()
        receiver.stop()

    # The receiver's view: every event, each processed once; only the three that were in
    # flight at the kill came twice, and the second copy carried the same key.
    assert set(receiver.processed) == event_ids
    assert len(receiver.processed) == EVENTS
    seen_twice = {e for e in event_ids if len(receiver.of(e)) == 2}
    assert seen_twice == in_flight
    assert all(len(receiver.of(e)) == 1 for e in event_ids - in_flight)
    for delivery in receiver.deliveries:
        assert verify(secret, delivery.headers["x-jaga-signature"], delivery.body)
        assert delivery.json["event_id"] == delivery.event_id
    events = outbox.list_events(engine)
    assert {e.event_id for e in events} == event_ids
    assert {e.status for e in events} == {"delivered"}
    assert outbox.backlog_counts(engine) == {"pending": 0, "dead": 0}
    attempts = {e.event_id: e.attempts for e in events}
    assert {e for e, n in attempts.items() if n == 2} == in_flight
    engine.dispose()
