"""A temple or children's home paid by many foreign donors, told from a facilitator by
principle when neither daytime giving nor charity vocabulary marks it (organisations.py):
donors abroad who are men and women alike (FINTRAC: offenders "almost always male"), who
give a few times a year (now and then twice in a month), and an organisation standing over
its history rather than window by window. Controls keep the facilitator's substance."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from jaga.finance import organisations
from jaga.finance.features import (
    DEFAULT_STEP_DAYS,
    calendar_rhythm,
    cross_border_pair_days,
    discount_rhythm,
    enrich,
    pair_buckets,
)
from jaga.finance.indicators import IndicatorConfig
from jaga.finance.ingest import load_transactions
from jaga.finance.pipeline import checkpoint_count, code_accounts
from jaga.finance.rates import load_rates

from .ledger import Ledger, fired, reasons

COUNTRIES = ("US", "GB", "AU", "DE")
# UTC offset of each (standard time, as indicators.COUNTRY_UTC_OFFSET: US is Central).
OFFSET = {"US": -6.0, "GB": 0.0, "AU": 10.0, "DE": 1.0}
# Sender-local evening hours: half of them fall in FATF's 21:00-04:00 night, so the
# daytime sign (night share <= 0.3) does not hold.
LOCAL_HOURS = (19.5, 20.5, 21.5, 22.5)
# No charity vocabulary, and two in five described as education or school fees (cover
# words, item 6), so neither the vocabulary sign nor the audience test (audience.py)
# clears the receiver: only the signs under test can.
MEMOS = ("for the children", "education", "", "thanks", "school fees")
DONORS = 48


def _temple(ledger: Ledger, sexes: tuple[str, ...]) -> None:
    """Donors giving 3-6 times over 300 days, in their evening; the temple pays staff."""
    for i in range(DONORS):
        country = COUNTRIES[i % len(COUNTRIES)]
        first = (i * 7) % 60
        days = [first, first + 100, first + 200]
        if i % 10 < 3:  # three in ten give again 5 days later (a festival, a birthday):
            days += [day + 5 for day in days]  # once-share about 0.75, under 0.8
        for j, day in enumerate(days):
            local = LOCAL_HOURS[(i + j) % len(LOCAL_HOURS)]
            ledger.pay(f"donor{i}", "temple", 20.0 + 5 * (i % 8), day,
                       (local - OFFSET[country]) % 24, (country, "TH"), MEMOS[(i + j) % 5],
                       (f"Sam Giver{i}", "Temple Org"), sexes[i % len(sexes)], 1960 + i % 30,
                       ("bank", "msb", "ewallet")[i % 3])  # fmt: skip
    # Its money goes to staff and suppliers: 15 different people, weekly, office hours.
    for week, day in enumerate(range(3, 300, 7)):
        ledger.pay("temple", f"staff{week % 15}", 800.0, day, 3.0, ("TH", "TH"), "salary",
                   ("Temple Org", f"Somsak Worker{week % 15}"), "", None, "bank")  # fmt: skip


def test_temple_with_women_and_men_donors_is_no_hub_and_its_donors_inherit_nothing(
    tmp_path: Path,
) -> None:
    ledger = Ledger()
    _temple(ledger, ("M", "F"))
    result = ledger.score(tmp_path)
    assert reasons(result, "temple") == ""
    for rule in ("R1-many-foreign-senders", "R2-band-inbound", "R11-repeat-foreign-senders",
                 "R16-pattern-credits", "R3-fast-cash-out"):  # fmt: skip
        assert not fired(result, "temple", rule), rule
    for i in range(DONORS):
        assert reasons(result, f"donor{i}") == "", i
    # An organisation at every checkpoint of its history, the partial first windows included.
    temple = result.scored.checkpoints.filter(pl.col("account_id") == "temple")
    assert temple.height > 3
    assert temple["r_organisation"].all()


def test_same_receiver_paid_by_men_only_is_not_an_organisation(tmp_path: Path) -> None:
    # Control: the same donors, amounts, hours and memos, every one of them a man: nothing
    # tells these payments from a facilitator's buyers, so the receiver is judged as a
    # private person (as on main before this change).
    ledger = Ledger()
    _temple(ledger, ("M",))
    result = ledger.score(tmp_path)
    temple = result.scored.checkpoints.filter(pl.col("account_id") == "temple")
    assert not temple["r_organisation"].fill_null(False).any()


def test_women_share_counts_payers_abroad_of_known_sex_only(tmp_path: Path) -> None:
    # 30 payers abroad of unknown sex and 12 domestic women: no sign of the payer profile
    # (the known foreign payers are too few), whatever the domestic share of women.
    ledger = Ledger()
    for i in range(30):
        ledger.pay(f"abroad{i}", "org", 30.0, i * 3, 2.0, ("US", "TH"), "thanks",
                   (f"Sam Giver{i}", "Org"), "")  # fmt: skip
    for i in range(12):
        ledger.pay(f"local{i}", "org", 30.0, i * 3, 3.0, ("TH", "TH"), "thanks",
                   (f"Mali Local{i}", "Org"), "F")  # fmt: skip
    signs = _signs(ledger, tmp_path).filter(pl.col("receiver_id") == "org")
    assert signs.height > 0
    assert (signs["known_sex"] == 0).all()
    assert (signs["women_share"] == 0.0).all()


def test_one_window_is_not_standing(tmp_path: Path) -> None:
    # Donors (men and women, daytime) in one 90-day stretch only, then a long quiet time
    # with a few payments: an organisation in one window is no standing organisation.
    signs_ledger = Ledger()
    for i in range(30):
        signs_ledger.pay(f"giver{i}", "org", 30.0, 200 + i, 15.0, ("GB", "TH"), "thanks",
                         (f"Sam Giver{i}", "Org"), ("M", "F")[i % 2])  # fmt: skip
    signs_ledger.pay("someone", "org", 30.0, 1, 15.0, ("GB", "TH"), "", ("Jo Bloggs", "Org"))
    orgs = _organisations(signs_ledger, tmp_path)
    assert 0 < orgs.height < 3


def _pairs(ledger: Ledger, tmp_path: Path) -> tuple[pl.DataFrame, pl.DataFrame, int]:
    """The pair-bucket table of the ledger (as `pipeline.features_for` builds it)."""
    loaded = load_transactions(ledger.write(tmp_path), load_rates())
    enriched = enrich(loaded.valid, IndicatorConfig())
    anchor = int(enriched["day"].max())  # type: ignore[arg-type]
    count = checkpoint_count(enriched, anchor, DEFAULT_STEP_DAYS)
    coded, lookup = code_accounts(enriched)
    rhythm = calendar_rhythm(cross_border_pair_days(coded))
    pairs = discount_rhythm(pair_buckets(coded, anchor, DEFAULT_STEP_DAYS), rhythm)
    return pairs, lookup, count


def _named(frame: pl.DataFrame, lookup: pl.DataFrame) -> pl.DataFrame:
    ids = lookup["id"]
    return frame.with_columns(ids.gather(frame["receiver_id"]).alias("receiver_id"))


def _signs(ledger: Ledger, tmp_path: Path) -> pl.DataFrame:
    pairs, lookup, count = _pairs(ledger, tmp_path)
    w90 = round(90 / DEFAULT_STEP_DAYS)
    return _named(organisations.organisation_signs(pairs.lazy(), w90, count).collect(), lookup)


def _organisations(ledger: Ledger, tmp_path: Path) -> pl.DataFrame:
    pairs, lookup, count = _pairs(ledger, tmp_path)
    w90 = round(90 / DEFAULT_STEP_DAYS)
    return _named(organisations.organisations(pairs.lazy(), w90, count).collect(), lookup)
