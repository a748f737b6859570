"""Memory of `jaga serve` workers: at start with N entries, and while banks churn.

Loads N random PDQ entries into a bank (SQLite under a temporary folder, or
--database-url), starts `jaga serve --workers W`, then repeatedly adds and removes
--churn entries through the API and, after each round, prints every worker's resident
memory (from /proc) and the index's live and removed PDQ rows (from /metrics).
Run: `.venv/bin/python bench/service_memory.py [--entries 1000000] [--workers 2]`.
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np
from prometheus_client.parser import text_string_to_metric_families
from rich.console import Console
from rich.table import Table

from jaga.auth.keys import KeyService
from jaga.banks.records import EntryInput
from jaga.banks.service import BankService
from jaga.store import create_engine_for

MIB = 2**20


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rss(pid: str) -> int:
    return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def metric(text: str, name: str, **labels: str) -> float:
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                return float(sample.value)
    return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--churn", type=int, default=20_000, help="entries added+removed a round")
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    console = Console()
    with tempfile.TemporaryDirectory(prefix="jaga-bench-memory-") as tmp:
        work = Path(tmp)
        url = args.database_url or f"sqlite:///{work / 'jaga.db'}"
        engine = create_engine_for(url)
        banks = BankService(engine)
        name = f"MEM{secrets.token_hex(3).upper()}"
        banks.create_bank(name, signal_types=["pdq"])
        started = time.perf_counter()
        rng = np.random.default_rng(7)
        for start in range(0, args.entries, 100_000):
            count = min(100_000, args.entries - start)
            rows = rng.integers(0, 256, size=(count, 32), dtype=np.uint8)
            banks.add_entries(
                name, (EntryInput("pdq", r.tobytes().hex()) for r in rows), source="rand"
            )
        console.print(f"{args.entries:,} entries loaded in {time.perf_counter() - started:.0f} s")
        _, key = KeyService(engine).create("bench", ["admin"], rate_limit_per_minute=0)
        headers = {"Authorization": f"Bearer {key}"}

        port = free_port()
        env = dict(
            os.environ,
            JAGA_DATABASE_URL=url,
            JAGA_DATA_DIR=str(work / "data"),
            JAGA_LOG_FORMAT="json",
        )
        command = [str(Path(sys.executable).with_name("jaga")), "serve", "--port", str(port)]
        command += ["--workers", str(args.workers)]
        log = (work / "server.log").open("w")
        server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        table = Table(
            title=f"jaga serve, {args.workers} workers, {args.entries:,} PDQ entries, "
            f"{args.churn:,} added and removed a round"
        )
        for column in ("round", "RSS per worker (MiB)", "PDQ live", "PDQ removed", "index MiB"):
            table.add_column(column, justify="right")
        try:
            workers: set[str] = set()
            deadline = time.monotonic() + 600
            while len(workers) < args.workers and time.monotonic() < deadline:
                try:
                    ready = httpx.get(f"{base}/readyz", timeout=5)
                    if ready.status_code == 200:
                        workers.add(ready.headers["x-jaga-worker"])
                except httpx.TransportError:
                    time.sleep(0.5)

            def row(label: str) -> None:
                time.sleep(2.5)  # every worker's timer has applied the round
                text = httpx.get(f"{base}/metrics", headers=headers, timeout=30).text
                table.add_row(
                    label,
                    "  ".join(f"{rss(pid) / MIB:,.0f}" for pid in sorted(workers)),
                    f"{metric(text, 'jaga_index_pdq_rows', state='live'):,.0f}",
                    f"{metric(text, 'jaga_index_pdq_rows', state='removed'):,.0f}",
                    f"{metric(text, 'jaga_index_pdq_memory_bytes') / MIB:,.1f} (all)",
                )

            row("start")
            for round_number in range(1, args.rounds + 1):
                batch = [
                    {"signal_type": "pdq", "value": secrets.token_hex(32)}
                    for _ in range(args.churn)
                ]
                for part in range(0, len(batch), 10_000):
                    chunk = {"entries": batch[part : part + 10_000]}
                    url_add = f"{base}/v1/banks/{name}/entries"
                    httpx.post(url_add, json=chunk, headers=headers, timeout=300)
                for part in range(0, len(batch), 10_000):
                    chunk = {"values": batch[part : part + 10_000]}
                    url_remove = f"{base}/v1/banks/{name}/entries/remove"
                    httpx.post(url_remove, json=chunk, headers=headers, timeout=300)
                if round_number in (1, 2, 3) or round_number % 5 == 0:
                    row(str(round_number))
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
    console.print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
