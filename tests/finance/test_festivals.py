"""Festival gift rounds are not pay-per-view (`festivals.py`): a relative abroad who sends
lucky money to many relatives once in Tet week raises nothing; the same payments at another
time of the year, or paid again and again within the festival, still count. A gift that
names its festival ("lì xì") is a gift whatever its count or hour, in the month before the
festival too, but only there."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import polars as pl
import pytest

from jaga.finance.festivals import FESTIVE_COLUMNS, festival_gift_pairs

from .ledger import START, Ledger, assert_quiet, fired, reasons

# Lunar New Year 2025 (Tet) fell on 29 January: day 334 after the ledger's START (1 Mar 2024).
TET = (date(2025, 1, 29) - START.date()).days
# A quiet week of the year with no festival (late August 2024).
AUGUST = (date(2024, 8, 20) - START.date()).days
RELATIVES = 8
# Nieces and nephews born 2012-2014 (minors), cousins and in-laws (adults, other surnames).
BORN = (2012, None, 2014, None, 2013, None, None, 1990)


def _round_of_gifts(
    ledger: Ledger,
    first_day: int,
    repeats: int = 1,
    utc_hour: float = 15.0,
    memo: str = "for you",
) -> None:
    """An aunt in the US sends small round gifts to eight relatives in Vietnam (by default
    at 15:00 UTC, the US morning, with a memo that does not name the festival)."""
    for r in range(RELATIVES):
        for k in range(repeats):
            ledger.pay("aunt", f"rel{r}", 40.0 + 10 * (r % 3), first_day + r % 7 + k * 0.02,
                       utc_hour, ("US", "VN"), memo, ("Lan Nguyen", f"Minh Tran{r}"), sex="M",
                       born=1965, payee_born=BORN[r])  # fmt: skip


def _epoch(day: int) -> int:
    return (START.date() - date(1970, 1, 1)).days + day


def test_gift_round_in_tet_week_raises_nothing(tmp_path: Path) -> None:
    ledger = Ledger()
    _round_of_gifts(ledger, TET - 3)
    result = ledger.score(tmp_path)
    assert_quiet(
        result, "aunt", ("S1-band-cadence", "S2-unrelated-receivers", "S11-pays-minor-abroad")
    )


def test_the_same_round_outside_a_festival_still_counts(tmp_path: Path) -> None:
    ledger = Ledger()
    _round_of_gifts(ledger, AUGUST)
    result = ledger.score(tmp_path)
    assert fired(result, "aunt", "S2-unrelated-receivers")
    assert fired(result, "aunt", "S11-pays-minor-abroad")
    assert reasons(result, "aunt") != ""


def test_repeated_payments_within_the_festival_still_count(tmp_path: Path) -> None:
    # Three payments to each receiver within the window are sessions, not a gift.
    ledger = Ledger()
    _round_of_gifts(ledger, TET - 5, repeats=3)
    result = ledger.score(tmp_path)
    assert fired(result, "aunt", "S1-band-cadence")
    assert fired(result, "aunt", "S2-unrelated-receivers")


def test_a_round_sent_at_the_payers_night_still_counts(tmp_path: Path) -> None:
    # 05:00 UTC is 23:00 in the US (Central): FATF's "late at night" payments keep their
    # indicators, festival or not.
    ledger = Ledger()
    _round_of_gifts(ledger, TET - 3, utc_hour=5.0)
    result = ledger.score(tmp_path)
    assert fired(result, "aunt", "S2-unrelated-receivers")
    assert fired(result, "aunt", "S3-night-payments")


def test_gift_pairs_need_a_round_and_the_festival_only() -> None:
    tet = _epoch(TET)
    rows = [
        # A round of three gifts in Tet week: all three are gift pairs.
        ("a", "x", tet - 2, 1), ("a", "y", tet, 2), ("a", "z", tet + 1, 1),
        # Two gifts only: no round.
        ("b", "x", tet, 1), ("b", "y", tet + 1, 1),
        # A round, but one pair also paid in August: that pair keeps its counts.
        ("c", "w", tet, 1), ("c", "x", tet, 1), ("c", "y", tet, 1), ("c", "z", tet, 1),
        ("c", "z", _epoch(AUGUST), 1),
        # Three payments to one receiver in the window: sessions, not a gift.
        ("d", "x", tet, 1), ("d", "y", tet, 1), ("d", "z", tet, 3),
    ]  # fmt: skip
    pair_days = pl.DataFrame(
        rows, schema=["sender_id", "receiver_id", "day", "n"], orient="row"
    ).with_columns(
        pl.col("day").cast(pl.Int32),
        pl.col("n").cast(pl.Int32),
        *(pl.lit(0, pl.Int32).alias(c) for c in FESTIVE_COLUMNS.values()),
    )
    gifts = set(festival_gift_pairs(pair_days).iter_rows())
    assert gifts == {("a", "x"), ("a", "y"), ("a", "z"), ("c", "w"), ("c", "x"), ("c", "y")}


def test_gifts_naming_the_festival_raise_nothing_at_any_count_or_hour(tmp_path: Path) -> None:
    # "lì xì" (lucky money), three times to each relative, at 23:00 in the US, starting
    # three weeks before Tet: the money for the festival, said so.
    ledger = Ledger()
    _round_of_gifts(ledger, TET - 21, repeats=3, utc_hour=5.0, memo="lì xì Tết")
    result = ledger.score(tmp_path)
    assert_quiet(
        result,
        "aunt",
        ("S1-band-cadence", "S2-unrelated-receivers", "S3-night-payments", "S11-pays-minor-abroad"),
    )


def test_naming_a_festival_outside_it_covers_nothing(tmp_path: Path) -> None:
    ledger = Ledger()
    _round_of_gifts(ledger, AUGUST, repeats=3, memo="lì xì")
    result = ledger.score(tmp_path)
    assert fired(result, "aunt", "S1-band-cadence")
    assert fired(result, "aunt", "S2-unrelated-receivers")


def _named_days(rows: list[tuple[str, str, int, int, int, int]]) -> pl.DataFrame:
    """(sender, receiver, day, n, Tết-named, Christmas-named) rows as `pair_days`."""
    lny, xmas = FESTIVE_COLUMNS["lunar new year"], FESTIVE_COLUMNS["christmas"]
    return pl.DataFrame(
        rows, schema=["sender_id", "receiver_id", "day", "n", lny, xmas], orient="row"
    ).with_columns(
        pl.col("day", "n", lny, xmas).cast(pl.Int32),
        pl.lit(0, pl.Int32).alias(FESTIVE_COLUMNS["eid al-fitr"]),
    )


def test_named_gift_pairs_need_every_payment_in_a_named_window() -> None:
    tet = _epoch(TET)
    rows = [
        # Named, four payments, from 25 days before Tet: a gift pair.
        ("a", "x", tet - 25, 2, 1, 0), ("a", "x", tet, 2, 2, 0),
        # Named in Tet, but it also paid in August: keeps its counts.
        ("b", "x", tet, 3, 3, 0), ("b", "x", _epoch(AUGUST), 1, 0, 0),
        # Unnamed and repeated in the window: sessions.
        ("c", "x", tet, 3, 0, 0),
        # Named, but 70 days before Tet (mid-November): outside every named window.
        ("d", "x", tet - 70, 1, 1, 0), ("d", "x", tet, 1, 1, 0),
    ]  # fmt: skip
    assert set(festival_gift_pairs(_named_days(rows)).iter_rows()) == {("a", "x")}


def test_a_festival_name_covers_only_what_a_gift_looks_like() -> None:
    tet = _epoch(TET)
    rows = [
        # Named once, then three unnamed payments in the window: under half named.
        ("a", "x", tet - 3, 4, 1, 0),
        # Christmas words in the Tết window name the wrong festival.
        ("b", "x", tet - 3, 2, 0, 2),
        # Six named payments in one window: more than a gift and its top-ups.
        ("c", "x", tet - 10, 3, 3, 0), ("c", "x", tet - 2, 3, 3, 0),
        # Two of four named in the window: half, a gift pair.
        ("d", "x", tet - 10, 2, 0, 0), ("d", "x", tet - 2, 2, 2, 0),
    ]  # fmt: skip
    assert set(festival_gift_pairs(_named_days(rows)).iter_rows()) == {("d", "x")}


def _incremental_rules(ledger: Ledger, tmp_path: Path, split_day: int) -> pl.DataFrame:
    """The aunt's fired rules after scoring the ledger as two daily files into a state."""
    from jaga.finance.features import enrich
    from jaga.finance.indicators import IndicatorConfig
    from jaga.finance.ingest import load_transactions
    from jaga.finance.rates import load_rates
    from jaga.finance.scoring import evaluate_rules
    from jaga.finance.state import current_features, update

    valid = load_transactions(ledger.write(tmp_path), load_rates()).valid
    cut = START + timedelta(days=split_day)
    for part in (valid.filter(pl.col("ts") < cut), valid.filter(pl.col("ts") >= cut)):
        update(enrich(part, IndicatorConfig()), tmp_path / "state")
    rules = evaluate_rules(current_features(tmp_path / "state"))
    return rules.filter(pl.col("account_id").cast(pl.String) == "aunt")


@pytest.mark.parametrize(("memo", "gift"), [("lì xì Tết", True), ("for you", False)])
def test_named_gifts_in_incremental_scoring(tmp_path: Path, memo: str, gift: bool) -> None:
    # The stored state keeps the festival counts per pair and day, so a round split over
    # two daily files is judged as in batch: named, a gift; unnamed and repeated, sessions.
    ledger = Ledger()
    _round_of_gifts(ledger, TET - 12, repeats=3, memo=memo)
    aunt = _incremental_rules(ledger, tmp_path, TET - 8)
    assert aunt.height == 1
    assert aunt["rule:S1-band-cadence"][0] is not gift
