"""bench/finance_heldout7_gen.py (a sending-side remitter) keeps the harness's interface."""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl
import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import finance_heldout7_gen as gen7  # noqa: E402

from .issue_schema import ISO_WITH_OFFSET, assert_issue_schema  # noqa: E402

TYPOLOGIES = {f"T{i}" for i in range(1, 8)}


@pytest.fixture(scope="module")
def hi() -> gen7.Generated:
    return gen7.generate(40_000, "hi", seed=3)


def test_schema_apart_from_the_few_malformed_rows(hi: gen7.Generated) -> None:
    assert hi.tx.height == 40_000 == hi.tx_labels.height
    bad = hi.tx_labels["malformed"]
    assert 0 < int(bad.sum()) <= 40  # about 3 in 10,000, all benign everyday rows
    assert hi.tx_labels.filter(pl.col("malformed"))["label_tx"].sum() == 0
    assert_issue_schema(hi.tx.filter(~bad))
    good = hi.tx.filter(~bad)
    assert (good["amount"] > 0).all()
    assert good["sender_country"].is_in(list(gen7.HOME) + list(gen7.ABROAD)).all()
    # the malformed rows really are malformed in one of the ways the docstring lists
    broken = hi.tx.filter(bad)
    odd = (
        ~broken["timestamp"].str.contains(ISO_WITH_OFFSET)
        | (broken["amount"] <= 0)
        | ~broken["currency"].is_in(list(gen7.USD_PER))
        | ~broken["sender_country"].is_in(list(gen7.HOME))
        | (broken["channel"] == "wire")
    )
    assert odd.all()
    # the ledger's clocks: UTC before the migration, then customers' and merchants' zones
    offsets = set(good["timestamp"].str.slice(19).unique())
    assert {"+00:00", "+08:00", "-05:00", "-04:00", "+11:00", "+10:30"} <= offsets
    before = good.filter(
        (pl.col("timestamp") < "2026-02-20") & pl.col("channel").is_in(["msb", "crypto"])
    )
    assert (before["timestamp"].str.slice(19) == "+00:00").all()


def test_labels_and_accounts_agree(hi: gen7.Generated) -> None:
    lab = hi.tx_labels
    assert (lab["tx_id"] == hi.tx["tx_id"]).all()
    illicit = lab.filter(pl.col("label_tx") == 1)
    assert set(illicit["label_typology"].unique()) == TYPOLOGIES
    assert (lab.filter(pl.col("label_tx") == 0)["label_typology"] == "").all()
    acc = hi.accounts
    ids = set(hi.tx["sender_id"]) | set(hi.tx["receiver_id"])
    assert ids == set(acc["account_id"])
    assert acc["account_id"].is_unique().all()
    pos = acc.filter(pl.col("label") == 1)
    assert set(pos["typology"].unique()) == TYPOLOGIES
    assert not pos["hard_negative"].any()
    assert (acc.filter(pl.col("label") == 0)["typology"] == "").all()
    bad = set(pos["account_id"])
    rows = pl.concat([hi.tx, lab.drop("tx_id")], how="horizontal").filter(pl.col("label_tx") == 1)
    pairs = zip(rows["sender_id"], rows["receiver_id"], strict=True)
    assert all(s in bad or r in bad for s, r in pairs)  # every planted row has an actor
    assert bad <= set(rows["sender_id"]) | set(rows["receiver_id"])  # and every actor a row
    # each planted row's typology is one its labelled actor carries
    typ = dict(zip(pos["account_id"], pos["typology"], strict=True))
    for s, r, t in zip(rows["sender_id"], rows["receiver_id"], rows["label_typology"], strict=True):
        assert t in (typ.get(s), typ.get(r))
    # sextortion victims are the institution's teenage customers
    victims = pos.filter(pl.col("role") == "victim")["account_id"]
    years = hi.tx.filter(pl.col("sender_id").is_in(victims.implode()))["sender_birth_year"]
    assert years.min() >= 2008  # type: ignore[operator]
    # usd is the amount at the generator's rates (rounded to the cent)
    usd = hi.tx["amount"] * hi.tx["currency"].replace_strict(gen7.USD_PER, default=None)
    ok = usd.is_not_null() & ~lab["malformed"]
    assert ((usd.filter(ok) - lab["usd"].filter(ok)).abs() <= 0.0051).all()


def test_seeded_variants_and_hard_negatives() -> None:
    a = gen7.generate(20_000, "li", seed=5)
    b = gen7.generate(20_000, "li", seed=5)
    assert a.tx.equals(b.tx) and a.tx_labels.equals(b.tx_labels) and a.accounts.equals(b.accounts)
    assert not a.tx.equals(gen7.generate(20_000, "li", seed=6).tx)
    assert a.accounts["hard_negative"].any()
    none = gen7.generate(20_000, "li", seed=5, hard=0.0)
    assert none.tx.height == 20_000
    assert not none.accounts["hard_negative"].any()
    with pytest.raises(ValueError):
        gen7.generate(20_000, "xx", seed=5)
    with pytest.raises(ValueError):
        gen7.generate(20_000, "li", seed=5, hard=-1)


def test_low_illicit_variant_has_a_smaller_illicit_share() -> None:
    li = gen7.generate(100_000, "li", seed=9)
    hi = gen7.generate(100_000, "hi", seed=9)
    share_li = float(li.tx_labels["label_tx"].mean())  # type: ignore[arg-type]
    share_hi = float(hi.tx_labels["label_tx"].mean())  # type: ignore[arg-type]
    assert 0 < share_li < share_hi
    assert share_hi < 0.01  # a small file still plants at least one actor per typology
    assert li.accounts["label"].sum() < hi.accounts["label"].sum()
