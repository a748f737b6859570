"""The faster batch-scoring paths of the f6-speed work give what the paths they replaced gave.

Account codes (`code_accounts`), the feature assembly on a dense grid of codes
(`_dense_assemble`, against the hash joins it replaced and still falls back to), the one-key
sort of account-days, and the enriched frame the batch result hands out.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from jaga.finance import features
from jaga.finance.features import _assemble, _sort_account_days, enrich
from jaga.finance.indicators import IndicatorConfig
from jaga.finance.ingest import validate
from jaga.finance.pipeline import code_accounts, score_transactions
from jaga.finance.rates import load_rates
from jaga.finance.synth import generate


def test_account_codes_number_ids_in_order_of_first_appearance() -> None:
    frame = pl.DataFrame(
        {
            "sender_id": ["c", "a", "c", "d", "a"],
            "receiver_id": ["a", "b", "e", "c", "b"],
            "day": [1, 2, 3, 4, 5],
        }
    )
    coded, lookup = code_accounts(frame)
    # Senders first (c, a, d), then receivers not seen yet (b, e).
    assert lookup["id"].to_list() == ["c", "a", "d", "b", "e"]
    assert lookup["code"].to_list() == [0, 1, 2, 3, 4]
    assert coded["sender_id"].to_list() == [0, 1, 0, 2, 1]
    assert coded["receiver_id"].to_list() == [1, 3, 4, 0, 3]
    assert coded["day"].to_list() == frame["day"].to_list()
    ids = lookup["id"]
    assert ids.gather(coded["sender_id"]).to_list() == frame["sender_id"].to_list()
    assert ids.gather(coded["receiver_id"]).to_list() == frame["receiver_id"].to_list()


def _p30(rng: np.random.Generator, accounts: int, checkpoints: int) -> pl.LazyFrame:
    rows = 300
    return pl.LazyFrame(
        {
            "sender_id": rng.integers(0, accounts, rows).astype(np.uint32),
            "receiver_id": rng.integers(0, accounts, rows).astype(np.uint32),
            "k": rng.integers(0, checkpoints, rows).astype(np.int32),
        }
    )


def _frame(rng: np.random.Generator, accounts: int, checkpoints: int, name: str) -> pl.DataFrame:
    """A per-(account, k) feature table: unique keys (some not among the active rows, some
    beyond every active account), nulls."""
    keys = (
        pl.DataFrame(
            {
                "account_id": rng.integers(0, accounts + 5, 120).astype(np.uint32),
                "k": rng.integers(0, checkpoints, 120).astype(np.int32),
            }
        )
        .unique()
        .sort("account_id", "k")
    )
    n = keys.height
    values = rng.integers(0, 9, n)
    return keys.with_columns(
        pl.Series(f"{name}_n", values, dtype=pl.Int32),
        pl.Series(f"{name}_share", np.where(values > 6, np.nan, values / 9.0)),
        pl.Series(f"{name}_flag", values > 3),
        pl.Series(f"{name}_hub", values.astype(np.uint32)).set(
            pl.Series(values == 0),
            None,  # type: ignore[arg-type]
        ),
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_dense_assembly_gives_the_rows_and_values_of_the_joins(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = np.random.default_rng(seed)
    accounts, checkpoints = 60, 5
    p30 = _p30(rng, accounts, checkpoints)
    frames = [_frame(rng, accounts, checkpoints, f"f{i}") for i in range(4)]
    frames.append(frames[0].head(0).rename(lambda c: c.replace("f0", "empty")))
    needed = {
        "s_night_corr_90": pl.Int32, "s_round_corr_90": pl.Int32, "s_band_corr_90": pl.Int32,
        "r_night_corr_90": pl.Int32, "r_round_corr_90": pl.Int32, "r_band_corr_90": pl.Int32,
    }  # fmt: skip
    shares = frames[1].select(
        "account_id", "k", *[pl.col("f1_n").cast(t).alias(c) for c, t in needed.items()]
    )
    frames.append(shares)
    sides = p30.select(
        pl.col("sender_id").alias("account_id"), pl.col("receiver_id").alias("_receiver"), "k"
    ).collect()
    assert features._dense_assemble(sides, frames) is not None  # the dense path, not joins
    dense = _assemble(p30, frames, 400, 30)
    monkeypatch.setattr(features, "DENSE_GRID_MAX", 0)  # the hash joins
    joined = _assemble(p30, frames, 400, 30)
    assert dense.columns == joined.columns
    assert dense.height == joined.height > 0
    assert_frame_equal(dense.sort("account_id", "k"), joined.sort("account_id", "k"))


def test_dense_assembly_falls_back_to_joins_on_a_repeated_key() -> None:
    rng = np.random.default_rng(4)
    p30 = _p30(rng, 30, 3)
    repeated = pl.DataFrame(
        {"account_id": [1, 1], "k": [0, 0], "x": [1, 2]},
        schema={"account_id": pl.UInt32, "k": pl.Int32, "x": pl.Int32},
    )
    sides = p30.select(
        pl.col("sender_id").alias("account_id"), pl.col("receiver_id").alias("_receiver"), "k"
    ).collect()
    assert features._dense_assemble(sides, []) is not None
    assert features._dense_assemble(sides, [repeated]) is None


def test_one_key_sort_of_account_days_is_the_two_column_sort() -> None:
    rng = np.random.default_rng(5)
    flows = pl.DataFrame(
        {
            "account_id": rng.integers(0, 50, 400).astype(np.uint32),
            "day": rng.integers(-30, 30_000, 400).astype(np.int32),
            "in_usd": rng.random(400),
        }
    ).unique(["account_id", "day"])
    expected = flows.sort("account_id", "day")
    assert_frame_equal(_sort_account_days(flows.lazy()).collect(), expected)
    as_text = flows.with_columns(pl.col("account_id").cast(pl.String))
    assert_frame_equal(
        _sort_account_days(as_text.lazy()).collect(), as_text.sort("account_id", "day")
    )


def test_batch_result_hands_out_the_enriched_frame_with_id_strings() -> None:
    valid = validate(generate(20_000, "hi", 5), load_rates()).valid
    result = score_transactions(valid)
    assert result.coded.schema["sender_id"] == pl.Categorical
    assert_frame_equal(result.enriched, enrich(valid, IndicatorConfig()))
    assert result.alerts.height > 0
