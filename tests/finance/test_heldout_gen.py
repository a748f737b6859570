"""The held-out generator (bench/finance_heldout_gen.py): seeded, on the schema, labels coherent."""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl
import pytest

from jaga.finance.ingest import load_transactions, validate
from jaga.finance.rates import load_rates
from jaga.finance.schema import OPTIONAL_COLUMNS, REQUIRED_COLUMNS

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import finance_heldout  # noqa: E402
from finance_heldout_gen import Generated, generate  # noqa: E402

PLANTED = {
    "lsac_payment",
    "facilitator_cashout",
    "facilitator_forward",
    "cvc",
    "travel",
    "fsec",
    "fsec_cashout",
    "direct",
}


@pytest.fixture(scope="module")
def hi() -> Generated:
    return generate(40_000, "hi", 5)


def test_same_seed_same_data_other_seed_other_data(hi: Generated) -> None:
    again = generate(40_000, "hi", 5)
    assert hi.tx.equals(again.tx)
    assert hi.tx_labels.equals(again.tx_labels)
    assert hi.accounts.equals(again.accounts)
    other = generate(40_000, "hi", 6)
    assert not hi.tx.equals(other.tx)


def test_every_row_passes_jagas_ingest_as_parquet_and_csv(hi: Generated, tmp_path: Path) -> None:
    assert set(hi.tx.columns) == set(REQUIRED_COLUMNS) | set(OPTIONAL_COLUMNS)
    assert not any(c.startswith("label") for c in hi.tx.columns)
    direct = validate(hi.tx, load_rates())
    assert direct.errors == [] and direct.valid.height == hi.tx.height
    csv = tmp_path / "tx.csv"
    hi.tx.write_csv(csv)
    from_csv = load_transactions(csv, load_rates())
    assert from_csv.errors == [] and from_csv.valid.height == hi.tx.height
    # The offsets survive: the instant parsed from CSV equals the one parsed from the frame.
    assert from_csv.valid["ts"].equals(direct.valid["ts"])
    assert hi.tx["timestamp"].str.contains(r"(Z|[+-]\d\d:\d\d)$").all()


def test_labels_are_consistent(hi: Generated) -> None:
    tx, labels, accounts = hi.tx, hi.tx_labels, hi.accounts
    assert tx["tx_id"].is_unique().all() and accounts["account_id"].is_unique().all()
    assert labels["tx_id"].equals(tx["tx_id"])
    typed = labels["label_typology"] != ""
    assert (typed == (labels["label_tx"] == 1)).all()
    assert set(labels.filter(typed)["label_typology"].unique()) == PLANTED
    seen = set(tx["sender_id"]) | set(tx["receiver_id"])
    assert seen == set(accounts["account_id"])
    bad = tx.filter(labels["label_tx"] == 1)
    involved = set(bad["sender_id"]) | set(bad["receiver_id"])
    positives = set(accounts.filter(pl.col("label") == 1)["account_id"])
    assert positives and positives <= involved
    assert (accounts.filter(pl.col("label") == 1)["typology"] != "").all()
    # Benign counterparties of illicit payments (cash-out agents, merchants) stay negative.
    assert involved - positives
    # Planted actors whose illicit payments all fell outside the window are negatives.
    planted_negative = (pl.col("label") == 0) & (pl.col("typology") != "")
    dormant = set(accounts.filter(planted_negative)["account_id"])
    assert not dormant & involved


def test_low_illicit_variant_has_a_lower_illicit_share(hi: Generated) -> None:
    li = generate(40_000, "li", 5)
    share = lambda g: g.tx_labels["label_tx"].mean()  # noqa: E731
    assert share(li) < share(hi) < 0.02
    assert 30_000 < li.tx.height < 50_000


def test_metrics_and_baseline_on_a_hand_made_case() -> None:
    truth = pl.DataFrame({"account_id": ["a", "b", "c", "d"], "label": [1, 0, 1, 0]})
    m = finance_heldout.account_metrics(["a", "b"], truth)
    assert (m["precision"], m["recall"], m["p@50"]) == (0.5, 0.5, 1 / 50)
    g = generate(40_000, "li", 1)
    flagged = finance_heldout.single_rule(g)
    assert flagged and len(flagged) == len(set(flagged))
    hit = g.tx.with_columns(g.tx_labels["usd"]).filter(
        pl.col("usd").is_between(10, 200)
        & pl.col("receiver_country").is_in(finance_heldout.HIGH_RISK_DEST)
        & (pl.col("sender_country") != pl.col("receiver_country"))
    )
    assert set(flagged) == set(hit["sender_id"]) | set(hit["receiver_id"])


def test_blind_check_runs_the_real_cli_end_to_end(tmp_path: Path) -> None:
    result = finance_heldout.evaluate("hi", 20_000, 2, tmp_path, keep=False)
    assert "crash" not in result
    assert result["scored_tx"] == result["tx"] and result["rejected"] == 0
    jaga = result["jaga"]
    assert isinstance(jaga, dict) and 0.0 <= jaga["precision"] <= 1.0
    assert (tmp_path / "alerts_hi_20000_s2.csv").exists()
    assert not (tmp_path / "heldout_hi_20000_s2.parquet").exists()  # removed without --keep


def test_hard_negatives_can_be_removed_without_touching_the_planted_actors() -> None:
    none = generate(40_000, "li", 5, hard=0)
    populations = set(none.accounts["population"])
    assert not populations & {"creator_fan", "adult_creator", "sponsor", "romance_victim"}
    assert validate(none.tx, load_rates()).errors == []
    assert none.tx_labels["label_tx"].sum() > 0
    with pytest.raises(ValueError):
        generate(1_000, "li", 5, hard=-1)
