"""Metrics, logs and many workers, on a real `jaga serve` (the command operators run).

The server is started through the CLI so that what it sets up (structured logs, the
metrics folder shared by workers, Uvicorn's options) is what is tested.
"""

from __future__ import annotations

import io
import json
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image
from prometheus_client.parser import text_string_to_metric_families

from jaga.auth.keys import KeyService
from jaga.banks.records import EntryInput
from jaga.banks.service import BankService
from jaga.demo.drawing import draw_scene
from jaga.hashing.hasher import hash_bytes
from jaga.store import create_engine_for

JAGA = str(Path(sys.executable).with_name("jaga"))


def jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Served:
    url: str
    log_path: Path
    keys: KeyService
    banks: BankService
    process: subprocess.Popen[bytes]
    workers: set[str] = field(default_factory=set)

    def get(self, path: str, key: str | None = None) -> httpx.Response:
        """A request on a new connection, so any worker may answer it."""
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return httpx.get(self.url + path, headers=headers, timeout=30)

    def post(
        self, path: str, key: str, headers: dict[str, str] | None = None, **kwargs: Any
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {key}", **(headers or {})}
        return httpx.post(self.url + path, headers=headers, timeout=60, **kwargs)

    def log_lines(self) -> list[dict[str, Any]]:
        lines = self.log_path.read_text().splitlines()
        return [json.loads(line) for line in lines if line.startswith("{")]

    def metrics(self, key: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
        response = self.get("/metrics", key)
        assert response.status_code == 200, response.text
        return {
            (sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(response.text)
            for sample in family.samples
        }


@contextmanager
def serve(database_url: str, tmp_path: Path, workers: int = 1) -> Iterator[Served]:
    engine = create_engine_for(database_url)
    port = free_port()
    env = dict(
        os.environ,
        JAGA_DATABASE_URL=database_url,
        JAGA_DATA_DIR=str(tmp_path / "data"),
        JAGA_LOG_FORMAT="json",
    )
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    log_path = tmp_path / "server.log"
    command = [JAGA, "serve", "--port", str(port), "--workers", str(workers)]
    with log_path.open("w") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    served = Served(
        f"http://127.0.0.1:{port}", log_path, KeyService(engine), BankService(engine), process
    )
    try:
        deadline = time.monotonic() + 120
        while len(served.workers) < workers:  # every worker has answered: all are ready
            try:
                ready = served.get("/readyz")
                if ready.status_code == 200:
                    served.workers.add(ready.headers["x-jaga-worker"])
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(log_path.read_text())
            time.sleep(0.05)
        yield served
    finally:
        process.terminate()
        process.wait(timeout=20)
        engine.dispose()


@pytest.fixture
def one_worker(database_url: str, tmp_path: Path) -> Iterator[Served]:
    with serve(database_url, tmp_path) as served:
        yield served


def sample(metrics: dict[Any, float], name: str, **labels: str) -> float:
    return metrics.get((name, tuple(sorted(labels.items()))), 0.0)


def test_metrics_count_requests_and_matches_and_logs_never_hold_hashes(
    one_worker: Served,
) -> None:
    server = one_worker
    _, curator = server.keys.create("curator", ["banks:read", "banks:write"])
    _, platform = server.keys.create("platform", ["hash", "match"])
    _, scraper = server.keys.create("prometheus", ["metrics"])
    photo = jpeg(draw_scene(4))
    known = hash_bytes(photo, "known.jpg")
    secret_values = [known.pdq[0].hex, known.md5, known.sha1, known.sha256]

    assert server.get("/metrics").status_code == 401
    assert server.get("/metrics", platform).status_code == 403  # needs scope metrics
    assert server.post("/v1/banks", curator, json={"name": "KNOWN"}).status_code == 201
    entries = [
        {"signal_type": "pdq", "value": known.pdq[0].hex},
        {"signal_type": "md5", "value": known.md5},
    ]
    added = server.post("/v1/banks/KNOWN/entries", curator, json={"entries": entries})
    assert added.status_code == 200 and added.json()["added"] == 2
    assert server.get("/v1/banks/KNOWN", curator).status_code == 200

    query = {"hashes": [{"signal_type": "pdq", "value": known.pdq[0].hex}]}
    for _ in range(3):
        matched = server.post("/v1/match", platform, json=query)
        assert len(matched.json()["results"][0]["matches"]) == 1
    both = server.post("/v1/hash-and-match", platform, files={"file": ("k.jpg", photo)})
    assert both.json()["matched"] is True  # PDQ and MD5: two matches
    hashed = server.post("/v1/hash", platform, files={"file": ("k.jpg", photo)})
    assert hashed.json()["hashes"]["md5"] == known.md5
    miss = {"hashes": [{"signal_type": "sha1", "value": known.sha1}]}
    assert server.post("/v1/match", platform, json=miss).json()["results"][0]["matches"] == []
    tagged = server.post("/v1/match", platform, json=query, headers={"X-Request-ID": "abc-123"})
    assert tagged.headers["x-request-id"] == "abc-123"

    metrics = server.metrics(scraper)
    requests = "jaga_http_requests_total"
    assert sample(metrics, requests, method="POST", route="/v1/match", status="200") == 5
    assert sample(metrics, requests, method="GET", route="/v1/banks/{name}", status="200") == 1
    assert sample(metrics, requests, method="GET", route="/metrics", status="401") == 1
    assert not any("KNOWN" in str(labels) for (name, labels) in metrics if name == requests)
    latency = "jaga_http_request_duration_seconds_bucket"
    fastest = sample(metrics, latency, method="POST", route="/v1/match", le="0.0005")
    slowest = sample(metrics, latency, method="POST", route="/v1/match", le="5.0")
    assert 0 <= fastest <= slowest == 5
    assert sample(metrics, "jaga_matches_total", bank="KNOWN") == 4 + 2
    assert sample(metrics, "jaga_index_entries", signal_type="pdq") == 1
    assert sample(metrics, "jaga_index_entries", signal_type="md5") == 1
    assert sample(metrics, "jaga_workers") == 1
    refreshed = sample(metrics, "jaga_index_last_refresh_timestamp_seconds")
    assert time.time() - 10 < refreshed <= time.time()
    writes = sample(metrics, "jaga_index_refresh_duration_seconds_count", trigger="write")
    assert writes >= 1

    lines = server.log_lines()
    access = [line for line in lines if line.get("event") == "request"]
    match_lines = [line for line in access if line["route"] == "/v1/match"]
    assert len(match_lines) == 5
    assert {line["key"] for line in match_lines} == {"platform"}
    assert all(line["status"] == 200 and line["duration_ms"] > 0 for line in match_lines)
    assert {"client", "request_id", "method", "worker", "timestamp"} <= set(match_lines[0])
    assert any(line["request_id"] == "abc-123" for line in match_lines)
    assert any(line.get("event") == "index.loaded" for line in lines)
    text = server.log_path.read_text()
    for value in secret_values:
        assert value.lower() not in text.lower(), "a hash value reached the log"
    for secret in (curator, platform, scraper):
        assert secret not in text, "an API key secret reached the log"


def test_index_stays_bounded_as_entries_come_and_go(database_url: str, tmp_path: Path) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("the index under test is the same on both backends; SQLite is quicker")
    with serve(database_url, tmp_path) as server:
        _churn(server)


def _churn(server: Served) -> None:
    _, curator = server.keys.create("curator", ["banks:write"])
    _, scraper = server.keys.create("prometheus", ["metrics"])
    server.banks.create_bank("CHURN")
    base = [EntryInput("pdq", secrets.token_hex(32)) for _ in range(3_000)]
    server.banks.add_entries("CHURN", base, source="base")
    pid = next(iter(server.workers))

    def rss() -> float:
        return float(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")

    memory = []
    for round_number in range(5):
        batch = [{"signal_type": "pdq", "value": secrets.token_hex(32)} for _ in range(2_000)]
        added = server.post("/v1/banks/CHURN/entries", curator, json={"entries": batch})
        assert added.json()["added"] == 2_000
        gone = server.post("/v1/banks/CHURN/entries/remove", curator, json={"values": batch})
        assert gone.json()["removed"] == 2_000
        drop = [{"signal_type": "pdq", "value": e.value} for e in base[: round_number * 300]]
        if drop:  # and the list shrinks
            server.post("/v1/banks/CHURN/entries/remove", curator, json={"values": drop})
        metrics = server.metrics(scraper)
        live = sample(metrics, "jaga_index_pdq_rows", state="live")
        removed = sample(metrics, "jaga_index_pdq_rows", state="removed")
        assert live == 3_000 - round_number * 300
        assert removed <= live + 65_536, (round_number, live, removed)  # <= live + one delta
        memory.append(rss())
    growth = memory[-1] - memory[1]  # after warm-up
    assert growth < 40 * 2**20, [f"{m / 2**20:.0f} MiB" for m in memory]


def test_two_workers_see_a_change_within_about_a_second_and_metrics_add_up(
    database_url: str, tmp_path: Path
) -> None:
    if database_url.startswith("sqlite"):
        pytest.skip("many workers are for PostgreSQL (SQLite serialises writers anyway)")
    with serve(database_url, tmp_path, workers=2) as server:
        _two_workers(server)


def _until_every_worker_matches(server: Served, key: str, value: str) -> dict[str, float]:
    """Seconds until each worker first answered with the match (polled on new connections);
    a worker that has matched must keep matching."""
    query = {"hashes": [{"signal_type": "pdq", "value": value}]}
    started = time.monotonic()
    first_match: dict[str, float] = {}
    while set(first_match) != server.workers:
        answer = server.post("/v1/match", key, json=query)
        worker = answer.headers["x-jaga-worker"]
        matched = bool(answer.json()["results"][0]["matches"])
        assert matched or worker not in first_match, f"worker {worker} lost the entry"
        if matched:
            first_match.setdefault(worker, time.monotonic() - started)
        assert time.monotonic() - started < 15, f"only {sorted(first_match)} saw the change"
    return first_match


def _two_workers(server: Served) -> None:
    assert len(server.workers) == 2
    _, curator = server.keys.create("curator", ["banks:write"])
    _, platform = server.keys.create("platform", ["match"])
    _, scraper = server.keys.create("prometheus", ["metrics"])
    assert server.post("/v1/banks", curator, json={"name": "SHARED"}).status_code == 201
    value = secrets.token_hex(32)
    entry = {"entries": [{"signal_type": "pdq", "value": value}]}
    added = server.post("/v1/banks/SHARED/entries", curator, json=entry)
    assert added.json()["added"] == 1
    seen = _until_every_worker_matches(server, platform, value)
    writer = added.headers["x-jaga-worker"]
    other = next(w for w in server.workers if w != writer)
    assert seen[other] < 3.0, seen  # its timer: about a second (generous for a busy machine)

    # Changes from outside (the CLI, another host): each worker applies them on its own
    # jittered timer; the log says when, and the moments differ between workers.
    for _ in range(3):
        outside = secrets.token_hex(32)
        server.banks.add_entries("SHARED", [EntryInput("pdq", outside)], source="cli")
        assert max(_until_every_worker_matches(server, platform, outside).values()) < 3.0
    applied: dict[int, dict[int, float]] = {}
    for line in server.log_lines():
        if line.get("event") == "index.refreshed" and line["trigger"] == "timer":
            moment = datetime.fromisoformat(line["timestamp"]).timestamp()
            applied.setdefault(line["cursor"], {})[line["worker"]] = moment
    gaps = [abs(a - b) for a, b in (tuple(by.values()) for by in applied.values() if len(by) == 2)]
    assert len(gaps) >= 3, applied
    assert max(gaps) > 0.02, gaps  # not in lockstep

    metrics = server.metrics(scraper)
    assert sample(metrics, "jaga_workers") == 2
    served_by = {
        labels: value
        for (name, labels), value in metrics.items()
        if name == "jaga_worker_resident_memory_bytes"
    }
    assert len(served_by) == 2  # one series per worker (label pid)
    requests = sample(
        metrics, "jaga_http_requests_total", method="POST", route="/v1/match", status="200"
    )
    assert requests == sum(  # every worker's count, added up by whichever answered
        1
        for line in server.log_lines()
        if line.get("event") == "request" and line["route"] == "/v1/match"
    )
    assert sample(metrics, "jaga_index_entries", signal_type="pdq") == 4
