"""Who can be a hub's customer (network.customer_pairs) and which crypto address is a
checkout (pooled.py). Modelled on held-out generator 9's false alerts (docs/benchmarks.md):
teenagers buying game credits from an alerted reseller, romance-scam victims paying their
scammer ever larger sums, crypto traders paying a game's or an exchange's pooled address."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from jaga.finance import escalation, pooled

from .ledger import Ledger, fired, reasons

S17 = "S17-pays-flagged-beneficiary"
S25 = "S25-customer-of-corroborated-hub"
S22 = "S22-crypto-shared-address"
R12 = "R12-crypto-shared-address"
SURNAMES = ("Clark", "King", "Hill", "Scott", "Green", "Adams", "Baker", "Young", "Lee")


def _hub(ledger: Ledger, buyers: int = 5) -> None:
    """A corroborated hub: `buyers` foreign senders paying it four times in 12 days at their
    night, the receiver cashing most of it out within a day (fan-in, cash-out, common
    beneficiary of its own; the same hub as test_hub_strength)."""
    for i in range(buyers):
        for day in (92, 96, 100, 104):
            ledger.pay(f"buyer{i}", "hub", 50 + i * 0.37, day + i * 0.1, 4.0, ("US", "PH"),
                       "show", (f"Dan {SURNAMES[i]}", "Rosa Cruz"))  # fmt: skip
    for day in (93, 97, 101, 105):
        ledger.pay("hub", "agent", 60 * buyers, day, 6.0, ("PH", "PH"), "",
                   ("Rosa Cruz", "Cash Agent"), "F", 1980)  # fmt: skip


@pytest.mark.parametrize(("born", "sums"), [(2010, (2.0, 3.0, 12.0)), (1980, (2.0, 3.0, 12.0)),
                                            (2010, (60.0, 90.0))])  # fmt: skip
def test_a_minor_buying_small_top_ups_from_a_hub_inherits_nothing(
    tmp_path: Path, born: int, sums: tuple[float, ...]
) -> None:
    # A 14-year-old (born 2010) topping up game credits from the hub, USD 2-12 a time
    # (average under USD 15): shopping, no customer (pocket_money_pairs). An adult paying the
    # same sums is a lone buyer who inherits the hub's evidence (S25), and so is a minor
    # paying tens of dollars (a sextortion victim's sums, T5: the hub's evidence matters).
    ledger = Ledger()
    _hub(ledger)
    # "top up", not "diamonds": a pair naming the game item bought is a named purchase
    # (purchases.py, 3 Dec 2026), whose payments count towards no hub's customers, as a
    # calendar-rhythm or billing pair's do not; this test is about the sums and the age.
    for n, usd in enumerate(sums):  # four days apart: no minor's burst (bursts.py)
        ledger.pay("payer", "hub", usd, 95 + 4 * n, 2.0, ("US", "PH"), "top up",
                   ("Max Ward", "Rosa Cruz"), born=born)  # fmt: skip
    result = ledger.score(tmp_path)
    customer = born == 1980 or sum(sums) / len(sums) >= 15
    assert fired(result, "payer", S25) is customer
    if not customer:
        assert not fired(result, "payer", S17)
        assert reasons(result, "payer") == ""
    # The hub's own customers are unchanged either way.
    assert fired(result, "buyer0", S25) or fired(result, "buyer0", S17)


@pytest.mark.parametrize("escalating", [True, False])
def test_a_payer_whose_sums_escalate_inherits_nothing(tmp_path: Path, escalating: bool) -> None:
    # A romance-scam victim (FINTRAC-2019-OA001: "the amount or frequency of funds sent
    # increases over time"): in-band sums first, then hundreds, by day, for "medical bills".
    # Control: the same payer keeping to the band (a buyer) inherits the hub's evidence.
    ledger = Ledger()
    _hub(ledger)
    sums = (45, 60, 80, 120, 180, 260, 420, 600) if escalating else (45, 60, 80, 50, 70, 60)
    for n, usd in enumerate(sums):
        ledger.pay("payer", "hub", float(usd), 90 + 2 * n, 15.0, ("US", "PH"), "medical bills",
                   ("Max Ward", "Rosa Cruz"))  # fmt: skip
    result = ledger.score(tmp_path)
    assert fired(result, "payer", S25) is not escalating
    if escalating:
        assert not fired(result, "payer", S17)
        assert S25 not in reasons(result, "payer")


def test_escalating_pairs_need_growth_beyond_the_band() -> None:
    # Pair-bucket rows (bucket 0 newest): a victim's month averaging USD 400 after a first
    # payment of 50 escalates; a buyer whose month averages 150 (in the band), or a
    # relative who sends USD 300 from the first payment on (no growth), does not.
    rows = [
        ("victim", "x", 1, 3, 150.0, 50.0),
        ("victim", "x", 0, 3, 1200.0, 300.0),
        ("buyer", "x", 1, 3, 120.0, 30.0),
        ("buyer", "x", 0, 4, 600.0, 100.0),
        ("relative", "x", 1, 1, 300.0, 300.0),
        ("relative", "x", 0, 2, 640.0, 320.0),
    ]
    pairs = pl.DataFrame(
        rows, schema=["sender_id", "receiver_id", "bucket", "n", "usd", "first_usd"], orient="row"
    ).with_columns(pl.lit(True).alias("cross_border"))
    assert escalation.escalating_pairs(pairs)["sender_id"].to_list() == ["victim"]


def _crypto_payer(ledger: Ledger, sender: str, address: str, day: float, usd: float) -> None:
    ledger.pay(sender, address, usd, day, 3.0, ("US", "PH"), "", (f"Kim {sender}", ""),
               channel="crypto")  # fmt: skip


def test_an_address_paid_once_each_by_very_many_is_pooled(tmp_path: Path) -> None:
    # A game's or an exchange's pooled address: 40 unrelated payers a month, each paying
    # USD 24.62 once, at night. The audience test applied to crypto: no checkout, so
    # neither the payers (S22) nor the address (R12) alert as a shared address.
    ledger = Ledger()
    for month in range(4):
        for i in range(40):
            _crypto_payer(ledger, f"p{month}_{i}", "pool", 30 * month + i * 0.7, 24.62)
        # A trader paying the pool each month makes no checkout of it either.
        _crypto_payer(ledger, "trader", "pool", 30 * month + 5, 24.62)
    result = ledger.score(tmp_path)
    pool = result.scored.checkpoints.filter(pl.col("account_id") == "pool")
    assert pool["r_crypto_pooled"].all()
    assert not fired(result, "pool", R12)
    assert not fired(result, "trader", S22)
    assert reasons(result, "trader") == ""


def test_a_checkout_whose_buyers_come_back_is_not_pooled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Thirty buyers paying one address three times a month in the band: a base of buyers
    # coming back in sessions (item 2), so it stays a shared address, however many buyers.
    ledger = Ledger()
    for i in range(30):
        for n, day in enumerate((60, 63, 66)):  # prices vary: no recurring buy
            _crypto_payer(ledger, f"b{i}", "site", day + i * 0.1, 30.0 + i + 15 * n)
    result = ledger.score(tmp_path)
    assert not result.scored.checkpoints.filter(pl.col("account_id") == "site")[
        "r_crypto_pooled"
    ].any()
    assert fired(result, "site", R12)
    assert fired(result, "b0", S22)
    # Control: with a breadth no address reaches, the one-off pool above would be a
    # shared address again (what the crypto traders of generator 9 met).
    monkeypatch.setattr(pooled, "AUDIENCE_MIN_PAYERS", 10**6)
    ledger = Ledger()
    for i in range(40):
        _crypto_payer(ledger, f"p{i}", "pool", 60 + i * 0.7, 24.62)
    result = ledger.score(tmp_path)
    assert fired(result, "pool", R12)


@pytest.mark.parametrize("price", [10.0, 40.0])
def test_a_hub_paid_a_few_dollars_a_time_passes_nothing(tmp_path: Path, price: float) -> None:
    # A game-credit reseller: five buyers each paying three in-band top-ups of USD 10 and
    # one coin of USD 2 (their credits average under USD 15, the peak band's bottom) and the
    # reseller moving the money on: fan-in, cash-out and common beneficiary of its own, but
    # paid for small goods, so its payers are no facilitator's customers. Control: the same
    # hub at USD 40 a payment (a session price) passes its evidence on to a lone buyer.
    ledger = Ledger()
    for i in range(5):
        for n, day in enumerate((92, 96, 100, 104)):
            usd = 2.0 if n == 3 else price + i * 0.37
            ledger.pay(f"buyer{i}", "hub", usd, day + i * 0.1, 4.0, ("US", "PH"), "",
                       (f"Dan {SURNAMES[i]}", "Rosa Cruz"))  # fmt: skip
    for day in (93, 97, 101, 105):
        ledger.pay("hub", "agent", 4 * price, day, 6.0, ("PH", "PH"), "",
                   ("Rosa Cruz", "Cash Agent"), "F", 1980)  # fmt: skip
    for day in (95, 99):
        ledger.pay("lone", "hub", 12.0, day, 2.0, ("GB", "PH"), "", ("Tim Ward", "Rosa Cruz"))
    result = ledger.score(tmp_path)
    assert fired(result, "lone", S25) is (price == 40.0)
    if price == 10.0:
        assert not fired(result, "lone", S17)
