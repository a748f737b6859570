"""The background pull of `jaga serve`: every subscription, every few seconds.

Off unless JAGA_SHARE_PULL_SECONDS is set. Every worker runs one, but the pull lock lets
one worker pull at a time (the others skip that round); the matchers then pick the new
entries up from the change log like any other bank change.
"""

from __future__ import annotations

import logging
import random
import threading

from sqlalchemy import Engine

from jaga.banks.service import BankService
from jaga.sharing.subscriptions import SubscriptionService

log = logging.getLogger("jaga.sharing")


class FeedPuller:
    """A daemon thread pulling every subscription each `interval` seconds (jittered)."""

    def __init__(self, engine: Engine, interval: float) -> None:
        self.service = SubscriptionService(BankService(engine))
        self.interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self.interval <= 0:
            return
        self._thread = threading.Thread(target=self._run, name="jaga-share-pull", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.wait(self.interval * random.uniform(0.8, 1.2)):
            try:
                for report in self.service.pull(wait=False):
                    if report.error:
                        log.warning("share pull of %s failed: %s", report.name, report.error)
                    elif report.added or report.removed:
                        log.info(
                            "share pull of %s: %d added, %d removed",
                            report.name,
                            report.added,
                            report.removed,
                        )
            except Exception:  # a database hiccup must not stop the puller
                log.exception("share pull failed; will retry")
