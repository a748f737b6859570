"""Typed Parquet columns (timestamp, amount, birth years) are checked on their parsed form and
a rejected row's value is reported as their text (ingest.py: `_raw`, cast only for reported
rows), exactly as when every value was cast to text up front."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import polars as pl

from jaga.finance.ingest import load_transactions
from jaga.finance.rates import load_rates


def _frame(naive: bool) -> pl.DataFrame:
    zone = None if naive else "UTC"
    return pl.DataFrame(
        {
            "tx_id": ["t1", "t2", "t3", "t4"],
            "timestamp": pl.Series(
                [datetime(2024, 5, 1, 21, 30, 15, 250000)] * 4,
                dtype=pl.Datetime("us", zone),
            ),
            "sender_id": ["a", "b", "c", "d"],
            "receiver_id": ["x", "y", "z", "w"],
            "amount": [10.5, -3.25, 20.0, 7.0],
            "currency": ["usd", "USD", "EUR", "USD"],
            "sender_country": ["au", "AU", "US", "PH"],
            "receiver_country": ["PH", "PH", "PH", "AU"],
            "channel": ["Bank", "bank", "msb", "bank"],
            "sender_birth_year": pl.Series([1980, None, 1850, 2001], dtype=pl.Int32),
            "receiver_birth_year": pl.Series([None, 1999, 2010, None], dtype=pl.Int32),
        }
    )


def test_typed_values_reported_as_their_text(tmp_path: Path) -> None:
    frame = _frame(naive=False)
    path = tmp_path / "tx.parquet"
    frame.write_parquet(path)
    result = load_transactions(path, load_rates())
    found = {(e.row, e.field): e.value for e in result.errors}
    # Row 2: a negative amount; row 3: a birth year before 1900. A null year is not given.
    assert found == {
        (2, "amount"): pl.Series([-3.25]).cast(pl.String).item(),
        (3, "sender_birth_year"): "1850",
    }
    assert result.rejected_rows == 2
    valid = result.valid
    assert valid["tx_id"].to_list() == ["t1", "t4"]
    assert valid["currency"].to_list() == ["USD", "USD"]
    assert valid["sender_country"].to_list() == ["AU", "PH"]
    assert valid["channel"].to_list() == ["bank", "bank"]
    assert valid["sender_birth_year"].to_list() == [1980, 2001]


def test_naive_timestamp_rejected_with_its_text(tmp_path: Path) -> None:
    frame = _frame(naive=True)
    path = tmp_path / "tx.parquet"
    frame.write_parquet(path)
    result = load_transactions(path, load_rates())
    stamps = [e for e in result.errors if e.field == "timestamp"]
    expected = frame["timestamp"].cast(pl.String).item(0)
    assert [e.row for e in stamps] == [1, 2, 3, 4]
    assert {e.value for e in stamps} == {expected}
    assert result.valid.is_empty()
