"""Pooled crypto addresses: a public service's address, paid once each by very many people.

The T6 rules (`S22`, `S23`, `R12`, `R13`; FinCEN FIN-2021-NTC3, FATF 2025) look for a
crypto address that several unrelated senders pay in the USD 10-200 band, almost only in
that band: a pay-per-view checkout (research note T6: a consumer "buys crypto, then sends to
a cluster of CSAM-site addresses"). Public services have such addresses too: an exchange's
pooled deposit address or a game's payment contract is paid by very many unrelated people,
most of them once, often a fixed small sum (a top-up, an entry fee). A payee paid so is an
institution, not a facilitator: how its payers relate to it is an audience's, not a
customer base's.

This is the audience test (`audience.py`: criteria 1 and 2) applied to crypto, which that
module leaves to the T6 rules: an address paid in the band by `AUDIENCE_MIN_PAYERS` (25)
or more unrelated senders within 90 days, at least two in three of them paying it at most
once in every 30 days (`AUDIENCE_ONCE_SHARE`), is pooled. Pay-per-view customers come back
in sessions ("approximately twice a day", AUSTRAC case, research item 2; "2-30
payments/month in bursts", T1), so a checkout's base of buyers has most of them paying
twice or more in some month. Like an audience, being pooled is a property of the address,
not of a window: one pooled in `STANDING_MIN_WINDOWS` or more 90-day windows of its observed
history (batch: the input; incremental: the stored 200 days) is pooled at every checkpoint.

A pooled address makes no shared address for `S22`/`S23` and does not alert as one
(`R12`/`R13`); its payers' other evidence still counts. The limit, as for audiences: a
CSAM site whose buyers, 25 or more in 90 days, mostly pay it once a month or less is
judged by its payers' other evidence only. The thresholds are the audience module's design
choices, not published figures.
"""

from __future__ import annotations

import polars as pl

from jaga.finance.audience import AUDIENCE_MIN_PAYERS, AUDIENCE_ONCE_SHARE, STANDING_MIN_WINDOWS
from jaga.finance.standing import standing


def pooled_addresses(crypto90: pl.LazyFrame, checkpoints: int) -> pl.LazyFrame:
    """(receiver_id, k) of pooled crypto addresses (module docstring).

    `crypto90`: crypto pair-bucket rows, once per checkpoint `k` whose 90-day window holds
    them (`features.windowed`), with `n_crypto_band`: the pair's unrelated in-band crypto
    payments in that 30-day bucket.
    """
    band = crypto90.filter(pl.col("n_crypto_band") > 0)
    # Only addresses with enough payers over their whole history can be pooled (few; fast).
    broad = (
        band.group_by("receiver_id")
        .agg(pl.col("sender_id").n_unique().alias("_payers"))
        .filter(pl.col("_payers") >= AUDIENCE_MIN_PAYERS)
        .select("receiver_id")
    )
    windows = (
        band.join(broad, on="receiver_id", how="semi")
        .group_by("receiver_id", "k", "sender_id")
        .agg(pl.col("n_crypto_band").max().alias("_peak"))
        .group_by("receiver_id", "k")
        .agg(
            pl.len().alias("_payers"),
            (pl.col("_peak") <= 1).mean().alias("_once_share"),
        )
        .filter(
            (pl.col("_payers") >= AUDIENCE_MIN_PAYERS)
            & (pl.col("_once_share") >= AUDIENCE_ONCE_SHARE)
        )
        .select("receiver_id", pl.col("k").cast(pl.Int32))
    )
    return pl.concat([windows, standing(windows, STANDING_MIN_WINDOWS, checkpoints)]).unique()
