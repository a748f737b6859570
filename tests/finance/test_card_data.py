"""Card data read as card data (merchant_codes.py, features.enrich, audience.py).

An acquirer's or issuer's export writes ISO 18245 codes or descriptions for the merchant
category, gives individuals (sellers, creators, tutors) merchant accounts, and carries the
payee's KYC birth year. Each test draws a tiny ledger through the real ingest and scoring:
a person's payment link paid by foreign buyers at night with family-support memos is judged
like any payment to a person, while the same payments to a business are spending; a tutor
whose students write "tuition" under an education code is an open audience; a teenager
topping up game credits from a person who sells them is shopping, not a sextortion burst.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from jaga.finance.features import enrich
from jaga.finance.indicators import IndicatorConfig
from jaga.finance.ingest import load_transactions
from jaga.finance.merchant_codes import category_words
from jaga.finance.rates import load_rates

from .ledger import Ledger, fired

COUNTRIES = ("US", "GB", "AU", "CA", "DE", "NO")
# UTC hour of about 23:00 sender-local in each country (the payers' night, FATF 2025).
NIGHT_HOUR = {"US": 4.0, "GB": 23.0, "AU": 13.0, "CA": 4.0, "DE": 22.0, "NO": 22.0}
DISGUISE_MEMOS = ("family support", "medical bills", "school", "accommodation", "", "uniform")


class CardLedger(Ledger):
    """Card payments (`Ledger`) to a payee with a KYC birth year (a person) unless told."""

    def card(
        self,
        sender: str,
        receiver: str,
        usd: float,
        day: float,
        utc_hour: float,
        category: str,
        countries: tuple[str, str] = ("US", "PH"),
        memo: str = "",
        payee_born: int | None = 1990,
        payer_born: int = 1970,
    ) -> None:
        self.pay(sender, receiver, usd, day, utc_hour, countries, memo, born=payer_born,
                 channel="card", payee_born=payee_born, category=category)  # fmt: skip


def test_codes_and_descriptions_read_as_the_indicators_words() -> None:
    words = category_words(
        ["6011", "ATM withdrawal", "jewelry store", "gift cards", "lodging", "3650", "8299",
         "pharmacy", "5812", "batman", "digital games"]
    )  # fmt: skip
    assert words == {
        "6011": "atm",
        "ATM withdrawal": "atm",
        "jewelry store": "jewellery",
        "gift cards": "gift_card",
        "lodging": "hotel",
        "3650": "hotel",  # a hotel chain's own code (3501-3999)
        "8299": "education",
        "pharmacy": "medical",
    }
    # Unknown codes and other trades stay as written: still purchases.
    assert "5812" not in words and "batman" not in words and "digital games" not in words


def _buyers(ledger: CardLedger, payee: str, category: str, payee_born: int | None) -> None:
    """Eight foreign buyers paying `payee` at their night, three sessions a month, disguised."""
    for i in range(8):
        country = COUNTRIES[i % len(COUNTRIES)]
        for month in range(3):
            for j in range(3):
                ledger.card(f"b{i}", payee, (20.0, 30.0, 50.0)[j], month * 30 + i + 2 * j,
                           NIGHT_HOUR[country], category, (country, "PH"),
                           DISGUISE_MEMOS[(i + j) % len(DISGUISE_MEMOS)], payee_born)  # fmt: skip


def test_a_persons_payment_link_is_a_payment_to_a_person(tmp_path: Path) -> None:
    ledger = CardLedger()
    _buyers(ledger, "link", "5964", payee_born=1990)  # a person's payment link
    _buyers(ledger, "shop", "5964", payee_born=None)  # a business under the same code
    result = ledger.score(tmp_path)
    assert fired(result, "link", "R1-many-foreign-senders")
    assert "link" in set(result.alerts["account_id"])
    assert not fired(result, "shop", "R1-many-foreign-senders")
    assert "shop" not in set(result.alerts["account_id"])


def _students(ledger: CardLedger, tutor: str, category: str) -> None:
    """Six foreign students paying a tutor once or twice a month for five months."""
    memos = ("tuition", "lesson", "English class", "tuition", "10 lessons package")
    for i in range(6):
        country = COUNTRIES[i % len(COUNTRIES)]
        for k in range(8):
            ledger.card(f"{tutor}_s{i}", tutor, (15.0, 25.0)[k % 2], k * 19 + i,
                       NIGHT_HOUR[country] - 3, category, (country, "PH"),
                       memos[(i + k) % len(memos)])  # fmt: skip


def test_a_tutors_students_describe_the_trade_they_pay(tmp_path: Path) -> None:
    ledger = CardLedger()
    _students(ledger, "tutor", "8299")  # schools and educational services
    _students(ledger, "seller", "5999")  # the same memos to a miscellaneous seller
    result = ledger.score(tmp_path)
    checkpoints = result.scored.checkpoints
    audience = checkpoints.filter(pl.col("account_id") == "tutor")["r_audience"]
    assert audience.any()
    assert "tutor" not in set(result.alerts["account_id"])
    # Under a trade that is not education, "tuition" stays a family-support disguise.
    assert not checkpoints.filter(pl.col("account_id") == "seller")["r_audience"].any()


def test_tuition_is_a_cover_word_only_off_the_payees_trade(tmp_path: Path) -> None:
    ledger = CardLedger()
    ledger.card("s", "t", 20.0, 1, 12.0, "8299", ("JP", "PH"), "tuition")
    ledger.card("s", "u", 20.0, 1, 12.0, "5999", ("JP", "PH"), "tuition")
    ledger.card("s", "v", 20.0, 1, 12.0, "8299", ("JP", "PH"), "tuition and medicine")
    enriched = enrich(
        load_transactions(ledger.write(tmp_path), load_rates()).valid, IndicatorConfig()
    )
    cover = dict(zip(enriched["receiver_id"], enriched["memo_cover"], strict=True))
    # Education's own word to a tutor: no cover word; to another trade: a cover word; another
    # trade's word on the tutor's payment ("medicine"): still one.
    assert cover == {"t": False, "u": True, "v": True}


def test_a_teenager_topping_up_game_credits_from_a_person_is_shopping(tmp_path: Path) -> None:
    ledger = CardLedger()
    for payee, category in (("reseller", "5816"), ("extorter", "gift card")):
        for k, usd in enumerate((20.0, 60.0, 120.0)):
            ledger.card(f"teen_{payee}", payee, usd, 10 + k * 0.3, 3.0, category,
                       ("US", "PH"), "", payee_born=1995, payer_born=2008)  # fmt: skip
    result = ledger.score(tmp_path)
    assert not fired(result, "teen_reseller", "S12-minor-burst-new-payee")
    # Gift cards are what sextortion victims are told to buy (FATF 2025, item 13).
    assert fired(result, "teen_extorter", "S12-minor-burst-new-payee")


def _small_creator(ledger: CardLedger, creator: str, memos: tuple[str, ...]) -> None:
    """Three foreign fans tipping a creator's payment link monthly for eight months."""
    for i in range(3):
        country = COUNTRIES[i]
        for month in range(8):
            ledger.card(f"{creator}_fan{i}", creator, (10.0, 20.0)[month % 2], month * 30 + i,
                       NIGHT_HOUR[country], "5818", (country, "PH"),
                       memos[(i + month) % len(memos)])  # fmt: skip


def test_a_small_registered_seller_is_judged_over_its_history(tmp_path: Path) -> None:
    # Eight described tips a quarter: too few for one 90-day window, 24 over the history.
    ledger = CardLedger()
    _small_creator(ledger, "creator", ("tip", "sub", "@ana_live", "thanks"))
    _small_creator(ledger, "link", ("tip", "sub", "family support", "thanks"))
    result = ledger.score(tmp_path)
    checkpoints = result.scored.checkpoints
    assert checkpoints.filter(pl.col("account_id") == "creator")["r_audience"].all()
    # One family-support disguise among the memos: no audience.
    assert not checkpoints.filter(pl.col("account_id") == "link")["r_audience"].any()
