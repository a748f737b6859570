"""Escalating pairs: one payer sending ever larger sums to one payee (romance-scam victims).

A customer of a flagged beneficiary inherits its evidence (`network.propagate`: `S17`,
`S18`, `S25`) because its payments are the beneficiary's takings: pay-per-view sessions,
paid at the session price again and again. The published cases show that price staying put:
826 payments of A$20-80 each over three years (AUSTRAC case, research item 2); livestream
payments usually EUR 10-200 (FATF 2025, item 1).

A romance-scam victim pays otherwise. FINTRAC's romance-fraud alert (FINTRAC-2019-OA001,
"Laundering of the proceeds of romance fraud") lists a client who "sends funds to another
individual, and the amount or frequency of funds sent increases over time", for reasons
that "tend to focus on life-or-death medical emergencies", travel and fees abroad; the
research note (d) names romance-scam victims, "escalating payments to one receiver", among
the hard negatives. Their first payments can sit in the band and carry cover words
("medical bills", AUSTRAC 2024), and the payee, paid by many such victims, can look like a
common beneficiary. What differs is the growth: the sums leave the band.

A pair escalates when, over its observed history (batch: the input; incremental: the stored
200 days), it made `ESCALATION_MIN_PAYMENTS` or more cross-border payments and in some
30-day bucket its payments averaged above the band's top (USD 200, item 1) and at least
`ESCALATION_FACTOR` times its first payment. Such a pair is no customer pair: it inherits
nothing from its payee (`network.propagate`), like an occasional payer (`occasional.py`).
Its payments still count for everything else (`S1`, the habits, the payee's fan-in).

The limit: a consumer whose prices drift from the band's middle to above its top (the
research note's stress test, "offenders moving to 150-250") and average over USD 200 in a
month, three times the first, loses the inherited evidence and is judged on its own. The
minimum and factor are our design reading of "increases over time", not published figures.
"""

from __future__ import annotations

import polars as pl

from jaga.finance.indicators import BAND_USD

PAIR_KEYS = ("sender_id", "receiver_id")
# Payments of the pair over its history: a first payment and growth after it.
ESCALATION_MIN_PAYMENTS = 3
# A month's average payment this many times the first: sums that grew, not a price.
ESCALATION_FACTOR = 3.0


def escalating_pairs(pairs: pl.DataFrame) -> pl.DataFrame:
    """(sender_id, receiver_id) of cross-border pairs whose sums grew beyond the band.

    `pairs`: the pair-bucket table (`features.pair_buckets`: `n`, `usd` and `first_usd`,
    the bucket's first payment, per pair and bucket; bucket 0 is the newest).
    """
    monthly = pl.col("usd") / pl.col("n")
    return (
        pairs.lazy()
        .filter(pl.col("cross_border") & (pl.col("n") > 0))
        .group_by(*PAIR_KEYS)
        .agg(
            pl.col("n").sum().alias("_n"),
            pl.col("first_usd").sort_by("bucket", descending=True).first().alias("_first"),
            monthly.max().alias("_peak_month"),
        )
        .filter(
            (pl.col("_n") >= ESCALATION_MIN_PAYMENTS)
            & (pl.col("_peak_month") > BAND_USD[1])
            & (pl.col("_peak_month") >= ESCALATION_FACTOR * pl.col("_first"))
        )
        .select(*PAIR_KEYS)
        .collect()
    )
