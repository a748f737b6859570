"""Occasional payers: pairs that pay now and then, never in a session burst.

The customers of a flagged beneficiary inherit its evidence (`network.propagate`, rules
`S17`/`S18`; AUSTRAC 2019 and case). What makes a payer a *customer* in the published cases
is the pay-per-view cadence: payments "approximately twice a day" (AUSTRAC case, research
item 2), "2-30 payments/month in bursts" (research note T1). A fan who tips a creator now
and then, or a donor's monthly pledge, pays the same receiver on several days, each time
alone and days or weeks apart: that is no session, and inherits nothing (research note (d)
names adult-creator payments and charity as hard negatives). A payer who paid once is kept:
a lone buyer cannot be told from a one-off tipper by the pair, and the research note puts
~30% of illicit payments outside a full pattern ("lone"); the receiver's own evidence
decides there.

A pair is occasional when, over its whole observed history (batch: the input; incremental:
the stored 200 days), it paid across the border on 2+ distinct days, never 2+ times on one
day and never on days less than `SESSION_GAP_DAYS` apart (48 hours: the window item 12 uses
for a prompt follow-up, and wider than "twice a day"), and typically a week or more apart
(`OCCASIONAL_MEDIAN_GAP_DAYS`): a buyer paying every few days is frequent, not occasional.
"""

from __future__ import annotations

import polars as pl

PAIR_KEYS = ("sender_id", "receiver_id")
# Two payments of a pair within this many days (payment days 0-1 apart: within 48 hours)
# are one session burst.
SESSION_GAP_DAYS = 2
# Median days between payment days of an occasional payer: about weekly or rarer.
OCCASIONAL_MEDIAN_GAP_DAYS = 7


def occasional_pairs(pair_days: pl.DataFrame) -> pl.DataFrame:
    """(sender_id, receiver_id) of pairs paying on 2+ days, never in a burst.

    `pair_days`: one row per sender, receiver and day with `n`, the cross-border payments
    that day (`features.cross_border_pair_days`).
    """
    gaps = pair_days.sort("day").with_columns(pl.col("day").diff().over(PAIR_KEYS).alias("gap"))
    return (
        gaps.group_by(*PAIR_KEYS)
        .agg(
            pl.len().alias("days"),
            pl.col("n").max().alias("max_n"),
            pl.col("gap").min().alias("min_gap"),
            pl.col("gap").median().alias("median_gap"),
        )
        .filter(
            (pl.col("days") >= 2)
            & (pl.col("max_n") <= 1)
            & (pl.col("min_gap") >= SESSION_GAP_DAYS)
            & (pl.col("median_gap") >= OCCASIONAL_MEDIAN_GAP_DAYS)
        )
        .select(*PAIR_KEYS)
    )
