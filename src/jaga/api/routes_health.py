"""Liveness and readiness: the only endpoints that need no key."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from jaga.api.matcher_state import MatcherState

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process is up (says nothing about the index)."""
    return {"status": "ok"}


@router.get("/readyz")
def readyz(request: Request) -> JSONResponse:
    """200 once the index is in memory; 503 while it loads (or if loading failed)."""
    state: MatcherState = request.app.state.matcher
    if state.ready:
        return JSONResponse({"status": "ready"})
    body = {"status": "loading" if state.load_error is None else "failed"}
    if state.load_error:
        body["error"] = state.load_error
    return JSONResponse(body, status_code=503)
