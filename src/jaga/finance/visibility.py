"""What the input can show: payees whose own payments lie outside it.

An export from one bank or remitter holds its customers' payments, in and out. A payee
abroad is usually another institution's customer: the export shows what the bank's
customers paid it and nothing of what it did with the money. FinCEN FIN-2025-NTC2 and the
FBI describe sextortion payments going to money mules who forward or cash them out
(research item 12 for the facilitator's cash-out); the mule test asks for a material share
of inbound value moved on (`features.MULE_MOVED_SHARE`), so that a shop, a reseller or a
friend who keeps what minors paid is no mule. That test can only be passed by a payee whose
outgoing payments are in the input. For a payee the input cannot show as a payer, the
absence of outflows is no evidence that it kept the money: its other victims are the
evidence (FATF 2025, FinCEN 2025: several minors paying one new payee in bursts).

Whether the input is such a one-sided view is read from the data, not configured: in a
ledger that holds both sides (a national switch, a remitter's whole book, a synthetic
world) most payees of cross-border payments also pay someone; in one institution's export
few do. The input is *one-sided* when fewer than `ONE_SIDED_SHARE` of the payees of
cross-border payments ever appear as payers, judged over at least `ONE_SIDED_MIN_PAYEES`
such payees (a handful of payees says nothing about the export). A payee is *unseen* when
the input is one-sided, it was paid across a border, and it never appears as a payer.
Both thresholds are our design reading (a quarter: three payees abroad in four outside the
export), not published figures. Batch: over the input; incremental: over the stored
pair history and the new file.
"""

from __future__ import annotations

import polars as pl

# Fewer than this share of the cross-border payees appear as payers: one institution's view.
ONE_SIDED_SHARE = 0.25
# ... judged only over at least this many cross-border payees.
ONE_SIDED_MIN_PAYEES = 100


def unseen_payees(pairs: pl.LazyFrame) -> pl.LazyFrame:
    """`account_id` of cross-border payees whose own payments the input cannot show.

    `pairs`: the pair-bucket table (`sender_id`, `receiver_id`, `cross_border`). Empty when
    the input holds both sides of most payees' accounts (see the module docstring).
    """
    payers = pairs.select(pl.col("sender_id").alias("account_id")).unique()
    payees = (
        pairs.filter(pl.col("cross_border"))
        .select(pl.col("receiver_id").alias("account_id"))
        .unique()
        .join(payers.with_columns(pl.lit(True).alias("_pays")), on="account_id", how="left")
        .with_columns(pl.col("_pays").fill_null(False))
    )
    one_sided = (pl.len() >= ONE_SIDED_MIN_PAYEES) & (pl.col("_pays").mean() < ONE_SIDED_SHARE)
    return (
        payees.with_columns(one_sided.alias("_one_sided"))
        .filter(pl.col("_one_sided") & ~pl.col("_pays"))
        .select("account_id")
    )
