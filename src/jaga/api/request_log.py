"""Every request, seen once: its metrics, one access log line, and two response headers.

A plain ASGI middleware rather than `@app.middleware("http")`: a lookup takes about a
millisecond and Starlette's request/response wrapping would add a noticeable share of it.

The access line names the route template (`/v1/banks/{name}`), never the raw path or
query, and the caller's key by name, never its secret. Responses carry `X-Request-ID`
(the caller's, if it sent a sane one, so logs on both sides can be joined) and
`X-Jaga-Worker` (the process id), which tells apart the workers behind one port.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
import uuid
from datetime import UTC, datetime
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from jaga.api import logging_setup, metrics
from jaga.api.logging_setup import get_logger, redact_hex

log = get_logger("jaga.access")
_ACCESS_LOGGER = "jaga.access"

_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
_SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
UNMATCHED_ROUTE = "unmatched"  # 404s for unknown paths: their raw path is never a label


def route_template(scope: Scope) -> str:
    """The path template of the route that served the request (set by Starlette's router)."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else UNMATCHED_ROUTE


def _request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            text = str(value.decode("latin-1"))
            if _SANE_REQUEST_ID.fullmatch(text):
                return text
            break
    return uuid.uuid4().hex[:16]


def _key_name(scope: Scope) -> str | None:
    state: Any = scope.get("state")
    key = state.get("api_key") if isinstance(state, dict) else None
    name = getattr(key, "name", None)
    return name if isinstance(name, str) else None


def _open_network(scope: Scope) -> str | None:
    """The open network an HMA call without a key came through (jaga.api.hma.access)."""
    state: Any = scope.get("state")
    network = state.get("open_network") if isinstance(state, dict) else None
    return network if isinstance(network, str) else None


class RequestObserver:
    """ASGI middleware: request id and worker headers, metrics, access log line."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.pid = os.getpid()
        self.worker = str(self.pid).encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = _request_id(scope)
        status = 500  # what the client gets if the app raises before answering

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = MutableHeaders(scope=message)
                headers["X-Request-ID"] = request_id
                headers["X-Jaga-Worker"] = self.worker.decode()
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            seconds = time.perf_counter() - started
            method = scope.get("method", "")
            method = method if method in _METHODS else "OTHER"
            route = route_template(scope)
            metrics.observe_request(method, route, status, seconds)
            client = scope.get("client")
            fields: dict[str, Any] = {
                "method": method,
                "route": route,
                "status": status,
                "duration_ms": round(seconds * 1000, 3),
                "client": client[0] if client else None,
                "key": _key_name(scope),
                "open_network": _open_network(scope),
                "request_id": request_id,
            }
            if logging_setup.active_format() == "json":
                self._write_json_line(fields)
            else:
                log.info("request", **fields)

    def _write_json_line(self, fields: dict[str, Any]) -> None:
        """The access line in the same JSON shape structlog writes, rendered here.

        The general path (structlog, then `logging`'s record, lock and formatter) cost
        about 0.2 ms a request, a fifth of a lookup; this line's fields are known, so it
        is rendered directly. Only the request id comes from the caller: it is redacted
        like every logged value.
        """
        if not logging.getLogger(_ACCESS_LOGGER).isEnabledFor(logging.INFO):
            return
        fields["request_id"] = redact_hex(fields["request_id"])
        fields["event"] = "request"
        fields["level"] = "info"
        fields["logger"] = _ACCESS_LOGGER
        fields["timestamp"] = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        fields["worker"] = self.pid
        logging_setup.write_line(json.dumps(fields))
