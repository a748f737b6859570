"""`/status` and `/status/live` (health, open like /healthz) and `/site-map`."""

from __future__ import annotations

import re

from fastapi import APIRouter, Depends, Request
from fastapi.responses import PlainTextResponse

from jaga.api.hma.access import hma_access
from jaga.api.matcher_state import MatcherState

router = APIRouter(tags=["HMA-compatible"])


@router.get("/status", response_class=PlainTextResponse)
def status(request: Request) -> PlainTextResponse:
    """I-AM-ALIVE once the index is loaded; 503 INDEX-NOT-LOADED / INDEX-STALE otherwise."""
    state: MatcherState = request.app.state.matcher
    if not state.ready:
        return PlainTextResponse("INDEX-NOT-LOADED", status_code=503)
    if state.stale:
        return PlainTextResponse("INDEX-STALE", status_code=503)
    return PlainTextResponse("I-AM-ALIVE")


@router.get("/status/live", response_class=PlainTextResponse)
def live() -> str:
    return "I-AM-ALIVE"


@router.get("/site-map", dependencies=[Depends(hma_access())])
def site_map(request: Request) -> list[str]:
    """Route patterns in HMA's notation (`/c/bank/<bank_name>`)."""
    paths = request.app.openapi()["paths"]
    return sorted(re.sub(r"\{(\w+)\}", r"<\1>", path) for path in paths)
