"""What every held-out generator's transaction file must look like: the issue's schema.

Taken from jaga.finance.schema so the generators' tests and the product agree on one list.
"""

from __future__ import annotations

import polars as pl

from jaga.finance.schema import CHANNELS, OPTIONAL_COLUMNS, REQUIRED_COLUMNS

TX_COLUMNS = [*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS]
ISO_WITH_OFFSET = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$"


def assert_issue_schema(tx: pl.DataFrame) -> None:
    """The columns in order, unique ids, known channels, ISO 8601 times with an offset."""
    assert tx.columns == TX_COLUMNS
    assert tx["tx_id"].is_unique().all()
    assert set(tx["channel"].unique()) <= set(CHANNELS)
    assert tx["timestamp"].str.contains(ISO_WITH_OFFSET).all()
