"""Prometheus metrics of the service, correct with any number of Uvicorn workers.

Each worker is its own process with its own counters, and a scrape reaches one worker at
random. So `jaga serve` runs prometheus-client in multiprocess mode: every worker writes
its values to files in `PROMETHEUS_MULTIPROC_DIR` (a fresh folder per run, see
`jaga.api.serve_env`) and whichever worker answers /metrics adds them all up.
Without that variable (a single process, e.g. under a test's plain `uvicorn`) the values
live in this process only, which is then the whole truth.

Labels never carry request data: routes are templates (`/v1/banks/{name}`), never raw
paths; the only free-form label is the bank name of a match, which the operator chose.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Protocol

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.metrics_core import Metric
from prometheus_client.registry import Collector

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
CONTENT_TYPE = CONTENT_TYPE_LATEST

# A lookup takes about a millisecond, an upload ten; 5 s is a request gone badly wrong.
LATENCY_BUCKETS = (
    0.0005,
    0.001,
    0.0025,
    0.005,
    0.01,
    0.025,
    0.05,
    0.1,
    0.25,
    0.5,
    1.0,
    2.5,
    5.0,
)
REFRESH_BUCKETS = (0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 30.0, 120.0)

_LOCAL = CollectorRegistry()

HTTP_REQUESTS = Counter(
    "jaga_http_requests",
    "HTTP requests answered, by method, route template and status code.",
    ["method", "route", "status"],
    registry=_LOCAL,
)
HTTP_LATENCY = Histogram(
    "jaga_http_request_duration_seconds",
    "Time from a request's arrival to the end of its response, by route template.",
    ["method", "route"],
    buckets=LATENCY_BUCKETS,
    registry=_LOCAL,
)
MATCHES = Counter(
    "jaga_matches",
    "Matches returned to callers (after allow-lists and bank filters), by bank.",
    ["bank"],
    registry=_LOCAL,
)
INDEX_ENTRIES = Gauge(
    "jaga_index_entries",
    "Entries in the in-memory index, by signal type (the most recently refreshed worker).",
    ["signal_type"],
    multiprocess_mode="livemostrecent",
    registry=_LOCAL,
)
INDEX_PDQ_ROWS = Gauge(
    "jaga_index_pdq_rows",
    "PDQ rows the index holds: live entries plus removed ones not yet compacted away.",
    ["state"],
    multiprocess_mode="livemax",
    registry=_LOCAL,
)
INDEX_MEMORY = Gauge(
    "jaga_index_pdq_memory_bytes",
    "Bytes of PDQ index arrays, all live workers together (each worker holds its own copy).",
    multiprocess_mode="livesum",
    registry=_LOCAL,
)
INDEX_LAST_REFRESH = Gauge(
    "jaga_index_last_refresh_timestamp_seconds",
    "When the stalest live worker last confirmed its index matches the database (Unix time).",
    multiprocess_mode="livemin",
    registry=_LOCAL,
)
INDEX_LOAD_SECONDS = Gauge(
    "jaga_index_load_duration_seconds",
    "How long the slowest live worker took to load its index at start.",
    multiprocess_mode="livemax",
    registry=_LOCAL,
)
INDEX_REFRESH_SECONDS = Histogram(
    "jaga_index_refresh_duration_seconds",
    "Time to apply bank changes to a worker's index, by what started it (timer or write).",
    ["trigger"],
    buckets=REFRESH_BUCKETS,
    registry=_LOCAL,
)
INDEX_REFRESH_FAILURES = Counter(
    "jaga_index_refresh_failures",
    "Refreshes that failed (e.g. the database was unreachable); retried on the next tick.",
    registry=_LOCAL,
)
WORKERS = Gauge(
    "jaga_workers",
    "Live worker processes serving the API.",
    multiprocess_mode="livesum",
    registry=_LOCAL,
)
WORKER_MEMORY = Gauge(
    "jaga_worker_resident_memory_bytes",
    "Resident memory of each live worker (label pid), refreshed about once a second.",
    multiprocess_mode="liveall",
    registry=_LOCAL,
)


class _HasBank(Protocol):
    @property
    def bank(self) -> str: ...


def record_matches(matches: Iterable[_HasBank]) -> None:
    """Count matches returned to a caller, one per match, by bank."""
    for match in matches:
        MATCHES.labels(bank=match.bank).inc()


_request_series: dict[tuple[str, str, int], tuple[Counter, Histogram]] = {}


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    """Count and time one request. The labelled series are looked up once and kept
    (a handful of routes times statuses), as `labels()` costs more than the lookup."""
    key = (method, route, status)
    series = _request_series.get(key)
    if series is None:
        series = _request_series[key] = (
            HTTP_REQUESTS.labels(method=method, route=route, status=str(status)),
            HTTP_LATENCY.labels(method=method, route=route),
        )
    series[0].inc()
    series[1].observe(seconds)


# --- the webhook backlog, counted by whoever owns the outbox ---------------------------

BacklogSource = Callable[[], dict[str, int]]
_backlog_source: BacklogSource | None = None


def set_backlog_source(source: BacklogSource | None) -> None:
    """Where `jaga_webhook_backlog{state}` comes from: a function returning counts by state,
    e.g. {"pending": 3, "dead": 0}, called at each scrape (by the scraped worker only, so it
    may read the database). None: the metric reports nothing."""
    global _backlog_source
    _backlog_source = source


class _BacklogCollector(Collector):
    def collect(self) -> Iterator[Metric]:
        source = _backlog_source
        if source is None:
            return
        family = GaugeMetricFamily(
            "jaga_webhook_backlog",
            "Webhook deliveries in the outbox, by state (pending: still to send; dead: gave up).",
            labels=["state"],
        )
        for state, count in sorted(source().items()):
            family.add_metric([state], float(count))
        yield family

    def describe(self) -> Iterator[Metric]:
        return iter(())


_LOCAL.register(_BacklogCollector())


# --- per-worker housekeeping -----------------------------------------------------------


def worker_started() -> None:
    WORKERS.set(1)
    note_worker_memory()


def worker_stopped() -> None:
    """Drop this worker's live gauges from the shared folder (else they outlive it)."""
    if os.environ.get(MULTIPROC_ENV):
        multiprocess.mark_process_dead(os.getpid())  # type: ignore[no-untyped-call]


def note_worker_memory() -> None:
    rss = resident_memory_bytes()
    if rss is not None:
        WORKER_MEMORY.set(rss)


def resident_memory_bytes(pid: int | str = "self") -> int | None:
    """Resident set size from /proc (Linux); None where there is no /proc."""
    try:
        fields = Path(f"/proc/{pid}/statm").read_text().split()
    except OSError:
        return None
    return int(fields[1]) * os.sysconf("SC_PAGE_SIZE")


def note_index(entries: dict[str, int], pdq_live: int, pdq_dead: int, pdq_bytes: int) -> None:
    for signal_type, count in entries.items():
        INDEX_ENTRIES.labels(signal_type=signal_type).set(count)
    INDEX_PDQ_ROWS.labels(state="live").set(pdq_live)
    INDEX_PDQ_ROWS.labels(state="removed").set(pdq_dead)
    INDEX_MEMORY.set(pdq_bytes)


def note_index_current() -> None:
    INDEX_LAST_REFRESH.set(time.time())


# --- exposition ------------------------------------------------------------------------


def render() -> bytes:
    """The text a scrape gets: every worker's values added up in multiprocess mode."""
    if not os.environ.get(MULTIPROC_ENV):
        return generate_latest(_LOCAL)
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    registry.register(_BacklogCollector())
    return generate_latest(registry)
