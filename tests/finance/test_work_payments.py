"""Pay for work is not pay-per-view (`work_payments.py`): employers abroad paying a remote
assistant by invoice, in their working day, are a billing relationship; the same payments at
the payers' night, or with pretexts instead of billing references, still count."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from jaga.finance import work_payments
from jaga.finance.features import enrich
from jaga.finance.indicators import IndicatorConfig
from jaga.finance.ingest import load_transactions
from jaga.finance.rates import load_rates
from jaga.finance.scoring import evaluate_rules
from jaga.finance.state import current_features, update
from jaga.finance.work_payments import billing_reference

from .ledger import Ledger, assert_quiet, fired, reasons

EMPLOYERS = ("emp1", "emp2", "emp3", "emp4")
# About twice a week for four months, at irregular gaps (no calendar rhythm).
DAYS = (1, 3, 4.5, 8, 12, 13, 17, 21, 22.5, 27, 31, 33, 36, 41, 44, 46, 52, 55, 57, 62,
        66, 67, 71, 76, 79, 80.5, 86, 90, 92, 97, 101, 104, 105, 111, 114, 118)  # fmt: skip
SUMS = (86.4, 120.0, 97.15, 143.6, 110.0, 78.9, 131.25)
# Remitters' purpose codes (drop-down) with the payer's free text: a trade and a number.
BILLED = ("GIFT | VA services wk {n}", "INV {n}", "EDUCATION | admin support {n}",
          "ADMIN SUPPORT {n}", "FAMILY SUPPORT | VA services wk {n}")  # fmt: skip
PRETEXTS = ("GIFT", "EDUCATION", "FAMILY SUPPORT", "MEDICAL", "GIFT | school")
# Australian payers (UTC+10): 02:00 UTC is noon, 12:00 UTC is 22:00.
NOON_AU = 2.0
NIGHT_AU = 12.0


def _staff(ledger: Ledger, utc_hour: float, memos: tuple[str, ...]) -> None:
    """Four Australian employers paying one Filipino assistant twice a week."""
    for e, employer in enumerate(EMPLOYERS):
        for n, day in enumerate(DAYS):
            memo = memos[(n + e) % len(memos)].format(n=n + 10 * e)
            ledger.pay(employer, "assistant", SUMS[(n + e) % len(SUMS)], day + 0.1 * e,
                       utc_hour, ("AU", "PH"), memo, (f"Tom Baker{e}", "Rosa Dizon"))  # fmt: skip


@pytest.mark.parametrize(
    "memo",
    ["INV 47", "GIFT | VA services wk 43", "ADMIN SUPPORT 56", "EDUCATION | tutoring 30",
     "invoice #12", "sweldo 3", "Salary week 14"],
)  # fmt: skip
def test_billing_references_are_read(memo: str) -> None:
    frame = pl.DataFrame({"memo": [memo]})
    assert frame.select(billing_reference(pl.col("memo")))[0, 0]


@pytest.mark.parametrize(
    "memo",
    [None, "", "GIFT", "medical bills", "tuition 3", "school 2", "session 5", "show 2",
     "family support 100", "gift 50", "load 100", "private vc 2", "paid 3 times",
     "ADMIN SUPPORT"],
)  # fmt: skip
def test_pretexts_and_bare_trades_are_no_billing_reference(memo: str | None) -> None:
    # A published cover word with a number, a live-stream word, or a trade with no invoice
    # or sequence number is not a billing reference.
    frame = pl.DataFrame({"memo": [memo]}, schema={"memo": pl.String})
    assert not frame.select(billing_reference(pl.col("memo")))[0, 0]


def test_invoiced_remote_staff_paid_by_day_raise_no_alert(tmp_path: Path) -> None:
    ledger = Ledger()
    _staff(ledger, NOON_AU, BILLED)
    result = ledger.score(tmp_path)
    for employer in EMPLOYERS:
        assert_quiet(
            result,
            employer,
            ("S1-band-cadence", "S5-memo-cover-words", "S16-pays-common-beneficiary"),
        )
    assert_quiet(
        result, "assistant", ("R11-repeat-foreign-senders", "R2-band-inbound", "R6-memo-inbound")
    )


def test_the_same_payments_with_pretexts_still_alert(tmp_path: Path) -> None:
    # Control: the same payers, amounts and hours, but the memos are purpose codes and cover
    # words with no billing reference: the common-beneficiary evidence stands.
    ledger = Ledger()
    _staff(ledger, NOON_AU, PRETEXTS)
    result = ledger.score(tmp_path)
    assert fired(result, "emp1", "S1-band-cadence")
    assert fired(result, "emp1", "S16-pays-common-beneficiary")
    assert "R11-repeat-foreign-senders" in reasons(result, "assistant")


def test_invoiced_payments_at_the_payers_night_still_alert(tmp_path: Path) -> None:
    # Control: billing references, but every payment sent at 22:00 in the payers' time
    # (FATF 2025: late at night): the pay-per-view shape is kept whatever the memo says.
    ledger = Ledger()
    _staff(ledger, NIGHT_AU, BILLED)
    result = ledger.score(tmp_path)
    assert fired(result, "emp1", "S1-band-cadence")
    assert fired(result, "emp1", "S3-night-payments")
    assert "R11-repeat-foreign-senders" in reasons(result, "assistant")


def test_a_reference_now_and_then_is_no_billing_relationship(tmp_path: Path) -> None:
    # Control: one payment in five with a reference, the rest pretexts: the pair does not
    # bill as a rule (under half its payments), so it still counts.
    ledger = Ledger()
    _staff(ledger, NOON_AU, ("INV {n}", *PRETEXTS[:4]))
    result = ledger.score(tmp_path)
    assert fired(result, "emp1", "S16-pays-common-beneficiary")
    assert "R11-repeat-foreign-senders" in reasons(result, "assistant")


def test_without_the_billing_check_the_same_staff_alert(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The scenario is a real look-alike: with the billing check off, the invoiced staff paid
    # by day meet the corridor and common-beneficiary rules (what main did on held-out
    # generator 10's virtual assistants).
    monkeypatch.setattr(work_payments, "MIN_BILLED", 10**9)
    ledger = Ledger()
    _staff(ledger, NOON_AU, BILLED)
    result = ledger.score(tmp_path)
    assert "S1-band-cadence" in reasons(result, "emp1")
    assert "R11-repeat-foreign-senders" in reasons(result, "assistant")


def test_the_incremental_state_discounts_billing_relationships_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `jaga finance score` on daily files keeps pair-days (state.py): the stored billing
    # counts give the same verdict as the batch path.
    ledger = Ledger()
    _staff(ledger, NOON_AU, BILLED)
    enriched = enrich(load_transactions(ledger.write(tmp_path), load_rates()).valid,
                      IndicatorConfig())  # fmt: skip
    update(enriched, tmp_path / "state")
    rules = evaluate_rules(current_features(tmp_path / "state"))
    row = rules.filter(pl.col("account_id") == "assistant")
    assert row.height == 1
    assert not row["rule:R11-repeat-foreign-senders"][0]
    assert not row["rule:R2-band-inbound"][0]
    # Control: the same stored state without the billing check has the common beneficiary.
    monkeypatch.setattr(work_payments, "MIN_BILLED", 10**9)
    rules = evaluate_rules(current_features(tmp_path / "state"))
    assert rules.filter(pl.col("account_id") == "assistant")["rule:R11-repeat-foreign-senders"][0]
