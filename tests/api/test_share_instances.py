"""Two real Jaga servers on loopback: A publishes a bank to partner B, B follows it.

A runs on SQLite and B on PostgreSQL, so one pair of servers exercises both backends (the
test is skipped with the other PostgreSQL tests under JAGA_TEST_SKIP_POSTGRES=1). B pulls
once from the command line, then by itself (`jaga serve` with JAGA_SHARE_PULL_SECONDS).
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
import typer
from server_process import Server, running_server
from typer.testing import CliRunner

from jaga.actions.rules import ActionService
from jaga.banks.records import EntryInput
from jaga.sharing.cli import register
from jaga.sharing.partners import PartnerService
from jaga.sharing.subscriptions import SubscriptionService

FAST = {"JAGA_REFRESH_SECONDS": "0.2"}
B_PULLS = {**FAST, "JAGA_SHARE_PULL_SECONDS": "0.5"}


def _match(client: httpx.Client, signal_type: str, value: str) -> dict[str, Any]:
    response = client.post(
        "/v1/match", json={"hashes": [{"signal_type": signal_type, "value": value}]}
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()["results"][0]
    return result


def _eventually(check: Callable[[], bool], seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.1)


def _pull_with_cli(database_url: str, data: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("JAGA_DATABASE_URL", database_url)
    monkeypatch.setenv("JAGA_DATA_DIR", str(data))  # B's: its pull lock is there
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """Test root."""

    register(app)
    result = CliRunner().invoke(app, ["share", "pull"])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_entries_added_and_deleted_on_a_follow_to_b(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_url = f"sqlite:///{tmp_path / 'a.db'}"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    servers = [
        running_server(a_url, tmp_path / "a", FAST),
        running_server(database_url, tmp_path / "b", B_PULLS),
    ]
    with ThreadPoolExecutor(2) as pool:  # both start at once: a start costs seconds
        starting = [pool.submit(server.__enter__) for server in servers]
    try:
        a, b = (future.result() for future in starting)
        _exchange(a, b, database_url, tmp_path / "b" / "data", monkeypatch)
    finally:
        for server, future in zip(servers, starting, strict=True):
            if future.exception() is None:
                server.__exit__(None, None, None)


def _exchange(
    a: Server, b: Server, b_url: str, b_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second, kept = (secrets.token_hex(16) for _ in range(3))
    a.banks.create_bank("shared-list", signal_types=["md5", "pdq"])
    a.banks.add_entries(
        "shared-list",
        [EntryInput("md5", first, category="A1", original_id="N-7", source="ncmec"),
         EntryInput("md5", kept)],
        source="hotline",
    )  # fmt: skip
    a.banks.create_bank("private-list", signal_types=["md5"])
    partners = PartnerService(a.banks.engine)
    _, partner_key = partners.add("unit-b")
    partners.publish("shared-list", "unit-b")
    _, admin_key = a.keys.create("a-admin", ["admin"])

    # Only the partner's key reads the feed, and only the bank shared with it.
    feed = "/v1/share/feeds/shared-list"
    with a.client(partner_key) as partner, a.client(admin_key) as admin, a.client() as nobody:
        assert partner.get("/v1/share/feeds").json() == {"banks": ["shared-list"]}
        assert partner.get("/v1/share/feeds/private-list").status_code == 404
        assert partner.get(feed, params={"cursor": "x1"}).status_code == 400
        assert admin.get(feed).status_code == 404
        assert nobody.get(feed).status_code == 401

    subscriptions = SubscriptionService(b.banks, lock_path=b_data / "share-pull.lock")
    subscriptions.subscribe("from-a", a.url + feed, partner_key, into="from-a", trust="review")
    # B's operator asks for auto-block on the bank; review-only trust must override it.
    ActionService(b.banks.engine).set("from-a", auto_block=True)
    # B's server may have pulled already: the CLI then finds nothing new.
    assert "from-a: " in _pull_with_cli(b_url, b_data, monkeypatch)

    _, matcher_key = b.keys.create("b-matcher", ["match"])
    with b.client(matcher_key) as client:
        _eventually(lambda: bool(_match(client, "md5", first)["matches"]))
        _eventually(lambda: bool(_match(client, "md5", first)["review_item_ids"]))
        result = _match(client, "md5", first)
        (match,) = result["matches"]
        origin = a.banks.entry_in_bank("shared-list", value=("md5", first))
        assert origin is not None
        assert match["source"] == (
            f"jaga-feed:{a.banks.instance_id()}/shared-list#{origin.entry_id} < ncmec"
        )
        assert (match["original_id"], match["category"]) == ("N-7", "A1")
        assert result["auto_block"] is False and result["webhook_event_ids"] == []

        # Added on A: matchable on B once B's server pulls. Deleted on A: gone on B too.
        a.banks.add_entries("shared-list", [EntryInput("md5", second)], source="hotline")
        assert a.banks.remove_entries("shared-list", values=[("md5", first)]) == 1
        _eventually(lambda: bool(_match(client, "md5", second)["matches"]))
        _eventually(lambda: not _match(client, "md5", first)["matches"])
        assert _match(client, "md5", kept)["matches"]
    assert sum(b.banks.get_bank("from-a").entry_counts.values()) == 2

    # A partner that is removed is cut off at once; B reports it and keeps what it has.
    partners.remove("unit-b")
    (refused,) = subscriptions.pull()
    assert "answered 40" in refused.error  # 401 once the key cache lapses, 404 before
    assert subscriptions.get("from-a").last_error == refused.error
