"""bench/finance_heldout6_gen.py keeps the interface the held-out harness relies on."""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl
import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import finance_heldout6_gen as gen6  # noqa: E402

from .issue_schema import assert_issue_schema  # noqa: E402


@pytest.mark.parametrize("variant", ["li", "hi"])
def test_schema_labels_and_accounts_agree(variant: str) -> None:
    g = gen6.generate(40_000, variant, seed=3)
    assert_issue_schema(g.tx)
    assert g.tx.height == 40_000 == g.tx_labels.height
    assert (g.tx["amount"] > 0).all()
    lab = g.tx_labels
    illicit = lab.filter(pl.col("label_tx") == 1)
    assert set(illicit["label_typology"].unique()) == {f"T{i}" for i in range(1, 8)}
    assert (lab.filter(pl.col("label_tx") == 0)["label_typology"] == "").all()
    ids = set(g.tx["sender_id"]) | set(g.tx["receiver_id"])
    assert ids == set(g.accounts["account_id"])
    assert g.accounts["account_id"].is_unique().all()
    bad = set(g.accounts.filter(pl.col("label") == 1)["account_id"])
    rows = pl.concat([g.tx, lab], how="horizontal").filter(pl.col("label_tx") == 1)
    pairs = zip(rows["sender_id"], rows["receiver_id"], strict=True)
    assert all(s in bad or r in bad for s, r in pairs)  # every planted row has an actor
    touched = set(rows["sender_id"]) | set(rows["receiver_id"])
    assert bad <= touched  # every labelled account handled a planted payment
    # the ledger's clocks: its own rows in Manila time, partner feeds in UTC
    assert set(g.tx["timestamp"].str.slice(19).unique()) == {"+08:00", "+00:00"}


def test_seeded_and_hard_negatives_optional() -> None:
    a = gen6.generate(20_000, "li", seed=5)
    b = gen6.generate(20_000, "li", seed=5)
    assert a.tx.equals(b.tx) and a.accounts.equals(b.accounts)
    assert not a.tx.equals(gen6.generate(20_000, "li", seed=6).tx)
    none = gen6.generate(20_000, "li", seed=5, hard=0.0)
    assert none.tx.height == 20_000
    assert not none.accounts["hard_negative"].any()
    assert a.accounts["hard_negative"].any()
    with pytest.raises(ValueError):
        gen6.generate(20_000, "xx", seed=5)
