"""What every held-out generator promises bench/finance_heldout.py, beyond the schema:
the same data for the same seed, and ground truth that agrees with itself and the data."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
from finance_heldout_gen import Generated

TYPOLOGIES = {"", "T1", "T2", "T3", "T4", "T5", "T6", "T7"}


def assert_frames(g: Generated, n: int) -> None:
    """About `n` rows, labels aligned row by row with the transactions, and the label and
    account columns bench/finance_heldout.py reads."""
    assert abs(g.tx.height - n) <= 0.05 * n
    assert g.tx_labels.height == g.tx.height
    assert g.tx_labels["tx_id"].equals(g.tx["tx_id"])
    for col in ("label_tx", "label_typology", "usd"):
        assert col in g.tx_labels.columns
    for col in ("account_id", "label", "typology", "role", "population", "hard_negative"):
        assert col in g.accounts.columns
    assert g.accounts["account_id"].is_unique().all()


def assert_reproducible(generate: Callable[[int, str, int, float], Generated], n: int) -> None:
    """One seed gives one world (every frame equal); another seed gives another."""
    a = generate(n, "hi", 11, 1.0)
    b = generate(n, "hi", 11, 1.0)
    c = generate(n, "hi", 12, 1.0)
    assert a.tx.equals(b.tx)
    assert a.tx_labels.equals(b.tx_labels)
    assert a.accounts.equals(b.accounts)
    assert not a.tx["tx_id"].equals(c.tx["tx_id"]) or not a.tx["sender_id"].equals(
        c.tx["sender_id"]
    )


def assert_labels_consistent(g: Generated) -> None:
    """Transaction and account labels agree: every positive is on an illicit row and every
    illicit row touches a positive, no positive is a hard negative, every listed account
    appears in the data, and the planted T1 payments sit in item 1's band (a few drift
    above it, design (d))."""
    lab = g.tx_labels
    assert ((lab["label_tx"] == 1) == (lab["label_typology"] != "")).all()
    assert set(lab["label_typology"].unique()) == TYPOLOGIES
    pos = g.accounts.filter(pl.col("label") == 1)
    assert (pos["typology"] != "").all() and (pos["role"] != "").all()
    assert not pos["hard_negative"].any()
    ill = g.tx.filter(lab["label_tx"] == 1)
    on_illicit = set(ill["sender_id"].drop_nulls()) | set(ill["receiver_id"].drop_nulls())
    assert set(pos["account_id"]) <= on_illicit
    ids = pos["account_id"].implode()
    touches = ill["sender_id"].is_in(ids).fill_null(False) | ill["receiver_id"].is_in(
        ids
    ).fill_null(False)
    assert touches.all()  # every illicit row touches a positive account
    seen = set(g.tx["sender_id"].drop_nulls()) | set(g.tx["receiver_id"].drop_nulls())
    assert set(g.accounts["account_id"]) <= seen
    t1 = lab.filter(pl.col("label_typology") == "T1")["usd"]
    assert t1.is_between(8, 320).mean() > 0.95  # type: ignore[operator]
