"""`jaga finance ...` starts without the other domains' commands, and behaves the same."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

from jaga.cli import app
from jaga.launch import finance_app

runner = CliRunner()


def test_finance_start_path_imports_no_other_domain() -> None:
    code = (
        "import sys\n"
        "sys.argv = ['jaga', 'finance', '--help']\n"
        "from jaga.launch import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('jaga.'))\n"
        "print(' '.join(loaded))\n"
        "print('numpy' in sys.modules, 'PIL' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    modules_line, heavy_line = done.stdout.strip().splitlines()[-2:]
    modules = modules_line.split()
    assert "jaga.finance.cli" in modules
    assert not [m for m in modules if m.startswith(("jaga.hashing", "jaga.robust", "jaga.api"))]
    assert heavy_line == "False False"


def test_finance_only_app_gives_the_same_help_as_the_full_app() -> None:
    for args in (["finance", "--help"], ["finance", "score", "--help"], ["finance", "nope"]):
        full = runner.invoke(app, args)
        short = runner.invoke(finance_app(), args)
        assert (short.exit_code, short.output) == (full.exit_code, full.output)
        assert full.output


def test_other_commands_still_go_through_the_full_app() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import sys; sys.argv=['jaga','--help']; "
         "from jaga.launch import main; main()"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0
    assert "finance" in done.stdout and "hash" in done.stdout
