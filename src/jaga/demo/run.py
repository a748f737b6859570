"""The demo behind `make run`: seed a bank, scan altered copies, explain every match.

It walks the path a real user takes (hash known pictures, import the hashes into a bank,
scan a folder of altered copies and strangers) on the embedded SQLite database, so a new
user sees Jaga work end to end in seconds, with nothing to install or configure.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import sys
import zipfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from PIL import Image, ImageOps
from rich.console import Console
from rich.table import Table

from jaga.banks.errors import BankNotFound
from jaga.banks.records import EntryInput
from jaga.banks.service import BankService
from jaga.config import data_dir
from jaga.demo.drawing import draw_scene
from jaga.detection.matcher import BankMatcher
from jaga.hashing.hasher import hash_bytes, hash_file
from jaga.scanning.report import describe_matches, write_json
from jaga.scanning.scan import FileResult, ScanOptions, run_scan
from jaga.store import create_engine_for

KNOWN_BANK = "demo-known"
ALLOW_BANK = "demo-allow"
STRANGER_SEEDS = (101, 202, 303)

Transform = Callable[[Image.Image], Image.Image]

# name: (what the copy is, how it is made, JPEG quality it is saved at)
TRANSFORMS: dict[str, tuple[str, Transform, int]] = {
    "jpeg50": ("re-encoded as JPEG quality 50", lambda im: im, 50),
    "half": ("resized to half size", lambda im: im.reduce(2), 90),
    "mirror": ("mirrored left-right", ImageOps.mirror, 90),
    "rot90": (
        "rotated 90° counter-clockwise",
        lambda im: im.transpose(Image.Transpose.ROTATE_90),
        90,
    ),
}


def _sample_images() -> list[tuple[str, bytes]]:
    folder = resources.files("jaga.demo") / "images"
    return sorted(
        (item.name, item.read_bytes()) for item in folder.iterdir() if item.name.endswith(".jpg")
    )


def _sample_record(name: str, data: bytes) -> dict[str, object]:
    """The hash-list row of one shipped sample, in the shape `jaga hash` writes."""
    record = hash_bytes(data, name)
    return {
        "path": name,
        "pdq": record.pdq[0].hex,
        "quality": record.pdq[0].quality,
        "md5": record.md5,
        "sha1": record.sha1,
        "sha256": record.sha256,
        "category": "B2",
        "original_id": name.removesuffix(".jpg"),
    }


SERVED_DEMO_BANK = "demo"


def seed_demo_bank(service: BankService, name: str = SERVED_DEMO_BANK) -> bool:
    """Create bank `name` with the shipped sample pictures unless it exists (for `make run`).

    It only ever matches the drawn samples and their copies; `jaga bank delete demo --yes`
    removes it.
    """
    try:
        service.get_bank(name)
        return False
    except BankNotFound:
        pass
    service.create_bank(name, description="Jaga's drawn sample pictures (make run)")
    entries = []
    for sample, data in _sample_images():
        row = _sample_record(sample, data)
        for signal_type in ("pdq", "md5", "sha1", "sha256"):
            entries.append(
                EntryInput(
                    signal_type,
                    str(row[signal_type]),
                    category="B2",
                    original_id=str(row["original_id"]),
                    quality=int(str(row["quality"])) if signal_type == "pdq" else None,
                )
            )
    service.add_entries(name, entries, source="jaga demo")
    return True


def _save_jpeg(image: Image.Image, path: Path, quality: int = 90) -> None:
    image.convert("RGB").save(path, "JPEG", quality=quality)


def _reset_bank(service: BankService, name: str, **settings: object) -> None:
    with contextlib.suppress(BankNotFound):
        service.delete_bank(name)
    service.create_bank(name, **settings)  # type: ignore[arg-type]


def _prepare(work: Path, console: Console) -> tuple[Path, Path, dict[str, str]]:
    """Write the known pictures' hash list and the folder of copies to scan."""
    known_dir, incoming = work / "known", work / "incoming"
    for folder in (known_dir, incoming):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    expected: dict[str, str] = {}
    hash_lines: list[str] = []
    for name, data in _sample_images():
        (known_dir / name).write_bytes(data)
        hash_lines.append(json.dumps(_sample_record(name, data)))
        image = Image.open(io.BytesIO(data))
        stem = name.removesuffix(".jpg")
        for key, (label, transform, quality) in TRANSFORMS.items():
            target = incoming / f"{stem}-{key}.jpg"
            _save_jpeg(transform(image), target, quality=quality)
            expected[target.name] = f"{stem} {label}"
        (incoming / f"{stem}-exact-copy.jpg").write_bytes(data)
        expected[f"{stem}-exact-copy.jpg"] = f"{stem} byte-for-byte copy"
    with zipfile.ZipFile(incoming / "shared-album.zip", "w") as album:
        album.write(incoming / "sample-1-half.jpg", "album/holiday.jpg")
        album.write(incoming / "sample-2-mirror.jpg", "album/beach.jpg")
    expected["shared-album.zip!album/holiday.jpg"] = "sample-1 resized, inside a zip"
    expected["shared-album.zip!album/beach.jpg"] = "sample-2 mirrored, inside a zip"
    for seed in STRANGER_SEEDS:
        _save_jpeg(draw_scene(seed), incoming / f"unrelated-{seed}.jpg")
        expected[f"unrelated-{seed}.jpg"] = "a picture in no bank"
    (incoming / "broken.jpg").write_bytes((known_dir / "sample-3.jpg").read_bytes()[:2000])
    expected["broken.jpg"] = "a truncated file"
    hashes = work / "known-hashes.jsonl"
    hashes.write_text("\n".join(hash_lines) + "\n", encoding="utf-8")
    console.print(
        f"Hashed {len(hash_lines)} known sample pictures (drawn by Jaga's own code, shipped in "
        f"the package) into {hashes}"
    )
    return hashes, incoming, expected


def _verdict(item: FileResult) -> tuple[str, str]:
    """A one-line result and reason for the demo table."""
    if item.result.matches:
        return "[red]MATCH[/red]", describe_matches(item.result.matches)
    if item.result.allowed:
        silenced = len(item.result.suppressed)
        return (
            "[green]allow-listed[/green]",
            f"looks like a picture in {item.result.allowed[0].bank}: {silenced} PDQ match(es) "
            "silenced",
        )
    if item.error:
        return "[yellow]not examined[/yellow]", item.error
    if item.note:
        return "no match", f"{item.note}; its exact hashes are in no bank"
    return "no match", "no entry within the bank's threshold"


def run_demo(console: Console | None = None) -> int:
    """Run the demo; returns how many files matched."""
    console = console or Console()
    work = data_dir() / "demo"
    work.mkdir(parents=True, exist_ok=True)
    console.rule("Jaga demo")
    # A database of its own: demo banks (an allow-list among them) must never take part in
    # the user's real scans.
    database_url = f"sqlite:///{work / 'jaga-demo.db'}"
    service = BankService(create_engine_for(database_url))
    hashes, incoming, expected = _prepare(work, console)

    _reset_bank(
        service,
        KNOWN_BANK,
        category_scheme="industry",
        description="Benign drawn pictures standing in for a known-content list",
    )
    report = service.import_file(KNOWN_BANK, hashes, source="jaga demo")
    console.print(
        f"Bank {KNOWN_BANK!r}: {report.added} entries added "
        f"({report.unchanged} unchanged, {len(report.quarantined)} quarantined)"
    )
    # sample-6 is also on an allow-list, standing in for a benign high-collision picture.
    _reset_bank(
        service,
        ALLOW_BANK,
        allow_list=True,
        category_scheme="none",
        description="Benign pictures that must never raise a match",
    )
    sample6 = hash_file(work / "known" / "sample-6.jpg")
    allow_rows = work / "allow.csv"
    allow_rows.write_text(f"signal_type,value\npdq,{sample6.pdq[0].hex}\n", encoding="utf-8")
    service.import_file(ALLOW_BANK, allow_rows, source="jaga demo")
    console.print(f"Bank {ALLOW_BANK!r}: sample-6 allow-listed (its matches will be suppressed)")

    matcher = BankMatcher(service, [KNOWN_BANK, ALLOW_BANK])
    scan = run_scan([incoming], matcher, ScanOptions())
    report_path = work / "report.json"
    write_json(scan, report_path)

    table = Table(title=f"Scan of {incoming}")
    for column in ("file", "what it is", "result", "why"):
        table.add_column(column, overflow="fold")
    for item in scan.files:
        name = item.path.removeprefix(str(incoming) + "/")
        table.add_row(name, expected.get(name, ""), *_verdict(item))
    console.print(table)
    console.print(
        f"{len(scan.matched)} of {len(scan.files)} files matched. Full report: {report_path}\n"
        "Try it yourself (the demo keeps its own database):\n"
        f"  JAGA_DATABASE_URL={database_url} {Path(sys.argv[0]).resolve()} scan "
        f"{incoming} --bank {KNOWN_BANK} --json report.json"
    )
    return len(scan.matched)
