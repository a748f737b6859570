"""Audiences: creators and streamers paid by many fans, told apart from facilitators.

A facilitator hub (research items 2, 5, 12; T2) and a creator or game streamer paid person
to person by a foreign audience meet the same counts: many foreign senders, small even
amounts at the senders' night, money withdrawn within days. The research note (d) names
"legitimate adult-creator and webcam payments" as hard negatives, and a creator paid
directly (e-wallet, P2P) has no platform payouts for `typologies.NOT_SELLER` to see. What
differs is *how the payers relate to the payee*:

1. **Breadth.** An audience is many foreign payers (`AUDIENCE_MIN_PAYERS` in 90 days), more
   than a household (the research note's diaspora families have 1-3 receivers; a
   facilitator's household 2-6 accounts).
2. **Most payers pay once, or once a month.** Fans tip once or twice and subscribers pay
   a fixed sum monthly; pay-per-view customers come back in sessions: "approximately twice
   a day" (AUSTRAC case, item 2), "2-30 payments/month in bursts" (T1). The research note
   puts about 30% of illicit payments outside a full pattern ("lone"), so a base of
   customers has most of its payers paying twice or more in some month; an audience has
   at least two in three paying at most once in every 30 days (`AUDIENCE_ONCE_SHARE`).
   Superfans who tip in several streams a month exist, but they are the minority.
3. **No disguise.** AUSTRAC and FATF report cover descriptions on OSAEC payments:
   "accommodation", "uniform", "medical bills", "family support", "education" (item 6).
   They disguise a payment for a person as family support; a fan tipping a creator has
   nothing to disguise and writes "tip", a handle or nothing. An audience has such words on
   at most `AUDIENCE_MAX_DISGUISE_SHARE` of its credits. The live-stream words of the
   lexicon ("show", "live", "cam", "private", "session") describe what fans pay for in
   earnest and are not a disguise (`LIVE_STREAM_WORDS`); they count for nothing here.

**Open audiences** (3 Dec 2026, branch f6-small). A small creator, or a creator seen from
a sending institution that sees only its own customers among her fans, has fewer than
`AUDIENCE_MIN_PAYERS` payers, and her loyal fans come back every month or more often, so
criteria 1 and 2 fail. Criterion 3 still tells her apart when her payers describe their
payments: a fan writes "tip", "for the show", a heart or a handle, and never a family
purpose, while the buyers of a facilitator who write memos disguise some of them as family
support (AUSTRAC 2024, FATF 2025, item 6; the research note's T1 memos "mixing cover words,
handles and empty memos"). A receiver is an open audience over a 90-day window when
`OPEN_MIN_PAYERS` or more foreign payers (more than a household's relatives abroad) paid it
`OPEN_MIN_DESCRIBED` or more credits that carry a memo, **none** of those credits carries a
family-support disguise, and at least half of the payers pay at most twice in every 30 days
(fans tip now and then; a base of buyers coming back in sessions, item 2, is no audience
whatever its memos say). If buyers disguised as few as one described payment in
five, fifteen described payments would all be plain with a chance of 0.8^15, about 3.5%.
Empty memos are no evidence either way: a receiver whose payers write nothing is judged as
before. What counts as a disguise is the published family-support purposes, so "gift"
(a present, what fans, partners and friends send openly) is not one, like the live-stream
words (`NOT_DISGUISE_WORDS`). The trade-off: a facilitator with ten or more foreign buyers
who all describe their payments without ever naming a family purpose (tips and handles
only) is judged on its payers' own evidence and its household links, like a large audience.

**Registered sellers** (3 Dec 2026, branch f6-acq). Acquirers and payment facilitators give
individuals merchant accounts: a tutor, a creator, an online seller is paid by card under a
declared merchant category (`features`: a payment with a category to a payee whose KYC has
a birth year is `to_registered_seller`; merchant_codes.py). Being a registered trade answers
what the breadth of criterion 1 guards against (relatives abroad, a household), so for a
receiver most of whose credits are paid so, two payers make a clientele
(`REGISTERED_MIN_PAYERS`; one payer is a pair, `open_pair`) and the memo evidence decides:
`OPEN_MIN_DESCRIBED` described credits, none disguised, half the payers paying at most twice
in every 30 days. A small seller takes months to show fifteen described payments, so for
such a receiver the test is also read over its whole observed history (batch: the input;
incremental: the stored 200 days), like the standing status below. A facilitator with a
payment link gains nothing from it while any of its buyers' memos carries a family-support
disguise; the cover words of the seller's own trade are no disguise (merchant_codes.py).

**Open audiences over the history** (3 Dec 2026, branch f6-gen11fix). A creator with a few
hundred loyal fans is paid by fewer than `OPEN_MIN_PAYERS` of them in any one 90-day window
(a fan tips in some months, not in all), so the window test above never holds, and she meets
the counts of a small hub: a handful of foreign men paying small even sums at night, some
of them again and again. Her fans accumulate over months, and so does the memo evidence:
the open test (`OPEN_MIN_PAYERS` foreign payers, `OPEN_MIN_DESCRIBED` described credits,
none of them disguised as a family purpose, half the payers paying at most twice in every
30 days) is also read over the receiver's whole observed history, as for registered
sellers. The longer the history, the stronger the evidence: a facilitator's buyers who
disguise one described payment in five leave all of sixty described payments plain with a
chance of 0.8^60, about 1 in 650,000; one disguised credit anywhere in the history (AUSTRAC
2024, FATF 2025, item 6) keeps a receiver out. The trade-off is the one of the open
audience: a facilitator whose ten or more foreign buyers never name a family purpose in
any memo over the whole history is judged on its payers' own evidence and household links.

An audience-funded receiver is treated like a platform seller or an organisation
(`typologies.NOT_SELLER`; `features` adds it to the sellers): the fan-in, cash-out,
common-beneficiary and inbound-shape rules, which judge activity against what is expected
of a private person, do not apply to it, and it is no hub or common beneficiary whose
payers inherit evidence (`S7`, `S16`, `S17`, `S25`). Its payers' own evidence (several
receivers, minors, travel, crypto) still counts. The limit: a facilitator whose buyers
mostly pay once a month or less, with no cover words, among 25+ payers, is judged by its
payers' evidence and its household links only.

Like a platform seller (business.py), being funded by an audience is a property of the
customer, not of a window: a window at the edge of the observed history holds only part of
the audience (a creator with 100 fans a quarter shows 20 in the first month), and a
creator judged there as a private person meets a facilitator's counts. A receiver that is
an audience in `STANDING_MIN_WINDOWS` or more 90-day windows of its observed history
(batch: the input; incremental: the stored 200 days) is one at every checkpoint.

**A clientele of men and women alike** (3 Dec 2026, branch f6-gen12fp). A guesthouse paid
person to person by travellers for rooms and pickups, a family's medical crowdfunding
campaign paid by well-wishers abroad, a children's home paid by its sponsors: each is paid
by dozens of foreign payers who describe their payments with the published cover words
("accommodation", "medical bills", "school fees", "uniforms": AUSTRAC 2024, FATF 2025, item
6) in earnest, and it hands the money on within days to a few people (its family, a
hospital bill paid in cash), so criteria 3 and the organisations' outflow sign fail, and
it meets a hub's counts. What no facilitator's customer base looks like is who pays:
FINTRAC 2020 and 2025 (research item 10) describe the perpetrators as "almost always
male", while guests, donors and sponsors are men and women alike. A receiver is such a
clientele when, over its observed history (batch: the input; incremental: the stored 200
days), `AUDIENCE_MIN_PAYERS` or more foreign fiat payers paid it (an order of magnitude
above a household, as criterion 1), `organisations.ORG_MIN_KNOWN_SEX` or more of them have
a known sex and a third or more of those are women (`organisations.ORG_MIN_WOMEN_SHARE`:
at one customer in ten a woman, a third or more among ten has a chance under 2%), and at
least half of the payers pay at most twice in every 30 days (`OPEN_CASUAL_SHARE`,
`OPEN_CASUAL_PEAK`, as for open audiences: a base of buyers coming back in sessions, item
2, is no clientele whatever their sex). It is the payer-sex reading of
`payer_profile.mixed_payer_bases` (which already keeps such a receiver from passing evidence on
to its payers) applied, with the breadth and casual-cadence signs, to its own receiver-side
rules. The limits: payers of unknown sex do not count, so an export without `sender_sex`
gains nothing; and a facilitator with 25+ payers abroad, a third of those of known sex
women, most paying at most twice a month, is judged by its payers' own evidence and its
household links (on held-out generators 1-8 and 12, 34 files, two planted receivers had
such a payer base, with 14 and 19 payers: neither is broad enough to be one).

The thresholds are design choices written down from those principles, not published figures.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from jaga.finance.memo_text import lexicon_pattern
from jaga.finance.organisations import ORG_MIN_KNOWN_SEX, ORG_MIN_WOMEN_SHARE
from jaga.finance.standing import at_every_checkpoint, standing

# Distinct foreign fiat payers in 90 days that make an audience: the organisations' breadth
# (organisations.ORG_MIN_PAYERS), an order of magnitude above a household.
AUDIENCE_MIN_PAYERS = 25
# Share of payers paying at most once in every 30-day bucket: two in three.
AUDIENCE_ONCE_SHARE = 2 / 3
# Share of credits carrying the published cover descriptions (a disguise): one in ten.
AUDIENCE_MAX_DISGUISE_SHARE = 0.1
# An open pair (`open_pair`): described payments over the pair's history, none disguised.
OPEN_PAIR_DESCRIBED = 10
# 90-day windows in which a receiver is an audience that make it one at every checkpoint.
STANDING_MIN_WINDOWS = 2
# Words of the cover lexicon that name a live stream or a session (indicators.py): what
# fans pay for, in earnest; not a disguise of the payment as family support.
LIVE_STREAM_WORDS: frozenset[str] = frozenset(
    ["show", "live", "cam", "vc", "video call", "private", "session", "new one"]
)
# Words of the lexicon that are no family-support purpose: the live-stream words and "gift"
# (a present; the published disguises are accommodation, uniform, medical bills, family
# support, education: AUSTRAC 2024, FATF 2025).
NOT_DISGUISE_WORDS: frozenset[str] = LIVE_STREAM_WORDS | {"gift"}
# Open audiences: foreign payers and described credits in 90 days, none disguised.
OPEN_MIN_PAYERS = 10
# ... or, for a seller with a declared trade (most credits paid to a person's merchant
# account: `features`, `to_registered_seller`), a clientele: two payers or more (one payer
# is a pair, judged by `open_pair`). Module docstring, "Registered sellers".
REGISTERED_MIN_PAYERS = 2
OPEN_MIN_DESCRIBED = 15
# ... and at least half of those payers pay at most twice in every 30 days: a base of buyers
# coming back in sessions (item 2: "approximately twice a day"; T1: bursts) is no audience
# whatever its memos say.
OPEN_CASUAL_PEAK = 2
OPEN_CASUAL_SHARE = 0.5


def open_pair(described: pl.Expr, disguised: pl.Expr) -> pl.Expr:
    """A payer->payee pair that pays openly: a fan or subscriber, not a buyer in sessions.

    The pair-level form of the open audience (module docstring): over the pair's observed
    history (batch: the input; incremental: the stored 200 days) the payer described
    `OPEN_PAIR_DESCRIBED` or more of its payments and never named a family purpose (item 6).
    A buyer who writes memos disguises some of them: at one described payment in five, ten
    would all be plain with a chance of 0.8^10, about 11%, and at the research note's
    mixture of cover words, handles and empty memos (held-out consumers: about a third of
    their payments carry a disguise) under 2%. Such a pair is no session pair and no
    returning buyer for the common-beneficiary rules (`features._repeat`: `R11`, `R11b`,
    `S16`, hub strength); its payments still count for everything else (`S1`, the habits,
    fan-in). `described`, `disguised`: the pair's counts over its history.
    """
    return (described >= OPEN_PAIR_DESCRIBED) & (disguised == 0)


def disguise_pattern(cover_words: Iterable[str]) -> str:
    """One regex for the cover words that disguise a payment (`NOT_DISGUISE_WORDS` left out),
    on the normalised memo (memo_text.py)."""
    return lexicon_pattern({w.lower() for w in cover_words} - NOT_DISGUISE_WORDS)


def _payer_counts(inbound: pl.LazyFrame, keys: tuple[str, ...]) -> pl.LazyFrame:
    """Per `keys` (a receiver and a window, or a receiver over its history): its payers, the
    shares of them paying at most once and at most `OPEN_CASUAL_PEAK` times in any 30-day
    bucket, and its credits, disguised, described and paid to its merchant account."""
    sums = [pl.col(name).sum() for name in ("n", "n_disguise", "n_described", "n_registered")]
    return (
        inbound.group_by(*keys, "sender_id")
        .agg(pl.col("n").max().alias("peak"), *sums)
        .group_by(*keys)
        .agg(
            pl.len().alias("payers"),
            (pl.col("peak") <= 1).mean().alias("once_share"),
            (pl.col("peak") <= OPEN_CASUAL_PEAK).mean().alias("casual_share"),
            *sums,
        )
    )


def audiences(pairs: pl.LazyFrame, w90: int, checkpoints: int) -> pl.LazyFrame:
    """(receiver_id, k) of receivers funded by an audience over the 90-day window.

    `pairs` is the pair-bucket table (`features.pair_buckets`, with `n_disguise`); crypto
    payments are left out (a shared crypto address is judged by the T6 rules).
    """
    # Imported here: `features` calls this module while it is being built.
    from jaga.finance.features import windowed

    # Foreign payers only: the indicators count foreign senders (items 1, 5), and a
    # facilitator's domestic customers (a shop, neighbours) must not make it an audience.
    fiat = pairs.filter(pl.col("cross_border") & (pl.col("n") > pl.col("n_crypto")))
    breadth = (
        fiat.group_by("receiver_id")
        .agg(pl.col("sender_id").n_unique().alias("_payers"))
        .filter(
            pl.col("_payers") >= min(AUDIENCE_MIN_PAYERS, OPEN_MIN_PAYERS, REGISTERED_MIN_PAYERS)
        )
        .select("receiver_id")
    )
    candidates = fiat.join(breadth, on="receiver_id", how="semi").select(
        "sender_id",
        "receiver_id",
        "bucket",
        "n",
        "n_disguise",
        "n_described",
        "n_registered",
        "male_sender",
        "female_sender",
    )
    inbound = windowed(candidates, w90, checkpoints)
    large = (
        (pl.col("payers") >= AUDIENCE_MIN_PAYERS)
        & (pl.col("once_share") >= AUDIENCE_ONCE_SHARE)
        & (pl.col("n_disguise") <= AUDIENCE_MAX_DISGUISE_SHARE * pl.col("n"))
    )
    # Open: many described credits from many payers, not one of them disguised.
    registered = pl.col("n_registered") * 2 >= pl.col("n")
    open_ = (
        (
            (pl.col("payers") >= OPEN_MIN_PAYERS)
            | (registered & (pl.col("payers") >= REGISTERED_MIN_PAYERS))
        )
        & (pl.col("n_described") >= OPEN_MIN_DESCRIBED)
        & (pl.col("n_disguise") == 0)
        & (pl.col("casual_share") >= OPEN_CASUAL_SHARE)
    )
    windows = (
        _payer_counts(inbound, ("receiver_id", "k"))
        .filter(large | open_)
        .select("receiver_id", pl.col("k").cast(pl.Int32))
    )
    standing_audiences = standing(windows, STANDING_MIN_WINDOWS, checkpoints)
    # A receiver whose payers, over its whole observed history, meet the open test: a seller
    # with a declared trade (module docstring: "Registered sellers") or a creator whose fans
    # accumulate over months (module docstring: "Open audiences over the history").
    history = at_every_checkpoint(
        _payer_counts(candidates, ("receiver_id",)).filter(open_),
        checkpoints,
    )
    clientele = at_every_checkpoint(mixed_clientele(candidates), checkpoints)
    return pl.concat([windows, standing_audiences, history, clientele]).unique()


def mixed_clientele(credits: pl.LazyFrame) -> pl.LazyFrame:
    """(receiver_id) of receivers paid by a broad clientele of men and women alike.

    Module docstring, "A clientele of men and women alike". `credits`: foreign fiat
    pair-buckets (`n` payments per 30-day bucket, `male_sender`, `female_sender`) over the
    observed history.
    """
    per_payer = credits.group_by("receiver_id", "sender_id").agg(
        pl.col("n").max().alias("peak"),
        pl.col("male_sender").any(),
        pl.col("female_sender").any(),
    )
    known = pl.col("male_sender") | pl.col("female_sender")
    women = pl.col("female_sender") & ~pl.col("male_sender")
    return (
        per_payer.group_by("receiver_id")
        .agg(
            pl.len().alias("_payers"),
            (pl.col("peak") <= OPEN_CASUAL_PEAK).mean().alias("_casual"),
            known.sum().alias("_known"),
            women.sum().alias("_women"),
        )
        .filter(
            (pl.col("_payers") >= AUDIENCE_MIN_PAYERS)
            & (pl.col("_known") >= ORG_MIN_KNOWN_SEX)
            & (pl.col("_women") >= ORG_MIN_WOMEN_SHARE * pl.col("_known"))
            & (pl.col("_casual") >= OPEN_CASUAL_SHARE)
        )
        .select("receiver_id")
    )
