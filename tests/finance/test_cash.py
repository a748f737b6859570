"""Cash withdrawals are moved-on money for the mule test (cash.py): a payee of minors'
bursts that withdraws what they paid at ATMs is a mule; the same payee spending it at a
shop keeps the money (features.MULE_MOVED_SHARE) and stays no mule."""

from __future__ import annotations

from pathlib import Path

from .ledger import Ledger, fired, reasons
from .test_payees import VICTIMS, _bursts


def _payee_spends(
    ledger: Ledger, payee: str, terminal: str, category: str, delay: float = 2.0
) -> None:
    # The terminal is paid by many card holders, so it is a merchant account (an ATM is).
    for i in range(8):
        ledger.pay(f"holder{i}", terminal, 40.0, 5 + i, 10.0, ("NG", "NG"), "",
                   (f"Ada Obi{i}", ""), "F", 1980, "card", payee_born=None,
                   category=category)  # fmt: skip
    for i in range(len(VICTIMS)):
        ledger.pay(payee, terminal, 250.0, 10 + delay + 20 * i, 9.0, ("NG", "NG"), "",
                   ("Kay Ade", ""), "M", 1995, "card", category=category)  # fmt: skip


def test_a_payee_who_withdraws_the_minors_money_at_atms_is_a_mule(tmp_path: Path) -> None:
    ledger = Ledger()
    _bursts(ledger, "payee")
    _payee_spends(ledger, "payee", "atm1", "6011")
    result = ledger.score(tmp_path)
    assert fired(result, "payee", "R9b-several-victims")
    assert "moved" in reasons(result, "payee")
    assert fired(result, "boy3", "S14-pays-sextortion-mule")


def test_the_same_payee_spending_it_at_a_shop_is_no_mule(tmp_path: Path) -> None:
    # Control: the same amounts paid at a grocery (MCC 5411) are spending, not a cash-out.
    ledger = Ledger()
    _bursts(ledger, "payee")
    _payee_spends(ledger, "payee", "shop1", "5411")
    result = ledger.score(tmp_path)
    for rule in ("R9-sextortion-mule", "R9b-several-victims"):
        assert not fired(result, "payee", rule), rule
    assert not fired(result, "boy3", "S14-pays-sextortion-mule")


def test_a_withdrawal_long_after_the_credits_is_pocket_money(tmp_path: Path) -> None:
    # Control: the same withdrawals, each a month after the burst before it: drawing cash
    # is what everyone does; cashing out is doing it as the money comes in (item 12).
    ledger = Ledger()
    _bursts(ledger, "payee")
    _payee_spends(ledger, "payee", "atm1", "6011", delay=30.0)
    result = ledger.score(tmp_path)
    for rule in ("R9-sextortion-mule", "R9b-several-victims"):
        assert not fired(result, "payee", rule), rule
