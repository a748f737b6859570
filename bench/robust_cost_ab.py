"""A/B of the robust hash's cost: plain `hash_bytes` and robust `hash_bytes` per copy.

No step wrappers (bench/robust_cost_split.py's distort a whole-hash comparison); the first
51 copies are hashed once untimed first (numba's kernels and other caches loaded). Run it
in each tree, alternating, e.g. `cd <tree> && PYTHONPATH=<tree>/src
.venv/bin/python bench/robust_cost_ab.py`. Photos 40-69 of the seeded bsds500 shuffle (as
robust_cost_split.py), every edit of bench/robust_transforms.py. CPU time of this
process, and wall time (what bench/robustness.py measures: OpenCV's or other threads' work
shows in CPU time, waiting for a core on a loaded machine in wall time).
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))

from robust_transforms import edits, seeded

from jaga.hashing.hasher import hash_bytes
from jaga.robust.views import ViewSettings

IMAGES = Path("/work/shared/bench-data/images")


def main() -> int:
    files = sorted(IMAGES.glob("bsds500_*"))
    random.Random(5).shuffle(files)
    settings = ViewSettings()
    copies = []
    for path in files[40:70]:
        with Image.open(path) as opened:
            original = opened.convert("RGB")
        for _group, name, edit in edits():
            copies.append(edit(original, seeded(path.name, name, 5)))
    for copy in copies[:51]:  # warm-up: compiled kernels, caches
        hash_bytes(copy, "q", dihedral=True, views=settings)
    plain = robust = plain_wall = robust_wall = 0.0
    for copy in copies:
        started, started_wall = time.process_time(), time.perf_counter()
        hash_bytes(copy, "q")
        middle, middle_wall = time.process_time(), time.perf_counter()
        hash_bytes(copy, "q", dihedral=True, views=settings)
        ended, ended_wall = time.process_time(), time.perf_counter()
        plain += middle - started
        robust += ended - middle
        plain_wall += middle_wall - started_wall
        robust_wall += ended_wall - middle_wall
    count = len(copies)
    print(
        f"plain {1000 * plain / count:.2f} robust {1000 * robust / count:.2f} "
        f"ratio {robust / plain:.2f} (CPU ms/copy, {count} copies); wall "
        f"plain {1000 * plain_wall / count:.2f} robust {1000 * robust_wall / count:.2f} "
        f"ratio {robust_wall / plain_wall:.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
