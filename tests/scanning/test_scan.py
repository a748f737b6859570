"""`jaga scan` end to end on drawn pictures: altered copies found, strangers not,
archives opened, unreadable files listed, reports written, exit codes meaningful."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
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
from jaga.hashing.types import FileHashes
from jaga.robust.views import ViewSettings
from jaga.scanning import scan as scan_module
from jaga.scanning.report import report_json, write_csv
from jaga.scanning.scan import ScanOptions, run_scan
from jaga.scanning.sources import ScanItem

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
    assert mirror.how == "PDQ, the listed image mirrored left to right"
    rotated = matched[f"rot90-{KNOWN_SEEDS[0]}.png"].result.matches[0]
    assert rotated.how == "PDQ, the listed image rotated 90° counter-clockwise"

    data = report_json(report)
    assert data["summary"]["matched_files"] == len(expected)
    assert data["summary"]["files"] == len(report.files)
    problems = {_relative(p["path"], folder): p for p in data["problems"]}
    assert problems["truncated.jpg"]["kind"] == "image_not_decoded"
    assert "truncated" in problems["truncated.jpg"]["reason"]
    truncated = next(f for f in data["files"] if f["path"].endswith("truncated.jpg"))
    assert truncated["matched"] is False and truncated["error"]
    assert "md5" in truncated  # exact hashes still computed for a broken image
    notes = next(f for f in data["files"] if f["path"].endswith("notes.txt"))
    assert "error" not in notes and notes["note"].startswith("not an image")
    assert "notes.txt" not in problems  # a non-image is a normal outcome, not a problem
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

    nowhere = tmp_path / "no-such-folder" / "report.json"
    unwritable = runner.invoke(app, ["scan", str(strangers), "--json", str(nowhere)])
    assert unwritable.exit_code == 2
    assert "does not exist" in unwritable.output

    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "half.jpg").write_bytes(jpeg_bytes(draw_scene(71))[:1200])
    lenient = runner.invoke(app, ["scan", str(broken), "--workers", "1"])
    assert lenient.exit_code == 0, lenient.output
    strict = runner.invoke(app, ["scan", str(broken), "--workers", "1", "--strict"])
    assert strict.exit_code == 3, strict.output

    bank_service.set_bank_enabled("known", False)
    disabled = runner.invoke(app, ["scan", str(strangers), "--bank", "known"])
    assert disabled.exit_code == 2
    assert "jaga bank enable known" in disabled.output
    no_bank = runner.invoke(app, ["scan", str(strangers)])
    assert no_bank.exit_code == 2
    assert "no enabled bank" in no_bank.output


def test_scan_skips_its_own_data_folder(
    bank_service: BankService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank_service.create_bank("known")
    folder = tmp_path / "evidence"
    (folder / "var").mkdir(parents=True)
    (folder / "var" / "jaga.db").write_bytes(b"database")
    (folder / "photo.jpg").write_bytes(jpeg_bytes(draw_scene(80)))
    options = ScanOptions(workers=1, excluded_folders=(folder / "var",))
    report = run_scan([folder], BankMatcher(bank_service), options)
    assert [Path(f.path).name for f in report.files] == ["photo.jpg"]
    assert [(p.kind, Path(p.display_path).name) for p in report.problems] == [("excluded", "var")]


def _die_on_poison(
    item: ScanItem, dihedral: bool, views: ViewSettings | None = None
) -> tuple[FileHashes | None, str | None]:
    if "poison" in item.display_path:
        os._exit(1)  # what a decoder crash or the OOM killer does to a worker
    return _original_hash_item(item, dihedral, views)


_original_hash_item = scan_module._hash_item


def test_a_killed_worker_loses_only_the_file_that_killed_it(
    bank_service: BankService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the poisoned hasher reaches workers only when they are forked")
    bank_service.create_bank("known")
    folder = tmp_path / "crash"
    folder.mkdir()
    for number in range(40):
        (folder / f"photo-{number:02d}.jpg").write_bytes(jpeg_bytes(draw_scene(number % 3)))
    (folder / "photo-poison.jpg").write_bytes(b"whatever")
    monkeypatch.setattr(scan_module, "_hash_item", _die_on_poison)
    report = run_scan([folder], BankMatcher(bank_service), ScanOptions(workers=2))
    failed = {Path(f.path).name: f.error for f in report.files if f.error}
    assert list(failed) == ["photo-poison.jpg"]
    assert "died" in (failed["photo-poison.jpg"] or "")
    assert sum(1 for f in report.files if f.hashes is not None) == 40
