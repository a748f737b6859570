"""Held-out generator 13 (a Malaysian digital bank / e-wallet): schema, labels, variants, hard
negatives.

These check the generator's contract with bench/finance_heldout.py, not Jaga's detection.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import polars as pl
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import finance_heldout13_gen as gen13  # noqa: E402
from finance_heldout_gen import Generated  # noqa: E402

from heldout.contract import assert_frames, assert_labels_consistent, assert_reproducible  # noqa: E402
from heldout.issue_schema import assert_issue_schema  # noqa: E402

N = 30_000


@functools.cache
def make(variant: str, seed: int = 5, hard: float = 1.0, n: int = N) -> Generated:
    return gen13.generate(n, variant, seed, hard)


@pytest.mark.parametrize("variant", ["li", "hi"])
def test_schema_and_size(variant: str) -> None:
    g = make(variant)
    assert_issue_schema(g.tx)
    assert_frames(g, N)
    # KYC only for own customers: rows from partner-rail senders carry no sex or birth year.
    own_kyc = g.tx["sender_birth_year"].is_not_null()
    assert 0 < own_kyc.sum() < g.tx.height
    inbound = g.tx["sender_country"] != "MY"
    assert g.tx.filter(inbound)["sender_sex"].null_count() == int(inbound.sum())
    # Own ledger at +08:00; inbound partner rows keep the sender's local offset.
    assert g.tx["timestamp"].str.ends_with("+08:00").mean() > 0.8  # type: ignore[operator]
    assert (
        g.tx.filter(inbound & (g.tx["sender_country"] == "AE"))["timestamp"]
        .str.ends_with("+04:00")
        .all()
    )
    # Merchant categories on card and QR rows, not on inbound transfers.
    assert g.tx.filter(g.tx["channel"] == "card")["merchant_category"].null_count() == 0
    assert g.tx.filter(inbound)["merchant_category"].null_count() == int(inbound.sum())
    assert set(g.tx["receiver_country"].unique()) >= {"MY", "ID", "PH", "BD", "NP", "MM"}


def test_reproducible_per_seed() -> None:
    assert_reproducible(gen13.generate, N)


@pytest.mark.parametrize("variant", ["li", "hi"])
def test_labels_consistent(variant: str) -> None:
    g = make(variant)
    assert_labels_consistent(g)


def test_illicit_share_li_below_hi() -> None:
    # Large enough that each typology's minimal structure does not dominate the budget.
    li = gen13.generate(400_000, "li", 1, 1.0).tx_labels["label_tx"].mean()
    hi = gen13.generate(400_000, "hi", 1, 1.0).tx_labels["label_tx"].mean()
    assert isinstance(li, float) and isinstance(hi, float)
    assert 0.0003 <= li <= 0.0012  # design (d): 0.05%
    assert 0.0015 <= hi <= 0.003  # design (d): 0.2%
    assert hi > 1.8 * li


def test_hard_zero_removes_hard_negatives() -> None:
    full = make("li")
    none = make("li", hard=0.0)
    hard_pops = set(full.accounts.filter(pl.col("hard_negative"))["population"])
    expected = {"tahfiz_fund", "live_seller", "gift_round", "agent_counter", "adult_creator",
                "romance_victim", "student", "tourist", "night_shift_remitter"}  # fmt: skip
    assert expected <= hard_pops
    assert not none.accounts["hard_negative"].any()
    assert not set(none.accounts["population"]) & hard_pops
    assert_issue_schema(none.tx)
    assert none.tx_labels["label_tx"].sum() > 0


def test_malformed_rows_are_few() -> None:
    g = make("hi")
    rates = pl.read_csv(ROOT / "src/jaga/finance/data/rates_usd.csv", comment_prefix="#")
    unknown = ~g.tx["currency"].is_in(rates["currency"].implode())
    bad_date = g.tx["timestamp"].str.to_datetime("%Y-%m-%dT%H:%M:%S%:z", strict=False).is_null()
    bad = (
        g.tx["amount"].is_null()
        | (g.tx["amount"].fill_null(1) <= 0)
        | g.tx["sender_id"].is_null()
        | g.tx["receiver_id"].is_null()
        | unknown
        | bad_date
    )
    assert 0.003 * g.tx.height < bad.sum() < 0.012 * g.tx.height
    assert 0 < unknown.sum() < 0.01 * g.tx.height
    assert bad_date.sum() > 0
    assert not (bad & (g.tx_labels["label_tx"] == 1)).any()  # ground truth stays clean
