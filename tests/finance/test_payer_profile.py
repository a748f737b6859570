"""A base of payers too female to be a facilitator's customers (payer_profile.py): how many
women it takes, and that such a receiver's payers inherit nothing from it (S7, S16).

Modelled on a tutor paid weekly by a handful of students abroad, men and women alike: the
receiver meets a small hub's counts (several foreign payers from two countries coming back
in the band, money withdrawn within a day), so its students were flagged as customers of a
common beneficiary. The published profile of those customers is "almost always male"
(FINTRAC, research item 10)."""

from __future__ import annotations

from math import ceil
from pathlib import Path

import polars as pl
import pytest

from jaga.finance import payer_profile

from .ledger import Ledger, fired

S7 = "S7-pays-hub"
S16 = "S16-pays-common-beneficiary"
SURNAMES = ("Clark", "King", "Hill", "Scott", "Green", "Adams", "Baker", "Young", "Lee")


@pytest.mark.parametrize(
    ("known", "women"),
    [(5, 3), (6, 3), (7, 4), (11, 4), (12, 5), (15, 5), (16, 6), (30, 10), (39, 13)],
)
def test_women_needed_is_a_third_and_beyond_chance(known: int, women: int) -> None:
    assert payer_profile.women_needed(known) == women


def test_past_the_table_a_third_is_always_beyond_chance() -> None:
    # `mixed_sexes` reads a third past its table: that must be the same test.
    for known in range(payer_profile._TABLE_UNTIL, 400):
        assert payer_profile.women_needed(known) == ceil(known / 3), known


@pytest.mark.parametrize(
    "floor", [payer_profile.MIN_WOMEN_SHARE, payer_profile.OWN_RULES_WOMEN_SHARE]
)
def test_expression_matches_the_table(floor: float) -> None:
    rows = [(k, w) for k in range(0, 60) for w in range(0, k + 1)]
    frame = pl.DataFrame(rows, schema=["known", "women"], orient="row")
    got = frame.select(payer_profile.mixed_sexes(pl.col("known"), pl.col("women"), floor))
    want = [k >= 5 and w >= payer_profile.women_needed(k, floor) for k, w in rows]
    assert got.to_series().to_list() == want


@pytest.mark.parametrize(
    ("known", "women"), [(5, 3), (6, 3), (7, 4), (10, 4), (11, 5), (12, 5), (13, 6), (30, 12)]
)
def test_a_clientele_judged_as_one_needs_two_in_five_women(known: int, women: int) -> None:
    # The receiver's own facilitator rules stop only for a clearer sign than the inheritance:
    # four women of eleven payers stop the inheritance, and only five stop its own rules.
    assert payer_profile.women_needed(known, payer_profile.OWN_RULES_WOMEN_SHARE) == women
    assert payer_profile.women_needed(11) == 4


def _tutor_with_students(ledger: Ledger, women: int) -> None:
    """Six students (US and AU) paying USD 40 four times in 12 days; `women` of them women;
    the tutor withdraws the takings the next day."""
    for i in range(6):
        sex = "F" if i < women else "M"
        country = "US" if i % 2 else "AU"
        for day in (92, 96, 100, 104):
            ledger.pay(f"student{i}", "tutor", 40.0, day + i * 0.1, 2.0, (country, "PH"), "",
                       (f"Sam {SURNAMES[i]}", "Rosa Cruz"), sex)  # fmt: skip
    for day in (93, 97, 101, 105):
        ledger.pay("tutor", "agent", 230, day, 6.0, ("PH", "PH"), "", ("Rosa Cruz", "Cash Agent"),
                   "F", 1980)  # fmt: skip


@pytest.mark.parametrize("women", [0, 3])
def test_payers_of_a_mixed_base_inherit_nothing(tmp_path: Path, women: int) -> None:
    ledger = Ledger()
    _tutor_with_students(ledger, women)
    result = ledger.score(tmp_path)
    inherited = [fired(result, f"student{i}", S7) or fired(result, f"student{i}", S16)
                 for i in range(6)]  # fmt: skip
    if women:  # three of six: a chance under 1% for a male clientele
        assert not any(inherited)
    else:  # control: the same students, all men, are customers of a common beneficiary
        assert all(inherited)
