"""Where a webhook may be sent: the one function to swap for a shared SSRF guard.

Jaga sends match details to the URL an administrator gives. A URL naming the machine
itself, a private network or a cloud metadata address (169.254.169.254) could turn the
webhook into a way to reach internal services, so such addresses are refused unless the
operator allows them (JAGA_WEBHOOK_ALLOW_PRIVATE=1, e.g. a receiver on the same host).

`check_webhook_url` checks what the URL says (when a rule is saved and before each
send); `check_resolved_host` also checks what the host name resolves to at send time, with
the same rule as `?url=` fetches (`jaga.net.fetch`), so a public-looking name that points
at an internal address is refused too.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from jaga.actions.errors import UnsafeWebhookTarget
from jaga.net.fetch import is_allowed_address

MAX_URL_LENGTH = 2_000
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


def check_webhook_url(url: str, *, allow_private: bool) -> str:
    """The URL, stripped, if Jaga may send webhooks to it; UnsafeWebhookTarget if not."""
    url = url.strip()
    if len(url) > MAX_URL_LENGTH:
        raise UnsafeWebhookTarget(f"webhook URL is longer than {MAX_URL_LENGTH} characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise UnsafeWebhookTarget(f"webhook URL {url!r} is malformed: {error}") from None
    if parts.scheme not in ("http", "https"):
        raise UnsafeWebhookTarget(f"webhook URL must start with https:// (or http://), got {url!r}")
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise UnsafeWebhookTarget(f"webhook URL {url!r} names no host")
    if parts.username is not None or parts.password is not None:
        raise UnsafeWebhookTarget(
            "webhook URL must not carry a user name or password (they would be stored and "
            "shown in plain text); the receiver checks the X-Jaga-Signature header instead"
        )
    if port == 0:
        raise UnsafeWebhookTarget(f"webhook URL {url!r} names port 0")
    if not allow_private and _is_private(host):
        raise UnsafeWebhookTarget(
            f"webhook host {host!r} is a loopback, private, link-local or reserved address; "
            "set JAGA_WEBHOOK_ALLOW_PRIVATE=1 on the server if the receiver really is there"
        )
    return url


def _is_private(host: str) -> bool:
    if host in _LOCAL_NAMES or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False  # a host name: see the module docstring
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not address.is_global or address.is_multicast


def check_resolved_host(url: str, *, allow_private: bool) -> None:
    """UnsafeWebhookTarget if the URL's host resolves to a non-public address."""
    if allow_private:
        return
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise UnsafeWebhookTarget(f"webhook host {host!r} does not resolve: {error}") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not is_allowed_address(address):
            raise UnsafeWebhookTarget(
                f"webhook host {host!r} resolves to {address}, a loopback, private or reserved "
                "address; set JAGA_WEBHOOK_ALLOW_PRIVATE=1 on the server if that is intended"
            )
