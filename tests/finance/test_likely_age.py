"""A birth year alone: the payer's most likely age at the payment (features.likely_age)."""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl

from jaga.finance.features import likely_age


def _ages(born: int, *moments: datetime) -> list[int]:
    frame = pl.DataFrame({"ts": list(moments), "born": [born] * len(moments)})
    return frame.select(likely_age(pl.col("born")).alias("age"))["age"].to_list()


def test_someone_turning_18_this_year_is_read_as_17_until_mid_year() -> None:
    spring = datetime(2026, 3, 14, 22, 0, tzinfo=UTC)
    autumn = datetime(2026, 10, 2, 22, 0, tzinfo=UTC)
    # Born 2008: reaches 18 in 2026; in March that birthday is more likely still ahead.
    assert _ages(2008, spring, autumn) == [17, 18]


def test_the_half_year_boundary_and_other_ages() -> None:
    last_day_before = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)  # day 182
    first_day_after = datetime(2026, 7, 2, 12, 0, tzinfo=UTC)  # day 183
    assert _ages(2010, last_day_before, first_day_after) == [15, 16]
    assert _ages(1980, datetime(2026, 1, 1, tzinfo=UTC)) == [45]
