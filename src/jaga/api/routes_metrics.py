"""GET /metrics for Prometheus, behind a key like everything but health.

Metrics say how many matches each bank produces and how busy the service is, which is
not for the open internet; Prometheus sends the key as a bearer token (its scrape
config's `authorization` block). Scope `metrics` (or `admin`) lets a key scrape.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from jaga.api import metrics
from jaga.api.security import require

router = APIRouter(tags=["operations"])


@router.get("/metrics", response_class=Response)
async def prometheus_metrics(_key: object = Depends(require("metrics"))) -> Response:
    """Prometheus text format: requests, latency, matches by bank, index, webhook backlog."""
    # In a thread: adding up every worker's files (and the backlog query) does I/O.
    body = await run_in_threadpool(metrics.render)
    return Response(body, media_type=metrics.CONTENT_TYPE)
