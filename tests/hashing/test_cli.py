from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from jaga.hashing.cli import register
from jaga.hashing.pdq import hamming_distance_hex
from jaga.terminal import BROKEN_PIPE_EXIT

from .drawing import encode, natural_image


@pytest.fixture
def app() -> typer.Typer:
    application = typer.Typer()
    register(application)

    @application.callback()
    def _root() -> None:
        """Keeps `hash` a named subcommand, as under `jaga`."""

    return application


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    frames = [natural_image(31, 160, 120), natural_image(32, 160, 120)]
    (tmp_path / "one.jpg").write_bytes(encode(natural_image(30, 300, 200), "JPEG"))
    (tmp_path / "two.gif").write_bytes(
        encode(frames[0], "GIF", save_all=True, append_images=frames[1:])
    )
    (tmp_path / "three.png").write_bytes(b"\x89PNG\r\n\x1a\n broken")
    return tmp_path


def run(app: typer.Typer, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["hash", *args])
    return result.exit_code, result.stdout


def test_jsonl(app: typer.Typer, folder: Path) -> None:
    code, out = run(app, str(folder), "--format", "jsonl", "--workers", "1", "--dihedral")
    assert code == 0
    records = {Path(r["path"]).name: r for r in map(json.loads, out.splitlines())}
    assert set(records) == {"one.jpg", "two.gif", "three.png"}
    one = records["one.jpg"]
    assert one["format"] == "JPEG" and (one["width"], one["height"]) == (300, 200)
    assert len(one["pdq"]) == 64 and isinstance(one["quality"], int)
    assert "frames" not in one and len(one["dihedral"]) == 7 and one["error"] is None
    assert [f["frame"] for f in records["two.gif"]["frames"]] == [0, 1]
    broken = records["three.png"]
    assert broken["pdq"] is None and broken["error"] and len(broken["sha256"]) == 64


def test_csv_rows_per_frame_and_pool(app: typer.Typer, folder: Path) -> None:
    code, out = run(app, str(folder), "--format", "csv", "--workers", "2")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == [
        "path",
        "frame",
        "pdq",
        "quality",
        "md5",
        "sha1",
        "sha256",
        "format",
        "width",
        "height",
        "error",
    ]
    assert [Path(row["path"]).name for row in rows] == [
        "one.jpg",
        "three.png",
        "two.gif",
        "two.gif",
    ]
    assert rows[1]["pdq"] == "" and rows[1]["error"]
    assert hamming_distance_hex(rows[2]["pdq"], rows[3]["pdq"]) > 32


def test_table_and_output_file(app: typer.Typer, folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    code, _ = run(app, str(folder / "one.jpg"), "--format", "table", "--output", str(target))
    assert code == 0
    text = target.read_text()
    assert "one.jpg" in text and "JPEG" in text and "300x200" in text
    header = text.splitlines()[1]
    assert "pixels" in header and "size" not in header  # `size` means bytes, as in JSON


def test_exit_codes(app: typer.Typer, folder: Path) -> None:
    assert run(app, str(folder), "--strict", "--workers", "1")[0] == 1
    assert run(app, str(folder / "three.png"), "--workers", "1")[0] == 1


def test_missing_path_is_a_one_line_error(app: typer.Typer, folder: Path) -> None:
    result = CliRunner().invoke(app, ["hash", str(folder / "missing.jpg")])
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"error: no such file or folder: {folder / 'missing.jpg'} (check the path)\n"
    )
    assert "Usage" not in result.output


def test_failure_summary_uses_singular_and_plural(app: typer.Typer, folder: Path) -> None:
    one = CliRunner().invoke(app, ["hash", str(folder / "three.png"), "--workers", "1"])
    assert "1 of 1 file failed:" in one.stderr
    both = [str(folder / "three.png"), str(folder / "one.jpg")]
    two = CliRunner().invoke(app, ["hash", *both, "--workers", "1"])
    assert "1 of 2 files failed:" in two.stderr


def test_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    for index in range(100):  # ~100 kB of JSON lines with --dihedral, more than a pipe holds
        (tmp_path / f"{index}.png").write_bytes(encode(natural_image(index, 48, 48), "PNG"))
    command = [sys.executable, "-c", "from jaga.cli import main; main()",
               "hash", str(tmp_path), "--dihedral", "--workers", "1"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    assert len(process.stdout.read(300)) == 300  # like `| head -c 300`
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == BROKEN_PIPE_EXIT, stderr
    assert "Broken pipe" not in stderr and "Traceback" not in stderr
