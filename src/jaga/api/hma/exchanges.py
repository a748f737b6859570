"""HMA's exchange endpoints, answered as an HMA with no exchange APIs installed.

Coop asks `GET /c/exchange/<bank>` for every bank it shows and reads 404 as "this bank
has no exchange", and lists `/c/exchanges/apis`. Jaga syncs external lists with its own
connectors (`jaga bank import` today), not HMA's exchange plug-ins, so the honest HMA
answer is: no exchange APIs, no exchanges.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException

from jaga.api.hma.access import hma_access

router = APIRouter(tags=["HMA-compatible"])
_read = [Depends(hma_access("banks:read"))]
_write = [Depends(hma_access("banks:write"))]


def _no_such_api() -> HTTPException:
    return HTTPException(400, "no such Exchange API")


@router.get("/c/exchanges/apis", dependencies=_read)
def exchange_apis() -> list[str]:
    return []


@router.get("/c/exchanges", dependencies=_read)
def exchanges() -> list[str]:
    return []


@router.get("/c/exchanges/api/{api}", dependencies=_read)
def exchange_api(api: str) -> dict[str, Any]:
    raise _no_such_api()


@router.post("/c/exchanges/api/{api}", dependencies=_write)
def set_exchange_credentials(api: str) -> dict[str, Any]:
    raise _no_such_api()


@router.get("/c/exchanges/api/{api}/schema", dependencies=_read)
def exchange_api_schema(api: str) -> dict[str, Any]:
    raise HTTPException(404, f"no such Exchange API {api!r}")


@router.post("/c/exchanges", dependencies=_write)
def create_exchange() -> dict[str, Any]:
    raise _no_such_api()


@router.get("/c/exchange/{name}", dependencies=_read)
def exchange(name: str) -> dict[str, Any]:
    raise HTTPException(404, f"Exchange {name!r} not found")


@router.get("/c/exchange/{name}/status", dependencies=_read)
def exchange_status(name: str) -> dict[str, Any]:
    raise HTTPException(404, f"Exchange {name!r} not found")


@router.put("/c/exchange/{name}", dependencies=_write)
def update_exchange(name: str) -> dict[str, Any]:
    raise HTTPException(404, f"Exchange {name!r} not found")


@router.delete("/c/exchange/{name}", dependencies=_write)
def delete_exchange(name: str) -> dict[str, str]:
    return {"message": "Done"}
