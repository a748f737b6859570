"""A job that a `jaga serve` worker repeats in the background on a jittered timer.

Every worker runs its own; the jitter (0.8 to 1.2 times the interval, drawn afresh each
time) keeps many workers from doing the same job at the same moment, which is how HMA's
workers all stalled together. A failed round is logged and the next one comes as usual:
a database hiccup must not end the job for the life of the process.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable


class Periodic:
    """Runs `job()` every `interval` seconds (jittered) in a daemon thread; off if 0."""

    def __init__(
        self, name: str, interval: float, job: Callable[[], None], log: logging.Logger
    ) -> None:
        self.name = name
        self.interval = interval
        self._job = job
        self._log = log
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self.interval <= 0:
            return
        self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.wait(self.interval * random.uniform(0.8, 1.2)):
            try:
                self._job()
            except Exception:
                self._log.exception("%s failed; will try again", self.name)
