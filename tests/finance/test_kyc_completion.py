"""Birth year and sex are the account holder's: recorded on one payment, they count for all."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from jaga.finance.features import complete_kyc

from .ledger import Ledger, fired


def test_burst_of_a_minor_whose_age_is_on_one_row_only_is_seen(tmp_path: Path) -> None:
    # The same burst as test_new_rules' sextortion case, but the boy's birth year and sex
    # are recorded on one payment only (an export that joins KYC on one channel).
    ledger = Ledger()
    for n, (day, usd) in enumerate(((30, 60), (30.4, 90), (31, 150))):
        first = n == 0
        ledger.pay("teen", "payee", usd, day, 2.0 + n, ("US", "NG"), "", ("Hugo Young",
                   "Kim Okafor"), "M" if first else "", 2009 if first else None, "p2p")  # fmt: skip
    result = ledger.score(tmp_path)
    assert fired(result, "teen", "S12-minor-burst-new-payee")
    # The burst alone is one red flag (typologies: S19-S21 are its shape), so no alert; the
    # completed KYC shows in the profile rule firing.
    assert fired(result, "teen", "S20-burst-boy")


def test_complete_kyc_fills_only_missing_values_from_the_same_account() -> None:
    tx = pl.DataFrame(
        {
            "sender_id": ["a", "a", "b", "c"],
            "receiver_id": ["x", "y", "a", "a"],
            "sender_birth_year": [None, 2009, None, 1980],
            "receiver_birth_year": [None, None, 2009, None],
            "sender_sex": [None, "M", "U", "F"],
        },
        schema_overrides={"sender_birth_year": pl.Int32, "receiver_birth_year": pl.Int32},
    )
    done = complete_kyc(tx)
    assert done["sender_birth_year"].to_list() == [2009, 2009, None, 1980]
    assert done["receiver_birth_year"].to_list() == [None, None, 2009, None]  # payee: as given
    # "U" (unknown) stays unless the account has M/F on another row; no row is reordered.
    assert done["sender_sex"].to_list() == ["M", "M", "U", "F"]
    assert done["sender_id"].to_list() == ["a", "a", "b", "c"]
