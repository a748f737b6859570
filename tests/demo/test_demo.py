"""`jaga demo` (what `make run` shows): every altered copy found, strangers left alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jaga.cli import app


def test_demo_finds_every_altered_copy_and_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JAGA_DATA_DIR", str(tmp_path / "var"))
    result = CliRunner().invoke(app, ["demo"])
    assert result.exit_code == 0, result.output

    report = json.loads((tmp_path / "var/demo/report.json").read_text(encoding="utf-8"))
    files = {f["path"].split("/incoming/", 1)[1]: f for f in report["files"]}
    for sample in range(1, 6):
        for copy in ("jpeg50", "half", "mirror", "rot90", "exact-copy"):
            assert files[f"sample-{sample}-{copy}.jpg"]["matched"], (sample, copy)
    assert files["shared-album.zip!album/holiday.jpg"]["matched"]
    assert files["shared-album.zip!album/beach.jpg"]["matched"]
    for seed in (101, 202, 303):
        assert not files[f"unrelated-{seed}.jpg"]["matched"]
    assert not files["broken.jpg"]["matched"] and files["broken.jpg"]["error"]
    # sample-6 is on the demo allow-list: its look-alikes are silenced, its exact copy is not.
    for copy in ("jpeg50", "half", "mirror", "rot90"):
        assert files[f"sample-6-{copy}.jpg"]["allow_listed_by"]
        assert not files[f"sample-6-{copy}.jpg"]["matched"]
    exact = files["sample-6-exact-copy.jpg"]
    assert exact["matched"] and {m["signal_type"] for m in exact["matches"]} == {
        "md5",
        "sha1",
        "sha256",
    }
    assert report["summary"]["matched_files"] == 28
