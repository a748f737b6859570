"""Robustness benchmark (issue 5): recall per edit and false matches, plain PDQ vs Jaga.

A seeded half of the photos is "listed": the bank holds the reference PDQ (`pdqhash` on the
fully decoded original) of each. Every photo, listed or not, is then edited in every way of
bench/robust_transforms.py and each copy is a query. A listed photo's copy should match its
own entry (recall, per edit); an unlisted photo's copy must match nothing (false matches,
counted over all of them). All methods search at the strict distance 31 (the bank default).

Methods, same queries, same run:
  plain PDQ        reference pdqhash of the copy, one hash
  PDQ + dihedral   reference pdqhash's 8 orientation hashes of the copy
  Jaga (plain list)      Jaga's PDQ + dihedral + robust views (jaga.robust.views) of the
                         copy, against the plain list (only the reference PDQ per original)
  Jaga (Jaga-built list) the same queries against a list that also holds Jaga's crops of
                         each original (jaga.robust.views.region_views)

Query cost: time per copy to decode + hash + search, in the worker processes (each method's
hashing timed on the same bytes), and the index search timed in this process. Ratios are
against plain PDQ as Jaga computes it (its fast hash + one search) and against the reference.

    .venv/bin/python bench/robustness.py [--images DIR] [--glob PATTERN] [--limit N | --quick]
                                         [--workers N]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from multiprocessing import Pool
from pathlib import Path

import numpy as np
import pdqhash
from PIL import Image
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))

from robust_transforms import edits, seeded

from jaga.hashing.hasher import hash_bytes
from jaga.hashing.image_io import iter_luma_frames, open_image
from jaga.hashing.pdq_hex import bit_vector_to_hex
from jaga.matching.pdq_index import PdqIndex, pack_hex
from jaga.robust.views import ViewSettings, region_views, work_image

REPO = Path(__file__).resolve().parents[1]
DEFAULT_IMAGES = REPO.parent / "shared" / "bench-data" / "images"
THRESHOLD = 31
MARGIN_RADIUS = 44  # non-member distances are also searched this far, to show the margin
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff"}
METHODS = ("plain PDQ", "PDQ + dihedral", "Jaga (plain list)", "Jaga (Jaga-built list)")


@dataclass
class Query:
    image: int
    edit: str
    ref: list[str]  # reference plain hash first, then its 7 dihedral variants
    jaga: list[str]  # Jaga plain + dihedral + every view
    how: list[str]  # how each Jaga hash was made
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass
class ImageResult:
    image: int
    bank_ref: str
    regions: list[str]
    queries: list[Query]


def _reference_hashes(data: bytes, time_plain: bool) -> tuple[list[str], float | None, float]:
    """Reference PDQ (plain, then dihedral) of a copy, and the time of each way of hashing
    (the plain way only when asked: it is timed on a sample, to keep the run short)."""
    plain_seconds = None
    if time_plain:
        started = time.perf_counter()
        with Image.open(io.BytesIO(data)) as image:
            pixels = np.asarray(image.convert("RGB"))
        pdqhash.compute(pixels)
        plain_seconds = time.perf_counter() - started
    started = time.perf_counter()
    with Image.open(io.BytesIO(data)) as image:
        pixels = np.asarray(image.convert("RGB"))
    vectors, _quality = pdqhash.compute_dihedral(pixels)
    dihedral_seconds = time.perf_counter() - started
    hexes = [_bits_hex(v) for v in vectors]
    return hexes, plain_seconds, dihedral_seconds


def _bits_hex(bits: np.ndarray) -> str:
    """pdqhash's bit vector -> the reference hex (ThreatExchange's conversion)."""
    return bit_vector_to_hex(np.asarray(bits, dtype=np.uint8))


def _hash_image(task: tuple[int, str, bool, int, tuple[str, ...]]) -> ImageResult:
    """Worker: the bank side of one photo (if listed) and every edited copy's hashes."""
    index, path, listed, seed, edit_names = task
    data = Path(path).read_bytes()
    with Image.open(path) as opened:
        original = opened.convert("RGB")
    bank_ref = ""
    regions: list[str] = []
    if listed:
        vectors, _quality = pdqhash.compute(np.asarray(original))
        bank_ref = _bits_hex(vectors)
        with open_image(data) as image:
            frame = next(iter_luma_frames(image))
        regions = [view.pdq.hex for view in region_views(work_image(frame))]
    settings = ViewSettings()
    queries = []
    chosen = set(edit_names)
    for number, (_group, name, edit) in enumerate(edits()):
        if name not in chosen:
            continue
        copy = edit(original, seeded(Path(path).name, name, seed))
        ref, ref_plain_s, ref_dihedral_s = _reference_hashes(copy, (number + index) % 4 == 0)
        started = time.perf_counter()
        hash_bytes(copy, "q")
        jaga_plain_s = time.perf_counter() - started
        started = time.perf_counter()
        robust = hash_bytes(copy, "q", dihedral=True, views=settings)
        jaga_robust_s = time.perf_counter() - started
        jaga: list[str] = []
        how: list[str] = []
        for pdq in robust.pdq[:1]:
            jaga += [pdq.hex, *pdq.dihedral]
            how += ["plain"] + ["dihedral"] * len(pdq.dihedral)
        for view_how, pdq in robust.views:
            jaga += [pdq.hex, *pdq.dihedral]
            how += [view_how] + [f"{view_how}, dihedral"] * len(pdq.dihedral)
        queries.append(
            Query(
                index,
                name,
                ref,
                jaga,
                how,
                {
                    **({"ref plain": ref_plain_s} if ref_plain_s is not None else {}),
                    "ref dihedral": ref_dihedral_s,
                    "jaga plain": jaga_plain_s,
                    "jaga robust": jaga_robust_s,
                },
            )
        )
    return ImageResult(index, bank_ref, regions, queries)


def _photos(folder: Path, pattern: str = "*") -> list[Path]:
    return sorted(p for p in folder.glob(pattern) if p.suffix.lower() in IMAGE_SUFFIXES)


def run(
    images: Path,
    limit: int | None,
    seed: int,
    workers: int,
    edit_names: Sequence[str] | None,
    pattern: str = "*",
) -> dict[str, object]:
    """Hash everything on `workers` processes, then match; returns every figure."""
    files = _photos(images, pattern)
    random.Random(seed).shuffle(files)
    if limit:
        files = files[:limit]
    if len(files) < 2:
        raise SystemExit(
            f"need at least 2 photos matching {pattern!r} in {images}, found {len(files)}"
        )
    listed = set(range(len(files) // 2))
    names = tuple(edit_names or [name for _g, name, _e in edits()])
    tasks = [(i, str(p), i in listed, seed, names) for i, p in enumerate(files)]
    results: list[ImageResult] = []
    console = Console(stderr=True)
    with (
        Pool(workers) as pool,
        Progress(console=console, transient=True) as progress,
    ):
        task = progress.add_task(
            f"Editing and hashing {len(files)} photos x {len(names)} edits", total=len(files)
        )
        for result in pool.imap_unordered(_hash_image, tasks):
            results.append(result)
            progress.advance(task)
    results.sort(key=lambda r: r.image)
    return _evaluate(results, listed, names, len(files))


def _evaluate(
    results: list[ImageResult], listed: set[int], names: Sequence[str], n_photos: int
) -> dict[str, object]:
    bank_ids = np.array([r.image for r in results if r.image in listed], dtype=np.int64)
    bank_hashes = pack_hex(r.bank_ref for r in results if r.image in listed)
    plain_bank = PdqIndex.from_arrays(bank_ids, bank_hashes)
    region_ids = [r.image for r in results for _ in r.regions]
    built_bank = PdqIndex.from_arrays(
        np.concatenate((bank_ids, np.asarray(region_ids, dtype=np.int64))),
        np.concatenate((bank_hashes, pack_hex(h for r in results for h in r.regions))),
    )
    queries = [q for r in results for q in r.queries]
    # Per method: the query rows (hash arrays) and which copy each row belongs to.
    method_rows = {
        "plain PDQ": ([q.ref[0] for q in queries], [i for i, _ in enumerate(queries)]),
        "PDQ + dihedral": (
            [h for q in queries for h in q.ref],
            [i for i, q in enumerate(queries) for _ in q.ref],
        ),
        "Jaga": (
            [h for q in queries for h in q.jaga],
            [i for i, q in enumerate(queries) for _ in q.jaga],
        ),
    }
    row_how = [h for q in queries for h in q.how]
    found: dict[str, dict[int, set[int]]] = {}
    search_seconds: dict[str, float] = {}
    how_found: dict[str, dict[int, str]] = {}
    margin: dict[str, int] = {}
    for method, bank in (
        ("plain PDQ", plain_bank),
        ("PDQ + dihedral", plain_bank),
        ("Jaga (plain list)", plain_bank),
        ("Jaga (Jaga-built list)", built_bank),
    ):
        rows, owners = method_rows["Jaga" if method.startswith("Jaga") else method]
        array = pack_hex(rows)
        started = time.perf_counter()
        q_index, ids, dists = bank.search_arrays(array, THRESHOLD)
        search_seconds[method] = (time.perf_counter() - started) / len(queries)
        hits: dict[int, set[int]] = defaultdict(set)
        best: dict[int, tuple[int, str]] = {}
        for qi, entry, dist in zip(q_index.tolist(), ids.tolist(), dists.tolist(), strict=True):
            owner = owners[qi]
            hits[owner].add(entry)
            if method.startswith("Jaga") and entry == queries[owner].image:
                kind = _how_kind(row_how[qi])
                if owner not in best or dist < best[owner][0]:
                    best[owner] = (dist, kind)
        found[method] = hits
        how_found[method] = {owner: kind for owner, (_d, kind) in best.items()}
        # The closest any unlisted copy came to any listed hash (the safety margin).
        q_far, _ids_far, d_far = bank.search_arrays(array, MARGIN_RADIUS)
        nonmember = [
            d
            for qi, d in zip(q_far.tolist(), d_far.tolist(), strict=True)
            if queries[owners[qi]].image not in listed
        ]
        margin[method] = min(nonmember) if nonmember else MARGIN_RADIUS + 1
    recall: dict[str, dict[str, float]] = {m: {} for m in METHODS}
    false_matches: dict[str, int] = {}
    wrong_entry: dict[str, int] = {}
    for method in METHODS:
        hits = found[method]
        for name in names:
            member = [i for i, q in enumerate(queries) if q.edit == name and q.image in listed]
            good = sum(1 for i in member if queries[i].image in hits.get(i, set()))
            recall[method][name] = good / len(member) if member else float("nan")
        false_matches[method] = sum(
            1 for i, q in enumerate(queries) if q.image not in listed and hits.get(i)
        )
        wrong_entry[method] = sum(
            1 for i, q in enumerate(queries) if q.image in listed and hits.get(i, set()) - {q.image}
        )
    seconds = {
        key: float(np.mean([q.seconds[key] for q in queries if key in q.seconds]))
        for key in ("ref plain", "ref dihedral", "jaga plain", "jaga robust")
    }
    cost = {
        "plain PDQ": seconds["ref plain"] + search_seconds["plain PDQ"],
        "PDQ + dihedral": seconds["ref dihedral"] + search_seconds["PDQ + dihedral"],
        "Jaga plain PDQ (fast hash)": seconds["jaga plain"] + search_seconds["plain PDQ"],
        "Jaga (plain list)": seconds["jaga robust"] + search_seconds["Jaga (plain list)"],
        "Jaga (Jaga-built list)": seconds["jaga robust"] + search_seconds["Jaga (Jaga-built list)"],
    }
    kinds: dict[str, dict[str, int]] = {}
    for method in ("Jaga (plain list)", "Jaga (Jaga-built list)"):
        counter: dict[str, int] = defaultdict(int)
        for kind in how_found[method].values():
            counter[kind] += 1
        kinds[method] = dict(counter)
    return {
        "photos": n_photos,
        "listed": len(listed),
        "queries": len(queries),
        "member_queries": sum(1 for q in queries if q.image in listed),
        "names": list(names),
        "recall": recall,
        "false_matches": false_matches,
        "wrong_entry": wrong_entry,
        "margin": margin,
        "cost": cost,
        "search_seconds": search_seconds,
        "hashes_per_query": len(method_rows["Jaga"][0]) / len(queries),
        "bytes_per_entry": _bytes_per_entry(len(region_ids) / len(bank_ids)),
        "region_hashes_per_entry": len(region_ids) / len(bank_ids),
        "how": kinds,
    }


MEMORY_ENTRIES = 100_000


def _bytes_per_entry(regions_per_entry: float) -> dict[str, float]:
    """Index memory per listed original at 100k originals (a bench-sized bank is all fixed
    overhead): random hashes, plain list = 1 hash each, Jaga-built = 1 + its crops."""
    rng = np.random.default_rng(0)
    figures = {}
    for name, per_entry in (("plain list", 1.0), ("Jaga-built list", 1.0 + regions_per_entry)):
        rows = round(MEMORY_ENTRIES * per_entry)
        index = PdqIndex.from_arrays(
            np.arange(rows, dtype=np.int64), rng.integers(0, 256, (rows, 32), dtype=np.uint8)
        )
        figures[name] = index.memory_bytes() / MEMORY_ENTRIES
    return figures


def _how_kind(how: str) -> str:
    """The kind of view, without angles and sides: a compact tally for the report."""
    for kind in ("rotated back", "de-bordered", "dihedral", "plain"):
        if how.startswith(kind) or (kind == "dihedral" and kind in how):
            return kind
    return how


def print_report(figures: dict[str, object], console: Console) -> None:
    recall = figures["recall"]
    assert isinstance(recall, dict)
    names = figures["names"]
    assert isinstance(names, list)
    table = Table(
        title=(
            f"Recall at distance {THRESHOLD}: {figures['photos']} photos, "
            f"{figures['listed']} listed, {figures['queries']} copies "
            f"({figures['member_queries']} of listed photos)"
        )
    )
    table.add_column("edit")
    for method in METHODS:
        table.add_column(method, justify="right")
    for name in names:
        table.add_row(name, *(f"{100 * recall[m][name]:.1f}%" for m in METHODS))
    overall = {m: float(np.mean([recall[m][n] for n in names])) for m in METHODS}
    table.add_row(
        "[bold]all edits[/bold]", *(f"[bold]{100 * overall[m]:.1f}%[/bold]" for m in METHODS)
    )
    false_matches = figures["false_matches"]
    wrong = figures["wrong_entry"]
    margin = figures["margin"]
    assert isinstance(false_matches, dict) and isinstance(wrong, dict) and isinstance(margin, dict)
    table.add_row("false matches (unlisted copies)", *(str(false_matches[m]) for m in METHODS))
    table.add_row("listed copies matching another entry", *(str(wrong[m]) for m in METHODS))
    table.add_row(
        f"closest unlisted copy (bits, searched to {MARGIN_RADIUS})",
        *(str(margin[m]) if margin[m] <= MARGIN_RADIUS else f">{MARGIN_RADIUS}" for m in METHODS),
    )
    console.print(table)
    cost = figures["cost"]
    assert isinstance(cost, dict)
    base = cost["Jaga plain PDQ (fast hash)"]
    ref = cost["plain PDQ"]
    cost_table = Table(title="Query cost per copy (decode + hash + search, one core)")
    cost_table.add_column("method")
    cost_table.add_column("ms", justify="right")
    cost_table.add_column("x Jaga plain PDQ", justify="right")
    cost_table.add_column("x reference plain PDQ", justify="right")
    for method, seconds in cost.items():
        cost_table.add_row(
            method, f"{1000 * seconds:.2f}", f"{seconds / base:.2f}", f"{seconds / ref:.2f}"
        )
    console.print(cost_table)
    per_entry = figures["bytes_per_entry"]
    assert isinstance(per_entry, dict)
    console.print(
        f"Hashes searched per copy by Jaga: {figures['hashes_per_query']:.1f}; "
        f"index memory per listed original (at {MEMORY_ENTRIES:,} originals): "
        f"plain list {per_entry['plain list']:.0f} B, "
        f"Jaga-built list {per_entry['Jaga-built list']:.0f} B "
        f"({figures['region_hashes_per_entry']:.1f} crop hashes per entry)."
    )
    console.print(
        f"How Jaga's matches were found (closest hash per matched copy): {figures['how']}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=Path, default=DEFAULT_IMAGES)
    parser.add_argument("--limit", type=int, default=None, help="use only N photos")
    parser.add_argument(
        "--glob",
        default="*",
        help="only photos whose names match (e.g. 'urban100_*' for a held-out set)",
    )
    parser.add_argument("--quick", action="store_true", help="40 photos (under a minute)")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--edits", nargs="*", help="only these edits (names as in the table)")
    args = parser.parse_args(argv)
    if not args.images.is_dir():
        print(f"no such folder: {args.images}", file=sys.stderr)
        return 2
    limit = args.limit or (40 if args.quick else None)
    started = time.perf_counter()
    figures = run(args.images, limit, args.seed, max(1, args.workers), args.edits, args.glob)
    console = Console()
    print_report(figures, console)
    console.print(f"Run took {time.perf_counter() - started:.0f} s on {args.workers} processes.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
