"""Scoring counts independent evidence: families once, one family or one side never alerts."""

from __future__ import annotations

from dataclasses import replace

import polars as pl

from jaga.finance.features import FEATURE_COLUMNS
from jaga.finance.scoring import (
    ALERT_THRESHOLD,
    SINGLE_FAMILY_CAP,
    evaluate_rules,
    severity_expr,
)
from jaga.finance.typologies import RULES


def _account(**values: float) -> dict[str, float]:
    row = dict.fromkeys(FEATURE_COLUMNS, 0.0)
    row["r_organisation"] = False  # organisations.py: not a charity or business
    row["r_platform_seller"] = False  # business.py: no standing platform payouts
    row["r_audience"] = False  # audience.py: not funded by an audience
    row["r_mixed_clientele"] = False  # payer_profile.py: not paid by men and women alike
    row["r_outflows_unseen"] = False  # visibility.py: its own payments are in the input
    row["r_crypto_pooled"] = False  # pooled.py: not a pooled crypto address
    row.update(values)
    return row


def _scores(*rows: dict[str, float]) -> list[float]:
    frame = pl.DataFrame(list(rows)).with_columns(pl.lit(False).alias("s_male"))
    return evaluate_rules(frame)["rule_score"].to_list()


def test_correlated_fan_in_indicators_alone_stay_below_the_threshold() -> None:
    # An adult creator: many foreign one-off tippers (R1, R2, R7) at night, round, with
    # handles; no repeat senders, no cash-out. One family plus support: no alert.
    creator = _account(
        r_foreign_senders_30=17, r_sender_countries_30=6, r_band_corr_30=14, r_band_corr_90=40,
        r_night_share_90=0.6, r_round_share_90=0.9, r_memo_90=17, net_shared_senders_90=12,
    )  # fmt: skip
    # A facilitator: the same plus foreign senders who pay again and again (R11).
    hub = {**creator, "r_repeat_senders_90": 5.0}
    creator_score, hub_score = _scores(creator, hub)
    assert creator_score <= SINGLE_FAMILY_CAP < ALERT_THRESHOLD
    assert hub_score >= ALERT_THRESHOLD


def test_sender_and_receiver_evidence_do_not_add_up() -> None:
    # Pays several unrelated corridor receivers (sender side) and is paid by many foreign
    # senders (receiver side): neither role alone is corroborated.
    mixed = _account(
        s_unrelated_receivers_90=3, s_band_corr_90=3, r_foreign_senders_30=6, r_memo_90=3,
    )  # fmt: skip
    consumer = _account(
        s_unrelated_receivers_90=3, s_band_corr_30=5, s_band_corr_90=12, s_night_share_90=0.7,
        s_round_share_90=0.8, s_memo_90=4, net_repeat_hubs_90=1,
    )  # fmt: skip
    mixed_score, consumer_score = _scores(mixed, consumer)
    assert mixed_score < ALERT_THRESHOLD
    assert consumer_score >= ALERT_THRESHOLD


def test_any_one_rule_alone_is_low_severity_and_below_the_threshold() -> None:
    # AUSTRAC: "no single financial indicator will reveal..." (research item 14). Whatever
    # its weight, each rule of the pack firing on its own stays low and raises no alert,
    # except an inherited rule (R15, a linked account of a hub alerting on 2+ families of
    # its own; S25, a customer of such a hub that buyers come back to): it alerts on the
    # hub's corroborated evidence, and still stays low.
    frame = pl.DataFrame([_account()]).with_columns(pl.lit(False).alias("s_male"))
    inherited = [rule.rule_id for rule in RULES if rule.inherited]
    assert inherited == ["S25-customer-of-corroborated-hub", "R15-shares-device-with-hub"]
    for rule in RULES:
        only = tuple(replace(r, condition=pl.lit(r.rule_id == rule.rule_id)) for r in RULES)
        out = evaluate_rules(frame, only)
        severity = out.select(severity_expr(pl.col("rule_score"), pl.col("families_fired")))
        assert out["rules_fired"][0] == 1
        if rule.inherited:
            assert out["rule_score"][0] == ALERT_THRESHOLD, rule.rule_id
        else:
            assert out["rule_score"][0] < ALERT_THRESHOLD, rule.rule_id
        assert severity.item() == "low", rule.rule_id


def _families(*rows: dict[str, float]) -> list[int]:
    frame = pl.DataFrame(list(rows)).with_columns(pl.lit(True).alias("s_male"))
    return evaluate_rules(frame)["families_fired"].to_list()


def test_night_round_cover_word_and_male_are_one_family_that_never_corroborates() -> None:
    # A payer with band cadence (S1) whose payments are all at night, even, with cover
    # words, from a man: the habits raise the score but are no second family, no alert.
    habits = _account(
        s_band_corr_30=5, s_band_corr_90=12, s_night_share_90=0.9, s_round_share_90=0.9,
        s_memo_90=5, s_max_pair_span_180=100, s_band_corr_180=20,
    )  # fmt: skip
    # Control: the same payer also paid a flagged beneficiary (S17), an independent family.
    linked = {**habits, "net_flagged_payees_90": 1.0}
    frame = pl.DataFrame([habits, linked]).with_columns(pl.lit(True).alias("s_male"))
    judged = evaluate_rules(frame)
    assert judged["rule:S3-night-payments"][0] and judged["rule:S13-male-sender"][0]
    assert judged["families_fired"].to_list() == [1, 2]
    habits_score, linked_score = judged["rule_score"].to_list()
    assert habits_score < ALERT_THRESHOLD <= linked_score


def test_crypto_to_a_hub_is_the_same_family_as_paying_the_hub() -> None:
    # S8 (crypto to a many-sender hub) adds no family to S7 (paying that hub).
    payer = _account(net_hub_receivers_90=1, net_crypto_to_hub_90=3, s_band_corr_90=3)
    assert _families(payer) == [1]
    assert _scores(payer)[0] < ALERT_THRESHOLD
