"""Fetch a URL a caller named, without letting the caller reach what Jaga can reach.

`GET /h/hash?url=` makes the server fetch a URL of the caller's choosing: the classic
server-side request forgery. An attacker would point it at the cloud metadata service,
the database port or an admin page on the private network. So every hop, redirects
included, is resolved first and refused unless every address of the host is public (or
in a network the operator allowed), and the connection then goes to the address that was
checked, so a DNS answer that changes between check and connect (rebinding) cannot
slip through. The body is read up to a limit and no further.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Sequence
from dataclasses import dataclass, field

import httpx

IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

MAX_REDIRECTS = 5
_CHUNK = 64 * 1024


class FetchError(Exception):
    """The URL could not be fetched; the message says why, for the caller."""


class UnsafeUrl(FetchError):
    """The URL is not allowed: bad scheme, unlisted host, or a private address."""


class TooLarge(FetchError):
    """The body is larger than the limit."""


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """What may be fetched. The defaults allow public http(s) addresses only."""

    max_bytes: int = 100 * 2**20
    timeout_seconds: float = 30.0
    # Networks allowed although not public (e.g. 10.0.0.0/8 for an internal media store).
    allow_networks: tuple[IpNetwork, ...] = ()
    # If not empty, only these host names (HMA's ALLOWED_HOSTNAMES).
    allowed_hosts: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def parse_networks(cls, text: str) -> tuple[IpNetwork, ...]:
        """'127.0.0.0/8, 10.1.2.3' → networks; ValueError naming the bad item."""
        networks = []
        for item in (part.strip() for part in text.split(",")):
            if not item:
                continue
            try:
                networks.append(ipaddress.ip_network(item, strict=False))
            except ValueError:
                raise ValueError(f"{item!r} is not an IP address or CIDR network") from None
        return tuple(networks)


@dataclass(frozen=True, slots=True)
class Fetched:
    data: bytes
    content_type: str  # the media type without parameters, lower case ('' if none)
    url: str  # after redirects


def fetch_url(url: str, policy: FetchPolicy) -> Fetched:
    """GET `url` within `policy`; FetchError (or a subclass) with a reason otherwise."""
    current = _parse(url)
    with httpx.Client(timeout=policy.timeout_seconds, follow_redirects=False) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            address = _checked_address(current, policy)
            request = client.build_request(
                "GET",
                current.copy_with(host=str(address)),
                headers={"Host": _host_header(current)},
                extensions={"sni_hostname": current.host} if current.scheme == "https" else {},
            )
            try:
                response = client.send(request, stream=True)
            except httpx.HTTPError as error:
                raise FetchError(f"could not fetch {current}: {error}") from None
            try:
                if response.is_redirect and "location" in response.headers:
                    current = _parse(str(current.join(response.headers["location"])))
                    continue
                if response.status_code >= 400:
                    raise FetchError(f"{current} answered HTTP {response.status_code}")
                data = _read_limited(response, policy.max_bytes)
                media_type = response.headers.get("content-type", "").split(";")[0]
                return Fetched(data, media_type.strip().lower(), str(current))
            finally:
                response.close()
    raise FetchError(f"more than {MAX_REDIRECTS} redirects from {url}")


def _parse(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError):
        raise UnsafeUrl(f"{url!r} is not a URL") from None
    if parsed.scheme not in ("http", "https"):
        raise UnsafeUrl(f"only http and https URLs can be fetched, not {parsed.scheme or url!r}")
    if not parsed.host:
        raise UnsafeUrl(f"{url!r} has no host")
    if parsed.userinfo:
        raise UnsafeUrl("URLs with a user name or password are not fetched")
    return parsed


def _host_header(url: httpx.URL) -> str:
    host = f"[{url.host}]" if ":" in url.host else url.host
    return host if url.port is None else f"{host}:{url.port}"


def _checked_address(url: httpx.URL, policy: FetchPolicy) -> IpAddress:
    """The address to connect to; every address the name resolves to must be allowed."""
    host = url.host.lower().rstrip(".")
    if policy.allowed_hosts and host not in policy.allowed_hosts:
        raise UnsafeUrl(f"host {host!r} is not on the list of hosts Jaga may fetch from")
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"cannot resolve host {host!r}: {error}") from None
    addresses = [ipaddress.ip_address(info[4][0]) for info in infos]
    if not addresses:
        raise FetchError(f"host {host!r} has no address")
    for address in addresses:
        if not is_allowed_address(address, policy.allow_networks):
            raise UnsafeUrl(
                f"host {host!r} resolves to {address}, a private or reserved address; "
                "the operator can allow its network with JAGA_FETCH_ALLOW_NETWORKS"
            )
    return addresses[0]


def is_allowed_address(address: IpAddress, allow_networks: Sequence[IpNetwork] = ()) -> bool:
    """Public unicast addresses, and those inside an operator-allowed network."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is loopback
    if any(address in network for network in allow_networks):
        return True
    return address.is_global and not address.is_multicast


def _read_limited(response: httpx.Response, limit: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge(f"the file is {int(declared):,} bytes; the limit is {limit:,}")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise TooLarge(f"the file is larger than the limit of {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
