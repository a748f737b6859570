"""`jaga bank ...` through Typer's test runner, on both backends."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from jaga.banks.cli import register

from . import hashes

Invoke = Callable[..., tuple[int, str]]


@pytest.fixture
def run(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Invoke:
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


def test_bank_lifecycle_from_the_command_line(run: Invoke, tmp_path: Path) -> None:
    code, out = run("bank", "create", "known", "--scheme", "caid", "--threshold", "20",
                    "--signal-types", "pdq,md5")  # fmt: skip
    assert code == 0, out
    assert "created bank known" in out
    good = hashes.md5()
    path = tmp_path / "list.csv"
    path.write_text(f"signal_type,value,category\nmd5,{good},b\nmd5,nothex,\n", encoding="utf-8")
    quarantine = tmp_path / "q.csv"
    code, out = run("bank", "import", "known", str(path), "--quarantine-out", str(quarantine))
    assert code == 0, out
    assert "1 added" in out and "1 quarantined" in out
    assert "line 3: md5 value has 6 characters" in out
    assert good not in out  # hash values are never echoed
    with quarantine.open(encoding="utf-8") as handle:
        (row,) = list(csv.DictReader(handle))
    assert (row["row_number"], row["raw"]) == ("3", "md5,nothex,")

    code, out = run("bank", "list")
    assert code == 0 and "known" in out and "caid" in out
    code, out = run("bank", "show", "known")
    assert code == 0 and "pdq threshold 20" in out and "list.csv" in out

    exported = tmp_path / "out.jsonl"
    code, out = run("bank", "export", "known", "--format", "jsonl", "--output", str(exported))
    assert code == 0, out
    (line,) = exported.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["value"] == good and json.loads(line)["category"] == "B"

    assert run("bank", "disable", "known")[0] == 0
    assert "DISABLED" in run("bank", "show", "known")[1]
    assert run("bank", "enable", "known")[0] == 0

    code, out = run("bank", "delete", "known")
    assert code == 2 and "without --yes" in out
    code, out = run("bank", "delete", "known", "--yes")
    assert code == 0 and "1 entries" in out
    assert "no banks yet" in run("bank", "list")[1]


def test_usage_errors_are_messages_with_exit_code_2(run: Invoke, tmp_path: Path) -> None:
    code, out = run("bank", "show", "missing")
    assert code == 2 and "no bank named 'missing'" in out and "Traceback" not in out
    code, out = run("bank", "create", "Bad Name")
    assert code == 2 and "not a slug" in out
    run("bank", "create", "b")
    code, out = run("bank", "import", "b", str(tmp_path / "nope.csv"))
    assert code == 2 and "no such file" in out
    code, out = run("bank", "create", "c", "--threshold", "99")
    assert code == 2 and "threshold 99" in out
