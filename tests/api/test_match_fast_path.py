"""The fast path really answers ordinary lookups, and passes on everything else.

In-process (the app called through httpx's ASGI transport), because what is checked is
which code answered; tests/api/test_service.py checks on a real server that both paths give
the same bytes.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from jaga.api import match_fast_path
from jaga.api.app import create_app
from jaga.api.settings import ServiceSettings
from jaga.auth.keys import KeyService
from jaga.store import create_engine_for

MD5 = "0123456789abcdef0123456789abcdef"


def test_ordinary_lookups_take_the_fast_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'jaga.db'}"
    keys = KeyService(create_engine_for(url))
    _, matcher_key = keys.create("platform", ["match"], rate_limit_per_minute=0)
    _, hasher_key = keys.create("hasher", ["hash"])
    answered: list[int] = []
    original = match_fast_path._matched

    async def counting(matcher: object, body: object) -> object:
        answered.append(1)
        return await original(matcher, body)  # type: ignore[arg-type]

    monkeypatch.setattr(match_fast_path, "_matched", counting)
    app = create_app(ServiceSettings(database_url=url))

    async def scenario() -> dict[str, object]:
        seen: dict[str, object] = {}
        async with app.router.lifespan_context(app):
            while not app.state.matcher.ready:
                await asyncio.sleep(0.02)
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
                query = {"hashes": [{"signal_type": "md5", "value": MD5}]}
                mine = {"Authorization": f"Bearer {matcher_key}"}
                seen["first"] = (
                    await client.post("/v1/match", json=query, headers=mine)
                ).status_code
                seen["after_first"] = len(answered)  # not cached yet: the route answered
                for _ in range(3):
                    await client.post("/v1/match", json=query, headers=mine)
                seen["after_cached"] = len(answered)
                bad = {"hashes": [{"signal_type": "md5", "value": "nope"}]}
                seen["bad"] = (await client.post("/v1/match", json=bad, headers=mine)).status_code
                theirs = {"Authorization": f"Bearer {hasher_key}"}
                for _ in range(2):
                    refused = await client.post("/v1/match", json=query, headers=theirs)
                seen["wrong_scope"] = refused.status_code
                seen["after_errors"] = len(answered)
        return seen

    seen = asyncio.run(scenario())
    assert seen == {
        "first": 200,
        "after_first": 0,
        "after_cached": 3,
        "bad": 422,
        "wrong_scope": 403,
        "after_errors": 3,
    }
