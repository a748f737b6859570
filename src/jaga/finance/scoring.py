"""Weigh fired rules into an account risk score, severity and alert decision.

The score of an account at a checkpoint adds up independent evidence (research item 14:
"no single financial indicator will reveal..."): rules are grouped in families that measure
one thing (fan-in: many foreign senders, many corridor credits, shared senders; cash-out;
common beneficiary; minors; ...); a family counts once, with its strongest fired rule;
supporting rules (timing, rounding, memo, profile) add at most `SUPPORT_CAP` and count as
one family only when they reach `SUPPORT_FAMILY_MIN` together; evidence from a single family
is capped at `SINGLE_FAMILY_CAP`, below the alert threshold, however many correlated rules
of it fire. Sender-side and receiver-side rules are scored separately (an account's score
is the higher side): being paid by many foreigners does not corroborate paying many. When a
trained model is given, `MODEL_WEIGHT` times its probability is added. Severity comes from
the rules only, so a model can rank but never escalate on its own: one family of indicators
alone is "low" whatever the score, two or more are "medium" from `MEDIUM_SCORE`, three or
more are "high" from `HIGH_SCORE`. An account's alert is its highest-scoring checkpoint;
`first_seen` is the first checkpoint at which it crossed the threshold.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from jaga.finance.typologies import RULES, SHAPE, Rule

ALERT_THRESHOLD = 4.0
MEDIUM_SCORE = 4.0
HIGH_SCORE = 6.0
MODEL_WEIGHT = 2.0
SUPPORT_CAP = 1.5
SINGLE_FAMILY_CAP = 3.5
SUPPORT_FAMILY_MIN = 1.5
# Three independent families of evidence reach the alert threshold whatever their weights
# (item 14: indicators combined; AUSTRAC: regulators applying the typologies "easily
# identified" such customers). Weak rules (1.0 each) in three families are not one weak
# signal: two weak families plus corroborating habits stay below, a third family alerts.
CORROBORATED_FAMILIES = 3


@dataclass(frozen=True)
class Scored:
    """Per-checkpoint rows (features, fired rules, score) and one best row per account."""

    checkpoints: pl.DataFrame
    accounts: pl.DataFrame


def fired_column(rule: Rule) -> str:
    """Name of the boolean column saying whether `rule` fired."""
    return f"rule:{rule.rule_id}"


def evaluate_rules(features: pl.DataFrame, rules: tuple[Rule, ...] = RULES) -> pl.DataFrame:
    """Add one boolean column per rule, the rule score, rules and families fired."""
    # Lazy: the streaming engine evaluates the rules over chunks of rows on every core.
    fired = features.lazy().with_columns(
        rule.condition.fill_null(False).alias(fired_column(rule)) for rule in rules
    )
    # Sender-side rules judge the account as a payer (consumer, victim), receiver-side ones
    # as a beneficiary (facilitator, mule): evidence for one role does not corroborate the
    # other, so each side is scored on its own and the account takes the higher.
    sides = sorted({rule.side for rule in rules})
    scores = [_side_score(tuple(r for r in rules if r.side == side)) for side in sides]
    score = pl.max_horizontal(total for total, _ in scores)
    families = pl.max_horizontal(n for _, n in scores)
    return fired.with_columns(
        score.alias("rule_score"),
        pl.sum_horizontal(pl.col(fired_column(rule)).cast(pl.Int32) for rule in rules).alias(
            "rules_fired"
        ),
        families.alias("families_fired"),
    ).collect()


def _side_score(rules: tuple[Rule, ...]) -> tuple[pl.Expr, pl.Expr]:
    """Score and number of independent families of one side's rules (see module docstring)."""

    def weight(rule: Rule) -> pl.Expr:
        return pl.when(pl.col(fired_column(rule))).then(rule.weight).otherwise(0.0)

    families = sorted({rule.family for rule in rules if not rule.supporting})
    family_scores = [
        pl.max_horizontal(weight(r) for r in rules if r.family == f and not r.supporting)
        for f in families
    ]
    support = pl.sum_horizontal(weight(r) for r in rules if r.supporting)
    corroborating = pl.sum_horizontal(
        [pl.lit(0.0)] + [weight(r) for r in rules if r.supporting and r.family != SHAPE]
    )
    core = pl.sum_horizontal(family_scores)
    # Supporting indicators add to the score up to SUPPORT_CAP. They count as one more family
    # only when those of them that say something about the link itself (night payments to a
    # flagged beneficiary, a sextortion burst's payee abroad, crypto to a checkout address)
    # reach SUPPORT_FAMILY_MIN; the payments' own habits (`SHAPE`: night, even amounts, memo
    # words, male payer) are correlated with what the core rules count and never do.
    n_families = pl.sum_horizontal((score > 0).cast(pl.Int32) for score in family_scores) + (
        corroborating >= SUPPORT_FAMILY_MIN
    ).cast(pl.Int32)
    total = core + pl.min_horizontal(support, pl.lit(SUPPORT_CAP))
    # An inherited rule (R15) carries another account's corroborated evidence: not capped.
    inherited = pl.any_horizontal(
        [pl.lit(False)] + [pl.col(fired_column(r)) for r in rules if r.inherited]
    )
    capped = (
        pl.when(n_families >= CORROBORATED_FAMILIES)
        .then(pl.max_horizontal(total, pl.lit(ALERT_THRESHOLD)))
        .when((n_families >= 2) | inherited)
        .then(total)
        .otherwise(pl.min_horizontal(total, pl.lit(SINGLE_FAMILY_CAP)))
    )
    return capped, n_families


def severity_expr(score: pl.Expr, families_fired: pl.Expr) -> pl.Expr:
    """low / medium / high; one family of indicators alone never more than low (item 14)."""
    return (
        pl.when((families_fired >= 3) & (score >= HIGH_SCORE))
        .then(pl.lit("high"))
        .when((families_fired >= 2) & (score >= MEDIUM_SCORE))
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
        severity_expr(pl.col("score"), pl.col("families_fired")).alias("severity"),
        (pl.col("score") >= threshold).alias("alert"),
    )
    first = (
        frame.filter(pl.col("alert"))
        .group_by("account_id")
        .agg(pl.col("checkpoint_day").min().alias("first_alert_day"))
    )
    best = frame[_best_rows(frame)].join(first, on="account_id", how="left")
    return Scored(frame, best)


def _best_rows(frame: pl.DataFrame) -> pl.Series:
    """Row numbers of each account's highest-scoring (then latest) checkpoint, best first.

    Sorted on the three key columns only, then the rows gathered: sorting the whole frame
    moved every feature and rule column.
    """
    return (
        frame.select("account_id", "score", "checkpoint_day")
        .with_row_index("_row")
        .sort(["score", "checkpoint_day"], descending=[True, True])
        .unique("account_id", keep="first", maintain_order=True)
        .get_column("_row")
    )


def role_of(row: dict[str, object], rules: tuple[Rule, ...] = RULES) -> str:
    """sender, receiver or both: which side of the account's payments the fired rules judge;
    linked-household when its only core evidence is a link to an alerting hub (R15)."""
    fired = [rule for rule in rules if row.get(fired_column(rule))]
    core = [rule for rule in fired if not rule.supporting]
    if core and all(rule.inherited and rule.family == "linked-account" for rule in core):
        return "linked-household"
    sides = {rule.side for rule in fired}
    if sides == {"sender"}:
        return "sender"
    if sides == {"receiver"}:
        return "receiver"
    return "both" if sides else "none"
