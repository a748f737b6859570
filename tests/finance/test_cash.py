"""Cash withdrawals are moved-on money for the mule test (cash.py): a payee of minors'
bursts that withdraws what they paid at ATMs is a mule; the same payee spending it at a
shop keeps the money (features.MULE_MOVED_SHARE) and stays no mule."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from jaga.finance.features import enrich
from jaga.finance.indicators import IndicatorConfig
from jaga.finance.ingest import load_transactions
from jaga.finance.merchant_codes import category_words
from jaga.finance.rates import load_rates
from jaga.finance.state import current_features, update

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


def test_a_payee_who_converts_the_minors_money_into_crypto_is_a_mule(tmp_path: Path) -> None:
    # Conversions (cash.py): the same payee buying crypto (MCC 6051, quasi-cash) with what
    # the minors paid, a month after each burst: turned into another store of value, moved
    # on at any speed (FATF 2025, FinCEN FIN-2025-NTC2). The same delay at an ATM is
    # pocket money (above); at a grocery, spending.
    ledger = Ledger()
    _bursts(ledger, "payee")
    _payee_spends(ledger, "payee", "exchange1", "6051", delay=30.0)
    result = ledger.score(tmp_path)
    assert fired(result, "payee", "R9b-several-victims")
    assert fired(result, "boy3", "S14-pays-sextortion-mule")


def test_conversion_codes_and_descriptions_read_as_quasi_cash() -> None:
    written = ["6051", "6540", "4829", "Crypto exchange", "MONEY ORDER", "5411", "6011"]
    words = category_words(written)
    assert [words.get(w) for w in written] == [
        "quasi_cash", "quasi_cash", "quasi_cash", "quasi_cash", "quasi_cash", None, "atm"
    ]  # fmt: skip


def test_a_state_stored_before_conversions_still_loads(tmp_path: Path) -> None:
    # Incremental scoring keeps account-days on disk (state.py); a state written before
    # `converted_usd` existed counts no conversions and loses nothing else.
    ledger = Ledger()
    _bursts(ledger, "payee")
    _payee_spends(ledger, "payee", "exchange1", "6051")
    enriched = enrich(load_transactions(ledger.write(tmp_path), load_rates()).valid,
                      IndicatorConfig())  # fmt: skip
    folder = tmp_path / "state"
    update(enriched, folder)
    days = folder / "account_days.parquet"
    stored = pl.read_parquet(days)
    assert stored["converted_usd"].sum() > 0
    stored.drop("converted_usd").write_parquet(days)
    features = current_features(folder)
    assert features.height > 0
    update(enriched.head(10), folder)  # merging new days into the old state works too
    assert pl.read_parquet(days)["in_usd"].sum() >= stored["in_usd"].sum()
