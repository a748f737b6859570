"""The background pull of `jaga serve`: every subscription, every few seconds.

Off unless JAGA_SHARE_PULL_SECONDS is set. Every worker runs one, but the pull lock lets
one worker pull at a time (the others skip that round); the matchers then pick the new
entries up from the change log like any other bank change.
"""

from __future__ import annotations

import logging

from sqlalchemy import Engine

from jaga.background import Periodic
from jaga.banks.service import BankService
from jaga.sharing.subscriptions import SubscriptionService

log = logging.getLogger("jaga.sharing")


class FeedPuller(Periodic):
    """Pulls every subscription each `interval` seconds (jittered); off if 0."""

    def __init__(self, engine: Engine, interval: float) -> None:
        super().__init__("jaga-share-pull", interval, self._pull_and_log, log)
        self.service = SubscriptionService(BankService(engine))

    def _pull_and_log(self) -> None:
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
