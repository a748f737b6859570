"""Creators and streamers paid directly by a foreign audience (audience.py).

Each test draws a tiny ledger: a creator whose many foreign fans tip once (or monthly) at
night in even amounts and who withdraws the money within a day stays silent, with its fans;
the controls with a facilitator's substance (buyers coming back in sessions, payments
disguised as family support) still fire. A small creator whose few loyal fans describe
their tips, never as family support, is an open audience; with some family-support memos,
or with no memos at all, it is judged as before.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from jaga.finance.audience import audiences, disguise_pattern
from jaga.finance.indicators import DEFAULT_COVER_WORDS

from .ledger import Ledger, fired, reasons

COUNTRIES = ("US", "GB", "AU", "CA", "DE")
# UTC hour of about 23:00 sender-local in each country (the payers' night, FATF 2025).
NIGHT_HOUR = {"US": 4.0, "GB": 23.0, "AU": 13.0, "CA": 4.0, "DE": 22.0}
FAN_MEMOS = ("tip", "@ana_live", "", "thanks", "love your content", "live tip")
DISGUISE_MEMOS = ("family support", "medical bills", "school", "accommodation", "", "uniform")
RECEIVER_RULES = (
    "R1-many-foreign-senders",
    "R1b-hub-cash-out",
    "R3-fast-cash-out",
    "R11-repeat-foreign-senders",
    "R2-band-inbound",
    "R16-pattern-credits",
)
INHERITED = (
    "S7-pays-hub",
    "S16-pays-common-beneficiary",
    "S17-pays-flagged-beneficiary",
    "S25-customer-of-corroborated-hub",
)


def _audience(ledger: Ledger, payee: str, fans: int, memos: tuple[str, ...],
              sessions: bool = False) -> None:  # fmt: skip
    """Foreign payers of `payee` at their night, even amounts USD 10-50, over 150 days.

    Fans tip once (every fifth pays a monthly 15); with `sessions`, every payer comes back
    three times within a week each month, like pay-per-view buyers (item 2).
    """
    for i in range(fans):
        country = COUNTRIES[i % len(COUNTRIES)]
        if sessions:
            days = [m * 30 + (i % 20) + j * 2 for m in range(5) for j in range(3)]
        elif i % 5 == 0:
            days = [(i % 25) + m * 30 for m in range(5)]
        else:
            days = [(i * 7) % 150]
        for day in days:
            ledger.pay(f"fan{i}", payee, (10.0, 20.0, 25.0, 50.0)[i % 4] if i % 5 else 15.0,
                       day, NIGHT_HOUR[country], (country, "PH"), memos[i % len(memos)],
                       (f"Sam Fan{i}", "Ana Reyes"), channel="ewallet")  # fmt: skip
    # The payee withdraws its balance every day (item 12's "rapid cash-out").
    for day in range(1, 152):
        ledger.pay(payee, "agent", 60.0, day, 3.0, ("PH", "PH"), "", ("Ana Reyes", "Agent"),
                   "F", 1996, "msb")  # fmt: skip


def test_creator_paid_by_an_audience_is_no_hub_and_its_fans_inherit_nothing(
    tmp_path: Path,
) -> None:
    ledger = Ledger()
    _audience(ledger, "creator", 120, FAN_MEMOS)
    result = ledger.score(tmp_path)
    best = result.scored.accounts.filter(pl.col("account_id") == "creator")
    assert best["r_audience"][0]
    for rule in RECEIVER_RULES:
        assert not fired(result, "creator", rule), rule
    assert reasons(result, "creator") == ""
    for i in range(120):
        for rule in INHERITED:
            assert not fired(result, f"fan{i}", rule), (i, rule)


def test_buyers_coming_back_in_sessions_are_no_audience(tmp_path: Path) -> None:
    # Control: as many payers, but each comes back in sessions every month (item 2).
    ledger = Ledger()
    _audience(ledger, "hub", 40, FAN_MEMOS, sessions=True)
    result = ledger.score(tmp_path)
    assert not result.scored.checkpoints.filter(pl.col("account_id") == "hub")["r_audience"].any()
    assert fired(result, "hub", "R11-repeat-foreign-senders")
    assert "R11-repeat-foreign-senders" in reasons(result, "hub")


def test_payments_disguised_as_family_support_are_no_audience(tmp_path: Path) -> None:
    # Control: the same one-off payers and cash-out, but their memos carry the published
    # cover descriptions (AUSTRAC 2024, FATF 2025: item 6), which fans have no reason to use.
    ledger = Ledger()
    _audience(ledger, "hub", 120, DISGUISE_MEMOS)
    result = ledger.score(tmp_path)
    assert not result.scored.checkpoints.filter(pl.col("account_id") == "hub")["r_audience"].any()
    assert fired(result, "hub", "R1-many-foreign-senders")
    assert fired(result, "hub", "R3-fast-cash-out")


def test_live_stream_words_are_no_disguise() -> None:
    pattern = disguise_pattern(DEFAULT_COVER_WORDS)
    memos = pl.Series(["live tip", "for the show", "private session", "cam", "family support",
                       "Medical bills", "pang tuition", "biaya sekolah", "tip", None])  # fmt: skip
    flags = (
        pl.DataFrame({"m": memos})
        .select(pl.col("m").str.to_lowercase().str.contains(pattern).fill_null(False))["m"]
        .to_list()
    )
    assert flags == [False, False, False, False, True, True, True, True, False, False]


def test_a_gift_is_no_family_support_disguise() -> None:
    # "gift" stays a cover word of the lexicon (S5), but it names no family purpose: fans,
    # partners and friends send gifts openly (audience.py, NOT_DISGUISE_WORDS).
    pattern = disguise_pattern(DEFAULT_COVER_WORDS)
    memos = pl.Series(["gift", "a gift for u", "school uniform", "accommodation"])
    flags = memos.str.contains(pattern).to_list()
    assert flags == [False, False, True, True]


def _loyal_fans(ledger: Ledger, payee: str, fans: int, memos: tuple[str, ...]) -> None:
    """A small creator's loyal fans: 12 foreign payers each tipping about monthly for five
    months, twice in some months (a few USD 20-50, at their night), memos cycling `memos`.
    Fewer than AUDIENCE_MIN_PAYERS and most come back, so only the open test can apply."""
    k = 0
    for i in range(fans):
        country = COUNTRIES[i % len(COUNTRIES)]
        days = [m * 30 + (i * 3) % 25 for m in range(5)]
        days += [m * 30 + (i * 3) % 25 + 4 for m in range(5) if (m + i) % 3 == 0]
        for day in sorted(days):
            ledger.pay(f"fan{i}", payee, (20.0, 25.0, 30.0, 50.0)[k % 4], day,
                       NIGHT_HOUR[country], (country, "PH"), memos[k % len(memos)],
                       (f"Sam Fan{i}", "Ana Reyes"), channel="ewallet")  # fmt: skip
            k += 1
    for day in range(1, 152):
        ledger.pay(payee, "agent", 60.0, day, 3.0, ("PH", "PH"), "", ("Ana Reyes", "Agent"),
                   "F", 1996, "msb")  # fmt: skip


OPEN_MEMOS = ("tip", "@ana_live", "for the show", "ty babe", "gift", "xoxo", "love it")


def test_small_creator_whose_fans_describe_their_tips_is_an_open_audience(
    tmp_path: Path,
) -> None:
    ledger = Ledger()
    _loyal_fans(ledger, "creator", 12, OPEN_MEMOS)
    result = ledger.score(tmp_path)
    assert result.scored.accounts.filter(pl.col("account_id") == "creator")["r_audience"][0]
    for rule in RECEIVER_RULES:
        assert not fired(result, "creator", rule), rule
    for i in range(12):
        for rule in INHERITED:
            assert not fired(result, f"fan{i}", rule), (i, rule)


def test_the_same_fans_with_some_family_support_memos_are_no_audience(tmp_path: Path) -> None:
    # Control: one memo in seven names a family purpose (AUSTRAC 2024, FATF 2025): not open.
    ledger = Ledger()
    _loyal_fans(ledger, "hub", 12, (*OPEN_MEMOS[:6], "medical bills"))
    result = ledger.score(tmp_path)
    assert not result.scored.checkpoints.filter(pl.col("account_id") == "hub")["r_audience"].any()
    assert fired(result, "hub", "R11-repeat-foreign-senders")


def test_the_same_fans_writing_nothing_are_no_audience(tmp_path: Path) -> None:
    # Control: empty memos are no evidence either way; the receiver is judged as before.
    ledger = Ledger()
    _loyal_fans(ledger, "hub", 12, ("",))
    result = ledger.score(tmp_path)
    assert not result.scored.checkpoints.filter(pl.col("account_id") == "hub")["r_audience"].any()
    assert fired(result, "hub", "R11-repeat-foreign-senders")


def _pair_bucket(
    receiver: str, sender: str, bucket: int, n: int, foreign: bool = True
) -> dict[str, object]:
    return {"sender_id": sender, "receiver_id": receiver, "bucket": bucket, "n": n,
            "n_crypto": 0, "n_disguise": 0, "n_described": 0, "n_registered": 0,
            "cross_border": foreign, "male_sender": True, "female_sender": False}  # fmt: skip


def test_an_audience_in_two_windows_is_one_at_every_checkpoint() -> None:
    # 30 one-off payers in each of buckets 0-3 (90-day windows of 3 buckets): an audience in
    # the windows of checkpoints 0 and 1; checkpoint 5's window holds one payer only.
    rows = [_pair_bucket("c", f"f{b}_{i}", b, 1) for b in range(4) for i in range(30)]
    rows.append(_pair_bucket("c", "late", 7, 1))
    # A receiver with the same breadth but every payer paying twice a bucket: never one.
    rows += [_pair_bucket("h", f"g{b}_{i}", b, 2) for b in range(4) for i in range(30)]
    # Many one-off payers at home (a shop's customers, neighbours) make no audience: the
    # indicators count foreign senders.
    rows += [_pair_bucket("d", f"d{b}_{i}", b, 1, False) for b in range(4) for i in range(30)]
    found = audiences(pl.DataFrame(rows).lazy(), 3, 8).collect()
    assert sorted(found.filter(pl.col("receiver_id") == "c")["k"].to_list()) == list(range(8))
    assert found.filter(pl.col("receiver_id") == "h").is_empty()
    assert found.filter(pl.col("receiver_id") == "d").is_empty()


def _six_fans(ledger: Ledger, memos: tuple[str, ...]) -> None:
    """Six foreign fans each paying one receiver twice a week for three months at their
    night, even amounts, memos cycling `memos`; she withdraws every four days."""
    for i in range(6):
        country = COUNTRIES[i % 3]
        for n, day in enumerate(range(1, 90, 4)):
            ledger.pay(f"fan{i}", "creator", (20, 30, 25, 40)[n % 4], day + i * 0.1,
                       NIGHT_HOUR[country], (country, "PH"), memos[(n + i) % len(memos)],
                       (f"Sam Fan{i}", "Mia Flores"), channel="ewallet")  # fmt: skip
    for day in range(3, 90, 4):
        ledger.pay("creator", "agent", 200, day, 6.0, ("PH", "PH"), "", ("Mia Flores", "Agent"),
                   "F", 1995, "msb")  # fmt: skip


def test_fans_who_describe_every_payment_openly_make_no_common_beneficiary(
    tmp_path: Path,
) -> None:
    # Six fans (too few for an audience) each describe 20+ payments, never as family
    # support: open pairs (audience.open_pair), neither session pairs nor returning buyers.
    ledger = Ledger()
    _six_fans(ledger, ("@mia_live", "tip", "for the show", "ty"))
    result = ledger.score(tmp_path)
    assert not fired(result, "creator", "R11-repeat-foreign-senders")
    assert not fired(result, "creator", "R11b-two-repeat-senders")
    # The common-beneficiary evidence is gone; paying a many-sender receiver that cashes
    # out (S7: fan-in and cash-out, judged without the pairs' cadence) is unchanged.
    for i in range(6):
        for rule in INHERITED:
            if rule != "S7-pays-hub":
                assert not fired(result, f"fan{i}", rule), (i, rule)


def test_payers_who_sometimes_name_a_family_purpose_stay_session_pairs(tmp_path: Path) -> None:
    # Control: the same payers, one memo in four a published cover description (item 6).
    ledger = Ledger()
    _six_fans(ledger, ("@mia_live", "tip", "school", "ty"))
    result = ledger.score(tmp_path)
    assert fired(result, "creator", "R11-repeat-foreign-senders")
    assert fired(result, "fan0", "S17-pays-flagged-beneficiary")


def _slow_stream_of_fans(ledger: Ledger, payee: str, memos: tuple[str, ...]) -> None:
    """A creator whose fans arrive one every 15 days over a year: 25 foreign payers, each
    tipping twice within a week and once more a month later (at their night, USD 20-50),
    memos cycling `memos`. No 90-day window holds `OPEN_MIN_PAYERS` of them (audience.py,
    "Open audiences over the history"); she withdraws every three days."""
    k = 0
    for i in range(25):
        country = COUNTRIES[i % len(COUNTRIES)]
        for day in (i * 15, i * 15 + 5, i * 15 + 40):
            ledger.pay(f"fan{i}", payee, (20.0, 25.0, 30.0, 50.0)[k % 4], day,
                       NIGHT_HOUR[country], (country, "PH"), memos[k % len(memos)],
                       (f"Sam Fan{i}", "Ana Reyes"), channel="ewallet")  # fmt: skip
            k += 1
    for day in range(1, 402, 3):
        ledger.pay(payee, "agent", 50.0, day, 3.0, ("PH", "PH"), "", ("Ana Reyes", "Agent"),
                   "F", 1996, "msb")  # fmt: skip


def test_fans_arriving_over_months_make_an_open_audience_over_the_history(
    tmp_path: Path,
) -> None:
    ledger = Ledger()
    _slow_stream_of_fans(ledger, "creator", OPEN_MEMOS)
    result = ledger.score(tmp_path)
    rows = result.scored.checkpoints.filter(pl.col("account_id") == "creator")
    assert rows.height > 0 and rows["r_audience"].all()
    for rule in RECEIVER_RULES:
        assert not fired(result, "creator", rule), rule
    for i in range(25):
        for rule in INHERITED:
            assert not fired(result, f"fan{i}", rule), (i, rule)


def test_one_family_purpose_in_the_history_keeps_the_slow_stream_no_audience(
    tmp_path: Path,
) -> None:
    # Control: the same payers, one memo in eight a published cover description (item 6).
    ledger = Ledger()
    _slow_stream_of_fans(ledger, "hub", (*OPEN_MEMOS, "medical bills"))
    result = ledger.score(tmp_path)
    assert not result.scored.checkpoints.filter(pl.col("account_id") == "hub")["r_audience"].any()


GUEST_MEMOS = ("accommodation", "room deposit", "2 nights", "airport pickup", "")


def _guesthouse(ledger: Ledger, women: int, guests: int = 30) -> None:
    """A host in Cambodia paid by foreign guests (1-2 payments each, cover words in earnest),
    who hands most of each day's takings to two relatives the next day."""
    for g in range(guests):
        country = COUNTRIES[g % len(COUNTRIES)]
        sex = "F" if g < women else "M"
        day = 2.0 * g
        for k in range(1 + g % 2):
            ledger.pay(f"guest{g}", "host", 60.0, day + k * 0.5, NIGHT_HOUR[country],
                       (country, "KH"), GUEST_MEMOS[(g + k) % len(GUEST_MEMOS)],
                       (f"Guest Name{g}", "Sorn Malis"), sex=sex)  # fmt: skip
        ledger.pay("host", f"relative{g % 2}", 55.0 * (1 + g % 2), day + 1.0, 3.0, ("KH", "KH"),
                   "", ("Sorn Malis", "Sorn Piseth"), sex="F")  # fmt: skip


def test_a_clientele_of_men_and_women_alike_is_no_hub(tmp_path: Path) -> None:
    ledger = Ledger()
    _guesthouse(ledger, women=12)
    result = ledger.score(tmp_path)
    assert reasons(result, "host") == ""
    for rule in RECEIVER_RULES:
        assert not fired(result, "host", rule)


def test_the_same_host_paid_by_men_only_still_fires(tmp_path: Path) -> None:
    # FINTRAC: perpetrators "almost always male"; the same payments from men only are judged
    # as a private person's: many foreign senders, money moved on within 48 hours.
    ledger = Ledger()
    _guesthouse(ledger, women=0)
    result = ledger.score(tmp_path)
    assert fired(result, "host", "R1-many-foreign-senders")
    assert reasons(result, "host") != ""
