"""`jaga bank ...` through Typer's test runner, on both backends."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_invoke import Invoke, invoker

from jaga.banks.cli import register
from jaga.terminal import BROKEN_PIPE_EXIT

from . import hashes


@pytest.fixture
def run(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Invoke:
    return invoker(register, database_url, monkeypatch)


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
    assert "2 rows read, 1 added" in out and "1 quarantined" in out
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
    assert code == 0 and "its 1 entry" in out
    assert "no banks yet" in run("bank", "list")[1]


def test_usage_errors_are_messages_with_exit_code_2(run: Invoke, tmp_path: Path) -> None:
    code, out = run("bank", "show", "missing")
    assert code == 2 and "no bank named 'missing'" in out and "Traceback" not in out
    code, out = run("bank", "create", "Bad Name")
    assert code == 2 and "not allowed" in out
    run("bank", "create", "b")
    code, out = run("bank", "import", "b", str(tmp_path / "nope.csv"))
    assert code == 2 and "no such file" in out
    code, out = run("bank", "create", "c", "--threshold", "99")
    assert code == 2 and "threshold 99" in out


def test_empty_file_fails_and_header_only_file_warns(run: Invoke, tmp_path: Path) -> None:
    run("bank", "create", "b")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    header_only = tmp_path / "header.csv"
    header_only.write_text("signal_type,value\n", encoding="utf-8")
    good = tmp_path / "good.csv"
    good.write_text(f"signal_type,value\nmd5,{hashes.md5()}\n", encoding="utf-8")

    code, out = run("bank", "import", "b", str(empty), str(good))
    assert code == 1, out
    assert f"error: no rows in {empty}" in out
    assert "good.csv: 1 row read, 1 added" in out  # the other files still import

    code, out = run("bank", "import", "b", str(header_only))
    assert code == 0, out
    assert "0 rows read" in out and f"warning: no rows in {header_only} after its header" in out


def test_missing_bank_advice_depends_on_the_command(run: Invoke, tmp_path: Path) -> None:
    run("bank", "create", "alpha")
    for command in (["show"], ["export"], ["disable"], ["enable"], ["delete", "--yes"],
                    ["quarantine"]):  # fmt: skip
        code, out = run("bank", command[0], "missing", *command[1:])
        assert code == 2, (command, out)
        assert "no bank named 'missing' (known banks: alpha); see `jaga bank list`" in out
        assert "create" not in out
    path = tmp_path / "l.csv"
    path.write_text(f"signal_type,value\nmd5,{hashes.md5()}\n", encoding="utf-8")
    code, out = run("bank", "import", "missing", str(path))
    assert code == 2 and "create it first: `jaga bank create missing`" in out


def test_quarantine_command_writes_stored_rows(run: Invoke, tmp_path: Path) -> None:
    run("bank", "create", "b")
    first, second = tmp_path / "one.csv", tmp_path / "two.csv"
    first.write_text("signal_type,value\nmd5,nothex\n", encoding="utf-8")
    second.write_text("signal_type,value\n\nphotodna,abc\n", encoding="utf-8")
    run("bank", "import", "b", str(first), str(second))
    code, out = run("bank", "show", "b")
    assert code == 0 and "2 quarantined rows" in out and "jaga bank quarantine b" in out

    code, out = run("bank", "quarantine", "b")
    assert code == 0, out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["row_number"], r["raw"]) for r in rows] == [
        ("2", "md5,nothex"),
        ("3", "photodna,abc"),
    ]
    assert rows[0]["reason"].startswith("md5 value has 6 characters")
    assert rows[1]["reason"].startswith("unknown signal type 'photodna'")

    target = tmp_path / "q.csv"
    code, out = run("bank", "quarantine", "b", "--run", rows[1]["run"], "--output", str(target))
    assert code == 0 and "wrote 1 quarantined row of b" in out
    with target.open(encoding="utf-8") as handle:
        (only,) = list(csv.DictReader(handle))
    assert only == rows[1]
    code, out = run("bank", "quarantine", "b", "--run", "999")
    assert code == 2 and "bank 'b' has no import run 999" in out


def test_export_into_a_closed_pipe_exits_quietly(
    run: Invoke, database_url: str, tmp_path: Path
) -> None:
    run("bank", "create", "big")
    path = tmp_path / "big.csv"
    lines = "".join(f"md5,{hashes.md5()}\n" for _ in range(3000))  # ~500 kB of JSON lines
    path.write_text("signal_type,value\n" + lines, encoding="utf-8")
    assert run("bank", "import", "big", str(path))[0] == 0
    command = [sys.executable, "-c", "from jaga.cli import main; main()",
               "bank", "export", "big", "--format", "jsonl"]  # fmt: skip
    env = {**os.environ, "JAGA_DATABASE_URL": database_url}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert process.stdout is not None and process.stderr is not None
    assert len(process.stdout.read(300)) == 300  # like `| head -c 300`
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == BROKEN_PIPE_EXIT, stderr
    assert stderr == ""
