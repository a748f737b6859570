"""Held-out generator 10 (the offenders' own AU/NZ retail bank): schema, labels, seeds, variants.

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
from finance_heldout10_gen import generate

TYPOLOGIES = {f"T{i}" for i in range(1, 8)}


@pytest.fixture(scope="module")
def small():  # type: ignore[no-untyped-def]
    return generate(40_000, "li", 3)


def good_rows(g) -> pl.DataFrame:  # type: ignore[no-untyped-def]
    return g.tx.filter(~g.tx_labels["malformed"])


def test_issue_schema_on_well_formed_rows(small) -> None:  # type: ignore[no-untyped-def]
    assert small.tx.columns == TX_COLUMNS
    good = good_rows(small)
    assert_issue_schema(good)
    assert good["amount"].null_count() == 0 and (good["amount"] > 0).all()
    assert set(good["currency"].unique()) <= {"AUD", "NZD", "PHP", "THB"}
    assert good["sender_country"].str.contains(r"^[A-Z]{2}$").all()
    assert good["receiver_country"].str.contains(r"^[A-Z]{2}$").all()
    assert small.tx["sender_birth_year"].dtype.is_integer()
    assert small.tx["receiver_birth_year"].dtype.is_integer()
    # Book-zone offsets only: Sydney (+10/+11) for the AU book, Auckland (+12/+13) for NZ.
    off = good.select(pl.col("timestamp").str.slice(19).alias("o"), pl.col("tx_id"))
    au = off.filter(pl.col("tx_id").str.starts_with("AU"))["o"]
    nz = off.filter(pl.col("tx_id").str.starts_with("NZ"))["o"]
    assert set(au) == {"+10:00", "+11:00"} and set(nz) == {"+12:00", "+13:00"}


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
    positives = pos["account_id"].implode()
    ill = small.tx.filter(small.tx_labels["label_tx"] == 1)
    assert (ill["sender_id"].is_in(positives) | ill["receiver_id"].is_in(positives)).all()
    involved = pl.concat([ill["sender_id"], ill["receiver_id"]]).implode()
    assert pos["account_id"].is_in(involved).all()
    # Account ids carry no hint of the label (random numbers, not creation order).
    neg = small.accounts.filter(pl.col("label") == 0)
    cus = pl.col("account_id").str.starts_with("CUS")
    med = pos.filter(cus)["account_id"].str.slice(3).cast(pl.Int64).median()
    lo, hi = (
        neg.filter(cus)["account_id"].str.slice(3).cast(pl.Int64).quantile(0.1),
        neg.filter(cus)["account_id"].str.slice(3).cast(pl.Int64).quantile(0.9),
    )
    assert lo is not None and hi is not None and med is not None and lo < med < hi


def test_hard_negatives_marked_and_benign(small) -> None:  # type: ignore[no-untyped-def]
    acc = small.accounts
    hard = acc.filter(pl.col("hard_negative"))
    assert hard.height > 0 and (hard["label"] == 0).all()
    assert {
        "partner_support",
        "romance_victim",
        "creator_fan",
        "adult_creator",
        "va_employer",
        "charity_donor",
        "student_sponsor",
        "crypto_dca",
        "teen_gamer",
        "tourist",
        "retiree_expat",
        "diaspora_allowance",
    } <= set(hard["population"])
    none = generate(20_000, "li", 3, hard=0.0)
    assert not none.accounts["hard_negative"].any()


def test_malformed_rows_are_marked_benign_and_invalid(small) -> None:  # type: ignore[no-untyped-def]
    lab = small.tx_labels
    bad = small.tx.filter(lab["malformed"])
    assert bad.height >= 10
    assert (lab.filter(pl.col("malformed"))["label_tx"] == 0).all()
    invalid = (
        ~pl.col("timestamp").str.contains(ISO_WITH_OFFSET)
        | ~pl.col("sender_country").str.contains(r"^[A-Z]{2}$")
        | pl.col("amount").is_null()
        | (pl.col("amount") <= 0)
        | pl.col("currency").is_null()
        | ~pl.col("currency").str.contains(r"^[A-Z]{3}$")
        | ~pl.col("channel").is_in(list(CHANNELS))
    )
    assert bad.select(invalid.fill_null(True).all()).item()
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
    # Roughly 30% of illicit payments are 'lone' (note (d)); here ~20-30%.
    lone = hi.tx_labels.filter(pl.col("label_tx") == 1)["lone"].mean()
    assert isinstance(lone, float) and 0.12 < lone < 0.45
    with pytest.raises(ValueError):
        generate(1_000, "mid", 1)


def test_planted_patterns_follow_the_note() -> None:
    """A few of the note's parameters, read back from the rows (not from the generator)."""
    g = generate(200_000, "hi", 8)
    tx = g.tx.with_columns(g.tx_labels.select("usd", "label_typology", "lone")).filter(
        ~g.tx_labels["malformed"]
    )
    tx = tx.with_columns(pl.col("timestamp").str.to_datetime("%Y-%m-%dT%H:%M:%S%:z").alias("ts"))
    roles = g.accounts.select("account_id", "role", "typology")
    # T1-T3 payments to visible beneficiaries: low value, cross-border, mostly round, at night.
    ppv = tx.filter(
        pl.col("label_typology").is_in(["T1", "T2", "T3"]) & pl.col("channel").is_in(["msb"])
    )
    assert ppv.height > 50
    assert ppv["usd"].is_between(5, 260).all()
    assert (ppv["sender_country"] != ppv["receiver_country"]).all()
    assert set(ppv["receiver_country"]) <= {"PH", "TH", "VN", "KH"}
    assert (ppv["amount"] % 5 == 0).mean() >= 0.7  # type: ignore[operator]
    # Book-zone (Sydney/Auckland) hour; senders are at most 3 h behind it.
    hour = ppv["timestamp"].str.slice(11, 2).cast(pl.Int32)
    assert hour.is_in([*range(19, 24), *range(0, 7)]).mean() >= 0.6  # type: ignore[operator]
    # T2: a hub is paid by several of the bank's customers.
    hubs = roles.filter(pl.col("role") == "hub")["account_id"].implode()
    fan = (
        tx.filter(pl.col("receiver_id").is_in(hubs))
        .group_by("receiver_id")
        .agg(pl.col("sender_id").n_unique())
    )
    assert fan.height > 0 and (fan["sender_id"] >= 4).all()
    # T5: per victim 2-6 payments within 72 h, the first under USD 250, the total <= 1,500.
    victims = roles.filter(pl.col("role") == "victim")["account_id"].implode()
    fsec = (
        tx.filter((pl.col("label_typology") == "T5") & pl.col("sender_id").is_in(victims))
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
    by = tx.filter(pl.col("sender_id").is_in(victims))["sender_birth_year"].drop_nulls()
    assert by.is_between(2008, 2011).all()
    # T7: the young account's birth year, when the remitter KYC'd it.
    kids = roles.filter(pl.col("role") == "child_account")["account_id"].implode()
    kb = tx.filter(pl.col("receiver_id").is_in(kids))["receiver_birth_year"].drop_nulls()
    assert kb.is_between(2008, 2011).all()
    # T4: ATM withdrawals abroad; T6: exchange purchases.
    t4 = tx.filter(pl.col("label_typology") == "T4")
    assert ((t4["merchant_category"] == "6011") & (t4["receiver_country"] == "PH")).any()
    t6 = tx.filter(pl.col("label_typology") == "T6")
    assert (t6["merchant_category"] == "6051").any()
    # Lone payments hide the beneficiary behind a remitter or wallet merchant.
    lone = tx.filter(pl.col("lone") & pl.col("channel").is_in(["card", "ewallet"]))
    assert lone.height > 0 and lone["receiver_id"].str.starts_with("MER").all()


def test_registered_in_the_harness() -> None:
    text = (Path(__file__).resolve().parents[2] / "bench" / "finance_heldout.py").read_text()
    assert '"10": "finance_heldout10_gen"' in text
