"""Running one package's CLI commands in-process, as `jaga` would, for CLI tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import typer
from typer.testing import CliRunner

Invoke = Callable[..., tuple[int, str]]


def invoker(
    register: Callable[[typer.Typer], None], database_url: str, monkeypatch: pytest.MonkeyPatch
) -> Invoke:
    """`invoke(*args) -> (exit code, output)` for the commands `register` adds, on
    `database_url`. Only SystemExit may end a command: any other exception fails the test."""
    monkeypatch.setenv("JAGA_DATABASE_URL", database_url)
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """Test root."""

    register(app)
    runner = CliRunner()

    def invoke(*args: str) -> tuple[int, str]:
        result = runner.invoke(app, list(args))
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            result.exception
        )
        return result.exit_code, result.output

    return invoke
