"""Network propagation: payers of a flagged common beneficiary inherit evidence.

A second pass over the account features. The receiver-side rules are evaluated first; a
receiver that alerts on its own receiver-side evidence (two or more independent families)
*and* is a common beneficiary of repeated payments by several foreign senders (rule R11:
AUSTRAC 2019, "frequent, low-value outgoing remittance to a common beneficiary ... sent by
multiple ... customers") is a flagged beneficiary. Its payers are then given two features:
how many flagged beneficiaries they paid in the USD 10-200 band within 90 days, and how many
of those payments carried the pay-per-view shape (sender-local night with an even amount, a
cover word or a handle: FATF 2025, AUSTRAC 2024). This is how an investigator works from an
identified facilitator to its customers, and it is what finds buyers who paid only once or
twice (research note: ~30% of illicit payments are "lone"). A creator's one-off tippers or
a charity's donors never make a receiver a common beneficiary of *repeated* payments, so
their payers inherit nothing from it.

A receiver's flag is known from the checkpoint at which it alerts onward for 90 days, so a
checkpoint only uses flags that the data up to it supports.

A hub passes nothing on at a checkpoint at which most of its small foreign credits do not
come from returning buyers (`strong_hubs`): a charity's one-off and monthly donors or a
creator's one-off tippers are no facilitator's customer base, even when a few of them pay
twice in a month and make the receiver a common beneficiary by count.

Linked accounts on the hub's device (rule R15): the research note's T2 facilitator hub has
"2-6 linked household accounts (shared device or address)". A payment's `device_id` is the
device that sent it, so an account's devices are those of the payments it sent. A device
hub is a flagged beneficiary or a receiver that alerts on its own receiver-side evidence
from two or more independent facilitator families (fan-in, cash-out, common beneficiary:
T2/T3); other accounts sending from a device that such a hub also sent from get
`net_hub_device_90` and one hub's id (`net_hub_device_hub`) for the reason. The link
carries the hub's evidence, which is already corroborated (`scoring`: R15 is an inherited
rule). A device used by more than `MAX_DEVICE_ACCOUNTS` accounts (a shop's or
an agent's phone) links nobody. Device use is taken over the whole input (batch) or the
stored 200 days (incremental), not per checkpoint: a shared phone is a standing link.
"""

from __future__ import annotations

import polars as pl

from jaga.finance.escalation import escalating_pairs
from jaga.finance.features import FEW_REPEAT_SENDERS, PAIR_KEYS, REPEAT_HUB_SENDERS, windowed
from jaga.finance.indicators import BAND_USD, HIGH_RISK_CORRIDOR, PEAK_USD
from jaga.finance.payer_profile import unlike_customers
from jaga.finance.scoring import ALERT_THRESHOLD, evaluate_rules, fired_column
from jaga.finance.typologies import RULES, RULES_BY_ID, Rule

COMMON = "common-beneficiary"
DEVICE_RULE = "R15-shares-device-with-hub"

NETWORK_COLUMNS = (
    "net_flagged_payees_90",
    "net_flagged_pattern_90",
    "net_hub_device_90",
    "net_corroborated_hubs_90",
)
DEVICE_COLUMN = "net_hub_device_90"
DEVICE_HUB_COLUMN = "net_hub_device_hub"
# Customers of a corroborated hub (rule S25): how many such hubs the account paid in the band
# within 90 days, and one of them (its id, for the reason).
CUSTOMER_COLUMN = "net_corroborated_hubs_90"
CUSTOMER_HUB_COLUMN = "net_corroborated_hub"
# Columns holding an account code (batch scoring) that the pipeline maps back to the id.
HUB_ID_COLUMNS = (DEVICE_HUB_COLUMN, CUSTOMER_HUB_COLUMN)
# Receiver-side families that describe a facilitator hub (T2/T3): two of them make a device
# hub whose phone's other users are its linked household (R15).
FACILITATOR_FAMILIES = frozenset({"fan-in", "cash-out", COMMON})
# Returning buyers a device hub needs before its customers inherit S17/S18.
RETURNING_SENDERS = 2
# Hub strength (`strong_hubs`): at least this share of a hub's foreign credits in 90 days must
# come from its returning buyers before its customers inherit anything from it (S17, S18, S25).
RETURNING_CREDIT_SHARE = 0.5
# Hub price (`strong_hubs`): the small foreign credits of a hub that passes evidence on must
# average at least the peak band's bottom. The published pay-per-view prices: USD 15-100 at
# the peak (research item 1), "as little as AUD$40" / GBP 15 (IJM), and 81% of the AMLC's
# OSAEC transactions PHP 1,000-10,000 (about USD 18-180). A receiver paid a few dollars a
# time on average (a game-credit reseller's top-ups: research note (d), gaming top-ups) is
# paid for small goods, not sessions, and its payers are no facilitator's customers.
HUB_MIN_MEAN_USD = PEAK_USD[0]
# A household shares one phone (research note T2: 2-6 linked accounts); a phone used by more
# accounts is a shop's or an agent's and says nothing about who is linked to whom.
MAX_DEVICE_ACCOUNTS = 10


def device_accounts(tx: pl.DataFrame) -> pl.DataFrame:
    """(device_id, account_id) of the payments' senders; empty when no row has a device."""
    if "device_id" not in tx.columns:
        return pl.DataFrame(schema={"device_id": pl.String, "account_id": tx.schema["sender_id"]})
    return (
        tx.filter(pl.col("device_id").is_not_null() & (pl.col("device_id") != ""))
        .select("device_id", pl.col("sender_id").alias("account_id"))
        .unique()
    )


def _receiver_rules() -> tuple[Rule, ...]:
    # R15 is itself derived from flagged hubs: it never makes one.
    return tuple(rule for rule in RULES if rule.side == "receiver" and rule.rule_id != DEVICE_RULE)


def device_hubs(features: pl.DataFrame) -> pl.DataFrame:
    """(account_id, k) of receivers alerting on 2+ facilitator families of their own."""
    receiver_rules = _receiver_rules()
    # Candidates: some fan-in or cash-out evidence at all (few rows; fast).
    candidates = features.filter(
        (pl.col("r_band_corr_30") >= 1) | (pl.col("r_repeat_senders_90") >= REPEAT_HUB_SENDERS)
    )
    judged = evaluate_rules(candidates, receiver_rules)
    families = pl.sum_horizontal(
        pl.any_horizontal(
            pl.col(fired_column(r)) for r in receiver_rules if r.family == f and not r.supporting
        ).cast(pl.Int32)
        for f in sorted(FACILITATOR_FAMILIES)
    )
    return judged.filter((pl.col("rule_score") >= ALERT_THRESHOLD) & (families >= 2)).select(
        "account_id", "k"
    )


def flagged_beneficiaries(features: pl.DataFrame) -> pl.DataFrame:
    """(account_id, k) of receivers alerting on receiver-side evidence as common beneficiaries."""
    receiver_rules = _receiver_rules()
    # Only common beneficiaries can be flagged: judge those rows alone (few; fast).
    candidates = features.filter(pl.col("r_repeat_senders_90") >= FEW_REPEAT_SENDERS)
    judged = evaluate_rules(candidates, receiver_rules)
    # Strong on its own: a common beneficiary (R11) and at least one more independent family
    # of receiver-side evidence that is not timing, rounding or memo text (those describe the
    # same payments R11 counts, so they do not corroborate it).
    core_families = sorted({r.family for r in receiver_rules if not r.supporting} - {COMMON})
    other = pl.sum_horizontal(
        pl.any_horizontal(
            pl.col(fired_column(r)) for r in receiver_rules if r.family == f and not r.supporting
        ).cast(pl.Int32)
        for f in core_families
    )
    return judged.filter(
        (pl.col("rule_score") >= ALERT_THRESHOLD)
        & (
            pl.col(fired_column(RULES_BY_ID["R11-repeat-foreign-senders"]))
            | pl.col(fired_column(RULES_BY_ID["R11b-two-repeat-senders"]))
        )
        & (other >= 1)
    ).select("account_id", "k")


def strong_hubs(
    pairs: pl.DataFrame,
    hubs: pl.DataFrame,
    w90: int,
    checkpoints: int,
    occasional: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """(account_id, k) of `hubs` whose foreign credits come mostly from returning buyers.

    A hub passes its evidence on to its customers (`S17`, `S18`, `S25`) only when its own
    credits look like a facilitator's customer base: the published cases describe customers
    who pay the same beneficiary again and again (AUSTRAC case, research item 2: 826 payments
    "approximately twice a day"; research note T1: "2-30 payments/month in bursts"; AUSTRAC
    2019, item 5: "frequent, low-value ... to a common beneficiary ... sent by multiple
    ... customers"). Legitimate receivers with many foreign payers are paid otherwise
    (research note (d): charity, adult-creator payments, diaspora remittances): a charity's
    donors give once or monthly (calendar rhythm or occasional pairs), a creator's fans tip
    once or now and then. So at least half (`RETURNING_CREDIT_SHARE`) of the hub's small
    credits (from unrelated payers abroad, paying into a high-risk corridor, whose payments
    to it average at most USD 200, the band's top, item 1) within the 90-day window must
    come from *returning buyers*: pairs with 2+ in-band payments in the window that are
    neither a calendar rhythm (their in-band count is zeroed upstream) nor occasional
    (`occasional.py`: tips now and then, each alone). A hub with a huge payer base and a
    few returning payers among them (a charity whose donors sometimes give twice in a
    month, a creator with a few regular fans) then passes nothing, whatever its count of
    returning senders; a facilitator's lone buyers (~30% of illicit payments, research
    note) fit within the other half. The share is our design reading of those
    descriptions, not a published figure.
    `hubs`: (account_id, k) candidates; `pairs` the pair-bucket table (rhythm-discounted).
    """
    if hubs.is_empty():
        return hubs
    key_type = pairs.schema["receiver_id"]
    candidates = hubs.select(
        pl.col("account_id").cast(key_type).alias("receiver_id"), pl.col("k").cast(pl.Int32)
    ).unique()
    credits = pairs.filter(
        pl.col("receiver_id").is_in(candidates["receiver_id"].unique().implode())
        & pl.col("cross_border")
        & ~pl.col("related")
    ).select(
        *PAIR_KEYS, "bucket", "n", "usd", "n_band_corr", "corridor_risk", "male_sender",
        "female_sender",
    )  # fmt: skip
    if occasional is not None and not occasional.is_empty():
        marked = occasional.select(
            *(pl.col(c).cast(pairs.schema[c]) for c in PAIR_KEYS), pl.lit(True).alias("_occ")
        )
        credits = credits.join(marked, on=list(PAIR_KEYS), how="left")
    else:
        credits = credits.with_columns(pl.lit(None, pl.Boolean).alias("_occ"))
    per_pair = (
        windowed(credits, w90, checkpoints)
        .join(candidates, on=["receiver_id", "k"], how="semi")
        .group_by(*PAIR_KEYS, "k")
        .agg(
            pl.col("n").sum().alias("n"),
            pl.col("usd").sum().alias("usd"),
            pl.col("n_band_corr").sum().alias("band"),
            pl.col("corridor_risk").max().alias("corridor_risk"),
            pl.col("_occ").any().alias("_occ"),
        )
    )
    returning = (pl.col("band") >= 2) & ~pl.col("_occ").fill_null(False)
    # Small payers from abroad: the pair pays into a high-risk corridor (item 3) and its
    # payments average at most the band's top (USD 200, item 1): donors, tippers, buyers. A
    # facilitator forwarding its takings to another within the region (T3 chains) or a
    # relative's larger remittances are no part of a customer base.
    small = returning | (
        (pl.col("usd") <= BAND_USD[1] * pl.col("n"))
        & (pl.col("corridor_risk") >= HIGH_RISK_CORRIDOR)
    )
    strong = (
        per_pair.group_by("receiver_id", "k")
        .agg(
            pl.col("band").filter(returning).sum().alias("returning_credits"),
            pl.col("n").filter(small).sum().alias("credits"),
            pl.col("usd").filter(small).sum().alias("credits_usd"),
        )
        .filter(
            (pl.col("returning_credits") >= RETURNING_CREDIT_SHARE * pl.col("credits"))
            # Paid a few dollars a time, in this window or over its history: small goods.
            & (pl.col("credits_usd") >= HUB_MIN_MEAN_USD * pl.col("credits"))
        )
        .join(small_goods_sellers(credits), on="receiver_id", how="anti")
        .join(unlike_customers(credits), on="receiver_id", how="anti")
        .select(pl.col("receiver_id").alias("account_id"), "k")
    )
    return hubs.join(
        strong.with_columns(
            pl.col("account_id").cast(hubs.schema["account_id"]),
            pl.col("k").cast(hubs.schema["k"]),
        ),
        on=["account_id", "k"],
        how="semi",
    )


def small_goods_sellers(credits: pl.DataFrame) -> pl.DataFrame:
    """(receiver_id) of hubs paid a few dollars a time over their observed history.

    `credits`: the hubs' unrelated cross-border pair-bucket rows (`strong_hubs`). A price is
    the seller's, not a window's (a window holds a handful of credits and its average
    swings with who paid in it), so it is read over the whole observed history (batch: the
    input; incremental: the stored 200 days), like the standing status (standing.py): the
    small foreign credits (pairs into a high-risk corridor averaging at most the band's top)
    averaging below `HUB_MIN_MEAN_USD`.
    """
    per_pair = credits.group_by(*PAIR_KEYS).agg(
        pl.col("n").sum(), pl.col("usd").sum(), pl.col("corridor_risk").max()
    )
    small = (pl.col("usd") <= BAND_USD[1] * pl.col("n")) & (
        pl.col("corridor_risk") >= HIGH_RISK_CORRIDOR
    )
    return (
        per_pair.filter(small)
        .group_by("receiver_id")
        .agg(pl.col("usd").sum(), pl.col("n").sum())
        .filter(pl.col("usd") < HUB_MIN_MEAN_USD * pl.col("n"))
        .select("receiver_id")
    )


def hub_device_links(known: pl.DataFrame, devices: pl.DataFrame) -> pl.DataFrame:
    """(account_id, k, net_hub_device_90, net_hub_device_hub): hubs (known at k) sharing a
    device with it, and the first of them."""
    small = devices.filter(pl.len().over("device_id") <= MAX_DEVICE_ACCOUNTS)
    hubs = known.rename({"receiver_id": "hub"}).join(
        small.rename({"account_id": "hub"}), on="hub", how="inner"
    )
    return (
        hubs.join(small, on="device_id", how="inner")
        .filter(pl.col("account_id") != pl.col("hub"))
        .group_by("account_id", "k")
        .agg(
            pl.col("hub").n_unique().cast(pl.Int32).alias(DEVICE_COLUMN),
            pl.col("hub").min().alias(DEVICE_HUB_COLUMN),
        )
    )


def customers_of_hubs(
    pairs: pl.DataFrame, hubs: pl.DataFrame, w180: int, checkpoints: int
) -> pl.DataFrame:
    """(account_id, k, net_corroborated_hubs_90, net_corroborated_hub) of payers of hubs.

    A *corroborated hub* is one `S17` lets customers inherit from: a flagged beneficiary, or
    a receiver alerting on two or more independent facilitator families of its own (fan-in,
    cash-out, common beneficiary) that buyers come back to (returning senders). AUSTRAC
    (2019, and its case) describes the facilitator through its customers ("... to a common
    beneficiary ... sent by multiple ... customers"), and DHS that a livestreaming abuser
    may have "thousands of buyers": an in-band payment across the border to such a hub makes
    the payer one of those customers, however few its payments (research note: ~30% of
    illicit payments are "lone"). The abuse behind a facilitator lasts "2 months to 4 years,
    averaging 2 years" (IJM, research item 2), so a hub corroborated at one checkpoint is
    taken to have been one for the 180-day window (the longest of the features) on both
    sides: at every checkpoint within 180 days of one at which it is corroborated, before or
    after, payments to it in the 180-day window count. A payer is judged at the checkpoints
    at which it was active, so a buyer who paid before the hub's evidence accrued is found
    in a batch run (retrospectively: its `first_seen` can precede the hub's); incremental
    scoring sees only the hubs corroborated now. Related payers (shared surname) do not
    count, nor pairs already set aside as calendar-rhythm or occasional payers by the caller
    (their payments are what they look like). `hubs`: (receiver_id, k) with the hub
    corroborated at k.
    """
    hubs = (
        hubs.with_columns(
            pl.int_ranges(
                (pl.col("k") - w180 + 1).clip(lower_bound=0), pl.col("k") + w180, dtype=pl.Int32
            ).alias("k")
        )
        .explode("k")
        .filter(pl.col("k") < checkpoints)
        .unique()
    )
    paid = windowed(
        pairs.filter(
            pl.col("receiver_id").is_in(hubs["receiver_id"].unique().implode())
            & pl.col("cross_border")
            & (pl.col("n_band_corr") > 0)
            & ~pl.col("related")
        ).select(*PAIR_KEYS, "bucket"),
        w180,
        checkpoints,
    )
    return (
        paid.join(hubs, on=["receiver_id", "k"], how="inner")
        .filter(pl.col("sender_id") != pl.col("receiver_id"))
        .group_by(pl.col("sender_id").alias("account_id"), "k")
        .agg(
            pl.col("receiver_id").n_unique().cast(pl.Int32).alias(CUSTOMER_COLUMN),
            pl.col("receiver_id").min().alias(CUSTOMER_HUB_COLUMN),
        )
    )


def customer_pairs(pairs: pl.DataFrame, occasional: pl.DataFrame | None = None) -> pl.DataFrame:
    """The pair-bucket rows that can make their payer a customer of a hub (S17, S18, S25).

    Left out, since their payments are what they look like rather than a facilitator's
    takings: occasional pairs (`occasional.py`: tips now and then, never a session);
    escalating pairs (`escalation.py`: ever larger sums to one payee, the romance-scam
    victim's shape, FINTRAC-2019-OA001); and a minor's pocket-money purchases
    (`pocket_money_pairs`). Their payments still count for everything else.
    """
    excluded = pl.concat(
        [escalating_pairs(pairs), pocket_money_pairs(pairs)]
        + (
            [occasional.select(*(pl.col(c).cast(pairs.schema[c]) for c in PAIR_KEYS))]
            if occasional is not None and not occasional.is_empty()
            else []
        )
    )
    return pairs.join(excluded, on=list(PAIR_KEYS), how="anti")


def pocket_money_pairs(pairs: pl.DataFrame) -> pl.DataFrame:
    """(sender_id, receiver_id) of a minor's cross-border pairs paying a few dollars a time.

    A minor who pays a hub abroad is, in the research note, the victim of T5 (sextortion:
    "first payment <250; total <=1,500", FATF 2025, item 13), never a T1/T3 consumer (the
    published offender profiles are adult men: FINTRAC 2020/2025, item 10). Whether victim
    or consumer, the sums are tens to hundreds of dollars: the pay-per-view price peaks at
    USD 15-100 (item 1; IJM: "as little as AUD$40" / GBP 15), sextortion demands run to
    hundreds. A teenager topping up game credits pays a few dollars a time (the research
    note (d) names gaming top-ups among the hard negatives; `features`: "a teenager topping
    up game credits ... is shopping"). So a pair whose sender is a minor and whose payments
    average below the peak band's bottom (`PEAK_USD[0]`, USD 15) over its observed history
    (batch: the input; incremental: the stored 200 days) makes its payer no customer of
    the payee, whatever the payee's own evidence. The minor's bursts (`S12`...) and other
    evidence still count. The average, not each payment: a top-up of USD 10-50 now and then
    among coins of 1-5 is still shopping, and a victim's demands are never a few dollars on
    average. Our reading of those figures, not a published threshold.
    """
    return (
        pairs.lazy()
        .filter(pl.col("cross_border") & pl.col("minor_sender"))
        .group_by(*PAIR_KEYS)
        .agg((pl.col("usd").sum() / pl.col("n").sum()).alias("_mean"))
        .filter(pl.col("_mean") < PEAK_USD[0])
        .select(*PAIR_KEYS)
        .collect()
    )


def propagate(
    features: pl.DataFrame,
    pairs: pl.DataFrame,
    step: int,
    checkpoints: int,
    devices: pl.DataFrame | None = None,
    occasional: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Add the `net_flagged_*` and `net_hub_device_90` columns to the account features.

    `devices` is `device_accounts` of the scored transactions (same account keys as
    `features`); without it no account is linked by device. `occasional` pairs
    (`occasional.occasional_pairs`: tips now and then, never a session) inherit nothing.
    """
    w90 = max(1, round(90 / step))
    key_type = pairs.schema["receiver_id"]
    flagged = flagged_beneficiaries(features)

    def for_90_days(frame: pl.DataFrame) -> pl.DataFrame:
        # Flagged at checkpoint j: known at j and the checkpoints of the next 90 days.
        return (
            frame.with_columns(
                pl.int_ranges(
                    (pl.col("k") - w90 + 1).clip(lower_bound=0), pl.col("k") + 1, dtype=pl.Int32
                ).alias("k")
            )
            .explode("k")
            .unique()
            .rename({"account_id": "receiver_id"})
            .with_columns(pl.col("receiver_id").cast(key_type), pl.col("k").cast(pl.Int32))
        )

    # Customers inherit from a flagged beneficiary, and from a device hub that buyers come
    # back to (2+ unrelated senders paying it twice or more in the band within 90 days: the
    # AUSTRAC case's repeated payments). A creator's one-off tippers make no returning
    # buyers, so her fans inherit nothing even when her fan-in and cash-out alert.
    device = device_hubs(features)
    returning = device.join(
        features.filter(pl.col("r_returning_senders_90") >= RETURNING_SENDERS).select(
            "account_id", "k"
        ),
        on=["account_id", "k"],
        how="semi",
    )
    hubs = for_90_days(pl.concat([flagged, device]).unique())
    # Only a hub whose credits come mostly from returning buyers passes evidence on to its
    # customers (`strong_hubs`): a charity's donors or a creator's tippers are no customers.
    passing = strong_hubs(
        pairs, pl.concat([flagged, returning]).unique(), w90, checkpoints, occasional
    )
    known = for_90_days(passing)
    # Customers of a corroborated hub (S25): the same hubs the customers inherit S17 from
    # (buyers come back to it), known for 180 days on both sides.
    corroborated = passing.rename({"account_id": "receiver_id"}).with_columns(
        pl.col("receiver_id").cast(key_type), pl.col("k").cast(pl.Int32)
    )
    pairs = customer_pairs(pairs, occasional)
    paid = windowed(
        pairs.filter(
            pl.col("receiver_id").is_in(known["receiver_id"].unique().implode())
            & pl.col("cross_border")
            & (pl.col("n_band_corr") > 0)
            & ~pl.col("related")
        ).select(*PAIR_KEYS, "bucket", "n_pattern_corr"),
        w90,
        checkpoints,
    )
    inherited = (
        paid.join(known, on=["receiver_id", "k"], how="inner")
        .group_by(pl.col("sender_id").alias("account_id"), "k")
        .agg(
            pl.col("receiver_id").n_unique().cast(pl.Int32).alias("net_flagged_payees_90"),
            pl.col("n_pattern_corr").sum().cast(pl.Int32).alias("net_flagged_pattern_90"),
        )
    )
    inherited = inherited.with_columns(
        pl.col("account_id").cast(features.schema["account_id"]),
        pl.col("k").cast(features.schema["k"]),
    )
    joined = features.join(inherited, on=["account_id", "k"], how="left").join(
        customers_of_hubs(pairs, corroborated, max(1, round(180 / step)), checkpoints).with_columns(
            pl.col("account_id").cast(features.schema["account_id"]),
            pl.col("k").cast(features.schema["k"]),
        ),
        on=["account_id", "k"],
        how="left",
    )
    if devices is not None and not devices.is_empty():
        links = hub_device_links(
            hubs,
            devices.with_columns(pl.col("account_id").cast(key_type)),
        ).with_columns(
            pl.col("account_id").cast(features.schema["account_id"]),
            pl.col("k").cast(features.schema["k"]),
        )
        joined = joined.join(links, on=["account_id", "k"], how="left")
    else:
        joined = joined.with_columns(
            pl.lit(0, pl.Int32).alias(DEVICE_COLUMN),
            pl.lit(None, features.schema["account_id"]).alias(DEVICE_HUB_COLUMN),
        )
    return joined.with_columns(pl.col(c).fill_null(0) for c in NETWORK_COLUMNS)
