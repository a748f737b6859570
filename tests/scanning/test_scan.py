"""`jaga scan` end to end on drawn pictures: altered copies found, strangers not,
archives opened, unreadable files listed, reports written, exit codes meaningful."""

from __future__ import annotations

import csv
import io
import json
import tarfile
import zipfile
from pathlib import Path

import pytest
from PIL import Image, ImageOps
from typer.testing import CliRunner

from jaga.banks.service import BankService
from jaga.cli import app
from jaga.demo.drawing import draw_scene
from jaga.detection.matcher import BankMatcher
from jaga.hashing.hasher import hash_file
from jaga.scanning.report import report_json, write_csv
from jaga.scanning.scan import ScanOptions, run_scan

KNOWN_SEEDS = (1, 2, 3)
STRANGER_SEEDS = (50, 51, 52, 53)


def jpeg_bytes(image: Image.Image, quality: int = 90) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


@pytest.fixture
def scan_folder(tmp_path: Path) -> tuple[Path, Path, dict[str, int]]:
    """Known originals (kept apart), and a folder of their altered copies and strangers."""
    originals, folder = tmp_path / "originals", tmp_path / "incoming"
    originals.mkdir()
    (folder / "nested" / "deeper").mkdir(parents=True)
    expected: dict[str, int] = {}
    for seed in KNOWN_SEEDS:
        image = draw_scene(seed)
        (originals / f"known-{seed}.png").write_bytes(_png(image))
        (folder / f"q50-{seed}.jpg").write_bytes(jpeg_bytes(image, 50))
        (folder / "nested" / f"half-{seed}.jpg").write_bytes(jpeg_bytes(image.reduce(2)))
        (folder / "nested" / "deeper" / f"mirror-{seed}.jpg").write_bytes(
            jpeg_bytes(ImageOps.mirror(image))
        )
        (folder / f"rot90-{seed}.png").write_bytes(_png(image.transpose(Image.Transpose.ROTATE_90)))
        for name in (
            f"q50-{seed}.jpg",
            f"nested/half-{seed}.jpg",
            f"nested/deeper/mirror-{seed}.jpg",
            f"rot90-{seed}.png",
        ):
            expected[name] = seed
    for seed in STRANGER_SEEDS:
        (folder / f"stranger-{seed}.jpg").write_bytes(jpeg_bytes(draw_scene(seed)))
    inner = io.BytesIO()
    with tarfile.open(fileobj=inner, mode="w:gz") as tar:
        data = jpeg_bytes(draw_scene(KNOWN_SEEDS[0]).reduce(2), 70)
        info = tarfile.TarInfo("photos/copy.jpg")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    with zipfile.ZipFile(folder / "bundle.zip", "w") as bundle:
        bundle.writestr("inner.tar.gz", inner.getvalue())
        bundle.writestr("stranger.jpg", jpeg_bytes(draw_scene(60)))
    expected["bundle.zip!inner.tar.gz!photos/copy.jpg"] = KNOWN_SEEDS[0]
    (folder / "truncated.jpg").write_bytes(jpeg_bytes(draw_scene(61))[:1500])
    (folder / "notes.txt").write_text("not an image", encoding="utf-8")
    (folder / "q50-dup.jpg").write_bytes((folder / f"q50-{KNOWN_SEEDS[1]}.jpg").read_bytes())
    expected["q50-dup.jpg"] = KNOWN_SEEDS[1]
    return originals, folder, expected


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _seed_bank(service: BankService, originals: Path, tmp_path: Path) -> None:
    lines = []
    for path in sorted(originals.iterdir()):
        record = hash_file(path)
        seed = path.stem.split("-")[1]
        lines.append(
            json.dumps(
                {
                    "pdq": record.pdq[0].hex,
                    "quality": record.pdq[0].quality,
                    "md5": record.md5,
                    "id": seed,
                    "category": "B1",
                }
            )
        )
    source = tmp_path / "known.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    service.create_bank("known")
    report = service.import_file("known", source)
    assert report.added == 2 * len(KNOWN_SEEDS), report


def _relative(path: str, folder: Path) -> str:
    return path.removeprefix(str(folder) + "/")


def test_scan_finds_altered_copies_and_nothing_else(
    bank_service: BankService, scan_folder: tuple[Path, Path, dict[str, int]], tmp_path: Path
) -> None:
    originals, folder, expected = scan_folder
    _seed_bank(bank_service, originals, tmp_path)
    report = run_scan([folder], BankMatcher(bank_service), ScanOptions(workers=2))

    matched = {_relative(f.path, folder): f for f in report.matched}
    assert set(matched) == set(expected)
    for name, seed in expected.items():
        match = matched[name].result.matches[0]
        assert (match.bank, match.original_id, match.category) == ("known", str(seed), "B1")
        assert match.distance <= 31
    mirror = matched[f"nested/deeper/mirror-{KNOWN_SEEDS[0]}.jpg"].result.matches[0]
    assert mirror.how == "PDQ, query mirrored left to right"
    rotated = matched[f"rot90-{KNOWN_SEEDS[0]}.png"].result.matches[0]
    assert rotated.how == "PDQ, query rotated 90° counter-clockwise"

    data = report_json(report)
    assert data["summary"]["matched_files"] == len(expected)
    assert data["summary"]["files"] == len(report.files)
    problems = {_relative(p["path"], folder): p["reason"] for p in data["problems"]}
    truncated = next(f for f in data["files"] if f["path"].endswith("truncated.jpg"))
    assert truncated["matched"] is False and truncated["error"]
    assert "md5" in truncated  # exact hashes still computed for a broken image
    assert all("reason" for reason in problems.values())
    duplicates = [sorted(_relative(p, folder) for p in g["paths"]) for g in data["duplicates"]]
    assert ["q50-2.jpg", "q50-dup.jpg"] in duplicates

    out = io.StringIO()
    write_csv(report, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {_relative(r["path"], folder) for r in rows if r["matched"] == "yes"} == set(expected)
    assert all(r["bank"] == "known" and r["entry_id"] for r in rows if r["matched"] == "yes")


def test_scan_cli_reports_and_exit_codes(
    database_url: str,
    bank_service: BankService,
    scan_folder: tuple[Path, Path, dict[str, int]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    originals, folder, expected = scan_folder
    _seed_bank(bank_service, originals, tmp_path)
    monkeypatch.setenv("JAGA_DATABASE_URL", database_url)
    runner = CliRunner()
    json_out, csv_out = tmp_path / "report.json", tmp_path / "report.csv"

    result = runner.invoke(
        app,
        [
            "scan",
            str(folder),
            "--bank",
            "known",
            "--json",
            str(json_out),
            "--csv",
            str(csv_out),
            "--workers",
            "1",
            "--quiet",
        ],
    )
    assert result.exit_code == 1, result.output
    data = json.loads(json_out.read_text(encoding="utf-8"))
    assert {_relative(p, folder) for p in data["matched"]} == set(expected)
    assert csv_out.read_text(encoding="utf-8").startswith("path,")

    strangers = tmp_path / "strangers"
    strangers.mkdir()
    (strangers / "a.jpg").write_bytes(jpeg_bytes(draw_scene(70)))
    clean = runner.invoke(app, ["scan", str(strangers), "--bank", "known", "--workers", "1"])
    assert clean.exit_code == 0, clean.output

    unknown = runner.invoke(app, ["scan", str(strangers), "--bank", "no-such-bank"])
    assert unknown.exit_code == 2
    assert "no-such-bank" in unknown.output
