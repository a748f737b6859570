"""Signatures, webhook URL checks and backoff: the pure parts of actions."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from jaga.actions.delivery import backoff_delay
from jaga.actions.errors import UnsafeWebhookTarget
from jaga.actions.settings import DeliverySettings
from jaga.actions.signing import new_secret, signature_header, verify
from jaga.actions.targets import check_resolved_host, check_webhook_url

BODY = b'{"event_id":"evt_1","bank":"KNOWN"}'


def test_signature_verifies_with_the_secret_only() -> None:
    secret = new_secret()
    header = signature_header(secret, BODY, timestamp=1_800_000_000)
    assert verify(secret, header, BODY, now=1_800_000_010)
    assert not verify(new_secret(), header, BODY, now=1_800_000_010)
    assert not verify(secret, header, BODY + b" ", now=1_800_000_010)
    assert not verify(secret, header, BODY, now=1_800_000_000 + 301)  # a replay, too late
    assert not verify(secret, "v1=abc", BODY) and not verify(secret, "", BODY)
    # What the docs tell receivers to compute, by hand:
    t, v1 = (part.split("=", 1)[1] for part in header.split(","))
    mac = hmac.new(secret.encode(), f"{t}.".encode() + BODY, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(mac, v1)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/hook",
        "http://localhost/hook",
        "https://10.1.2.3/hook",
        "http://192.168.0.5/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "http://100.64.0.1/",
    ],
)
def test_private_targets_are_refused_unless_allowed(url: str) -> None:
    with pytest.raises(UnsafeWebhookTarget, match="JAGA_WEBHOOK_ALLOW_PRIVATE"):
        check_webhook_url(url, allow_private=False)
    assert check_webhook_url(url, allow_private=True) == url


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.org/", "https://"),
        ("file:///etc/passwd", "https://"),
        ("https:///path", "no host"),
        ("https://user:pw@example.org/", "password"),
        ("https://example.org:99999/", "malformed"),
    ],
)
def test_malformed_targets_are_refused_even_when_private_is_allowed(url: str, reason: str) -> None:
    with pytest.raises(UnsafeWebhookTarget, match=reason):
        check_webhook_url(url, allow_private=True)


def test_public_targets_pass() -> None:
    assert check_webhook_url(" https://hooks.example.org/jaga ", allow_private=False) == (
        "https://hooks.example.org/jaga"
    )
    assert check_webhook_url("https://8.8.8.8/x", allow_private=False) == "https://8.8.8.8/x"


def test_backoff_doubles_with_jitter_and_is_capped() -> None:
    settings = DeliverySettings(backoff_seconds=1.0, backoff_max_seconds=60.0)
    assert [backoff_delay(n, settings, lambda a, b: 1.0) for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert backoff_delay(30, settings, lambda a, b: 1.0) == 60.0
    assert backoff_delay(1000, settings, lambda a, b: 1.0) == 60.0
    low, high = backoff_delay(3, settings, lambda a, b: a), backoff_delay(3, settings, max)
    assert (low, high) == pytest.approx((3.2, 4.8))


def test_a_lease_shorter_than_the_timeout_is_refused() -> None:
    with pytest.raises(SystemExit, match="LEASE"):
        DeliverySettings(timeout_seconds=10, lease_seconds=5)


def test_a_name_resolving_to_a_private_address_is_refused_at_send_time() -> None:
    """A host name is checked by the addresses it resolves to, not only by its text."""
    with pytest.raises(UnsafeWebhookTarget, match="'localhost' resolves to"):
        check_resolved_host("http://localhost:8080/hook", allow_private=False)
    check_resolved_host("http://localhost:8080/hook", allow_private=True)  # the operator's call
