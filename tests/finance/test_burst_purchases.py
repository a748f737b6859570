"""A minor's burst that names the product bought is a purchase, not an extortion payment."""

from __future__ import annotations

from pathlib import Path

import pytest

from .ledger import Ledger, fired


def _burst(ledger: Ledger, memos: tuple[str, str, str]) -> None:
    # The sextortion-shaped burst of tests/finance/test_kyc_completion.py: a boy's three
    # payments to a new payee abroad within a day, then silence.
    for n, (day, usd) in enumerate(((30, 20), (30.4, 20), (31, 40))):
        ledger.pay("teen", "payee", usd, day, 2.0 + n, ("GB", "VN"), memos[n],
                   ("Hugo Young", "Kim Tran"), "M", 2010, "p2p")  # fmt: skip


@pytest.mark.parametrize("memos", [("robux", "robux", ""), ("diamonds", "", "diamonds")])
def test_a_burst_naming_game_currency_is_a_purchase(
    tmp_path: Path, memos: tuple[str, str, str]
) -> None:
    ledger = Ledger()
    _burst(ledger, memos)
    result = ledger.score(tmp_path)
    assert not fired(result, "teen", "S12-minor-burst-new-payee")


@pytest.mark.parametrize("memos", [("", "", ""), ("robux", "uniform", "robux")])
def test_the_same_burst_without_a_product_or_with_a_pretext_is_still_a_burst(
    tmp_path: Path, memos: tuple[str, str, str]
) -> None:
    # Control: no product named, or a cover word beside it: the FinCEN burst stands.
    ledger = Ledger()
    _burst(ledger, memos)
    result = ledger.score(tmp_path)
    assert fired(result, "teen", "S12-minor-burst-new-payee")
