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
the stored 200 days), it paid across the border on 3+ distinct days (`OCCASIONAL_MIN_DAYS`:
two payments weeks apart are as much a lone buyer who came back once as a habit; the
research note's lone buyers make "1-3 payments"), typically a week or
more apart (`OCCASIONAL_MEDIAN_GAP_DAYS`: a buyer paying every few days is frequent, not
occasional), and most of its payments stand alone (`OCCASIONAL_ALONE_SHARE`): no other
payment of the pair on the same day or the day before or after (`SESSION_GAP_DAYS`, 48
hours: wider than "twice a day"). A consumer's payments come in sessions; a fan's tip now
and then, twice in a row once in a while, does not make its tips sessions.
"""

from __future__ import annotations

import polars as pl

PAIR_KEYS = ("sender_id", "receiver_id")
# Two payments of a pair within this many days (payment days 0-1 apart: within 48 hours)
# are one session burst.
SESSION_GAP_DAYS = 2
# Payment days that establish a habit of tipping or pledging.
OCCASIONAL_MIN_DAYS = 3
# Median days between payment days of an occasional payer: about weekly or rarer.
OCCASIONAL_MEDIAN_GAP_DAYS = 7
# Share of an occasional pair's payments that stand alone (more than half: most).
OCCASIONAL_ALONE_SHARE = 0.5


def occasional_pairs(pair_days: pl.DataFrame) -> pl.DataFrame:
    """(sender_id, receiver_id) of pairs paying on 3+ days, mostly one payment alone.

    `pair_days`: one row per sender, receiver and day with `n`, the cross-border payments
    that day (`features.cross_border_pair_days`).
    """
    gaps = pair_days.sort("day").with_columns(
        pl.col("day").diff().over(PAIR_KEYS).alias("gap"),
        (-pl.col("day").diff(-1)).over(PAIR_KEYS).alias("gap_next"),
    )
    alone = (
        (pl.col("n") == 1)
        & (pl.col("gap").is_null() | (pl.col("gap") >= SESSION_GAP_DAYS))
        & (pl.col("gap_next").is_null() | (pl.col("gap_next") >= SESSION_GAP_DAYS))
    )
    return (
        gaps.group_by(*PAIR_KEYS)
        .agg(
            pl.len().alias("days"),
            (pl.col("n").filter(alone).sum() / pl.col("n").sum()).alias("alone_share"),
            pl.col("gap").median().alias("median_gap"),
        )
        .filter(
            (pl.col("days") >= OCCASIONAL_MIN_DAYS)
            & (pl.col("alone_share") > OCCASIONAL_ALONE_SHARE)
            & (pl.col("median_gap") >= OCCASIONAL_MEDIAN_GAP_DAYS)
        )
        .select(*PAIR_KEYS)
    )
