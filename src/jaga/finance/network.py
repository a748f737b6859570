"""Network propagation: payers of a flagged common beneficiary inherit evidence.

A second pass over the account features. The receiver-side rules are evaluated first; a
receiver that alerts on its own receiver-side evidence (two or more independent families)
*and* is a common beneficiary of repeated payments by several foreign senders (rule R11:
AUSTRAC 2019, "frequent, low-value outgoing remittance to a common beneficiary ... sent by
multiple ... customers") is a flagged beneficiary. Its payers are then given two features:
how many flagged beneficiaries they paid in the USD 10-200 band within 90 days, and how many
of those payments carried the pay-per-view shape (sender-local night with an even amount, a
cover word or a handle: FATF 2025, AUSTRAC 2024). This is how an investigator works from an
identified facilitator to its customers, and it is what finds buyers who paid only once or
twice (research note: ~30% of illicit payments are "lone"). A creator's one-off tippers or
a charity's donors never make a receiver a common beneficiary of *repeated* payments, so
their payers inherit nothing from it.

A receiver's flag is known from the checkpoint at which it alerts onward for 90 days, so a
checkpoint only uses flags that the data up to it supports.
"""

from __future__ import annotations

import polars as pl

from jaga.finance.features import PAIR_KEYS, REPEAT_HUB_SENDERS, windowed
from jaga.finance.scoring import ALERT_THRESHOLD, evaluate_rules, fired_column
from jaga.finance.typologies import RULES, RULES_BY_ID

COMMON = "common-beneficiary"

NETWORK_COLUMNS = ("net_flagged_payees_90", "net_flagged_pattern_90")


def flagged_beneficiaries(features: pl.DataFrame) -> pl.DataFrame:
    """(account_id, k) of receivers alerting on receiver-side evidence as common beneficiaries."""
    receiver_rules = tuple(rule for rule in RULES if rule.side == "receiver")
    # Only common beneficiaries can be flagged: judge those rows alone (few; fast).
    candidates = features.filter(pl.col("r_repeat_senders_90") >= REPEAT_HUB_SENDERS)
    judged = evaluate_rules(candidates, receiver_rules)
    # Strong on its own: a common beneficiary (R11) and at least one more independent family
    # of receiver-side evidence that is not timing, rounding or memo text (those describe the
    # same payments R11 counts, so they do not corroborate it).
    core_families = sorted({r.family for r in receiver_rules if not r.supporting} - {COMMON})
    other = pl.sum_horizontal(
        pl.any_horizontal(
            pl.col(fired_column(r)) for r in receiver_rules if r.family == f and not r.supporting
        ).cast(pl.Int32)
        for f in core_families
    )
    return judged.filter(
        (pl.col("rule_score") >= ALERT_THRESHOLD)
        & pl.col(fired_column(RULES_BY_ID["R11-repeat-foreign-senders"]))
        & (other >= 1)
    ).select("account_id", "k")


def propagate(
    features: pl.DataFrame, pairs: pl.DataFrame, step: int, checkpoints: int
) -> pl.DataFrame:
    """Add `net_flagged_payees_90` and `net_flagged_pattern_90` to the account features."""
    w90 = max(1, round(90 / step))
    flagged = flagged_beneficiaries(features)
    # Flagged at checkpoint j: known at j and the checkpoints of the next 90 days (j-1, ...).
    known = (
        flagged.with_columns(
            pl.int_ranges(
                (pl.col("k") - w90 + 1).clip(lower_bound=0), pl.col("k") + 1, dtype=pl.Int32
            ).alias("k")
        )
        .explode("k")
        .unique()
        .rename({"account_id": "receiver_id"})
    )
    key_type = pairs.schema["receiver_id"]
    known = known.with_columns(pl.col("receiver_id").cast(key_type), pl.col("k").cast(pl.Int32))
    paid = windowed(
        pairs.filter(
            pl.col("receiver_id").is_in(known["receiver_id"].unique().implode())
            & pl.col("cross_border")
            & (pl.col("n_band_corr") > 0)
            & ~pl.col("related")
        ).select(*PAIR_KEYS, "bucket", "n_pattern_corr"),
        w90,
        checkpoints,
    )
    inherited = (
        paid.join(known, on=["receiver_id", "k"], how="inner")
        .group_by(pl.col("sender_id").alias("account_id"), "k")
        .agg(
            pl.col("receiver_id").n_unique().cast(pl.Int32).alias("net_flagged_payees_90"),
            pl.col("n_pattern_corr").sum().cast(pl.Int32).alias("net_flagged_pattern_90"),
        )
    )
    inherited = inherited.with_columns(
        pl.col("account_id").cast(features.schema["account_id"]),
        pl.col("k").cast(features.schema["k"]),
    )
    return features.join(inherited, on=["account_id", "k"], how="left").with_columns(
        pl.col(c).fill_null(0) for c in NETWORK_COLUMNS
    )
