"""Held-out generator 12 (an EMI with Mekong corridors): schema, labels, variants, hard negatives.

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

import finance_heldout12_gen as gen12  # noqa: E402
from finance_heldout_gen import Generated  # noqa: E402

from heldout.contract import assert_frames, assert_labels_consistent, assert_reproducible  # noqa: E402
from heldout.issue_schema import assert_issue_schema  # noqa: E402

N = 30_000


@functools.cache
def make(variant: str, seed: int = 5, hard: float = 1.0, n: int = N) -> Generated:
    return gen12.generate(n, variant, seed, hard)


@pytest.mark.parametrize("variant", ["li", "hi"])
def test_schema_and_size(variant: str) -> None:
    g = make(variant)
    assert_issue_schema(g.tx)
    assert_frames(g, N)
    # Own customers carry KYC; the Singapore entity books SEA senders at +08:00.
    assert g.tx["sender_birth_year"].null_count() < g.tx.height
    assert g.tx["timestamp"].str.ends_with("+08:00").any()
    assert g.tx["timestamp"].str.ends_with("+01:00").any()


def test_reproducible_per_seed() -> None:
    assert_reproducible(gen12.generate, N)


@pytest.mark.parametrize("variant", ["li", "hi"])
def test_labels_consistent(variant: str) -> None:
    g = make(variant)
    assert_labels_consistent(g)


def test_illicit_share_li_below_hi() -> None:
    # Large enough that each typology's minimal structure does not dominate the budget.
    li = gen12.generate(400_000, "li", 1, 1.0).tx_labels["label_tx"].mean()
    hi = gen12.generate(400_000, "hi", 1, 1.0).tx_labels["label_tx"].mean()
    assert isinstance(li, float) and isinstance(hi, float)
    assert 0.0003 <= li <= 0.0012  # design (d): 0.05%, small structures overshoot a little
    assert 0.0015 <= hi <= 0.003  # design (d): 0.2%
    assert hi > 1.8 * li


def test_hard_zero_removes_hard_negatives() -> None:
    full = make("li")
    none = make("li", hard=0.0)
    hard_pops = set(full.accounts.filter(pl.col("hard_negative"))["population"])
    assert {"diaspora_lixi", "online_tutor", "adult_creator", "ngo_sponsorship"} <= hard_pops
    assert not none.accounts["hard_negative"].any()
    assert not set(none.accounts["population"]) & hard_pops
    assert_issue_schema(none.tx)
    assert none.tx_labels["label_tx"].sum() > 0


def test_malformed_rows_are_few() -> None:
    g = make("hi")
    rates = pl.read_csv(ROOT / "src/jaga/finance/data/rates_usd.csv", comment_prefix="#")
    unknown = ~g.tx["currency"].is_in(rates["currency"].implode())
    bad = (
        g.tx["amount"].is_null()
        | (g.tx["amount"].fill_null(1) <= 0)
        | g.tx["sender_id"].is_null()
        | unknown
    )
    assert 0 < bad.sum() < 0.03 * g.tx.height
    assert 0 < unknown.sum() < 0.01 * g.tx.height
