"""The service's one BankMatcher: loaded in the background, refreshed on a jittered timer.

Loading can take seconds at millions of entries, so the service answers /healthz at once
and /readyz only when the index is in memory. Each worker refreshes on its own timer with
random jitter, so many workers never reload at the same moment (HMA's stall).
"""

from __future__ import annotations

import gc
import random
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from fastapi import HTTPException, Request
from starlette.concurrency import run_in_threadpool

from jaga.api import index_watch
from jaga.banks.service import BankService
from jaga.detection.matcher import BankMatcher

_T = TypeVar("_T")


class MatcherState:
    """Owns the matcher; `with state.lock:` around every use, since updates and searches
    must not overlap (the index supports parallel readers but not readers and a writer)."""

    def __init__(
        self,
        service: BankService,
        snapshot: Path | None,
        refresh_seconds: float,
        before_refresh: Callable[[], None] | None = None,
    ):
        """`before_refresh` runs before bank changes reach the index (the action rules use
        it to learn a bank's new name first)."""
        self.service = service
        self._before_refresh = before_refresh
        self.lock = threading.Lock()
        self._rebuilding = threading.Lock()
        self._snapshot = snapshot
        self._refresh_seconds = refresh_seconds
        self._matcher: BankMatcher | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.load_error: str | None = None
        self.last_checked = time.monotonic()  # the refresher's last successful look

    @property
    def stale(self) -> bool:
        """The refresher has not managed to look at the banks for a long while."""
        return time.monotonic() - self.last_checked > max(60.0, 30 * self._refresh_seconds)

    @property
    def ready(self) -> bool:
        return self._matcher is not None

    @property
    def matcher(self) -> BankMatcher:
        if self._matcher is None:
            raise RuntimeError("the index is still loading")
        return self._matcher

    async def run(self, work: Callable[[BankMatcher], _T]) -> _T:
        """`work(matcher)` under the lock: on the event loop if the lock is free at once
        (a lookup takes microseconds; a thread hop costs more), else in a thread, so the
        loop never waits behind a refresh."""
        if self.lock.acquire(blocking=False):
            try:
                return work(self.matcher)
            finally:
                self.lock.release()
        return await run_in_threadpool(self._run_waiting, work)

    def _run_waiting(self, work: Callable[[BankMatcher], _T]) -> _T:
        with self.lock:
            return work(self.matcher)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="jaga-matcher", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        index_watch.stopped()

    def refresh_now(self, trigger: str = "write") -> None:
        """Apply bank changes at once (after a write through this worker's API)."""
        if self._before_refresh is not None:
            try:
                self._before_refresh()
            except Exception as error:  # the index must follow the banks regardless
                index_watch.failed("action_rules", error)
        if self._matcher is not None and self._matcher.needs_rebuild():
            self._rebuild(trigger)
            return
        if self._matcher is not None:
            with self.lock:
                started = time.perf_counter()
                changes = self._matcher.refresh()
                stats = self._matcher.index_stats()
            index_watch.refreshed(stats, changes, time.perf_counter() - started, trigger)

    def _rebuild(self, trigger: str) -> None:
        """A backlog too big to replay (a large import made elsewhere): build a new index
        from the database *outside* the lock, while lookups go on against the old one, then
        swap and replay the few changes made meanwhile. Memory briefly holds both."""
        if not self._rebuilding.acquire(blocking=False):
            return  # another thread is already building; its swap brings these changes
        try:
            started = time.perf_counter()
            backlog = self.matcher.pending_changes()
            fresh = BankMatcher(self.service)
            with self.lock:
                changes = backlog + fresh.refresh()
                self._matcher = fresh
                stats = fresh.index_stats()
            index_watch.refreshed(stats, changes, time.perf_counter() - started, trigger)
        finally:
            self._rebuilding.release()

    def _run(self) -> None:
        started = time.perf_counter()
        try:
            matcher = BankMatcher(self.service, snapshot=self._snapshot)
            matcher.warm_up()  # before ready: no first request or refresh pays for it
            index_watch.loaded(matcher, matcher.index_stats(), time.perf_counter() - started)
            # Everything alive now (modules, the app, the index's objects) lives as long as
            # the process: out of the collector's sight, so that a full collection, which
            # would walk all of it, cannot stall a lookup for tens of milliseconds.
            gc.collect()
            gc.freeze()
            self._matcher = matcher
        except Exception as error:  # keep the process up; /readyz says why
            self.load_error = f"{type(error).__name__}: {error}"
            index_watch.failed("load", error)
            return
        while not self._stop.wait(self._refresh_seconds * random.uniform(0.8, 1.2)):
            try:
                if self._matcher.has_changes():  # read outside the lock: lookups go on
                    self.refresh_now("timer")
                else:
                    index_watch.current()
                self.last_checked = time.monotonic()
            except Exception as error:  # a database hiccup must not kill the refresher
                index_watch.failed("refresh", error)


# ---- what route handlers take from the app ----------------------------------------------


def state_of(request: Request) -> MatcherState:
    state: MatcherState = request.app.state.matcher
    return state


def bank_service(request: Request) -> BankService:
    """The banks, through the same service the CLI uses."""
    return state_of(request).service


def apply_bank_changes(request: Request) -> None:
    """After a write: this worker's index takes it now; the others within a refresh (~1 s)."""
    state_of(request).refresh_now()


STILL_LOADING = "the index is still loading; retry shortly (see /readyz)"


def ready_state(request: Request, not_ready: str = STILL_LOADING) -> MatcherState:
    """The state, or 503 with `not_ready` while the index loads."""
    state = state_of(request)
    if not state.ready:
        raise HTTPException(503, not_ready)
    return state
