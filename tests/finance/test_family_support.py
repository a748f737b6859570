"""Family support to a child abroad (`family.py`): a parent or relative abroad whose name
does not match the child's pays an allowance now and then; the T7 rules must not take it
for a direct payer, while a payer with the pay-per-view shape (night, even amounts) at the
same cadence, and a payer paying in sessions, are still found."""

from __future__ import annotations

from pathlib import Path

from .test_hard_negatives import _with_birth_years
from .test_new_rules import Ledger, _fired, _reasons

# Irregular gaps (days) of a few weeks: no calendar rhythm (coefficient of variation > 0.5),
# so the rhythm check does not clear the pair; each payment stands alone, about fortnightly.
IRREGULAR_DAYS = (1, 4, 24, 32, 57, 61, 75, 105, 112, 121, 143)
ODD_SUMS = (37.4, 52.9, 41.3, 66.8, 48.2, 71.6)


def _allowance(ledger: Ledger, utc_hour: float, sums: tuple[float, ...]) -> None:
    for n, day in enumerate(IRREGULAR_DAYS):
        ledger.pay("mother", "son", sums[n % len(sums)], day, utc_hour, ("US", "PH"),
                   "allowance", ("Ana Lopez", "Leo Cruz"), "F", 1978)  # fmt: skip


def test_allowance_now_and_then_by_day_to_a_child_abroad_is_not_t7(tmp_path: Path) -> None:
    # A mother working in the US (another surname than her son's) sends odd sums every week
    # or few at her daytime (15:00 UTC is 09:00 Central): family support, not paid sessions.
    ledger = Ledger()
    _allowance(ledger, 15.0, ODD_SUMS)
    result = _with_birth_years(ledger, tmp_path, {"son": 2009})
    for rule in ("S11-pays-minor-abroad", "S24-minor-night-pattern"):
        assert not _fired(result, "mother", rule)
    assert not _fired(result, "son", "R10-minor-paid-from-abroad")


def test_the_same_cadence_at_night_with_even_amounts_is_still_t7(tmp_path: Path) -> None:
    # Control: the same now-and-then payer, but every payment at her night (04:00 UTC is
    # 22:00 Central) with an even amount: the pay-per-view shape (FATF 2025), so it counts.
    ledger = Ledger()
    _allowance(ledger, 4.0, (40.0, 50.0, 60.0))
    result = _with_birth_years(ledger, tmp_path, {"son": 2009})
    assert _fired(result, "mother", "S11-pays-minor-abroad")
    assert "S24-minor-night-pattern" in _reasons(result, "mother")
    assert _fired(result, "son", "R10-minor-paid-from-abroad")


def test_odd_sums_by_day_paid_in_sessions_are_still_t7(tmp_path: Path) -> None:
    # Control: daytime odd sums, but paid in sessions (several within 48 hours, a few days
    # apart): not occasional, so the direct-payer rule applies as before.
    ledger = Ledger()
    days = (1, 1.5, 3, 12, 12.6, 14, 30, 31, 31.5, 44, 45, 53, 70, 71, 71.4, 88)
    for n, day in enumerate(days):
        ledger.pay("payer", "child", ODD_SUMS[n % len(ODD_SUMS)], day, 15.0, ("US", "PH"), "",
                   ("Ray Hale", "Leo Cruz"), "M", 1972)  # fmt: skip
    result = _with_birth_years(ledger, tmp_path, {"child": 2009})
    assert _fired(result, "payer", "S11-pays-minor-abroad")


def test_teen_paying_a_peer_in_a_jurisdiction_of_concern_is_not_corroborated(
    tmp_path: Path,
) -> None:
    # A 15-year-old boy in the US splits the cost of a game with a 16-year-old team-mate in
    # the Philippines, three payments in two days: the payee's own KYC makes it a minor, a
    # peer, not FinCEN's recipient in a jurisdiction of concern. The burst stays `S12` alone.
    ledger = Ledger()
    for n, (day, usd) in enumerate(((30, 12), (30.4, 9), (31, 15))):
        ledger.pay("teen", "peer", usd, day, 20.0 + n, ("US", "PH"), "game",
                   ("Hugo Young", "Leo Cruz"), "M", 2009, "p2p")  # fmt: skip
    result = _with_birth_years(ledger, tmp_path, {"peer": 2008})
    assert _fired(result, "teen", "S12-minor-burst-new-payee")
    assert not _fired(result, "teen", "S19-burst-payee-abroad")
    # Control: the same burst to an adult payee there is corroborated, as before.
    control = _with_birth_years(ledger, tmp_path, {"peer": 1990})
    assert _fired(control, "teen", "S19-burst-payee-abroad")


def test_synth_holds_the_look_alike_populations_as_benign() -> None:
    # Jaga's own generator keeps these hard negatives so its benchmark measures them: minors
    # abroad paid by adults whose surname differs (diaspora parents), bursts of minors to
    # minor payees abroad (team-mates), crypto top-ups of any size. All are benign.
    import polars as pl

    from jaga.finance.synth import generate

    tx = generate(60_000, "li", 4).filter(pl.col("label_tx") == 0)
    year = pl.col("timestamp").dt.year()
    minor_payee = (year - pl.col("receiver_birth_year")).is_between(10, 17)
    minor_payer = (year - pl.col("sender_birth_year")).is_between(10, 17)
    cross = pl.col("sender_country") != pl.col("receiver_country")
    surname = pl.col("sender_name").str.split(" ").list.last()
    unrelated = surname != pl.col("receiver_name").str.split(" ").list.last()
    assert tx.filter(cross & minor_payee & ~minor_payer & unrelated).height > 100
    assert tx.filter(cross & minor_payee & minor_payer & (pl.col("channel") == "p2p")).height > 20
    crypto = tx.filter(pl.col("channel") == "crypto")["amount"]
    assert crypto.len() > 100 and crypto.max() > 10 * crypto.min()  # type: ignore[operator]
