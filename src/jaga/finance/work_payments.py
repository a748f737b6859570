"""Pay for work is not pay-per-view: billing relationships abroad (remote staff, tutors).

Remote work paid across borders is common in the corridors Jaga watches: Australians and
Americans hire Filipino virtual assistants, admin support and tutors and pay them from their
bank or a remitter, weekly or per invoice, often tens to a few hundred dollars a payment.
Those pairs meet the corridor indicators on amount and frequency alone (item 1: A$10-100,
item 2: "4 or more in 30 days"), and a worker with several clients looks like a common
beneficiary of several foreign senders (item 5). Published OSAEC indicators describe
payments made *for* abuse under a pretext: cover descriptions of a need of the receiver
("accommodation", "uniform", "medical bills", AUSTRAC 2024; "family support", "medical
bills", "education", FATF 2025; research item 6), sent late at night or early in the
morning in the payer's time (FATF 2025, item 7), in bursts ("approximately twice a day",
AUSTRAC case, item 2).

A payment for work says what it pays for in another way: it names a service the receiver
performs *and* a billing reference, an invoice or sequence number ("INV 47", "VA services
wk 43", "ADMIN SUPPORT 56", "tutoring 30"): the reference is how an employer or a client
matches payments to invoices or timesheets, and a pretext has none. A remitter's purpose
code in front of it ("GIFT | VA services wk 43") is a drop-down choice (offenders pick the
same ones) and is neither evidence for nor against; what counts is the free text.

So a cross-border sender->receiver pair is a *billing relationship* (`work_pairs`) when,
over its whole observed history:
- at least `MIN_BILLED` of its payments carry a billing reference (`BILLING_REFERENCE`), and
  they are at least `MIN_BILLED_SHARE` of all its payments: the pair bills, as a rule, not
  once (a pretext copied once is not a relationship);
- at most `MAX_NIGHT_SHARE` of its low-value corridor payments were sent 21:00-04:00 in the
  payer's time (item 7's window): work is paid in the payer's working day, and a pair that
  pays at night keeps the pay-per-view shape whatever its memos say.
Its corridor, shape and memo counts (`features.CORRIDOR_COUNTS`) are set to zero, as those of
calendar-rhythm pairs are (`features.discount_rhythm`): its payments count towards no
consumer, common-beneficiary or facilitator indicator, on either side. Payments to a minor
are not discounted (T7 stays judged by `family.py`), nor are the counts of all payments
(platform payouts, cash-out, crypto, bursts).

The half share, the three payments and the quarter at night are our design readings of
those sources, not published figures. A night share of a quarter is below what a payer
sending at random hours shows (7 of 24 hours, 29%).
"""

from __future__ import annotations

import polars as pl

PAIR_KEYS = ("sender_id", "receiver_id")

# Work a receiver performs for a payer abroad, as payers name it in a payment's free text
# (English, Filipino "sahod"/"sweldo" salary, Bahasa "gaji"/"upah" wage). Needs of the
# receiver (school, medical, rent, family support: the published cover words) are not here.
TRADE_WORDS: tuple[str, ...] = (
    "va services", "va service", "va work", "va wk", "va week", "va hours", "va salary",
    "virtual assistant", "virtual assistance", "assistant", "admin support",
    "admin work", "admin services", "bookkeeping", "data entry", "transcription",
    "customer support", "customer service", "graphic design", "web design", "design work",
    "web dev", "copywriting", "content writing", "editing", "translation",
    "social media management", "tutoring", "tutor", "lessons", "lesson", "coaching",
    "consulting", "freelance", "retainer", "timesheet", "salary", "wages", "wage", "payroll",
    "sahod", "sweldo", "gaji", "upah",
)  # fmt: skip
_TRADES = "|".join(sorted((w.replace(" ", r"\s+") for w in TRADE_WORDS), key=len, reverse=True))
# A billing reference: an invoice number ("INV 47", "invoice #12", "inv no. 3"), or a trade
# followed by a number within a few words ("VA services wk 43", "ADMIN SUPPORT 56",
# "tutoring 30"), or a number of hours or a week number after a trade. Matched on the raw
# memo, case-insensitively (digits are not de-leeted here: they are the reference).
BILLING_REFERENCE = (
    r"\b(inv|invoice)\b\.?\s*(no\.?|nr\.?|#)?\s*\d+"
    rf"|\b({_TRADES})\b[^0-9|]{{0,24}}\d+"
)
MIN_BILLED = 3
MIN_BILLED_SHARE = 0.5
MAX_NIGHT_SHARE = 0.25


def billing_reference(memo: pl.Expr) -> pl.Expr:
    """Whether a payment's memo names work done and a billing reference (module docstring).

    `memo`: the raw memo column (null for none). Case-insensitive matching rather than a
    lower-cased copy: the same matches without a new string per payment (the pattern's
    words and classes are ASCII).
    """
    return memo.str.contains("(?i)" + BILLING_REFERENCE).fill_null(False)


def work_pairs(pairs: pl.DataFrame) -> pl.DataFrame:
    """(sender_id, receiver_id) of billing relationships (module docstring).

    `pairs`: the pair-bucket table (`features.pair_buckets`), with `n_billed` (payments whose
    memo carries a billing reference) and the corridor counts before any discount.
    """
    if "n_billed" not in pairs.columns:
        return pairs.select(*PAIR_KEYS).clear()
    return (
        pairs.lazy()
        .filter(pl.col("cross_border") & (pl.col("n_billed") > 0))
        .group_by(*PAIR_KEYS)
        .agg(
            pl.col("n").sum().alias("_n"),
            pl.col("n_billed").sum().alias("_billed"),
            pl.col("n_band_corr").sum().alias("_band"),
            pl.col("n_night_corr").sum().alias("_night"),
        )
        .filter(
            (pl.col("_billed") >= MIN_BILLED)
            & (pl.col("_billed") >= MIN_BILLED_SHARE * pl.col("_n"))
            & (pl.col("_night") <= MAX_NIGHT_SHARE * pl.col("_band"))
        )
        .select(*PAIR_KEYS)
        .collect()
    )


def discount_work(pairs: pl.DataFrame) -> pl.DataFrame:
    """Pair-buckets with the corridor counts of billing relationships set to zero."""
    # features imports `billing_reference` from here (pair_buckets), so not at module level.
    from jaga.finance.features import CORRIDOR_COUNTS, zero_pair_counts

    work = work_pairs(pairs)
    if work.is_empty():
        return pairs
    return zero_pair_counts(pairs, work, CORRIDOR_COUNTS)
