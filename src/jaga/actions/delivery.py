"""The webhook deliverer: a background thread in each `jaga serve` worker.

It claims due events from the outbox (a lease, see `outbox`), POSTs each to its bank's
webhook with a fresh signature, and records the answer: 2xx is delivered; anything else
(an error status, a redirect, a timeout, a refused connection) is retried after an
exponentially growing, jittered delay, until `max_attempts` dead-letters the event. The
URL and secret are read when sending, so fixing a URL or rotating a secret also applies
to events already waiting.

Logs name the event, bank, host and outcome, never the payload (it holds content hashes).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import timedelta
from urllib.parse import urlsplit

import httpx
from sqlalchemy import Engine

from jaga import __version__
from jaga.actions import outbox
from jaga.actions.errors import UnsafeWebhookTarget
from jaga.actions.rules import WebhookTarget
from jaga.actions.settings import DeliverySettings
from jaga.actions.signing import delivery_headers
from jaga.actions.targets import check_resolved_host, check_webhook_url

log = logging.getLogger("jaga.webhooks")

TargetLookup = Callable[[Iterable[int]], dict[int, WebhookTarget]]
MAX_RETRY_AFTER_SECONDS = 3600.0
PRUNE_EVERY_SECONDS = 3600.0  # how often a worker deletes delivered events past retention


def backoff_delay(
    attempt: int, settings: DeliverySettings, rng: Callable[[float, float], float] = random.uniform
) -> float:
    """Seconds before the next try after `attempt` failed: base * 2^(attempt-1), capped,
    times a random 0.8-1.2 so that many events failing together do not retry together."""
    delay = settings.backoff_seconds * 2.0 ** min(attempt - 1, 40)
    return min(settings.backoff_max_seconds, delay) * rng(0.8, 1.2)


class WebhookDeliverer:
    """Claims and sends webhook events until stopped; safe to run in many processes."""

    def __init__(
        self,
        engine: Engine,
        settings: DeliverySettings,
        targets: TargetLookup,
        *,
        client: httpx.Client | None = None,
    ) -> None:
        self._engine = engine
        self._settings = settings
        self._targets = targets
        self._client = client or httpx.Client(
            timeout=settings.timeout_seconds,
            follow_redirects=False,  # a redirect could lead anywhere: see targets.py
            headers={"User-Agent": f"Jaga-Webhooks/{__version__}"},
        )
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._inflight: set[Future[None]] = set()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(settings.concurrency, thread_name_prefix="jaga-webhook")
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="jaga-webhooks", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Look at the outbox now (called after an enqueue in this process)."""
        self._wake.set()

    def stop(self) -> None:
        """Stop claiming; requests in flight finish (bounded by the timeout). Events not
        marked by then are sent again by whoever claims them after their lease."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=self._settings.timeout_seconds + 5)
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._client.close()

    def _run(self) -> None:
        next_prune = time.monotonic() + random.uniform(0, PRUNE_EVERY_SECONDS)
        while not self._stop.is_set():
            try:
                self._fill()
                if self._settings.retention_days > 0 and time.monotonic() >= next_prune:
                    next_prune = time.monotonic() + PRUNE_EVERY_SECONDS
                    self._prune()
            except Exception:  # the database may be away for a moment; keep going
                log.exception("could not read the webhook outbox; will try again")
            self._wake.wait(self._settings.poll_seconds)
            self._wake.clear()

    def _prune(self) -> None:
        """Delivered events past the retention period go (every worker prunes now and then,
        at its own random moment; deleting what another already deleted is harmless)."""
        removed = outbox.prune_delivered(
            self._engine, older_than=timedelta(days=self._settings.retention_days)
        )
        if removed:
            log.info("pruned %d delivered webhook events", removed)

    def _fill(self) -> None:
        with self._lock:
            free = self._settings.concurrency - len(self._inflight)
        events = outbox.claim(self._engine, limit=free, lease_seconds=self._settings.lease_seconds)
        if not events:
            return
        targets = self._targets([event.bank_id for event in events])
        for event in events:
            future = self._pool.submit(self._deliver, event, targets.get(event.bank_id))
            with self._lock:
                self._inflight.add(future)
            future.add_done_callback(self._done)

    def _done(self, future: Future[None]) -> None:
        with self._lock:
            self._inflight.discard(future)
        self._wake.set()  # a slot is free: more may be due

    def _deliver(self, event: outbox.ClaimedEvent, target: WebhookTarget | None) -> None:
        try:
            self._send(event, target)
        except Exception:  # e.g. the database went away while marking: the lease expires
            log.exception("webhook %s: delivery could not be recorded", event.event_id)

    def _send(self, event: outbox.ClaimedEvent, target: WebhookTarget | None) -> None:
        if target is None:
            outbox.mark_failed(
                self._engine,
                event,
                error=f"bank {event.bank_name!r} has no webhook any more (removed, or the "
                "bank was deleted); set one, then `jaga webhooks retry`",
                status=None,
                retry_in=None,
            )
            log.error("webhook %s dead: bank %s has no webhook", event.event_id, event.bank_name)
            return
        host = urlsplit(target.url).hostname or "?"
        try:
            allow_private = self._settings.allow_private_targets
            url = check_webhook_url(target.url, allow_private=allow_private)
            check_resolved_host(url, allow_private=allow_private)
            body = event.payload.encode()
            headers = delivery_headers(target.secret, event.event_id, body, event.attempts)
            response = self._client.post(url, content=body, headers=headers)
        except UnsafeWebhookTarget as error:
            self._failed(event, host, str(error), None, None)
            return
        except httpx.HTTPError as error:
            reason = str(error) or type(error).__name__
            self._failed(event, host, f"{type(error).__name__}: {reason}", None, None)
            return
        if 200 <= response.status_code < 300:
            if outbox.mark_delivered(self._engine, event, status=response.status_code):
                log.info(
                    "webhook %s delivered to %s (attempt %d)", event.event_id, host, event.attempts
                )
            else:
                log.warning(
                    "webhook %s delivered to %s, but its lease had passed to another "
                    "deliverer; the receiver may see it twice (same Idempotency-Key)",
                    event.event_id,
                    host,
                )
            return
        reason = f"HTTP {response.status_code}"
        if 300 <= response.status_code < 400:
            reason += f" redirect to {response.headers.get('location', '?')!r}; redirects are "
            reason += "not followed: set the final URL as the webhook"
        self._failed(event, host, reason, response.status_code, _retry_after(response))

    def _failed(
        self,
        event: outbox.ClaimedEvent,
        host: str,
        error: str,
        status: int | None,
        retry_after: float | None,
    ) -> None:
        if event.attempts >= self._settings.max_attempts:
            outbox.mark_failed(self._engine, event, error=error, status=status, retry_in=None)
            log.error(
                "webhook %s to %s dead after %d attempts: %s",
                event.event_id,
                host,
                event.attempts,
                error,
            )
            return
        delay = backoff_delay(event.attempts, self._settings)
        if retry_after is not None:
            delay = max(delay, retry_after)
        outbox.mark_failed(self._engine, event, error=error, status=status, retry_in=delay)
        log.warning(
            "webhook %s to %s failed (attempt %d of %d): %s; next try in %.1f s",
            event.event_id,
            host,
            event.attempts,
            self._settings.max_attempts,
            error,
            delay,
        )


def _retry_after(response: httpx.Response) -> float | None:
    """A receiver's `Retry-After` in seconds (429/503), within reason; dates are ignored."""
    raw = response.headers.get("retry-after", "").strip()
    if not raw.isdigit():
        return None
    return min(float(raw), MAX_RETRY_AFTER_SECONDS)
