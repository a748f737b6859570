"""Interface of the fifth blind held-out generator (bench/finance_heldout5_gen.py).

Checks what bench/finance_heldout.py relies on: the issue's columns, labels row-aligned with
the transactions (tx_id, label_tx, label_typology, usd), one account row per id with label,
role, typology and population, all seven typologies planted, a seeded and deterministic
result, and `hard=0` removing the look-alike populations.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import polars as pl
import pytest

from .issue_schema import assert_issue_schema

GEN = Path(__file__).resolve().parents[2] / "bench" / "finance_heldout5_gen.py"
TYPOLOGIES = {"T1", "T2", "T3", "T4", "T5", "T6", "T7"}


@pytest.fixture(scope="module")
def gen() -> ModuleType:
    sys.path.insert(0, str(GEN.parent))  # it reuses the Generated dataclass of generator 1
    spec = importlib.util.spec_from_file_location("finance_heldout5_gen", GEN)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("variant", ["li", "hi"])
def test_schema_labels_and_roles(gen: ModuleType, variant: str) -> None:
    g = gen.generate(30_000, variant, 5)
    assert_issue_schema(g.tx)
    assert g.tx.height == g.tx_labels.height == 30_000
    assert g.tx_labels["tx_id"].equals(g.tx["tx_id"])
    assert g.tx["sender_id"].ne(g.tx["receiver_id"]).all()
    ids = set(g.tx["sender_id"]) | set(g.tx["receiver_id"])
    assert set(g.accounts["account_id"]) == ids and g.accounts.height == len(ids)
    lab = g.tx_labels
    assert (lab["usd"] > 0).all()
    ill = lab.filter(pl.col("label_tx") == 1)
    assert set(ill["label_typology"]) == TYPOLOGIES
    assert (lab.filter(pl.col("label_tx") == 0)["label_typology"] == "").all()
    pos = g.accounts.filter(pl.col("label") == 1)
    assert set(pos["typology"]) == TYPOLOGIES
    assert (pos["role"] != "").all()
    assert {"consumer", "facilitator", "victim", "mule", "site_wallet", "traveller"} <= set(
        pos["role"]
    )
    assert (g.accounts.filter(pl.col("label") == 0)["typology"] == "").all()
    assert not pos["hard_negative"].any() and g.accounts["hard_negative"].any()
    # Every positive account takes part in at least one labelled payment.
    actors = set(ill.join(g.tx, on="tx_id")["sender_id"]) | set(
        ill.join(g.tx, on="tx_id")["receiver_id"]
    )
    assert set(pos["account_id"]) <= actors


def test_seeded_and_deterministic(gen: ModuleType) -> None:
    a, b = gen.generate(20_000, "li", 3), gen.generate(20_000, "li", 3)
    assert a.tx.equals(b.tx) and a.tx_labels.equals(b.tx_labels) and a.accounts.equals(b.accounts)
    assert not a.tx.equals(gen.generate(20_000, "li", 4).tx)
    assert not a.tx.equals(gen.generate(20_000, "hi", 3).tx)


def test_hard_zero_and_bad_arguments(gen: ModuleType) -> None:
    z = gen.generate(20_000, "hi", 3, hard=0.0)
    assert z.tx.height == 20_000 and not z.accounts["hard_negative"].any()
    with pytest.raises(ValueError):
        gen.generate(1_000, "mid", 1)
    with pytest.raises(ValueError):
        gen.generate(1_000, "li", 1, hard=-1)
