"""ThreatExchange threat_updates sync against a loopback Graph API stand-in: cursor
paging, should_delete tombstones, bad updates, and a crash mid-walk."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine

from jaga.banks.service import BankService
from jaga.exchange.connectors.sources import SourceStore
from jaga.exchange.connectors.sync import run_sync

from .conftest import PowerLoss, pdq_hex
from .standins import ThreatExchangeStandIn

PROVENANCE = "threatexchange:te-group"


def update(
    indicator_id: str, kind: str, indicator: str, when: int, *, delete: bool = False
) -> dict[str, Any]:
    """One threat_updates record in the Graph API's shape (timestamps without a colon)."""
    return {
        "_time": when,
        "id": indicator_id,
        "indicator": indicator,
        "type": kind,
        "creation_time": "2019-11-09T02:58:41+0000",
        "last_updated": when,
        "should_delete": delete,
        "tags": ["media_type_photo"],
        "status": "MALICIOUS",
        "applications_with_opinions": ["1234567890"],
    }


@pytest.fixture
def te(monkeypatch: pytest.MonkeyPatch) -> Iterator[ThreatExchangeStandIn]:
    updates = [
        update("101", "HASH_PDQ", pdq_hex(11), 1000),
        update("102", "HASH_MD5", "c7dfd847207cbd54a8bb292525fc111d", 1001),
        update("103", "HASH_PDQ", "0" * 64, 1002),  # the all-zero PDQ
        update("104", "HASH_SHA256", "not-a-hash", 1003),
        update("105", "URI", "https://example.com/x", 1004),  # not a hash: ignored
        update("106", "HASH_PDQ", pdq_hex(12), 1005),
        {"_time": 1006, "id": "abc", "type": "HASH_MD5", "indicator": "x"},  # bad id
        update("106", "HASH_PDQ", pdq_hex(12), 1007, delete=True),  # page 3 deletes page 2's
    ]
    server = ThreatExchangeStandIn(updates=updates, page_size=3)
    monkeypatch.setenv("JAGA_SYNC_TE_GROUP_TOKEN", server.token)
    yield server
    server.close()


def add_source(engine: Engine, bank_service: BankService, server: ThreatExchangeStandIn) -> None:
    bank_service.create_bank("te", category_scheme="none")
    SourceStore(engine).add(
        "te-group",
        kind="threatexchange",
        bank_name="te",
        base_url=server.base_url,
        settings={"privacy_group": server.group, "page_size": 3},
    )


def enabled(bank_service: BankService) -> dict[str, bool]:
    ids = ["101", "102", "103", "104", "106", "107"]
    return {
        e.original_id: e.enabled
        for e in bank_service.entries_by_original_ids("te", PROVENANCE, ids)
    }


def test_sync_pages_on_cursors_and_deletes_on_should_delete(
    engine: Engine, bank_service: BankService, te: ThreatExchangeStandIn
) -> None:
    add_source(engine, bank_service, te)
    result = run_sync(engine, "te-group")

    assert result.caught_up and result.pages == 3
    assert enabled(bank_service) == {"101": True, "102": True, "106": False}
    store = SourceStore(engine)
    reasons = [q.reason for q in store.quarantine(store.get("te-group"))]
    assert len(reasons) == 3
    assert any("all-zero PDQ" in r for r in reasons)
    assert any("sha256 value has 10 characters" in r for r in reasons)
    assert any("update without a numeric id" in r for r in reasons)
    assert result.ignored == 1
    # the checkpoint never holds the access token; requests after the first follow `next`
    pages = [r for r in te.requests if r.path.endswith("threat_updates/")]
    assert [r.query.get("after") for r in pages] == [None, "Mw==", "Ng=="]
    assert "access_token" not in str(SourceStore(engine).get("te-group").checkpoint)

    now = int(time.time())  # inside the next window, which starts where this one ended
    te.updates.append(update("107", "HASH_MD5", "d" * 32, now))
    te.updates.append(update("101", "HASH_PDQ", pdq_hex(11), now, delete=True))
    again = run_sync(engine, "te-group")
    assert again.withdrawn == 1 and again.added == 1
    assert enabled(bank_service) == {"101": False, "102": True, "106": False, "107": True}


def test_a_crash_mid_walk_resumes_on_the_stored_cursor(
    engine: Engine,
    bank_service: BankService,
    te: ThreatExchangeStandIn,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_source(engine, bank_service, te)
    real_save = SourceStore.save_page
    calls = {"n": 0}

    def save_then_lose_power(self: SourceStore, *args: Any, **kwargs: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise PowerLoss
        real_save(self, *args, **kwargs)

    monkeypatch.setattr(SourceStore, "save_page", save_then_lose_power)
    with pytest.raises(PowerLoss):
        run_sync(engine, "te-group")
    monkeypatch.setattr(SourceStore, "save_page", real_save)
    before = len(te.requests)
    resumed = run_sync(engine, "te-group")

    assert resumed.caught_up and resumed.pages == 2
    assert te.requests[before].query["after"] == "Mw=="  # page 2 again, with the token added
    assert te.requests[before].query["access_token"] == te.token
    source = SourceStore(engine).get("te-group")
    assert source.quarantined == 3 and len(SourceStore(engine).quarantine(source)) == 3
    assert enabled(bank_service) == {"101": True, "102": True, "106": False}
    assert bank_service.count_entries_from("te", PROVENANCE) == (3, 2)
