"""Standing platform sellers: a known business is a property of the customer, not of a window.

The fan-in, cash-out and common-beneficiary rules judge a receiver's activity against what
is expected of a private person (research note (d) names legitimate adult-creator and webcam
payments as hard negatives; AUSTRAC's guidance asks what is unusual *for the customer*). A
receiver that a platform or payroll pays (`features.PLATFORM_PAYEES` payees in 30 days) has
a known business, and `typologies.NOT_SELLER` keeps those rules off it. Judged per 90-day
window, a creator whose platform pays out monthly or less often falls out of that status in
every window that happens to hold fewer than two payouts, and is then judged as a private
person with dozens of foreign tippers: a facilitator by the counts.

A business relationship is standing: a receiver that platforms paid in two or more distinct
30-day buckets of its observed history (`STANDING_MIN_BUCKETS`: a relationship that recurs,
not a one-off refund or prize) is a platform seller at every checkpoint. This is the same
scope as the calendar rhythm and occasional payers (batch: the input; incremental: the
stored 200 days). The limit is the one `NOT_SELLER` already had: a facilitator who also
sells through a platform has its receiver-side pattern rules switched off; its payers' own
evidence (night payments to people, several receivers, minors) still counts.
"""

from __future__ import annotations

import polars as pl

from jaga.finance.standing import at_every_checkpoint

# Distinct 30-day buckets with platform payouts that make a standing relationship.
STANDING_MIN_BUCKETS = 2


def standing_sellers(pairs: pl.LazyFrame, checkpoints: int, platform_payees: int) -> pl.LazyFrame:
    """(receiver_id, k) for every checkpoint `k` of receivers with standing platform payouts.

    `pairs`: the pair-bucket table (`features.pair_buckets`); a platform is a payer sending
    fiat to `platform_payees` or more accounts within one 30-day bucket.
    """
    fiat = pairs.filter(pl.col("n") > pl.col("n_crypto")).select(
        "sender_id", "receiver_id", "bucket"
    )
    platforms = (
        fiat.group_by("sender_id", "bucket")
        .agg(pl.col("receiver_id").n_unique().alias("payees"))
        .filter(pl.col("payees") >= platform_payees)
        .select("sender_id")
        .unique()
    )
    return at_every_checkpoint(
        fiat.join(platforms, on="sender_id", how="semi")
        .group_by("receiver_id")
        .agg(pl.col("bucket").n_unique().alias("paid_buckets"))
        .filter(pl.col("paid_buckets") >= STANDING_MIN_BUCKETS),
        checkpoints,
    )
