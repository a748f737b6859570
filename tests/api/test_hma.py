"""The HMA-compatible endpoints, called the way ROOST Coop calls them, on a real server.

Coop's requests come from ../shared/research/hma-compat.md: paths with a double slash, no
credentials (so the endpoints are opened to loopback by configuration), `enabled_ratio`
as a string, and a GET with a JSON content type and no body.
"""

from __future__ import annotations

import hashlib
import io
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image, ImageOps
from server_process import Server, running_server

from jaga.demo.drawing import draw_scene
from jaga.hashing.hasher import hash_bytes

BANK = "COOP_EVAL_COMPAT"
LIFECYCLE = "COOP_LIFECYCLE"
ERRORS = "COOP_ERRORS"
JSON_NO_BODY = {"Content-Type": "application/json"}


class Coop:
    """Calls as Coop makes them: `${HMA_SERVICE_URL}` ending in '/', joined with '/c/...'."""

    def __init__(self, server: Server, key: str | None = None) -> None:
        self.base = server.url + "/"
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        self.http = httpx.Client(timeout=30, headers=headers)

    def __enter__(self) -> Coop:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.http.close()

    def _url(self, path: str) -> str:
        return self.base.rstrip("/") + path if not path.startswith("//") else self.base + path[2:]

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.http.get(self._url(path), **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.http.post(self._url(path), **kwargs)

    def put(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.http.put(self._url(path), **kwargs)

    def delete(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.http.delete(self._url(path), **kwargs)


def jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


PHOTO = jpeg(draw_scene(11))
OTHER_PHOTO = jpeg(draw_scene(12))
MIRRORED = jpeg(ImageOps.mirror(Image.open(io.BytesIO(PHOTO))))
FLAT = jpeg(Image.new("RGB", (300, 300), (128, 128, 128)))
CLIP = bytes(range(256)) * 40  # stands in for a video file: HMA only takes its MD5
FILES = {
    "/photo.jpg": ("image/jpeg", PHOTO),
    "/flat.jpg": ("image/jpeg", FLAT),
    "/clip.mp4": ("video/mp4", CLIP),
    "/notes.txt": ("text/plain", b"just words"),
}


class _Origin(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        media_type, body = FILES.get(self.path, ("text/plain", b""))
        self.send_response(200 if self.path in FILES else 404)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture(scope="module")
def origin() -> Iterator[str]:
    """A media server on loopback, as the platform's storage would be for Coop."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Origin)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def open_server(
    module_database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """HMA endpoints open to loopback callers (as for Coop), loopback fetches allowed.

    One server per module and backend (starting one costs seconds); each test uses its
    own bank names.
    """
    env = {"JAGA_HMA_OPEN_NETWORKS": "127.0.0.0/8", "JAGA_FETCH_ALLOW_NETWORKS": "127.0.0.0/8"}
    with running_server(module_database_url, tmp_path_factory.mktemp("open"), env) as server:
        yield server


@pytest.fixture
def closed_server(database_url: str, tmp_path: Path) -> Iterator[Server]:
    with running_server(database_url, tmp_path) as server:
        yield server


def test_coop_bank_lifecycle(open_server: Server) -> None:
    with Coop(open_server) as coop:
        assert coop.delete(f"//c/bank/{LIFECYCLE}").json() == {
            "message": "Done"
        }  # absent: still 200
        missing = coop.get(f"//c/bank/{LIFECYCLE}", headers=JSON_NO_BODY)
        assert missing.status_code == 404
        assert missing.json() == {"message": f"bank '{LIFECYCLE}' not found"}

        created = coop.post("//c/banks", json={"name": LIFECYCLE, "enabled_ratio": "1"})
        assert created.status_code == 201
        assert created.json() == {"name": LIFECYCLE, "matching_enabled_ratio": 1.0}
        again = coop.post("//c/banks", json={"name": LIFECYCLE, "enabled_ratio": "1"})
        assert (again.status_code, again.json()) == (403, {"message": "Bank already exists"})
        lower = coop.post("//c/banks", json={"name": "lower_case"})
        assert lower.status_code == 400
        assert lower.json() == {"message": "Bank names must be UPPER_WITH_UNDERSCORE"}
        not_object = coop.post("//c/banks", json=["x"])
        assert not_object.status_code == 422 and isinstance(not_object.json(), list)

        found = coop.get(f"//c/bank/{LIFECYCLE}", headers=JSON_NO_BODY)
        assert found.json() == {"name": LIFECYCLE, "matching_enabled_ratio": 1.0}
        assert {"name": LIFECYCLE, "matching_enabled_ratio": 1.0} in coop.get("//c/banks").json()
        half = coop.put(f"//c/bank/{LIFECYCLE}", json={"enabled_ratio": 0.5})
        assert half.json() == {"name": LIFECYCLE, "matching_enabled_ratio": 0.5}

        assert coop.get("//c/exchanges/apis").json() == []
        no_exchange = coop.get(f"//c/exchange/{LIFECYCLE}")
        assert no_exchange.status_code == 404 and "not found" in no_exchange.json()["message"]
        assert coop.get("//c/exchanges/api/ncmec").status_code == 400

        renamed = coop.put(f"//c/bank/{LIFECYCLE}", json={"name": f"{LIFECYCLE}_2"})
        assert renamed.json()["name"] == f"{LIFECYCLE}_2"
        assert coop.get(f"//c/bank/{LIFECYCLE}").status_code == 404
        assert coop.put(f"//c/bank/{LIFECYCLE}", json={"enabled_ratio": 1}).status_code == 404
        assert coop.delete(f"//c/bank/{LIFECYCLE}_2").status_code == 200
        assert coop.get(f"//c/bank/{LIFECYCLE}_2").status_code == 404
    # Every call is logged with its source and the open network it came through.
    lines = [json.loads(line) for line in open_server.log_path.read_text().splitlines()]
    calls = [line for line in lines if line.get("route") == "/c/bank/{bank_name}"]
    assert calls and all(line["client"] == "127.0.0.1" for line in calls)
    assert all(line["open_network"] == "127.0.0.0/8" and line["key"] is None for line in calls)


def test_coop_hash_add_and_lookup(open_server: Server, origin: str) -> None:
    expected = hash_bytes(PHOTO, "photo.jpg").pdq[0].hex
    with Coop(open_server) as coop:
        assert coop.post("//c/banks", json={"name": BANK, "enabled_ratio": "1"}).is_success
        hashed = coop.get("//h/hash", params={"url": f"{origin}/photo.jpg"})
        assert hashed.status_code == 200 and hashed.json() == {"pdq": expected}

        added = coop.post(f"//c/bank/{BANK}/content", params={"url": f"{origin}/photo.jpg"})
        assert added.status_code == 200, added.text
        content_id = added.json()["id"]
        assert isinstance(content_id, int) and added.json()["signals"] == {"pdq": expected}

        # Matchable at once, no polling (HMA with Coop's settings: about 2 minutes). Every key
        # /h/hash returned must be accepted by /m/lookup (else Coop loses all matches).
        for signal_type, signal in hashed.json().items():
            found = coop.get("//m/lookup", params={"signal_type": signal_type, "signal": signal})
            assert found.status_code == 200
            assert found.json() == {BANK: [{"bank_content_id": content_id, "distance": "0"}]}

        near = f"{int(expected, 16) ^ 0b1011:064x}"  # three bits off
        near_found = coop.get("//m/lookup", params={"signal_type": "pdq", "signal": near})
        assert near_found.json()[BANK][0]["distance"] == "3"
        far = f"{int(expected, 16) ^ (2**40 - 1):064x}"  # forty bits off: beyond 31
        assert coop.get("//m/lookup", params={"signal_type": "pdq", "signal": far}).json() == {}

        by_url = coop.get("//m/lookup", params={"url": f"{origin}/photo.jpg"})
        assert by_url.json() == {"pdq": {BANK: [{"bank_content_id": content_id, "distance": "0"}]}}
        upload = coop.post("//m/lookup", files={"photo": ("m.jpg", MIRRORED, "image/jpeg")})
        assert list(upload.json()["pdq"]) == [BANK]  # the mirrored copy, found

        coop.put(f"//c/bank/{BANK}", json={"enabled_ratio": 0})
        assert (
            coop.get("//m/lookup", params={"signal_type": "pdq", "signal": expected}).json() == {}
        )
        bypass = coop.post(
            "//m/lookup",
            params={"bypass_coinflip": "true"},
            files={"photo": ("p.jpg", PHOTO, "image/jpeg")},
        )
        assert list(bypass.json()["pdq"]) == [BANK]
        coop.put(f"//c/bank/{BANK}", json={"enabled_ratio": 1})

        content = coop.get(
            f"//c/bank/{BANK}/content/{content_id}", params={"include_signals": "true"}
        ).json()
        assert content["id"] == content_id and content["signals"] == {"pdq": expected}
        assert content["bank"] == {"name": BANK, "matching_enabled_ratio": 1.0}
        deleted = coop.delete(f"//c/bank/{BANK}/content/{content_id}")
        assert deleted.json() == {"deleted": 1}
        assert (
            coop.get("//m/lookup", params={"signal_type": "pdq", "signal": expected}).json() == {}
        )


def test_videos_are_matched_by_md5_with_distance_dash(open_server: Server, origin: str) -> None:
    md5 = hashlib.md5(CLIP).hexdigest()
    with Coop(open_server) as coop:
        coop.post("//c/banks", json={"name": "VIDEOS"})
        assert coop.get("/h/hash", params={"url": f"{origin}/clip.mp4"}).json() == {
            "video_md5": md5
        }
        added = coop.post("/c/bank/VIDEOS/content", files={"video": ("c.mp4", CLIP, "video/mp4")})
        assert added.json()["signals"] == {"video_md5": md5}
        found = coop.get("/m/lookup", params={"signal_type": "video_md5", "signal": md5.upper()})
        assert found.json() == {
            "VIDEOS": [{"bank_content_id": added.json()["id"], "distance": "-"}]
        }


def test_hma_errors_are_messages_with_hma_status_codes(open_server: Server, origin: str) -> None:
    with Coop(open_server) as coop:
        coop.post("//c/banks", json={"name": ERRORS})
        cases = [
            (coop.get("/m/lookup", params={"signal_type": "pdq"}), 400, "Either url or both"),
            (coop.get("/m/lookup", params={"signal_type": "sha3", "signal": "ab"}), 400, "No such"),
            (coop.get("/m/lookup", params={"signal_type": "pdq", "signal": "xyz"}), 400, "invalid"),
            (coop.get("/m/lookup", params={"signal_type": "pdq", "signal": ""}), 400, "Either"),
            (coop.get("/h/hash", params={"url": f"{origin}/notes.txt"}), 400, "Content-Type"),
            (coop.get("/h/hash", params={"url": "file:///etc/passwd"}), 400, "http and https"),
            (coop.post("/h/hash"), 400, "Missing multipart/form-data file upload"),
            (
                coop.post(
                    "/h/hash", files=[("photo", ("a.jpg", PHOTO)), ("photo", ("b.jpg", PHOTO))]
                ),
                400,
                "Only one file allowed per request",
            ),
            (coop.post("/h/hash", files={"doc": ("a.jpg", PHOTO)}), 400, "no such content_type"),
            (coop.post(f"/c/bank/{ERRORS}/content"), 400, "Neither `url` nor multipart"),
            (
                coop.post(f"/c/bank/{ERRORS}/content", params={"url": f"{origin}/flat.jpg"}),
                400,
                "Invalid pdq signal",
            ),
            (coop.post("/c/bank/NOPE/content", params={"url": f"{origin}/photo.jpg"}), 404, "NOPE"),
        ]
        for response, status, message in cases:
            assert response.status_code == status, (response.request.url, response.text)
            assert message in response.json()["message"], response.text
        no_url = coop.get("/h/hash")
        assert no_url.status_code == 422 and isinstance(no_url.json(), list)
        assert coop.get("/h/hash", params={"url": f"{origin}/flat.jpg"}).json() == {"pdq": ""}
        assert coop.get("/status").text == "I-AM-ALIVE"
        assert "/c/bank/<bank_name>" in coop.get("/site-map").json()


def test_without_open_networks_every_hma_call_needs_a_key(closed_server: Server) -> None:
    _, curator = closed_server.keys.create("curator", ["banks:read", "banks:write"])
    _, matcher = closed_server.keys.create("matcher", ["match"])
    with Coop(closed_server) as anonymous:
        refused = anonymous.get("//c/banks")
        assert refused.status_code == 401 and "API key" in refused.json()["message"]
        assert anonymous.get("/m/lookup", params={"signal_type": "pdq"}).status_code == 401
        assert anonymous.get("/status").status_code == 200  # health stays open
    with Coop(closed_server, matcher) as client:
        assert client.get("/c/banks").status_code == 403
        by_url = client.get("/m/lookup", params={"url": "http://127.0.0.1/x.jpg"})
        assert by_url.status_code == 403 and "hash" in by_url.json()["message"]
    with Coop(closed_server, curator) as client:
        assert client.post("/c/banks", json={"name": BANK}).status_code == 201
        assert client.get(f"/c/bank/{BANK}").status_code == 200
    with Coop(closed_server) as anonymous:
        anonymous.http.headers["X-API-Key"] = curator
        unsafe = anonymous.get("/h/hash", params={"url": "http://127.0.0.1:9/x.jpg"})
        assert unsafe.status_code == 403  # curator lacks `hash`


def test_entries_added_elsewhere_match_within_a_second(open_server: Server) -> None:
    """Another process (the CLI, another worker) adds the entry: the refresher picks it up."""
    from jaga.banks.records import EntryInput

    expected = hash_bytes(OTHER_PHOTO, "other.jpg").pdq[0].hex
    open_server.banks.create_bank("ELSEWHERE")
    added_at = time.monotonic()
    open_server.banks.add_entries("ELSEWHERE", [EntryInput("pdq", expected)], source="cli")
    with Coop(open_server) as coop:
        while True:
            found = coop.get("/m/lookup", params={"signal_type": "pdq", "signal": expected})
            if found.json():
                break
            assert time.monotonic() - added_at < 3, "not matchable after 3 s"
            time.sleep(0.05)
    assert list(found.json()) == ["ELSEWHERE"]


def test_hma_lookups_trigger_the_banks_actions(open_server: Server, origin: str) -> None:
    """Coop's lookups are matches like any other: review items, and auto-block in a header."""
    _, curator = open_server.keys.create("hma-curator", ["banks:read", "banks:write"])
    picture = jpeg(draw_scene(13))
    with Coop(open_server) as coop:
        coop.post("//c/banks", json={"name": "COOP_ACTIONS"})
        added = coop.post(
            "//c/bank/COOP_ACTIONS/content", files={"photo": ("a.jpg", picture, "image/jpeg")}
        )
        signal = added.json()["signals"]["pdq"]
        with open_server.client(curator) as jaga:
            rules = {"review": True, "auto_block": True}
            assert jaga.put("/v1/banks/COOP_ACTIONS/actions", json=rules).status_code == 200
            found = coop.get("//m/lookup", params={"signal_type": "pdq", "signal": signal})
            assert list(found.json()) == ["COOP_ACTIONS"]
            assert found.headers["X-Jaga-Auto-Block"] == "true"
            upload = coop.post("//m/lookup", files={"photo": ("b.jpg", picture, "image/jpeg")})
            assert upload.headers["X-Jaga-Auto-Block"] == "true"
            items = jaga.get("/v1/review-items", params={"bank": "COOP_ACTIONS"}).json()
            assert {item["content_key"] for item in items} == {
                f"pdq:{signal}",
                f"sha256:{hashlib.sha256(picture).hexdigest()}",
            }
        nothing = coop.get("//m/lookup", params={"signal_type": "pdq", "signal": "f" * 64})
        assert nothing.json() == {} and "X-Jaga-Auto-Block" not in nothing.headers


def test_double_slash_calls_are_counted_under_their_route(open_server: Server) -> None:
    _, scraper = open_server.keys.create("hma-scraper", ["metrics"])
    sneaky_id = "ab" * 20  # a caller's request id shaped like a hash: never logged as is
    with Coop(open_server) as coop:
        query = {"signal_type": "pdq", "signal": "0" * 64}
        assert coop.get("//m/lookup", params=query, headers={"X-Request-ID": sneaky_id})
    with open_server.client(scraper) as client:
        metrics = client.get("/metrics").text
    assert 'route="/m/lookup"' in metrics
    log = open_server.log_path.read_text()
    assert sneaky_id not in log and '"request_id": "[hex redacted]"' in log
