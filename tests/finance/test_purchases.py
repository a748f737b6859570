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
     "Translation", "project milestone", "UI fix", "video edit", "IELTS prep",
     "bayad sa klase", "kelas bahasa Inggris", "khóa học tiếng Anh", "buoi hoc 3",
     "คอร์สภาษาอังกฤษ", "レッスン料", "英会話の授業", "영어 수업료", "과외비", "家教費", "英语课"],
)  # fmt: skip
def test_named_products_are_read(memo: str) -> None:
    frame = pl.DataFrame({"memo": [memo]})
    assert frame.select(names_product(pl.col("memo")))[0, 0]


@pytest.mark.parametrize(
    "memo",
    [None, "", "tuition", "school", "education", "family support", "load", "top up", "gift",
     "session", "live show", "private vc", "coins", "tokens", "credits", "classic",
     "ucla", "@tutor_ana", "học phí", "salamat teacher", "kelasi", "lesse"],
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


# Students in Japan, Korea and Vietnam naming the lesson in their languages, and calling
# some payments what the lesson costs ("tuition", "học phí": published cover words).
LESSONS_WITH_FEES = ("レッスン料", "tuition", "영어 수업", "", "học phí", "English class")


def test_lessons_named_in_the_students_languages_with_their_fee_raise_no_alert(
    tmp_path: Path,
) -> None:
    # Four of the five described payments of each pair name the lesson (in Japanese, Korean
    # or English); the fifth says what it costs. A lesson's fee is no pretext next to the
    # lesson bought: the pairs are purchases, the tutor no common beneficiary.
    ledger = Ledger()
    _lessons(ledger, LESSONS_WITH_FEES)
    result = ledger.score(tmp_path)
    for student in STUDENTS:
        assert_quiet(result, student, ("S1-band-cadence", "S16-pays-common-beneficiary"))
    assert_quiet(
        result, "tutor", ("R11-repeat-foreign-senders", "R2-band-inbound", "R4-night-inbound")
    )


@pytest.mark.parametrize("pretext", ["medical bills", "family support", "school", "private vc"])
def test_any_other_cover_word_among_lessons_and_fees_keeps_the_pretext(
    tmp_path: Path, pretext: str
) -> None:
    # Control: the same lessons and fees, with one other published cover word or a session
    # word in place of a fee: only what lessons cost goes with lessons.
    ledger = Ledger()
    memos = tuple(pretext if memo == "học phí" else memo for memo in LESSONS_WITH_FEES)
    _lessons(ledger, memos)
    result = ledger.score(tmp_path)
    assert fired(result, "st1", "S16-pays-common-beneficiary")
    assert "R11-repeat-foreign-senders" in reasons(result, "tutor")


def test_fees_without_lessons_named_are_pretexts(tmp_path: Path) -> None:
    # Control: "tuition" and "education" on most payments and a lesson named once: the pair
    # does not name what it buys as a rule, and the fee words are the published pretext.
    ledger = Ledger()
    _lessons(ledger, ("tuition", "education", "", "lesson", "tuition", ""))
    result = ledger.score(tmp_path)
    assert fired(result, "st1", "S16-pays-common-beneficiary")
    assert "R11-repeat-foreign-senders" in reasons(result, "tutor")


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


def test_a_state_stored_before_the_fee_words_counts_every_cover_word(tmp_path: Path) -> None:
    # Pair-days stored before `n_memo_beyond_fees` existed hold only `n_memo`: folded in, the
    # stored days count every cover word, as when they were written (a fee word there is
    # not taken back into a purchase after the fact).
    ledger = Ledger()
    _lessons(ledger, LESSONS_WITH_FEES)
    enriched = enrich(load_transactions(ledger.write(tmp_path), load_rates()).valid,
                      IndicatorConfig())  # fmt: skip
    folder = tmp_path / "state"
    last = enriched["day"].max()
    update(enriched.filter(pl.col("day") < last), folder)
    stored = folder / "pair_days.parquet"
    pl.read_parquet(stored).drop("n_memo_beyond_fees").write_parquet(stored)
    update(enriched.filter(pl.col("day") == last), folder)
    days = pl.read_parquet(stored)
    old = days.filter(pl.col("bucket") < last)
    assert old["n_memo"].sum() > 0
    assert (old["n_memo_beyond_fees"] == old["n_memo"]).all()
