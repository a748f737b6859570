"""Benchmark: Jaga's PdqIndex against faiss IndexBinaryFlat and IndexBinaryMultiHash.

Data: synthetic 256-bit PDQ-shaped hashes (uniform random, and clustered near-duplicates:
N/20 centres x 20 variants at <= 20 bits). Queries: entries with 0..31 bits flipped
(uniform) plus 10 % random non-members. Ground truth is faiss IndexBinaryFlat (an exact
scan) on the first --truth-queries queries; every index is scored on those.

    .venv/bin/python bench/matching.py --sizes 1000000,10000000 --queries 2000 --threads 1
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

from jaga.matching import PdqIndex

RADIUS = 31
CHUNK_ROWS = 500_000


@dataclass
class Row:
    dataset: str
    size: int
    index: str
    build_s: float
    load_s: float | None
    qps_batch: float
    qps_single: float | None
    queries: int
    recall: float
    memory_mb: float
    memory_how: str
    visible_ms: float | None = None


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def flip_exact(rng: np.random.Generator, rows: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Rows with exactly counts[i] distinct bits flipped."""
    bits = np.unpackbits(rows, axis=1)
    for i, count in enumerate(counts):
        bits[i, rng.choice(256, size=int(count), replace=False)] ^= 1
    return np.packbits(bits, axis=1)


def flip_upto(rng: np.random.Generator, rows: np.ndarray, max_flip: int) -> np.ndarray:
    """Rows with up to max_flip random bits flipped (vectorised, for millions of rows)."""
    out = np.empty_like(rows)
    for start in range(0, rows.shape[0], CHUNK_ROWS):
        chunk = rows[start : start + CHUNK_ROWS]
        n = chunk.shape[0]
        counts = rng.integers(0, max_flip + 1, size=n)
        positions = rng.integers(0, 256, size=(n, max_flip))
        masks = np.zeros((n, 256), dtype=np.uint8)
        use = np.arange(max_flip)[None, :] < counts[:, None]
        rows_idx = np.repeat(np.arange(n), max_flip).reshape(n, max_flip)
        masks[rows_idx[use], positions[use]] = 1
        out[start : start + n] = chunk ^ np.packbits(masks, axis=1)
    return out


def make_dataset(rng: np.random.Generator, kind: str, size: int) -> np.ndarray:
    if kind == "uniform":
        return rng.integers(0, 256, size=(size, 32), dtype=np.uint8)
    centres = rng.integers(0, 256, size=(size // 20, 32), dtype=np.uint8)
    return flip_upto(rng, np.repeat(centres, 20, axis=0), 20)


def make_queries(rng: np.random.Generator, hashes: np.ndarray, count: int) -> np.ndarray:
    members = count - count // 10
    picked = hashes[rng.integers(0, hashes.shape[0], size=members)]
    near = flip_exact(rng, picked, rng.integers(0, RADIUS + 1, size=members))
    strangers = rng.integers(0, 256, size=(count // 10, 32), dtype=np.uint8)
    return rng.permutation(np.concatenate([near, strangers]))


def faiss_hits(index: object, queries: np.ndarray) -> list[set[tuple[int, int]]]:
    lims, dists, labels = index.range_search(queries, RADIUS + 1)  # type: ignore[attr-defined]
    return [
        {(int(labels[j]), int(dists[j])) for j in range(lims[i], lims[i + 1])}
        for i in range(queries.shape[0])
    ]


def recall(found: list[set[tuple[int, int]]], truth: list[set[tuple[int, int]]]) -> float:
    wanted = sum(len(t) for t in truth)
    got = sum(len(f & t) for f, t in zip(found, truth, strict=False))
    extra = sum(len(f - t) for f, t in zip(found, truth, strict=False))
    if extra:
        print(f"  WARNING: {extra} hits not in the ground truth")
    return got / wanted if wanted else 1.0


def timed(action: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def jaga_search_threads(
    index: PdqIndex, queries: np.ndarray, threads: int
) -> list[list[tuple[int, int]]]:
    if threads == 1:
        return index.search_many(queries, RADIUS)
    parts = np.array_split(queries, threads)
    with ThreadPoolExecutor(threads) as pool:
        results = list(pool.map(lambda part: index.search_many(part, RADIUS), parts))
    return [hits for part in results for hits in part]


def bench_jaga(
    kind: str, hashes: np.ndarray, queries: np.ndarray, truth: list[set[tuple[int, int]]], args
) -> Row:
    n = hashes.shape[0]
    ids = np.arange(n, dtype=np.int64)
    rss_before = rss_bytes()
    build_s, built = timed(lambda: PdqIndex.from_arrays(ids, hashes))
    index: PdqIndex = built  # type: ignore[assignment]
    rss_delta = rss_bytes() - rss_before
    snapshot = Path(tempfile.mkdtemp(prefix="jaga-bench-"))
    try:
        save_s, _ = timed(lambda: index.save(snapshot / "pdq"))
        del index, built
        gc.collect()
        load_s, loaded = timed(lambda: PdqIndex.load(snapshot / "pdq"))
        index = loaded  # type: ignore[assignment]
    finally:
        shutil.rmtree(snapshot, ignore_errors=True)
    print(f"  jaga: build {build_s:.2f}s, save {save_s:.2f}s, load {load_s:.2f}s")
    index.search_many(queries[:5], RADIUS)  # warm the page cache of the tables, not the answers
    batch_s, results = timed(lambda: jaga_search_threads(index, queries, args.threads))
    single_n = min(len(queries), args.single_queries)
    single_s, _ = timed(lambda: [index.search(q, RADIUS) for q in queries[:single_n]])
    found = [set(hits) for hits in results[: len(truth)]]  # type: ignore[index]
    # 10,000 new hashes: time to add them plus the first query that finds one of them.
    rng = np.random.default_rng(99)
    new_hashes = rng.integers(0, 256, size=(10_000, 32), dtype=np.uint8)
    new_ids = np.arange(n, n + 10_000, dtype=np.int64)
    start = time.perf_counter()
    index.add(new_ids, new_hashes)
    hit = index.search(new_hashes[-1], RADIUS)
    visible_ms = (time.perf_counter() - start) * 1000
    assert (int(new_ids[-1]), 0) in hit, "added hash not found"
    return Row(
        dataset=kind,
        size=n,
        index="jaga PdqIndex",
        build_s=build_s,
        load_s=load_s,
        qps_batch=len(queries) / batch_s,
        qps_single=single_n / single_s,
        queries=len(queries),
        recall=recall(found, truth),
        memory_mb=index.memory_bytes() / 1e6,
        memory_how=f"arrays; RSS+{rss_delta / 1e6:.0f} at build",
        visible_ms=visible_ms,
    )


def bench_faiss(
    kind: str,
    name: str,
    make: Callable[[], object],
    hashes: np.ndarray,
    queries: np.ndarray,
    truth: list[set[tuple[int, int]]] | None,
) -> tuple[Row, list[set[tuple[int, int]]]]:
    rss_before = rss_bytes()

    def build() -> object:
        index = make()
        index.add(hashes)  # type: ignore[attr-defined]
        return index

    build_s, index = timed(build)
    rss_delta = rss_bytes() - rss_before
    print(f"  {name}: build {build_s:.2f}s, {len(queries)} queries ...")
    search_s, found = timed(lambda: faiss_hits(index, queries))
    hits: list[set[tuple[int, int]]] = found  # type: ignore[assignment]
    row = Row(
        dataset=kind,
        size=hashes.shape[0],
        index=name,
        build_s=build_s,
        load_s=None,
        qps_batch=len(queries) / search_s,
        qps_single=None,
        queries=len(queries),
        recall=recall(hits, truth if truth is not None else hits),
        memory_mb=rss_delta / 1e6,
        memory_how="RSS delta",
    )
    return row, hits


def first_query_latency() -> float:
    """Seconds from a fresh interpreter's import to its first answered query (numba cache)."""
    code = (
        "import time; t=time.perf_counter(); import numpy as np; "
        "from jaga.matching import PdqIndex; "
        "h=np.random.default_rng(0).integers(0,256,(20000,32),dtype=np.uint8); "
        "i=PdqIndex.from_arrays(np.arange(20000), h); i.add(np.array([-1]), h[:1]); "
        "i.search(h[0], 31); print(time.perf_counter()-t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000000,10000000")
    parser.add_argument("--queries", type=int, default=2000, help="queries for Jaga")
    parser.add_argument("--truth-queries", type=int, default=200, help="queries faiss runs")
    parser.add_argument("--single-queries", type=int, default=500, help="one-by-one queries")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--datasets", default="uniform,clustered")
    parser.add_argument("--skip-mih-above", type=int, default=20_000_000)
    args = parser.parse_args()

    import faiss

    faiss.omp_set_num_threads(args.threads)
    console = Console(width=220)
    console.print(f"first query in a fresh process: {first_query_latency():.2f} s (import + call)")
    rows: list[Row] = []
    for size in [int(s) for s in args.sizes.split(",")]:
        for kind in args.datasets.split(","):
            rng = np.random.default_rng(size + len(kind))
            console.print(f"[bold]{kind} {size:,}[/bold]: generating ...")
            hashes = make_dataset(rng, kind, size)
            queries = make_queries(rng, hashes, args.queries)
            truth_queries = queries[: args.truth_queries]
            flat_row, truth = bench_faiss(
                kind,
                "faiss BinaryFlat",
                lambda: faiss.IndexBinaryFlat(256),
                hashes,
                truth_queries,
                None,
            )
            rows.append(flat_row)
            rows.append(bench_jaga(kind, hashes, queries, truth, args))
            gc.collect()
            if size <= args.skip_mih_above:

                def make_mih() -> object:
                    mih = faiss.IndexBinaryMultiHash(256, 16, 16)
                    mih.nflip = RADIUS // 16
                    return mih

                mih_row, _ = bench_faiss(
                    kind, "faiss MultiHash 16x16", make_mih, hashes, truth_queries, truth
                )
                rows.append(mih_row)
            del hashes
            gc.collect()
    print_table(console, rows, args)


def print_table(console: Console, rows: list[Row], args: argparse.Namespace) -> None:
    table = Table(title=f"PDQ range search, radius {RADIUS}, {args.threads} thread(s)")
    for column in (
        "data",
        "N",
        "index",
        "build s",
        "load s",
        "q/s batch",
        "q/s one-by-one",
        "queries",
        "recall",
        "memory MB",
        "10k adds visible",
        "jaga/flat",
        "jaga/MIH",
    ):
        table.add_column(column, justify="right")
    for row in rows:
        same = [r for r in rows if r.dataset == row.dataset and r.size == row.size]
        by_name = {r.index: r for r in same}
        jaga = by_name.get("jaga PdqIndex")
        ratios = ["", ""]
        if row is jaga:
            for slot, name in enumerate(("faiss BinaryFlat", "faiss MultiHash 16x16")):
                if name in by_name:
                    ratios[slot] = f"{jaga.qps_batch / by_name[name].qps_batch:.0f}x"
        table.add_row(
            row.dataset,
            f"{row.size:,}",
            row.index,
            f"{row.build_s:.2f}",
            "" if row.load_s is None else f"{row.load_s:.2f}",
            f"{row.qps_batch:,.0f}",
            "" if row.qps_single is None else f"{row.qps_single:,.0f}",
            str(row.queries),
            f"{row.recall:.4f}",
            f"{row.memory_mb:,.0f} ({row.memory_how})",
            "" if row.visible_ms is None else f"{row.visible_ms:.0f} ms",
            *ratios,
        )
    console.print(table)


if __name__ == "__main__":
    main()
