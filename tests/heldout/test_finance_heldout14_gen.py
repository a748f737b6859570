"""Held-out generator 14 (a Vietnamese e-wallet and remittance company with a Cambodian
subsidiary): schema, labels, variants, hard negatives, malformed rows.

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

import finance_heldout14_gen as gen14  # noqa: E402
from finance_heldout_gen import Generated  # noqa: E402

from heldout.contract import assert_frames, assert_labels_consistent, assert_reproducible  # noqa: E402
from heldout.issue_schema import assert_issue_schema  # noqa: E402

N = 30_000
KNOWN_CHANNELS = ["bank", "msb", "ewallet", "card", "p2p", "crypto", "other"]


@functools.cache
def make(variant: str, seed: int = 5, hard: float = 1.0, n: int = N) -> Generated:
    return gen14.generate(n, variant, seed, hard)


def known_channel(tx: pl.DataFrame) -> pl.DataFrame:
    # The unknown-channel malformed rows are meant to exercise the scorer's row validation.
    return tx.filter(pl.col("channel").is_in(KNOWN_CHANNELS))


@pytest.mark.parametrize("variant", ["li", "hi"])
def test_schema_and_size(variant: str) -> None:
    g = make(variant)
    assert_issue_schema(known_channel(g.tx))
    assert g.tx["tx_id"].is_unique().all()
    assert_frames(g, N)
    # KYC only for own customers (VN, KH): inbound diaspora senders carry no sex or birth year.
    own_kyc = g.tx["sender_birth_year"].is_not_null()
    assert 0 < own_kyc.sum() < g.tx.height
    inbound = g.tx["sender_country"].is_in(["US", "AU", "KR", "JP", "TW", "FR", "DE", "CA"])
    assert inbound.sum() > 0
    assert g.tx.filter(inbound)["sender_sex"].null_count() == int(inbound.sum())
    assert g.tx.filter(inbound)["device_id"].null_count() == int(inbound.sum())
    assert set(g.tx["receiver_country"].unique()) >= {"VN", "KH", "PH", "TH", "LA", "MM"}
    assert set(g.tx["sender_country"].unique()) >= {"VN", "KH", "US", "AU", "KR", "JP", "TW"}


def test_world_offsets_currencies_amounts() -> None:
    tx = make("hi").tx
    ts = tx["timestamp"]
    # Own ledger at +07:00 for VN and KH; inbound rows keep the sender's local offset.
    assert ts.str.ends_with("+07:00").mean() > 0.8  # type: ignore[operator]
    for ctry, offs in {
        "KR": {"+09:00"},
        "JP": {"+09:00"},
        "TW": {"+08:00"},
        "DE": {"+01:00", "+02:00"},
        "US": {"-04:00", "-05:00", "-06:00", "-07:00", "-08:00"},
        "AU": {"+08:00", "+10:00", "+11:00"},
    }.items():
        got = set(tx.filter(pl.col("sender_country") == ctry)["timestamp"].str.slice(19))
        assert got and got <= offs, (ctry, got)
    us = set(tx.filter(pl.col("sender_country") == "US")["timestamp"].str.slice(19))
    assert {"-07:00", "-08:00"} <= us  # Pacific daylight and standard time both occur
    # Currencies: VND for VN senders (whole dong, big nominal), KH mostly USD with some riel.
    vn = tx.filter((pl.col("sender_country") == "VN") & (pl.col("amount") > 0))
    assert (vn["currency"] == "VND").mean() > 0.99  # type: ignore[operator]
    vnd = vn.filter(pl.col("currency") == "VND")["amount"]
    assert ((vnd % 1000) == 0).all()
    assert vnd.median() > 50_000  # type: ignore[operator]
    kh = tx.filter(pl.col("sender_country") == "KH")["currency"]
    assert 0.6 < (kh == "USD").mean() < 0.95  # type: ignore[operator]
    assert (kh == "KHR").sum() > 0
    assert set(tx["currency"].unique()) >= {
        "VND",
        "USD",
        "KHR",
        "AUD",
        "KRW",
        "JPY",
        "TWD",
        "EUR",
        "CAD",
    }
    # Memos in Vietnamese (with and without diacritics), Khmer script and Tagalog.
    memo = tx["memo"].drop_nulls()
    assert memo.str.contains("[\u1780-\u17ff]").any()
    assert memo.str.contains("ế|ữ|ạ|đ|ủ").any()
    assert memo.str.contains("^li xi$").any() or memo.str.contains("chot don").any()
    assert memo.str.contains("padala|pang-").any()
    # MCCs on card rows; none on inbound transfers.
    card = tx.filter(pl.col("channel") == "card")
    assert card["merchant_category"].null_count() == 0
    assert card["merchant_category"].str.contains(r"^\d{4}$").all()
    inbound = tx.filter(pl.col("sender_country").is_in(["US", "AU", "KR", "JP"]))
    assert inbound["merchant_category"].null_count() == inbound.height


def test_reproducible_per_seed() -> None:
    assert_reproducible(gen14.generate, N)


@pytest.mark.parametrize("variant", ["li", "hi"])
def test_labels_consistent(variant: str) -> None:
    g = make(variant)
    assert_labels_consistent(g)
    ill = g.tx.filter(g.tx_labels["label_tx"] == 1)
    assert_issue_schema(ill)  # illicit rows are never malformed
    # T5: sextortion victims are teenage boys' accounts, totals within item 13's bounds.
    t5 = g.tx.filter(g.tx_labels["label_typology"] == "T5")
    young = t5["sender_birth_year"].drop_nulls()
    assert (young >= 2008).mean() > 0.6  # type: ignore[operator]


def test_illicit_share_li_below_hi() -> None:
    li = gen14.generate(300_000, "li", 1, 1.0).tx_labels["label_tx"].mean()
    hi = gen14.generate(300_000, "hi", 1, 1.0).tx_labels["label_tx"].mean()
    assert isinstance(li, float) and isinstance(hi, float)
    assert 0.0003 <= li <= 0.0012  # brief: 0.04-0.08%
    assert 0.003 <= hi <= 0.0065  # brief: 0.3-0.6%
    assert hi > 3 * li


def test_hard_zero_removes_hard_negatives() -> None:
    full = make("li")
    none = make("li", hard=0.0)
    hard_pops = set(full.accounts.filter(pl.col("hard_negative"))["population"])
    expected = {
        "tet_gift",
        "parent_support",
        "nail_salon",
        "garment",
        "live_seller",
        "streamer",
        "english_teacher",
        "pagoda",
        "microfinance",
        "casino_junket",
        "casino_worker",
        "teen_gamecard",
        "gamecard_reseller",
        "romance_victim",
        "freelancer",
        "student",
    }
    assert expected <= hard_pops
    assert not none.accounts["hard_negative"].any()
    assert not set(none.accounts["population"]) & hard_pops
    assert_issue_schema(known_channel(none.tx))
    assert none.tx_labels["label_tx"].sum() > 0


def test_malformed_rows_are_few() -> None:
    g = make("hi")
    tx = g.tx
    rates = pl.read_csv(ROOT / "src/jaga/finance/data/rates_usd.csv", comment_prefix="#")
    unknown = ~tx["currency"].is_in(rates["currency"].implode())
    bad_date = tx["timestamp"].str.to_datetime("%Y-%m-%dT%H:%M:%S%:z", strict=False).is_null()
    bad_ctry = ~tx["sender_country"].str.contains("^[A-Z]{2}$") | (tx["sender_country"] == "ZZ")
    bad_channel = ~tx["channel"].is_in(KNOWN_CHANNELS)
    bad = (
        tx["amount"].is_null()
        | (tx["amount"].fill_null(1) <= 0)
        | tx["sender_id"].is_null()
        | tx["receiver_id"].is_null()
        | unknown
        | bad_date
        | bad_ctry
        | bad_channel
    )
    assert 0.003 * tx.height < bad.sum() < 0.012 * tx.height
    for kind in (unknown, bad_date, bad_ctry, bad_channel, tx["amount"] < 0):
        assert 0 < kind.sum() < 0.01 * tx.height
    assert tx["sender_id"].is_null().sum() > 0 and tx["receiver_id"].is_null().sum() > 0
    assert not (bad & (g.tx_labels["label_tx"] == 1)).any()  # ground truth stays clean
