"""Are two `jaga finance score` outputs the same alerts? (speed work must not change them)

    .venv/bin/python bench/finance_alerts_diff.py before.csv after.csv

Compares every column of alerts.csv (account, role, score, severity, typologies, reasons,
first seen, evidence ids) account by account; row order is ignored (accounts with equal
scores have no defined order). Exit status 0 when identical, 1 otherwise, with the
accounts and columns that differ.
"""

from __future__ import annotations

import sys

import polars as pl


def main(before_path: str, after_path: str) -> int:
    """Print the verdict; 0 if the two files hold the same alerts."""
    before = pl.read_csv(before_path, infer_schema=False).sort("account_id")
    after = pl.read_csv(after_path, infer_schema=False).sort("account_id")
    if before.equals(after):
        print(f"identical: {before.height} alerts")
        return 0
    print(f"different: {before.height} alerts before, {after.height} after")
    old, new = set(before["account_id"]), set(after["account_id"])
    print(f"only before: {sorted(old - new)[:20]}; only after: {sorted(new - old)[:20]}")
    both = before.join(after, on="account_id", suffix="_after")
    for column in before.columns[1:]:
        changed = both.filter(pl.col(column).ne_missing(pl.col(f"{column}_after")))
        if changed.height:
            print(f"{column}: {changed.height} accounts differ, e.g. {changed['account_id'][0]}")
    return 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
