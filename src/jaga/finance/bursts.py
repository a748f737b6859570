"""A minor's burst of payments to a new payee is one event: the sextortion rules judge it.

FATF (research item 13) describes financial sextortion of children as a few rapid payments
to a new payee that "stop abruptly"; FinCEN FIN-2025-NTC2's red flag is "a series of
payments over a short period of time ... to a recipient in a Jurisdiction of Concern". The
sextortion rules (`S12` with its shape `S19`-`S21`, the payee's other victims `S14`, the
mule rules `R9`/`R9b`) read those payments from the pair's counts of all payments (`n`,
`usd`: `features._sextortion_bursts`).

The same two to six payments, when small and sent into a high-risk corridor, also filled
the consumer's and the facilitator's corridor counts: four of them in three days made
`S1` ("frequent low-value cross-border payments", item 2's "4 or more in 30 days"), an
evening among them `S3`, even amounts `S4`; on the payee's side `R2`, `R4`, `R5`. Item 2's
cadence is a relationship's ("approximately twice a day" over three years, AUSTRAC case;
"2-30 payments/month", T1), a burst that stops is not one; and counted twice, one set of
payments became two families of evidence, which item 14 ("no single financial indicator
will reveal...", AUSTRAC) and the scoring's families exist to prevent. So the corridor,
shape and memo counts of a minor's burst pairs are set to zero (`BURST_ZEROED`), as those
of calendar-rhythm pairs are (`features.discount_rhythm`): the burst counts once, for the
sextortion rules. The counts of all payments stay, so the bursts, the payee's victims and
its cash-out are unaffected.
"""

from __future__ import annotations

import polars as pl

from jaga.finance.features import (
    CORRIDOR_COUNTS,
    PAIR_KEYS,
    _sextortion_bursts,
    zero_pair_counts,
)

# Pair-bucket counts (features.pair_buckets) a minor's burst contributes nothing to: the
# corridor band and its night / even-amount / pattern shares, and the memo words.
BURST_ZEROED = CORRIDOR_COUNTS


def burst_pairs(pairs: pl.DataFrame) -> pl.DataFrame:
    """(sender_id, receiver_id) of minors' bursts to a new payee (features._sextortion_bursts)."""
    return _sextortion_bursts(pairs.lazy()).select(*PAIR_KEYS).collect()


def discount_bursts(pairs: pl.DataFrame) -> pl.DataFrame:
    """Pair-buckets with the corridor counts of minors' burst pairs set to zero."""
    bursts = burst_pairs(pairs)
    if bursts.is_empty():
        return pairs
    return zero_pair_counts(pairs, bursts, BURST_ZEROED)
