"""How webhooks are delivered, from the environment (like the rest of `jaga serve`).

Defaults suit production: a receiver that is down for a working day still gets every
event (20 attempts, backoff doubling from 1 s up to an hour: about 10 hours in all).
Tests shrink every timing so that a retry or a lease expiry takes a fraction of a second.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


def _number(name: str, default: float, *, minimum: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SystemExit(f"error: {name}={raw!r} is not a number") from None
    if value < minimum:
        raise SystemExit(f"error: {name}={raw!r} is below the smallest allowed, {minimum:g}")
    return value


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True, slots=True)
class DeliverySettings:
    """Retry, timeout and safety settings of the webhook deliverer."""

    max_attempts: int = 20  # then the event is dead-lettered (kept, never sent again)
    timeout_seconds: float = 10.0  # per request, connect to last byte
    backoff_seconds: float = 1.0  # first retry delay; doubles per attempt, with jitter
    backoff_max_seconds: float = 3600.0
    lease_seconds: float = 60.0  # a claim by a deliverer that died expires after this
    poll_seconds: float = 1.0  # how often the outbox is looked at (enqueues wake it at once)
    concurrency: int = 4  # requests in flight per worker process
    allow_private_targets: bool = False  # loopback, private and link-local addresses
    retention_days: float = 30.0  # delivered events are deleted after this; 0 keeps them all

    def __post_init__(self) -> None:
        if self.lease_seconds <= self.timeout_seconds:
            raise SystemExit(
                f"error: JAGA_WEBHOOK_LEASE_SECONDS ({self.lease_seconds:g}) must be longer "
                f"than JAGA_WEBHOOK_TIMEOUT_SECONDS ({self.timeout_seconds:g}), or a slow "
                "delivery would be taken over and sent twice"
            )

    @classmethod
    def from_environment(cls) -> DeliverySettings:
        return cls(
            max_attempts=int(_number("JAGA_WEBHOOK_MAX_ATTEMPTS", 20, minimum=1)),
            timeout_seconds=_number("JAGA_WEBHOOK_TIMEOUT_SECONDS", 10.0, minimum=0.1),
            backoff_seconds=_number("JAGA_WEBHOOK_BACKOFF_SECONDS", 1.0, minimum=0.0),
            backoff_max_seconds=_number("JAGA_WEBHOOK_BACKOFF_MAX_SECONDS", 3600.0, minimum=0.0),
            lease_seconds=_number("JAGA_WEBHOOK_LEASE_SECONDS", 60.0, minimum=0.2),
            poll_seconds=_number("JAGA_WEBHOOK_POLL_SECONDS", 1.0, minimum=0.01),
            concurrency=int(_number("JAGA_WEBHOOK_CONCURRENCY", 4, minimum=1)),
            allow_private_targets=_flag("JAGA_WEBHOOK_ALLOW_PRIVATE"),
            retention_days=_number("JAGA_WEBHOOK_RETENTION_DAYS", 30.0, minimum=0.0),
        )
