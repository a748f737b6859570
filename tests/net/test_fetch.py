"""Fetching caller-named URLs: public addresses only, unless the operator allows a network."""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from jaga.net.fetch import (
    FetchError,
    FetchPolicy,
    TooLarge,
    UnsafeUrl,
    fetch_url,
    is_allowed_address,
)

LOOPBACK = FetchPolicy(allow_networks=FetchPolicy.parse_networks("127.0.0.0/8"), max_bytes=1000)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        routes = {
            "/small": (200, {"Content-Type": "image/jpeg; charset=binary"}, b"x" * 10),
            "/big": (200, {"Content-Type": "image/jpeg"}, b"x" * 5000),
            "/to-metadata": (302, {"Location": "http://169.254.169.254/latest/"}, b""),
            "/to-small": (301, {"Location": "/small"}, b""),
            "/loop": (302, {"Location": "/loop"}, b""),
            "/missing": (404, {}, b"no"),
        }
        if self.path == "/chunked":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for _ in range(20):
                self.wfile.write(b"100\r\n" + b"y" * 256 + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
            return
        status, headers, body = routes.get(self.path, (404, {}, b""))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture(scope="module")
def origin() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_a_loopback_url_is_refused_unless_its_network_is_allowed(origin: str) -> None:
    with pytest.raises(UnsafeUrl, match="private or reserved address"):
        fetch_url(f"{origin}/small", FetchPolicy())
    fetched = fetch_url(f"{origin}/small", LOOPBACK)
    assert fetched.data == b"x" * 10 and fetched.content_type == "image/jpeg"


def test_a_name_resolving_to_loopback_is_refused(origin: str) -> None:
    port = origin.rsplit(":", 1)[1]
    with pytest.raises(UnsafeUrl, match="'localhost' resolves to"):
        fetch_url(f"http://localhost:{port}/small", FetchPolicy())


def test_every_redirect_hop_is_checked(origin: str) -> None:
    assert fetch_url(f"{origin}/to-small", LOOPBACK).url.endswith("/small")
    with pytest.raises(UnsafeUrl, match=r"169\.254\.169\.254"):
        fetch_url(f"{origin}/to-metadata", LOOPBACK)
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch_url(f"{origin}/loop", LOOPBACK)


def test_bodies_over_the_limit_are_refused_with_or_without_a_length(origin: str) -> None:
    with pytest.raises(TooLarge, match="5,000 bytes"):
        fetch_url(f"{origin}/big", LOOPBACK)
    with pytest.raises(TooLarge, match="limit of 1,000"):
        fetch_url(f"{origin}/chunked", LOOPBACK)


def test_error_statuses_and_bad_urls_are_reasons(origin: str) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch_url(f"{origin}/missing", LOOPBACK)
    for url, reason in [
        ("file:///etc/passwd", "only http and https"),
        ("gopher://example.org/", "only http and https"),
        ("http://user:pw@example.org/", "user name or password"),
        ("http:///nohost", "no host"),
    ]:
        with pytest.raises(UnsafeUrl, match=reason):
            fetch_url(url, FetchPolicy())
    only_listed = FetchPolicy(allowed_hosts=frozenset({"images.example.org"}))
    with pytest.raises(UnsafeUrl, match="not on the list"):
        fetch_url("http://example.org/a.jpg", only_listed)


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("8.8.8.8", True),
        ("2606:4700:4700::1111", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("::ffff:127.0.0.1", False),
        ("fc00::1", False),
        ("fe80::1", False),
    ],
)
def test_only_public_unicast_addresses_are_allowed(address: str, allowed: bool) -> None:
    assert is_allowed_address(ipaddress.ip_address(address)) is allowed


def test_allowed_networks_parse_with_a_clear_error() -> None:
    assert len(FetchPolicy.parse_networks("127.0.0.1, 10.0.0.0/8,")) == 2
    with pytest.raises(ValueError, match="'ten' is not an IP address"):
        FetchPolicy.parse_networks("ten")
