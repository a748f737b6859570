"""Payment-monitoring benchmark on synthetic data (both variants), with two baselines.

Per variant: generate, validate, score with the typology rules (timed: throughput), then on
an entity-disjoint test split (40% of accounts, by hash) compare
  rules            the sourced typology pack at the alert threshold (the product default)
  rules+model      rules plus LightGBM trained on partial labels (50% of positives) of the
                   other 60% of accounts
  single rule      baseline: any payment in the USD 10-200 band into a high-risk corridor
  LGBM no-network  baseline: LightGBM without pair/network features, threshold 0.5
Metrics: account precision/recall at the threshold, precision@50/200, transaction-level
minority-class F1, recall per typology, median illicit payments made before the first alert.

    .venv/bin/python bench/finance.py            # 5M transactions per variant
    .venv/bin/python bench/finance.py --quick    # 500k
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import polars as pl
from rich.console import Console
from rich.table import Table

from jaga.finance.features import FEATURE_COLUMNS, PAIR_NETWORK_COLUMNS
from jaga.finance.ingest import validate
from jaga.finance.model import AccountModel
from jaga.finance.pipeline import score_transactions
from jaga.finance.rates import load_rates
from jaga.finance.scoring import ALERT_THRESHOLD, MODEL_WEIGHT
from jaga.finance.synth import account_labels, generate

console = Console(width=160)  # the table is copied into docs: no truncated cells


def metrics(pred: np.ndarray, score: np.ndarray, truth: np.ndarray) -> dict[str, float]:
    tp = float((pred & (truth == 1)).sum())
    order = np.argsort(-score, kind="stable")
    return {
        "precision": tp / max(1, pred.sum()),
        "recall": tp / max(1, (truth == 1).sum()),
        "p@50": float(truth[order[:50]].mean()),
        "p@200": float(truth[order[:200]].mean()),
        "alerts": float(pred.sum()),
    }


def run(variant: str, rows: int, seed: int) -> list[tuple[str, dict[str, float]]]:
    frame = generate(rows, variant, seed)
    labels = account_labels(frame)
    valid = validate(frame, load_rates()).valid
    started = time.perf_counter()
    result = score_transactions(valid)
    seconds = time.perf_counter() - started
    console.print(
        f"[bold]{variant}[/bold]: {valid.height:,} tx, {int(frame['label_tx'].sum()):,} illicit, "
        f"{int(labels['label'].sum())} illicit accounts; rules scored in {seconds:.1f} s "
        f"({valid.height / seconds:,.0f} tx/s)"
    )
    accounts = labels.join(result.scored.accounts, on="account_id", how="left")
    accounts = accounts.with_columns(
        pl.col(c).fill_null(0) for c in (*FEATURE_COLUMNS, "rule_score", "score")
    ).with_columns(pl.col("alert").fill_null(False))
    split = accounts["account_id"].hash(11) % 10
    train, test = accounts.filter(split < 6), accounts.filter(split >= 6)
    rng = np.random.default_rng(seed)
    y_train = train["label"].to_numpy()
    y_train = np.where((y_train == 1) & (rng.random(len(y_train)) < 0.5), 1, 0)
    truth = test["label"].to_numpy()
    out: list[tuple[str, dict[str, float]]] = []
    rule_score = test["rule_score"].to_numpy()
    out.append(("rules", metrics(rule_score >= ALERT_THRESHOLD, rule_score, truth)))
    # Where the alert threshold sits on the rules' precision/recall curve.
    curve = []
    for cut in (3.0, 3.5, 4.0, 4.5, 5.0, 6.0):
        m = metrics(rule_score >= cut, rule_score, truth)
        curve.append(f"{cut:g}: {m['precision']:.1%}/{m['recall']:.1%} ({m['alerts']:.0f})")
    console.print("rules precision/recall (alerts) by threshold: " + "; ".join(curve))
    full = AccountModel.train(train, y_train)
    prob = full.predict(test).to_numpy()
    combined = rule_score + MODEL_WEIGHT * prob
    out.append(("rules+model", metrics(combined >= ALERT_THRESHOLD, combined, truth)))
    single = (
        valid.lazy()
        .filter(pl.col("usd").is_between(10, 200))
        .join(result.enriched.lazy().select("tx_id", "risky_corridor"), on="tx_id")
        .filter(pl.col("risky_corridor"))
        .select(pl.concat_list("sender_id", "receiver_id").alias("a"))
        .explode("a")
        .unique()
        .collect()["a"]
    )
    flagged = test["account_id"].is_in(single.to_list()).to_numpy()
    out.append(("single rule", metrics(flagged, flagged.astype(float), truth)))
    plain_cols = tuple(c for c in FEATURE_COLUMNS if c not in PAIR_NETWORK_COLUMNS)
    plain = AccountModel.train(train, y_train, plain_cols)
    p2 = plain.predict(test).to_numpy()
    out.append(("LGBM no-network", metrics(p2 >= 0.5, p2, truth)))
    # Transaction level (all tx of test accounts): flagged if its sender or receiver is
    # alerted by the rules and the payment itself carries a flagged indicator.
    alerted = test.filter(pl.col("alert"))["account_id"].to_list()
    tx = result.enriched.join(frame.select("tx_id", "label_tx", "label_typology"), on="tx_id")
    in_test = pl.col("sender_id").is_in(test["account_id"].to_list())
    tx = tx.filter(in_test)
    pred = (pl.col("sender_id").is_in(alerted) | pl.col("receiver_id").is_in(alerted)) & (
        pl.col("band_corridor") | pl.col("minor_sender") | pl.col("minor_receiver")
        | (pl.col("channel") == "crypto") | pl.col("travel") | pl.col("memo_handle")
    )  # fmt: skip
    t = tx.select(pred.alias("p"), pl.col("label_tx").cast(pl.Boolean).alias("y"))
    tp = t.filter(pl.col("p") & pl.col("y")).height
    prec = tp / max(1, t["p"].sum())
    rec = tp / max(1, t["y"].sum())
    out[0][1]["tx_f1"] = 2 * prec * rec / max(1e-9, prec + rec)
    # Recall per typology (accounts of the test split that sent or received a planted tx).
    typ = (
        frame.filter(pl.col("label_tx") == 1)
        .select(pl.concat_list("sender_id", "receiver_id").alias("a"), "label_typology")
        .explode("a")
        .unique()
        .join(test.select(pl.col("account_id").alias("a"), "alert", "label"), on="a")
        .filter(pl.col("label") == 1)
        .group_by("label_typology")
        .agg(pl.col("alert").mean().alias("recall"), pl.len().alias("n"))
        .sort("label_typology")
    )
    console.print("recall per typology (rules): " + ", ".join(
        f"{r['label_typology']} {r['recall']:.0%} (n={r['n']})" for r in typ.iter_rows(named=True)
    ))  # fmt: skip
    # Payments before the first alert: illicit tx of alerted illicit accounts dated before it.
    firsts = result.scored.accounts.filter(pl.col("alert")).select("account_id", "first_alert_day")
    before = (
        result.enriched.join(frame.select("tx_id", "label_tx"), on="tx_id")
        .filter(pl.col("label_tx") == 1)
        .join(firsts, left_on="sender_id", right_on="account_id")
        .group_by("sender_id")
        .agg((pl.col("day") <= pl.col("first_alert_day")).sum().alias("before"))
    )
    if before.height:
        out[0][1]["paid_before_alert"] = float(before["before"].median())  # type: ignore[arg-type]
    out[0][1]["tx_per_s"] = valid.height / seconds
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rows", type=int, default=None)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rows = args.rows or (500_000 if args.quick else 5_000_000)
    table = Table(title=f"finance benchmark, ~{rows:,} tx per variant")
    for column in ("variant", "method", "alerts", "precision", "recall", "p@50", "p@200",
                   "tx F1", "paid before alert", "tx/s"):  # fmt: skip
        table.add_column(column)
    for variant in ("li", "hi"):
        for name, m in run(variant, rows, args.seed):
            table.add_row(
                variant, name, f"{m['alerts']:.0f}", f"{m['precision']:.1%}",
                f"{m['recall']:.1%}", f"{m['p@50']:.0%}", f"{m['p@200']:.0%}",
                f"{m['tx_f1']:.1%}" if "tx_f1" in m else "",
                f"{m['paid_before_alert']:.0f}" if "paid_before_alert" in m else "",
                f"{m['tx_per_s']:,.0f}" if "tx_per_s" in m else "",
            )  # fmt: skip
    console.print(table)


if __name__ == "__main__":
    main()
