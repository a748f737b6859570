"""The API against a real Uvicorn server on loopback, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator

import pytest
from PIL import Image, ImageOps
from server_process import Server, running_server

from jaga.banks.records import EntryInput
from jaga.demo.drawing import draw_scene
from jaga.hashing.hasher import hash_bytes

UPLOAD_LIMIT = 400_000


def jpeg(image: Image.Image, quality: int = 90) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def server(module_database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server per backend for this module (a start costs seconds); tests use their own
    key and bank names."""
    with running_server(
        module_database_url,
        tmp_path_factory.mktemp("service"),
        {"JAGA_MAX_UPLOAD_BYTES": str(UPLOAD_LIMIT)},
    ) as running:
        yield running


def test_keys_scopes_and_bad_input(server: Server) -> None:
    _, hasher = server.keys.create("hasher", ["hash"])
    with server.client() as anonymous:
        assert anonymous.get("/healthz").json() == {"status": "ok"}
        assert "/docs" in anonymous.get("/").text
        assert anonymous.post("/v1/hash", files={"file": ("a.jpg", b"x")}).status_code == 401
        assert anonymous.get("/v1/banks").status_code == 401
    with server.client("jaga_not-a-real-key") as stranger:
        assert stranger.get("/v1/banks").status_code == 401
    with server.client(hasher) as client:
        photo = jpeg(draw_scene(3))
        hashed = client.post("/v1/hash", files={"file": ("p.jpg", photo, "image/jpeg")})
        assert hashed.status_code == 200, hashed.text
        expected = hash_bytes(photo, "p.jpg")
        body = hashed.json()["hashes"]
        assert (body["md5"], body["pdq"][0]["hash"]) == (expected.md5, expected.pdq[0].hex)

        text = client.post("/v1/hash", files={"file": ("n.txt", b"just text", "text/plain")})
        assert text.status_code == 415 and "not an image" in text.json()["detail"]
        broken = client.post("/v1/hash", files={"file": ("b.jpg", photo[:1500])})
        assert broken.status_code == 415
        huge = client.post("/v1/hash", files={"file": ("h.bin", b"\0" * (UPLOAD_LIMIT + 1))})
        assert huge.status_code == 413

        assert client.get("/v1/banks").status_code == 403  # no banks:read
        forbidden = client.post(
            "/v1/match", json={"hashes": [{"signal_type": "md5", "value": "0" * 32}]}
        )
        assert forbidden.status_code == 403


def test_bank_content_matches_at_once_and_copies_are_found(server: Server) -> None:
    _, admin = server.keys.create("curator", ["banks:read", "banks:write"])
    _, platform = server.keys.create("platform", ["hash", "match"])
    original = draw_scene(5)
    known = hash_bytes(jpeg(original), "known.jpg")
    with server.client(admin) as curator:
        created = curator.post("/v1/banks", json={"name": "known", "category_scheme": "industry"})
        assert created.status_code == 201, created.text
        added = curator.post(
            "/v1/banks/known/entries",
            json={
                "entries": [
                    {
                        "signal_type": "pdq",
                        "value": known.pdq[0].hex,
                        "category": "A1",
                        "original_id": "case-7",
                    },
                    {"signal_type": "pdq", "value": "0" * 64},
                ]
            },
        )
        assert added.status_code == 200, added.text
        report = added.json()
        assert report["added"] == 1
        assert report["quarantined"][0]["position"] == 2
        assert "all-zero" in report["quarantined"][0]["reason"]
        listed = curator.get("/v1/banks").json()
        ours = [(b["name"], b["entries"]["pdq"]) for b in listed if b["name"] == "known"]
        assert ours == [("known", 1)]

    with server.client(platform) as client:
        mirrored = jpeg(ImageOps.mirror(original), 60)
        found = client.post("/v1/hash-and-match", files={"file": ("m.jpg", mirrored)})
        assert found.status_code == 200, found.text
        body = found.json()
        assert body["matched"] is True
        match = body["matches"][0]
        assert (match["bank"], match["category"], match["original_id"]) == ("known", "A1", "case-7")
        assert match["how"] == "PDQ, the listed image mirrored left to right"
        assert body["hashes"]["pdq"][0]["quality"] >= 50

        batch = client.post(
            "/v1/match",
            json={
                "hashes": [
                    {"signal_type": "pdq", "value": known.pdq[0].hex.upper()},
                    {"signal_type": "md5", "value": known.md5},
                ]
            },
        )
        assert batch.status_code == 200, batch.text
        results = batch.json()["results"]
        assert [len(r["matches"]) for r in results] == [1, 0]
        assert results[0]["matches"][0]["distance"] == 0

        malformed = client.post(
            "/v1/match",
            json={
                "hashes": [
                    {"signal_type": "md5", "value": known.md5},
                    {"signal_type": "pdq", "value": "abc"},
                ]
            },
        )
        assert malformed.status_code == 422
        assert malformed.json()["detail"][0]["loc"][:3] == ["body", "hashes", 1]
        too_many = [{"signal_type": "md5", "value": known.md5}] * 1001
        assert client.post("/v1/match", json={"hashes": too_many}).status_code == 422


def test_changes_made_elsewhere_are_visible_within_about_a_second(server: Server) -> None:
    _, platform = server.keys.create("platform-2", ["match"])
    picture = hash_bytes(jpeg(draw_scene(9)), "p.jpg")
    server.banks.create_bank("outside")
    query = {"hashes": [{"signal_type": "pdq", "value": picture.pdq[0].hex}]}
    with server.client(platform) as client:
        assert client.post("/v1/match", json=query).json()["results"][0]["matches"] == []
        # Another worker, or the CLI, adds the entry: this worker sees it on its own.
        server.banks.add_entries("outside", [EntryInput("pdq", picture.pdq[0].hex)], source="t")
        started = time.monotonic()
        # The refresher looks every second; the deadline only allows for a loaded machine
        # (bench/service.py measures the real delay).
        while not client.post("/v1/match", json=query).json()["results"][0]["matches"]:
            assert time.monotonic() - started < 10, "the entry never became visible"
            time.sleep(0.05)
        server.banks.set_bank_enabled("outside", False)
        started = time.monotonic()
        while client.post("/v1/match", json=query).json()["results"][0]["matches"]:
            assert time.monotonic() - started < 10, "the disabled bank kept matching"
            time.sleep(0.05)


def test_rate_limit_per_key(server: Server) -> None:
    _, limited = server.keys.create("limited", ["match"], rate_limit_per_minute=3)
    query = {"hashes": [{"signal_type": "md5", "value": "0123456789abcdef0123456789abcdef"}]}
    with server.client(limited) as client:
        codes = [client.post("/v1/match", json=query).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        refused = client.post("/v1/match", json=query)
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1


def test_fast_path_answers_as_the_route_does(server: Server) -> None:
    """A key's first call goes through FastAPI's route (the key is not cached yet); later
    ones through `jaga.api.fast_paths`. Both must give the same body, and the fast path must
    pass on to the route whatever it does not handle (bad body, wrong scope)."""
    _, curator = server.keys.create("fast-curator", ["banks:write"])
    picture = hash_bytes(jpeg(draw_scene(11)), "p.jpg")
    with server.client(curator) as client:
        assert client.post("/v1/banks", json={"name": "fast"}).status_code == 201
        entry = {"signal_type": "pdq", "value": picture.pdq[0].hex, "original_id": "f-1"}
        assert client.post("/v1/banks/fast/entries", json={"entries": [entry]}).status_code == 200
    hashes = [
        {"signal_type": "pdq", "value": picture.pdq[0].hex},
        {"signal_type": "md5", "value": "0123456789abcdef0123456789abcdef"},
    ]
    queries = [
        {"hashes": hashes},
        {"hashes": hashes * 10},  # over the on-loop batch: matched in a thread
        {"hashes": hashes[:1], "banks": ["other"]},
    ]
    for query in queries:
        _, secret = server.keys.create(f"fast-{len(query['hashes'])}-{len(query)}", ["match"])
        with server.client(secret) as client:
            through_route = client.post("/v1/match", json=query)
            through_fast_path = client.post("/v1/match", json=query)
        assert through_route.status_code == through_fast_path.status_code == 200
        assert through_fast_path.content == through_route.content
        assert through_fast_path.headers["content-type"] == "application/json"
    first = through_fast_path.json()["results"][0]
    assert first["matches"] == []  # bank "other" only
    _, secret = server.keys.create("fast-errors", ["match"])
    with server.client(secret) as client:
        assert client.post("/v1/match", json={"hashes": hashes}).status_code == 200  # cached
        matched = client.post("/v1/match", json={"hashes": hashes}).json()["results"][0]
        assert [(m["bank"], m["original_id"]) for m in matched["matches"]] == [("fast", "f-1")]
        bad = client.post("/v1/match", json={"hashes": [{"signal_type": "pdq", "value": "xyz"}]})
        assert bad.status_code == 422 and bad.json()["detail"][0]["loc"][:3] == [
            "body",
            "hashes",
            0,
        ]
        broken = client.post(
            "/v1/match", content=b'{"hashes": [', headers={"content-type": "application/json"}
        )
        assert broken.status_code == 422
    _, hasher = server.keys.create("fast-hasher", ["hash"])
    with server.client(hasher) as client:
        codes = [client.post("/v1/match", json={"hashes": hashes}).status_code for _ in range(2)]
        assert codes == [403, 403]
