"""Organisations and spending: hard negatives told apart by principle (charities, businesses).

The OSAEC indicators describe *private persons*: a facilitator who takes many small foreign
payments and cashes them out promptly (research items 5 and 12), and consumers who pay such
a person again and again (item 2). Two benign look-alikes named by the research note (d)
("charity"; businesses paid by many customers) meet the counts of those indicators without
their substance. This module tells them apart by what the indicators mean, not by numbers
fitted to one data set:

- **Cash-out is not spending** (item 12: "prompt MSB pickup or e-wallet cash-out", plus
  withdrawals). A payment with a merchant category, or to an account that acts as a
  merchant (most of its credits are purchases from several payers), is spending on goods
  or suppliers; it does not count as money "leaving within 48 hours" (`cash_out_rows`).
- **An organisation is not a facilitator** (`organisations`): a receiver is treated as an
  organisation (a charity or a business) at a checkpoint when, over the 90-day window,
  1. very many distinct accounts pay it (`ORG_MIN_PAYERS`), far more than a household;
  2. most of them (two in three) pay at most once per 30 days (`ORG_ONCE_SHARE`): one-off
     gifts, a monthly pledge or a few gifts a year, not the repeated sessions of item 2
     ("approximately twice a day");
  3. it spends rather than cashes out: most of its outgoing value goes to merchants
     (`ORG_SPEND_SHARE`), or it sends nothing on at all, or it pays out to many distinct
     people (`ORG_MIN_RECIPIENTS`: relief, grants, wages), where a facilitator's cash-out
     goes to itself, a few household accounts or a boss (research note T2, T3);
  4. and it looks like an organisation's donations rather than sessions: (a) its
     low-value corridor credits are mostly sent in the senders' daytime (FATF's indicator
     is "late at night or early morning"), or (b) many of its credits carry charity
     vocabulary (`CHARITY_WORDS`), or (c) its payers abroad are not the offenders' profile:
     a third or more of those whose sex is known are women (`ORG_MIN_WOMEN_SHARE`; FINTRAC
     2020 and 2025, item 10: perpetrators are "almost always male"). Donors to a temple or
     a children's home are men and women alike, and they give in their evening as often as
     by day, in their own language: (c) holds where (a) and (b) fail (held-out generator 8,
     3 Dec 2026: every temple and foundation alerted on main). Payers of unknown sex and
     domestic payers do not count, so an export without `sender_sex` gains nothing from it.
     The vocabulary is *benign context only*, never enough on its own: AUSTRAC and FATF
     name "education" and "medical bills" as cover words, so a word list cannot clear
     anyone; it only counts together with signs 1-3. So is the payers' sex.

  **An organisation is a customer, not a window** (as an audience, audience.py): a
  receiver that is one in `ORG_STANDING_WINDOWS` or more 90-day windows of its observed
  history is one at every checkpoint. A window at the edge of the data holds part of its
  donors and payouts, and a quarter in which donors gave twice more often than usual says
  nothing new about what the receiver is; judged there as a private person, a charity
  meets a hub's counts.

  An organisation is treated like a platform seller (`typologies.NOT_SELLER`): the fan-in,
  cash-out, common-beneficiary and inbound-shape rules, which judge activity against what
  is expected of a private person, do not apply to it, and it is no hub, common
  beneficiary or flagged beneficiary whose payers inherit evidence (`S7`, `S8`, `S16`,
  `S17`, `S18`). Its payers' own evidence (several receivers, night payments, minors)
  still counts.

The thresholds are our design choices written down from those principles (a household is a
handful of people; "at most once a month" is the remittance/pledge rhythm of the research
note (d)); they are not published figures.
"""

from __future__ import annotations

from typing import TypeVar

import polars as pl

from jaga.finance.standing import standing

FrameT = TypeVar("FrameT", pl.DataFrame, pl.LazyFrame)

# Distinct payers in 90 days that make a receiver "paid by very many": an order of magnitude
# above a family (research note (d): diaspora senders have 1-3 receivers, households 2-6).
ORG_MIN_PAYERS = 25
# Share of those payers paying at most once in every 30-day bucket (a one-off gift or a
# monthly pledge): pay-per-view buyers pay per session, several times a month (item 2).
# Two in three, as for an audience (audience.AUDIENCE_ONCE_SHARE): donors who give a few
# times a year (quarterly, at festivals) now and then give twice in one 30-day bucket,
# which at 0.8 made a temple with 50 such donors fail in most windows (gen 8, 3 Dec 2026).
ORG_ONCE_SHARE = 2 / 3
# Share of outgoing value paid to merchants (goods, suppliers) that makes it spending.
ORG_SPEND_SHARE = 0.5
# Distinct accounts it pays on (not merchants) in 90 days that make its outflow a payout to
# many (relief, grants, wages) rather than a cash-out: the research note's facilitator moves
# money to itself (MSB pickup, e-wallet cash-out) or to "2-6 linked household accounts" (T2)
# and a boss (T3), so well above a household. Our design choice, not a published figure.
ORG_MIN_RECIPIENTS = 10
# Low-value corridor credits sent at the senders' night (21:00-04:00, a third of the day):
# at most this share is daytime giving; FATF's indicator is the opposite, "late at night".
ORG_MAX_NIGHT_SHARE = 0.3
# Share of all credits with charity vocabulary in the memo that counts as charity context.
ORG_CHARITY_SHARE = 0.25
# Payers abroad of known sex, and the share of women among them, that make a payer base
# other than the offenders' profile (sign 4c): FINTRAC, perpetrators "almost always male"
# (research item 10). Our reading: at most one customer in ten a woman; among 10 or more
# such payers, a third or more women then has a chance under 2% (binomial), while donors
# to a temple or a children's home are men and women alike. Design choices, not published.
ORG_MIN_KNOWN_SEX = 10
ORG_MIN_WOMEN_SHARE = 1 / 3
# 90-day windows in which a receiver is an organisation that make it one at every checkpoint
# (as audience.STANDING_MIN_WINDOWS: a property of the customer, not of one window).
ORG_STANDING_WINDOWS = 2
# An account most of whose credits (by count) are purchases, from this many payers or more,
# acts as a merchant: payments to it are spending even without a merchant category.
MERCHANT_PURCHASE_SHARE = 0.5
MERCHANT_MIN_PAYERS = 5

# Charity and donation vocabulary (English; Filipino/Tagalog/Cebuano; Bahasa Indonesia and
# Malay), matched on word boundaries of the lower-cased memo. Deliberately left out: words
# for "help", "school", "education", "medical" (e.g. "tulong", "hinabang", "bantuan"),
# which AUSTRAC and FATF list as cover descriptions; the list is benign context only.
CHARITY_WORDS: tuple[str, ...] = (
    # English
    "donation", "donations", "donate", "donated", "pledge", "monthly pledge", "relief",
    "relief goods", "typhoon relief", "flood relief", "fund", "fundraiser", "fundraising",
    "scholarship fund", "mission", "medical mission", "charity", "charitable", "tithe",
    "tithes", "offering", "feeding program", "outreach", "sponsor a child", "zakat",
    # Filipino / Tagalog / Cebuano
    "abuloy", "ambag", "donasyon", "kawanggawa", "bayanihan", "handog",
    # Bahasa Indonesia / Malay
    "donasi", "sumbangan", "derma", "amal", "sedekah", "infaq", "infak", "sadaqah",
)  # fmt: skip
CHARITY_PATTERN = (
    r"\b("
    + "|".join(sorted((w.replace(" ", r"\s+") for w in CHARITY_WORDS), key=len, reverse=True))
    + r")\b"
)


def charity_memo(memo: pl.Expr) -> pl.Expr:
    """Whether a memo carries charity or donation vocabulary (`CHARITY_WORDS`)."""
    return memo.str.contains("(?i)" + CHARITY_PATTERN).fill_null(False)


def merchant_accounts(tx: FrameT) -> FrameT:
    """`receiver_id` of accounts acting as merchants: most credits are purchases, 5+ payers."""
    return (
        tx.group_by("receiver_id")
        .agg(
            pl.col("purchase").mean().alias("_share"),
            pl.col("sender_id").filter(pl.col("purchase")).n_unique().alias("_payers"),
        )
        .filter(
            (pl.col("_share") >= MERCHANT_PURCHASE_SHARE)
            & (pl.col("_payers") >= MERCHANT_MIN_PAYERS)
        )
        .select("receiver_id")
    )


def cash_out_rows(tx: FrameT) -> FrameT:
    """The payments that can be a cash-out (item 12): not purchases, not to a merchant.

    `tx` is enriched (`purchase`: a merchant category other than gift cards; a gift card
    stays, since victims are told to buy them). Paying a merchant or a supplier is spending.
    """
    return tx.filter(~pl.col("purchase")).join(merchant_accounts(tx), on="receiver_id", how="anti")


def organisation_signs(pairs: pl.LazyFrame, w90: int, checkpoints: int) -> pl.LazyFrame:
    """The signs of `organisations` per broad receiver and checkpoint, before the test.

    One row per (receiver_id, k) with `ORG_MIN_PAYERS` or more payers in the 90-day window:
    `payers`, `once_share`, `night_share`, `charity_share`, `known_sex`, `women_share`,
    `spend` and `recipients` (null when it sent nothing on).
    """
    # Imported here: `features` calls this module while it is being built.
    from jaga.finance.features import windowed

    breadth = (
        pairs.group_by("receiver_id")
        .agg(pl.col("sender_id").n_unique().alias("_payers"))
        .filter(pl.col("_payers") >= ORG_MIN_PAYERS)
        .select("receiver_id")
    )
    inbound = windowed(
        pairs.join(breadth, on="receiver_id", how="semi").select(
            "sender_id",
            "receiver_id",
            "bucket",
            "n",
            "n_band_corr",
            "n_night_corr",
            "n_charity",
            "cross_border",
            "male_sender",
            "female_sender",
        ),
        w90,
        checkpoints,
    )
    per_payer = inbound.group_by("receiver_id", "sender_id", "k").agg(
        pl.col("n").max().alias("peak"),
        pl.col("n").sum(),
        pl.col("n_band_corr").sum(),
        pl.col("n_night_corr").sum(),
        pl.col("n_charity").sum(),
        pl.col("cross_border").any(),
        pl.col("male_sender").any(),
        pl.col("female_sender").any(),
    )
    # Payers abroad whose sex is known, and the women among them (sign 4c).
    known = pl.col("cross_border") & (pl.col("male_sender") | pl.col("female_sender"))
    women = known & pl.col("female_sender") & ~pl.col("male_sender")
    received = (
        per_payer.group_by("receiver_id", "k")
        .agg(
            pl.len().alias("payers"),
            (pl.col("peak") <= 1).mean().alias("once_share"),
            (pl.col("n_night_corr").sum() / pl.col("n_band_corr").sum())
            .fill_nan(0.0)
            .alias("night_share"),
            (pl.col("n_charity").sum() / pl.col("n").sum()).alias("charity_share"),
            known.sum().alias("known_sex"),
            (women.sum() / known.sum()).fill_nan(0.0).alias("women_share"),
        )
        .filter(pl.col("payers") >= ORG_MIN_PAYERS)
    )
    # Where its money goes: merchants (purchases, or accounts most of whose credits are
    # purchases from several payers) or elsewhere.
    merchants = (
        pairs.group_by("receiver_id")
        .agg(
            (pl.col("n").filter(pl.col("purchase")).sum() / pl.col("n").sum()).alias("_share"),
            pl.col("sender_id").filter(pl.col("purchase")).n_unique().alias("_payers"),
        )
        .filter(
            (pl.col("_share") >= MERCHANT_PURCHASE_SHARE)
            & (pl.col("_payers") >= MERCHANT_MIN_PAYERS)
        )
        .select("receiver_id", pl.lit(True).alias("_merchant"))
    )
    spent = (
        windowed(
            pairs.join(breadth.rename({"receiver_id": "sender_id"}), on="sender_id", how="semi")
            .join(merchants, on="receiver_id", how="left")
            .select(
                pl.col("sender_id").alias("receiver_id"),
                pl.col("receiver_id").alias("_to"),
                "bucket",
                "usd",
                (pl.col("purchase") | pl.col("_merchant").fill_null(False)).alias("_spend"),
            ),
            w90,
            checkpoints,
        )
        .group_by("receiver_id", "k")
        .agg(
            (pl.col("usd").filter(pl.col("_spend")).sum() / pl.col("usd").sum()).alias("spend"),
            pl.col("_to").filter(~pl.col("_spend")).n_unique().alias("recipients"),
        )
    )
    return received.join(spent, on=["receiver_id", "k"], how="left")


def organisations(pairs: pl.LazyFrame, w90: int, checkpoints: int) -> pl.LazyFrame:
    """(receiver_id, k) of receivers that are organisations over the 90-day window.

    `pairs` is the pair-bucket table (`features.pair_buckets`, with `n_charity`).
    """
    windows = (
        organisation_signs(pairs, w90, checkpoints)
        .filter(
            pl.col("once_share").ge(ORG_ONCE_SHARE)
            # Sends nothing on, spends most of it (no cash-out), or pays it out to many
            # people (grants, relief, payroll), not to the facilitator's own few accounts.
            & (
                pl.col("spend").fill_null(1.0).fill_nan(1.0).ge(ORG_SPEND_SHARE)
                | pl.col("recipients").fill_null(0).ge(ORG_MIN_RECIPIENTS)
            )
            & (
                (pl.col("night_share") <= ORG_MAX_NIGHT_SHARE)
                | (pl.col("charity_share") >= ORG_CHARITY_SHARE)
                | (
                    (pl.col("known_sex") >= ORG_MIN_KNOWN_SEX)
                    & (pl.col("women_share") >= ORG_MIN_WOMEN_SHARE)
                )
            )
        )
        .select("receiver_id", pl.col("k").cast(pl.Int32))
    )
    # Standing: an organisation in 2+ windows of its observed history is one at every
    # checkpoint (module docstring, "An organisation is a customer").
    return pl.concat([windows, standing(windows, ORG_STANDING_WINDOWS, checkpoints)]).unique()
