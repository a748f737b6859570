"""R15: accounts sending from the same phone as a flagged facilitator hub (research note T2:
"2-6 linked household accounts (shared device or address)")."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from jaga.finance.ingest import load_transactions
from jaga.finance.network import MAX_DEVICE_ACCOUNTS
from jaga.finance.pipeline import Result
from jaga.finance.rates import load_rates

from .ledger import Ledger, fired, reasons

RULE = "R15-shares-device-with-hub"


def _pay(
    ledger: Ledger,
    sender: str,
    receiver: str,
    usd: float,
    day: float,
    utc_hour: float,
    countries: tuple[str, str] = ("US", "PH"),
    names: tuple[str, str] = ("Jon Smith", "Ana Reyes"),
    device: str = "",
    memo: str = "",
) -> None:
    """A payment with its sending device and no sender sex or birth year."""
    ledger.pay(sender, receiver, usd, day, utc_hour, countries, memo, names, sex="", born=None,
               device=device)  # fmt: skip


def _hub(
    ledger: Ledger, buyers: int = 5, device: str = "phone-h", hour: float = 4.0, memo: str = "show"
) -> None:
    """A PH receiver that foreign senders pay again and again (by default at their night,
    04:00 UTC, with a cover word), who cashes most of it out within a day from her phone."""
    surnames = ("Clark", "King", "Hill", "Scott", "Green")
    for i in range(buyers):
        for day in (2, 6, 10, 14):
            _pay(ledger, f"buyer{i}", "hub", 50 + i * 0.37, day + i * 0.1, hour, ("US", "PH"),
                       (f"Dan {surnames[i]}", "Rosa Cruz"), f"b{i}", memo)  # fmt: skip
    for day in (3, 7, 11, 15):
        _pay(ledger, "hub", "agent", 40 * buyers + 30, day, 6.0, ("PH", "PH"),
                   ("Rosa Cruz", "Cash Agent"), device)  # fmt: skip


def _household(ledger: Ledger, device: str) -> None:
    """A household account on `device`: a few low-value credits from abroad, sent in the
    senders' daytime (16:00 UTC is 10:00 Central), moved on within a day (fan-in and
    cash-out evidence of its own, each weak; no night pattern, so only two families)."""
    for i, day in enumerate((4, 8, 12, 13)):
        _pay(ledger, f"uncle{i}", "house", 30, day, 16.0, ("US", "PH"), (f"Al Ward{i}", "Mia Cruz"))
    for day in (5, 9, 14):
        _pay(
            ledger, "house", "agent", 38, day, 6.0, ("PH", "PH"), ("Mia Cruz", "Cash Agent"), device
        )


def _fired(result: Result, account: str) -> bool:
    return fired(result, account, RULE)


_reasons = reasons


def test_household_on_the_hubs_phone_is_linked_with_reason_and_source(tmp_path: Path) -> None:
    ledger = Ledger()
    _hub(ledger)
    _household(ledger, "phone-h")
    result = ledger.score(tmp_path)
    assert _fired(result, "house")
    reasons = _reasons(result, "house")
    assert (
        f"{RULE} sends from the same device as 1 alerting facilitator hub(s), e.g. hub" in reasons
    )
    assert "[source: AMLC-MO; AMLC-2020]" in reasons
    # The hub itself is not "linked" to itself, and the agent that only receives is not linked.
    assert not _fired(result, "hub") and not _fired(result, "agent")


def test_device_link_alone_alerts_as_linked_household_at_low_severity(tmp_path: Path) -> None:
    # A relative who only pays the shop from the hub's phone: the evidence is the hub's
    # (corroborated there), so the account is listed, named as linked, but stays low.
    ledger = Ledger()
    _hub(ledger)
    _pay(
        ledger, "cousin", "shop", 12.5, 9, 6.0, ("PH", "PH"), ("Lea Cruz", "Sari Store"), "phone-h"
    )
    result = ledger.score(tmp_path)
    assert _fired(result, "cousin")
    alert = result.alerts.filter(pl.col("account_id") == "cousin").row(0, named=True)
    assert alert["role"] == "linked-household"
    assert alert["severity"] == "low"
    assert "e.g. hub" in alert["reasons"]
    assert alert["reasons"].startswith(RULE)


def test_shop_phone_used_by_many_accounts_links_nobody(tmp_path: Path) -> None:
    ledger = Ledger()
    _hub(ledger, device="shop-phone")
    _household(ledger, "shop-phone")
    for i in range(MAX_DEVICE_ACCOUNTS):
        _pay(ledger, f"customer{i}", "shop", 5, 9 + i * 0.1, 6.0, ("PH", "PH"),
                   (f"Cy Lim{i}", "Sari Store"), "shop-phone")  # fmt: skip
    result = ledger.score(tmp_path)
    assert not _fired(result, "house")
    assert "R15" not in _reasons(result, "house")


def test_phone_shared_with_an_unflagged_receiver_links_nobody(tmp_path: Path) -> None:
    # One foreign sender paying by day (16:00 UTC), odd amounts, no memo: no common
    # beneficiary and no night pattern, so the receiver does not alert and is no hub.
    ledger = Ledger()
    _hub(ledger, buyers=1, hour=16.0, memo="")
    _household(ledger, "phone-h")
    result = ledger.score(tmp_path)
    assert not _fired(result, "house")


def test_rows_without_device_link_nobody(tmp_path: Path) -> None:
    ledger = Ledger()
    _hub(ledger, device="")
    _household(ledger, "")
    result = ledger.score(tmp_path)
    assert not _fired(result, "house")
    # Its own fan-in and cash-out evidence alone stays below the alert threshold.
    assert _reasons(result, "house") == ""


def test_incremental_state_keeps_the_device_map(tmp_path: Path) -> None:
    from jaga.finance.features import enrich
    from jaga.finance.indicators import IndicatorConfig
    from jaga.finance.state import current_features, update

    ledger = Ledger()
    _hub(ledger)
    _household(ledger, "phone-h")
    valid = load_transactions(ledger.write(tmp_path), load_rates()).valid
    enriched = enrich(valid, IndicatorConfig())
    folder = tmp_path / "state"
    last = enriched["day"].max()
    # The household's use of the phone is in the first file only; the map carries it over.
    update(enriched.filter(pl.col("day") < last), folder)
    update(enriched.filter(pl.col("day") == last), folder)
    features = current_features(folder)
    house = features.filter(pl.col("account_id") == "house")
    assert house["net_hub_device_90"][0] == 1
