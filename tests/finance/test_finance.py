"""Payment monitoring: validation, synthetic data, rules with sources, incremental state, STR."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from jaga.cli import app
from jaga.finance.ingest import load_transactions
from jaga.finance.pipeline import score_transactions
from jaga.finance.rates import load_rates
from jaga.finance.synth import account_labels, generate
from jaga.finance.typologies import RULES

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
PPATK_XSD = (
    SHARED / "formats" / "goaml" / "ppatk-id-4.0.2" / "goAMLSchemaPPATK 4.0.2 09.12.2019.xsd"
)
runner = CliRunner()


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("finance") / "tx.parquet"
    generate(120_000, "hi", 3).write_parquet(path)
    return path


def test_malformed_rows_are_reported_by_row_and_field_and_good_rows_kept(tmp_path: Path) -> None:
    csv = tmp_path / "tx.csv"
    csv.write_text(
        "tx_id,timestamp,sender_id,receiver_id,amount,currency,sender_country,receiver_country,"
        "channel,memo\n"
        "t1,2024-05-01T21:30:00+10:00,a,b,50,AUD,AU,PH,msb,school\n"
        "t2,2024-05-01 21:30:00,a,b,50,AUD,AU,PH,msb,\n"
        "t3,2024-05-02T01:00:00Z,a,b,-5,XXX,ZZ,PH,pigeon,\n"
        "t1,2024-05-02T01:00:00Z,,b,5,usd,us,ph,MSB,\n"
        "t5,2024-05-02T02:00:00Z,a,c,40,usd,us,ph,MSB,\n"
    )
    result = load_transactions(csv, load_rates())
    assert result.valid["tx_id"].to_list() == ["t1", "t5"]
    assert result.valid["usd"].to_list() == pytest.approx([33.0, 40.0])
    found = {(e.row, e.field) for e in result.errors}
    assert found == {
        (2, "timestamp"),
        (3, "amount"),
        (3, "currency"),
        (3, "sender_country"),
        (3, "channel"),
        (4, "sender_id"),
        (4, "tx_id"),
    }
    out = tmp_path / "alerts.csv"
    cli = runner.invoke(app, ["finance", "score", str(csv), "--out", str(out)])
    assert cli.exit_code == 0, cli.output
    rejected = pl.read_csv(tmp_path / "alerts.rejected.csv")
    assert set(rejected["row"].to_list()) == {2, 3, 4}
    assert "row 3, field amount" in cli.output


def test_synth_is_seeded_and_labelled() -> None:
    first, again = generate(20_000, "li", 5), generate(20_000, "li", 5)
    assert first.equals(again)
    labels = account_labels(first)
    assert labels["label"].sum() > 0
    assert set(labels.filter(pl.col("label") == 1)["role"]) >= {"consumer", "facilitator"}


def test_every_alert_names_indicators_and_sources(synthetic: Path, tmp_path: Path) -> None:
    out = tmp_path / "alerts.csv"
    cli = runner.invoke(app, ["finance", "score", str(synthetic), "--out", str(out)])
    assert cli.exit_code == 0, cli.output
    alerts = pl.read_csv(out)
    assert alerts.columns == [
        "account_id", "role", "score", "severity", "typologies", "reasons", "first_seen",
        "evidence_tx_ids",
    ]  # fmt: skip
    assert alerts.height > 0
    rule_ids = tuple(rule.rule_id for rule in RULES)
    for reasons in alerts["reasons"]:
        assert "[source: " in reasons
        assert any(reasons.startswith(rule_id) for rule_id in rule_ids)
    # One indicator alone is never more than low severity.
    single = alerts.filter(~pl.col("reasons").str.contains(r" \| "))
    assert set(single["severity"]) <= {"low"}
    # The planted offenders are found far above the base rate.
    labels = account_labels(pl.read_parquet(synthetic))
    hits = alerts.join(labels, on="account_id")
    base_rate = labels["label"].mean()
    assert isinstance(base_rate, float)
    assert hits["label"].mean() > 5 * base_rate  # type: ignore[operator]


def test_incremental_days_update_state_without_history(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JAGA_DATA_DIR", str(tmp_path / "var"))
    frame = pl.read_parquet(synthetic)
    days = frame["timestamp"].dt.date()
    last = days.max()
    older = tmp_path / "older.parquet"
    newest = tmp_path / "newest.parquet"
    frame.filter(days < last).write_parquet(older)
    frame.filter(days == last).write_parquet(newest)
    for part in (older, newest):
        out = tmp_path / f"alerts-{part.stem}.csv"
        cli = runner.invoke(
            app, ["finance", "score", str(part), "--incremental", "--out", str(out)]
        )
        assert cli.exit_code == 0, cli.output
    state = tmp_path / "var" / "finance"
    assert (state / "pair_days.parquet").exists()
    daily = pl.read_csv(tmp_path / "alerts-newest.csv")
    # The newest day alone holds too little to alert on; the stored aggregates carry history:
    # the incremental run alerts on accounts the day alone does not show, and those are
    # accounts a batch run over the whole history alerts on too. (Until 3 Dec 2026 this
    # compared counts; the incremental run then also listed ~200 fans of the generator's
    # creators, which the open-audience test of audience.py now recognises.)
    alone = score_transactions(load_transactions(newest, load_rates()).valid).alerts
    batch = score_transactions(load_transactions(synthetic, load_rates()).valid).alerts
    carried = set(daily["account_id"]) - set(alone["account_id"])
    assert carried
    assert carried <= set(batch["account_id"])


def test_str_draft_validates_against_ppatk_goaml(synthetic: Path, tmp_path: Path) -> None:
    etree = pytest.importorskip("lxml.etree")
    if not PPATK_XSD.exists():
        pytest.skip(f"goAML schema not found at {PPATK_XSD} (../shared is absent)")
    alerts = tmp_path / "alerts.csv"
    runner.invoke(app, ["finance", "score", str(synthetic), "--out", str(alerts)])
    account = pl.read_csv(alerts)["account_id"][0]
    cli = runner.invoke(
        app,
        ["finance", "report", account, "--tx", str(synthetic), "--alerts", str(alerts),
         "--out-dir", str(tmp_path / "str")],
    )  # fmt: skip
    assert cli.exit_code == 0, cli.output
    schema = etree.XMLSchema(etree.parse(str(PPATK_XSD)))
    document = etree.parse(str(next((tmp_path / "str").glob("*.xml"))))
    assert schema.validate(document), schema.error_log
    page = next((tmp_path / "str").glob("*.html")).read_text()
    assert "<svg" in page and account in page and "source:" in page


def test_trained_model_explains_each_alert(synthetic: Path, tmp_path: Path) -> None:
    labels = tmp_path / "labels.csv"
    account_labels(pl.read_parquet(synthetic)).select("account_id", "label").write_csv(labels)
    model = tmp_path / "model.txt"
    cli = runner.invoke(
        app, ["finance", "train", str(synthetic), "--labels", str(labels), "--out", str(model)]
    )
    assert cli.exit_code == 0, cli.output
    out = tmp_path / "alerts.csv"
    cli = runner.invoke(
        app, ["finance", "score", str(synthetic), "--model", str(model), "--out", str(out)]
    )
    assert cli.exit_code == 0, cli.output
    alerts = pl.read_csv(out)
    assert alerts.height > 0
    assert all("MODEL LightGBM contributions (SHAP" in r for r in alerts["reasons"])
    assert all("[source: " in r for r in alerts["reasons"])
