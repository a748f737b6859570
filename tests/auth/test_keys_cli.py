"""`jaga keys ...` through Typer's test runner, on both backends."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

import pytest
import typer
from click.testing import Result
from sqlalchemy import Engine
from typer.testing import CliRunner

from jaga.auth import cli as keys_cli
from jaga.auth.keys import KeyService

Invoke = Callable[..., Result]


def key_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@pytest.fixture
def run(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Invoke:
    monkeypatch.setenv("JAGA_DATABASE_URL", database_url)
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """Test root: only `keys`, so other command groups cannot break these tests."""

    keys_cli.register(app)
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        result = runner.invoke(app, list(args))
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            result.exception
        )
        return result

    return invoke


def test_create_list_revoke(run: Invoke, engine: Engine) -> None:
    created = run("keys", "create", "worker", "--scope", "hash", "--scope", "match",
                  "--rate-limit", "120")  # fmt: skip
    assert created.exit_code == 0, created.output
    secret = created.stdout.strip()  # stdout holds the secret alone, for scripts
    assert secret.startswith("jaga_") and len(secret) == 45
    assert "cannot be shown again" in created.stderr
    assert "created API key worker (scopes hash,match; rate limit 120/min" in created.stderr

    service = KeyService(engine)
    key = service.authenticate(secret)
    assert key is not None and key.scopes == {"hash", "match"}

    assert run("keys", "create", "ops", "--scopes", "banks:read,banks:write",
               "--rate-limit", "0").exit_code == 0  # fmt: skip
    listed = run("keys", "list")  # 80 columns: the three times share one cell
    assert listed.exit_code == 0, listed.output
    assert "worker" in listed.output and secret[:13] in listed.output
    assert "hash, match" in listed.output and " 120 " in listed.output
    assert "banks:read," in listed.output and "unlimited" in listed.output
    assert "used never" in listed.output
    assert secret[13:] not in listed.output and key_hash(secret) not in listed.output

    revoked = run("keys", "revoke", "worker")
    assert revoked.exit_code == 0 and "revoked API key worker" in revoked.output
    assert service.authenticate(secret) is None
    again = run("keys", "revoke", "worker")
    assert again.exit_code == 0 and "already revoked" in again.output


def test_wide_terminals_get_one_column_per_time(
    run: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = run("keys", "create", "worker", "--scope", "admin").stdout.strip()
    run("keys", "revoke", "worker")
    monkeypatch.setattr(keys_cli.console, "width", keys_cli.WIDE_TABLE_COLUMNS)
    listed = run("keys", "list")
    header = listed.output.splitlines()[0].split()
    assert header == [
        "name",
        "prefix",
        "scopes",
        "per",
        "min",
        "created",
        "last",
        "used",
        "revoked",
    ]
    (row,) = [line for line in listed.output.splitlines() if line.strip().startswith("worker")]
    assert secret[:13] in row and "admin" in row and "6,000" in row and "never" in row
    assert len(re.findall(r"\d{4}-\d\d-\d\d \d\d:\d\d", row)) == 2  # created, revoked


def test_usage_errors_are_one_line_messages_with_exit_code_2(run: Invoke) -> None:
    for args, message in [
        (["keys", "create", "worker"], "at least one scope"),
        (["keys", "create", "worker", "--scope", "root"], "unknown scope 'root'"),
        (["keys", "create", "Bad Name", "--scope", "hash"], "not a slug"),
        (["keys", "create", "worker", "--scope", "hash", "--rate-limit", "-5"], "rate limit -5"),
        (["keys", "revoke", "missing"], "no API key named 'missing'"),
    ]:
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert result.output.startswith("error: ") and message in result.output, result.output
        assert "Traceback" not in result.output
    assert run("keys", "create", "worker", "--scope", "hash").exit_code == 0
    duplicate = run("keys", "create", "worker", "--scope", "match")
    assert duplicate.exit_code == 2 and "already exists" in duplicate.output
    assert "no API key named 'x' (known keys: worker)" in run("keys", "revoke", "x").output


def test_empty_list_says_how_to_create_a_key(run: Invoke) -> None:
    listed = run("keys", "list")
    assert listed.exit_code == 0 and "no API keys yet" in listed.output
