"""Standing status: what a receiver is over its history, not in one window.

A platform seller (business.py), an audience (audience.py) and an organisation
(organisations.py) are properties of the customer. A window at the edge of the observed
history holds only part of one, so a receiver found so in enough windows, or over its whole
history, is one at every checkpoint. These helpers spell that "every checkpoint" once.
"""

from __future__ import annotations

import polars as pl


def at_every_checkpoint(receivers: pl.LazyFrame, checkpoints: int) -> pl.LazyFrame:
    """(receiver_id, k) for every checkpoint `k` of each receiver in `receivers`."""
    return receivers.select(
        "receiver_id", pl.int_ranges(0, checkpoints, dtype=pl.Int32).alias("k")
    ).explode("k")


def standing(windows: pl.LazyFrame, min_windows: int, checkpoints: int) -> pl.LazyFrame:
    """Receivers of `windows` (receiver_id, k) found in `min_windows` or more, at every `k`."""
    return at_every_checkpoint(
        windows.group_by("receiver_id")
        .agg(pl.len().alias("_windows"))
        .filter(pl.col("_windows") >= min_windows),
        checkpoints,
    )
