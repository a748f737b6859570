"""The fast paths really answer ordinary lookups, and pass on everything else.

In-process (the app called through httpx's ASGI transport), because what is checked is
which code answered; tests/api/test_service.py and test_hma.py check on a real server
that the answers are right.
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from jaga.api import fast_paths
from jaga.api.app import create_app
from jaga.api.settings import ServiceSettings
from jaga.auth.keys import KeyService
from jaga.banks.records import EntryInput
from jaga.banks.service import BankService
from jaga.store import create_engine_for

MD5 = "0123456789abcdef0123456789abcdef"
PDQ = "f" * 32 + "0" * 32


@pytest.fixture
def answered(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many requests each fast path answered itself."""
    counts = {"match": 0, "lookup": 0}
    matched, lookup = fast_paths._matched, fast_paths.lookup_signal

    async def counting_match(matcher: Any, body: Any) -> Any:
        counts["match"] += 1
        return await matched(matcher, body)

    def counting_lookup(*args: Any) -> Callable[..., Any]:
        counts["lookup"] += 1
        return lookup(*args)

    monkeypatch.setattr(fast_paths, "_matched", counting_match)
    monkeypatch.setattr(fast_paths, "lookup_signal", counting_lookup)
    return counts


def run_against_app(settings: ServiceSettings, scenario: Callable[[httpx.AsyncClient], Any]) -> Any:
    app = create_app(settings)

    async def main() -> Any:
        async with app.router.lifespan_context(app):
            while not app.state.matcher.ready:
                await asyncio.sleep(0.02)
            transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 40000))
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
                return await scenario(client)

    return asyncio.run(main())


def test_ordinary_lookups_take_the_fast_path(tmp_path: Path, answered: dict[str, int]) -> None:
    url = f"sqlite:///{tmp_path / 'jaga.db'}"
    engine = create_engine_for(url)
    keys = KeyService(engine)
    _, matcher_key = keys.create("platform", ["match"], rate_limit_per_minute=0)
    _, hasher_key = keys.create("hasher", ["hash"])
    BankService(engine).create_bank("KNOWN")
    BankService(engine).add_entries("KNOWN", [EntryInput("pdq", PDQ)], source="test")
    mine = {"Authorization": f"Bearer {matcher_key}"}
    theirs = {"Authorization": f"Bearer {hasher_key}"}
    query = {"hashes": [{"signal_type": "md5", "value": MD5}]}
    lookup = f"/m/lookup?signal_type=pdq&signal={PDQ}"

    async def scenario(client: httpx.AsyncClient) -> dict[str, object]:
        seen: dict[str, object] = {}
        seen["first"] = (await client.post("/v1/match", json=query, headers=mine)).status_code
        seen["after_first"] = dict(answered)  # the key was not cached yet: the route answered
        for _ in range(3):
            await client.post("/v1/match", json=query, headers=mine)
        found = await client.get(lookup, headers=mine)
        seen["lookup"] = (found.status_code, found.json())
        seen["after_cached"] = dict(answered)
        bad = {"hashes": [{"signal_type": "md5", "value": "nope"}]}
        seen["bad"] = (await client.post("/v1/match", json=bad, headers=mine)).status_code
        seen["bad_lookup"] = (await client.get("/m/lookup?signal_type=pdq&signal=x")).status_code
        for _ in range(2):
            refused = await client.post("/v1/match", json=query, headers=theirs)
            refused_lookup = await client.get(lookup, headers=theirs)
        seen["wrong_scope"] = (refused.status_code, refused_lookup.status_code)
        seen["no_key"] = (await client.get(lookup)).status_code  # no open network: 401
        seen["after_errors"] = dict(answered)
        return seen

    seen = run_against_app(ServiceSettings(database_url=url), scenario)
    assert seen["first"] == 200 and seen["after_first"] == {"match": 0, "lookup": 0}
    assert seen["lookup"] == (200, {"KNOWN": [{"bank_content_id": 1, "distance": "0"}]})
    assert seen["after_cached"] == {"match": 3, "lookup": 1}
    assert seen["bad"] == 422 and seen["bad_lookup"] in (400, 401)
    assert seen["wrong_scope"] == (403, 403)
    assert seen["no_key"] == 401
    assert seen["after_errors"] == {"match": 3, "lookup": 1}


def test_hma_callers_from_an_open_network_take_the_fast_path(
    tmp_path: Path, answered: dict[str, int]
) -> None:
    url = f"sqlite:///{tmp_path / 'jaga.db'}"
    BankService(create_engine_for(url)).create_bank("KNOWN")
    settings = ServiceSettings(
        database_url=url, hma_open_networks=(ipaddress.ip_network("127.0.0.0/8"),)
    )

    async def scenario(client: httpx.AsyncClient) -> tuple[int, object]:
        answer = await client.get(f"http://t//m/lookup?signal_type=pdq&signal={PDQ}")
        return answer.status_code, answer.json()

    assert run_against_app(settings, scenario) == (200, {})
    assert answered == {"match": 0, "lookup": 1}


def test_fast_paths_can_be_turned_off(tmp_path: Path, answered: dict[str, int]) -> None:
    url = f"sqlite:///{tmp_path / 'jaga.db'}"
    _, secret = KeyService(create_engine_for(url)).create("platform", ["match"])
    query = {"hashes": [{"signal_type": "md5", "value": MD5}]}

    async def scenario(client: httpx.AsyncClient) -> list[int]:
        headers = {"Authorization": f"Bearer {secret}"}
        return [
            (await client.post("/v1/match", json=query, headers=headers)).status_code
            for _ in range(3)
        ]

    assert (
        run_against_app(ServiceSettings(database_url=url, fast_paths=False), scenario) == [200] * 3
    )
    assert answered == {"match": 0, "lookup": 0}
