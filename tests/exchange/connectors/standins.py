"""Local stand-ins for NCMEC's Hash Sharing API v2, StopNCII's API and ThreatExchange's
Graph API, on loopback, following their published documents and the sample responses in
../shared/formats (same element names, namespaces, paging fields and escaping).

Each records every request (method, path, query, headers, body) so tests can check what
a connector asked for, e.g. that a resumed sync went on from its stored cursor.
"""

from __future__ import annotations

import base64
import json
import threading
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit
from xml.sax.saxutils import escape

NCMEC_NS = "https://hashsharing.ncmec.org/hashsharing/v2"


@dataclass
class Seen:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes


@dataclass
class Reply:
    status: int
    body: bytes
    content_type: str = "application/json"


class StandIn:
    """A ThreadingHTTPServer on 127.0.0.1:<ephemeral>; subclasses answer in `handle`."""

    def __init__(self) -> None:
        self.requests: list[Seen] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                seen = Seen(
                    self.command,
                    parts.path,
                    {k: v[-1] for k, v in parse_qs(parts.query).items()},
                    {k.lower(): v for k, v in self.headers.items()},
                    self.rfile.read(length) if length else b"",
                )
                owner.requests.append(seen)
                reply = owner.handle(seen)
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

            do_GET = do_PUT = do_POST = _serve

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def handle(self, seen: Seen) -> Reply:
        raise NotImplementedError

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> StandIn:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ---- NCMEC Hash Sharing API v2 ---------------------------------------------------------


@dataclass
class NcmecEntry:
    """One element of an `entries` answer: `xml` is the <image>/<video>/<deleted...> body."""

    timestamp: int  # when it changed, as seconds (the API filters from/to on this)
    kind: str  # 'images' or 'videos'
    xml: str


@dataclass
class NcmecStandIn(StandIn):
    """`GET {base}/v2/entries?from&to` paged by start/size/max, entries deliberately not in
    time order (sorted by id descending); tombstones (<deletedImage>/<deletedVideo>) in the
    same lists; `next` XML-escaped; basic auth; feedback reasons and the feedback PUT."""

    entries: list[NcmecEntry] = field(default_factory=list)
    page_size: int = 3
    username: str = "esp-user"
    password: str = "esp-pass"
    reasons_xml: str = ""
    prefix: str = "/hashsharing"
    failing_puts: int = 0  # answer this many feedback PUTs with 503 (NCMEC having a bad day)
    hold_at_start: int | None = None  # hold the page request with this `start` until released
    held: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        StandIn.__init__(self)
        self.base_url = self.url + self.prefix

    def handle(self, seen: Seen) -> Reply:
        expected = base64.b64encode(f"{self.username}:{self.password}".encode()).decode()
        if seen.headers.get("authorization") != f"Basic {expected}":
            return Reply(401, b"<error>Authentication Required</error>", "application/xml")
        path = seen.path.removeprefix(self.prefix)
        if seen.method == "GET" and path == "/v2/entries":
            return self._entries(seen.query)
        if seen.method == "GET" and path.startswith("/v2/feedback/") and path.endswith("/reasons"):
            return Reply(200, self.reasons_xml.encode(), "application/xml")
        if seen.method == "PUT" and path.startswith("/v2/entries/") and path.endswith("/feedback"):
            if self.failing_puts > 0:
                self.failing_puts -= 1
                return Reply(503, b"<error>Service Unavailable</error>", "application/xml")
            return Reply(200, b"", "application/xml")
        return Reply(404, b"<error>not found</error>", "application/xml")

    def _entries(self, query: dict[str, str]) -> Reply:
        start_at, end_at = _iso_seconds(query["from"]), _iso_seconds(query["to"])
        chosen = [e for e in self.entries if start_at <= e.timestamp <= end_at]
        chosen.reverse()  # newest first: not in time order, as NCMEC's documentation warns
        start = int(query.get("start", "0"))
        size = int(query.get("size", str(self.page_size)))
        if start == self.hold_at_start:
            self.held.set()
            self.release.wait(30)
        page = chosen[start : start + size]
        body = [
            '<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>',  # the space, as seen
            f'<queryResult xmlns="{NCMEC_NS}">',
        ]
        for kind in ("images", "videos"):
            items = [e for e in page if e.kind == kind]
            if items:
                newest = max(e.timestamp for e in items)
                body.append(f'<{kind} count="{len(items)}" maxTimestamp="{_iso(newest)}">')
                body += [e.xml for e in items]
                body.append(f"</{kind}>")
        if start + size < len(chosen):
            following = "/v2/entries?" + urlencode(
                {
                    "from": query["from"],
                    "to": query["to"],
                    "start": start + size,
                    "size": size,
                    "max": len(chosen),
                }
            )
            body.append(f"<paging><next>{escape(following)}</next></paging>")
        body.append("</queryResult>")
        return Reply(200, "\n".join(body).encode(), "application/xml")


def _iso(seconds: int) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _iso_seconds(text: str) -> int:
    from datetime import UTC, datetime

    return int(datetime.strptime(text[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=UTC).timestamp())


# ---- StopNCII ----------------------------------------------------------------------------


@dataclass
class StopNciiStandIn(StandIn):
    """`GET /v1/FetchHashes?startTimestamp&pageSize&nextPageToken` with the subscription key
    and the endpoint's function key; records ordered by lastModtimestamp; an opaque base64
    continuation token, new for every walk (like the Cosmos DB tokens it wraps), that can
    be made to expire; `POST /v1/SubmitFeedback`."""

    records: list[dict[str, Any]] = field(default_factory=list)
    subscription_key: str = "sub-key"
    function_keys: dict[str, str] = field(
        default_factory=lambda: {"FetchHashes": "fetch-key", "SubmitFeedback": "feedback-key"}
    )
    expired_tokens: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        StandIn.__init__(self)
        self.base_url = self.url + "/v1"

    def handle(self, seen: Seen) -> Reply:
        endpoint = seen.path.removeprefix("/v1/")
        if seen.headers.get(
            "ocp-apim-subscription-key"
        ) != self.subscription_key or seen.headers.get("x-functions-key") != self.function_keys.get(
            endpoint
        ):
            return Reply(401, b'{"statusCode": 401, "message": "Access denied"}')
        if seen.method == "GET" and endpoint == "FetchHashes":
            return self._fetch(seen.query)
        if seen.method == "POST" and endpoint == "SubmitFeedback":
            return Reply(200, b"{}")
        return Reply(404, b"{}")

    def _fetch(self, query: dict[str, str]) -> Reply:
        token = query.get("nextPageToken", "")
        if token in self.expired_tokens:
            return Reply(400, b'{"message": "continuation token expired"}')
        start = int(query["startTimestamp"])
        size = min(int(query.get("pageSize", "800")), 800)
        state = json.loads(base64.b64decode(token)) if token else {"walk": uuid.uuid4().hex}
        offset = state.get("offset", 0)
        chosen = sorted(
            (r for r in self.records if r.get("lastModtimestamp", 0) >= start),
            key=lambda r: r.get("lastModtimestamp", 0),
        )
        page = chosen[offset : offset + size]
        more = offset + size < len(chosen)
        next_token = base64.b64encode(
            json.dumps({"walk": state["walk"], "offset": offset + size}).encode()
        ).decode()
        newest = max((r.get("lastModtimestamp", 0) for r in chosen), default=start)
        body = {
            "count": len(page),
            "nextSetTimestamp": newest,
            "nextPageToken": next_token if more else None,
            "hasMoreRecords": more,
            "hashRecords": page,
        }
        return Reply(200, json.dumps(body).encode())


# ---- ThreatExchange Graph API -------------------------------------------------------------


@dataclass
class ThreatExchangeStandIn(StandIn):
    """`GET /v26.0/{group}/threat_updates/` with cursor paging (`paging.next` a full URL
    carrying the access token and an `after` cursor); descriptors of an indicator; the
    reactions POST."""

    group: int = 1012185296055235
    updates: list[dict[str, Any]] = field(default_factory=list)
    descriptors: dict[str, list[str]] = field(default_factory=dict)  # indicator -> ids
    token: str = "1234567890|abcdefghijklmnopqrstuvwxyz"
    page_size: int = 3

    def __post_init__(self) -> None:
        StandIn.__init__(self)
        self.base_url = self.url + "/v26.0"

    def handle(self, seen: Seen) -> Reply:
        if seen.query.get("access_token") != self.token:
            return Reply(400, b'{"error": {"message": "Invalid OAuth access token.", "code": 190}}')
        path = seen.path.removeprefix("/v26.0/").rstrip("/")
        if seen.method == "GET" and path == f"{self.group}/threat_updates":
            return self._updates(seen.query)
        if seen.method == "GET" and path in self.descriptors:
            data = [{"id": d} for d in self.descriptors[path]]
            return Reply(200, json.dumps({"descriptors": {"data": data}, "id": path}).encode())
        if seen.method == "POST" and path.isdigit():
            return Reply(200, b'{"success": true}')
        return Reply(404, b'{"error": {"message": "Unsupported get request."}}')

    def _updates(self, query: dict[str, str]) -> Reply:
        start = int(query.get("start_time") or 0)
        stop = int(query["stop_time"])
        limit = int(query.get("limit") or self.page_size)
        chosen = [u for u in self.updates if start <= u["_time"] <= stop]
        offset = int(base64.b64decode(query["after"]).decode()) if "after" in query else 0
        page = chosen[offset : offset + limit]
        data = [{k: v for k, v in u.items() if k != "_time"} for u in page]
        paging: dict[str, Any] = {"cursors": {"before": "MA==", "after": "MQ=="}}
        if offset + limit < len(chosen):
            after = base64.b64encode(str(offset + limit).encode()).decode()
            following = {k: v for k, v in query.items() if k != "after"}
            following["after"] = after
            paging["next"] = f"{self.base_url}/{self.group}/threat_updates/?{urlencode(following)}"
        return Reply(200, json.dumps({"data": data, "paging": paging}).encode())
