"""Hard negatives told apart by principle: a charity with many foreign donors, its donors,
and occasional payers (organisations.py, occasional.py). Each look-alike stays silent while
the control with the facilitator's substance (cash-out, sessions) still fires."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from jaga.finance import audience
from jaga.finance.occasional import occasional_pairs
from jaga.finance.organisations import charity_memo

from .ledger import COLUMNS, Ledger, fired, reasons

MEMOS = ("donation", "typhoon relief", "monthly pledge", "scholarship fund", "sumbangan", "")
COUNTRIES = ("US", "GB", "AU", "CA", "DE")
# UTC hour of 10:00-15:00 sender-local in each country (daytime giving).
DAY_HOUR = {"US": 17.0, "GB": 11.0, "AU": 2.0, "CA": 16.0, "DE": 10.0}


class ShopLedger(Ledger):
    """The shared ledger plus a `merchant_category` column (purchases from suppliers)."""

    def __init__(self) -> None:
        super().__init__()
        self.categories: dict[int, str] = {}

    def buy(self, sender: str, shop: str, usd: float, day: float, category: str) -> None:
        self.categories[len(self.rows)] = category
        self.pay(sender, shop, usd, day, 3.0, ("PH", "PH"), "", ("Org", "Shop"), "", None, "bank")

    def write(self, tmp_path: Path) -> Path:
        rows = [f"{row},{self.categories.get(i, '')}" for i, row in enumerate(self.rows)]
        path = tmp_path / "tx.csv"
        path.write_text("\n".join([f"{COLUMNS},merchant_category", *rows]) + "\n")
        return path


def _donors(ledger: Ledger, charity: str, count: int, first: int = 0) -> None:
    """Foreign donors giving once, or a monthly pledge, by day, USD 25-50, charity memos."""
    for i in range(first, first + count):
        country = COUNTRIES[i % len(COUNTRIES)]
        days = (5 + i % 20, 35 + i % 20, 65 + i % 20) if i % 4 == 0 else (3 + i % 80,)
        for day in days:
            ledger.pay(f"donor{i}", charity, 25.0 + i % 26, day, DAY_HOUR[country],
                       (country, "PH"), MEMOS[i % len(MEMOS)], (f"Sam Donor{i}", "Help Org"),
                       channel=("bank", "msb", "p2p")[i % 3])  # fmt: skip


def test_charity_with_many_foreign_donors_is_no_hub_and_its_donors_inherit_nothing(
    tmp_path: Path,
) -> None:
    ledger = ShopLedger()
    _donors(ledger, "charity", 60)
    # Its money goes to suppliers (groceries, pharmacy) within a day of the donations.
    for day in range(4, 90, 3):
        shop, category = (("grocer", "5411"), ("pharmacy", "5912"))[day % 2]
        ledger.buy("charity", shop, 900.0, day, category)
    # A donor who also gives to two other charities.
    for other in ("charity2", "charity3"):
        ledger.pay("donor1", other, 30.0, 40, DAY_HOUR["GB"], ("GB", "PH"), "donation",
                   ("Sam Donor1", "Other Org"), channel="bank")  # fmt: skip
    result = ledger.score(tmp_path)
    for rule in ("R1-many-foreign-senders", "R1b-hub-cash-out", "R3-fast-cash-out",
                 "R11-repeat-foreign-senders", "R2-band-inbound"):  # fmt: skip
        assert not fired(result, "charity", rule), rule
    assert reasons(result, "charity") == ""
    for i in range(60):
        for rule in ("S7-pays-hub", "S16-pays-common-beneficiary",
                     "S17-pays-flagged-beneficiary"):  # fmt: skip
            assert not fired(result, f"donor{i}", rule), (i, rule)
        assert reasons(result, f"donor{i}") == "", i


def test_same_fan_in_cashed_out_at_an_agent_is_still_a_hub(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Control: the same foreign payers, but the money is picked up at a cash agent within a
    # day (item 12) instead of paying suppliers: not an organisation, the fan-in and
    # cash-out rules fire as before, and the memos clear nothing. With the audience test
    # on (audience.py), 60 one-off or monthly payers with no family-support disguise make
    # the receiver an audience whatever its cash-out (tests/finance/test_audience.py); it is
    # switched off here to test the organisation criteria alone.
    monkeypatch.setattr(audience, "AUDIENCE_MIN_PAYERS", 10**6)
    # So is the open-audience test (60 payers describing their gifts, none as family support).
    monkeypatch.setattr(audience, "OPEN_MIN_PAYERS", 10**6)
    ledger = ShopLedger()
    _donors(ledger, "receiver", 60)
    for day in range(4, 90, 3):
        ledger.pay("receiver", "agent", 900.0, day, 3.0, ("PH", "PH"), "", ("Rosa Cruz", "Agent"),
                   "F", 1980, "msb")  # fmt: skip
    result = ledger.score(tmp_path)
    assert fired(result, "receiver", "R1b-hub-cash-out")
    assert fired(result, "receiver", "R3-fast-cash-out")
    assert fired(result, "donor0", "S7-pays-hub")


def test_charity_vocabulary_is_context_only() -> None:
    memos = pl.Series(["Donation", "typhoon relief", "sumbangan", "abuloy", "medical bills",
                       "education", "tulong", "show", None])  # fmt: skip
    flags = pl.DataFrame({"m": memos}).select(charity_memo(pl.col("m")))["m"].to_list()
    # Cover words (AUSTRAC, FATF: "medical bills", "education") are never charity context.
    assert flags == [True, True, True, True, False, False, False, False, False]


def test_occasional_tips_are_told_from_sessions() -> None:
    days = pl.DataFrame(
        {
            "sender_id": ["fan"] * 5 + ["buyer"] * 4 + ["pledge"] * 3 + ["lone"] + ["twice"] * 2,
            "receiver_id": ["r"] * 15,
            # A fan tipping about monthly (twice in a row once); a buyer paying in sessions
            # (two payments a night); a monthly pledge; a one-off payment; two payments
            # weeks apart (a lone buyer who came back once: no habit yet).
            "day": [3, 4, 40, 75, 110, 1, 15, 30, 31, 1, 31, 62, 5, 10, 29],
            "n": [1, 1, 1, 1, 1, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1],
        },
        schema_overrides={"day": pl.Int32, "n": pl.Int32},
    )
    found = set(occasional_pairs(days)["sender_id"].to_list())
    assert found == {"fan", "pledge"}


def test_occasional_payers_of_a_flagged_beneficiary_inherit_nothing(tmp_path: Path) -> None:
    # A facilitator paid in sessions by five buyers (twice a night, every few days), who
    # cashes out at an agent; one more payer tips it about monthly at night, even amounts.
    ledger = Ledger()
    surnames = ("Clark", "King", "Hill", "Scott", "Green")
    for i, country in enumerate(("US", "US", "GB", "AU", "US")):
        hour = {"US": 4.0, "GB": 23.0, "AU": 13.0}[country]
        for day in (2, 9, 16):
            for extra in (0.0, 0.05):
                ledger.pay(f"buyer{i}", "hub", 50, day + extra + i * 0.1, hour, (country, "PH"),
                           "show", (f"Dan {surnames[i]}", "Rosa Cruz"))  # fmt: skip
    for day in (3, 10, 17):
        ledger.pay("hub", "agent", 450, day, 6.0, ("PH", "PH"), "", ("Rosa Cruz", "Cash Agent"),
                   "F", 1980)  # fmt: skip
    for day in (1, 31, 61):
        ledger.pay("tipper", "hub", 40, day, 4.0, ("US", "PH"), "", ("Leo Baker", "Rosa Cruz"))
    result = ledger.score(tmp_path)
    assert fired(result, "hub", "R11-repeat-foreign-senders")
    assert reasons(result, "hub") != ""
    assert fired(result, "buyer0", "S17-pays-flagged-beneficiary")
    assert not fired(result, "tipper", "S17-pays-flagged-beneficiary")
    assert reasons(result, "tipper") == ""
