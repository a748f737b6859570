"""Is `jaga finance score` faster on this branch, with the same alerts? (issue 6 speed)

    nice -n 5 .venv/bin/python bench/finance_speed_ab.py A_JAGA B_JAGA FILE [FILE ...] \\
        [--runs 3] [--threads 1] [--threads 1]

Runs the two `jaga` executables (e.g. main's /work/main/.venv/bin/jaga and this worktree's
.venv/bin/jaga) alternately on each transaction file, `--runs` times each, as the real CLI
in a subprocess (Python start, read, validate, score, write): A, B, A, B, ... so that a
change in machine load hits both alike. Per run it records the wall time and the CPU time
(user + system of the child, all threads), which a busy machine inflates far less than the
wall time; it prints the median and range of each, the B/A ratio of medians, the load
average before and after, and whether every run of B wrote byte for byte the alerts.csv
that A wrote most often (main's own output can vary between runs; each output that differs
is compared account by account with finance_alerts_diff). Exit status 1 if any B output
differs.

`--threads N` sets POLARS_MAX_THREADS=N for both. On a machine shared with other jobs
(load average well above the core count) Polars' worker threads wait for cores while
spinning, which inflates the CPU time of both and hides real differences; one thread each
makes the CPU time the work done, comparable between A and B whatever the load.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from finance_alerts_diff import main as same_alerts


def run_once(jaga: str, tx_file: Path, out: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one `jaga finance score` call."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [jaga, "finance", "score", str(tx_file), "--out", str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):5.2f} ({min(values):.2f}-{max(values):.2f})"


def compare(a: str, b: str, tx_file: Path, runs: int, workdir: Path, env: dict[str, str]) -> bool:
    """Interleaved runs on one file; True if every B output equals A's byte for byte."""
    times: dict[str, list[tuple[float, float]]] = {"A": [], "B": []}
    outputs: dict[str, list[Path]] = {"A": [], "B": []}
    for i in range(runs):
        order = (("A", a), ("B", b)) if i % 2 == 0 else (("B", b), ("A", a))
        for label, jaga in order:
            out = workdir / f"{tx_file.stem}.{label}{i}.csv"
            times[label].append(run_once(jaga, tx_file, out, env))
            outputs[label].append(out)
    # Main itself may vary between runs (account codes assigned from several threads named
    # different hubs in reasons): the reference is the output A wrote most often.
    contents = {label: [p.read_bytes() for p in outputs[label]] for label in outputs}
    reference = max(set(contents["A"]), key=contents["A"].count)
    first = outputs["A"][contents["A"].index(reference)]
    identical = all(c == reference for c in contents["B"])
    for label in ("A", "B"):
        print(
            f"  {label}: {len(set(contents[label]))} distinct output(s) in {runs} runs, "
            f"{contents[label].count(reference)} equal to A's most frequent"
        )
        for path, content in zip(outputs[label], contents[label], strict=True):
            if content != reference:
                print(f"  {path.name} differs from {first.name}; ignoring row order:")
                same_alerts(str(first), str(path))
    a_stable = len(set(contents["A"])) == 1
    alerts = len(reference.decode().splitlines()) - 1
    wall = {k: [w for w, _ in v] for k, v in times.items()}
    cpu = {k: [c for _, c in v] for k, v in times.items()}
    verdict = "identical" if identical else "DIFFERENT"
    print(f"{tx_file.name}: {alerts} alerts; B's {runs} outputs {verdict} to A's most frequent"
          f"{'' if a_stable else ' (A itself varied between runs)'}")  # fmt: skip
    for label in ("A", "B"):
        print(f"  {label}: wall {summary(wall[label])} s   cpu {summary(cpu[label])} s")
    ratio_wall = statistics.median(wall["B"]) / statistics.median(wall["A"])
    ratio_cpu = statistics.median(cpu["B"]) / statistics.median(cpu["A"])
    print(f"  B/A medians: wall {ratio_wall:.2f}, cpu {ratio_cpu:.2f}", flush=True)
    return identical


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("a", help="the `jaga` executable to compare against (e.g. main's)")
    parser.add_argument("b", help="the `jaga` executable under test (this branch's)")
    parser.add_argument("files", nargs="+", type=Path, help="transaction files (Parquet/CSV)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=None, help="POLARS_MAX_THREADS for both")
    args = parser.parse_args()
    env = dict(os.environ)
    if args.threads is not None:
        env["POLARS_MAX_THREADS"] = str(args.threads)
    print(f"A = {args.a}\nB = {args.b}\nPOLARS_MAX_THREADS={env.get('POLARS_MAX_THREADS', '')}")
    print(f"load average before: {os.getloadavg()}")
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for tx_file in args.files:
            ok &= compare(args.a, args.b, tx_file, args.runs, Path(tmp), env)
    print(f"load average after: {os.getloadavg()}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
