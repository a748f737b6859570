"""Weigh fired rules into an account risk score, severity and alert decision.

The score of an account at a checkpoint is the sum of the weights of the rules it meets
(plus, when a trained model is given, `MODEL_WEIGHT` times its probability). Severity comes
from the rules only, so a model can rank but never escalate on its own: one rule alone is
"low" whatever the score, two or more are "medium" from `MEDIUM_SCORE`, three or more are
"high" from `HIGH_SCORE`. An account's alert is its highest-scoring checkpoint; `first_seen`
is the first checkpoint at which it crossed the threshold.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from jaga.finance.typologies import RULES, Rule

ALERT_THRESHOLD = 4.0
MEDIUM_SCORE = 4.0
HIGH_SCORE = 6.0
MODEL_WEIGHT = 2.0


@dataclass(frozen=True)
class Scored:
    """Per-checkpoint rows (features, fired rules, score) and one best row per account."""

    checkpoints: pl.DataFrame
    accounts: pl.DataFrame


def fired_column(rule: Rule) -> str:
    """Name of the boolean column saying whether `rule` fired."""
    return f"rule:{rule.rule_id}"


def evaluate_rules(features: pl.DataFrame, rules: tuple[Rule, ...] = RULES) -> pl.DataFrame:
    """Add one boolean column per rule, the rule score and the number of rules fired."""
    fired = features.with_columns(
        rule.condition.fill_null(False).alias(fired_column(rule)) for rule in rules
    )
    return fired.with_columns(
        pl.sum_horizontal(
            pl.when(pl.col(fired_column(rule))).then(rule.weight).otherwise(0.0) for rule in rules
        ).alias("rule_score"),
        pl.sum_horizontal(pl.col(fired_column(rule)).cast(pl.Int32) for rule in rules).alias(
            "rules_fired"
        ),
    )


def severity_expr(score: pl.Expr, rules_fired: pl.Expr) -> pl.Expr:
    """low / medium / high; one rule alone never more than low (research item 14)."""
    return (
        pl.when((rules_fired >= 3) & (score >= HIGH_SCORE))
        .then(pl.lit("high"))
        .when((rules_fired >= 2) & (score >= MEDIUM_SCORE))
        .then(pl.lit("medium"))
        .otherwise(pl.lit("low"))
    )


def score_checkpoints(
    evaluated: pl.DataFrame,
    model_probability: pl.Series | None = None,
    threshold: float = ALERT_THRESHOLD,
) -> Scored:
    """Total score per checkpoint row, then the best row and first alert per account."""
    frame = evaluated.with_columns(
        (
            pl.col("rule_score") + MODEL_WEIGHT * model_probability
            if model_probability is not None
            else pl.col("rule_score")
        ).alias("score")
    )
    frame = frame.with_columns(
        severity_expr(pl.col("score"), pl.col("rules_fired")).alias("severity"),
        (pl.col("score") >= threshold).alias("alert"),
    )
    first = (
        frame.filter(pl.col("alert"))
        .group_by("account_id")
        .agg(pl.col("checkpoint_day").min().alias("first_alert_day"))
    )
    best = (
        frame.sort(["score", "checkpoint_day"], descending=[True, True])
        .unique("account_id", keep="first", maintain_order=True)
        .join(first, on="account_id", how="left")
    )
    return Scored(frame, best)


def role_of(row: dict[str, object], rules: tuple[Rule, ...] = RULES) -> str:
    """sender, receiver or both: which side of the account's payments the fired rules judge."""
    sides = {rule.side for rule in rules if row.get(fired_column(rule))}
    if sides == {"sender"}:
        return "sender"
    if sides == {"receiver"}:
        return "receiver"
    return "both" if sides else "none"
