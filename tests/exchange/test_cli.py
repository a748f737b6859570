"""`jaga bank import --format vics` on a quirky VICS 2.0 file, and `jaga bank export --format X`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from jaga.banks.cli import register
from jaga.banks.formats import FILE_FORMATS

from . import samples
from .samples import hashes

Invoke = Callable[..., tuple[int, str]]


@pytest.fixture(scope="module")
def run(module_database_url: str) -> Invoke:
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """Test root."""

    register(app)
    runner = CliRunner()

    def invoke(*args: str) -> tuple[int, str]:
        result = runner.invoke(app, list(args), env={"JAGA_DATABASE_URL": module_database_url})
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            result.exception
        )
        return result.exit_code, result.output

    return invoke


def quirky_vics(path: Path) -> tuple[Path, dict[int, str], int]:
    """A VICS 2.0 case file, one Media per line: the quirks every importer must accept,
    and bad records. Returns the path, {line: reason expected}, and the entries expected."""
    first_md5 = hashes.md5().upper()
    media = [
        # Quirks: "true"/"false" strings, upper-case hex, IsPrecategorized contradicting Category.
        {
            "MD5": first_md5,
            "SHA1": hashes.sha1().upper(),
            "Category": 1,
            "IsPrecategorized": "false",
            "IsDistributed": "true",
            "MediaSize": "488",
        },
        {
            "MD5": hashes.md5(),
            "Category": "2",
            "IsPrecategorized": "TRUE",
            "VictimIdentified": "false",
        },
        {"MD5": hashes.md5(), "Category": 0, "IsPrecategorized": True},
        # Bad records.
        {"MD5": hashes.md5()[:-3], "Category": 1},
        {"MD5": "z" * 32, "Category": 1},
        {"MD5": first_md5.lower(), "Category": 1},
        {"MD5": hashes.md5(), "Category": 9},
        {"MD5": hashes.md5(), "Category": 1, "IsDistributed": "maybe"},
        {"Category": 1, "Series": "no hash"},
        {"MD5": "d41d8cd98f00b204e9800998ecf8427e", "Category": 1},
    ]
    head = (
        '{"@odata.context": "http://github.com/ICMEC/ProjectVic/DataModels/2.0.xml/US/'
        '$metadata#Cases",\n "value": [{"CaseID": "6f1c1a3e-0000-4000-8000-000000000001",\n'
        '  "Media": [\n'
    )
    lines = ",\n".join("   " + json.dumps(item) for item in media)
    path.write_text(head + lines + "\n  ]}]}\n", encoding="utf-8")
    first = 4  # the line of the first Media
    expected = {
        first + 3: "md5 value has 29 characters; expected 32 hex digits",
        first + 4: "md5 value is not hexadecimal",
        first + 5: f"duplicate Media key '{first_md5.lower()}' (first at line {first}",
        first + 6: "unknown vic category '9'",
        first + 7: "IsDistributed 'maybe' is not true/false",
        first + 8: "Media without MD5 or SHA1",
        first + 9: "the md5 of an empty (0-byte) file",
    }
    return path, expected, 4


def test_vics_import_takes_every_valid_entry_and_reports_the_rest_by_line(
    run: Invoke, tmp_path: Path
) -> None:
    code, out = run("bank", "create", "vic-cli", "--scheme", "vic")
    assert code == 0, out
    path, expected, entries = quirky_vics(tmp_path / "case.json")
    code, out = run("bank", "import", "vic-cli", "--format", "vics", str(path))
    assert code == 0, out
    flat = " ".join(out.split())
    assert f"10 rows read, {entries} added" in flat and f"{len(expected)} quarantined" in flat, out
    for line, reason in expected.items():
        assert f"line {line}: {reason}" in out, (line, out)
    code, out = run("bank", "show", "vic-cli")
    assert code == 0 and "md5" in out


@pytest.mark.parametrize("fmt", FILE_FORMATS)
def test_export_writes_every_format_and_it_reads_back(
    run: Invoke, tmp_path: Path, fmt: str
) -> None:
    bank, copy = f"export-{fmt}", f"reimport-{fmt}"
    assert run("bank", "create", bank, "--scheme", "industry")[0] == 0
    assert run("bank", "create", copy, "--scheme", "industry")[0] == 0
    assert run("bank", "import", bank, str(samples.ncmec(tmp_path / "entries.xml")))[0] == 0
    assert (
        run("bank", "import", bank, "--format", "hma", str(samples.hma(tmp_path / "h.csv")))[0] == 0
    )
    exported = tmp_path / f"export.{fmt}"
    code, out = run("bank", "export", bank, "--format", fmt, "-o", str(exported))
    assert code == 0, out
    written = int(out.split("exported ")[1].split(" ")[0])
    # What each format can hold of these 5 NCMEC entries (md5, sha1, pdq) and 3 HMA ones.
    assert written == {"vics": 5, "icse": 5, "stopncii": 7, "hma": 7}.get(fmt, 8), out
    code, out = run("bank", "import", copy, "--format", fmt, str(exported))
    assert code == 0, out
    flat = " ".join(out.split())
    assert f"{written} added" in flat and "0 quarantined" in flat, out
    code, out = run("bank", "export", bank, "--format", fmt)  # to stdout
    assert code == 0 and out.strip(), out
