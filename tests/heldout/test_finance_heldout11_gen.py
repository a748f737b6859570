"""Held-out generator 11 (an Indonesian e-money issuer's ledger): schema, seeds, labels.

Only the generator is tested here; Jaga is never run on its data (it stays sealed for the
integrator's blind run through bench/finance_heldout.py --generator 11).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import polars as pl
import pytest

from .issue_schema import assert_issue_schema

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import finance_heldout11_gen as gen11

N = 30_000


@pytest.fixture(scope="module")
def li() -> gen11.Generated:
    return gen11.generate(N, "li", 3)


@pytest.fixture(scope="module")
def hi() -> gen11.Generated:
    return gen11.generate(N, "hi", 3)


def test_issue_schema_and_size(li: gen11.Generated, hi: gen11.Generated) -> None:
    for g in (li, hi):
        assert_issue_schema(g.tx)
        assert 0.8 * N <= g.tx.height <= 1.25 * N
        assert g.tx_labels.height == g.tx.height
        assert g.tx["amount"].dtype == pl.Float64
        assert g.tx["sender_birth_year"].dtype == pl.Int32


def test_small_run_is_fast() -> None:
    started = time.perf_counter()
    g = gen11.generate(5_000, "li", 1)
    assert time.perf_counter() - started < 20
    assert g.tx.height > 3_000


def test_deterministic_per_seed(li: gen11.Generated) -> None:
    again = gen11.generate(N, "li", 3)
    assert again.tx.equals(li.tx)
    assert again.tx_labels.equals(li.tx_labels)
    assert again.accounts.equals(li.accounts)
    other = gen11.generate(N, "li", 4)
    assert not other.tx.equals(li.tx)


def test_variants_differ_in_illicit_share(li: gen11.Generated, hi: gen11.Generated) -> None:
    share_li = li.tx_labels["label_tx"].mean()
    share_hi = hi.tx_labels["label_tx"].mean()
    assert isinstance(share_li, float) and isinstance(share_hi, float)
    assert 0 < share_li < share_hi
    # the note's rates (li 0.05%, hi 0.2%); planted units are whole, so small worlds overshoot
    big_li = gen11.generate(200_000, "li", 5).tx_labels["label_tx"].mean()
    big_hi = gen11.generate(200_000, "hi", 5).tx_labels["label_tx"].mean()
    assert 0.0004 <= float(big_li) <= 0.001  # type: ignore[arg-type]
    assert 0.0016 <= float(big_hi) <= 0.0026  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        gen11.generate(1_000, "mid", 1)


def test_labels_consistent(hi: gen11.Generated) -> None:
    tx = hi.tx.with_columns(hi.tx_labels)
    acc = hi.accounts
    assert acc["account_id"].is_unique().all()
    ids = set(tx["sender_id"].drop_nulls()) | set(tx["receiver_id"].drop_nulls())
    assert ids - {""} <= set(acc["account_id"])
    # a typology exactly on the illicit rows, and only T1..T7
    assert ((tx["label_tx"] == 1) == (tx["label_typology"] != "")).all()
    assert set(tx["label_typology"].unique()) <= {"", "T1", "T2", "T3", "T4", "T5", "T6", "T7"}
    # every illicit row has a positive party; every positive account is on an illicit row
    pos = acc.filter(pl.col("label") == 1)["account_id"].implode()
    ill = tx.filter(pl.col("label_tx") == 1)
    assert (ill["sender_id"].is_in(pos) | ill["receiver_id"].is_in(pos)).all()
    on_ill = pl.concat([ill["sender_id"], ill["receiver_id"]]).drop_nulls().unique().implode()
    assert acc.filter(pl.col("label") == 1)["account_id"].is_in(on_ill).all()
    # positives carry a typology and a role; benign accounts carry neither typology
    assert (acc.filter(pl.col("label") == 1)["typology"] != "").all()
    assert (acc.filter(pl.col("label") == 0)["typology"] == "").all()
    # the USD label is the recorded amount converted, positive on well-formed rows
    good = tx.filter(pl.col("amount") > 0)
    assert (good["usd"] > 0).all()
    # several planted typologies are present in the high-illicit world
    assert len(set(ill["label_typology"].unique())) >= 5


def test_hard_negatives_scale(li: gen11.Generated) -> None:
    assert li.accounts["hard_negative"].sum() > 0
    none = gen11.generate(N, "li", 3, hard=0.0)
    assert none.accounts["hard_negative"].sum() == 0
    assert_issue_schema(none.tx)
    with pytest.raises(ValueError):
        gen11.generate(1_000, "li", 1, hard=-1)


def test_some_rows_malformed_but_few(hi: gen11.Generated) -> None:
    tx = hi.tx
    bad = (
        (tx["amount"] <= 0)
        | tx["amount"].is_nan()
        | ~tx["currency"].is_in(gen11.CUR)
        | (tx["sender_country"].str.len_chars() != 2)
        | tx["receiver_country"].is_null()
        | (tx["receiver_country"].str.len_chars() != 2)
        | tx["receiver_id"].is_null()
        | (tx["receiver_id"] == "")
        | tx["timestamp"].str.contains(r"T24:|-02-30T|-04-31T|-11-31T")
    ).fill_null(True)
    share = float(bad.mean())  # type: ignore[arg-type]
    assert 0.0003 < share < 0.005


def test_offsets_and_feeds(li: gen11.Generated) -> None:
    """Issuer rows in WIB, one remitter in UTC, the other in the sender's own offset."""
    tx = li.tx.with_columns(pl.col("timestamp").str.slice(19).alias("off"))
    emy = tx.filter(pl.col("tx_id").str.starts_with("EMY"))["off"].unique().to_list()
    atl = tx.filter(pl.col("tx_id").str.starts_with("ATL"))["off"].unique().to_list()
    krn = tx.filter(pl.col("tx_id").str.starts_with("KRN"))["off"].unique().to_list()
    assert emy == ["+07:00"]
    assert atl == ["+00:00"]
    assert len(krn) > 3
