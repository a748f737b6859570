"""A minor's burst to a new payee is one event (bursts.py, typologies S19-S21): alone it is
one red flag, low and no alert; counted once, not again as corridor cadence (S1); the
payee's other victims, even weeks later, corroborate it (S14 over the burst's 180 days)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jaga.finance import look_alikes

from .ledger import Ledger, fired, reasons


def _burst(ledger: Ledger, teen: str, payee: str, day: float, country: str = "US") -> None:
    """A 15-year-old boy pays a new payee in the Philippines four times within two days, in
    the USD 10-200 band (a high-risk corridor), from USD 40 (research item 13)."""
    for n, usd in enumerate((40, 60, 90, 120)):
        ledger.pay(teen, payee, usd, day + 0.5 * n, 3.0, (country, "PH"), "",
                   (f"Hugo {teen.title()}", "Kim Cruz"), "M", 2009, "p2p")  # fmt: skip


def test_a_burst_alone_is_one_red_flag_and_not_corridor_cadence(tmp_path: Path) -> None:
    ledger = Ledger()
    _burst(ledger, "teen", "payee", 30)
    result = ledger.score(tmp_path)
    assert fired(result, "teen", "S12-minor-burst-new-payee")
    assert fired(result, "teen", "S19-burst-payee-abroad")
    # Four in-band payments to PH within 30 days are item 2's cadence only for a
    # relationship; the burst's payments count once, for the sextortion rules.
    assert not fired(result, "teen", "S1-band-cadence")
    assert reasons(result, "teen") == ""


def test_without_the_discount_the_burst_counted_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Control: with the burst's payments also counted as corridor cadence, S1 made a second
    # family from the same four payments and the teenager alerted.
    monkeypatch.setattr(look_alikes, "discount_bursts", lambda pairs: pairs)
    ledger = Ledger()
    _burst(ledger, "teen", "payee", 30)
    result = ledger.score(tmp_path)
    assert fired(result, "teen", "S1-band-cadence")
    assert "S12-minor-burst-new-payee" in reasons(result, "teen")


def test_the_first_victim_is_corroborated_by_the_payees_later_victims(tmp_path: Path) -> None:
    # Three boys in three countries pay the same payee, each in a burst, weeks apart; the
    # payee cashes the money out at agents. The first victim paid before the payee had any
    # other victim: its burst and the later ones meet within the same 180 days.
    ledger = Ledger()
    for i, (country, day) in enumerate((("US", 10), ("GB", 55), ("AU", 100))):
        _burst(ledger, f"boy{i}", "mule", day, country)
        ledger.pay("mule", "agent", 250.0, day + 3, 9.0, ("PH", "PH"), "",
                   ("Kim Cruz", "Cash Agent"), "M", 1995, "msb")  # fmt: skip
    result = ledger.score(tmp_path)
    first = reasons(result, "boy0")
    assert "S12-minor-burst-new-payee" in first and "S14-pays-sextortion-mule" in first
    assert "FINCEN-2025" in first and "FBI-SEXTORTION" in first
    assert "S14-pays-sextortion-mule" in reasons(result, "boy2")
