"""Large text's views, photo by photo: how close each decode's views come to the original.

For every photo (urban100, the bsds500 tuning part, or any folder), the benchmark's
"text large" copy is hashed with every robust view (`hash_bytes(dihedral=True,
views=ViewSettings())`) and each view's distance to the original's reference PDQ
(`pdqhash` of the fully decoded original) is taken; every photo is its own reference,
listed or not. Prints the share of photos with a view within 31 bits among the views of
the reduced decode, of the finer decode (`…, finer decode`) and of either, and the sum
of the best distances; `--out FILE` writes each photo's line and FILE.json every view's
distance (for comparing two trees or listing which views are ever the only one within 31).

    .venv/bin/python bench/robust_text_views.py urban|bsds|DIR [--out FILE] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from multiprocessing import Pool
from pathlib import Path

import numpy as np
import pdqhash
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))

from robust_transforms import edits, seeded

from jaga.hashing.hasher import hash_bytes
from jaga.robust.views import ViewSettings

IMAGES = Path(__file__).resolve().parents[2] / "shared" / "bench-data" / "images"
HELD_OUT = Path("/tmp/heldout-bsds")
EDIT = "text large"
THRESHOLD = 31


def _bits(hex_hash: str) -> np.ndarray:
    return np.unpackbits(np.frombuffer(bytes.fromhex(hex_hash), np.uint8))


def one(path_name: str) -> tuple[str, list[tuple[str, int]]]:
    """Every view of one photo's text-large copy, with its distance to the original."""
    path = Path(path_name)
    with Image.open(path) as opened:
        original = opened.convert("RGB")
    reference = np.asarray(pdqhash.compute(np.asarray(original))[0], np.uint8)
    edit = {name: e for _group, name, e in edits()}[EDIT]
    copy = edit(original, seeded(path.name, EDIT, 5))
    hashed = hash_bytes(copy, "q", dihedral=True, views=ViewSettings())
    return path.name, [
        (how, int(np.count_nonzero(_bits(pdq.hex) != reference))) for how, pdq in hashed.views
    ]


def photos(which: str) -> list[str]:
    if which == "urban":
        files = sorted(IMAGES.glob("urban100_*"))
    elif which == "bsds":
        held = {p.name for p in HELD_OUT.iterdir()} if HELD_OUT.is_dir() else set()
        files = sorted(p for p in IMAGES.glob("bsds500_*") if p.name not in held)
    else:
        files = sorted(p for p in Path(which).iterdir() if p.is_file())
    return [str(f) for f in files]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("which", help="urban, bsds (the tuning part) or a folder")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    with Pool(max(1, args.workers)) as pool:
        found = pool.map(one, photos(args.which), chunksize=2)
    lines, best_sum = [], 0
    within = {"reduced": 0, "finer": 0, "either": 0}
    for name, views in found:
        best = {"reduced": 999, "finer": 999}
        for how, distance in views:
            key = "finer" if "finer decode" in how else "reduced"
            best[key] = min(best[key], distance)
        either = min(best.values())
        best_sum += either
        within["reduced"] += best["reduced"] <= THRESHOLD
        within["finer"] += best["finer"] <= THRESHOLD
        within["either"] += either <= THRESHOLD
        lines.append(f"{name} reduced={best['reduced']} finer={best['finer']}")
    n = max(1, len(found))
    summary = (
        f"{args.which}: {len(found)} photos, a view within {THRESHOLD} bits: "
        + " ".join(f"{key} {100 * count / n:.1f}%" for key, count in within.items())
        + f"; sum of the best distances {best_sum}"
    )
    if args.out:
        args.out.write_text("\n".join([*lines, summary]) + "\n")
        args.out.with_suffix(args.out.suffix + ".json").write_text(json.dumps(found))
    print(summary)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
