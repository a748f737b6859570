"""Main vs branch alerts on the same kept held-out files: precision, recall, what changed.

After `bench/finance_heldout.py --keep --workdir DIR` (main's CLI; its alerts are
`alerts_V_N_sS[_genG].csv`) and `bench/finance_rescore.py DIR --tag TAG` (the branch's,
`alerts_TAG_heldout_V_N_sS[_genG].csv`), prints one row per file, both versions counted
against the same `accounts.csv`, then the true accounts lost and gained per planted role and
the false alerts per benign population that changed:

    .venv/bin/python bench/finance_compare.py /tmp/heldout/gen7 --tag b2 [--base m3]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import polars as pl


def _flagged(path: Path) -> set[str]:
    return set(pl.read_csv(path, schema_overrides={"account_id": pl.String})["account_id"])


def compare(workdir: Path, tag: str, base: str | None = None) -> None:
    """Print the per-file rows and the per-role / per-population changes.

    `base`: compare against the alerts of another rescore tag (`alerts_BASE_heldout_...`)
    instead of those `finance_heldout.py --keep` wrote."""
    for truth_path in sorted(workdir.glob("heldout_*.accounts.csv")):
        stem = truth_path.name.removesuffix(".accounts.csv")
        main_path = (
            workdir / f"alerts_{base}_{stem}.csv"
            if base
            else workdir / f"alerts_{stem.removeprefix('heldout_')}.csv"
        )
        branch_path = workdir / f"alerts_{tag}_{stem}.csv"
        if not (main_path.exists() and branch_path.exists()):
            continue
        truth = pl.read_csv(truth_path, schema_overrides={"account_id": pl.String})
        positive = set(truth.filter(pl.col("label") == 1)["account_id"])
        population = dict(
            truth.select("account_id", "population").iter_rows()
        )  # benign population names
        role = dict(
            truth.filter(pl.col("label") == 1)
            .select("account_id", pl.col("typology") + "/" + pl.col("role"))
            .iter_rows()
        )
        row = [stem]
        for path in (main_path, branch_path):
            flagged = _flagged(path)
            tp = len(flagged & positive)
            precision = tp / len(flagged) if flagged else 0.0
            row.append(f"{len(flagged)} alerts, {precision:.1%} / {tp / len(positive):.1%}")
        print(" | ".join(row))
        old, new = _flagged(main_path), _flagged(branch_path)
        lost = Counter(role[a] for a in (old - new) & positive)
        gained = Counter(role[a] for a in (new - old) & positive)
        fp_old = Counter(population.get(a, "?") for a in old - positive)
        fp_new = Counter(population.get(a, "?") for a in new - positive)
        changed = {p: (fp_old[p], fp_new[p]) for p in fp_old | fp_new if fp_old[p] != fp_new[p]}
        if lost or gained:
            print(f"    true lost: {dict(lost)}; true gained: {dict(gained)}")
        print(
            "    FP changed: "
            + ", ".join(
                f"{p} {a}->{b}" for p, (a, b) in sorted(changed.items(), key=lambda x: -x[1][0])
            )
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("workdir", type=Path, nargs="+")
    parser.add_argument("--tag", required=True)
    parser.add_argument("--base", help="rescore tag of the version to compare against")
    args = parser.parse_args()
    for workdir in args.workdir:
        compare(workdir, args.tag, args.base)


if __name__ == "__main__":
    main()
