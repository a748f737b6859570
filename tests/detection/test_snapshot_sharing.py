"""Processes sharing one data folder (several service workers, the CLI) share one index
snapshot: it never goes back in time, and a reader never gets a mix of two snapshots."""

from __future__ import annotations

import json
import random
import threading
from pathlib import Path

from jaga.banks.records import EntryInput
from jaga.banks.service import BankService
from jaga.detection.matcher import BankMatcher
from jaga.hashing.types import PdqHash
from jaga.store import create_engine_for

RNG = random.Random(5)


def _service(tmp_path: Path) -> BankService:
    # SQLite only: what is under test is the folder on disk, not the database.
    return BankService(create_engine_for(f"sqlite:///{tmp_path / 'jaga.db'}"))


def _add_one(service: BankService) -> str:
    value = RNG.getrandbits(256).to_bytes(32, "big").hex()
    service.add_entries("shared", [EntryInput("pdq", value)], source="test")
    return value


def _cursor(snapshot: Path) -> int:
    return int(json.loads((snapshot / "manifest.json").read_text())["cursor"])


def test_an_older_index_never_replaces_a_newer_snapshot(tmp_path: Path) -> None:
    service = _service(tmp_path)
    service.create_bank("shared")
    _add_one(service)
    older = BankMatcher(service)
    _add_one(service)
    newer = BankMatcher(service)
    newer.warm_up()  # loads kernels, changes nothing
    assert newer.entry_count() == 2
    snapshot = tmp_path / "index"
    assert newer.save_snapshot(snapshot)
    assert not older.save_snapshot(snapshot)  # a slow worker finishing late keeps out
    assert _cursor(snapshot) == newer.index_stats().cursor
    assert not any(p.name.startswith("index.writing") for p in tmp_path.iterdir())


def test_readers_and_writers_racing_on_one_snapshot_always_get_a_whole_index(
    tmp_path: Path,
) -> None:
    service = _service(tmp_path)
    service.create_bank("shared")
    generations = []
    for _ in range(12):
        _add_one(service)
        generations.append(BankMatcher(service))  # each a step further in the change log
    last = _add_one(service)
    snapshot = tmp_path / "index"
    failures: list[str] = []

    def write() -> None:
        try:
            for matcher in generations:
                matcher.save_snapshot(snapshot)
        except Exception as error:
            failures.append(repr(error))

    def read() -> None:
        for _ in range(10):
            loaded = BankMatcher(service, snapshot=snapshot)
            found = loaded.match_signals([PdqHash(last, 100)], {}).matches
            if loaded.entry_count() != 13 or not found:
                failures.append(f"from_snapshot={loaded.loaded_from_snapshot}")

    threads = [threading.Thread(target=f) for f in (write, write, read, read)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    assert _cursor(snapshot) == service.current_cursor()
