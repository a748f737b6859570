"""Held-out generator 9 (a payment facilitator's export): schema, labels, seeds, variants.

Small n so the file runs in seconds. These tests check the generator only; by design nothing
here runs Jaga on its data (the generator is sealed for a later blind check).
"""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl
import pytest

from jaga.finance.schema import CHANNELS

from .issue_schema import ISO_WITH_OFFSET, TX_COLUMNS, assert_issue_schema

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from finance_heldout9_gen import generate

TYPOLOGIES = {f"T{i}" for i in range(1, 8)}


@pytest.fixture(scope="module")
def small():  # type: ignore[no-untyped-def]
    return generate(40_000, "li", 3)


def good_rows(g) -> pl.DataFrame:  # type: ignore[no-untyped-def]
    return g.tx.filter(~g.tx_labels["malformed"])


def test_issue_schema_on_well_formed_rows(small) -> None:  # type: ignore[no-untyped-def]
    assert small.tx.columns == TX_COLUMNS
    assert_issue_schema(good_rows(small))
    good = good_rows(small)
    assert good["amount"].null_count() == 0 and (good["amount"] > 0).all()
    assert good["currency"].null_count() == 0
    assert good["sender_country"].str.contains(r"^[A-Z]{2}$").all()
    assert good["receiver_country"].str.contains(r"^[A-Z]{2}$").all()
    assert small.tx["sender_birth_year"].dtype.is_integer()


def test_what_the_harness_reads(small) -> None:  # type: ignore[no-untyped-def]
    """Masks need ids and usd without nulls; labels aligned row for row with tx."""
    tx, lab, acc = small.tx, small.tx_labels, small.accounts
    assert lab.height == tx.height
    assert (lab["tx_id"] == tx["tx_id"]).all()
    for c in ("tx_id", "sender_id", "receiver_id", "sender_country", "receiver_country"):
        assert tx[c].null_count() == 0, c
        assert tx[c].dtype == pl.String
    assert lab["usd"].null_count() == 0 and (lab["usd"] > 0).all()
    assert set(lab["label_tx"].unique()) == {0, 1}
    assert lab["label_typology"].null_count() == 0
    assert ((lab["label_typology"] != "") == (lab["label_tx"] == 1)).all()
    assert acc["account_id"].is_unique().all() and acc["account_id"].null_count() == 0
    ids = set(tx["sender_id"]) | set(tx["receiver_id"])
    assert ids == set(acc["account_id"])
    assert set(acc["label"].unique()) == {0, 1}
    assert {"typology", "role", "population", "hard_negative"} <= set(acc.columns)


def test_every_typology_planted(small) -> None:  # type: ignore[no-untyped-def]
    assert set(small.tx_labels["label_typology"].unique()) - {""} == TYPOLOGIES
    pos = small.accounts.filter(pl.col("label") == 1)
    assert set(pos["typology"].unique()) == TYPOLOGIES
    assert (pos["role"] != "").all()
    # Every illicit payment touches at least one labelled account.
    positives = pos["account_id"].implode()
    ill = small.tx.filter(small.tx_labels["label_tx"] == 1)
    assert (ill["sender_id"].is_in(positives) | ill["receiver_id"].is_in(positives)).all()
    # ... and every labelled account takes part in at least one illicit payment.
    involved = pl.concat([ill["sender_id"], ill["receiver_id"]]).implode()
    assert pos["account_id"].is_in(involved).all()


def test_hard_negatives_marked_and_benign(small) -> None:  # type: ignore[no-untyped-def]
    acc = small.accounts
    hard = acc.filter(pl.col("hard_negative"))
    assert hard.height > 0 and (hard["label"] == 0).all()
    assert {"creator_fan", "adult_creator", "esl_tutor", "romance_victim", "teen_gamer"} <= set(
        hard["population"]
    )
    none = generate(20_000, "li", 3, hard=0.0)
    assert not none.accounts["hard_negative"].any()


def test_malformed_rows_are_marked_benign_and_invalid(small) -> None:  # type: ignore[no-untyped-def]
    lab = small.tx_labels
    bad = small.tx.filter(lab["malformed"])
    assert bad.height >= 5
    assert (lab.filter(pl.col("malformed"))["label_tx"] == 0).all()
    invalid = (
        ~pl.col("timestamp").str.contains(ISO_WITH_OFFSET)
        | ~pl.col("sender_country").str.contains(r"^[A-Z]{2}$")
        | pl.col("amount").is_null()
        | pl.col("currency").is_null()
        | ~pl.col("channel").is_in(list(CHANNELS))
    )
    assert bad.select(invalid.all()).item()
    assert not good_rows(small).select(invalid.any()).item()
    assert set(lab.filter(pl.col("malformed"))["fault"]) == {
        "timestamp",
        "country",
        "amount",
        "currency",
        "channel",
    }


def test_deterministic_per_seed() -> None:
    a = generate(15_000, "hi", 11)
    b = generate(15_000, "hi", 11)
    c = generate(15_000, "hi", 12)
    assert a.tx.equals(b.tx) and a.tx_labels.equals(b.tx_labels) and a.accounts.equals(b.accounts)
    assert not a.tx.equals(c.tx)


def test_variants_differ_in_prevalence() -> None:
    # 200k: below that the minimum cast of every typology dominates the li variant.
    li = generate(200_000, "li", 5)
    hi = generate(200_000, "hi", 5)
    share_li = li.tx_labels["label_tx"].mean()
    share_hi = hi.tx_labels["label_tx"].mean()
    assert isinstance(share_li, float) and isinstance(share_hi, float)
    assert share_hi > 2 * share_li
    assert 0.0003 < share_li < 0.0015 and 0.0015 < share_hi < 0.004
    assert 160_000 < li.tx.height < 240_000
    with pytest.raises(ValueError):
        generate(1_000, "mid", 1)


def test_planted_patterns_follow_the_note(small) -> None:  # type: ignore[no-untyped-def]
    """A few of the note's parameters, read back from the rows (not from the generator)."""
    tx = small.tx.with_columns(small.tx_labels.select("usd", "label_typology")).filter(
        ~small.tx_labels["malformed"]
    )
    tx = tx.with_columns(pl.col("timestamp").str.to_datetime("%Y-%m-%dT%H:%M:%S%:z").alias("ts"))
    # T1/T3 consumer payments: low value (band 10-200, some drifted up to 250), cross-border.
    ppv = tx.filter(pl.col("label_typology").is_in(["T1", "T3"]) & (pl.col("channel") == "card"))
    assert ppv.height > 0
    assert ppv["usd"].is_between(9.5, 255).all()
    assert (ppv["sender_country"] != ppv["receiver_country"]).all()
    # T5: per victim 2-6 payments within 72 h, the first under 250, the total at most 1,500.
    fsec = (
        tx.filter((pl.col("label_typology") == "T5") & (pl.col("channel") == "card"))
        .sort("ts")
        .group_by("sender_id")
        .agg(
            pl.len().alias("n"),
            pl.col("usd").first().alias("first"),
            pl.col("usd").sum().alias("total"),
            (pl.col("ts").max() - pl.col("ts").min()).dt.total_hours().alias("hours"),
        )
    )
    assert fsec.height > 0
    assert fsec["n"].is_between(2, 6).all() and (fsec["first"] < 250).all()
    assert (fsec["total"] <= 1500).all() and (fsec["hours"] <= 72).all()
    # T6: every card purchase of crypto is followed by a withdrawal to a labelled address.
    cvc = tx.filter(pl.col("label_typology") == "T6")
    assert (
        cvc.filter(pl.col("channel") == "card").height
        == cvc.filter(pl.col("channel") == "crypto").height
    )
    # T4: ATM withdrawals abroad; T2: facilitators' payouts to e-wallets.
    assert (tx.filter(pl.col("label_typology") == "T4")["merchant_category"] == "6011").any()
    assert (tx.filter(pl.col("label_typology") == "T2")["channel"] == "ewallet").any()
