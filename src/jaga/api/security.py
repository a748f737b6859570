"""Who is calling, what they may do, and how often.

Every endpoint but health needs a key. Checked keys are cached for a few seconds so the
upload path does not hit the database on every request (a revoked key stops working
within `key_cache_seconds`). Rate limits are a token bucket per key, per worker.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

from fastapi import HTTPException, Request
from starlette.concurrency import run_in_threadpool

from jaga.auth.keys import ApiKey, KeyService


class _Bucket:
    """Token bucket: `rate` requests a minute, bursts up to a minute's worth."""

    def __init__(self, per_minute: int) -> None:
        self.capacity = float(per_minute)
        self.tokens = float(per_minute)
        self.refill_per_second = per_minute / 60.0
        self.updated = time.monotonic()

    def take(self) -> float:
        """0 if allowed, else the seconds to wait."""
        now = time.monotonic()
        self.tokens = min(
            self.capacity, self.tokens + (now - self.updated) * self.refill_per_second
        )
        self.updated = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.refill_per_second


@dataclass
class Gatekeeper:
    """Authenticates requests and applies scopes and rate limits."""

    keys: KeyService
    cache_seconds: float

    def __post_init__(self) -> None:
        self._cache: dict[str, tuple[ApiKey | None, float]] = {}
        self._buckets: dict[int, _Bucket] = {}
        self._lock = threading.Lock()

    def _key_for(self, secret: str) -> ApiKey | None:
        fingerprint = hashlib.sha256(secret.encode()).hexdigest()
        now = time.monotonic()
        with self._lock:
            cached = self._cache.get(fingerprint)
        if cached is not None and cached[1] > now:
            return cached[0]
        key = self.keys.authenticate(secret)
        with self._lock:
            if len(self._cache) > 10_000:
                self._cache.clear()
            self._cache[fingerprint] = (key, now + self.cache_seconds)
        return key

    def cached_check(self, request: Request, scopes: tuple[str, ...]) -> ApiKey | None:
        """`check` when the key is in the cache (no database); None when it is not."""
        secret = secret_from(request)
        if secret is None or not self.is_cached(secret):
            return None
        return self.check(request, scopes)

    def is_cached(self, secret: str) -> bool:
        """Whether `secret`'s key (or its refusal) is known without asking the database."""
        fingerprint = hashlib.sha256(secret.encode()).hexdigest()
        with self._lock:
            cached = self._cache.get(fingerprint)
        return cached is not None and cached[1] > time.monotonic()

    def check(self, request: Request, scopes: tuple[str, ...]) -> ApiKey:
        key = self.check_secret(secret_from(request), scopes)
        request.state.api_key = key
        return key

    def check_secret(self, secret: str | None, scopes: tuple[str, ...]) -> ApiKey:
        """The key behind `secret` if it holds every scope and is within its rate limit;
        HTTPException 401, 403 or 429 otherwise. May read the database (cache miss)."""
        if secret is None:
            raise HTTPException(
                401,
                "an API key is required: send 'Authorization: Bearer <key>' or 'X-API-Key'",
                headers={"WWW-Authenticate": "Bearer"},
            )
        key = self._key_for(secret)
        if key is None:
            raise HTTPException(
                401, "unknown or revoked API key", headers={"WWW-Authenticate": "Bearer"}
            )
        missing = [scope for scope in scopes if not key.allows(scope)]
        if missing:
            raise HTTPException(
                403, f"key {key.name!r} lacks the scope(s) {', '.join(missing)} for this call"
            )
        if key.rate_limit_per_minute > 0:
            with self._lock:
                bucket = self._buckets.setdefault(key.key_id, _Bucket(key.rate_limit_per_minute))
                wait = bucket.take()
            if wait > 0:
                raise HTTPException(
                    429,
                    f"rate limit of {key.rate_limit_per_minute} requests a minute reached",
                    headers={"Retry-After": str(max(1, round(wait)))},
                )
        return key


def secret_from(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip() or None
    return request.headers.get("x-api-key") or None


def secret_in_headers(headers: Iterable[tuple[bytes, bytes]]) -> str | None:
    """`secret_from` for a raw ASGI header list (plain ASGI code has no Request)."""
    authorization: str | None = None
    api_key: str | None = None
    for name, value in headers:
        if name == b"authorization" and authorization is None:
            authorization = value.decode("latin-1")
        elif name == b"x-api-key" and api_key is None:
            api_key = value.decode("latin-1")
    if authorization is not None and authorization.lower().startswith("bearer "):
        return authorization[7:].strip() or None
    return api_key or None


def require(*scopes: str) -> Callable[[Request], Awaitable[ApiKey]]:
    """A FastAPI dependency: the caller's key, which must hold every one of `scopes`.

    `async` so it runs on the event loop: a cached key is checked in microseconds; only a
    cache miss (once per key every few seconds) waits for the database, in a thread.
    """

    async def dependency(request: Request) -> ApiKey:
        gatekeeper: Gatekeeper = request.app.state.gatekeeper
        cached = gatekeeper.cached_check(request, scopes)
        if cached is not None:
            return cached
        return await run_in_threadpool(gatekeeper.check, request, scopes)

    return dependency
