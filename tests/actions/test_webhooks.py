"""Actions on a real server with a real receiver on loopback, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import ImageOps

from jaga.actions import outbox
from jaga.actions.signing import verify
from jaga.auth.keys import KeyService
from jaga.demo.drawing import draw_scene
from jaga.hashing.hasher import hash_bytes
from jaga.store import create_engine_for

from .live import JagaServer, Receiver, jpeg, wait_for

FAST_RETRIES = {
    "JAGA_WEBHOOK_MAX_ATTEMPTS": "3",
    "JAGA_WEBHOOK_BACKOFF_SECONDS": "0.3",
    "JAGA_WEBHOOK_POLL_SECONDS": "0.05",
    "JAGA_WEBHOOK_TIMEOUT_SECONDS": "5",
    "JAGA_WEBHOOK_LEASE_SECONDS": "6",
}


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    started = Receiver().start()
    yield started
    started.stop()


@pytest.fixture
def server(database_url: str, tmp_path: Path) -> Iterator[JagaServer]:
    running = JagaServer(database_url, tmp_path, FAST_RETRIES)
    running.start()
    yield running
    running.stop()


def md5_of(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


def test_actions_on_a_live_server(
    server: JagaServer, receiver: Receiver, database_url: str
) -> None:
    """One server for both parts: starting one costs more than either part."""
    rules_review_items_auto_block_and_signed_webhooks(server, receiver, database_url)
    retries_with_backoff_and_dead_letters(server, receiver, database_url)


def rules_review_items_auto_block_and_signed_webhooks(
    server: JagaServer, receiver: Receiver, database_url: str
) -> None:
    keys = KeyService(create_engine_for(database_url))
    _, curator = keys.create("curator", ["banks:read", "banks:write"])
    _, reader = keys.create("reader", ["banks:read"])
    _, platform = keys.create("platform", ["hash", "match"])
    original = draw_scene(4)
    known = hash_bytes(jpeg(original), "known.jpg")
    rules = {"webhook_url": f"{receiver.url}/ok", "generate_secret": True, "review": True}
    with server.client(curator) as admin:
        assert admin.post("/v1/banks", json={"name": "KNOWN"}).status_code == 201
        added = admin.post(
            "/v1/banks/KNOWN/entries",
            json={"entries": [{"signal_type": "pdq", "value": known.pdq[0].hex, "category": "A1"}]},
        )
        assert added.json()["added"] == 1
        assert admin.post("/v1/banks", json={"name": "QUIET"}).status_code == 201

        # No key, a key without the scope, a reader: refused as they should be.
        with server.client() as anonymous:
            assert anonymous.get("/v1/banks/KNOWN/actions").status_code == 401
            assert anonymous.get("/v1/review-items").status_code == 401
        with server.client(platform) as client:
            assert client.put("/v1/banks/KNOWN/actions", json=rules).status_code == 403
            assert client.get("/v1/review-items").status_code == 403
        with server.client(reader) as client:
            assert client.get("/v1/banks/KNOWN/actions").json()["webhook_url"] is None
            assert client.put("/v1/banks/KNOWN/actions", json=rules).status_code == 403

        # Bad rules are refused with a reason; nothing is half-applied.
        no_secret = admin.put("/v1/banks/KNOWN/actions", json={"webhook_url": receiver.url})
        assert no_secret.status_code == 422 and "secret" in no_secret.json()["detail"]
        ftp = admin.put(
            "/v1/banks/KNOWN/actions", json={"webhook_url": "ftp://x/", "generate_secret": True}
        )
        assert ftp.status_code == 422 and "https://" in ftp.json()["detail"]
        assert admin.put("/v1/banks/NOPE/actions", json={"review": True}).status_code == 404

        saved = admin.put("/v1/banks/KNOWN/actions", json=rules)
        assert saved.status_code == 200, saved.text
        secret = saved.json()["generated_webhook_secret"]
        assert secret.startswith("whsec_")
        shown = admin.get("/v1/banks/KNOWN/actions").json()
        assert shown["webhook_secret_set"] is True and shown["generated_webhook_secret"] is None
        assert secret not in admin.get("/v1/banks/KNOWN/actions").text
        quiet = admin.put("/v1/banks/QUIET/actions", json={"auto_block": True})
        assert quiet.json()["auto_block"] is True

    with server.client(platform) as client:
        unrelated = client.post(
            "/v1/hash-and-match", files={"file": ("u.jpg", jpeg(draw_scene(11)))}
        ).json()
        assert unrelated["matched"] is False and unrelated["auto_block"] is False
        assert unrelated["webhook_event_ids"] == [] and unrelated["review_item_ids"] == []

        upload = jpeg(ImageOps.mirror(original), 70)
        found = client.post("/v1/hash-and-match", files={"file": ("m.jpg", upload)})
        assert found.status_code == 200, found.text
        body = found.json()
        assert body["matched"] is True and body["auto_block"] is False  # KNOWN does not block
        (event_id,) = body["webhook_event_ids"]
        (item_id,) = body["review_item_ids"]

        wait_for(lambda: event_id in receiver.processed, 15, "the webhook")
        (delivery,) = receiver.of(event_id)
        assert delivery.headers["x-jaga-event-id"] == event_id
        assert delivery.headers["x-jaga-delivery-attempt"] == "1"
        signature = delivery.headers["x-jaga-signature"]
        assert verify(secret, signature, delivery.body)
        assert not verify(secret + "x", signature, delivery.body)
        assert not verify(secret, signature, delivery.body.replace(b"A1", b"A2"))
        payload = delivery.json
        assert payload["event_id"] == event_id and payload["bank"] == "KNOWN"
        assert payload["review_item_id"] == item_id and payload["auto_block"] is False
        assert payload["content"]["sha256"] == hashlib.sha256(upload).hexdigest()
        assert payload["requested_by"] == "platform"
        (match,) = payload["matches"]
        assert match["category"] == "A1" and match["entry_id"] == body["matches"][0]["entry_id"]
        assert match["how"] == "PDQ, the listed image mirrored left to right"
        assert known.pdq[0].hex not in delivery.body.decode()  # the listed hash is not sent

        # The same upload again: a new event, the same review item, seen twice.
        again = client.post("/v1/hash-and-match", files={"file": ("m.jpg", upload)}).json()
        assert again["review_item_ids"] == [item_id]
        assert again["webhook_event_ids"] != [event_id]

        # An auto-block bank without webhook or review: flagged, nothing stored.
        with server.client(curator) as admin:
            admin.post(
                "/v1/banks/QUIET/entries",
                json={"entries": [{"signal_type": "md5", "value": md5_of("q")}]},
            )
        blocked = client.post(
            "/v1/match", json={"hashes": [{"signal_type": "md5", "value": md5_of("q")}]}
        )
        (result,) = blocked.json()["results"]
        assert result["auto_block"] is True and result["webhook_event_ids"] == []

    with server.client(reader) as client:
        (item,) = client.get("/v1/review-items").json()
        assert (item["id"], item["bank"], item["status"]) == (item_id, "KNOWN", "open")
        assert item["seen_count"] == 2 and item["event_id"] == event_id
        assert item["matches"][0]["category"] == "A1"
        assert (
            client.post(f"/v1/review-items/{item_id}/close", json={"decision": "x"}).status_code
            == 403
        )
    with server.client(curator) as admin:
        closed = admin.post(f"/v1/review-items/{item_id}/close", json={"decision": "confirmed"})
        assert closed.json()["status"] == "closed"
        assert admin.get("/v1/review-items").json() == []
        assert admin.get("/v1/review-items?status=closed").json()[0]["decision"] == "confirmed"


def retries_with_backoff_and_dead_letters(
    server: JagaServer, receiver: Receiver, database_url: str
) -> None:
    engine = create_engine_for(database_url)
    _, curator = KeyService(engine).create("curator-2", ["banks:write", "banks:read"])
    _, platform = KeyService(engine).create("platform-2", ["match"])
    with server.client(curator) as admin:
        for name, path in (("FLAKY", "/flaky"), ("DOWN", "/down")):
            admin.post("/v1/banks", json={"name": name})
            admin.post(
                f"/v1/banks/{name}/entries",
                json={"entries": [{"signal_type": "md5", "value": md5_of(name)}]},
            )
            rules = {"webhook_url": receiver.url + path, "generate_secret": True}
            assert admin.put(f"/v1/banks/{name}/actions", json=rules).status_code == 200
    with server.client(platform) as client:
        hashes = [{"signal_type": "md5", "value": md5_of(name)} for name in ("FLAKY", "DOWN")]
        results = client.post("/v1/match", json={"hashes": hashes}).json()["results"]
    (flaky,), (down,) = (r["webhook_event_ids"] for r in results)

    wait_for(lambda: flaky in receiver.processed, 20, "the flaky receiver to accept")
    tries = receiver.of(flaky)
    assert [d.headers["x-jaga-delivery-attempt"] for d in tries] == ["1", "2", "3"]
    gaps = [later.at - earlier.at for earlier, later in itertools.pairwise(tries)]
    # Backoff 0.3 s then 0.6 s, each within the 0.8-1.2 jitter (plus polling slack).
    assert 0.24 <= gaps[0] < gaps[1], gaps
    assert gaps[1] >= 0.48, gaps

    def dead() -> bool:
        return outbox.backlog_counts(engine)["dead"] == 1

    wait_for(dead, 20, "the event to the dead receiver to be dead-lettered")
    assert len(receiver.of(down)) == 3 and down not in receiver.processed
    (letter,) = outbox.list_events(engine, status="dead")
    assert (letter.event_id, letter.attempts, letter.last_status) == (down, 3, 500)
    assert letter.last_error == "HTTP 500"
    wait_for(lambda: outbox.backlog_counts(engine)["pending"] == 0, 10, "an empty backlog")
    (delivered,) = outbox.list_events(engine, status="delivered", bank_name="FLAKY")
    assert (delivered.event_id, delivered.attempts) == (flaky, 3)

    # Requeued dead letters get a fresh budget: three more tries, then dead again.
    assert outbox.retry_dead(engine) == 1
    wait_for(lambda: len(receiver.of(down)) == 6 and dead(), 20, "the requeued event to die")
    engine.dispose()
