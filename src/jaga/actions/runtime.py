"""The actions side of one `jaga serve` worker: rules in memory, and the deliverer.

The rules (a few rows) are re-read on a jittered timer, like the bank index, so a lookup
never reads them from the database; a change made through this worker's API applies at
once (`refresh_rules`), one made elsewhere within about `refresh_seconds`.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Sequence

from sqlalchemy import Engine

from jaga.actions import recorder
from jaga.actions.delivery import WebhookDeliverer
from jaga.actions.recorder import ActionOutcome, MatchedContent
from jaga.actions.rules import ActionService, BankRule
from jaga.actions.settings import DeliverySettings

log = logging.getLogger("jaga.actions")


class ActionRuntime:
    """Rules cache, recording and delivery for one worker process."""

    def __init__(self, engine: Engine, settings: DeliverySettings, refresh_seconds: float):
        self.engine = engine
        self.settings = settings
        self.service = ActionService(engine, allow_private_targets=settings.allow_private_targets)
        self._refresh_seconds = refresh_seconds
        self._rules: dict[str, BankRule] = {}
        self._deliverer = WebhookDeliverer(engine, settings, self.service.webhook_targets)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def rules(self) -> dict[str, BankRule]:
        return self._rules

    def start(self) -> None:
        try:
            self.refresh_rules()
        except Exception:  # the refresher below tries again
            log.exception("action rules could not be loaded; will retry")
        self._thread = threading.Thread(target=self._run, name="jaga-action-rules", daemon=True)
        self._thread.start()
        self._deliverer.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._deliverer.stop()

    def refresh_rules(self, *, keep_renamed: bool = False) -> None:
        """Re-read the rules. `keep_renamed`: a renamed bank's rule also stays under its old
        name, until the next plain refresh. The index learns a rename a moment after the
        rules do, and matches found meanwhile still carry the old name; without this they
        would trigger no action for up to a second."""
        fresh = self.service.rules()
        if keep_renamed:
            banks_with_rules = {rule.bank_id for rule in fresh.values()}
            renamed = {
                name: rule
                for name, rule in self._rules.items()
                if name not in fresh and rule.bank_id in banks_with_rules
            }
            fresh = {**renamed, **fresh}
        self._rules = fresh  # one assignment: readers see old or new, whole

    def needs_recording(self, items: Sequence[MatchedContent]) -> bool:
        """Whether `act` will write to the database (so an async caller uses a thread)."""
        return recorder.needs_recording(self._rules, items)

    def act(
        self, items: Sequence[MatchedContent], *, requested_by: str | None
    ) -> list[ActionOutcome]:
        """Apply the rules; store review items and events; wake the deliverer."""
        rules = self._rules
        outcomes = recorder.record(self.engine, rules, items, requested_by=requested_by)
        if any(outcome.webhook_event_ids for outcome in outcomes):
            self._deliverer.wake()
        return outcomes

    def _run(self) -> None:
        while not self._stop.wait(self._refresh_seconds * random.uniform(0.8, 1.2)):
            try:
                self.refresh_rules()
            except Exception:  # a database hiccup must not stop the refresher
                log.exception("action rules refresh failed; will retry")
