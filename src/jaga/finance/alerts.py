"""Turn scored accounts into alert rows with readable, sourced reasons and evidence."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import polars as pl

from jaga.finance.scoring import fired_column, role_of
from jaga.finance.typologies import RULES

ALERT_COLUMNS = (
    "account_id",
    "role",
    "score",
    "severity",
    "typologies",
    "reasons",
    "first_seen",
    "evidence_tx_ids",
)
MAX_EVIDENCE = 20
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def day_to_date(day: int) -> str:
    """Days since the epoch as an ISO date."""
    return (EPOCH + timedelta(days=int(day))).date().isoformat()


def evidence_row() -> pl.Expr:
    """A payment that can stand as evidence in an alert: one any rule reads.

    Shared by the batch path and the incremental state (state.py), which keeps only these
    payments between runs, so both give an alert the same evidence ids.
    """
    return (
        pl.col("band_corridor")
        | pl.col("minor_sender")
        | pl.col("minor_receiver")
        | pl.col("memo_handle")
        | (pl.col("channel") == "crypto")
        | pl.col("travel")
        | pl.col("ancillary")
    )


def evidence_ids(tx: pl.DataFrame, accounts: list[str]) -> dict[str, str]:
    """Up to MAX_EVIDENCE most recent flagged payments per account (space-separated ids)."""
    if not accounts or tx.is_empty():
        return {}
    # Lazy: the enriched frame comes from a streaming query in chunks, which an eager filter
    # over all its columns walks several times slower.
    flagged = tx.lazy().filter(evidence_row()).select("tx_id", "ts", "sender_id", "receiver_id")
    both = pl.concat(
        [
            flagged.filter(pl.col("sender_id").is_in(accounts)).select(
                pl.col("sender_id").alias("account_id"), "tx_id", "ts"
            ),
            flagged.filter(pl.col("receiver_id").is_in(accounts)).select(
                pl.col("receiver_id").alias("account_id"), "tx_id", "ts"
            ),
        ]
    )
    grouped = (
        both.group_by("account_id")
        .agg(pl.col("tx_id").sort_by("ts", descending=True).head(MAX_EVIDENCE))
        .collect()
    )
    return {a: " ".join(ids) for a, ids in grouped.iter_rows()}


def build_alerts(
    accounts: pl.DataFrame,
    evidence: dict[str, str],
    contributions: dict[str, str] | None = None,
) -> pl.DataFrame:
    """One row per alerted account, the columns of issue 6, best score first.

    Ties are broken by account id, so the same data always gives the same file (a diff of
    two days' alerts shows only what changed).
    """
    rows = []
    ranked = accounts.filter(pl.col("alert")).sort(
        ["score", "account_id"], descending=[True, False]
    )
    for row in ranked.iter_rows(named=True):
        fired = [rule for rule in RULES if row.get(fired_column(rule))]
        reasons = [rule.explain(row) for rule in fired]
        if contributions and row["account_id"] in contributions:
            reasons.append(contributions[row["account_id"]])
        rows.append(
            {
                "account_id": row["account_id"],
                "role": role_of(row),
                "score": round(float(row["score"]), 3),
                "severity": row["severity"],
                "typologies": " ".join(sorted({rule.typology for rule in fired})),
                "reasons": " | ".join(reasons),
                "first_seen": day_to_date(row["first_alert_day"]),
                "evidence_tx_ids": evidence.get(row["account_id"], ""),
            }
        )
    schema = {c: pl.String for c in ALERT_COLUMNS} | {"score": pl.Float64}
    return pl.DataFrame(rows, schema=schema)


def write_alerts(alerts: pl.DataFrame, path: Path) -> None:
    """CSV with the issue's columns."""
    alerts.select(ALERT_COLUMNS).write_csv(path)
