"""Hand-written transaction files for the finance rule tests: one writer, so every test
file builds its payments the same way and goes through the real ingest and scoring."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import polars as pl

from jaga.finance.ingest import load_transactions
from jaga.finance.pipeline import Result, score_transactions
from jaga.finance.rates import load_rates

START = datetime(2024, 3, 1, tzinfo=UTC)
COLUMNS = (
    "tx_id,timestamp,sender_id,receiver_id,amount,currency,sender_country,receiver_country,"
    "channel,memo,sender_name,receiver_name,sender_sex,sender_birth_year,device_id,"
    "receiver_birth_year,merchant_category"
)


class Ledger:
    """Payments in USD (amounts and times chosen per test); empty optional fields stay empty."""

    def __init__(self) -> None:
        self.rows: list[str] = []

    def pay(
        self,
        sender: str,
        receiver: str,
        usd: float,
        day: float,
        utc_hour: float,
        countries: tuple[str, str] = ("US", "PH"),
        memo: str = "",
        names: tuple[str, str] = ("Jon Smith", "Ana Reyes"),
        sex: str = "M",
        born: int | None = 1970,
        channel: str = "msb",
        device: str = "",
        payee_born: int | None = None,
        category: str = "",
    ) -> None:
        when = START + timedelta(days=day, hours=utc_hour)
        self.rows.append(
            f"t{len(self.rows)},{when.isoformat()},{sender},{receiver},{usd:.2f},USD,"
            f"{countries[0]},{countries[1]},{channel},{memo},{names[0]},{names[1]},{sex},"
            f"{'' if born is None else born},{device},"
            f"{'' if payee_born is None else payee_born},{category}"
        )

    def write(self, tmp_path: Path) -> Path:
        path = tmp_path / "tx.csv"
        path.write_text("\n".join([COLUMNS, *self.rows]) + "\n")
        return path

    def score(self, tmp_path: Path) -> Result:
        loaded = load_transactions(self.write(tmp_path), load_rates())
        assert not loaded.errors
        return score_transactions(loaded.valid)


def reasons(result: Result, account: str) -> str:
    """The alert's reasons for an account, or "" when it raised no alert."""
    row = result.alerts.filter(pl.col("account_id") == account)
    return str(row["reasons"][0]) if row.height else ""


def fired(result: Result, account: str, rule_id: str) -> bool:
    """Whether the rule fired on the account's best checkpoint (alerted or not)."""
    best = result.scored.accounts.filter(pl.col("account_id") == account)
    return bool(best.height and best[f"rule:{rule_id}"][0])


def assert_quiet(result: Result, account: str, rules: tuple[str, ...]) -> None:
    """The account raised no alert and none of `rules` fired on its best checkpoint.

    The look-alike tests check both: no alert, and the specific indicators the benign
    pattern would otherwise have fired (so a weaker rule firing alone is still caught)."""
    assert reasons(result, account) == "", account
    for rule in rules:
        assert not fired(result, account, rule), (account, rule)
