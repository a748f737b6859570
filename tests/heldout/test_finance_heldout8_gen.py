"""Held-out generator 8 (a Thai bank group's export): schema, seeds, variants, typologies and
the malformed rows, checked at a small size so the tests run in seconds."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import polars as pl
import pytest

from .issue_schema import assert_issue_schema

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from finance_heldout8_gen import generate

N = 200_000  # the smallest size at which the variants' prevalence is not set by minimums
TYPOLOGIES = {f"T{i}" for i in range(1, 8)}


@pytest.fixture(scope="module")
def li() -> object:
    return generate(N, "li", 3)


@pytest.fixture(scope="module")
def hi() -> object:
    return generate(N, "hi", 3)


def bad_rows(tx: pl.DataFrame) -> set[int]:
    """Rows a reader of the issue's schema must set aside, found independently of the
    generator's own marks: a missing id or amount, a non-positive amount, a timestamp that is
    no calendar date, a country that is not two letters, a currency that is not three."""
    bad: set[int] = set()
    for i, row in enumerate(tx.iter_rows(named=True)):
        try:
            datetime.fromisoformat(row["timestamp"])
        except ValueError:
            bad.add(i)
        if not row["sender_id"] or not row["receiver_id"]:
            bad.add(i)
        if row["amount"] is None or not row["amount"] > 0:
            bad.add(i)
        for c in ("sender_country", "receiver_country"):
            v = row[c]
            if v is None or len(v) != 2 or not v.isalpha() or not v.isupper():
                bad.add(i)
        cur = row["currency"]
        if cur is None or len(cur) != 3 or not (cur.isascii() and cur.isalpha() and cur.isupper()):
            bad.add(i)
    return bad


def test_issue_schema_and_truth_aligned(li) -> None:  # type: ignore[no-untyped-def]
    assert_issue_schema(li.tx)
    assert li.tx.height == li.tx_labels.height
    assert (li.tx["tx_id"] == li.tx_labels["tx_id"]).all()
    assert {"account_id", "label", "typology", "role", "population", "hard_negative"} <= set(
        li.accounts.columns
    )
    assert li.accounts["account_id"].is_unique().all()
    # The harness masks with these columns on every row, so they have no gaps.
    assert li.tx_labels["usd"].null_count() == 0
    assert li.tx["sender_id"].null_count() == li.tx["receiver_id"].null_count() == 0
    # Bangkok time throughout, as the bank's core system exports it.
    assert li.tx["timestamp"].str.ends_with("+07:00").all()
    # Every planted (label 1) account appears on some labelled payment.
    illicit = li.tx.filter(li.tx_labels["label_tx"] == 1)
    actors = set(illicit["sender_id"].to_list()) | set(illicit["receiver_id"].to_list())
    assert set(li.accounts.filter(pl.col("label") == 1)["account_id"].to_list()) <= actors
    # No hard-negative mark on a planted account.
    assert li.accounts.filter(pl.col("hard_negative") & (pl.col("label") == 1)).height == 0


def test_same_seed_same_data_other_seed_differs() -> None:
    a, b, c = generate(20_000, "hi", 5), generate(20_000, "hi", 5), generate(20_000, "hi", 6)
    assert a.tx.equals(b.tx) and a.tx_labels.equals(b.tx_labels) and a.accounts.equals(b.accounts)
    assert not a.tx.equals(c.tx)


def test_variants_differ_in_prevalence(li, hi) -> None:  # type: ignore[no-untyped-def]
    rate_li = li.tx_labels["label_tx"].mean()
    rate_hi = hi.tx_labels["label_tx"].mean()
    assert rate_hi > 1.5 * rate_li  # about 3x at 1M; each typology's minimum weighs more here
    assert hi.accounts["label"].sum() > li.accounts["label"].sum()


@pytest.mark.parametrize("variant", ["li", "hi"])
def test_every_typology_present_with_actors(variant, li, hi) -> None:  # type: ignore[no-untyped-def]
    g = li if variant == "li" else hi
    assert set(g.tx_labels["label_typology"].unique().to_list()) - {""} == TYPOLOGIES
    assert set(g.accounts.filter(pl.col("label") == 1)["typology"].unique().to_list()) == TYPOLOGIES
    # Labels agree: a typology only on illicit payments.
    lab = g.tx_labels
    assert ((lab["label_typology"] != "") == (lab["label_tx"] == 1)).all()


def test_hard_negatives_present_and_benign(li) -> None:  # type: ignore[no-untyped-def]
    hard = li.accounts.filter(pl.col("hard_negative"))
    assert (hard["label"] == 0).all()
    pops = set(hard["population"].unique().to_list())
    assert {"partner_sponsor", "sponsor", "creator_fan", "donor", "romance_victim"} <= pops
    assert generate(20_000, "li", 3, hard=0.0).accounts["hard_negative"].sum() == 0


def test_malformed_rows_are_exactly_the_ones_a_reader_sets_aside(li) -> None:  # type: ignore[no-untyped-def]
    marked = set(li.tx_labels.with_row_index().filter(pl.col("malformed"))["index"].to_list())
    assert 0 < len(marked) < 0.005 * li.tx.height
    assert bad_rows(li.tx) == marked
    # Only benign rows are damaged, so the planted truth stays whole.
    assert (li.tx_labels.filter(pl.col("malformed"))["label_tx"] == 0).all()
    assert li.tx_labels.filter(pl.col("malformed"))["fault"].n_unique() == 7


def test_planted_indicators_follow_the_note(hi) -> None:  # type: ignore[no-untyped-def]
    """A few of the note's parameters, read back from the data."""
    j = hi.tx.with_columns(hi.tx_labels["usd"], hi.tx_labels["label_typology"])
    t1 = j.filter(pl.col("label_typology") == "T1")
    assert t1["usd"].is_between(9, 210).all()
    t5 = j.filter(pl.col("label_typology") == "T5").join(
        hi.accounts.filter(pl.col("role") == "victim"), left_on="sender_id", right_on="account_id"
    )
    per_victim = t5.group_by("sender_id").agg(pl.col("usd").sum(), pl.len())
    assert (per_victim["usd"] <= 1501).all()
    assert per_victim["len"].is_between(2, 6).all()
    assert (t5["receiver_birth_year"].is_null() | (t5["sender_birth_year"] >= 2008)).all()
