"""Payees outside the input (visibility.py): in one institution's export, a payee abroad
that never appears as a payer may have moved the minors' money on where the export cannot
see; its other victims make it a mule. In a ledger holding both sides, a payee that kept
the money is still no mule (tests/finance/test_payees.py), and one that shows its own
payments in a one-sided export is judged by them."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from jaga.finance.visibility import ONE_SIDED_MIN_PAYEES, unseen_payees

from .ledger import Ledger, fired, reasons
from .test_payees import VICTIMS, _bursts


def _customers_abroad(ledger: Ledger, n: int = ONE_SIDED_MIN_PAYEES + 20) -> None:
    # The bank's own customers each send a relative abroad a sum now and then; the relatives
    # bank elsewhere, so the export never shows them paying anyone.
    for i in range(n):
        ledger.pay(f"cust{i}", f"rel{i}", 180.0 + i, 5 + i % 60, 9.0, ("AU", "PH"), "",
                   (f"Al Cruz{i}", f"Bea Cruz{i}"), "M", 1975, "bank")  # fmt: skip


def test_a_payee_outside_a_one_sided_export_is_judged_by_its_victims(tmp_path: Path) -> None:
    ledger = Ledger()
    _customers_abroad(ledger)
    _bursts(ledger, "payee")
    result = ledger.score(tmp_path)
    assert fired(result, "payee", "R9b-several-victims")
    assert "outside the input" in reasons(result, "payee")
    for i in range(len(VICTIMS)):
        assert fired(result, f"boy{i}", "S14-pays-sextortion-mule")
        assert "S14-pays-sextortion-mule" in reasons(result, f"boy{i}")
    # The customers' relatives abroad are unseen too, but took no minor's burst: nothing.
    assert reasons(result, "rel0") == ""


def test_a_payee_whose_own_payments_are_in_the_export_is_judged_by_them(
    tmp_path: Path,
) -> None:
    # Control: the same export, but the payee is seen paying (a small bill now and then),
    # and it kept the minors' money: a reseller, no mule.
    ledger = Ledger()
    _customers_abroad(ledger)
    _bursts(ledger, "payee")
    ledger.pay("payee", "telco", 5.0, 30, 9.0, ("NG", "NG"), "", ("Kay Ade", "Telco"), "M",
               1995, "bank")  # fmt: skip
    result = ledger.score(tmp_path)
    assert not fired(result, "payee", "R9b-several-victims")
    assert not fired(result, "boy0", "S14-pays-sextortion-mule")


def test_a_ledger_holding_both_sides_is_not_one_sided() -> None:
    # Most payees abroad also pay someone: the absence of one payee's outflows is evidence.
    n = ONE_SIDED_MIN_PAYEES + 20
    both = pl.DataFrame(
        {
            "sender_id": [f"s{i}" for i in range(n)] + [f"r{i}" for i in range(n // 2)],
            "receiver_id": [f"r{i}" for i in range(n)] + [f"x{i}" for i in range(n // 2)],
            "cross_border": [True] * n + [False] * (n // 2),
        }
    )
    assert unseen_payees(both.lazy()).collect().is_empty()
    one_sided = both.head(n)
    assert unseen_payees(one_sided.lazy()).collect().height == n
    # Too few payees abroad to judge the export: nothing is taken as unseen.
    assert unseen_payees(one_sided.head(10).lazy()).collect().is_empty()
