"""What the service's index did, told twice: as log events and as metrics.

MatcherState calls these at load, after each refresh and on each quiet tick, so the
operator can see how big the index is, how stale the stalest worker is and how long
refreshes take, without MatcherState knowing about Prometheus or log formats.
Only sizes and timings are reported: never an entry or a hash.
"""

from __future__ import annotations

from jaga.api import metrics
from jaga.api.logging_setup import get_logger
from jaga.detection.matcher import BankMatcher, IndexStats

log = get_logger("jaga.index")


def _note(stats: IndexStats) -> None:
    live = stats.entries.get("pdq", 0)
    metrics.note_index(stats.entries, live, stats.pdq_removed_rows, stats.pdq_memory_bytes)
    metrics.note_index_current()
    metrics.note_worker_memory()


def loaded(matcher: BankMatcher, stats: IndexStats, seconds: float) -> None:
    """The worker's index is in memory (from the snapshot, or built from the database)."""
    metrics.worker_started()
    metrics.INDEX_LOAD_SECONDS.set(seconds)
    _note(stats)
    log.info(
        "index.loaded",
        entries=sum(stats.entries.values()),
        by_signal_type=stats.entries,
        from_snapshot=matcher.loaded_from_snapshot,
        cursor=stats.cursor,
        duration_ms=round(seconds * 1000, 1),
        rss_bytes=metrics.resident_memory_bytes(),
    )


def refreshed(stats: IndexStats, changes: int, seconds: float, trigger: str) -> None:
    """Bank changes were applied (`trigger`: 'timer', or 'write' through this worker)."""
    _note(stats)
    if changes:
        metrics.INDEX_REFRESH_SECONDS.labels(trigger=trigger).observe(seconds)
        log.info(
            "index.refreshed",
            changes=changes,
            trigger=trigger,
            entries=sum(stats.entries.values()),
            pdq_removed_rows=stats.pdq_removed_rows,
            cursor=stats.cursor,
            duration_ms=round(seconds * 1000, 3),
        )


def current() -> None:
    """A quiet tick: nothing changed, the index is still current."""
    metrics.note_index_current()
    metrics.note_worker_memory()


def failed(stage: str, error: BaseException) -> None:
    """Loading or refreshing failed; the worker stays up (and retries a refresh)."""
    if stage == "refresh":
        metrics.INDEX_REFRESH_FAILURES.inc()
    log.error(f"index.{stage}_failed", error=type(error).__name__, exc_info=error)


def stopped() -> None:
    metrics.worker_stopped()
