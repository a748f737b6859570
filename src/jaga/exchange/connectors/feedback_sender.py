"""Sending queued verdicts (see feedback.py): one pass over what is due, with backoff.

Retrying is for what the source may get over (network, 429, 5xx); an UpstreamError marked
not retryable (an unknown NCMEC reason, an id that is not the source's) is dead at once,
with its message kept for the person who fixes it (`jaga sync feedback --retry-dead`).
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine

from jaga.background import Periodic
from jaga.exchange.connectors.base import Connector
from jaga.exchange.connectors.errors import UpstreamError
from jaga.exchange.connectors.feedback import (
    BACKOFF_MAX_SECONDS,
    BACKOFF_SECONDS,
    DEAD,
    MAX_ATTEMPTS,
    PENDING,
    SENT,
    claim,
    finish,
)

log = logging.getLogger("jaga.exchange")


@dataclass(slots=True)
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    dead: int = 0
    errors: list[str] = field(default_factory=list)


def deliver_due(
    engine: Engine,
    connector_of: Callable[[str], Connector],
    *,
    limit: int = 100,
    max_attempts: int = MAX_ATTEMPTS,
    backoff_seconds: float = BACKOFF_SECONDS,
) -> DeliveryReport:
    """Send every due verdict once; returns what happened. Never raises for an upstream."""
    report = DeliveryReport()
    connectors: dict[str, Connector | Exception] = {}
    for queued in claim(engine, limit=limit):
        try:
            if queued.source_name not in connectors:
                try:
                    connectors[queued.source_name] = connector_of(queued.source_name)
                except Exception as error:  # missing credentials, deleted source
                    connectors[queued.source_name] = error
            connector = connectors[queued.source_name]
            if isinstance(connector, Exception):
                raise connector
            connector.send_feedback(queued.item)
        except Exception as error:
            message = f"{type(error).__name__}: {error}"
            retryable = not (isinstance(error, UpstreamError) and not error.retryable)
            if retryable and queued.attempts < max_attempts:
                delay = min(BACKOFF_MAX_SECONDS, backoff_seconds * 2 ** (queued.attempts - 1))
                finish(engine, queued, PENDING, message, delay * random.uniform(0.8, 1.2))
                report.retrying += 1
            else:
                finish(engine, queued, DEAD, message, 0.0)
                report.dead += 1
            report.errors.append(f"{queued.source_name} {queued.item.upstream_id}: {message}")
            continue
        finish(engine, queued, SENT, "", 0.0)
        report.sent += 1
    return report


class FeedbackSender(Periodic):
    """The background sender of `jaga serve`: due verdicts every `interval` seconds.

    Every worker runs one; claims carry a lease, so two workers never send the same verdict.
    Off when `interval` is 0 (then `jaga sync feedback` sends them).
    """

    def __init__(self, engine: Engine, interval: float) -> None:
        super().__init__("jaga-feedback", interval, self._send_and_log, log)
        self._engine = engine

    def send_due(self) -> DeliveryReport:
        from jaga.exchange.connectors.sources import SourceStore
        from jaga.exchange.connectors.sync import connector_for

        store = SourceStore(self._engine)
        return deliver_due(self._engine, lambda name: connector_for(store.get(name)))

    def _send_and_log(self) -> None:
        report = self.send_due()
        if report.sent or report.retrying or report.dead:
            log.info(
                "verdicts to sources: %d sent, %d to retry, %d dead",
                report.sent,
                report.retrying,
                report.dead,
            )
