"""From validated transactions to alerts: the batch path `jaga finance score` runs."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import polars as pl

from jaga.finance.alerts import build_alerts, evidence_ids
from jaga.finance.features import (
    DEFAULT_STEP_DAYS,
    account_day_flows,
    account_features,
    cross_border_pair_days,
    enrich,
    pair_buckets,
)
from jaga.finance.indicators import IndicatorConfig
from jaga.finance.look_alikes import discount_look_alikes
from jaga.finance.network import HUB_ID_COLUMNS, device_accounts, propagate
from jaga.finance.scoring import ALERT_THRESHOLD, Scored, evaluate_rules, score_checkpoints

ID_COLUMNS = ("sender_id", "receiver_id")


@dataclass(frozen=True)
class Result:
    """Alerts plus what the benchmark and the model need.

    `coded` is the enriched frame with the account ids as Categorical (what scoring ran on);
    `enriched` gives it with id strings, as `enrich` returns it, made only when asked for:
    `jaga finance score` never needs it.
    """

    alerts: pl.DataFrame
    scored: Scored
    coded: pl.DataFrame

    @cached_property
    def enriched(self) -> pl.DataFrame:
        """The enriched transactions, account ids as strings."""
        return self.coded.with_columns(pl.col(*ID_COLUMNS).cast(pl.String))


def checkpoint_count(enriched: pl.DataFrame, anchor_day: int, step: int) -> int:
    """How many `step`-day checkpoints the data covers."""
    first_day = int(enriched["day"].min())  # type: ignore[arg-type]
    return (anchor_day - first_day) // step + 1


def code_accounts(enriched: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """`enriched` with integer account codes, and the (code, id) lookup back to the ids.

    Every group-by and join of the features is on the codes, several times faster than on
    id strings. Codes number the accounts in order of first appearance (senders' column,
    then receivers'): a rule naming "the first" of several hubs (network.py: `min()` of a
    code column) names the one seen first in the data. The categorical's own codes, used
    directly before, follow that order only roughly: Polars assigns them from several
    threads, and they differed in each of four runs on the same file, so which hub a
    reason named rested on thread timing. `lookup` has one row per account, its row number
    being the code.
    """
    names = enriched.select(pl.col(*ID_COLUMNS).cast(pl.Categorical))
    seen = pl.concat([names["sender_id"], names["receiver_id"]]).unique(maintain_order=True)
    physical = seen.to_physical()
    size = int(physical.max()) + 1 if physical.len() else 0  # type: ignore[arg-type]
    # Categorical code -> account code, as an array indexed by the former (a gather per row).
    renumber = pl.zeros(size, dtype=pl.UInt32, eager=True).scatter(
        physical, pl.int_range(physical.len(), dtype=pl.UInt32, eager=True)
    )
    coded = enriched.select(
        renumber.gather(names["sender_id"].to_physical()).alias("sender_id"),
        renumber.gather(names["receiver_id"].to_physical()).alias("receiver_id"),
        pl.exclude(*ID_COLUMNS),
    )
    lookup = pl.DataFrame({"id": seen.cast(pl.String)}).with_row_index("code")
    return coded, lookup


def features_for(
    enriched: pl.DataFrame, step: int = DEFAULT_STEP_DAYS, checkpoints: int | None = None
) -> pl.DataFrame:
    """Account features at every checkpoint (or the last `checkpoints` ones)."""
    anchor = int(enriched["day"].max())  # type: ignore[arg-type]
    count = checkpoints or checkpoint_count(enriched, anchor, step)
    coded, lookup = code_accounts(enriched)
    pair_days = cross_border_pair_days(coded)
    pairs, occasional = discount_look_alikes(pair_buckets(coded, anchor, step), pair_days)
    flows = account_day_flows(coded)
    features = propagate(
        account_features(pairs, flows, anchor, step, count),
        pairs,
        step,
        count,
        device_accounts(coded),
        occasional,
    )
    # Codes are row numbers of `lookup` (code_accounts), so the ids are read back by position
    # rather than joined; hub columns of the network rules' reasons hold codes too.
    ids = lookup["id"]
    for column in ("account_id", *HUB_ID_COLUMNS):
        features = features.drop(column).with_columns(ids.gather(features[column]).alias(column))
    return features


def score_transactions(
    valid: pl.DataFrame,
    config: IndicatorConfig | None = None,
    step: int = DEFAULT_STEP_DAYS,
    threshold: float = ALERT_THRESHOLD,
    model: object | None = None,
) -> Result:
    """Enrich, build features, evaluate rules (and model), keep the alerts."""
    # Account ids as Categorical from the start: every join and group-by of the enrichment
    # (KYC completion, surnames) and of the features runs on their integer codes, and
    # `features_for` finds them already coded. Values, and so every output, are unchanged.
    enriched = enrich(
        valid.with_columns(pl.col(*ID_COLUMNS).cast(pl.Categorical)), config or IndicatorConfig()
    )
    if enriched.is_empty():
        empty = build_alerts(pl.DataFrame({"alert": []}, schema={"alert": pl.Boolean}), {})
        return Result(empty, Scored(pl.DataFrame(), pl.DataFrame()), enriched)
    evaluated = evaluate_rules(features_for(enriched, step))
    probability = None
    contributions = None
    if model is not None:
        from jaga.finance.model import AccountModel

        assert isinstance(model, AccountModel)
        probability = model.predict(evaluated)
    scored = score_checkpoints(evaluated, probability, threshold)
    alerted = scored.accounts.filter(pl.col("alert"))
    if model is not None:
        from jaga.finance.model import AccountModel

        assert isinstance(model, AccountModel)
        contributions = model.explain(alerted)
    evidence = evidence_ids(enriched, alerted["account_id"].to_list())
    return Result(build_alerts(scored.accounts, evidence, contributions), scored, enriched)
