"""How much evidence the planted accounts leave, and Jaga's recall at each amount of it.

Recall on a held-out generator is bounded by what its data shows: a consumer who makes one
illicit payment in the whole year leaves one row, and the issue's own rule is that one
indicator alone is never more than low severity. This script reads the kept held-out files
(`bench/finance_heldout.py --keep --workdir DIR`), counts for every positive account the
illicit payments it takes part in (sent or received, from `....tx_labels.parquet`, aligned
row by row with the transactions), and prints, per file, the positives and Jaga's recall in
buckets of that count. Recall that stays low in the buckets with plenty of evidence is a
detection gap; recall that is low only in the 1-2 payment buckets is the data's limit.

    .venv/bin/python bench/finance_evidence.py /tmp/gen3 [/tmp/gen11 ...] [--tag TAG]

`--tag` reads `alerts_TAG_heldout_...csv` (bench/finance_rescore.py) instead of the alerts
finance_heldout.py wrote.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import polars as pl
from rich.console import Console
from rich.table import Table

BUCKETS = ((1, 1), (2, 2), (3, 5), (6, 10**9))


def _label(low: int, high: int) -> str:
    if low == high:
        return str(low)
    return f"{low}+" if high >= 10**9 else f"{low}-{high}"


def illicit_counts(tx_path: Path) -> pl.DataFrame:
    """account_id, n_illicit: illicit payments each account sent or received."""
    tx = pl.read_parquet(tx_path, columns=["sender_id", "receiver_id"])
    labels = pl.read_parquet(tx_path.with_suffix(".tx_labels.parquet"), columns=["label_tx"])
    rows = pl.concat([tx, labels], how="horizontal").filter(pl.col("label_tx") == 1)
    parties = pl.concat(
        [
            rows.select(pl.col("sender_id").alias("account_id")),
            rows.select(pl.col("receiver_id").alias("account_id")),
        ]
    ).drop_nulls()
    return parties.group_by("account_id").agg(pl.len().alias("n_illicit"))


def alerts_path(tx_path: Path, tag: str | None) -> Path:
    """The alerts of main (finance_heldout.py) or of a rescore tag, for one kept file."""
    stem = tx_path.stem  # heldout_V_N_sS[_genG]
    if tag:
        return tx_path.with_name(f"alerts_{tag}_{stem}.csv")
    return tx_path.with_name(f"alerts_{stem.removeprefix('heldout_')}.csv")


def evidence_table(tx_path: Path, tag: str | None) -> Table:
    truth = pl.read_csv(
        tx_path.with_suffix(".accounts.csv"), schema_overrides={"account_id": pl.String}
    ).filter(pl.col("label") == 1)
    flagged = set(
        pl.read_csv(alerts_path(tx_path, tag), schema_overrides={"account_id": pl.String})[
            "account_id"
        ]
    )
    positives = truth.join(illicit_counts(tx_path), on="account_id", how="left").with_columns(
        pl.col("n_illicit").fill_null(0),
        pl.col("account_id").is_in(sorted(flagged)).alias("alerted"),
    )
    table = Table(title=f"{tx_path.stem}: positives by illicit payments they take part in")
    for column in ("illicit payments", "positives", "share", "alerted", "recall"):
        table.add_column(column, justify="right")
    total = positives.height
    for low, high in BUCKETS:
        part = positives.filter(pl.col("n_illicit").is_between(low, high))
        hits = int(part["alerted"].sum())
        table.add_row(
            _label(low, high),
            str(part.height),
            f"{part.height / max(total, 1):.0%}",
            str(hits),
            f"{hits / part.height:.1%}" if part.height else "-",
        )
    none = positives.filter(pl.col("n_illicit") == 0).height
    hits = int(positives["alerted"].sum())
    table.add_row("all" + (f" ({none} with none)" if none else ""), str(total), "100%", str(hits),
                  f"{hits / max(total, 1):.1%}")  # fmt: skip
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workdirs", nargs="+", type=Path)
    parser.add_argument("--tag", default=None, help="rescore tag of the alerts to read")
    args = parser.parse_args()
    console = Console(width=120)
    for workdir in args.workdirs:
        for tx_path in sorted(workdir.glob("heldout_*.parquet")):
            if tx_path.name.endswith(".tx_labels.parquet"):
                continue
            if not alerts_path(tx_path, args.tag).exists():
                console.print(f"[yellow]{tx_path.name}: no alerts for this tag, skipped")
                continue
            console.print(evidence_table(tx_path, args.tag))


if __name__ == "__main__":
    main()
