"""StopNCII FetchHashes sync against a loopback stand-in serving StopNCII's sample records
(../shared/formats/stopncii) plus withdrawals and bad upstream data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from jaga.banks.service import BankService
from jaga.exchange.connectors.sources import SourceStore
from jaga.exchange.connectors.sync import run_sync

from .conftest import PowerLoss, pdq_hex
from .standins import StopNciiStandIn

SAMPLES = "stopncii/threatexchange-test-data"
PROVENANCE = "stopncii:stopncii"
FIRST, SECOND = "2afc4a5c09628a79", "79e07de27d729533"  # prefixes of the page-1 hashes


def sample_records(formats: Path) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for name in ("page1", "page2", "undefined-enum"):
        page = json.loads((formats / SAMPLES / f"FetchHashes-response-{name}.json").read_text())
        records += page["hashRecords"]
    return records


def record(value: str, status: str, when: int, signal: str = "ImagePDQ") -> dict[str, Any]:
    return {
        "lastModtimestamp": when,
        "hashValue": value,
        "hashStatus": status,
        "caseNumbers": {"00000000-0000-0000-0000-000000000001": status},
        "signalType": signal,
    }


@pytest.fixture
def stopncii(formats: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[StopNciiStandIn]:
    samples = sample_records(formats)
    second = next(r["hashValue"] for r in samples if r["hashValue"].startswith(SECOND))
    made = [
        record(pdq_hex(5), "Undefined", 1650000000),
        record("zz" * 32, "Active", 1650000001),
        record("0" * 64, "Active", 1650000002),
        record("ab" * 16, "Active", 1650000003, signal="VideoTMK"),
        record(second, "Withdrawn", 1700000000),
    ]
    server = StopNciiStandIn(records=samples + made)
    monkeypatch.setenv("JAGA_SYNC_STOPNCII_SUBSCRIPTION_KEY", server.subscription_key)
    monkeypatch.setenv("JAGA_SYNC_STOPNCII_FETCH_KEY", server.function_keys["FetchHashes"])
    yield server
    server.close()


def add_source(engine: Engine, bank_service: BankService, server: StopNciiStandIn) -> None:
    bank_service.create_bank("ncii", category_scheme="none", signal_types=["pdq", "md5"])
    SourceStore(engine).add(
        "stopncii",
        kind="stopncii",
        bank_name="ncii",
        base_url=server.base_url,
        settings={"page_size": 2},
    )


def enabled_by_prefix(bank_service: BankService) -> dict[str, bool]:
    ids = [e.original_id for e in bank_service.entries_by_ids(range(1, 100)).values()]
    entries = bank_service.entries_by_original_ids("ncii", PROVENANCE, ids)
    return {e.value[:16]: e.enabled for e in entries}


def test_sync_takes_hashes_withdrawals_and_reinstatements(
    engine: Engine, bank_service: BankService, stopncii: StopNciiStandIn
) -> None:
    add_source(engine, bank_service, stopncii)
    result = run_sync(engine, "stopncii")

    assert result.caught_up and result.pages == 6  # 11 records, 2 a page
    assert enabled_by_prefix(bank_service) == {
        FIRST: True,
        SECOND: False,  # withdrawn upstream: kept, disabled
        "9def0b7dafa86a1c": True,
        "95d087d087f8f41c": True,  # unknown CSP feedback values flag it, never drop it
    }
    entry = bank_service.entries_by_original_ids("ncii", PROVENANCE, [f"ImagePDQ/{'0' * 64}"])
    assert entry == []
    store = SourceStore(engine)
    reasons = [q.reason for q in store.quarantine(store.get("stopncii"))]
    assert len(reasons) == 4 and result.quarantined == 4
    assert any("duplicate upstream id 'ImagePDQ/9def0b7d" in r for r in reasons)
    assert any("unknown hashStatus 'Undefined'" in r for r in reasons)
    assert any("not hexadecimal" in r for r in reasons)
    assert any("all-zero PDQ" in r for r in reasons)
    assert result.ignored == 1  # the VideoTMK record: nothing Jaga can match on
    fetches = [r for r in stopncii.requests if r.path.endswith("FetchHashes")]
    assert fetches[0].query["startTimestamp"] == "10" and "nextPageToken" not in fetches[0].query
    assert all(r.query.get("nextPageToken") for r in fetches[1:])

    # Later: the withdrawn hash comes back, the first one is deleted.
    second = next(r for r in stopncii.records if r["hashValue"].startswith(SECOND))
    first = next(r for r in stopncii.records if r["hashValue"].startswith(FIRST))
    stopncii.records.append(record(second["hashValue"], "Active", 1800000000))
    stopncii.records.append(record(first["hashValue"], "Deleted", 1800000001))
    before = len(stopncii.requests)
    again = run_sync(engine, "stopncii")

    assert stopncii.requests[before].query["startTimestamp"] == "1700000000"
    assert again.reinstated == 1 and again.withdrawn == 1
    assert enabled_by_prefix(bank_service)[SECOND] is True
    assert enabled_by_prefix(bank_service)[FIRST] is False


def test_a_reviewer_disabled_entry_stays_disabled_when_the_source_reinstates(
    engine: Engine, bank_service: BankService, stopncii: StopNciiStandIn
) -> None:
    add_source(engine, bank_service, stopncii)
    run_sync(engine, "stopncii")
    [entry] = [e for e in bank_service.active_entries() if e.value.startswith(FIRST)]
    bank_service.set_entries_enabled("ncii", [entry.entry_id], False)  # a false positive
    stopncii.records.append(record(entry.value, "Withdrawn", 1800000000))
    stopncii.records.append(record(entry.value, "Active", 1800000100))
    run_sync(engine, "stopncii")  # two pages: withdrawn, then active again
    assert enabled_by_prefix(bank_service)[FIRST] is False


def test_a_crash_mid_walk_resumes_on_the_stored_token(
    engine: Engine,
    bank_service: BankService,
    stopncii: StopNciiStandIn,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_source(engine, bank_service, stopncii)
    real_save = SourceStore.save_page
    calls = {"n": 0}

    def save_then_lose_power(self: SourceStore, *args: Any, **kwargs: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 4:
            raise PowerLoss
        real_save(self, *args, **kwargs)

    monkeypatch.setattr(SourceStore, "save_page", save_then_lose_power)
    with pytest.raises(PowerLoss):
        run_sync(engine, "stopncii")
    monkeypatch.setattr(SourceStore, "save_page", real_save)
    stored = SourceStore(engine).get("stopncii").checkpoint
    before = len(stopncii.requests)
    resumed = run_sync(engine, "stopncii")

    assert stopncii.requests[before].query["nextPageToken"] == stored["token"]
    assert resumed.pages == 3  # page 4 again, then 5 and 6
    source = SourceStore(engine).get("stopncii")
    assert source.quarantined == 4 and len(SourceStore(engine).quarantine(source)) == 4
    assert bank_service.count_entries_from("ncii", PROVENANCE) == (4, 3)
    assert enabled_by_prefix(bank_service)[SECOND] is False


def test_an_expired_token_restarts_the_walk_from_the_stored_timestamp(
    engine: Engine, bank_service: BankService, stopncii: StopNciiStandIn
) -> None:
    add_source(engine, bank_service, stopncii)
    run_sync(engine, "stopncii", max_pages=2)
    stored = SourceStore(engine).get("stopncii").checkpoint
    stopncii.expired_tokens.add(stored["token"])
    result = run_sync(engine, "stopncii")
    assert result.caught_up
    assert bank_service.count_entries_from("ncii", PROVENANCE) == (4, 3)
