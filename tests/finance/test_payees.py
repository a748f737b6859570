"""Judging a payee by what it does with the money, and reading names as payment systems
write them: a sextortion mule moves the money on, a shop keeps it (features.MULE_MOVED_SHARE);
"SURNAME, GIVEN" and masked surnames (names.py). The look-alike stays silent while its
control still fires."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from jaga.finance.names import with_related

from .ledger import Ledger, fired, reasons

# Four boys in three countries (sender-local evening), each paying the payee three times
# within a day and a half, escalating from below USD 250 (research item 13).
VICTIMS = (("US", 1.0), ("GB", 20.0), ("AU", 10.0), ("US", 2.0))


def _bursts(ledger: Ledger, payee: str) -> None:
    for i, (country, hour) in enumerate(VICTIMS):
        for j in range(3):
            day = 10 + 20 * i + 0.4 * j
            ledger.pay(f"boy{i}", payee, 60.0 + 40 * j, day, hour, (country, "NG"), "",
                       (f"Tom Boy{i}", "Kay Ade"), "M", 2009, "p2p")  # fmt: skip


def test_a_payee_who_keeps_the_minors_money_is_no_mule(tmp_path: Path) -> None:
    # A reseller abroad paid in bursts by several minors (tickets, sneakers) keeps what it is
    # paid: no mule rule on it, and its payers get no "pays a mule" corroboration.
    ledger = Ledger()
    _bursts(ledger, "reseller")
    result = ledger.score(tmp_path)
    for rule in ("R9-sextortion-mule", "R9b-several-victims"):
        assert not fired(result, "reseller", rule), rule
    assert reasons(result, "reseller") == ""
    for i in range(len(VICTIMS)):
        assert fired(result, f"boy{i}", "S12-minor-burst-new-payee")
        assert not fired(result, f"boy{i}", "S14-pays-sextortion-mule")


def test_the_same_payee_who_moves_the_money_on_is_a_mule(tmp_path: Path) -> None:
    # Control: the same bursts, and the payee cashes most of it out at agents within days.
    ledger = Ledger()
    _bursts(ledger, "mule")
    for i in range(len(VICTIMS)):
        ledger.pay("mule", f"agent{i % 2}", 250.0, 12 + 20 * i, 9.0, ("NG", "NG"), "",
                   ("Kay Ade", "Cash Agent"), "M", 1995, "msb")  # fmt: skip
    result = ledger.score(tmp_path)
    assert fired(result, "mule", "R9b-several-victims")
    assert "moved" in reasons(result, "mule")
    # The last victim: when it paid, the payee had taken bursts from the others already.
    assert fired(result, "boy3", "S14-pays-sextortion-mule")


def test_surnames_are_read_as_payment_systems_write_them() -> None:
    tx = pl.DataFrame(
        {
            "sender_id": ["a", "b", "c", "d", "e", "f"],
            "receiver_id": ["r", "s", "s", "t", "u", "v"],
            "sender_name": ["SANTOS, JAYSON", "Malee Inthong", "Wanida Inthong", "Jon Smith",
                            None, "Ana Cruz"],
            "receiver_name": ["Lovely Santos", "Araya I.", "Araya Inthong", "Ana Reyes",
                              "Lia Reyes", "Lia C."],
        }
    )  # fmt: skip
    related = with_related(tx)["_related_names"].to_list()
    # Family name first with a comma; a masked surname completed from the account's other
    # row (receiver s is "Araya Inthong" there); different surnames; no name on one side:
    # unknown, not related; a masked surname never shown in full is no tie, even when its
    # initial fits ("Lia C." and "Ana Cruz").
    assert related == [True, True, True, False, False, False]
