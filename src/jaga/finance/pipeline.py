"""From validated transactions to alerts: the batch path `jaga finance score` runs."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from jaga.finance.alerts import build_alerts, evidence_ids
from jaga.finance.family import discount_family_support
from jaga.finance.features import (
    DEFAULT_STEP_DAYS,
    account_day_flows,
    account_features,
    calendar_rhythm,
    cross_border_pair_days,
    discount_rhythm,
    enrich,
    pair_buckets,
)
from jaga.finance.indicators import IndicatorConfig
from jaga.finance.network import HUB_ID_COLUMNS, device_accounts, propagate
from jaga.finance.occasional import occasional_pairs
from jaga.finance.scoring import ALERT_THRESHOLD, Scored, evaluate_rules, score_checkpoints


@dataclass(frozen=True)
class Result:
    """Alerts plus what the benchmark and the model need."""

    alerts: pl.DataFrame
    scored: Scored
    enriched: pl.DataFrame


def checkpoint_count(enriched: pl.DataFrame, anchor_day: int, step: int) -> int:
    """How many `step`-day checkpoints the data covers."""
    first_day = int(enriched["day"].min())  # type: ignore[arg-type]
    return (anchor_day - first_day) // step + 1


def features_for(
    enriched: pl.DataFrame, step: int = DEFAULT_STEP_DAYS, checkpoints: int | None = None
) -> pl.DataFrame:
    """Account features at every checkpoint (or the last `checkpoints` ones)."""
    anchor = int(enriched["day"].max())  # type: ignore[arg-type]
    count = checkpoints or checkpoint_count(enriched, anchor, step)
    # Integer account codes (the categorical's physical values): every group-by and join
    # below is on them, several times faster than on id strings.
    names = enriched.select(
        pl.col("sender_id").cast(pl.Categorical), pl.col("receiver_id").cast(pl.Categorical)
    )
    coded = enriched.select(
        names["sender_id"].to_physical(),
        names["receiver_id"].to_physical(),
        pl.exclude("sender_id", "receiver_id"),
    )
    lookup = (
        pl.concat([names.select(pl.col("sender_id").alias("a")),
                   names.select(pl.col("receiver_id").alias("a"))])
        .unique()
        .select(pl.col("a").to_physical().alias("code"), pl.col("a").cast(pl.String).alias("id"))
    )  # fmt: skip
    pair_days = cross_border_pair_days(coded)
    pairs = discount_rhythm(pair_buckets(coded, anchor, step), calendar_rhythm(pair_days))
    occasional = occasional_pairs(pair_days)
    pairs = discount_family_support(pairs, occasional)
    flows = account_day_flows(coded)
    features = propagate(
        account_features(pairs, flows, anchor, step, count),
        pairs,
        step,
        count,
        device_accounts(coded),
        occasional,
    )
    features = (
        features.join(lookup, left_on="account_id", right_on="code")
        .drop("account_id")
        .rename({"id": "account_id"})
    )
    # Hub columns of the network rules' reasons hold account codes: back to the ids.
    for column in HUB_ID_COLUMNS:
        hub_ids = lookup.rename({"code": column, "id": "_hub_id"})
        features = (
            features.join(hub_ids, on=column, how="left").drop(column).rename({"_hub_id": column})
        )
    return features


def score_transactions(
    valid: pl.DataFrame,
    config: IndicatorConfig | None = None,
    step: int = DEFAULT_STEP_DAYS,
    threshold: float = ALERT_THRESHOLD,
    model: object | None = None,
) -> Result:
    """Enrich, build features, evaluate rules (and model), keep the alerts."""
    enriched = enrich(valid, config or IndicatorConfig())
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
