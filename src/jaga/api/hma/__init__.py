"""The part of Meta HMA 2.0's HTTP API that HMA clients (ROOST Coop and others) use.

Same paths, requests, status codes and response shapes as HMA 1.1.7, measured against a
running HMA (see docs/hma.md for what is covered and what differs), so a client written
for HMA works against Jaga unchanged. The routes are thin: hashing, matching and banks
are Jaga's own.
"""

from fastapi import APIRouter

from jaga.api.hma import curation, exchanges, hashing, matching, status

HMA_PATH_PREFIXES = ("/h/", "/m/", "/c/", "/status", "/site-map")


def is_hma_path(path: str) -> bool:
    """Errors on these paths take HMA's `{"message": ...}` shape instead of FastAPI's."""
    return path.startswith(HMA_PATH_PREFIXES)


router = APIRouter(include_in_schema=True)
for _module in (status, hashing, matching, curation, exchanges):
    router.include_router(_module.router)

__all__ = ["HMA_PATH_PREFIXES", "is_hma_path", "router"]
