"""A `requests` session for upstream APIs that refuses private and reserved addresses.

python-threatexchange's clients speak `requests`; they are handed this session instead
of their own, so every request they make, redirects included, goes through `send` here,
which resolves the host and refuses it unless every address is public or inside a network
the operator allowed (JAGA_SYNC_ALLOW_NETWORKS, e.g. '127.0.0.0/8' for a local stand-in).
Base URLs are operator configuration rather than caller input, so the check does not pin
the connection to the checked address the way jaga.net.fetch does for caller URLs.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from jaga.exchange.connectors.errors import UpstreamError
from jaga.net.fetch import FetchPolicy, IpNetwork, UnsafeUrl, is_allowed_address

ALLOW_NETWORKS_ENV = "JAGA_SYNC_ALLOW_NETWORKS"
TIMEOUT_SECONDS = 60.0
_T = TypeVar("_T")


def allowed_networks() -> tuple[IpNetwork, ...]:
    """Networks the operator allows although not public (ValueError names a bad item)."""
    return FetchPolicy.parse_networks(os.environ.get(ALLOW_NETWORKS_ENV, ""))


class GuardedAdapter(HTTPAdapter):
    """An HTTPAdapter that checks the destination address before each request."""

    def __init__(self, allow: tuple[IpNetwork, ...], retries: Retry) -> None:
        self._allow = allow
        super().__init__(max_retries=retries)

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: Any = None,
        verify: bool | str = True,
        cert: Any = None,
        proxies: Any = None,
    ) -> requests.Response:
        check_destination(request.url or "", self._allow)
        return super().send(
            request,
            stream=stream,
            timeout=TIMEOUT_SECONDS if timeout is None else timeout,
            verify=verify,
            cert=cert,
            proxies=proxies,
        )


def check_destination(url: str, allow: tuple[IpNetwork, ...]) -> None:
    """UnsafeUrl unless `url` is http(s) and its host resolves only to allowed addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeUrl(f"upstream URL {url.split('?')[0]!r} is not an http(s) URL")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise UnsafeUrl(f"cannot resolve upstream host {parts.hostname!r}: {error}") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not is_allowed_address(address, allow):
            raise UnsafeUrl(
                f"upstream host {parts.hostname!r} resolves to {address}, a private or "
                f"reserved address; allow its network with {ALLOW_NETWORKS_ENV}"
            )


def guarded_session() -> requests.Session:
    """A session whose every request is address-checked, with a timeout and GET retries.

    Only idempotent methods are retried (upstream errors 429/5xx, three times, backing off
    from 0.5 s); a PUT or POST that failed is retried later by the feedback outbox.
    """
    retries = Retry(
        total=3,
        status_forcelist=[429, 500, 502, 503, 504],
        allowed_methods=["HEAD", "GET", "OPTIONS"],
        backoff_factor=0.5,
        raise_on_status=False,
    )
    adapter = GuardedAdapter(allowed_networks(), retries)
    session = requests.Session()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def call_upstream(
    action: Callable[[], _T],
    source: str,
    body_errors: tuple[type[Exception], ...],
    what_was_wrong: str,
) -> _T:
    """`action()`, a client call; its failures become UpstreamError naming `source`.

    HTTP 408, 429 and 5xx are worth retrying; other refusals are not. `body_errors` are the
    exceptions a client raises on a body it cannot read, reported as `what_was_wrong`.
    """
    try:
        return action()
    except requests.HTTPError as error:
        status = error.response.status_code if error.response is not None else 0
        retryable = status in (408, 429) or status >= 500
        raise UpstreamError(f"{source} answered HTTP {status}", retryable=retryable) from None
    except requests.RequestException as error:
        raise UpstreamError(f"{source} could not be reached: {type(error).__name__}") from None
    except body_errors as error:
        raise UpstreamError(f"{source} sent {what_was_wrong}: {error}") from None
