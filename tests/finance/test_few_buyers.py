"""A facilitator paid by a few buyers (research note T2 with items 6, 7 and 12): R16, the
pay-per-view shape of the credits, is the third family next to fan-in and cash-out; three
independent families alert whatever their weights (scoring.CORROBORATED_FAMILIES)."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from .ledger import Ledger, fired, reasons

SURNAMES = ("Clark", "King", "Hill")


def _facilitator(
    ledger: Ledger, utc_hour: float, amounts: tuple[float, ...], buyers: int = 2
) -> None:
    """Foreign buyers (two by default) each pay 'host' in irregular sessions; she cashes out
    daily."""
    for b in range(buyers):
        for n, day in enumerate((2, 3.5, 9, 16, 17, 25)):
            ledger.pay(f"buyer{b}", "host", amounts[n % len(amounts)], day + b * 0.2, utc_hour,
                       ("US", "PH"), "", (f"Dan {SURNAMES[b]}", "Rosa Cruz"))  # fmt: skip
    for day in (3, 4, 10, 17, 18, 26):
        ledger.pay("host", "agent", 90, day + 0.5, 6.0, ("PH", "PH"), "",
                   ("Rosa Cruz", "Cash Agent"), "F", 1990)  # fmt: skip


def test_few_buyers_at_night_with_even_amounts_and_cash_out_alert(tmp_path: Path) -> None:
    ledger = Ledger()
    _facilitator(ledger, 4.0, (40, 50, 30))  # 22:00 Central, round sums
    result = ledger.score(tmp_path)
    assert fired(result, "host", "R16-pattern-credits")
    text = reasons(result, "host")
    assert "R2-band-inbound" in text and "R3-fast-cash-out" in text
    assert "[source: FATF-2025; AUSTRAC-2024]" in text
    alert = result.alerts.filter(pl.col("account_id") == "host").row(0, named=True)
    assert alert["score"] >= 4.0 and alert["severity"] in ("medium", "high")


def test_one_sender_by_day_with_odd_amounts_does_not_alert(tmp_path: Path) -> None:
    # Control: one foreign sender (a relative abroad) paying by day, 16:00 UTC (10:00
    # Central), in odd sums, with the same cash-out: fan-in and cash-out are two weak
    # families, below the threshold, and one sender is no common beneficiary.
    ledger = Ledger()
    _facilitator(ledger, 16.0, (41.3, 52.7, 33.9), buyers=1)
    result = ledger.score(tmp_path)
    assert not fired(result, "host", "R16-pattern-credits")
    assert not fired(result, "host", "R11-repeat-foreign-senders")
    assert reasons(result, "host") == ""


def test_two_repeat_senders_by_day_make_a_common_beneficiary(tmp_path: Path) -> None:
    # AUSTRAC 2019: "frequent, low-value ... remittance to a common beneficiary ... sent by
    # multiple ... customers": two unrelated foreign senders paying again and again are
    # multiple customers (R11b, weaker than R11's three), a third family next to fan-in and
    # cash-out, so the host alerts even by day.
    ledger = Ledger()
    _facilitator(ledger, 16.0, (41.3, 52.7, 33.9))
    result = ledger.score(tmp_path)
    assert not fired(result, "host", "R16-pattern-credits")
    text = reasons(result, "host")
    assert "R11b-two-repeat-senders 2 foreign senders" in text
    assert "[source: AUSTRAC-2019; AUSTRAC-CASE]" in text


def test_a_one_off_buyer_of_that_facilitator_inherits_from_it(tmp_path: Path) -> None:
    # Its two buyers come back again and again (returning buyers), so the alerting
    # facilitator passes S17 on to a buyer who paid it once, at night, an even amount.
    ledger = Ledger()
    _facilitator(ledger, 4.0, (40, 50, 30))
    ledger.pay("lone", "host", 50, 20, 1.0, ("GB", "PH"), "", ("Ian Ross", "Rosa Cruz"))
    result = ledger.score(tmp_path)
    assert fired(result, "lone", "S17-pays-flagged-beneficiary")
    assert "S18-pattern-to-flagged" in reasons(result, "lone")
