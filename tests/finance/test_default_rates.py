"""The shipped rates table covers the corridors Southeast Asian workers and their families use.

A payment in a currency the table lacks is set aside as a bad row, so a gap in the default
table silently drops whole corridors (e.g. Thai and Filipino workers in Israel paid in ILS).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jaga.finance.ingest import load_transactions
from jaga.finance.rates import load_rates

# Host countries of the region's migrant workers (ILO/IOM corridor lists) and the customers'
# own currencies: each must convert out of the box.
CORRIDOR_CURRENCIES: dict[str, tuple[str, ...]] = {
    "the region itself": ("PHP", "THB", "IDR", "VND", "KHR", "LAK", "MMK", "MYR", "SGD", "BND"),
    "Gulf and Levant employers": ("SAR", "AED", "QAR", "KWD", "BHD", "OMR", "JOD", "ILS"),
    "East Asian employers": ("HKD", "MOP", "TWD", "JPY", "KRW", "CNY"),
    "diaspora and foreign customers": ("USD", "CAD", "AUD", "NZD", "GBP", "EUR", "CHF"),
    "South Asian neighbours": ("INR", "PKR", "BDT", "NPR", "LKR"),
}


def test_default_table_converts_every_corridor_currency() -> None:
    rates = load_rates()
    missing = [c for codes in CORRIDOR_CURRENCIES.values() for c in codes if c not in rates]
    assert missing == []
    assert all(rate > 0 for rate in rates.values())


def test_a_remittance_from_israel_in_shekels_is_kept_and_converted(tmp_path: Path) -> None:
    csv = tmp_path / "tx.csv"
    csv.write_text(
        "tx_id,timestamp,sender_id,receiver_id,amount,currency,sender_country,receiver_country,"
        "channel,memo\n"
        "t1,2025-03-01T20:00:00+02:00,worker,family,1000,ILS,IL,TH,msb,\n"
    )
    result = load_transactions(csv, load_rates())
    assert result.errors == []
    assert result.valid["usd"].to_list() == pytest.approx([270.0])
