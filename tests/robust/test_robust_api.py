"""The API's hash-and-match uses robust matching, against a real server on loopback."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))

from server_process import Server, running_server

from jaga.banks.records import EntryInput
from jaga.demo.drawing import draw_scene
from jaga.robust.settings import RobustStore

from .pictures import jpeg
from .test_robust_scan_cli import _reference_hex, padded_tilted_captioned

_jpeg = jpeg


@pytest.fixture(scope="module")
def server(module_database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(module_database_url, tmp_path_factory.mktemp("robust-api")) as running:
        yield running


def test_hash_and_match_finds_a_framed_tilted_copy_and_says_how(server: Server) -> None:
    original = draw_scene(511)
    server.banks.create_bank("robust-api")
    server.banks.add_entries(
        "robust-api", [EntryInput("pdq", _reference_hex(original), original_id="o-1")], source="t"
    )
    _, platform = server.keys.create("robust-platform", ["hash", "match"])
    copy = _jpeg(padded_tilted_captioned(original))
    stranger = _jpeg(padded_tilted_captioned(draw_scene(611)))
    with server.client(platform) as client:
        for _ in range(40):  # the server applies bank changes within about a second
            found = client.post("/v1/hash-and-match", files={"file": ("c.jpg", copy)})
            assert found.status_code == 200, found.text
            if found.json()["matched"]:
                break
            time.sleep(0.25)
        body = found.json()
        assert body["matched"] is True, body
        (match,) = body["matches"]
        assert match["original_id"] == "o-1"
        assert "rotated back" in match["how"] and "de-bordered" in match["how"], match["how"]
        assert match["distance"] <= 31

        other = client.post("/v1/hash-and-match", files={"file": ("s.jpg", stranger)})
        assert other.status_code == 200 and other.json()["matched"] is False

    RobustStore(server.banks.engine).update("robust-api", enabled=False)
    with server.client(platform) as client:
        for _ in range(40):  # settings reach the server within about a second
            missed = client.post("/v1/hash-and-match", files={"file": ("c.jpg", copy)})
            if not missed.json()["matched"]:
                break
            time.sleep(0.25)
        assert missed.json()["matched"] is False


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
    copy = _jpeg(heavily_edited(original))
    stranger = _jpeg(heavily_edited(draw_scene(612)))
    with server.client(platform) as client:
        for _ in range(40):  # the server applies bank changes within about a second
            found = client.post(
                "/v1/hash-and-match", files={"file": ("c.jpg", copy)}, params={"bank": "verify-api"}
            )
            assert found.status_code == 200, found.text
            if found.json()["matched"]:
                break
            time.sleep(0.25)
        body = found.json()
        assert body["matched"] is True, body
        (match,) = body["matches"]
        assert match["original_id"] == "original-512.png"
        assert match["how"].startswith("verified by local features ("), match["how"]
        assert match["distance"] > 31  # no hash came within the strict distance

        other = client.post(
            "/v1/hash-and-match", files={"file": ("s.jpg", stranger)}, params={"bank": "verify-api"}
        )
        assert other.status_code == 200 and other.json()["matched"] is False
