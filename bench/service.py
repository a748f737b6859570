"""The service under load: one-hash lookups and 1024-px upload hash+match, over loopback.

A real `jaga serve` (Uvicorn, SQLite under a temporary folder) with N random PDQ hashes
plus the reference hashes of the 1024-px bench photos in one bank, driven by `wrk`
(Debian package `wrk`) for a fixed time per test. Prints requests/s and p50/p99 latency.
The lookups are also measured with the fast paths off (`JAGA_FAST_PATHS=0`, every call
through FastAPI's routing) in the same run, as the anchor (`--no-anchor` skips it).
Run: `.venv/bin/python bench/service.py [--entries 1000000] [--workers 2] [--seconds 20]`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import numpy as np
import pdqhash
from PIL import Image
from rich.console import Console
from rich.table import Table

from jaga.auth.keys import KeyService
from jaga.banks.records import EntryInput
from jaga.banks.service import BankService
from jaga.store import create_engine_for

REPO = Path(__file__).resolve().parent.parent
DEFAULT_IMAGES = REPO.parent / "shared" / "bench-data" / "images"

LOOKUP_LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer {key}"
local bodies = {{{bodies}}}
local i = 0
request = function()
  i = i + 1
  return wrk.format(nil, "/v1/match", nil, bodies[(i % #bodies) + 1])
end
"""

HMA_LOOKUP_LUA = """
wrk.headers["Authorization"] = "Bearer {key}"
local paths = {{{paths}}}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
"""

UPLOAD_LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "multipart/form-data; boundary=jagabench"
wrk.headers["Authorization"] = "Bearer {key}"
local f = io.open("{body}", "rb")
wrk.body = f:read("*all")
f:close()
"""


def reference_pdq(path: Path) -> str:
    bits, _quality = pdqhash.compute(np.asarray(Image.open(path).convert("RGB")))
    return np.packbits(bits.astype(np.uint8)).tobytes().hex()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_wrk(url: str, script: Path, seconds: int, connections: int) -> tuple[float, float, float]:
    """(requests/s, p50 ms, p99 ms) from wrk's --latency report."""
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in out:
        raise RuntimeError(f"the server refused requests:\n{out}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]

    def percentile(name: str) -> float:
        value, unit = re.search(rf"{name}%\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    return rate, percentile("50"), percentile("99")


def time_to_match(base: str, key: str, rounds: int) -> list[float]:
    """Seconds from a new entry's add answering to the first lookup that finds it.

    Added through HMA's `POST /c/bank/<name>/signal`, looked up with `GET /m/lookup` on
    fresh connections, so with several workers the lookups land on any of them: the
    figure covers the worker that stored the entry and the ones that learn of it later.
    """
    rng = np.random.default_rng(11)
    headers = {"Authorization": f"Bearer {key}"}
    delays = []
    for _ in range(rounds):
        signal = rng.integers(0, 256, size=32, dtype=np.uint8).tobytes().hex()
        added = httpx.post(f"{base}/c/bank/BENCH_NEW/signal", json={"pdq": signal}, headers=headers)
        added.raise_for_status()
        done = time.perf_counter()
        while True:
            found = httpx.get(
                f"{base}/m/lookup", params={"signal_type": "pdq", "signal": signal}, headers=headers
            ).json()
            if found:
                delays.append(time.perf_counter() - done)
                break
            if time.perf_counter() - done > 30:
                raise RuntimeError("a new entry did not match within 30 s")
            time.sleep(0.01)
    return delays


@contextmanager
def serving(env: dict[str, str], workers: int, work: Path, image: bytes, key: str) -> Iterator[str]:
    """A `jaga serve`-like Uvicorn with `workers` workers, ready; yields its base URL."""
    port = free_port()
    with (work / "server.log").open("a") as server_log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "jaga.api.app:create_app",
                "--factory",
                "--port",
                str(port),
                "--workers",
                str(workers),
                "--no-access-log",
            ],
            env=env,
            stderr=server_log,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 300
            while time.monotonic() < deadline:
                try:
                    if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                time.sleep(0.5)
            time.sleep(3)  # every worker's index loaded, not only the first to answer
            check = httpx.post(
                f"{base}/v1/hash-and-match",
                files={"file": ("p.jpg", image)},
                headers={"Authorization": f"Bearer {key}"},
            ).json()
            assert check["matched"], check
            yield base
        finally:
            server.terminate()
            server.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--images", type=Path, default=DEFAULT_IMAGES)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--new-entries", type=int, default=20, help="rounds of add-then-match")
    parser.add_argument(
        "--no-anchor",
        dest="anchor",
        action="store_false",
        help="skip the same-run anchor (the lookups with JAGA_FAST_PATHS=0)",
    )
    args = parser.parse_args()
    console = Console(width=160)  # the table is wide; logs and docs read it whole
    if shutil.which("wrk") is None:
        console.print("wrk is needed: apt-get install wrk")
        return 2
    photos = sorted(args.images.glob("urban100_*"))
    if not photos:
        console.print(f"No 1024-px photos (urban100_*) in {args.images}; pass --images DIR.")
        return 2
    with tempfile.TemporaryDirectory(prefix="jaga-bench-service-") as tmp:
        work = Path(tmp)
        url_db = f"sqlite:///{work / 'jaga.db'}"
        engine = create_engine_for(url_db)
        banks = BankService(engine)
        banks.create_bank("bench", signal_types=["pdq"])
        console.print(f"loading {args.entries:,} random PDQ hashes + {len(photos)} photos ...")
        started = time.perf_counter()
        rng = np.random.default_rng(7)
        for start in range(0, args.entries, 100_000):
            count = min(100_000, args.entries - start)
            rows = rng.integers(0, 256, size=(count, 32), dtype=np.uint8)
            banks.add_entries(
                "bench", (EntryInput("pdq", row.tobytes().hex()) for row in rows), source="rand"
            )
        photo_hashes = [reference_pdq(p) for p in photos]
        banks.add_entries("bench", (EntryInput("pdq", h) for h in photo_hashes), source="photos")
        console.print(f"  loaded in {time.perf_counter() - started:.0f} s")
        _, key = KeyService(engine).create("bench", ["admin"], rate_limit_per_minute=0)

        lookup = work / "lookup.lua"
        bodies = ",".join(
            json.dumps(json.dumps({"hashes": [{"signal_type": "pdq", "value": h}]}))
            for h in photo_hashes
        )
        lookup.write_text(LOOKUP_LUA.format(key=key, bodies=bodies))
        body = work / "upload.body"
        image = photos[0].read_bytes()
        body.write_bytes(
            b'--jagabench\r\nContent-Disposition: form-data; name="file"; '
            b'filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'
            + image
            + b"\r\n--jagabench--\r\n"
        )
        upload = work / "upload.lua"
        upload.write_text(UPLOAD_LUA.format(key=key, body=body))
        hma_lookup = work / "hma_lookup.lua"
        paths = ",".join(f'"/m/lookup?signal_type=pdq&signal={h}"' for h in photo_hashes)
        hma_lookup.write_text(HMA_LOOKUP_LUA.format(key=key, paths=paths))
        banks.create_bank("BENCH_NEW", signal_types=["pdq"])

        env = dict(
            os.environ,
            JAGA_DATABASE_URL=url_db,
            JAGA_DATA_DIR=str(work / "data"),
            JAGA_LOG_FORMAT="json",  # as `jaga serve` runs: one access line per request
        )
        lookups = [
            ("one-hash lookup, POST /v1/match", "/v1/match", lookup),
            ("one-hash lookup, HMA GET /m/lookup", "/m/lookup", hma_lookup),
        ]
        results: list[tuple[str, float, float, float, str]] = []
        anchor: dict[str, float] = {}
        if args.anchor:
            # The same code with its fast paths off (every call through FastAPI's routing):
            # the anchor these lookups are compared with, measured in this run.
            with serving(env | {"JAGA_FAST_PATHS": "0"}, args.workers, work, image, key) as base:
                for name, path, script in lookups:
                    rate, _, _ = run_wrk(f"{base}{path}", script, args.seconds, args.connections)
                    anchor[name] = rate
        with serving(env, args.workers, work, image, key) as base:
            for name, path, script in lookups:
                measured = run_wrk(f"{base}{path}", script, args.seconds, args.connections)
                results.append((name, *measured, "≥ 1,500/s, p99 ≤ 20 ms"))
            results.append(
                (
                    "1024-px upload, POST /v1/hash-and-match",
                    *run_wrk(
                        f"{base}/v1/hash-and-match", upload, args.seconds, args.connections // 2
                    ),
                    "≥ 100/s",
                )
            )
            delays = time_to_match(base, key, args.new_entries)
    table = Table(
        title=f"Service on loopback: {args.entries:,} PDQ entries, "
        f"{args.workers} worker(s), wrk 1 thread"
    )
    columns = ["test", "requests/s", "p50 ms", "p99 ms", "target"]
    if anchor:
        columns[2:2] = ["fast paths off, requests/s", "ratio"]
    for column in columns:
        table.add_column(column, justify="right")
    for name, rate, p50, p99, target in results:
        compared = []
        if anchor:
            base_rate = anchor.get(name)
            compared = [f"{base_rate:,.0f}", f"{rate / base_rate:.2f}x"] if base_rate else ["", ""]
        table.add_row(name, f"{rate:,.0f}", *compared, f"{p50:.1f}", f"{p99:.1f}", target)
    console.print(table)
    delays.sort()
    console.print(
        f"New content (HMA POST /c/bank/<name>/signal) matchable by GET /m/lookup after: "
        f"median {delays[len(delays) // 2] * 1000:.0f} ms, max {delays[-1] * 1000:.0f} ms "
        f"over {len(delays)} entries (target: within 1 s; HMA with Coop's settings: ~2 min)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
