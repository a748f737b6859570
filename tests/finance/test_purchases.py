"""A payer who names what it buys is a customer (`purchases.py`): students abroad paying a
tutor for lessons in their evening, and buyers of game currency, raise nothing; the same
payments with pretexts, with a handle, or naming the product once only, still count."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from jaga.finance import purchases
from jaga.finance.features import enrich
from jaga.finance.indicators import IndicatorConfig
from jaga.finance.ingest import load_transactions
from jaga.finance.purchases import names_product
from jaga.finance.rates import load_rates
from jaga.finance.scoring import evaluate_rules
from jaga.finance.state import current_features, update

from .ledger import Ledger, assert_quiet, fired, reasons

STUDENTS = ("st1", "st2", "st3", "st4", "st5", "st6")
# Nine lessons over about two months, at irregular gaps (no calendar rhythm): fewer than ten
# described payments per pair, so no student is an open payer (audience.open_pair).
DAYS = (1, 3, 12, 15, 31, 34, 50, 62, 66)
# Lessons and packages, even amounts (FATF's "even-denominated" shape holds here too).
SUMS = (10.0, 20.0, 15.0, 100.0, 25.0, 20.0, 10.0)
# One memo in three left blank, as payers do; the rest name the lesson bought.
LESSONS = ("lesson", "English class", "", "10 lessons package", "conversation class", "")
# Game currency bought from a reseller.
GAME_ITEMS = ("ML diamonds", "UC", "", "diamonds", "gems", "")
# Pieces of work bought from a freelancer, mostly without an invoice number.
SERVICES = ("logo design", "translation", "", "project milestone", "UI fix", "")
PRETEXTS = ("school", "family support", "", "allowance", "medical bills", "")
# Australian payers (UTC+10): 12:00 UTC is 22:00, the payer's evening (item 7's window).
EVENING_AU = 12.0


def _lessons(ledger: Ledger, memos: tuple[str, ...]) -> None:
    """Six Australian students paying one Filipino tutor for lessons, in their evening."""
    for s, student in enumerate(STUDENTS):
        for n, day in enumerate(DAYS):
            memo = memos[(n + s) % len(memos)]
            ledger.pay(student, "tutor", SUMS[(n + s) % len(SUMS)], day + 0.3 * s, EVENING_AU,
                       ("AU", "PH"), memo, (f"Tom Baker{s}", "Rosa Dizon"))  # fmt: skip


@pytest.mark.parametrize(
    "memo",
    ["lesson", "English class", "10 lessons package", "Conversation CLASS", "ML diamonds",
     "UC", "gems", "genesis crystals", "robux", "V-Bucks", "course fee", "logo design",
     "Translation", "project milestone", "UI fix", "video edit"],
)  # fmt: skip
def test_named_products_are_read(memo: str) -> None:
    frame = pl.DataFrame({"memo": [memo]})
    assert frame.select(names_product(pl.col("memo")))[0, 0]


@pytest.mark.parametrize(
    "memo",
    [None, "", "tuition", "school", "education", "family support", "load", "top up", "gift",
     "session", "live show", "private vc", "coins", "tokens", "credits", "classic",
     "ucla", "@tutor_ana"],
)  # fmt: skip
def test_pretexts_and_platform_gifts_name_no_product(memo: str | None) -> None:
    # Published cover words, live-stream words, livestream and cam platforms' gift
    # currencies (FINTRAC 2020, item 8) and words merely containing a product word are no
    # named product.
    frame = pl.DataFrame({"memo": [memo]}, schema={"memo": pl.String})
    assert not frame.select(names_product(pl.col("memo")))[0, 0]


@pytest.mark.parametrize("memos", [LESSONS, GAME_ITEMS, SERVICES])
def test_customers_naming_what_they_buy_in_their_evening_raise_no_alert(
    tmp_path: Path, memos: tuple[str, ...]
) -> None:
    ledger = Ledger()
    _lessons(ledger, memos)
    result = ledger.score(tmp_path)
    for student in STUDENTS:
        assert_quiet(
            result, student, ("S1-band-cadence", "S3-night-payments", "S16-pays-common-beneficiary")
        )
    assert_quiet(
        result, "tutor", ("R11-repeat-foreign-senders", "R2-band-inbound", "R4-night-inbound")
    )


def test_the_same_payments_with_pretexts_still_alert(tmp_path: Path) -> None:
    # Control: the same payers, amounts and hours, with the published cover words instead
    # of the lesson: the common-beneficiary evidence stands.
    ledger = Ledger()
    _lessons(ledger, PRETEXTS)
    result = ledger.score(tmp_path)
    assert fired(result, "st1", "S1-band-cadence")
    assert fired(result, "st1", "S16-pays-common-beneficiary")
    assert "R11-repeat-foreign-senders" in reasons(result, "tutor")


def test_a_handle_among_the_lessons_keeps_the_pretext_shape(tmp_path: Path) -> None:
    # Control: lesson memos, but one payment in six carries a social-media handle (FATF
    # 2025, item 6): the pair is no named purchase.
    ledger = Ledger()
    _lessons(ledger, ("lesson", "English class", "", "@rosa_cam", "conversation class", ""))
    result = ledger.score(tmp_path)
    assert fired(result, "st1", "S16-pays-common-beneficiary")
    assert "R11-repeat-foreign-senders" in reasons(result, "tutor")


def test_a_product_named_now_and_then_is_no_purchase(tmp_path: Path) -> None:
    # Control: "lesson" on one described payment in four, the rest blank or "thanks": the
    # pair does not name what it buys as a rule (under half its described payments).
    ledger = Ledger()
    _lessons(ledger, ("lesson", "thanks", "", "ty", "salamat", ""))
    result = ledger.score(tmp_path)
    assert fired(result, "st1", "S16-pays-common-beneficiary")
    assert "R11-repeat-foreign-senders" in reasons(result, "tutor")


@pytest.mark.parametrize("memos", [LESSONS, GAME_ITEMS])
def test_without_the_purchase_check_the_same_customers_alert(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, memos: tuple[str, ...]
) -> None:
    # The scenario is a real look-alike: with the check off, students booking lessons in
    # their evening meet the corridor and common-beneficiary rules (what main did on
    # held-out generator 9's ESL tutors and game resellers).
    monkeypatch.setattr(purchases, "MIN_NAMED", 10**9)
    ledger = Ledger()
    _lessons(ledger, memos)
    result = ledger.score(tmp_path)
    assert "S1-band-cadence" in reasons(result, "st1")
    assert "R11-repeat-foreign-senders" in reasons(result, "tutor")


def test_the_incremental_state_discounts_named_purchases_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `jaga finance score` on daily files keeps pair-days (state.py): the stored counts of
    # named products give the same verdict as the batch path.
    ledger = Ledger()
    _lessons(ledger, LESSONS)
    enriched = enrich(load_transactions(ledger.write(tmp_path), load_rates()).valid,
                      IndicatorConfig())  # fmt: skip
    update(enriched, tmp_path / "state")
    rules = evaluate_rules(current_features(tmp_path / "state"))
    row = rules.filter(pl.col("account_id") == "tutor")
    assert row.height == 1
    assert not row["rule:R11-repeat-foreign-senders"][0]
    assert not row["rule:R2-band-inbound"][0]
    monkeypatch.setattr(purchases, "MIN_NAMED", 10**9)
    rules = evaluate_rules(current_features(tmp_path / "state"))
    assert rules.filter(pl.col("account_id") == "tutor")["rule:R11-repeat-foreign-senders"][0]
