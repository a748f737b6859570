"""Family support to a child abroad: payments that the direct-payer rules (T7) leave out.

The T7 rules (`S11`, `R10`, `S24`, `R14`) flag an adult abroad who pays a minor's account
(AMLC modus operandi: direct offender-victim; FATF 2025). FINTRAC's indicator is payments
with "no apparent family connection" (research item 4); a shared surname shows one
(`features.enrich`, `related`), but a parent abroad often pays from an account in another
name (a married name, a mother's maiden name) or one the export carries no name for, and
the research note's benign background is exactly that: diaspora family remittances,
"monthly or near paydays", and student sponsorships (hard negatives, (d)).

What tells a relative's support from paid sessions is how and when it is paid. A
pay-per-view payment is paid per session, frequent and in bursts ("approximately twice a
day", AUSTRAC case, item 2; "2-30 payments/month in bursts", research note T1), and sent
"late at night or early morning" in the payer's time (FATF 2025, item 7) with even amounts
or cover words (items 6-7). An allowance is paid now and then, each payment alone, a week
or more apart (`occasional.occasional_pairs`), at any hour. So a pair to a minor that is
*occasional* and whose payments to the minor mostly lack the pay-per-view shape (sent at
the payer's night with an even amount, a cover word or a handle: the `S24` shape) counts
towards none of the minor rules. A now-and-then payer whose payments mostly carry that
shape still counts (a groomer paying for night sessions once a week), and so does every
payer who pays in sessions, whatever the shape.

The 50% share ("mostly") is our design reading of those sources, not a published figure.
Sextortion bursts (a minor paying) are unaffected: they are counted from `n`, not from
these columns.
"""

from __future__ import annotations

import polars as pl

from jaga.finance.features import zero_pair_counts

PAIR_KEYS = ("sender_id", "receiver_id")
# Pair-bucket counts of payments to a minor (features.pair_buckets) that family support
# contributes nothing to.
MINOR_COUNTS = ("n_to_minor", "n_minor_pattern")
# A now-and-then pair to a minor counts for T7 only when at least this share of its payments
# to the minor has the pay-per-view shape (sender-local night with an even amount, a cover
# word or a handle).
MIN_PATTERN_SHARE = 0.5


def family_support_pairs(pairs: pl.DataFrame, occasional: pl.DataFrame) -> pl.DataFrame:
    """(sender_id, receiver_id) of occasional pairs to a minor mostly without the pattern.

    `pairs`: pair-bucket table (`features.pair_buckets`); `occasional`: pairs paying now and
    then (`occasional.occasional_pairs`), over the pair's whole observed history.
    """
    if occasional.is_empty():
        return occasional.select(*PAIR_KEYS)
    keys = occasional.select(*(pl.col(k).cast(pairs.schema[k]) for k in PAIR_KEYS))
    return (
        pairs.filter(pl.col("n_to_minor") > 0)
        .group_by(*PAIR_KEYS)
        .agg(pl.col("n_to_minor").sum().alias("_n"), pl.col("n_minor_pattern").sum().alias("_p"))
        .filter(pl.col("_p") < MIN_PATTERN_SHARE * pl.col("_n"))
        .join(keys, on=list(PAIR_KEYS), how="inner")
        .select(*PAIR_KEYS)
    )


def discount_family_support(pairs: pl.DataFrame, occasional: pl.DataFrame) -> pl.DataFrame:
    """Pair-buckets with the minor counts of family-support pairs set to zero."""
    support = family_support_pairs(pairs, occasional)
    if support.is_empty():
        return pairs
    return zero_pair_counts(pairs, support, MINOR_COUNTS)
