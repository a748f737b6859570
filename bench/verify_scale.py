"""What the local-feature stage costs as a Jaga-built list grows (jaga.robust.verify).

The stage's looser search runs over the plain hash of every verifiable entry for every
picture that matched nothing strictly, which is nearly every picture a scan
sees. This times that search at the default looser distance for lists of N originals
(random hashes: at distances of 60-80 bits a PDQ index scans most rows whatever the
hashes, so random rows cost what real ones do), and reports the index memory per
original. The check itself (ORB match + RANSAC) is timed on drawn pictures.

    .venv/bin/python bench/verify_scale.py [--sizes 1000 10000 100000] [--queries 21]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence

import numpy as np
from PIL import Image

from jaga.demo.drawing import draw_scene
from jaga.matching.pdq_index import PdqIndex
from jaga.robust import local_features as lf
from jaga.robust.verify import VerifySettings

ROWS_PER_ORIGINAL = 1  # the looser index holds each original's plain hash only


def search_cost(originals: int, queries: int, radius: int, repeats: int) -> tuple[float, float]:
    """(ms per picture for the looser search, index bytes per original)."""
    rng = np.random.default_rng(originals)
    rows = originals * ROWS_PER_ORIGINAL
    ids = np.repeat(np.arange(originals, dtype=np.int64), ROWS_PER_ORIGINAL)
    index = PdqIndex.from_arrays(ids, rng.integers(0, 256, (rows, 32), dtype=np.uint8))
    probe = rng.integers(0, 256, (queries, 32), dtype=np.uint8)
    index.search_arrays(probe, radius)  # compiled kernels loaded before timing
    started = time.perf_counter()
    for _ in range(repeats):
        index.search_arrays(probe, radius)
    return 1000 * (time.perf_counter() - started) / repeats, index.memory_bytes() / originals


def check_cost(repeats: int) -> tuple[float, float]:
    """(ms to extract a query's features, ms per candidate check) on drawn pictures."""
    original = np.asarray(draw_scene(11).convert("L"), np.float32)
    copy = draw_scene(11).rotate(5, resample=Image.Resampling.BICUBIC)
    query_luma = np.asarray(copy.convert("L"), np.float32)
    stored = lf.extract(original, lf.STORED_FEATURES)
    started = time.perf_counter()
    for _ in range(repeats):
        query = lf.extract(query_luma, lf.QUERY_FEATURES)
    extract_ms = 1000 * (time.perf_counter() - started) / repeats
    settings = VerifySettings().check_settings()
    started = time.perf_counter()
    for _ in range(repeats):
        lf.check(query, stored, settings)
    return extract_ms, 1000 * (time.perf_counter() - started) / repeats


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000, 100_000])
    parser.add_argument("--queries", type=int, default=15, help="hashes searched per picture")
    parser.add_argument("--radius", type=int, default=VerifySettings().distance)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args(argv)
    extract_ms, check_ms = check_cost(args.repeats)
    print(f"query ORB features: {extract_ms:.2f} ms; one candidate check: {check_ms:.2f} ms")
    print(f"{'originals':>10} {'looser search ms':>17} {'index B/original':>17}")
    for size in args.sizes:
        ms, per = search_cost(size, args.queries, args.radius, args.repeats)
        print(f"{size:>10,} {ms:>17.2f} {per:>17.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
