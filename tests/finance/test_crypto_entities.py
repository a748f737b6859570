"""Crypto addresses that sweep into one another are one payee (crypto_entities.py, R17)."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from jaga.finance.crypto_entities import crypto_entities

from .ledger import Ledger, fired, reasons


def _pairs(rows: list[tuple[str, str, int, int]]) -> pl.LazyFrame:
    return pl.LazyFrame(rows, schema=["sender_id", "receiver_id", "n", "n_crypto"], orient="row")


def test_sweeps_join_addresses_into_one_entity_along_a_chain() -> None:
    entities = crypto_entities(
        _pairs(
            [
                ("buyer1", "addr1", 1, 1),
                ("buyer2", "addr2", 1, 1),
                ("buyer3", "addr3", 1, 1),
                ("addr1", "addr2", 1, 1),  # a chain of sweeps: 1 -> 2 -> 3 -> collector
                ("addr2", "addr3", 1, 1),
                ("addr3", "collector", 1, 1),
                # A person paid in fiat too is no address: crypto to them is no sweep.
                ("buyer4", "person", 3, 0),
                ("addr1", "person", 1, 1),
            ]
        ),
        crypto_only_share=0.9,
    ).collect()
    by_address = dict(zip(entities["address"], entities["entity"], strict=True))
    assert by_address == dict.fromkeys(["addr1", "addr2", "addr3", "collector"], "addr1")


def test_no_sweeps_no_entities() -> None:
    entities = crypto_entities(_pairs([("buyer1", "addr1", 1, 1)]), 0.9).collect()
    assert entities.is_empty()
    assert entities.columns == ["address", "entity"]


def test_a_checkout_that_gives_each_buyer_fresh_addresses_is_one_shared_payee(
    tmp_path: Path,
) -> None:
    ledger = Ledger()
    # Five unrelated buyers, each paying two fresh addresses of one site in the band (in
    # the afternoon, uneven sums: no night pattern); each address has one payer only, and
    # the site sweeps every address into its collecting address.
    surnames = ("Hill", "King", "Scott", "Adams", "Young")
    for i in range(5):
        for n in range(2):
            address = f"site{i}{n}"
            ledger.pay(f"buyer{i}", address, 37.4 + 9 * n + i, 5 + 7 * n + i, 20.0, ("US", "SC"),
                       "", (f"Leo {surnames[i]}", "X"), channel="crypto")  # fmt: skip
            ledger.pay(address, "collector", 36.0 + 9 * n + i, 6 + 7 * n + i, 3.0, ("SC", "SC"),
                       "", ("X", "X"), channel="crypto")  # fmt: skip
    result = ledger.score(tmp_path)
    for address in ("site00", "site31", "collector"):
        assert fired(result, address, "R12-crypto-shared-address"), address
        text = reasons(result, address)
        assert "R17-crypto-swept-addresses" in text and "FATF-2020-VA" in text, address
        assert "over 11 addresses" in text
    # The buyers paid one shared payee twice each: the T6 payer rule, one family (no alert).
    assert fired(result, "buyer2", "S22-crypto-shared-address")


def test_an_exchange_whose_deposit_addresses_sweep_to_its_hot_wallet_is_no_checkout(
    tmp_path: Path,
) -> None:
    ledger = Ledger()
    # Each customer pays an own deposit address, amounts of every size; the exchange sweeps
    # the deposits into its hot wallet. One entity with many payers, but not a band checkout.
    for i in range(6):
        for day, usd in ((3, 40.0), (9, 900.0), (16, 2500.0)):
            ledger.pay(f"saver{i}", f"deposit{i}", usd + i, day + i * 0.1, 14.0, ("US", "SC"),
                       "", (f"Ivy Green{i}", "X"), channel="crypto")  # fmt: skip
            ledger.pay(f"deposit{i}", "hotwallet", usd + i, day + 1, 2.0, ("SC", "SC"), "",
                       ("X", "X"), channel="crypto")  # fmt: skip
    result = ledger.score(tmp_path)
    for account in ("deposit0", "hotwallet", "saver0"):
        assert not fired(result, account, "R12-crypto-shared-address"), account
        assert not fired(result, account, "R17-crypto-swept-addresses"), account
        assert reasons(result, account) == "", account
