"""Hashing speed per core and agreement with the PDQ reference, on benign bench photos.

Compares, in ONE process (so figures are per core):
  reference  Pillow full decode + convert("RGB") + pdqhash.compute (what pdqhash users do)
  jaga-pdq   Jaga's PDQ path only (reduced decode + folded filter), no exact hashes
  jaga-full  jaga.hashing.hash_file: PDQ + MD5 + SHA-1 + SHA-256, what `jaga hash` does
Files are read from disk inside every timed loop (they sit in the page cache after a warm-up
read, the same for every method). Jaga's per-size weight cache is cleared before each timed
pass, so building it for each new image size is paid inside the timing.

Agreement: Hamming distance between Jaga's PDQ and the reference's, per image. Images whose
EXIF orientation is not 1 are left out (Jaga rotates them upright, the reference does not).

    .venv/bin/python bench/hashing.py [--images DIR] [--repeats 5] [--limit N] [--update-docs]
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pdqhash
from PIL import Image
from rich.console import Console
from rich.table import Table

from jaga.hashing.hasher import hash_file
from jaga.hashing.image_io import iter_luma_frames, open_image
from jaga.hashing.pdq import (
    bit_vector_to_hex,
    clear_weight_cache,
    hamming_distance_hex,
    hash_frame,
)

REPO = Path(__file__).resolve().parents[1]
DEFAULT_IMAGES = REPO.parent / "shared" / "bench-data" / "images"
DOCS = REPO / "docs" / "benchmarks.md"
SUBSETS = (("1024-px (urban100_*)", "urban100_*"), ("481x321 (bsds500_*)", "bsds500_*"))
PNG_SUBSET = "1024-px as PNG (urban100_* re-encoded)"


def as_png_files(files: Sequence[Path], folder: Path) -> list[Path]:
    """The photos re-encoded as PNG in a temporary folder: times Jaga's non-JPEG path.

    The copies live only for the run, in a temporary directory outside the repository.
    """
    copies = []
    for path in files:
        copy = folder / f"{path.stem}.png"
        with Image.open(path) as image:
            image.convert("RGB").save(copy, format="PNG")
        copies.append(copy)
    return copies


@dataclass(frozen=True)
class Timing:
    subset: str
    method: str
    images: int
    seconds: float  # best (shortest) of the repeated passes over all images
    median_seconds: float
    cpu_seconds: float  # best pass in process CPU time: robust to other jobs on the machine

    @property
    def per_second(self) -> float:
        return self.images / self.seconds


@dataclass(frozen=True)
class Agreement:
    subset: str
    images: int
    skipped_rotated: int
    within_31: float
    exact: float
    median: float
    p99: float
    maximum: int
    quality_max_diff: int


def reference_hash(path: Path) -> tuple[str, int]:
    with Image.open(path) as image:
        bits, quality = pdqhash.compute(np.asarray(image.convert("RGB")))
    return bit_vector_to_hex(bits), int(quality)


def jaga_pdq_only(path: Path) -> tuple[str, int]:
    with open_image(path.read_bytes()) as image:
        first = hash_frame(next(iter_luma_frames(image)))
    return first.hex, first.quality


def jaga_full(path: Path) -> tuple[str, int]:
    result = hash_file(path)
    if not result.pdq:
        raise SystemExit(f"{path}: Jaga could not hash this bench image: {result.error}")
    return result.pdq[0].hex, result.pdq[0].quality


def time_pass(
    method: Callable[[Path], tuple[str, int]], files: Sequence[Path]
) -> tuple[float, float]:
    """Wall and process CPU seconds for one pass (CPU time counts every thread we start)."""
    clear_weight_cache()
    start, start_cpu = time.perf_counter(), time.process_time()
    for path in files:
        method(path)
    return time.perf_counter() - start, time.process_time() - start_cpu


def orientation(path: Path) -> int:
    with Image.open(path) as image:
        value = image.getexif().get(0x0112, 1)
    return value if isinstance(value, int) else 1


def measure(subset: str, files: Sequence[Path], repeats: int) -> tuple[list[Timing], Agreement]:
    for path in files:  # warm the page cache equally for every method
        path.read_bytes()
    methods: dict[str, Callable[[Path], tuple[str, int]]] = {
        "reference": reference_hash,
        "jaga-pdq": jaga_pdq_only,
        "jaga-full": jaga_full,
    }
    seconds: dict[str, list[float]] = {name: [] for name in methods}
    cpu_seconds: dict[str, list[float]] = {name: [] for name in methods}
    for _ in range(repeats):  # interleaved, so background load hits every method alike
        for name, method in methods.items():
            wall, cpu = time_pass(method, files)
            seconds[name].append(wall)
            cpu_seconds[name].append(cpu)
    timings = [
        Timing(
            subset,
            name,
            len(files),
            min(values),
            statistics.median(values),
            min(cpu_seconds[name]),
        )
        for name, values in seconds.items()
    ]
    upright = [path for path in files if orientation(path) == 1]
    distances: list[int] = []
    quality_diffs: list[int] = []
    for path in upright:
        reference_hex, reference_quality = reference_hash(path)
        jaga_hex, jaga_quality = jaga_full(path)
        distances.append(hamming_distance_hex(reference_hex, jaga_hex))
        quality_diffs.append(abs(reference_quality - jaga_quality))
    values = np.array(distances)
    agreement = Agreement(
        subset=subset,
        images=len(upright),
        skipped_rotated=len(files) - len(upright),
        within_31=float((values <= 31).mean() * 100),
        exact=float((values == 0).mean() * 100),
        median=float(np.median(values)),
        p99=float(np.percentile(values, 99)),
        maximum=int(values.max()),
        quality_max_diff=max(quality_diffs),
    )
    return timings, agreement


def speed_rows(timings: Sequence[Timing]) -> list[list[str]]:
    reference = {t.subset: t for t in timings if t.method == "reference"}
    return [
        [
            t.subset,
            t.method,
            str(t.images),
            f"{t.per_second:.1f}",
            f"{t.seconds / t.images * 1000:.2f}",
            f"{t.median_seconds / t.images * 1000:.2f}",
            f"{t.cpu_seconds / t.images * 1000:.2f}",
            f"{t.per_second / reference[t.subset].per_second:.1f}x",
            f"{reference[t.subset].cpu_seconds / t.cpu_seconds:.1f}x",
        ]
        for t in timings
    ]


def agreement_rows(agreements: Sequence[Agreement]) -> list[list[str]]:
    return [
        [
            a.subset,
            str(a.images),
            f"{a.within_31:.1f}%",
            f"{a.exact:.1f}%",
            f"{a.median:g}",
            f"{a.p99:g}",
            str(a.maximum),
            str(a.quality_max_diff),
        ]
        for a in agreements
    ]


SPEED_HEADER = [
    "subset",
    "method",
    "images",
    "images/s per core",
    "ms/image (best)",
    "ms/image (median)",
    "CPU ms/image (best)",
    "vs reference",
    "vs reference (CPU)",
]
AGREEMENT_HEADER = [
    "subset",
    "images",
    "within 31",
    "identical",
    "median",
    "p99",
    "max",
    "max quality diff",
]


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def docs_section(
    timings: Sequence[Timing], agreements: Sequence[Agreement], command: str, repeats: int
) -> str:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    today = datetime.date.today().isoformat()
    return f"""## Hashing

- Command: `{command}`
- Run: {today}, {cpu_name()}, {os.cpu_count()} cores, Python {platform.python_version()}.
- One process, so every speed is per core. Each method made {repeats} passes over the
  subset, interleaved; the table shows the best pass (least disturbed by other work) and the
  median pass. Load average at the end: {load}. The machine was shared with other
  jobs, so the figures, and to a lesser degree the ratios, move from run to run: rerun
  before quoting a number. "CPU ms/image" is the best pass in process CPU time (user +
  system, every thread), which time slices given to other jobs do not inflate; "vs
  reference (CPU)" compares those.
- `reference`: `pdqhash.compute(np.asarray(Image.open(path).convert("RGB")))`, full decode.
- `jaga-pdq`: Jaga's PDQ only. JPEGs are decoded at 1/2, 1/4 or 1/8 scale (luma only, short
  side at least 128 px); the reference's box filter is folded onto the reduced pixels; the
  DCT, median threshold and quality are the reference's. Most of its time on the JPEG
  subsets is libjpeg-turbo's Huffman (entropy) decoding, which a reduced-scale decode still
  pays in full, so decoding at 1/8 instead of 1/4 gains little and costs agreement (see
  `DECODE_MIN_SIDE` in src/jaga/hashing/image_io.py).
- `jaga-full`: `jaga.hashing.hash_file`: PDQ + MD5 + SHA-1 + SHA-256, what `jaga hash`
  does per file.
- Files are read from disk (page cache) inside every timed loop, for every method.
- The PNG subset is the 1024-px photos re-encoded as PNG into a temporary folder for the
  run (deleted afterwards): PNG has no reduced decode, so Jaga decodes in full and then
  box-reduces to a 256-px short side.

{markdown_table(SPEED_HEADER, speed_rows(timings))}

Agreement of Jaga's PDQ with the reference (Hamming distance in bits, of 256). Images with
an EXIF rotation are excluded, because Jaga applies it and the reference does not.

{markdown_table(AGREEMENT_HEADER, agreement_rows(agreements))}
"""


def update_docs(section: str) -> None:
    """Replace (or add) the "## Hashing" section; other sections belong to other benches."""
    text = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# Benchmarks\n"
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.strip() == "## Hashing"), None)
    if start is None:
        new_text = text.rstrip("\n") + "\n\n" + section
    else:
        end = next(
            (i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines)
        )
        tail = "".join(lines[end:])
        new_text = "".join(lines[:start]) + section + ("\n" + tail if tail else "")
    DOCS.parent.mkdir(parents=True, exist_ok=True)
    DOCS.write_text(new_text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=Path, default=DEFAULT_IMAGES)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--limit", type=int, default=0, help="images per subset (0 = all)")
    parser.add_argument(
        "--no-png", dest="png", action="store_false", help="skip the PNG re-encoded subset"
    )
    parser.add_argument("--update-docs", action="store_true", help=f"rewrite {DOCS.name}")
    args = parser.parse_args()
    if not args.images.is_dir():
        raise SystemExit(f"bench images not found at {args.images}; pass --images DIR")
    console = Console(width=150)
    timings: list[Timing] = []
    agreements: list[Agreement] = []
    with tempfile.TemporaryDirectory(prefix="jaga-bench-png-") as scratch:
        subsets = [
            (subset, sorted(args.images.glob(pattern))[: args.limit or None])
            for subset, pattern in SUBSETS
        ]
        if args.png and subsets[0][1]:
            subsets.append((PNG_SUBSET, as_png_files(subsets[0][1], Path(scratch))))
        for subset, files in subsets:
            if not files:
                console.print(f"[yellow]no images for {subset} in {args.images}; skipped[/yellow]")
                continue
            console.print(f"measuring {subset}: {len(files)} images x {args.repeats} passes ...")
            subset_timings, agreement = measure(subset, files, args.repeats)
            timings += subset_timings
            agreements.append(agreement)
    speed = Table(*SPEED_HEADER, title="PDQ hashing speed, one process (per core)")
    for row in speed_rows(timings):
        speed.add_row(*row)
    agreement_table = Table(*AGREEMENT_HEADER, title="Jaga PDQ vs reference (Hamming distance)")
    for row in agreement_rows(agreements):
        agreement_table.add_row(*row)
    console.print(speed, agreement_table)
    if args.update_docs:
        command = ".venv/bin/python bench/hashing.py --update-docs"
        if args.repeats != 5:
            command += f" --repeats {args.repeats}"
        update_docs(docs_section(timings, agreements, command, args.repeats))
        console.print(f"updated {DOCS}")


if __name__ == "__main__":
    main()
