"""HMAC-SHA256 signatures on webhook bodies, in the style of Stripe's and GitHub's.

The header is `X-Jaga-Signature: t=<unix seconds>,v1=<hex>`, where the hex digest is
HMAC-SHA256(secret, f"{t}.{body}"). Signing the timestamp with the body lets a receiver
refuse replays of an old request (`tolerance_seconds`); `v1=` leaves room for another
scheme later, and a receiver accepts the request if any v1 value matches (so several can
be sent while a secret is rotated).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from jaga.actions.errors import InvalidActions

SIGNATURE_HEADER = "X-Jaga-Signature"
EVENT_ID_HEADER = "X-Jaga-Event-Id"
IDEMPOTENCY_HEADER = "Idempotency-Key"
ATTEMPT_HEADER = "X-Jaga-Delivery-Attempt"
SECRET_PREFIX = "whsec_"
MIN_SECRET_LENGTH = 16
MAX_SECRET_LENGTH = 255
DEFAULT_TOLERANCE_SECONDS = 300


def new_secret() -> str:
    """A fresh signing secret: `whsec_` and 43 URL-safe characters (256 random bits)."""
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def check_secret(secret: str) -> str:
    if not MIN_SECRET_LENGTH <= len(secret) <= MAX_SECRET_LENGTH:
        raise InvalidActions(
            f"a webhook secret must be {MIN_SECRET_LENGTH}-{MAX_SECRET_LENGTH} characters "
            f"(got {len(secret)}); `--generate-secret` makes a strong one"
        )
    if not secret.isprintable() or secret != secret.strip():
        raise InvalidActions("a webhook secret must be printable, without surrounding spaces")
    return secret


def signature(secret: str, body: bytes, timestamp: int) -> str:
    """The hex HMAC-SHA256 of `<timestamp>.<body>` under `secret`."""
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(secret: str, body: bytes, timestamp: int | None = None) -> str:
    moment = int(time.time()) if timestamp is None else timestamp
    return f"t={moment},v1={signature(secret, body, moment)}"


def verify(
    secret: str,
    header: str,
    body: bytes,
    *,
    tolerance_seconds: float = DEFAULT_TOLERANCE_SECONDS,
    now: float | None = None,
) -> bool:
    """Whether `header` is a valid signature of `body` made within the tolerance.

    What a receiver runs (docs/actions.md shows the same in a few lines of plain Python).
    """
    timestamp: int | None = None
    candidates: list[str] = []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t" and value.isdigit():
            timestamp = int(value)
        elif key == "v1":
            candidates.append(value)
    if timestamp is None or not candidates:
        return False
    moment = time.time() if now is None else now
    if abs(moment - timestamp) > tolerance_seconds:
        return False
    expected = signature(secret, body, timestamp)
    return any(hmac.compare_digest(expected, candidate) for candidate in candidates)


def delivery_headers(secret: str, event_id: str, body: bytes, attempt: int) -> dict[str, str]:
    """Every header of one delivery attempt; the event id doubles as the idempotency key."""
    return {
        "Content-Type": "application/json",
        SIGNATURE_HEADER: signature_header(secret, body),
        EVENT_ID_HEADER: event_id,
        IDEMPOTENCY_HEADER: event_id,
        ATTEMPT_HEADER: str(attempt),
    }
