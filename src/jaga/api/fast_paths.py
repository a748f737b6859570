"""The two hottest calls, answered before FastAPI's routing: `POST /v1/match` and HMA's
`GET /m/lookup` by hash.

A platform calls one of them once per upload, so their cost per request is the service's
capacity. Profiled in-process, FastAPI's routing, dependency solving and response-model
validation took more of a one-hash lookup than the lookup itself (about 430 µs against
140 µs for the same answer here). This plain ASGI middleware answers the ordinary request
(a key already in the gatekeeper's cache, or an HMA caller from an open network; a valid
body or query; the index loaded) with the same functions the FastAPI routes use, and the
same bytes. Everything else (no key or an unknown one, invalid input, the index still
loading, a URL lookup) goes on to the FastAPI route, with any body already read replayed,
so each error keeps one shape and one place where it is made.

The routes stay declared in FastAPI: they are what the OpenAPI document describes, and
what answers everything passed on.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl

from fastapi import HTTPException
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import State
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from jaga.api.hma.access import open_network_for
from jaga.api.hma.matching import (
    AUTO_BLOCK_HEADER,
    auto_blocked_after_actions,
    by_bank,
    checked_signal,
    coin_flip,
    lookup_signal,
)
from jaga.api.matcher_state import MatcherState
from jaga.api.routes_actions import content_of_hash
from jaga.api.routes_content import ON_LOOP_BATCH, act_on_matches, match_batch
from jaga.api.schemas import MatchRequest, MatchResponse
from jaga.api.security import Gatekeeper, secret_in_headers

_MAX_BODY = 1 << 20  # 1,000 hashes take about 120 kB; anything larger goes the long way

# Answers the request and returns None, or returns the `receive` to pass it on with.
FastPath = Callable[[Scope, Receive, Send], Awaitable[Receive | None]]


@dataclass(frozen=True, slots=True)
class _RouteLabel:
    """What `request_log.route_template` reads from `scope["route"]`: the path template.
    (FastAPI's own route objects sit inside included routers, out of reach without
    private API.)"""

    path: str


class FastPaths:
    """ASGI middleware: answers ordinary hot calls itself, passes on the rest."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._paths: dict[tuple[str, str], FastPath] = {
            ("POST", "/v1/match"): _match,
            ("GET", "/m/lookup"): _hma_lookup,
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = self._paths.get((scope.get("method", ""), scope.get("path", "")))
        if scope["type"] == "http" and path is not None:
            passed_on = await path(scope, receive, send)
            if passed_on is None:
                return
            receive = passed_on
        await self.app(scope, receive, send)


# ---- POST /v1/match ----------------------------------------------------------------------

_MATCH_ROUTE = _RouteLabel("/v1/match")


async def _match(scope: Scope, receive: Receive, send: Send) -> Receive | None:
    app_state: State = scope["app"].state
    gatekeeper: Gatekeeper = app_state.gatekeeper
    matcher: MatcherState = app_state.matcher
    secret = secret_in_headers(scope["headers"])
    if secret is None or not matcher.ready or not gatekeeper.is_cached(secret):
        return receive
    body, complete = await _read_body(receive)
    replay = _replaying(body, complete, receive)
    try:
        if not complete:
            return replay
        request_body = MatchRequest.model_validate_json(body)
        # Last of the checks that pass the request on: a key checked here has taken a token
        # from its rate limit, and must not be charged twice by the route.
        key = gatekeeper.check_secret(secret, ("match",))
    except (ValidationError, HTTPException):
        return replay
    scope.setdefault("state", {})["api_key"] = key  # the access log names the key
    scope["route"] = _MATCH_ROUTE  # metrics and the access log name the route by its path
    response = await _matched(matcher, request_body)
    try:
        await act_on_matches(Request(scope, replay), response)
    except HTTPException as error:  # actions could not be stored: as the route answers
        await _refusal(scope, replay, send, error, key="detail")
        return None
    answer = Response(response.model_dump_json(), media_type="application/json")
    await answer(scope, replay, send)
    return None


async def _matched(matcher: MatcherState, body: MatchRequest) -> MatchResponse:
    """On the event loop when the index is free and the batch small, as the route does;
    otherwise in a thread, so a refresh or a large batch never stalls other callers."""
    if len(body.hashes) <= ON_LOOP_BATCH and matcher.lock.acquire(blocking=False):
        try:
            return match_batch(matcher, body)
        finally:
            matcher.lock.release()
    return await run_in_threadpool(_match_waiting, matcher, body)


def _match_waiting(matcher: MatcherState, body: MatchRequest) -> MatchResponse:
    with matcher.lock:
        return match_batch(matcher, body)


# ---- GET /m/lookup?signal_type=&signal= (HMA) --------------------------------------------

_LOOKUP_ROUTE = _RouteLabel("/m/lookup")


async def _hma_lookup(scope: Scope, receive: Receive, send: Send) -> Receive | None:
    query = dict(parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True))
    signal_type, signal = query.get("signal_type"), query.get("signal")
    app_state: State = scope["app"].state
    matcher: MatcherState = app_state.matcher
    if query.get("url") or not signal_type or not signal or not matcher.ready:
        return receive
    try:
        value = checked_signal(signal_type, signal)
    except HTTPException:
        return receive
    request_state = scope.setdefault("state", {})
    secret = secret_in_headers(scope["headers"])
    if secret is None:
        client = scope.get("client")
        network = open_network_for(app_state.settings, client[0] if client else None)
        if network is None:
            return receive
        request_state["open_network"] = network  # the access line names the source
    else:
        gatekeeper: Gatekeeper = app_state.gatekeeper
        if not gatekeeper.is_cached(secret):
            return receive
        try:
            request_state["api_key"] = gatekeeper.check_secret(secret, ("match",))
        except HTTPException:
            return receive
    scope["route"] = _LOOKUP_ROUTE
    banks, seed = query.get("banks"), query.get("seed")
    matches = await matcher.run(lookup_signal(signal_type, value, banks, coin_flip(seed)))
    content = content_of_hash(signal_type, value, ())
    try:
        blocked = await auto_blocked_after_actions(Request(scope, receive), content, matches)
    except HTTPException as error:
        await _refusal(scope, receive, send, error, key="message")
        return None
    headers = {AUTO_BLOCK_HEADER: "true"} if blocked else None
    await JSONResponse(by_bank(matches, signal_type), headers=headers)(scope, receive, send)
    return None


# ---- shared ------------------------------------------------------------------------------


async def _refusal(
    scope: Scope, receive: Receive, send: Send, error: HTTPException, *, key: str
) -> None:
    """An error as the app's handlers shape it: `detail` for Jaga's API, `message` for HMA's."""
    refusal = JSONResponse(
        {key: error.detail}, status_code=error.status_code, headers=error.headers
    )
    await refusal(scope, receive, send)


async def _read_body(receive: Receive) -> tuple[bytes, bool]:
    """The body, and whether it is complete (False: over `_MAX_BODY`, or a disconnect)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks), False
        chunk = message.get("body", b"")
        chunks.append(chunk)
        size += len(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks), True
        if size > _MAX_BODY:
            return b"".join(chunks), False


def _replaying(body: bytes, complete: bool, receive: Receive) -> Receive:
    """A `receive` that gives the bytes already read, then whatever the client sends next."""
    given = False

    async def replay() -> Message:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": not complete}
        return await receive()

    return replay
