"""Benign look-alike pairs discounted before the features: one sequence for both paths.

The batch path (`pipeline.features_for`) and the incremental path (`state.current_features`)
must judge a pair the same way, so the order of the discounts lives here once: calendar
rhythm (standing orders, `features.discount_rhythm`), festival gift rounds (`festivals`),
billing relationships (`work_payments`), named purchases (lessons, game items:
`purchases`), family support (`family`, which needs the occasional pairs) and minors'
bursts counted once (`bursts`).
"""

from __future__ import annotations

import polars as pl

from jaga.finance.bursts import discount_bursts
from jaga.finance.family import discount_family_support
from jaga.finance.features import calendar_rhythm, discount_rhythm
from jaga.finance.festivals import discount_festival_gifts
from jaga.finance.occasional import occasional_pairs
from jaga.finance.purchases import discount_purchases
from jaga.finance.work_payments import discount_work


def discount_look_alikes(
    pairs: pl.DataFrame, pair_days: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The pair-bucket table with look-alike pairs discounted, and the occasional pairs.

    `pair_days`: cross-border (sender_id, receiver_id, day, n) rows
    (`features.cross_border_pair_days`); the occasional pairs are returned too, since the
    network rules (`network.propagate`) leave them out of a hub's customers.
    """
    pairs = discount_rhythm(pairs, calendar_rhythm(pair_days))
    pairs = discount_festival_gifts(pairs, pair_days)
    occasional = occasional_pairs(pair_days)
    pairs = discount_purchases(discount_work(pairs))
    pairs = discount_bursts(discount_family_support(pairs, occasional))
    return pairs, occasional
