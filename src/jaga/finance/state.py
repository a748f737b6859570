"""Incremental scoring state: per pair-day and account-day aggregates kept on disk.

A new day's file is validated, enriched and folded into these aggregates; scoring then
re-buckets the aggregates of the last 180 days around the new anchor day. Raw
transactions are never re-read: the state holds only counts per sender, receiver and day
(plus the ids of flagged payments, capped per account, for alert evidence, and which
account sent from which device, for rule R15: one row per device and account, last day used).
Files, not database tables: Parquet under `$JAGA_DATA_DIR/finance/` (or ./var/finance/).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from jaga.config import data_dir
from jaga.finance.alerts import evidence_row
from jaga.finance.features import (
    DEFAULT_STEP_DAYS,
    FLOW_COLUMNS,
    PAIR_KEYS,
    account_day_flows,
    account_features,
    pair_buckets,
)
from jaga.finance.festivals import FESTIVE_COLUMNS
from jaga.finance.look_alikes import discount_look_alikes
from jaga.finance.network import device_accounts, propagate

KEEP_DAYS = 200  # the longest window (180 days) plus the 48-hour cash-out look-ahead
EVIDENCE_PER_ACCOUNT = 20
SUM_COLUMNS = (
    "n",
    "usd",
    "n_band_corr",
    "n_peak_corr",
    "n_night_corr",
    "n_round_corr",
    "n_pattern_corr",
    "n_memo",
    "n_handle",
    "n_festive_lny",
    "n_festive_eid",
    "n_festive_xmas",
    "n_charity",
    "n_disguise",
    "n_described",
    "n_registered",
    "n_crypto",
    "n_crypto_band",
    "n_crypto_pattern",
    "n_ancillary",
    "n_travel",
    "n_to_minor",
    "n_minor_pattern",
    "n_billed",
    "n_named",
    "n_pretext",
)
ANY_COLUMNS = (
    "minor_sender",
    "male_sender",
    "female_sender",
    "related",
    "cross_border",
    "concern_jurisdiction",
    "purchase",
    "merchant_payment",
)


MIN_MAX_COLUMNS = ("band_min_usd", "band_max_usd", "crypto_min_usd", "crypto_max_usd")


def state_dir() -> Path:
    """Where the finance state lives."""
    return data_dir() / "finance"


def _read(path: Path) -> pl.DataFrame | None:
    return pl.read_parquet(path) if path.exists() else None


def update(enriched: pl.DataFrame, folder: Path | None = None) -> int:
    """Fold one batch of enriched transactions into the stored aggregates; the anchor day."""
    folder = folder or state_dir()
    folder.mkdir(parents=True, exist_ok=True)
    pair_days = pair_buckets(enriched, 0, 1).with_columns((-pl.col("bucket")).alias("bucket"))
    flows = account_day_flows(enriched)
    # The same payments the batch path cites (alerts.evidence_row); ancillary purchases
    # (VPN, webcam, ...) were left out here before, so incremental alerts missed them.
    evidence = enriched.filter(evidence_row()).select("tx_id", "ts", "sender_id", "receiver_id")
    old_pairs = _read(folder / "pair_days.parquet")
    old_flows = _read(folder / "account_days.parquet")
    old_evidence = _read(folder / "evidence.parquet")
    devices = device_accounts(enriched).join(
        enriched.group_by(pl.col("sender_id").alias("account_id"), "device_id").agg(
            pl.col("day").max().alias("last_day")
        ),
        on=["device_id", "account_id"],
    )
    old_devices = _read(folder / "devices.parquet")
    if old_devices is not None:
        devices = (
            pl.concat([old_devices, devices], how="vertical_relaxed")
            .group_by("device_id", "account_id")
            .agg(pl.col("last_day").max())
        )
    if old_pairs is not None:
        # State written before a column existed: its old rows count zero of it.
        old_pairs = old_pairs.with_columns(
            *[pl.lit(0, pl.Int32).alias(c) for c in SUM_COLUMNS if c not in old_pairs.columns],
            *[pl.lit(False).alias(c) for c in ANY_COLUMNS if c not in old_pairs.columns],
            *[
                pl.lit(None, pl.Float64).alias(c)
                for c in MIN_MAX_COLUMNS
                if c not in old_pairs.columns
            ],
        ).select(pair_days.columns)
        pair_days = pl.concat([old_pairs, pair_days], how="vertical_relaxed")
        pair_days = _merge_pair_days(pair_days)
    if old_flows is not None:
        old_flows = _with_flow_columns(old_flows)
        flows = (
            pl.concat([old_flows, flows.select(old_flows.columns)], how="vertical_relaxed")
            .group_by("account_id", "day")
            .agg(pl.col(*FLOW_COLUMNS).sum())
        )
    if old_evidence is not None:
        evidence = pl.concat([old_evidence, evidence], how="vertical_relaxed")
    anchor = int(pair_days["bucket"].max())  # type: ignore[arg-type]
    cutoff = anchor - KEEP_DAYS
    pair_days.filter(pl.col("bucket") > cutoff).write_parquet(folder / "pair_days.parquet")
    flows.filter(pl.col("day") > cutoff).write_parquet(folder / "account_days.parquet")
    devices.filter(pl.col("last_day") > cutoff).write_parquet(folder / "devices.parquet")
    evidence = (
        evidence.unique("tx_id")
        .sort("ts", descending=True)
        .filter(pl.col("sender_id").cum_count().over("sender_id") <= EVIDENCE_PER_ACCOUNT)
    )
    evidence.write_parquet(folder / "evidence.parquet")
    return anchor


def _merge_pair_days(frame: pl.DataFrame) -> pl.DataFrame:
    """Combine rows of the same pair and day (a day split over two files); lazily, so the
    streaming engine aggregates on every core."""
    return (
        frame.lazy()
        .group_by(*PAIR_KEYS, "bucket")
        .agg(
            *[pl.col(c).sum() for c in SUM_COLUMNS],
            *[pl.col(c).any() for c in ANY_COLUMNS],
            pl.col("corridor_risk").max(),
            pl.col("sender_country").first(),
            pl.col("first_day").min(),
            pl.col("last_day").max(),
            pl.col("first_usd").sort_by("first_day").first(),
            pl.col("band_min_usd").min(),
            pl.col("band_max_usd").max(),
            pl.col("crypto_min_usd").min(),
            pl.col("crypto_max_usd").max(),
        )
        .collect()
    )


def _with_flow_columns(flows: pl.DataFrame) -> pl.DataFrame:
    """Stored account-days in today's columns: a state written before a column existed
    counts zero of it (moved on: its cash-out; conversions: none)."""
    if "moved_usd" not in flows.columns:  # state written before cash.py
        flows = flows.with_columns(pl.col("out_usd").alias("moved_usd"))
    if "converted_usd" not in flows.columns:  # state written before conversions
        flows = flows.with_columns(pl.lit(0.0).alias("converted_usd"))
    return flows.select("account_id", "day", *FLOW_COLUMNS)


def current_features(folder: Path | None = None, step: int = DEFAULT_STEP_DAYS) -> pl.DataFrame:
    """Account features at the newest day (checkpoint 0) from the stored aggregates only."""
    folder = folder or state_dir()
    pair_days = pl.read_parquet(folder / "pair_days.parquet")
    flows = _with_flow_columns(pl.read_parquet(folder / "account_days.parquet"))
    anchor = int(pair_days["bucket"].max())  # type: ignore[arg-type]
    pairs = _merge_pair_days(
        pair_days.with_columns(((anchor - pl.col("bucket")) // step).cast(pl.Int32).alias("bucket"))
    )
    stored = _read(folder / "devices.parquet")
    devices = None if stored is None else stored.select("device_id", "account_id")
    # Stored pair-days (bucket = day) give each pair's payment days for the calendar rhythm.
    pairs, occasional = discount_look_alikes(
        pairs,
        pair_days.filter(pl.col("cross_border")).select(
            *PAIR_KEYS, pl.col("bucket").alias("day"), "n", *FESTIVE_COLUMNS.values()
        ),
    )
    features = account_features(pairs, flows, anchor, step, 1)
    return propagate(features, pairs, step, 1, devices, occasional)


def stored_evidence(accounts: list[str], folder: Path | None = None) -> dict[str, str]:
    """Flagged payment ids kept in the state for these accounts."""
    folder = folder or state_dir()
    frame = _read(folder / "evidence.parquet")
    if frame is None or not accounts:
        return {}
    rows = (
        pl.concat(
            [
                frame.filter(pl.col("sender_id").is_in(accounts)).select(
                    pl.col("sender_id").alias("account_id"), "tx_id", "ts"
                ),
                frame.filter(pl.col("receiver_id").is_in(accounts)).select(
                    pl.col("receiver_id").alias("account_id"), "tx_id", "ts"
                ),
            ]
        )
        .group_by("account_id")
        .agg(pl.col("tx_id").sort_by("ts", descending=True).head(20))
    )
    return {a: " ".join(ids) for a, ids in rows.iter_rows()}
