"""`/h/hash`: hash content named by URL (GET) or uploaded (POST), in HMA's shape."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool

from jaga.api.hma.access import hma_access
from jaga.api.hma.content import from_upload, from_url, requested_signals, signals_of

router = APIRouter(tags=["HMA-compatible"])


@router.get("/h/hash", dependencies=[Depends(hma_access("hash"))])
async def hash_url(
    request: Request,
    url: Annotated[str, Query()],
    content_type: str | None = None,
    types: str | None = None,
) -> dict[str, str]:
    """Fetch `url` and hash it: `{"pdq": "<hex>"}` for a photo, `{"video_md5": ...}`."""
    content = await from_url(request, url, content_type)
    signal_types = requested_signals(content.content_type, types)
    return await run_in_threadpool(signals_of, content, signal_types)


@router.post("/h/hash", dependencies=[Depends(hma_access("hash"))])
async def hash_upload(request: Request, types: str | None = None) -> dict[str, str]:
    """Hash one uploaded file part named `photo` or `video`."""
    content = await from_upload(request)
    signal_types = requested_signals(content.content_type, types)
    return await run_in_threadpool(signals_of, content, signal_types)
