"""Check that a pure-speed change left the robust views as they were: (view name, hash) lists.

Every edit of bench/robust_transforms.py is applied to photos (the same seeded shuffle as
bench/robustness.py); each copy's robust hashes (`hash_bytes(dihedral=True,
views=ViewSettings())`: the plain hash with its dihedral variants, then every view's name,
hash, dihedral variants and quality) are written to a JSON file, or compared with one:

    .venv/bin/python bench/robust_views_same.py --write /tmp/before.json [--limit 200]
    .venv/bin/python bench/robust_views_same.py --compare /tmp/before.json [--limit 200]

The comparison prints every copy whose list differs and exits 1 when any does. Also
prints the CPU time of the robust hashing per copy (not a benchmark: one process, no
search; compare it only with a run made just before or after on the same machine).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))

from robust_transforms import edits, seeded

from jaga.hashing.hasher import hash_bytes
from jaga.robust.views import ViewSettings

DEFAULT_IMAGES = Path(__file__).resolve().parents[2] / "shared" / "bench-data" / "images"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=Path, default=DEFAULT_IMAGES)
    parser.add_argument("--glob", default="bsds500_*")
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--skip", type=int, default=0)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--stride", type=int, default=1, help="every n-th of the chosen photos")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path)
    group.add_argument("--compare", type=Path)
    args = parser.parse_args(argv)
    files = sorted(args.images.glob(args.glob))
    random.Random(args.seed).shuffle(files)
    files = files[args.skip : args.skip + args.limit][:: args.stride]
    settings = ViewSettings()
    hash_bytes(b"", "warm-up")
    found: dict[str, list[list[object]]] = {}
    spent = 0.0
    for path in files:
        with Image.open(path) as opened:
            original = opened.convert("RGB")
        for _group, name, edit in edits():
            copy = edit(original, seeded(path.name, name, args.seed))
            started = time.process_time()
            result = hash_bytes(copy, "q", dihedral=True, views=settings)
            spent += time.process_time() - started
            rows: list[list[object]] = [
                ["plain", pdq.hex, list(pdq.dihedral), pdq.quality] for pdq in result.pdq
            ]
            rows += [[how, pdq.hex, list(pdq.dihedral), pdq.quality] for how, pdq in result.views]
            found[f"{path.name} | {name}"] = rows
    print(
        f"{len(found)} copies of {len(files)} photos: {1000 * spent / len(found):.2f} CPU ms/copy"
    )
    if args.write is not None:
        args.write.write_text(json.dumps(found, indent=0, ensure_ascii=False))
        return 0
    before = json.loads(args.compare.read_text())
    differ = [key for key in found if before.get(key) != found[key]]
    missing = [key for key in before if key not in found]
    for key in differ[:40]:
        old = [(r[0], r[1]) for r in before.get(key, [])]
        new = [(r[0], r[1]) for r in found[key]]
        print(f"DIFFERS {key}\n  before {old}\n  after  {new}")
    print(f"{len(differ)} of {len(found)} copies differ; {len(missing)} missing from this run")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
