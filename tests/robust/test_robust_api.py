"""The API's hash-and-match uses robust matching, against a real server on loopback."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))

from server_process import Server, running_server

from jaga.banks.records import EntryInput
from jaga.demo.drawing import draw_scene
from jaga.robust.settings import RobustStore

from .pictures import jpeg, reference_hex
from .test_robust_scan_cli import padded_tilted_captioned


def hash_and_match_until(
    client: Any, picture: bytes, matched: bool, params: dict[str, str] | None = None
) -> dict[str, Any]:
    """The server's answer once it says `matched` (or its last within about 10 s): bank and
    settings changes reach a running server within about a second."""
    for _ in range(40):
        answer = client.post(
            "/v1/hash-and-match", files={"file": ("c.jpg", picture)}, params=params or {}
        )
        assert answer.status_code == 200, answer.text
        body: dict[str, Any] = answer.json()
        if body["matched"] is matched:
            break
        time.sleep(0.25)
    return body


@pytest.fixture(scope="module")
def server(module_database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(module_database_url, tmp_path_factory.mktemp("robust-api")) as running:
        yield running


def test_hash_and_match_finds_a_framed_tilted_copy_and_says_how(server: Server) -> None:
    original = draw_scene(511)
    server.banks.create_bank("robust-api")
    server.banks.add_entries(
        "robust-api", [EntryInput("pdq", reference_hex(original), original_id="o-1")], source="t"
    )
    _, platform = server.keys.create("robust-platform", ["hash", "match"])
    copy = jpeg(padded_tilted_captioned(original))
    stranger = jpeg(padded_tilted_captioned(draw_scene(611)))
    with server.client(platform) as client:
        body = hash_and_match_until(client, copy, matched=True)
        assert body["matched"] is True, body
        (match,) = body["matches"]
        assert match["original_id"] == "o-1"
        assert "rotated back" in match["how"] and "de-bordered" in match["how"], match["how"]
        assert match["distance"] <= 31

        other = client.post("/v1/hash-and-match", files={"file": ("s.jpg", stranger)})
        assert other.status_code == 200 and other.json()["matched"] is False

    RobustStore(server.banks.engine).update("robust-api", enabled=False)
    with server.client(platform) as client:
        assert hash_and_match_until(client, copy, matched=False)["matched"] is False


def test_hash_and_match_verifies_a_heavily_edited_copy_by_local_features(
    server: Server, tmp_path: Path
) -> None:
    """A Jaga-built list (crops and ORB features stored): an 8°-tilted copy under a big
    opaque block is found only by the local-feature stage, and the API says so."""
    from jaga.robust.build import add_original

    from .test_verify import heavily_edited

    original = draw_scene(512)
    original.save(tmp_path / "original-512.png")
    server.banks.create_bank("verify-api")
    store = RobustStore(server.banks.engine)
    assert add_original(server.banks, store, "verify-api", tmp_path / "original-512.png") is None
    _, platform = server.keys.create("verify-platform", ["hash", "match"])
    copy = jpeg(heavily_edited(original))
    stranger = jpeg(heavily_edited(draw_scene(612)))
    with server.client(platform) as client:
        body = hash_and_match_until(client, copy, matched=True, params={"bank": "verify-api"})
        assert body["matched"] is True, body
        (match,) = body["matches"]
        assert match["original_id"] == "original-512.png"
        assert match["how"].startswith("verified by local features ("), match["how"]
        assert match["distance"] > 31  # no hash came within the strict distance

        other = client.post(
            "/v1/hash-and-match", files={"file": ("s.jpg", stranger)}, params={"bank": "verify-api"}
        )
        assert other.status_code == 200 and other.json()["matched"] is False
