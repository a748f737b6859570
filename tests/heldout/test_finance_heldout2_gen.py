"""bench/finance_heldout2_gen.py keeps the interface the held-out harness relies on."""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import finance_heldout2_gen as gen2  # noqa: E402

from .issue_schema import assert_issue_schema  # noqa: E402


def test_shapes_labels_and_accounts_agree() -> None:
    g = gen2.generate(60_000, "hi", seed=3)
    assert_issue_schema(g.tx)
    assert g.tx.height == 60_000 == g.tx_labels.height
    assert (g.tx["amount"] > 0).all()
    lab = g.tx_labels
    illicit = lab.filter(pl.col("label_tx") == 1)
    assert illicit.height > 0
    assert set(illicit["label_typology"].unique()) <= {f"T{i}" for i in range(1, 8)}
    assert (lab.filter(pl.col("label_tx") == 0)["label_typology"] == "").all()
    ids = set(g.tx["sender_id"]) | set(g.tx["receiver_id"])
    assert ids == set(g.accounts["account_id"])
    assert g.accounts["account_id"].is_unique().all()
    # every planted row touches at least one labelled account
    bad = set(g.accounts.filter(pl.col("label") == 1)["account_id"])
    rows = pl.concat([g.tx, lab], how="horizontal").filter(pl.col("label_tx") == 1)
    assert all(
        s in bad or r in bad for s, r in zip(rows["sender_id"], rows["receiver_id"], strict=True)
    )


def test_seeded_and_hard_negatives_optional() -> None:
    a = gen2.generate(20_000, "li", seed=5)
    b = gen2.generate(20_000, "li", seed=5)
    assert a.tx.equals(b.tx) and a.accounts.equals(b.accounts)
    none = gen2.generate(20_000, "li", seed=5, hard=0.0)
    assert none.tx.height == 20_000
    assert not none.accounts["hard_negative"].any()
    assert a.accounts["hard_negative"].any()
