"""The typology rules: each one published indicator, its source, a weight and a reason.

Rules are data (a `Rule` holds a Polars condition and a reason template) so that an
operator can read the whole pack in one screen and the scorer evaluates all of them in one
vectorised pass. Weights follow AUSTRAC's "no single financial indicator will reveal..."
(research item 14): no rule alone outweighs two moderate ones. Each rule names its family
(rules measuring the same thing); `scoring` counts a family once and keeps an account whose
evidence comes from one family below the alert threshold and at low severity.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from jaga.finance.features import (
    CASHOUT_SHARE,
    CRYPTO_BAND_SHARE,
    CRYPTO_ONLY_SHARE,
    CRYPTO_SHARED_SENDERS,
    FEW_REPEAT_SENDERS,
    MULE_MOVED_SHARE,
    PLATFORM_PAYOUTS,
    REPEAT_HUB_SENDERS,
)
from jaga.finance.indicators import SOURCES


@dataclass(frozen=True)
class Rule:
    """One indicator as a condition on account features."""

    rule_id: str
    typology: str  # T1..T7 of the research note
    side: str  # "sender" or "receiver": which role of the account it judges
    weight: float
    sources: tuple[str, ...]
    condition: pl.Expr
    reason: str  # str.format template over the account's feature values
    supporting: bool = False  # corroborating only (timing, rounding, memo, profile)
    family: str = "support"  # indicators of one family measure one thing: max, not sum
    # The evidence is another account's, already corroborated by several families (a linked
    # account of an alerting hub): exempt from the single-family cap, severity stays low.
    inherited: bool = False

    def explain(self, values: dict[str, object]) -> str:
        """`indicator (sources)`: the readable reason an alert carries."""
        text = self.reason.format(**values)
        return f"{self.rule_id} {text} [source: {'; '.join(self.sources)}]"


c = pl.col
# Habits of the payments themselves (sender-local night, even amounts, memo words, the
# payer's sex, a long-lived pair): correlated with each other and with the payments the
# core rules count, so together they are one family that can add to the score (ranking) but
# never corroborates another family (`scoring`: they make no family of their own).
SHAPE = "shape"
# A receiver paid again and again by a platform or payroll (features: PLATFORM_PAYEES) has a
# known business, e.g. an adult creator (research note (d), hard negatives): many small
# foreign credits at night fit that business, so the fan-in, cash-out and common-beneficiary
# rules, which judge activity against what is expected of a private person, do not apply.
# An organisation (a charity, a business: organisations.py) is judged the same way.
# A standing platform seller (business.py: platform payouts in 2+ months of its history) too,
# and a creator or streamer funded by an audience (audience.py: many payers, most paying once
# or once a month, no family-support disguise), and a clientele of men and women alike
# that keeps its takings (payer_profile.mixed_clienteles: two in five known-sex payers
# women, beyond chance; no 48-hour cash-out, item 12).
NOT_SELLER = (
    (c("r_platform_payouts_90") < PLATFORM_PAYOUTS)
    & ~c("r_organisation")
    & ~c("r_platform_seller")
    & ~c("r_audience")
    & ~(c("r_mixed_clientele") & (c("cashout_share_90") < CASHOUT_SHARE))
)
# A payee of minors' bursts that sent on a material share of what it received (features:
# MULE_MOVED_SHARE): what makes a sextortion payee a mule rather than a shop or a friend.
# A payee abroad whose own payments the input cannot show (visibility.py: another
# institution's customer in a one-sided export) is judged by its victims alone.
MOVES_MONEY_ON = (c("r_moved_on_share_180") >= MULE_MOVED_SHARE) | c("r_outflows_unseen")
# Item 9 (FINTRAC 2025): travel "outside typical tourist areas", "stays longer or more
# frequent than usual", "excessive ATM withdrawals". Card data shows neither the region nor
# the sender's usual trip, so the count stands in for both: a week's holiday leaves some
# 5-10 travel, ATM and gift payments (hotel nights, a flight, a few withdrawals), and the
# research note's T4 stays are 2-4x the usual length. Fifteen in 180 days is about twice a
# holiday's worth; every tourist meets the old three, since card codes are read
# (merchant_codes.py). A design choice from those descriptions, not a published figure.
# Even so, tourists on long trips, retirees and expatriates living in the country and
# emigrants visiting home meet it, and what would tell them apart (the region, the sender's
# usual trips) is not in the data: so `S10` corroborates other evidence (a supporting rule
# outside the payments' habits: with another core family it makes three) and is never,
# with one other family, an alert on its own.
TRAVEL_MIN_PAYMENTS = 15
RULES: tuple[Rule, ...] = (
    # --- Consumer side (T1, T3, T4, T6, T7) ---
    Rule("S1-band-cadence", "T1", "sender", 2.0, ("AUSTRAC-2019", "AUSTRAC-CASE"),
         (c("s_band_corr_30") >= 4) | (c("s_band_corr_180") >= 20),
         "frequent low-value cross-border payments: {s_band_corr_30} in 30 days and "
         "{s_band_corr_180} in 180 days of USD 10-200 into a high-risk corridor",
         family="sender-corridor"),
    Rule("S2-unrelated-receivers", "T1", "sender", 2.0, ("FINTRAC-2020", "AMLC-2020"),
         c("s_unrelated_receivers_90") >= 3,
         "pays {s_unrelated_receivers_90} receivers in high-risk corridors within 90 days "
         "with no surname in common",
         family="sender-corridor"),
    Rule("S3-night-payments", "T1", "sender", 1.0, ("FATF-2025",),
         (c("s_night_share_90") >= 0.5) & (c("s_band_corr_90") >= 2),
         "{s_night_share_90:.0%} of corridor payments sent 21:00-04:00 sender-local time",
         supporting=True, family=SHAPE),
    Rule("S4-round-amounts", "T1", "sender", 0.5, ("FATF-2025",),
         (c("s_round_share_90") > 0.7) & (c("s_band_corr_90") >= 3),
         "{s_round_share_90:.0%} of corridor payments are round amounts",
         supporting=True, family=SHAPE),
    Rule("S5-memo-cover-words", "T1", "sender", 0.5, ("AUSTRAC-2024", "FATF-2025"),
         (c("s_memo_90") >= 2) & (c("s_band_corr_90") >= 1),
         "{s_memo_90} payment memos with cover words or social-media handles",
         supporting=True, family=SHAPE),
    Rule("S6-long-lived-pair", "T1", "sender", 0.5, ("AUSTRAC-CASE",),
         (c("s_max_pair_span_180") >= 60) & (c("s_band_corr_180") >= 6),
         "repeated low-value payments to one receiver over {s_max_pair_span_180} days",
         supporting=True, family=SHAPE),
    Rule("S7-pays-hub", "T3", "sender", 1.5, ("AUSTRAC-2019", "DHS-ICE"),
         c("net_hub_receivers_90") >= 1,
         "pays {net_hub_receivers_90} receiver(s) abroad who each take money from 5 or more "
         "foreign senders in 2+ countries and move it on within 48 hours",
         family="common-beneficiary"),
    Rule("S7b-pays-several-hubs", "T3", "sender", 1.0, ("AUSTRAC-2019", "AMLC-MO"),
         c("net_hub_receivers_90") >= 2,
         "pays {net_hub_receivers_90} separate many-sender receivers (network)",
         family="common-beneficiary"),
    Rule("S16-pays-common-beneficiary", "T3", "sender", 2.0, ("AUSTRAC-2019", "AUSTRAC-CASE"),
         c("net_repeat_hubs_90") >= 1,
         "pays {net_repeat_hubs_90} receiver(s) abroad again and again in the USD 10-200 band "
         "whom 3 or more other foreign senders also pay again and again (common beneficiary)",
         family="common-beneficiary"),
    Rule("S17-pays-flagged-beneficiary", "T3", "sender", 2.5, ("AUSTRAC-2019", "AUSTRAC-CASE"),
         c("net_flagged_payees_90") >= 1,
         "paid {net_flagged_payees_90} receiver(s) abroad in the USD 10-200 band that alert on "
         "their own evidence as a common beneficiary of repeated payments by several foreign "
         "senders (customer of a flagged beneficiary)",
         family="common-beneficiary"),
    # Two supporting indicators on the same payment (night with an even amount or a cover
    # word), so it weighs as two (1.0 + 0.5) and is the supporting family on its own.
    Rule("S18-pattern-to-flagged", "T1", "sender", 1.5, ("FATF-2025", "AUSTRAC-2024"),
         c("net_flagged_pattern_90") >= 1,
         "{net_flagged_pattern_90} of those payments sent 21:00-04:00 sender-local time with "
         "an even amount, a cover word or a social-media handle",
         supporting=True),
    # The customer of a corroborated hub: the evidence is the hub's (several independent
    # facilitator families of its own, and buyers who come back), so, like R15, it is an
    # inherited rule: it alerts at the threshold and, as the account's only indicator, low.
    Rule("S25-customer-of-corroborated-hub", "T3", "sender", 4.0,
         ("AUSTRAC-2019", "AUSTRAC-CASE", "DHS-ICE"),
         c("net_corroborated_hubs_90") >= 1,
         "paid {net_corroborated_hubs_90} receiver(s) abroad in the USD 10-200 band, e.g. "
         "{net_corroborated_hub}, that alert on two or more independent facilitator families "
         "of their own and whom buyers pay again and again (customer of a corroborated "
         "facilitator; the evidence is the hub's)",
         family="common-beneficiary", inherited=True),
    # The same evidence as S7 (paying a many-sender receiver), sent in crypto: the channel
    # does not make it independent, so it shares S7's family and weight.
    Rule("S8-crypto-to-cluster", "T6", "sender", 1.5, ("FINCEN-2021", "FATF-2025"),
         c("net_crypto_to_hub_90") >= 2,
         "{net_crypto_to_hub_90} crypto payments to a receiver many foreign senders pay",
         family="common-beneficiary"),
    Rule("S22-crypto-shared-address", "T6", "sender", 2.5, ("FINCEN-2021", "FATF-2025"),
         c("net_crypto_shared_90") >= 2,
         "{net_crypto_shared_90} crypto payments of USD 10-200 to an address that 3 or more "
         "unrelated senders pay, almost only in that band (a shared pay-per-view address)",
         family="crypto"),
    Rule("S23-crypto-night-pattern", "T6", "sender", 1.5, ("FATF-2025",),
         c("net_crypto_pattern_90") >= 1,
         "{net_crypto_pattern_90} of those crypto payments sent 21:00-04:00 sender-local time "
         "with an even amount or a cover word",
         supporting=True),
    Rule("S9-ancillary-spending", "T1", "sender", 1.0, ("FINTRAC-2020", "AUSTRAC-2024"),
         c("s_ancillary_90") >= 1,
         "{s_ancillary_90} purchases of VPN/encryption/webcam/capture tools",
         family="ancillary"),
    Rule("S10-travel-high-risk", "T4", "sender", 1.5, ("FINTRAC-2025",),
         c("s_travel_180") >= TRAVEL_MIN_PAYMENTS,
         "{s_travel_180} travel, ATM or jewellery payments in a high-risk country",
         supporting=True, family="travel"),
    Rule("S11-pays-minor-abroad", "T7", "sender", 2.5, ("AMLC-MO", "FATF-2025"),
         c("s_to_minor_90") >= 2,
         "{s_to_minor_90} payments from an adult to a minor's account abroad",
         family="minor"),
    # Like S18: two supporting indicators on the same payment (sender-local night with an
    # even amount, a cover word or a handle), here on payments to a child abroad.
    Rule("S24-minor-night-pattern", "T7", "sender", 1.5, ("FATF-2025", "AMLC-MO"),
         (c("s_to_minor_90") >= 2) & (c("s_to_minor_pattern_90") >= 2),
         "{s_to_minor_pattern_90} of the payments to a minor abroad sent 21:00-04:00 "
         "sender-local time with an even amount, a cover word or a social-media handle",
         supporting=True),
    Rule("S12-minor-burst-new-payee", "T5", "sender", 2.5, ("FATF-2025", "FINCEN-2025"),
         c("s_minor_burst_payees") >= 1,
         "minor's account made a burst of payments to a new payee, then stopped "
         "(sextortion pattern; the account holder may be a victim)",
         family="minor"),
    # The burst's own shape: FinCEN FIN-2025-NTC2's red flag is ONE indicator ("a series of
    # payments over a short period of time ... to a recipient in a Jurisdiction of Concern"),
    # the payer being a boy and the first payment being small (FATF: "often start below
    # EUR 250") describe the same payments. Like night and even amounts (`SHAPE`), they
    # rank the burst but never corroborate it (item 14: no single indicator alerts; AUSTRAC:
    # "no single financial indicator will reveal..."). Independent evidence is the payee's:
    # other minors' bursts to it (`S14`). A teenager who pays a stranger abroad three times in
    # a day, and nothing else, is one red flag: low, no alert.
    Rule("S19-burst-payee-abroad", "T5", "sender", 1.0, ("FINCEN-2025", "FBI-SEXTORTION"),
         c("s_minor_burst_abroad") >= 1,
         "the burst went to a payee in a jurisdiction of concern with no family connection",
         supporting=True, family=SHAPE),
    Rule("S20-burst-boy", "T5", "sender", 0.5, ("FINCEN-2025", "FBI-SEXTORTION"),
         c("s_minor_burst_boy") >= 1,
         "profile: the burst account is a boy's (sextortion victims are mostly boys of 14-17)",
         supporting=True, family=SHAPE),
    Rule("S21-burst-starts-low", "T5", "sender", 0.5, ("FATF-2025",),
         c("s_minor_burst_low_start") >= 1,
         "the burst started below EUR 250",
         supporting=True, family=SHAPE),
    Rule("S14-pays-sextortion-mule", "T5", "sender", 1.5, ("FATF-2025", "FINCEN-2025"),
         c("net_pays_sextortion_mule") >= 1,
         "the new payee also took bursts of payments from other minors' accounts and moves "
         "the money on, or banks where the input cannot show its payments (mule)",
         family="victims"),
    Rule("S13-male-sender", "T1", "sender", 0.25, ("FINTRAC-2020", "FINTRAC-2025"),
         c("s_male") & (c("s_band_corr_90") >= 2),
         "profile: male sender of corridor payments",
         supporting=True, family=SHAPE),
    # --- Receiver side (T2, T3, T5, T7) ---
    Rule("R1-many-foreign-senders", "T2", "receiver", 1.5, ("AUSTRAC-2019", "DHS-ICE"),
         NOT_SELLER & (c("r_low_senders_30") >= 5),
         "{r_low_senders_30} distinct foreign senders of low-value payments in 30 days",
         family="fan-in"),
    Rule("R1b-hub-cash-out", "T2", "receiver", 1.5, ("AUSTRAC-2019", "AMLC-2020"),
         NOT_SELLER & ((c("r_low_senders_30") >= 5) & (c("r_low_countries_30") >= 2)
         & (c("cashout_share_90") >= CASHOUT_SHARE)),
         "many-sender receiver (from {r_low_countries_30} countries) whose money leaves "
         "within 48 hours: a facilitator hub",
         family="cash-out"),
    Rule("R11-repeat-foreign-senders", "T2", "receiver", 2.5, ("AUSTRAC-2019", "AUSTRAC-CASE"),
         NOT_SELLER & (c("r_repeat_senders_90") >= REPEAT_HUB_SENDERS),
         "{r_repeat_senders_90} foreign senders each paid it 3+ times in the USD 10-200 band "
         "within 90 days (frequent payments to a common beneficiary by multiple senders)",
         family="common-beneficiary"),
    # The same indicator with two such senders: AUSTRAC's "multiple" customers is two or
    # more, but two are weaker evidence than three (a family with two relatives abroad), so
    # it weighs less. It fires only below R11's count: with three or more R11 says it, and
    # the reasons would otherwise name the same senders twice.
    Rule("R11b-two-repeat-senders", "T2", "receiver", 1.5, ("AUSTRAC-2019", "AUSTRAC-CASE"),
         NOT_SELLER & c("r_repeat_senders_90").is_between(
             FEW_REPEAT_SENDERS, REPEAT_HUB_SENDERS, closed="left"
         ),
         "{r_repeat_senders_90} foreign senders each paid it 3+ times in the USD 10-200 band "
         "within 90 days (multiple senders to a common beneficiary)",
         family="common-beneficiary"),
    Rule("R2-band-inbound", "T2", "receiver", 1.0, ("AUSTRAC-2019", "AMLC-2020"),
         NOT_SELLER & ((c("r_band_corr_30") >= 4) | (c("r_band_corr_180") >= 20)),
         "{r_band_corr_30} low-value cross-border credits in 30 days ({r_band_corr_180} in 180)",
         family="fan-in"),
    Rule("R3-fast-cash-out", "T2", "receiver", 1.0, ("AMLC-2020",),
         NOT_SELLER & ((c("cashout_share_90") >= CASHOUT_SHARE) & (c("r_band_corr_90") >= 2)),
         "{cashout_share_90:.0%} of inbound value moved on within 48 hours",
         family="cash-out"),
    Rule("R4-night-inbound", "T2", "receiver", 0.5, ("FATF-2025",),
         NOT_SELLER & ((c("r_night_share_90") >= 0.5) & (c("r_band_corr_90") >= 3)),
         "{r_night_share_90:.0%} of credits sent at the senders' night",
         supporting=True, family=SHAPE),
    Rule("R5-round-inbound", "T2", "receiver", 0.5, ("FATF-2025",),
         NOT_SELLER & ((c("r_round_share_90") > 0.7) & (c("r_band_corr_90") >= 3)),
         "{r_round_share_90:.0%} of credits are round amounts",
         supporting=True, family=SHAPE),
    Rule("R6-memo-inbound", "T2", "receiver", 1.0, ("AUSTRAC-2024", "FATF-2025"),
         NOT_SELLER & (c("r_memo_90") >= 2),
         "{r_memo_90} credits with cover words or social-media handles",
         supporting=True, family=SHAPE),
    # Like R13/R14: two supporting indicators on each of the same credits (sender-local night
    # with an even amount, a cover word or a handle), from several unrelated foreign senders:
    # a facilitator paid by a few buyers per session. Calendar-rhythm pairs (remittances,
    # sponsorships) count none. It weighs as two and is the supporting family on its own.
    Rule("R16-pattern-credits", "T2", "receiver", 1.5, ("FATF-2025", "AUSTRAC-2024"),
         NOT_SELLER & (c("r_pattern_90") >= 3) & (c("r_pattern_senders_90") >= 2),
         "{r_pattern_90} low-value credits from {r_pattern_senders_90} unrelated foreign "
         "senders sent 21:00-04:00 sender-local time with an even amount, a cover word or a "
         "social-media handle",
         supporting=True),
    Rule("R7-shared-senders", "T3", "receiver", 1.0, ("AUSTRAC-2019", "AMLC-MO"),
         NOT_SELLER & (c("net_shared_senders_90") >= 2),
         "{net_shared_senders_90} of its senders also pay other receivers in the corridor",
         family="fan-in"),
    Rule("R8-forwards-to-hub", "T3", "receiver", 1.0, ("AMLC-MO",),
         (c("net_forwards_to_hub_90") >= 1) & (c("r_band_corr_90") >= 3),
         "forwards money to {net_forwards_to_hub_90} other many-sender receiver(s)",
         family="common-beneficiary"),
    # A mule moves the money on (FinCEN FIN-2025-NTC2: money mules; item 12): a payee that
    # kept what the minors paid (a shop, a reseller, a friend) is judged on nothing else.
    Rule("R9-sextortion-mule", "T5", "receiver", 2.0, ("FATF-2025", "FINCEN-2025"),
         (c("r_minor_burst_victims") >= 1) & MOVES_MONEY_ON,
         "received bursts of payments from {r_minor_burst_victims} minors' accounts and "
         "moved {r_moved_on_share_180:.0%} of its inbound value on within 180 days "
         "(0% when its own payments are outside the input)",
         family="minor"),
    Rule("R9b-several-victims", "T5", "receiver", 2.0, ("FATF-2025", "FINCEN-2025"),
         (c("r_minor_burst_victims") >= 2) & MOVES_MONEY_ON,
         "several minors paid this new payee",
         family="victims"),
    Rule("R12-crypto-shared-address", "T6", "receiver", 2.5, ("FINCEN-2021", "FATF-2025"),
         (c("r_crypto_senders_90") >= CRYPTO_SHARED_SENDERS)
         & (c("r_crypto_band_share_90") >= CRYPTO_BAND_SHARE)
         & (c("r_crypto_only_share_90") >= CRYPTO_ONLY_SHARE)
         & ~c("r_crypto_pooled"),
         "crypto address paid in the USD 10-200 band by {r_crypto_senders_90} unrelated "
         "senders within 90 days, {r_crypto_band_share_90:.0%} of its crypto income in that band, "
         "{r_crypto_only_share_90:.0%} of all its credits in crypto (a checkout address)",
         family="crypto"),
    # A site hands each buyer a fresh address and sweeps them into one (crypto_entities.py):
    # money gathered from many unrelated payers and moved on to another wallet is the
    # virtual-asset form of a hub's fast cash-out, so it counts in that family.
    Rule("R17-crypto-swept-addresses", "T6", "receiver", 1.5, ("FATF-2020-VA", "FINCEN-2021"),
         (c("r_crypto_addresses") >= 2)
         & (c("r_crypto_senders_90") >= CRYPTO_SHARED_SENDERS)
         & (c("r_crypto_band_share_90") >= CRYPTO_BAND_SHARE)
         & (c("r_crypto_only_share_90") >= CRYPTO_ONLY_SHARE)
         & ~c("r_crypto_pooled"),
         "its payers' crypto is collected over {r_crypto_addresses} addresses that sweep into "
         "one another (funds gathered from many unrelated wallets, then moved to another wallet)",
         family="cash-out"),
    Rule("R13-crypto-night-credits", "T6", "receiver", 1.5, ("FATF-2025",),
         (c("r_crypto_senders_90") >= CRYPTO_SHARED_SENDERS) & (c("r_crypto_pattern_90") >= 3)
         & (c("r_crypto_band_share_90") >= CRYPTO_BAND_SHARE)
         & (c("r_crypto_only_share_90") >= CRYPTO_ONLY_SHARE)
         & ~c("r_crypto_pooled"),
         "{r_crypto_pattern_90} of those crypto credits sent at the payers' night with even "
         "amounts or cover words",
         supporting=True),
    Rule("R14-minor-night-credits", "T7", "receiver", 1.5, ("FATF-2025", "AMLC-MO"),
         (c("r_from_adults_to_minor_90") >= 2) & (c("r_minor_pattern_90") >= 2),
         "{r_minor_pattern_90} of those payments sent at the payers' night with an even "
         "amount, a cover word or a social-media handle",
         supporting=True),
    # Research note T2: a facilitator hub has "2-6 linked household accounts (shared device
    # or address)"; AMLC's modus operandi names family operations. The hub alerts on two or
    # more independent facilitator families of its own (`network.device_hubs`): the linked
    # account carries that evidence, so it alerts at the threshold, with the hub named, but
    # as one indicator of its own its severity stays low (item 14).
    Rule("R15-shares-device-with-hub", "T2", "receiver", 4.0, ("AMLC-MO", "AMLC-2020"),
         c("net_hub_device_90") >= 1,
         "sends from the same device as {net_hub_device_90} alerting facilitator hub(s), "
         "e.g. {net_hub_device_hub} (linked household account; the evidence is the hub's)",
         family="linked-account", inherited=True),
    Rule("R10-minor-paid-from-abroad", "T7", "receiver", 2.5, ("AMLC-MO", "FATF-2025"),
         c("r_from_adults_to_minor_90") >= 2,
         "minor's account received {r_from_adults_to_minor_90} payments from adults abroad",
         family="minor"),
)  # fmt: skip

unknown = {s for rule in RULES for s in rule.sources} - set(SOURCES)
assert not unknown, f"rules cite unknown sources: {unknown}"
RULES_BY_ID: dict[str, Rule] = {rule.rule_id: rule for rule in RULES}
