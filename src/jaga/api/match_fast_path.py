"""`POST /v1/match` for the common case, answered before FastAPI's routing.

A platform calls this endpoint once per upload, so its cost per request is the service's
capacity. Profiled in-process, FastAPI's routing, dependency solving and response-model
validation took more of a one-hash lookup than the lookup itself. This plain ASGI
middleware answers the ordinary request (a key already in the gatekeeper's cache, a body
that validates) with the same functions the FastAPI route uses (`match_batch`,
`act_on_matches`) and the same JSON. Anything else (no key or an unknown one, a body that
does not validate, the index still loading) goes on to the FastAPI route with the body
replayed, so errors keep exactly one shape and one place where they are made.

The route stays declared in FastAPI: it is what the OpenAPI document describes, and what
answers everything this path passes on.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import HTTPException
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from jaga.api.matcher_state import MatcherState
from jaga.api.routes_content import ON_LOOP_BATCH, act_on_matches, match_batch
from jaga.api.schemas import MatchRequest, MatchResponse
from jaga.api.security import Gatekeeper, secret_in_headers

PATH = "/v1/match"
_SCOPES = ("match",)
_MAX_BODY = 1 << 20  # 1,000 hashes take about 120 kB; anything larger goes the long way


@dataclass(frozen=True, slots=True)
class _RouteLabel:
    """What `request_log.route_template` reads from `scope["route"]`: the path template.
    (FastAPI's own route object for /v1/match sits inside included routers, out of reach
    without private API.)"""

    path: str


_ROUTE = _RouteLabel(PATH)


class MatchFastPath:
    """ASGI middleware: answers ordinary `POST /v1/match` calls itself, passes on the rest."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != PATH or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        app_state = scope["app"].state
        gatekeeper: Gatekeeper = app_state.gatekeeper
        matcher: MatcherState = app_state.matcher
        secret = secret_in_headers(scope["headers"])
        if secret is None or not matcher.ready or not gatekeeper.is_cached(secret):
            await self.app(scope, receive, send)
            return
        body, complete = await _read_body(receive)
        replay = _replaying(body, complete, receive)
        try:
            if not complete:
                raise ValueError("body too large for the fast path")
            request_body = MatchRequest.model_validate_json(body)
            # Last of the checks that pass the request on: a key checked here has taken a
            # token from its rate limit, and must not be charged twice by the route.
            key = gatekeeper.check_secret(secret, _SCOPES)
        except (ValueError, ValidationError, HTTPException):
            await self.app(scope, replay, send)
            return
        scope.setdefault("state", {})["api_key"] = key  # the access log names the key
        scope["route"] = _ROUTE  # metrics and the access log name the route by its path
        response = await _matched(matcher, request_body)
        try:
            await act_on_matches(Request(scope, replay), response)
        except HTTPException as error:  # actions could not be stored: as the route answers
            refusal = JSONResponse(
                {"detail": error.detail}, status_code=error.status_code, headers=error.headers
            )
            await refusal(scope, replay, send)
            return
        answer = Response(response.model_dump_json(), media_type="application/json")
        await answer(scope, replay, send)


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
