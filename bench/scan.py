"""Folder scan end to end: `jaga scan` machinery vs a single-process naive loop.

Both sides read the same folder of benign bench photos (originals plus JPEG-50, half-size
and mirrored copies), hash every file (PDQ + MD5/SHA-1/SHA-256) and match it against the
same bank of reference PDQ hashes of half the originals. The naive loop is what a script
would do: Pillow full decode + pdqhash + hashlib + a numpy brute-force distance check,
one file at a time. Run: `.venv/bin/python bench/scan.py [--images DIR] [--limit N]`.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pdqhash
from PIL import Image, ImageOps
from rich.console import Console
from rich.table import Table

from jaga.banks.records import EntryInput
from jaga.banks.service import BankService
from jaga.detection.matcher import BankMatcher
from jaga.scanning.scan import ScanOptions, run_scan
from jaga.store import create_engine_for

REPO = Path(__file__).resolve().parent.parent
DEFAULT_IMAGES = REPO.parent / "shared" / "bench-data" / "images"


def reference_pdq(path: Path) -> str:
    """The reference hash a list holds: pdqhash on the fully decoded image."""
    bits, _quality = pdqhash.compute(np.asarray(Image.open(path).convert("RGB")))
    return np.packbits(bits.astype(np.uint8)).tobytes().hex()


def build_folder(images: list[Path], folder: Path) -> None:
    """Originals plus three altered copies of each, as a scan would meet them."""
    for path in images:
        image = Image.open(path).convert("RGB")
        shutil.copy(path, folder / path.name)
        image.save(folder / f"{path.stem}-q50.jpg", quality=50)
        image.reduce(2).save(folder / f"{path.stem}-half.jpg", quality=90)
        ImageOps.mirror(image).save(folder / f"{path.stem}-mirror.jpg", quality=90)


def naive_scan(folder: Path, bank: np.ndarray, threshold: int) -> tuple[int, list[str]]:
    """One process, full decode, brute-force match: returns (files, matched file names)."""
    bank_bits = np.unpackbits(bank, axis=1)
    files = 0
    matched: list[str] = []
    for path in sorted(folder.iterdir()):
        data = path.read_bytes()
        for algorithm in ("md5", "sha1", "sha256"):
            hashlib.new(algorithm, data).hexdigest()
        image = np.asarray(Image.open(path).convert("RGB"))
        found = False
        for bits in pdqhash.compute_dihedral(image)[0]:
            distances = np.count_nonzero(bank_bits != bits.astype(np.uint8), axis=1)
            found = found or bool((distances <= threshold).any())
        files += 1
        if found:
            matched.append(path.name)
    return files, matched


def member_of(name: str, member_stems: set[str]) -> bool:
    """Whether a scanned file is (a copy of) a bank member."""
    return (
        name.rsplit(".", 1)[0].removesuffix("-q50").removesuffix("-half").removesuffix("-mirror")
        in member_stems
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--images", type=Path, default=DEFAULT_IMAGES)
    parser.add_argument("--limit", type=int, default=0, help="originals to use (0: all)")
    parser.add_argument("--workers", type=int, default=0, help="0: one per core")
    args = parser.parse_args()
    console = Console(width=120)  # the table whole in logs and docs
    if not args.images.is_dir():
        console.print(f"No images at {args.images}: pass --images DIR with benign photos.")
        return 2
    originals = sorted(p for p in args.images.iterdir() if p.suffix.lower() in {".jpg", ".png"})
    originals = originals[: args.limit or None]
    members = originals[::2]
    with tempfile.TemporaryDirectory(prefix="jaga-bench-scan-") as tmp:
        work = Path(tmp)
        folder = work / "scan"
        folder.mkdir()
        build_folder(originals, folder)
        bank_hashes = [reference_pdq(p) for p in members]
        service = BankService(create_engine_for(f"sqlite:///{work / 'bench.db'}"))
        service.create_bank("bench", signal_types=["pdq"])
        service.add_entries(
            "bench",
            (EntryInput("pdq", h, original_id=str(i)) for i, h in enumerate(bank_hashes)),
            source="bench",
        )
        matcher = BankMatcher(service, ["bench"])
        cores = args.workers or (os.cpu_count() or 1)

        # Same footing for every row: files in the page cache, numba kernels loaded.
        for path in folder.iterdir():
            path.read_bytes()
        run_scan([folder / originals[0].name], matcher, ScanOptions(workers=1))
        jaga_rows = []
        # Plain (PDQ with dihedral variants), then with the robust views the bank asks for
        # (on by default, as `jaga scan` runs: de-bordered, turned back, caption-filtered).
        for label, views in (
            ("jaga scan", None),
            ("jaga scan, robust views", matcher.view_settings()),
        ):
            for processes in sorted({1, cores}):
                start = time.perf_counter()
                report = run_scan([folder], matcher, ScanOptions(workers=processes, views=views))
                seconds = time.perf_counter() - start
                found = [Path(f.path).name for f in report.matched]
                jaga_rows.append((label, processes, seconds, found))

        packed = np.frombuffer(b"".join(bytes.fromhex(h) for h in bank_hashes), np.uint8)
        start = time.perf_counter()
        naive_files, naive_matched = naive_scan(folder, packed.reshape(-1, 32), 31)
        naive_seconds = time.perf_counter() - start

    expected = 4 * len(members)
    stems = {p.stem for p in members}
    table = Table(title=f"Folder scan: {naive_files} files ({len(originals)} originals x 4)")
    for column in ("method", "processes", "seconds", "files/s", "ratio", "copies found", "false"):
        table.add_column(column, justify="right")
    rows = [("naive loop (full decode + pdqhash + brute force)", 1, naive_seconds, naive_matched)]
    rows += jaga_rows
    for label, processes, seconds, matched in rows:
        true = sum(member_of(name, stems) for name in matched)
        table.add_row(
            label,
            str(processes),
            f"{seconds:.2f}",
            f"{naive_files / seconds:.1f}",
            f"{naive_seconds / seconds:.2f}",
            f"{true} of {expected}",
            str(len(matched) - true),
        )
    console.print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
