"""`jaga finance synth|score|report`: thin shells over jaga.finance."""

from __future__ import annotations

import time
from pathlib import Path

import typer
from rich.console import Console

from jaga.finance.errors import FinanceError
from jaga.terminal import fail, plural

finance_app = typer.Typer(help="Payment monitoring: synthetic data, scoring, STR drafts.")
console = Console(stderr=True)


def register(app: typer.Typer) -> None:
    """Add `jaga finance ...` to the `jaga` app."""
    app.add_typer(finance_app, name="finance")


@finance_app.command("synth")
def synth_command(
    out: Path = typer.Option(..., "--out", help="Output file (.parquet or .csv)."),
    variant: str = typer.Option("li", "--variant", help="hi (0.2% illicit) or li (0.05%)."),
    seed: int = typer.Option(1, "--seed"),
    rows: int = typer.Option(1_000_000, "--rows", help="About this many transactions."),
    labels_out: Path | None = typer.Option(
        None, "--labels-out", help="Also write account labels here (CSV)."
    ),
) -> None:
    """Write a labelled synthetic year of payments (label_* columns are ground truth)."""
    from jaga.finance.synth import account_labels, generate

    if variant not in ("hi", "li"):
        fail("--variant must be hi or li", 2)
    started = time.perf_counter()
    with console.status(f"generating about {rows:,} transactions"):
        frame = generate(rows, variant, seed)
    if out.suffix.lower() == ".csv":
        frame.write_csv(out)
    else:
        frame.write_parquet(out)
    if labels_out is not None:
        account_labels(frame).write_csv(labels_out)
    console.print(
        f"wrote {plural(frame.height, 'transaction')} "
        f"({int(frame['label_tx'].sum()):,} illicit) to {out} "
        f"in {time.perf_counter() - started:.1f} s"
    )


@finance_app.command("score")
def score_command(
    tx_file: Path = typer.Argument(..., help="Transactions, CSV or Parquet."),
    out: Path = typer.Option(..., "--out", help="Alerts CSV."),
    rates: Path | None = typer.Option(None, "--rates", help="currency,usd_per_unit table."),
    errors_out: Path | None = typer.Option(
        None, "--errors-out", help="Rejected rows CSV (default: OUT with .rejected.csv)."
    ),
    incremental: bool = typer.Option(
        False, "--incremental", help="Fold this file into the stored state and score today."
    ),
    model_path: Path | None = typer.Option(None, "--model", help="A trained LightGBM model."),
    threshold: float | None = typer.Option(None, "--threshold", help="Alert score threshold."),
) -> None:
    """Validate, score and write one row per flagged account."""
    from jaga.finance.ingest import load_transactions, write_errors
    from jaga.finance.rates import load_rates
    from jaga.finance.scoring import ALERT_THRESHOLD

    try:
        started = time.perf_counter()
        result = load_transactions(tx_file, load_rates(rates))
        errors_path = errors_out or out.with_suffix(".rejected.csv")
        if result.errors:
            write_errors(result.errors, errors_path)
            for error in result.errors[:10]:
                console.print(
                    f"[yellow]rejected[/yellow] row {error.row}, field {error.field}: "
                    f"{error.message} (got {error.value!r})",
                    highlight=False,
                )
            console.print(
                f"{plural(result.rejected_rows, 'row')} set aside; all problems in {errors_path}"
            )
        model = None
        if model_path is not None:
            from jaga.finance.model import AccountModel

            model = AccountModel.load(model_path)
        limit = ALERT_THRESHOLD if threshold is None else threshold
        if incremental:
            alerts = _score_incremental(result.valid, limit)
        else:
            from jaga.finance.pipeline import score_transactions

            alerts = score_transactions(result.valid, threshold=limit, model=model).alerts
        from jaga.finance.alerts import write_alerts

        write_alerts(alerts, out)
    except FinanceError as error:
        fail(str(error), 2)
    console.print(
        f"scored {plural(result.valid.height, 'transaction')} in "
        f"{time.perf_counter() - started:.1f} s: {plural(alerts.height, 'alert')} in {out}"
    )


def _score_incremental(valid, threshold: float):  # type: ignore[no-untyped-def]
    import polars as pl

    from jaga.finance.alerts import build_alerts
    from jaga.finance.features import enrich
    from jaga.finance.indicators import IndicatorConfig
    from jaga.finance.scoring import evaluate_rules, score_checkpoints
    from jaga.finance.state import current_features, state_dir, stored_evidence, update

    update(enrich(valid, IndicatorConfig()))
    scored = score_checkpoints(evaluate_rules(current_features()), None, threshold)
    seen_path = state_dir() / "first_alerts.parquet"
    accounts = scored.accounts
    if seen_path.exists():
        seen = pl.read_parquet(seen_path)
        accounts = accounts.join(seen, on="account_id", how="left", suffix="_old").with_columns(
            pl.coalesce("first_alert_day_old", "first_alert_day").alias("first_alert_day")
        )
        merged = pl.concat(
            [seen, accounts.filter(pl.col("alert")).select("account_id", "first_alert_day")]
        ).unique("account_id", keep="first")
    else:
        merged = accounts.filter(pl.col("alert")).select("account_id", "first_alert_day")
    merged.write_parquet(seen_path)
    alerted = accounts.filter(pl.col("alert"))["account_id"].to_list()
    return build_alerts(accounts, stored_evidence(alerted))


@finance_app.command("train")
def train_command(
    tx_file: Path = typer.Argument(..., help="Transactions, CSV or Parquet."),
    labels: Path = typer.Option(..., "--labels", help="CSV with account_id,label (1 = confirmed)."),
    out: Path = typer.Option(..., "--out", help="Where to write the model (LightGBM text)."),
    rates: Path | None = typer.Option(None, "--rates"),
) -> None:
    """Train the LightGBM model on the rule features of labelled accounts (e.g. filed STRs)."""
    import polars as pl

    from jaga.finance.features import FEATURE_COLUMNS, enrich
    from jaga.finance.indicators import IndicatorConfig
    from jaga.finance.ingest import load_transactions
    from jaga.finance.model import AccountModel
    from jaga.finance.pipeline import features_for
    from jaga.finance.rates import load_rates
    from jaga.finance.scoring import evaluate_rules, score_checkpoints

    try:
        valid = load_transactions(tx_file, load_rates(rates)).valid
        known = pl.read_csv(labels, schema_overrides={"account_id": pl.String, "label": pl.Int8})
    except (FinanceError, pl.exceptions.PolarsError, OSError) as error:
        fail(f"{error}", 2)
    if not {"account_id", "label"} <= set(known.columns):
        fail(f"{labels}: needs columns account_id,label", 2)
    accounts = score_checkpoints(
        evaluate_rules(features_for(enrich(valid, IndicatorConfig())))
    ).accounts
    rows = accounts.join(known.select("account_id", "label"), on="account_id", how="left")
    target = rows["label"].fill_null(0).to_numpy()
    if target.sum() == 0:
        fail("no labelled positive account appears in the transactions", 2)
    AccountModel.train(rows.with_columns(pl.col(FEATURE_COLUMNS).fill_null(0)), target).save(out)
    console.print(
        f"trained on {plural(rows.height, 'account')} ({int(target.sum())} positive): {out}"
    )


@finance_app.command("report")
def report_command(
    account: str = typer.Argument(..., help="The account to report."),
    tx_file: Path = typer.Option(..., "--tx", help="Transactions (CSV or Parquet)."),
    alerts_file: Path = typer.Option(..., "--alerts", help="alerts.csv from `score`."),
    out_dir: Path = typer.Option(Path("."), "--out-dir"),
    fiu: str = typer.Option("ppatk-4.0.2", "--fiu", help="goAML variant (configuration)."),
    rentity_id: int = typer.Option(1, "--rentity-id", help="Your goAML reporting-entity id."),
) -> None:
    """Write an STR draft for ACCOUNT: goAML XML and a readable HTML page."""
    from jaga.finance.report import write_report

    try:
        xml_path, html_path = write_report(account, tx_file, alerts_file, out_dir, fiu, rentity_id)
    except FinanceError as error:
        fail(str(error), 2)
    console.print(f"wrote {xml_path} and {html_path}")
