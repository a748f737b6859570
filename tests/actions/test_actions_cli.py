"""`jaga bank actions`, `jaga review` and `jaga webhooks` through Typer's runner, both backends."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from click.testing import Result
from sqlalchemy import Engine
from typer.testing import CliRunner

from jaga.actions import outbox
from jaga.actions.recorder import MatchedContent, record
from jaga.actions.rules import ActionService
from jaga.banks.service import BankService
from jaga.cli import app
from jaga.detection.matcher import Match

Invoke = Callable[..., Result]


@pytest.fixture
def run(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Invoke:
    monkeypatch.setenv("JAGA_DATABASE_URL", database_url)
    monkeypatch.delenv("JAGA_WEBHOOK_ALLOW_PRIVATE", raising=False)
    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
        result = runner.invoke(app, list(args), env=env)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            result.exception
        )
        return result

    return invoke


def test_bank_actions_review_and_webhooks(run: Invoke, engine: Engine) -> None:
    BankService(engine).create_bank("KNOWN")
    shown = run("bank", "actions", "KNOWN")
    assert shown.exit_code == 0 and "webhook     none" in shown.stdout

    refused = run("bank", "actions", "KNOWN", "--webhook", "http://127.0.0.1:9/hook",
                  "--generate-secret")  # fmt: skip
    assert refused.exit_code == 2 and "JAGA_WEBHOOK_ALLOW_PRIVATE" in refused.stderr
    no_secret = run("bank", "actions", "KNOWN", "--webhook", "https://hooks.example.org/j")
    assert no_secret.exit_code == 2 and "--generate-secret" in no_secret.stderr
    unset = run("bank", "actions", "KNOWN", "--webhook", "https://hooks.example.org/j",
                "--secret-env", "NOT_SET_ANYWHERE")  # fmt: skip
    assert unset.exit_code == 2 and "NOT_SET_ANYWHERE is not set" in unset.stderr
    assert run("bank", "actions", "NOPE", "--review").exit_code == 2

    made = run("bank", "actions", "KNOWN", "--webhook", "https://hooks.example.org/j",
               "--generate-secret", "--review", "--auto-block")  # fmt: skip
    assert made.exit_code == 0, made.output
    secret = made.stdout.strip()  # alone on stdout, for scripts
    assert secret.startswith("whsec_") and "cannot be shown again" in made.stderr
    again = run("bank", "actions", "KNOWN")
    assert "https://hooks.example.org/j (signed; secret set)" in again.stdout
    assert secret not in again.stdout
    rotated = run("bank", "actions", "KNOWN", "--secret-env", "S", env={"S": "s" * 20})
    assert rotated.exit_code == 0 and "s" * 20 not in rotated.output

    service = ActionService(engine)
    assert service.get("KNOWN").auto_block is True
    match = Match("KNOWN", 7, "md5", "A1", 0, "exact md5", None, "list.csv", "case-1", False)
    (outcome,) = record(
        engine,
        service.rules(),
        [MatchedContent("md5:" + "a" * 32, {"signal_type": "md5"}, [match])],
        requested_by="cli-test",
    )
    assert outcome.auto_block and len(outcome.review_item_ids) == 1

    listed = run("review", "list")
    assert listed.exit_code == 0 and "#7 A1 d0" in listed.stdout and "1 item" in listed.stdout
    (line,) = run("review", "list", "--json").stdout.splitlines()
    assert json.loads(line)["matches"][0]["original_id"] == "case-1"
    item_id = str(outcome.review_item_ids[0])
    assert run("review", "close", item_id, "--decision", "confirmed").exit_code == 0
    assert "no open review items" in run("review", "list").stdout
    assert run("review", "close", item_id, "--decision", "again").exit_code == 2

    (event_id,) = outcome.webhook_event_ids
    events = run("webhooks", "list")
    assert event_id in events.stdout and "1 pending, 0 dead" in events.stdout
    (claimed,) = outbox.claim(engine, limit=1, lease_seconds=30)
    outbox.mark_failed(engine, claimed, error="HTTP 500", status=500, retry_in=None)
    dead = run("webhooks", "list", "--status", "dead")
    assert "HTTP 500" in dead.stdout and "0 pending, 1 dead" in dead.stdout
    assert run("webhooks", "retry").exit_code == 2
    assert "requeued 1 dead event" in run("webhooks", "retry", event_id).stdout
    (claimed,) = outbox.claim(engine, limit=1, lease_seconds=30)
    outbox.mark_delivered(engine, claimed, status=200)
    assert "deleted 0 delivered events" in run("webhooks", "prune").stdout  # too recent
    pruned = run("webhooks", "prune", "--older-than-days", "0")
    assert pruned.exit_code == 0 and "deleted 1 delivered event" in pruned.stdout
    assert event_id not in run("webhooks", "list").stdout

    removed = run("bank", "actions", "KNOWN", "--no-webhook", "--no-review", "--no-auto-block")
    assert removed.exit_code == 0 and "webhook     none" in removed.stdout
    assert service.rules() == {}
