"""A 100,000-row import must finish in seconds (timing goes in the report, not an assert)."""

from __future__ import annotations

import secrets
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine

from jaga.banks import BankService
from jaga.store import create_engine_for

ROWS = 100_000


@pytest.fixture
def sqlite_service(tmp_path: Path) -> BankService:
    engine: Engine = create_engine_for(f"sqlite:///{tmp_path / 'bulk.db'}")
    return BankService(engine)


def test_hundred_thousand_rows_import_and_reimport(
    sqlite_service: BankService, tmp_path: Path
) -> None:
    sqlite_service.create_bank("bulk", signal_types=["md5"])
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("signal_type,value,category\n")
        handle.writelines(f"md5,{secrets.token_hex(16)},A1\n" for _ in range(ROWS))
    started = time.perf_counter()
    first = sqlite_service.import_file("bulk", path)
    middle = time.perf_counter()
    second = sqlite_service.import_file("bulk", path)
    ended = time.perf_counter()
    print(f"100k import {middle - started:.1f}s, re-import {ended - middle:.1f}s")
    assert (first.added, first.quarantined_count) == (ROWS, 0)
    assert (second.added, second.unchanged) == (0, ROWS)
    assert sqlite_service.current_cursor() == ROWS
    assert sqlite_service.get_bank("bulk").entry_counts == {"md5": ROWS}
