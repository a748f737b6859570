"""Score kept held-out files again with another `jaga` and compare (main vs branch, same files).

`bench/finance_heldout.py --keep --workdir DIR` leaves, per file, the transactions
(`heldout_V_N_sS[_genG].parquet`) and the ground truth (`....accounts.csv`). This script runs
a given `jaga finance score` on each kept file and counts its alerts against the same truth,
so two versions of Jaga are compared on the very same data without generating it again:

    nice -n 5 .venv/bin/python bench/finance_rescore.py /tmp/heldout/gen7 \
        --jaga .venv/bin/jaga --tag branch [--reasons]

Prints, per file: alerts, precision, recall, the false alerts per benign population, recall
per planted role, and with `--reasons` which reasons fire on false alerts per population.
Alerts are written next to the file as `alerts_TAG_....csv` (kept for diffs).
"""

from __future__ import annotations

import argparse
import subprocess
import time
from pathlib import Path

import polars as pl


def score(jaga: Path, tx_path: Path, out: Path) -> float:
    """Run the CLI on one file; wall seconds."""
    started = time.perf_counter()
    subprocess.run(
        [str(jaga), "finance", "score", str(tx_path), "--out", str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    return time.perf_counter() - started


def report(alerts_path: Path, accounts_path: Path, reasons: bool) -> None:
    """Precision, recall, false alerts by population, recall by role for one file."""
    truth = pl.read_csv(accounts_path, schema_overrides={"account_id": pl.String})
    alerts = pl.read_csv(alerts_path, schema_overrides={"account_id": pl.String})
    joined = alerts.join(truth, on="account_id", how="left").with_columns(
        pl.col("label").fill_null(0)
    )
    tp = int(joined["label"].sum())
    positives = int(truth["label"].sum())
    precision = tp / alerts.height if alerts.height else 0.0
    recall = tp / positives if positives else 0.0
    print(
        f"  alerts {alerts.height}, precision {precision:.1%}, "
        f"recall {recall:.1%} ({tp}/{positives})"
    )
    fps = (
        joined.filter(pl.col("label") == 0)
        .group_by("population")
        .len()
        .sort("len", descending=True)
    )
    print("  FP by population: " + ", ".join(f"{p} {n}" for p, n in fps.rows()))
    flagged = set(alerts["account_id"].to_list())
    roles = (
        truth.filter(pl.col("label") == 1)
        .with_columns(pl.col("account_id").is_in(list(flagged)).alias("found"))
        .group_by("typology", "role")
        .agg(pl.col("found").sum().alias("found"), pl.len().alias("n"))
        .sort("typology", "role")
    )
    print("  recall by role: " + ", ".join(f"{t}/{r} {f}/{n}" for t, r, f, n in roles.rows()))
    if reasons:
        codes = (
            joined.filter(pl.col("label") == 0)
            .with_columns(pl.col("reasons").fill_null("").str.extract_all(r"(?:^|\| )[A-Z]+\d+b?-"))
            .explode("reasons")
            .with_columns(pl.col("reasons").str.strip_chars("| -"))
            .group_by("population", "reasons")
            .len()
            .sort("population", "len", descending=[False, True])
        )
        for population, group in codes.group_by("population", maintain_order=True):
            items = ", ".join(f"{r} {n}" for _, r, n in group.rows())
            print(f"    {population[0]}: {items}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("workdir", type=Path)
    parser.add_argument("--jaga", type=Path, required=True, help="the jaga executable to run")
    parser.add_argument("--tag", required=True, help="name for this version's alerts files")
    parser.add_argument("--reasons", action="store_true", help="reasons on false alerts")
    parser.add_argument("--only", default="", help="substring a file name must contain")
    args = parser.parse_args()
    files = sorted(
        p
        for p in args.workdir.glob("heldout_*.parquet")
        if not p.name.endswith(".tx_labels.parquet") and args.only in p.name
    )
    for tx_path in files:
        stem = tx_path.name.removesuffix(".parquet")
        out = tx_path.with_name(f"alerts_{args.tag}_{stem}.csv")
        seconds = score(args.jaga, tx_path, out)
        print(f"{stem} [{args.tag}] scored in {seconds:.1f} s")
        report(out, tx_path.with_name(f"{stem}.accounts.csv"), args.reasons)


if __name__ == "__main__":
    main()
