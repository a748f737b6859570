"""Features per transaction, per sender->receiver pair and per account (Polars).

Time is cut into buckets of `step` days counted back from an anchor day (the last day of
data): bucket 0 is the last `step` days. A checkpoint `k` is the end of bucket `k`; its
windows are buckets k..k+w-1, so with the default step of 30 days the 30/90/180-day
windows are 1, 3 and 6 buckets. Scoring every checkpoint of a year-long file finds accounts
whose activity stopped months ago; the daily incremental run scores checkpoint 0 only.

The aggregate everything else is built from is the pair-bucket table (one row per sender,
receiver and bucket with counts of flagged payments). It is small next to the transactions
and is what `state` stores, so later days never need the raw history.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

import polars as pl

from jaga.finance.audience import audiences, disguise_pattern, open_pair
from jaga.finance.business import standing_sellers
from jaga.finance.cash import CASH_CATEGORIES, CASH_OUT_DAYS, CONVERSION_CATEGORIES, moved_rows
from jaga.finance.crypto_entities import crypto_entities
from jaga.finance.festivals import FESTIVE_FLAGS, festive_counts, festive_patterns
from jaga.finance.indicators import (
    ANCILLARY_CATEGORIES,
    BAND_USD,
    COVER_EXCEPTIONS,
    DEFAULT_OTHER_DESTINATION_RISK,
    FSEC_FIRST_MAX_USD,
    FSEC_TOTAL_MAX_USD,
    GIFT_CARD_CATEGORIES,
    HANDLE_PATTERN,
    HANDLE_READ_PATTERN,
    HIGH_RISK_CORRIDOR,
    MAIN_ORIGINS,
    NIGHT_END_HOUR,
    NIGHT_START_HOUR,
    OTHER_ORIGIN_FACTOR,
    PEAK_USD,
    TRAVEL_CATEGORIES,
    IndicatorConfig,
)
from jaga.finance.memo_text import read_memos
from jaga.finance.merchant_codes import category_words, without_trade_words
from jaga.finance.names import with_related
from jaga.finance.organisations import cash_out_rows, charity_memo, organisations
from jaga.finance.payer_profile import mixed_clienteles, unlike_customers
from jaga.finance.pooled import pooled_addresses
from jaga.finance.purchases import names_product
from jaga.finance.standing import at_every_checkpoint
from jaga.finance.visibility import unseen_payees
from jaga.finance.work_payments import billing_reference

FrameT = TypeVar("FrameT", pl.DataFrame, pl.LazyFrame)
DEFAULT_STEP_DAYS = 30
WINDOW_DAYS = (30, 90, 180)
PAIR_KEYS = ("sender_id", "receiver_id")
# Account and checkpoint in one integer column (`_account_key`): the fast join key.
ACCOUNT_KEY = "_account_k"
# Payments in the band over 90 days that make a sender->receiver pair "repeated": item 2's
# "4 or more in 30 days" spread over the 90-day window is stricter; 3 is one a month.
REPEAT_PAIR_PAYMENTS = 3
# Gaps between payments (days) that make a calendar-monthly rhythm (a month +- a week).
MONTHLY_DAYS = (24, 37)
# Payments of one pair within this relative spread count as one fixed amount (a standing
# order converted at the same rate; a few percent for exchange-rate drift).
FIXED_AMOUNT_TOLERANCE = 0.03
# Share of a pair's payments that must be in the band for it to pay like sessions.
SESSION_BAND_SHARE = 0.75
# A payer sending fiat to this many accounts in 30 days is a platform or payroll; a
# receiver it pays this many times in 90 days is one of its sellers or employees.
PLATFORM_PAYEES = 20
PLATFORM_PAYOUTS = 2
# Distinct foreign senders with repeated payments that make a receiver a common beneficiary
# (R11, S16).
REPEAT_HUB_SENDERS = 3
# AUSTRAC 2019 (research item 5): remittances to a common beneficiary "sent by multiple ...
# customers": multiple is two or more. Two repeat senders make the weaker rule R11b, and a
# receiver with them can be a flagged beneficiary (network.py) when it alerts on its own.
FEW_REPEAT_SENDERS = 2
# Item 12: a facilitator moves at least this share of inbound value on within 48 hours.
CASHOUT_SHARE = 0.6
# A sextortion mule moves the victims' money on (FinCEN FIN-2025-NTC2 and FBI: payments go
# to money mules who forward or cash them out; research item 12): a payee of minors' bursts
# that moved on less than this share of what it received over 180 days kept the money, as a
# shop, a reseller or a friend does, and is no mule. A tenth is "any material share": our
# design choice, not a published figure; it asks for no speed (a mule may cash out weekly).
MULE_MOVED_SHARE = 0.1
# A crypto address paid in the band by this many unrelated senders within 90 days, with at
# least this share of its crypto income in the band, is a shared low-value address (T6).
CRYPTO_SHARED_SENDERS = 3
CRYPTO_BAND_SHARE = 0.8
# ... and at least this share of all its inbound payments in crypto: a checkout address
# (FinCEN FIN-2021-NTC3: CVC to pay for content) takes crypto only, while a person whom fans
# or a partner also tip in crypto is paid in fiat too.
CRYPTO_ONLY_SHARE = 0.9
# A recurring buy (`recurring_crypto_pairs`): a pair paying one fixed sum in crypto (within
# FIXED_AMOUNT_TOLERANCE) this many times or more over its observed history.
RECURRING_BUY_PAYMENTS = 3
# Calendar rhythm (research note (d): family remittances "monthly or near paydays",
# sponsors monthly; pay-per-view "in bursts", item 2 and T1): a pair paying on this many
# distinct days or more, typically this many days apart or more (about weekly or slower,
# not a session's "twice a day" or several sessions a week), with the gaps' coefficient of
# variation at most RHYTHM_MAX_CV and never more than RHYTHM_MAX_PER_DAY payments on one day.
RHYTHM_MIN_DAYS = 4
RHYTHM_MIN_GAP_DAYS = 6.0
RHYTHM_MAX_CV = 0.5
RHYTHM_MAX_PER_DAY = 2
# A pair's counts towards the corridor band, its night/round/pattern shares and memo words.
CORRIDOR_COUNTS = (
    "n_band_corr",
    "n_peak_corr",
    "n_night_corr",
    "n_round_corr",
    "n_pattern_corr",
    "n_memo",
)
# Counts of a pair's payments that a calendar-rhythm pair contributes to no indicator: the
# corridor counts and payments to a minor.
RHYTHM_ZEROED = (*CORRIDOR_COUNTS, "n_to_minor", "n_minor_pattern")


def session_pair(band: pl.Expr, band_share: pl.Expr, peak: pl.Expr) -> pl.Expr:
    """A sender->receiver pair that pays like pay-per-view sessions, over 90 days.

    Repeated in-band payments (item 2: AUSTRAC's case paid "approximately twice a day";
    the note suggests 4+ in 30 days) are what make a common beneficiary (item 5). The note's
    hard negatives pay one person repeatedly too, and are told apart by the shape of the
    pair (research note (d), benign background and hard negatives):
    - more often than monthly: two or more in-band payments within one 30-day bucket (a
      monthly sponsorship or remittance is one a month; standing orders of one fixed
      amount are removed before, see `standing_order`);
    - mostly in the band over the pair's observed history (`SESSION_BAND_SHARE`): a
      romance-scam victim's payments escalate out of it, to one receiver.
    `band`: in-band payments of the pair in 90 days; `band_share`: in-band share of all its
    payments; `peak`: most in-band payments in one 30-day bucket.
    """
    return (
        (band >= REPEAT_PAIR_PAYMENTS)
        & (peak >= 2)
        & (band_share.fill_null(0.0) >= SESSION_BAND_SHARE)
    )


def fixed_amount(low: pl.Expr, high: pl.Expr) -> pl.Expr:
    """Payments between `low` and `high` that are one fixed sum (within
    `FIXED_AMOUNT_TOLERANCE`: fees and exchange rates move a fixed sum a little); unknown
    bounds are no fixed sum. One test for standing orders and recurring crypto buys alike."""
    return high.le(low * (1.0 + FIXED_AMOUNT_TOLERANCE)).fill_null(False)


def standing_order(band: pl.Expr, peak: pl.Expr, low: pl.Expr, high: pl.Expr) -> pl.Expr:
    """A pair paying one fixed in-band amount at most about monthly over 90 days.

    Research note (d): child sponsorships (a fixed monthly sum) and diaspora remittances
    (monthly or near paydays) are the benign look-alikes of low-value corridor payments;
    pay-per-view is paid per session, several times a month (item 2). `peak` is the most
    in-band payments in one 30-day bucket (2 allows a month's payment on each edge).
    """
    return (band >= 2) & (peak <= 2) & fixed_amount(low, high)


def monthly_cadence(peak: pl.Expr, buckets: pl.Expr, gaps_monthly: pl.Expr) -> pl.Expr:
    """A pair paying once a month, month after month (any amount), over 90 days.

    Research note (d): diaspora remittances are "monthly or near paydays" and sponsors pay
    monthly; pay-per-view is paid per session, at no calendar rhythm (item 2). `peak` is the
    most payments of the pair in one 30-day bucket, `buckets` how many buckets it paid in,
    `gaps_monthly` whether every gap between its payments is `MONTHLY_DAYS` long.
    """
    return (peak <= 1) & (buckets >= 2) & gaps_monthly.fill_null(False)


def calendar_rhythm(pair_days: pl.DataFrame) -> pl.DataFrame:
    """(sender_id, receiver_id) of pairs that pay at a calendar rhythm over their history.

    Research note (d): diaspora remittances are paid "monthly or near paydays" and child
    sponsors pay monthly; weekly and twice-monthly remitters keep a rhythm too, whatever the
    amounts. Pay-per-view is paid per session, "2-30 payments/month in bursts" (T1; item 2:
    "approximately twice a day"), at no calendar rhythm. A pair is rhythmic when it paid on
    `RHYTHM_MIN_DAYS`+ distinct days, its median gap between payment days is at least
    `RHYTHM_MIN_GAP_DAYS`, the gaps vary little (coefficient of variation at most
    `RHYTHM_MAX_CV`) and no day holds more than `RHYTHM_MAX_PER_DAY` payments. Judged over
    the pair's whole observed history (batch: the input; incremental: the stored 200 days).
    `pair_days`: one row per sender, receiver and day with `n`, the payments that day.
    A night-time or even-amount shape does not undo a rhythm: families use cover words
    ("family support", "medical bills") in earnest and send at any hour.
    """
    gaps = pair_days.sort("day").with_columns(
        pl.col("day").diff().over(PAIR_KEYS).cast(pl.Float64).alias("gap")
    )
    return (
        gaps.group_by(*PAIR_KEYS)
        .agg(
            pl.len().alias("days"),
            pl.col("n").max().alias("max_n"),
            pl.col("gap").median().alias("gap_median"),
            (pl.col("gap").std() / pl.col("gap").mean()).alias("gap_cv"),
        )
        .filter(
            (pl.col("days") >= RHYTHM_MIN_DAYS)
            & (pl.col("max_n") <= RHYTHM_MAX_PER_DAY)
            & (pl.col("gap_median") >= RHYTHM_MIN_GAP_DAYS)
            & (pl.col("gap_cv") <= RHYTHM_MAX_CV)
        )
        .select(*PAIR_KEYS)
    )


def cross_border_pair_days(tx: pl.DataFrame) -> pl.DataFrame:
    """Cross-border payments per sender, receiver and day (input of `calendar_rhythm`)."""
    return (
        tx.lazy()
        .filter(pl.col("cross_border"))
        .group_by(*PAIR_KEYS, "day")
        .agg(
            pl.len().cast(pl.Int32).alias("n"),
            *festive_counts(pl.lit(True)),
        )
        .collect()
    )


def complete_kyc(tx: pl.DataFrame) -> pl.DataFrame:
    """Fill a payment's missing payer birth year and sex from the payer's other payments.

    Birth year and sex describe the customer, not the payment: the FIU indicators that use
    them (FINTRAC: perpetrators "almost always male"; FATF/FinCEN: sextortion victims are
    minors, mostly boys; AMLC: payments to a minor's account) judge the account holder. An
    export that records them on some rows only (KYC joined per channel, a field left blank)
    still tells them for the account, so every payment it sends gets them. Where an
    account's rows disagree, the median year and the most frequent M/F value are used.
    Only the payer's fields are completed: filling the payee's birth year too surfaced
    diaspora parents' remittances to a child abroad (different surnames, amounts around the
    band's top) as T7 payments to a minor, which the T7 rules do not yet tell apart
    (held-out generator 2, seed 22: 7 more false alerts, no more true ones).
    """
    # Nothing to fill (every payment has the payer's year, or a known M/F sex): that part
    # is skipped, its group-by and join (0.35 s of CPU per million payments together) giving
    # back the same column. Exports with complete payer KYC (the own generator) skip both.
    fill_years = tx["sender_birth_year"].null_count() > 0
    fill_sexes = not tx.select(pl.col("sender_sex").is_in(["M", "F"]).fill_null(False).all()).item()
    if fill_years:
        years = (
            pl.concat(
                [
                    tx.select(
                        pl.col("sender_id").alias("_acct"), pl.col("sender_birth_year").alias("_y")
                    ),
                    tx.select(
                        pl.col("receiver_id").alias("_acct"),
                        pl.col("receiver_birth_year").alias("_y"),
                    ),
                ]
            )
            .drop_nulls("_y")
            .group_by("_acct")
            .agg(pl.col("_y").median().round(0).cast(pl.Int32).alias("_year"))
        )
        dtype = tx.schema["sender_birth_year"]
        tx = (
            tx.join(
                years.rename({"_acct": "sender_id", "_year": "_sy"}),
                on="sender_id",
                how="left",
                maintain_order="left",
            )
            .with_columns(pl.col("sender_birth_year").fill_null(pl.col("_sy").cast(dtype)))
            .drop("_sy")
        )
    if fill_sexes:
        sexes = (
            tx.filter(pl.col("sender_sex").is_in(["M", "F"]))
            .group_by("sender_id")
            .agg(pl.col("sender_sex").mode().sort().first().alias("_sex"))
        )
        tx = (
            tx.join(sexes, on="sender_id", how="left", maintain_order="left")
            .with_columns(
                pl.when(pl.col("sender_sex").is_in(["M", "F"]))
                .then(pl.col("sender_sex"))
                .otherwise(pl.col("_sex").fill_null(pl.col("sender_sex")))
                .alias("sender_sex"),
            )
            .drop("_sex")
        )
    return tx


def enrich(tx: pl.DataFrame, config: IndicatorConfig) -> pl.DataFrame:
    """Per-transaction flags, each the vectorised form of one published indicator."""
    tx = with_related(complete_kyc(tx))
    dest = pl.col("receiver_country").replace_strict(
        config.destination_risk, default=DEFAULT_OTHER_DESTINATION_RISK, return_dtype=pl.Float64
    )
    origin = (
        pl.when(pl.col("sender_country").is_in(sorted(MAIN_ORIGINS)))
        .then(1.0)
        .otherwise(OTHER_ORIGIN_FACTOR)
    )
    cross = pl.col("sender_country") != pl.col("receiver_country")
    offset = pl.col("sender_country").replace_strict(
        config.utc_offsets, default=0.0, return_dtype=pl.Float64
    )
    utc_hour = pl.col("ts").dt.hour().cast(pl.Float64) + pl.col("ts").dt.minute() / 60.0
    local_hour = ((utc_hour + offset) % 24.0).floor()
    amount = pl.col("amount")
    unit = 5.0 * (10.0 ** (amount.log10().floor() - 1.0).clip(lower_bound=0.0))
    is_round = (amount >= 5.0) & ((amount / unit) - (amount / unit).round(0)).abs().lt(1e-6)
    # The memo as an analyst reads it, whatever was done to hide its words (memo_text.py),
    # whether it names a contact handle as written or once read (item 6), and whether it
    # names a festival's gift ("lì xì", "duit raya": festivals.py).
    read = read_memos(
        tx["memo"],
        {"_handle": HANDLE_PATTERN},
        {"_handle_read": HANDLE_READ_PATTERN, **festive_patterns()},
        blank=COVER_EXCEPTIONS,
        lexicon=config.cover_words,
    )
    tx = tx.with_columns(
        read["memo_read"].alias("_memo_read"),
        (read["_handle"] | read["_handle_read"]).alias("_memo_handle"),
        *(read[flag] for flag in FESTIVE_FLAGS.values()),
    )
    memo = pl.col("_memo_read")
    year = pl.col("ts").dt.year().cast(pl.Int32)
    sender_age = year - pl.col("sender_birth_year")
    receiver_age = year - pl.col("receiver_birth_year")
    # FINTRAC's "no apparent family connection" (item 4): a surname in common, read as
    # payment systems write names ("SURNAME, GIVEN", masked "Maria D.": names.py).
    related = pl.col("_related_names")
    # Codes (ISO 18245) and descriptions read as the category words (merchant_codes.py).
    words = category_words(tx["merchant_category"].drop_nulls().unique().to_list())
    category = pl.col("merchant_category").fill_null("").replace(words)
    # A merchant category on a payment to someone whose KYC has a birth year is a person's
    # payment link (a sole seller, a creator, a tutor), not a shop: acquirers and payment
    # facilitators give individuals merchant accounts, and offenders pay through them
    # (FinCEN FIN-2021-NTC3: third-party payment processors; FATF: PayPal-style P2P; item
    # 11). The indicators are about payments to people, so those payments stay in; only
    # payments to businesses are spending.
    shop = (category != "") & pl.col("receiver_birth_year").is_null()
    # A cover word of the payee's declared trade describes what is sold (merchant_codes.py).
    cover_memo = without_trade_words(memo, category, words.values())
    # Lazy: the streaming engine runs these columns over chunks of rows on every core.
    return (
        tx.lazy()
        .with_columns(
            (pl.col("ts").dt.epoch("d")).cast(pl.Int32).alias("day"),
            cross.alias("cross_border"),
            # FinCEN FIN-2025-NTC2's red flag is a recipient in a jurisdiction of concern;
            # the offenders are adults (FBI). A payee whose KYC makes it a minor is a peer
            # (a friend, a gaming team-mate), not that recipient: its burst keeps `S12` only.
            (
                cross
                & pl.col("receiver_country").is_in(sorted(config.sextortion_jurisdictions))
                & ~receiver_age.is_between(10, 17).fill_null(False)
            ).alias("concern_jurisdiction"),
            pl.when(cross).then(dest * origin).otherwise(0.0).alias("corridor_risk"),
            pl.col("usd").is_between(*BAND_USD).alias("in_band"),
            pl.col("usd").is_between(*PEAK_USD).alias("in_peak"),
            is_round.alias("is_round"),
            local_hour.cast(pl.Int8).alias("sender_local_hour"),
            ((local_hour >= NIGHT_START_HOUR) | (local_hour < NIGHT_END_HOUR)).alias("night"),
            cover_memo.str.contains(config.cover_pattern).alias("memo_cover"),
            # The cover words that disguise a payment as family support (audience.py).
            cover_memo.str.contains(disguise_pattern(config.cover_words)).alias("memo_disguise"),
            pl.col("_memo_handle").alias("memo_handle"),
            sender_age.is_between(10, 17).fill_null(False).alias("minor_sender"),
            receiver_age.is_between(10, 17).fill_null(False).alias("minor_receiver"),
            (sender_age >= 18).fill_null(True).alias("adult_sender"),
            related.alias("related"),
            (pl.col("sender_sex").fill_null("") == "M").alias("male_sender"),
            # Known women payers (organisations.py: a payer base that is not the offenders'
            # profile, FINTRAC "almost always male", item 10).
            (pl.col("sender_sex").fill_null("") == "F").alias("female_sender"),
            category.is_in(sorted(ANCILLARY_CATEGORIES)).alias("ancillary"),
            category.is_in(sorted(TRAVEL_CATEGORIES)).alias("travel"),
            # An ATM or counter withdrawal: cash-out for the mule test (cash.py).
            category.is_in(sorted(CASH_CATEGORIES)).alias("cash_withdrawal"),
            # Money turned into crypto, money orders, a stored-value card (cash.py).
            category.is_in(sorted(CONVERSION_CATEGORIES)).alias("conversion"),
            # Buying from a merchant (a game, a shop) rather than paying a person; gift cards
            # stay in, since sextortion victims are told to buy them (FATF 2025, item 13).
            (shop & ~category.is_in(sorted(GIFT_CARD_CATEGORIES))).alias("purchase"),
            # Paid to a person's merchant account: a seller with a declared trade (audience.py).
            ((category != "") & ~shop).alias("to_registered_seller"),
            # For a minor's burst (item 13) any merchant category but gift cards is buying:
            # a teenager topping up game credits from a person who sells them is shopping,
            # as from a shop; the victims' purchases FATF names are gift cards.
            ((category != "") & ~category.is_in(sorted(GIFT_CARD_CATEGORIES))).alias(
                "merchant_payment"
            ),
        )
        .with_columns(
            (pl.col("corridor_risk") >= HIGH_RISK_CORRIDOR).alias("risky_corridor"),
        )
        .with_columns(
            # Transfers to people, not purchases (a payment with a merchant category is
            # spending; the indicators are about remittances and P2P).
            (pl.col("in_band") & pl.col("risky_corridor") & ~shop).alias("band_corridor"),
        )
        .drop("_related_names", "_memo_read", "_memo_handle")
        .collect()
    )


def pair_buckets(tx: pl.DataFrame, anchor_day: int, step: int) -> pl.DataFrame:
    """Pair-bucket table: one row per (sender, receiver, bucket) of enriched transactions."""
    # Payments to someone sharing the sender's surname do not count towards the corridor
    # indicators: FINTRAC's "no apparent family connection" (research item 4).
    bc = pl.col("band_corridor") & ~pl.col("related")
    crypto_band = (pl.col("channel") == "crypto") & pl.col("in_band") & ~pl.col("related")
    pattern = pl.col("night") & (pl.col("is_round") | pl.col("memo_cover") | pl.col("memo_handle"))
    return (
        tx.lazy()
        .with_columns(((anchor_day - pl.col("day")) // step).cast(pl.Int32).alias("bucket"))
        .group_by(*PAIR_KEYS, "bucket")
        .agg(
            pl.len().cast(pl.Int32).alias("n"),
            pl.col("usd").sum().alias("usd"),
            bc.sum().cast(pl.Int32).alias("n_band_corr"),
            (bc & pl.col("in_peak")).sum().cast(pl.Int32).alias("n_peak_corr"),
            (bc & pl.col("night")).sum().cast(pl.Int32).alias("n_night_corr"),
            (bc & pl.col("is_round")).sum().cast(pl.Int32).alias("n_round_corr"),
            # FATF 2025 (item 7) with items 6-7: one payment sent at the sender's night with
            # an even amount or a cover word / handle, the shape of a pay-per-view payment.
            (bc & pattern).sum().cast(pl.Int32).alias("n_pattern_corr"),
            ((pl.col("memo_cover") & ~pl.col("related")) | pl.col("memo_handle"))
            .sum()
            .cast(pl.Int32)
            .alias("n_memo"),
            pl.col("memo_handle").sum().cast(pl.Int32).alias("n_handle"),
            *festive_counts(pl.col("cross_border")),
            (pl.col("memo_disguise") & ~pl.col("related")).sum().cast(pl.Int32).alias("n_disguise"),
            # Payments whose payer wrote what they are for (audience.py: open audiences).
            (pl.col("memo").fill_null("").str.strip_chars() != "")
            .sum()
            .cast(pl.Int32)
            .alias("n_described"),
            # Charity vocabulary (organisations.py): benign context for organisations only.
            charity_memo(pl.col("memo")).sum().cast(pl.Int32).alias("n_charity"),
            # Cross-border payments naming work done and a billing reference (work_payments.py).
            billing_reference(pl.when(pl.col("cross_border")).then(pl.col("memo")))
            .sum()
            .cast(pl.Int32)
            .alias("n_billed"),
            # Cross-border payments naming the product bought: lessons, game items
            # (purchases.py).
            names_product(pl.when(pl.col("cross_border")).then(pl.col("memo")))
            .sum()
            .cast(pl.Int32)
            .alias("n_named"),
            (pl.col("channel") == "crypto").sum().cast(pl.Int32).alias("n_crypto"),
            pl.col("to_registered_seller").sum().cast(pl.Int32).alias("n_registered"),
            # CVC payments (FinCEN FIN-2021-NTC3) in the USD 10-200 band, and those of them
            # with the pay-per-view shape (sender-local night, even amount or cover word).
            crypto_band.sum().cast(pl.Int32).alias("n_crypto_band"),
            (crypto_band & pattern).sum().cast(pl.Int32).alias("n_crypto_pattern"),
            pl.col("ancillary").sum().cast(pl.Int32).alias("n_ancillary"),
            (pl.col("travel") & pl.col("risky_corridor")).sum().cast(pl.Int32).alias("n_travel"),
            # FINTRAC (item 4): "no apparent family connection"; a relative abroad sharing
            # the child's surname is family support, not a direct payer (T7).
            (
                pl.col("minor_receiver")
                & pl.col("cross_border")
                & pl.col("adult_sender")
                & ~pl.col("related")
                & pl.col("in_band")
            )
            .sum()
            .cast(pl.Int32)
            .alias("n_to_minor"),
            (
                pl.col("minor_receiver")
                & pl.col("cross_border")
                & pl.col("adult_sender")
                & ~pl.col("related")
                & pattern
            )
            .sum()
            .cast(pl.Int32)
            .alias("n_minor_pattern"),
            pl.col("minor_sender").any().alias("minor_sender"),
            pl.col("male_sender").any().alias("male_sender"),
            pl.col("female_sender").any().alias("female_sender"),
            pl.col("related").any().alias("related"),
            pl.col("cross_border").any().alias("cross_border"),
            pl.col("concern_jurisdiction").any().alias("concern_jurisdiction"),
            pl.col("purchase").any().alias("purchase"),
            pl.col("merchant_payment").any().alias("merchant_payment"),
            pl.col("corridor_risk").max().alias("corridor_risk"),
            pl.col("sender_country").first().alias("sender_country"),
            pl.col("day").min().alias("first_day"),
            pl.col("day").max().alias("last_day"),
            pl.col("usd").sort_by("ts").first().alias("first_usd"),
            # Smallest and largest in-band corridor payment: a pair paying one fixed amount
            # month after month is a sponsorship or remittance, not pay-per-view sessions.
            pl.col("usd").filter(bc).min().alias("band_min_usd"),
            pl.col("usd").filter(bc).max().alias("band_max_usd"),
            # Smallest and largest crypto payment: a recurring buy of one fixed sum.
            pl.col("usd").filter(pl.col("channel") == "crypto").min().alias("crypto_min_usd"),
            pl.col("usd").filter(pl.col("channel") == "crypto").max().alias("crypto_max_usd"),
        )
        # `n_memo` as written, a copy no look-alike discount zeroes: the burst test reads it
        # (`_sextortion_bursts`) after the burst discount has zeroed `n_memo`.
        .with_columns(pl.col("n_memo").alias("n_pretext"))
        .collect()
    )


# Value per account and day (`account_day_flows`): received, sent as cash-out, moved on
# (cash-out rows and withdrawals), converted (crypto, money orders, stored value).
FLOW_COLUMNS = ("in_usd", "out_usd", "moved_usd", "converted_usd")


def account_day_flows(tx: pl.DataFrame) -> pl.DataFrame:
    """Per account and day: value received, value sent (for the 48-hour cash-out) and value
    moved on, cash withdrawals and conversions included (for the mule test: cash.py)."""
    lazy = tx.lazy()
    inbound = lazy.group_by(pl.col("receiver_id").alias("account_id"), "day").agg(
        pl.col("usd").sum().alias("in_usd")
    )
    # Spending at merchants is not cash-out (item 12; organisations.cash_out_rows).
    sent = cash_out_rows(lazy)
    outbound = sent.group_by(pl.col("sender_id").alias("account_id"), "day").agg(
        pl.col("usd").sum().alias("out_usd")
    )
    moved = (
        moved_rows(lazy)
        .group_by(pl.col("sender_id").alias("account_id"), "day")
        .agg(pl.col("usd").sum().alias("moved_usd"))
    )
    # Conversions into crypto, money orders, stored value: moved on at any speed (cash.py).
    converted = (
        lazy.filter(pl.col("conversion"))
        .group_by(pl.col("sender_id").alias("account_id"), "day")
        .agg(pl.col("usd").sum().alias("converted_usd"))
    )
    return (
        inbound.join(outbound, on=["account_id", "day"], how="full", coalesce=True)
        .join(moved, on=["account_id", "day"], how="full", coalesce=True)
        .join(converted, on=["account_id", "day"], how="full", coalesce=True)
        .with_columns(pl.col(*FLOW_COLUMNS).fill_null(0.0))
        .collect()
    )


def windowed(frame: FrameT, buckets: int, checkpoints: int) -> FrameT:
    """Each row once per checkpoint whose window (of `buckets` buckets) contains it."""
    if buckets == 1:
        return frame.with_columns(pl.col("bucket").alias("k")).filter(pl.col("k") < checkpoints)
    return (
        frame.with_columns(
            pl.int_ranges(
                (pl.col("bucket") - buckets + 1).clip(lower_bound=0),
                pl.col("bucket") + 1,
                dtype=pl.Int32,
            ).alias("k")
        )
        .explode("k")
        .filter(pl.col("k") < checkpoints)
    )


def cashout_share(
    flows: pl.LazyFrame, anchor_day: int, step: int, checkpoints: int
) -> pl.LazyFrame:
    """Share of inbound value sent on within 48 hours (item 12), per account and checkpoint.

    The value sent on the same day and the next two (`flows` has one row per account and
    day, so those are the next two rows at most, found by sorting rather than by two
    self-joins), summed per 30-day bucket and then over each checkpoint's three buckets.
    """
    left_48h = pl.min_horizontal(
        "in_usd",
        pl.col("out_usd")
        + _sent_days_later(1, 1).fill_null(0)
        + pl.coalesce(_sent_days_later(2, 1), _sent_days_later(2, 2)).fill_null(0),
    )
    per_bucket = (
        _sort_account_days(flows)
        .with_columns(left_48h.alias("left_48h"))
        .filter(pl.col("in_usd") > 0)
        .group_by(
            "account_id", ((anchor_day - pl.col("day")) // step).cast(pl.Int32).alias("bucket")
        )
        .agg(pl.col("left_48h").sum(), pl.col("in_usd").sum())
    )
    return (
        windowed(per_bucket, 3, checkpoints)
        .group_by("account_id", "k")
        .agg(
            (pl.col("left_48h").sum() / pl.col("in_usd").sum()).alias("cashout_share_90"),
            pl.col("in_usd").sum().alias("in_usd_90"),
        )
    )


def _sort_account_days(flows: pl.LazyFrame) -> pl.LazyFrame:
    """`flows` sorted by account, then day.

    Integer account codes (the batch path) and days fit one 64-bit key, and a sort on one
    integer column took a sixth of the time of the two-column sort (which the cash-out
    share spent most of its time in). Each (account, day) is one row, so both orders are
    the same. Id strings (the incremental path) are sorted on both columns.
    """
    if flows.collect_schema()["account_id"] not in (pl.UInt8, pl.UInt16, pl.UInt32):
        return flows.sort("account_id", "day")
    key = pl.col("account_id").cast(pl.UInt64) * (1 << 32) + (
        pl.col("day").cast(pl.Int64) + (1 << 31)
    ).cast(pl.UInt64)
    return flows.sort(key)


def moved_on_share(
    flows: pl.LazyFrame, anchor_day: int, step: int, checkpoints: int, buckets: int
) -> pl.LazyFrame:
    """Share of inbound value an account sent on at any time (cash-out rows, not purchases)
    over a window of `buckets` buckets: `r_moved_on_share_180` for the mule test. Cash
    withdrawals count as moved on when made within 48 hours of a credit (`moved_usd`,
    cash.py: cashing out what came in, not drawing pocket money months later);
    conversions into crypto, money orders or stored value at any time (`converted_usd`)."""
    withdrawn = pl.col("moved_usd") - pl.col("out_usd")
    recent_credit = pl.col("in_usd") > 0
    for rows in (1, 2):
        recent_credit = recent_credit | (
            (pl.col("account_id").shift(rows) == pl.col("account_id"))
            & (pl.col("day") - pl.col("day").shift(rows) <= CASH_OUT_DAYS)
            & (pl.col("in_usd").shift(rows) > 0)
        ).fill_null(False)
    per_bucket = (
        _sort_account_days(flows)
        .with_columns(
            (
                pl.col("out_usd")
                + pl.col("converted_usd")
                + pl.when(recent_credit).then(withdrawn).otherwise(0.0)
            ).alias("_moved")
        )
        .group_by(
            "account_id", ((anchor_day - pl.col("day")) // step).cast(pl.Int32).alias("bucket")
        )
        .agg(pl.col("in_usd").sum(), pl.col("_moved").sum().alias("out_usd"))
    )
    return (
        windowed(per_bucket, buckets, checkpoints)
        .group_by("account_id", "k")
        .agg(
            (pl.col("out_usd").sum() / pl.col("in_usd").sum())
            .clip(upper_bound=1.0)
            .fill_nan(0.0)
            .alias("r_moved_on_share_180")
        )
    )


def _sent_days_later(days: int, rows: int) -> pl.Expr:
    """`out_usd` of the same account `days` later, read `rows` rows ahead (null if none)."""
    ahead = pl.col("account_id").shift(-rows) == pl.col("account_id")
    return pl.when(ahead & (pl.col("day").shift(-rows) == pl.col("day") + days)).then(
        pl.col("out_usd").shift(-rows)
    )


def discount_rhythm(pairs: pl.DataFrame, rhythm: pl.DataFrame) -> pl.DataFrame:
    """Pair-buckets with the indicator counts of calendar-rhythm pairs set to zero.

    `rhythm` (from `calendar_rhythm`) lists remittances and sponsorships: their payments are
    what they look like and count towards no corridor, memo or minor indicator
    (`RHYTHM_ZEROED`), nor towards a flagged beneficiary's customers. Counts of all payments
    (`n`, `usd`, crypto) stay, so platform payouts and sextortion bursts are unaffected.
    """
    if rhythm.is_empty():
        return pairs
    return zero_pair_counts(pairs, rhythm, RHYTHM_ZEROED)


def zero_pair_counts(
    pairs: pl.DataFrame, marked: pl.DataFrame, columns: tuple[str, ...]
) -> pl.DataFrame:
    """Pair-buckets with `columns` set to zero for the (sender_id, receiver_id) in `marked`.

    One place for the join, so every discount (calendar rhythm, family support) keeps the
    pair table's key and count types exactly as the rules read them.
    """
    flags = marked.select(
        *(pl.col(k).cast(pairs.schema[k]) for k in PAIR_KEYS), pl.lit(True).alias("_marked")
    ).unique()
    return (
        pairs.join(flags, on=list(PAIR_KEYS), how="left")
        .with_columns(
            pl.when(pl.col("_marked")).then(0).otherwise(pl.col(c)).cast(pairs.schema[c]).alias(c)
            for c in columns
        )
        .drop("_marked")
    )


def account_features(
    pairs: pl.DataFrame, flows: pl.DataFrame, anchor_day: int, step: int, checkpoints: int
) -> pl.DataFrame:
    """One row per (account, checkpoint) for accounts active in that checkpoint's last bucket.

    Sender-side (`s_`) and receiver-side (`r_`) features; the `net_` ones use the
    neighbourhood (a receiver's other senders, a sender's receivers) and are what the
    "no pair/network" baseline leaves out.

    Computed in stages, each stage's frames collected together (`pl.collect_all`): the
    windowed pair tables that several features read (`_Windows`) are materialised once.
    One lazy plan over everything recomputed them in every branch that read them (the
    branches project different columns, so Polars could not share them), which was most of
    the scoring time.
    """
    windows = _windows(pairs, flows, anchor_day, step, checkpoints)
    frames = _feature_frames(pairs.lazy(), windows, checkpoints)
    return _assemble(windows.p30, frames, anchor_day, step)


@dataclass(frozen=True)
class _Windows:
    """Materialised tables the features share (one row per pair or account and checkpoint).

    `p30`: pair-buckets in the checkpoint's last 30 days; `p90`: cross-border pair-buckets
    in the 90-day window, standing orders removed; `pair90`: the same per pair; `p180`:
    cross-border pair-buckets over 180 days; `lifetime`: each cross-border pair's in-band
    share over its history; `sellers`: platform sellers and organisations; `payouts`,
    `orgs`, `standing_sellers` (business.py): their parts; `passing_nothing`: sellers and
    receivers paid by men and women alike (payer_profile.py), whose payers inherit
    nothing; `clienteles`: those of them clearly so, whose own facilitator rules do not
    apply (payer_profile.mixed_clienteles); `recv30`: receiver fan-in;
    `cash`: the 48-hour cash-out; `hubs`; `fsec`: sextortion bursts; `moved`: the share
    of inbound value sent on over 180 days (`moved_on_share`); `unseen`: payees of bursts
    whose own payments the input cannot show (`visibility.unseen_payees`).
    """

    p30: pl.LazyFrame
    p90: pl.LazyFrame
    pair90: pl.LazyFrame
    p180: pl.LazyFrame
    lifetime: pl.LazyFrame
    sellers: pl.LazyFrame
    payouts: pl.LazyFrame
    orgs: pl.LazyFrame
    standing_sellers: pl.LazyFrame
    audience: pl.LazyFrame
    passing_nothing: pl.LazyFrame
    clienteles: pl.LazyFrame
    recv30: pl.LazyFrame
    cash: pl.LazyFrame
    hubs: pl.LazyFrame
    fsec: pl.LazyFrame
    moved: pl.LazyFrame
    unseen: pl.DataFrame
    w90: int
    w180: int


def _collect(*frames: pl.LazyFrame) -> list[pl.LazyFrame]:
    """Run independent plans together; their results as lazy frames for the next stage."""
    return [frame.lazy() for frame in pl.collect_all(frames)]


def _windows(
    pairs: pl.DataFrame, flows: pl.DataFrame, anchor_day: int, step: int, checkpoints: int
) -> _Windows:
    """The shared tables of `account_features`, materialised in three stages."""
    w90 = max(1, round(90 / step))
    w180 = max(1, round(180 / step))
    lazy = pairs.lazy()
    p30 = windowed(lazy, 1, checkpoints)
    lifetime, p90_all, p180, payouts, orgs, standing_sellers_, audience, cash, fsec = _collect(
        _lifetime(lazy),
        _corridor_pairs_90(lazy, w90, checkpoints),
        _corridor_pairs_180(lazy, w180, checkpoints),
        _platform_payouts(lazy, p30, w90, checkpoints),
        organisations(lazy, w90, checkpoints),
        # Standing platform sellers (business.py): a known business over the observed history.
        standing_sellers(lazy, checkpoints, PLATFORM_PAYEES),
        # Creators and streamers paid by an audience (audience.py).
        audiences(lazy, w90, checkpoints),
        cashout_share(flows.lazy(), anchor_day, step, checkpoints),
        _sextortion_bursts(lazy),
    )
    pair90_all = _pair_windows_90(p90_all, lifetime, w90)
    sellers = pl.concat(
        [
            payouts.filter(pl.col("r_platform_payouts_90") >= PLATFORM_PAYOUTS).select(
                pl.col("account_id").alias("receiver_id"), "k"
            ),
            orgs,
            standing_sellers_,
            audience,
        ]
    )
    standing = _standing_pairs(pair90_all)
    recv30 = _receiver_30(p30, lifetime)
    # Only payees of minors' bursts need the moved-on share (the mule test).
    burst_payees = fsec.select(pl.col("receiver_id").alias("account_id")).unique()
    p90, pair90, sellers, recv30, moved, unseen_lazy = _collect(
        p90_all.join(standing, on=[*PAIR_KEYS, "k"], how="anti"),
        pair90_all.join(standing, on=[*PAIR_KEYS, "k"], how="anti"),
        sellers,
        recv30,
        moved_on_share(
            flows.lazy().join(burst_payees, on="account_id", how="semi"),
            anchor_day,
            step,
            checkpoints,
            w180,
        ),
        # Only payees of minors' bursts are asked whether their outflows are in the input.
        unseen_payees(lazy).join(burst_payees, on="account_id", how="semi"),
    )
    unseen = unseen_lazy.collect()
    # Paid by men and women alike over the observed history (payer_profile.py): no
    # facilitator's customers, so, like a seller's, its payers inherit nothing (`S7`, `S16`).
    foreign_fiat = lazy.filter(pl.col("cross_border") & (pl.col("n") > pl.col("n_crypto")))
    unlike = at_every_checkpoint(unlike_customers(foreign_fiat), checkpoints)
    passing_nothing, clienteles = _collect(
        pl.concat([sellers, unlike.select(sellers.collect_schema().names())]),
        at_every_checkpoint(mixed_clienteles(foreign_fiat), checkpoints),
    )
    (hubs,) = _collect(_hubs(recv30, cash, passing_nothing))
    return _Windows(
        p30=p30, p90=p90, pair90=pair90, p180=p180, lifetime=lifetime, sellers=sellers,
        payouts=payouts, orgs=orgs, standing_sellers=standing_sellers_, audience=audience,
        passing_nothing=passing_nothing, clienteles=clienteles, recv30=recv30,
        cash=cash, hubs=hubs, fsec=fsec, moved=moved, unseen=unseen,
        w90=w90, w180=w180,
    )  # fmt: skip


def _lifetime(pairs: pl.LazyFrame) -> pl.LazyFrame:
    """In-band share of each cross-border pair's payments over its whole observed history.

    A romance-scam victim's payments start in the band and escalate out of it, which a
    90-day window at the start cannot see yet.
    """
    return (
        pairs.filter(pl.col("cross_border"))
        .group_by(*PAIR_KEYS)
        .agg(
            (pl.col("n_band_corr").sum() / pl.col("n").sum()).alias("life_band_share"),
            open_pair(pl.col("n_described").sum(), pl.col("n_disguise").sum()).alias("life_open"),
        )
    )


def _corridor_pairs_90(pairs: pl.LazyFrame, w90: int, checkpoints: int) -> pl.LazyFrame:
    """Cross-border (or ancillary) pair-buckets of each checkpoint's 90-day window.

    With the gap (days) from each pair-bucket's first payment to the pair's previous
    bucket's, and that bucket: computed once per pair here rather than per window (a list
    sort per pair and checkpoint doubled the scoring time).
    """
    return windowed(
        pairs.filter(pl.col("cross_border") | (pl.col("n_ancillary") > 0))
        .drop("last_day", "first_usd", "n_travel", "sender_country")
        .sort("first_day")
        .with_columns(
            pl.col("first_day").diff().over(PAIR_KEYS).alias("gap_prev"),
            pl.col("bucket").shift(1).over(PAIR_KEYS).alias("prev_bucket"),
        ),
        w90,
        checkpoints,
    )


def _corridor_pairs_180(pairs: pl.LazyFrame, w180: int, checkpoints: int) -> pl.LazyFrame:
    """Cross-border pair-buckets of each checkpoint's 180-day window (the columns used)."""
    return windowed(
        pairs.filter(pl.col("cross_border")).select(
            *PAIR_KEYS, "bucket", "n_band_corr", "n_travel", "first_day", "last_day"
        ),
        w180,
        checkpoints,
    )


def _pair_windows_90(p90: pl.LazyFrame, lifetime: pl.LazyFrame, w90: int) -> pl.LazyFrame:
    """One row per pair and checkpoint with in-band or minor payments in the 90 days."""
    return (
        p90.group_by(*PAIR_KEYS, "k")
        .agg(
            pl.col("n_band_corr").sum().alias("pair_band"),
            pl.col("n").sum().alias("pair_n"),
            pl.col("n_band_corr").max().alias("pair_band_peak"),
            pl.col("band_min_usd").min(),
            pl.col("band_max_usd").max(),
            pl.col("related").any(),
            pl.col("n").max().alias("pair_peak_n"),
            # Days between successive payments when the pair pays once per 30-day bucket.
            # Every gap to a previous payment inside the same window (the oldest payment's
            # previous one lies outside it, or does not exist).
            (
                pl.col("prev_bucket").is_null()
                | (pl.col("prev_bucket") > pl.col("k") + (w90 - 1))
                | pl.col("gap_prev").is_between(MONTHLY_DAYS[0], MONTHLY_DAYS[1])
            )
            .all()
            .alias("monthly_gaps"),
            pl.len().alias("pair_buckets"),
            pl.col("n_to_minor").sum().alias("pair_minor"),
            pl.col("n_minor_pattern").sum().alias("pair_minor_pattern"),
        )
        .filter((pl.col("pair_band") > 0) | (pl.col("pair_minor") > 0))
        .join(lifetime, on=list(PAIR_KEYS), how="left")
    )


def _standing_pairs(pair90: pl.LazyFrame) -> pl.LazyFrame:
    """(pair, k) of standing orders and monthly remittances over the 90 days.

    Research note (d): sponsorships and family remittances, monthly or near paydays: a
    pair paying one fixed in-band amount no more than about monthly. Its payments are what
    they look like and count towards no corridor indicator.
    """
    return pair90.filter(
        standing_order(
            pl.col("pair_band"),
            pl.col("pair_band_peak"),
            pl.col("band_min_usd"),
            pl.col("band_max_usd"),
        )
        | monthly_cadence(pl.col("pair_peak_n"), pl.col("pair_buckets"), pl.col("monthly_gaps"))
    ).select(*PAIR_KEYS, "k")


def _platform_payouts(
    pairs: pl.LazyFrame, p30: pl.LazyFrame, w90: int, checkpoints: int
) -> pl.LazyFrame:
    """Fiat payments per receiver and checkpoint (90 days) from platforms or payrolls.

    A payer sending fiat to PLATFORM_PAYEES or more accounts in 30 days (a platform, a
    payroll) pays its sellers; a receiver it pays again and again is a seller with a known
    business (an adult creator, research note (d)), whose many small foreign tips fit that
    business rather than a facilitator's fan-in.
    """
    platforms = (
        p30.filter(pl.col("n") > pl.col("n_crypto"))
        .group_by("sender_id", "k")
        .agg(pl.col("receiver_id").n_unique().alias("payees"))
        .filter(pl.col("payees") >= PLATFORM_PAYEES)
        .select("sender_id")
        .unique()
    )
    return (
        windowed(
            pairs.join(platforms, on="sender_id", how="semi")
            .filter(pl.col("n") > pl.col("n_crypto"))
            .select(*PAIR_KEYS, "bucket", "n"),
            w90,
            checkpoints,
        )
        .group_by(pl.col("receiver_id").alias("account_id"), "k")
        .agg(pl.col("n").sum().cast(pl.Int32).alias("r_platform_payouts_90"))
    )


def _receiver_30(p30: pl.LazyFrame, lifetime: pl.LazyFrame) -> pl.LazyFrame:
    """Receiver side, 30 days: fan-in of foreign senders and their countries (item 5).

    Item 5 is about "frequent, low-value" payments from many senders: a sender counts
    towards the low-value fan-in when it paid in the band in these 30 days and its payments
    to this receiver stay mostly in the band (a romance-scam victim's escalate out of it).
    """
    foreign30 = p30.filter(pl.col("cross_border")).join(lifetime, on=list(PAIR_KEYS), how="left")
    low_value = (pl.col("n_band_corr") > 0) & (
        pl.col("life_band_share").fill_null(0.0) >= SESSION_BAND_SHARE
    )
    return foreign30.group_by(pl.col("receiver_id").alias("account_id"), "k").agg(
        pl.col("sender_id").n_unique().cast(pl.Int32).alias("r_foreign_senders_30"),
        pl.col("sender_id").filter(low_value).n_unique().cast(pl.Int32).alias("r_low_senders_30"),
        pl.col("sender_country")
        .filter(low_value)
        .n_unique()
        .cast(pl.Int32)
        .alias("r_low_countries_30"),
        pl.col("sender_country").n_unique().cast(pl.Int32).alias("r_sender_countries_30"),
        pl.col("sender_id")
        .filter(pl.col("minor_sender"))
        .n_unique()
        .cast(pl.Int32)
        .alias("r_minor_senders_30"),
        pl.col("n_band_corr").sum().alias("r_band_corr_30"),
    )


def _hubs(recv30: pl.LazyFrame, cash: pl.LazyFrame, sellers: pl.LazyFrame) -> pl.LazyFrame:
    """(receiver_id, k, to_hub) of hubs: item 5 with item 12.

    5+ low-value foreign senders from 2+ countries in 30 days, most of the money moved on
    within 48 hours; not a platform seller or an organisation. Senders' network features
    point here.
    """
    return (
        recv30.join(cash, on=["account_id", "k"], how="left")
        .filter(
            (pl.col("r_low_senders_30") >= 5)
            & (pl.col("r_low_countries_30") >= 2)
            & (pl.col("cashout_share_90").fill_null(0.0) >= CASHOUT_SHARE)
        )
        .select(pl.col("account_id").alias("receiver_id"), "k", pl.lit(True).alias("to_hub"))
        .join(sellers, on=["receiver_id", "k"], how="anti")
    )


def _feature_frames(pairs: pl.LazyFrame, windows: _Windows, checkpoints: int) -> list[pl.DataFrame]:
    """Every per-(account_id, k) feature table, computed together from the shared tables."""
    w = windows
    send90, p90_hub = _sender_90(w.p90, w.hubs)
    recv_pairs = _receiver_pairs(w.pair90)
    frames = [
        w.recv30,
        _receiver_90(w.p90),
        _receiver_pattern(w.p90, w.lifetime),
        _receiver_180(w.p180),
        recv_pairs,
        _sender_pairs(w.pair90),
        _to_repeat_hubs(w.pair90, recv_pairs, w.passing_nothing),
        _sender_30(w.p30),
        send90,
        _sender_180(w.p180),
        *_sextortion(w.fsec, w.moved, w.unseen, w.w180, checkpoints),
        _shared_senders(w.p90, send90),
        _forwards(p90_hub),
        w.cash,
        w.payouts,
        *_minor_payments(w.pair90),
        *_crypto(pairs, w.w90, checkpoints),
        w.orgs.select(pl.col("receiver_id").alias("account_id"), "k", r_organisation=pl.lit(True)),
        w.standing_sellers.select(
            pl.col("receiver_id").alias("account_id"), "k", r_platform_seller=pl.lit(True)
        ),
        w.audience.select(pl.col("receiver_id").alias("account_id"), "k", r_audience=pl.lit(True)),
        w.clienteles.select(
            pl.col("receiver_id").alias("account_id"), "k", r_mixed_clientele=pl.lit(True)
        ),
    ]
    return pl.collect_all(frames)


def _repeat() -> tuple[pl.Expr, pl.Expr]:
    """Pair-level cadence over 90 days (items 2 and 5): session pairs and returning buyers.

    The published cases describe the same sender paying the same beneficiary again and
    again ("approximately twice a day"; "frequent ... to a common beneficiary ... by
    multiple customers"), which one-off tips to many creators and monthly family
    remittances do not show. Returning buyers: senders who paid it twice or more in the
    band within 90 days, their payments to it staying mostly in the band (a one-off tipper
    pays once).
    """
    # A pair that pays openly (audience.open_pair: many described payments, none disguised)
    # is a fan or subscriber: neither a session pair nor a returning buyer.
    closed = ~pl.col("life_open").fill_null(False)
    repeat = (
        session_pair(pl.col("pair_band"), pl.col("life_band_share"), pl.col("pair_band_peak"))
        & closed
    )
    returning = (
        (pl.col("pair_band") >= 2)
        & (pl.col("life_band_share").fill_null(0.0) >= SESSION_BAND_SHARE)
        & closed
    )
    return repeat, returning


def _receiver_pairs(pair90: pl.LazyFrame) -> pl.LazyFrame:
    """Senders paying a receiver in sessions, and returning buyers (see `_repeat`)."""
    repeat, returning = _repeat()
    return pair90.group_by(pl.col("receiver_id").alias("account_id"), "k").agg(
        pl.col("sender_id").filter(repeat).n_unique().cast(pl.Int32).alias("r_repeat_senders_90"),
        pl.col("sender_id")
        .filter(returning & ~pl.col("related"))
        .n_unique()
        .cast(pl.Int32)
        .alias("r_returning_senders_90"),
    )


def _sender_pairs(pair90: pl.LazyFrame) -> pl.LazyFrame:
    """A sender's busiest unrelated pair and how many payees it pays in sessions."""
    repeat, _ = _repeat()
    return (
        pair90.filter(~pl.col("related"))
        .group_by(pl.col("sender_id").alias("account_id"), "k")
        .agg(
            pl.col("pair_band").max().cast(pl.Int32).alias("s_max_pair_band_90"),
            pl.col("receiver_id")
            .filter(repeat)
            .n_unique()
            .cast(pl.Int32)
            .alias("s_repeat_payees_90"),
        )
    )


def _to_repeat_hubs(
    pair90: pl.LazyFrame, recv_pairs: pl.LazyFrame, sellers: pl.LazyFrame
) -> pl.LazyFrame:
    """Common beneficiaries a consumer pays in sessions.

    A consumer repeatedly paying a beneficiary that other foreign senders also pay
    repeatedly: the sender-side evidence of several independent accounts, aggregated.
    """
    repeat, _ = _repeat()
    repeat_hubs = (
        recv_pairs.filter(pl.col("r_repeat_senders_90") >= REPEAT_HUB_SENDERS)
        .select(pl.col("account_id").alias("receiver_id"), "k")
        .join(sellers, on=["receiver_id", "k"], how="anti")
    )
    return (
        pair90.filter(repeat & ~pl.col("related"))
        .join(repeat_hubs, on=["receiver_id", "k"], how="inner")
        .group_by(pl.col("sender_id").alias("account_id"), "k")
        .agg(pl.col("receiver_id").n_unique().cast(pl.Int32).alias("net_repeat_hubs_90"))
    )


def _minor_payments(pair90: pl.LazyFrame) -> tuple[pl.LazyFrame, pl.LazyFrame]:
    """Items 10 and T7: an adult abroad paying a child's account directly.

    Standing orders (a sponsor's fixed monthly sum) are removed before; with how many of
    those payments had the pay-per-view shape (sender-local night with an even amount, a
    cover word or a handle). Receiver side, then sender side.
    """
    minor_pairs = pair90.filter(pl.col("pair_minor") > 0)
    to_minor_recv = minor_pairs.group_by(pl.col("receiver_id").alias("account_id"), "k").agg(
        pl.col("pair_minor").sum().alias("r_from_adults_to_minor_90"),
        pl.col("pair_minor_pattern").sum().alias("r_minor_pattern_90"),
    )
    to_minor_send = minor_pairs.group_by(pl.col("sender_id").alias("account_id"), "k").agg(
        pl.col("pair_minor").sum().alias("s_to_minor_90"),
        pl.col("pair_minor_pattern").sum().alias("s_to_minor_pattern_90"),
    )
    return to_minor_recv, to_minor_send


def _receiver_90(p90: pl.LazyFrame) -> pl.LazyFrame:
    """Receiver side, 90 days: foreign senders and corridor credits with their shape."""
    return p90.group_by(pl.col("receiver_id").alias("account_id"), "k").agg(
        pl.col("sender_id").n_unique().cast(pl.Int32).alias("r_foreign_senders_90"),
        pl.col("n_band_corr").sum().alias("r_band_corr_90"),
        pl.col("n_night_corr").sum().alias("r_night_corr_90"),
        pl.col("n_round_corr").sum().alias("r_round_corr_90"),
        pl.col("n_memo").sum().alias("r_memo_90"),
        pl.col("n").sum().alias("r_in_n_90"),
    )


def _receiver_pattern(p90: pl.LazyFrame, lifetime: pl.LazyFrame) -> pl.LazyFrame:
    """FATF 2025 with AUSTRAC 2024 (items 6-7): credits with the pay-per-view shape.

    In-band credits from unrelated foreign senders, each sent at the sender's night with an
    even amount, a cover word or a handle, and how many senders sent them; only senders
    whose payments to it stay mostly in the band (a romance victim's escalate out of it).
    """
    return (
        p90.filter(pl.col("n_pattern_corr") > 0)
        .join(lifetime, on=list(PAIR_KEYS), how="left")
        .filter(pl.col("life_band_share").fill_null(0.0) >= SESSION_BAND_SHARE)
        .group_by(pl.col("receiver_id").alias("account_id"), "k")
        .agg(
            pl.col("n_pattern_corr").sum().cast(pl.Int32).alias("r_pattern_90"),
            pl.col("sender_id").n_unique().cast(pl.Int32).alias("r_pattern_senders_90"),
        )
    )


def _receiver_180(p180: pl.LazyFrame) -> pl.LazyFrame:
    """Receiver side, 180 days: corridor credits."""
    return p180.group_by(pl.col("receiver_id").alias("account_id"), "k").agg(
        pl.col("n_band_corr").sum().alias("r_band_corr_180"),
    )


def _sender_30(p30: pl.LazyFrame) -> pl.LazyFrame:
    """Sender side, 30 days (items 1, 2, 4, 7): corridor payments and all payments."""
    return p30.group_by(pl.col("sender_id").alias("account_id"), "k").agg(
        pl.col("n_band_corr").sum().alias("s_band_corr_30"),
        pl.col("n").sum().alias("s_out_n_30"),
        pl.col("usd").sum().alias("s_out_usd_30"),
        pl.col("male_sender").any().alias("s_male"),
    )


def _sender_90(p90: pl.LazyFrame, hubs: pl.LazyFrame) -> tuple[pl.LazyFrame, pl.LazyFrame]:
    """Sender side, 90 days: distinct unrelated receivers, corridor payments, hubs paid.

    Also returns the 90-day pair-buckets marked `to_hub` (those that count), which the
    chain feature (`_forwards`) reads.
    """
    p90_hub = (
        p90.join(hubs, on=["receiver_id", "k"], how="left")
        .with_columns(pl.col("to_hub").fill_null(False))
        .filter(
            (pl.col("n_band_corr") > 0)
            | pl.col("to_hub")
            | (pl.col("n_ancillary") > 0)
            | (pl.col("n_to_minor") > 0)
        )
    )
    corr90 = pl.col("n_band_corr") > 0
    send90 = p90_hub.group_by(pl.col("sender_id").alias("account_id"), "k").agg(
        pl.col("receiver_id")
        .filter(corr90 & ~pl.col("related"))
        .n_unique()
        .cast(pl.Int32)
        .alias("s_unrelated_receivers_90"),
        pl.col("receiver_id")
        .filter(corr90 & pl.col("related"))
        .n_unique()
        .cast(pl.Int32)
        .alias("s_related_receivers_90"),
        pl.col("n_band_corr").sum().alias("s_band_corr_90"),
        pl.col("n_peak_corr").sum().alias("s_peak_corr_90"),
        pl.col("n_night_corr").sum().alias("s_night_corr_90"),
        pl.col("n_round_corr").sum().alias("s_round_corr_90"),
        pl.col("n_memo").sum().alias("s_memo_90"),
        pl.col("n_ancillary").sum().alias("s_ancillary_90"),
        pl.col("receiver_id")
        .filter(pl.col("to_hub") & (pl.col("n_band_corr") > 0))
        .n_unique()
        .cast(pl.Int32)
        .alias("net_hub_receivers_90"),
        pl.col("n_crypto").filter(pl.col("to_hub")).sum().alias("net_crypto_to_hub_90"),
    )
    return send90, p90_hub


def _sender_180(p180: pl.LazyFrame) -> pl.LazyFrame:
    """Sender side, 180 days: corridor and travel payments, the longest corridor pair."""
    return p180.group_by(pl.col("sender_id").alias("account_id"), "k").agg(
        pl.col("n_band_corr").sum().alias("s_band_corr_180"),
        pl.col("n_travel").sum().alias("s_travel_180"),
        # Item 2: long-lived edges with repeated in-band payments.
        ((pl.col("last_day") - pl.col("first_day")).filter(pl.col("n_band_corr") > 0).max()).alias(
            "s_max_pair_span_180"
        ),
    )


def _sextortion_bursts(pairs: pl.LazyFrame) -> pl.LazyFrame:
    """FSEC (item 13): a minor's payments to a new payee, >= 2 within 72 h, then silence.

    One row per such pair over its history. FATF: totals "rarely exceed" EUR 1,500 (kept
    as a bound); payments "often start below" EUR 250 (often, not always: not required,
    victims who start higher are still victims).
    """
    return (
        pairs.group_by(*PAIR_KEYS)
        .agg(
            pl.col("minor_sender").any(),
            pl.col("male_sender").any(),
            pl.col("related").any(),
            pl.col("cross_border").any(),
            pl.col("concern_jurisdiction").any(),
            pl.col("merchant_payment").any(),
            pl.col("n").sum().alias("pair_n"),
            pl.col("usd").sum().alias("pair_usd"),
            pl.col("n_named").sum().alias("pair_named"),
            pl.col("n_pretext").sum().alias("pair_pretext"),
            pl.col("first_day").min(),
            pl.col("last_day").max(),
            pl.col("first_usd").sort_by("first_day").first(),
            pl.col("bucket").max().alias("bucket"),
        )
        .filter(
            pl.col("minor_sender")
            & ~pl.col("merchant_payment")
            # A burst naming the product bought (purchases.py: game currency, lessons) with
            # no cover word or handle is a purchase from a person, as a merchant payment is
            # from a shop; no extorted payment in the held-out files names a product.
            & ~((pl.col("pair_named") >= 1) & (pl.col("pair_pretext") == 0))
            & (pl.col("pair_n") >= 2)
            & (pl.col("last_day") - pl.col("first_day") <= 3)
            & (pl.col("pair_usd") <= FSEC_TOTAL_MAX_USD)
        )
    )


def _sextortion(
    fsec: pl.LazyFrame, moved: pl.LazyFrame, unseen: pl.DataFrame, w180: int, checkpoints: int
) -> tuple[pl.LazyFrame, pl.LazyFrame, pl.LazyFrame]:
    """The victim's burst features, the mule's victims over 180 days, and payments to a
    mule (a receiver of two or more victims that moves money on), from `_sextortion_bursts`.

    `moved` (`moved_on_share`): a payee of bursts that kept what it was paid is a shop, a
    reseller or a friend, not a mule (`MULE_MOVED_SHARE`); its payers' bursts are judged on
    their own indicators. `unseen` (`visibility.unseen_payees`): payees whose outgoing
    payments the input cannot show; for them the other victims alone make the mule.
    """
    fsec_k = windowed(fsec, 1, checkpoints)
    # The burst's own corroborating indicators (FinCEN FIN-2025-NTC2 red flag: a series of
    # payments over a short time to a recipient in a jurisdiction of concern with no personal
    # connection; victims mostly boys of 14-17; FATF: payments often start below EUR 250).
    fsec_sender = fsec_k.group_by(pl.col("sender_id").alias("account_id"), "k").agg(
        pl.len().cast(pl.Int32).alias("s_minor_burst_payees"),
        (pl.col("concern_jurisdiction") & ~pl.col("related"))
        .sum()
        .cast(pl.Int32)
        .alias("s_minor_burst_abroad"),
        pl.col("male_sender").sum().cast(pl.Int32).alias("s_minor_burst_boy"),
        (pl.col("first_usd") < FSEC_FIRST_MAX_USD)
        .sum()
        .cast(pl.Int32)
        .alias("s_minor_burst_low_start"),
    )
    # A mule collects victims over months: count them over the 180-day window.
    fsec_receiver = (
        windowed(fsec, w180, checkpoints)
        .group_by(pl.col("receiver_id").alias("account_id"), "k")
        .agg(pl.col("sender_id").n_unique().cast(pl.Int32).alias("r_minor_burst_victims"))
        .join(moved, on=["account_id", "k"], how="left")
        .with_columns(
            pl.col("r_moved_on_share_180").fill_null(0.0),
            # visibility.py: a payee abroad the input never shows as a payer (another
            # institution's customer): whether it moved the money on cannot be seen.
            pl.col("account_id").is_in(unseen["account_id"].implode()).alias("r_outflows_unseen"),
        )
    )
    mules = fsec_receiver.filter(
        (pl.col("r_minor_burst_victims") >= 2)
        & ((pl.col("r_moved_on_share_180") >= MULE_MOVED_SHARE) | pl.col("r_outflows_unseen"))
    ).select(pl.col("account_id").alias("receiver_id"))
    # A payee that is a mule at any checkpoint of the observed history (as calendar rhythm
    # and recurring buys are judged over it) corroborates every victim's burst to it: the
    # first victim paid before the payee had taken a second victim's burst, and has no
    # later checkpoint of its own (a victim goes silent, item 13). The payee's other
    # victims are the evidence independent of the burst (typologies: `S19`-`S21` are the
    # burst's own shape). Incremental runs see the stored 200 days only.
    fsec_to_mule = (
        windowed(fsec, w180, checkpoints)
        .join(mules, on="receiver_id", how="semi")
        .group_by(pl.col("sender_id").alias("account_id"), "k")
        .agg(pl.len().cast(pl.Int32).alias("net_pays_sextortion_mule"))
    )
    return fsec_sender, fsec_receiver, fsec_to_mule


def recurring_crypto_pairs(pairs: pl.LazyFrame) -> pl.LazyFrame:
    """(sender_id, receiver_id) of pairs that buy one fixed sum in crypto again and again.

    Buying a fixed sum of crypto on a schedule (a recurring buy, dollar-cost averaging at
    an exchange) is a savings plan, as a fixed monthly sum in fiat is a standing order
    (`standing_order`; research note (d): crypto users among the hard negatives). A
    pay-per-view purchase is paid per session at prices that vary (AUSTRAC case: A$20-80
    each; research note T1: USD 15-100). A pair paying one sum (within
    `FIXED_AMOUNT_TOLERANCE`) `RECURRING_BUY_PAYMENTS` or more times over its observed
    history (batch: the input; incremental: the stored 200 days) counts towards no crypto
    rule (`S22`, `S23`, `R12`, `R13`). A checkout paid a fixed price three times by the same
    buyer is the cost: its other buyers still count.
    """
    return (
        pairs.filter(pl.col("n_crypto") > 0)
        .group_by(*PAIR_KEYS)
        .agg(
            pl.col("n_crypto").sum().alias("_n"),
            pl.col("crypto_min_usd").min().alias("_low"),
            pl.col("crypto_max_usd").max().alias("_high"),
        )
        .filter(
            (pl.col("_n") >= RECURRING_BUY_PAYMENTS) & fixed_amount(pl.col("_low"), pl.col("_high"))
        )
        .select(*PAIR_KEYS)
    )


def _crypto(pairs: pl.LazyFrame, w90: int, checkpoints: int) -> tuple[pl.LazyFrame, pl.LazyFrame]:
    """CVC (T6; FinCEN FIN-2021-NTC3, FATF 2025): shared low-value addresses and payers.

    An address that several unrelated senders pay in the USD 10-200 band within 90 days
    and whose income is almost all such payments (a pay-per-view checkout). A personal or
    exchange deposit address has one payer; a shared service address takes amounts of
    every size, so its in-band share is lower. Receiver side, then sender side.
    """
    # Addresses that sweep into one another are one payee (crypto_entities.py): their payers
    # are counted together, and the sweeps between them are the owner's own transfers.
    entities = crypto_entities(pairs, CRYPTO_ONLY_SHARE)
    crypto90 = windowed(
        _as_entities(
            pairs.filter(pl.col("n_crypto") > 0)
            .join(recurring_crypto_pairs(pairs), on=list(PAIR_KEYS), how="anti")
            .select(*PAIR_KEYS, "bucket", "n_crypto", "n_crypto_band", "n_crypto_pattern"),
            entities,
        ),
        w90,
        checkpoints,
    )
    crypto_recv = crypto90.group_by(pl.col("receiver_id").alias("account_id"), "k").agg(
        pl.col("sender_id")
        .filter(pl.col("n_crypto_band") > 0)
        .n_unique()
        .cast(pl.Int32)
        .alias("r_crypto_senders_90"),
        (pl.col("n_crypto_band").sum() / pl.col("n_crypto").sum()).alias("r_crypto_band_share_90"),
        pl.col("n_crypto_pattern").sum().cast(pl.Int32).alias("r_crypto_pattern_90"),
        pl.col("n_crypto").sum().alias("r_crypto_in_n_90"),
    )
    # What else the address takes: a checkout address takes crypto only; a person's account
    # that fans or friends also tip in crypto takes fiat too (transfers, platform payouts).
    crypto_receivers = pairs.filter(pl.col("n_crypto") > 0).select("receiver_id").unique()
    inbound_all = (
        windowed(
            _as_entities(
                pairs.join(crypto_receivers, on="receiver_id", how="semi").select(
                    *PAIR_KEYS, "bucket", "n"
                ),
                entities,
            ),
            w90,
            checkpoints,
        )
        .group_by(pl.col("receiver_id").alias("account_id"), "k")
        .agg(pl.col("n").sum().alias("in_all_n"))
    )
    crypto_recv = (
        crypto_recv.join(inbound_all, on=["account_id", "k"], how="left")
        .with_columns(
            (pl.col("r_crypto_in_n_90") / pl.col("in_all_n"))
            .fill_null(0.0)
            .alias("r_crypto_only_share_90")
        )
        .drop("in_all_n")
    )
    # A public service's pooled address (pooled.py: an audience of one-off payers) is no
    # checkout: it makes no shared address (S22, S23) and does not alert as one (R12, R13).
    pooled = pooled_addresses(crypto90, checkpoints)
    crypto_recv = crypto_recv.join(
        pooled.select(pl.col("receiver_id").alias("account_id"), "k", r_crypto_pooled=pl.lit(True)),
        on=["account_id", "k"],
        how="left",
    ).with_columns(pl.col("r_crypto_pooled").fill_null(False))
    shared_addresses = crypto_recv.filter(
        (pl.col("r_crypto_senders_90") >= CRYPTO_SHARED_SENDERS)
        & (pl.col("r_crypto_band_share_90") >= CRYPTO_BAND_SHARE)
        & (pl.col("r_crypto_only_share_90") >= CRYPTO_ONLY_SHARE)
        & ~pl.col("r_crypto_pooled")
    ).select(pl.col("account_id").alias("receiver_id"), "k")
    crypto_send = (
        crypto90.filter(pl.col("n_crypto_band") > 0)
        .join(shared_addresses, on=["receiver_id", "k"], how="inner")
        .group_by(pl.col("_payer").alias("account_id"), "k")
        .agg(
            pl.col("n_crypto_band").sum().cast(pl.Int32).alias("net_crypto_shared_90"),
            pl.col("n_crypto_pattern").sum().cast(pl.Int32).alias("net_crypto_pattern_90"),
        )
    )
    return _per_address(crypto_recv, entities), crypto_send


def _as_entities(rows: pl.LazyFrame, entities: pl.LazyFrame) -> pl.LazyFrame:
    """Pair rows with each crypto address replaced by its entity (crypto_entities.py).

    The payer's own id is kept as `_payer` (a payer is judged as itself); rows between two
    addresses of one entity (its sweeps) are dropped."""
    sender_entity = entities.rename({"address": "sender_id", "entity": "_sender_entity"})
    receiver_entity = entities.rename({"address": "receiver_id", "entity": "_receiver_entity"})
    return (
        rows.join(sender_entity, on="sender_id", how="left")
        .join(receiver_entity, on="receiver_id", how="left")
        .with_columns(
            pl.col("sender_id").alias("_payer"),
            pl.coalesce("_sender_entity", "sender_id").alias("sender_id"),
            pl.coalesce("_receiver_entity", "receiver_id").alias("receiver_id"),
        )
        .filter(pl.col("sender_id") != pl.col("receiver_id"))
        .drop("_sender_entity", "_receiver_entity")
    )


def _per_address(entity_rows: pl.LazyFrame, entities: pl.LazyFrame) -> pl.LazyFrame:
    """An entity's receiver figures given to each of its addresses, with their number."""
    sizes = entities.group_by("entity").agg(pl.len().cast(pl.Int32).alias("r_crypto_addresses"))
    members = entities.join(sizes, on="entity").rename({"entity": "account_id"})
    spread = (
        entity_rows.join(members, on="account_id", how="inner")
        .with_columns(pl.col("address").alias("account_id"))
        .drop("address")
    )
    alone = entity_rows.join(members, on="account_id", how="anti").with_columns(
        pl.lit(1, dtype=pl.Int32).alias("r_crypto_addresses")
    )
    return pl.concat([spread, alone], how="diagonal")


def _shared_senders(p90: pl.LazyFrame, send90: pl.LazyFrame) -> pl.LazyFrame:
    """Network (T3): a receiver's senders who also pay other corridor receivers."""
    multi = send90.filter(pl.col("s_unrelated_receivers_90") >= 2).select(
        pl.col("account_id").alias("sender_id"), "k", pl.lit(True).alias("multi")
    )
    return (
        p90.filter(pl.col("n_band_corr") > 0)
        .join(multi, on=["sender_id", "k"], how="inner")
        .group_by(pl.col("receiver_id").alias("account_id"), "k")
        .agg(pl.col("sender_id").n_unique().cast(pl.Int32).alias("net_shared_senders_90"))
    )


def _forwards(p90_hub: pl.LazyFrame) -> pl.LazyFrame:
    """Chains: a receiver forwarding to a hub."""
    return (
        p90_hub.filter(pl.col("to_hub"))
        .group_by(pl.col("sender_id").alias("account_id"), "k")
        .agg(pl.col("receiver_id").n_unique().cast(pl.Int32).alias("net_forwards_to_hub_90"))
    )


def _assemble(
    p30: pl.LazyFrame, frames: list[pl.DataFrame], anchor_day: int, step: int
) -> pl.DataFrame:
    """Left-join every feature table onto the accounts active in each checkpoint's 30 days.

    Missing counts are 0 and missing flags False; shares are computed last. Integer account
    codes (the batch path) are joined on one 64-bit key, account and checkpoint together:
    some twenty joins on two columns were a third of the feature time.
    """
    keys = ["account_id", "k"]
    sides = p30.select(
        pl.col("sender_id").alias("account_id"), pl.col("receiver_id").alias("_receiver"), "k"
    ).collect()
    out = _dense_assemble(sides, frames) if sides.schema["account_id"].is_integer() else None
    if out is None:
        active = pl.concat(
            [sides.select(keys), sides.select(pl.col("_receiver").alias("account_id"), "k")]
        ).unique()
        out = active
        if out.schema["account_id"].is_integer():
            out = out.with_columns(_account_key())
            frames = [frame.with_columns(_account_key()).drop(keys) for frame in frames]
            keys = [ACCOUNT_KEY]
        for frame in frames:
            out = out.join(frame, on=keys, how="left")
        out = out.drop(ACCOUNT_KEY, strict=False)
    schema = out.schema
    out = out.with_columns(
        pl.col(c).fill_null(False) if schema[c] == pl.Boolean else pl.col(c).fill_null(0)
        for c in schema.names()
        if c not in ("account_id", "k")
    )
    return out.with_columns(
        (anchor_day - pl.col("k") * step).alias("checkpoint_day"),
        _share("s_night_corr_90", "s_band_corr_90").alias("s_night_share_90"),
        _share("s_round_corr_90", "s_band_corr_90").alias("s_round_share_90"),
        _share("r_night_corr_90", "r_band_corr_90").alias("r_night_share_90"),
        _share("r_round_corr_90", "r_band_corr_90").alias("r_round_share_90"),
    )


# Largest (account code x checkpoint) grid `_dense_assemble` allocates (4 bytes a slot).
DENSE_GRID_MAX = 50_000_000


def _dense_assemble(sides: pl.DataFrame, frames: list[pl.DataFrame]) -> pl.DataFrame | None:
    """`_assemble`'s left joins without hashing, for integer account codes.

    Codes (0..n-1, pipeline.code_accounts) and checkpoints (0..c-1) make a dense grid, so
    (account, k) is a slot number: the active rows are the marked slots, in slot order, and
    a frame's row for each active row is read from a slot -> row array (a gather), where
    twenty-odd hash joins of 0.8M rows were most of the assembly time. The same rows and
    values as the joins; None (use the joins) when the grid would be large or a frame has
    two rows for one slot (a join would repeat the active row).
    """
    tops = sides.select(
        pl.col("k").max().fill_null(0).cast(pl.Int64),
        pl.max_horizontal(pl.col("account_id").max(), pl.col("_receiver").max())
        .fill_null(0)
        .cast(pl.Int64),
    ).row(0)
    checkpoints, accounts = int(tops[0]) + 1, int(tops[1]) + 1
    size = accounts * checkpoints
    if size > DENSE_GRID_MAX or any(
        frame.schema["account_id"] != sides.schema["account_id"] for frame in frames
    ):
        return None

    def slot(account: str) -> pl.Expr:
        return pl.col(account).cast(pl.Int64) * checkpoints + pl.col("k").cast(pl.Int64)

    marked = pl.repeat(False, size, dtype=pl.Boolean, eager=True)
    marked = marked.scatter(sides.select(slot("account_id")).to_series(), True)
    marked = marked.scatter(sides.select(slot("_receiver")).to_series(), True)
    active = marked.arg_true()
    out = pl.DataFrame(
        {
            "account_id": (active // checkpoints).cast(sides.schema["account_id"]),
            "k": (active % checkpoints).cast(sides.schema["k"]),
        }
    )
    columns = out.get_columns()
    for frame in frames:
        # A row outside the grid (an account or checkpoint no active row has) matches none.
        inside = frame.select(slot("account_id").is_between(0, size - 1)).to_series()
        if not inside.all():
            frame = frame.filter(inside)
        slots = frame.select(slot("account_id")).to_series()
        if slots.sort().diff().eq(0).any():
            return None
        row_of = pl.repeat(None, size, dtype=pl.UInt32, eager=True)
        row_of = row_of.scatter(slots, pl.int_range(frame.height, dtype=pl.UInt32, eager=True))
        rows = row_of.gather(active)
        columns.extend(
            frame.get_column(name).gather(rows)
            for name in frame.columns
            if name not in ("account_id", "k")
        )
    return pl.DataFrame(columns)


def _account_key() -> pl.Expr:
    """One unsigned 64-bit join key from an integer account code and a checkpoint."""
    account = pl.col("account_id").cast(pl.UInt64) * (1 << 32)
    return (account + pl.col("k").cast(pl.UInt64)).alias(ACCOUNT_KEY)


def _share(part: str, whole: str) -> pl.Expr:
    return (pl.col(part) / pl.col(whole)).fill_nan(0.0).fill_null(0.0)


FEATURE_COLUMNS: tuple[str, ...] = (
    "r_foreign_senders_30", "r_sender_countries_30", "r_minor_senders_30", "r_band_corr_30",
    "r_foreign_senders_90", "r_band_corr_90", "r_memo_90", "r_in_n_90",
    "r_from_adults_to_minor_90", "r_band_corr_180", "r_night_share_90", "r_round_share_90",
    "s_band_corr_30", "s_out_n_30", "s_out_usd_30", "s_unrelated_receivers_90",
    "s_related_receivers_90", "s_band_corr_90", "s_peak_corr_90", "s_memo_90",
    "s_ancillary_90", "s_to_minor_90", "s_band_corr_180", "s_travel_180",
    "s_max_pair_span_180", "s_minor_burst_payees", "r_minor_burst_victims",
    "s_night_share_90", "s_round_share_90", "cashout_share_90", "in_usd_90",
    "net_hub_receivers_90", "net_crypto_to_hub_90", "net_shared_senders_90",
    "net_forwards_to_hub_90",
    "net_pays_sextortion_mule", "r_repeat_senders_90", "s_max_pair_band_90", "s_repeat_payees_90",
    "net_repeat_hubs_90", "net_flagged_payees_90", "net_flagged_pattern_90",
    "s_minor_burst_abroad", "s_minor_burst_boy", "s_minor_burst_low_start",
    "r_crypto_senders_90", "r_crypto_band_share_90", "r_crypto_pattern_90",
    "net_crypto_shared_90", "net_crypto_pattern_90", "r_crypto_only_share_90",
    "r_platform_payouts_90", "r_low_senders_30", "r_low_countries_30",
    "r_minor_pattern_90", "s_to_minor_pattern_90", "net_hub_device_90",
    "r_pattern_90", "r_pattern_senders_90", "r_returning_senders_90",
    "net_corroborated_hubs_90", "r_moved_on_share_180", "r_crypto_addresses",
)  # fmt: skip
# The "no pair/network" baseline drops counterparty structure: distinct counterparties,
# pair spans, neighbourhood features, cash-out matching.
PAIR_NETWORK_COLUMNS: frozenset[str] = frozenset(
    c
    for c in FEATURE_COLUMNS
    if c.startswith("net_")
    or "senders" in c
    or "receivers" in c
    or c in {"s_max_pair_span_180", "s_max_pair_band_90", "s_repeat_payees_90",
             "s_minor_burst_payees", "r_minor_burst_victims", "s_minor_burst_abroad",
             "s_minor_burst_boy", "s_minor_burst_low_start",
             "cashout_share_90", "r_sender_countries_30", "r_crypto_band_share_90",
             "r_crypto_pattern_90", "r_crypto_only_share_90",
             "r_low_countries_30", "r_moved_on_share_180", "r_crypto_addresses"}
)  # fmt: skip
