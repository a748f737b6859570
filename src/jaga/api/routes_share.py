"""Jaga-to-Jaga feeds over HTTP (scope `share:read`): a partner reads the banks shared
with it, and nothing else.

Hash lists are sensitive, so a bank that is not shared with the caller's partner answers
404 exactly like a bank that does not exist: a partner cannot even learn other banks'
names. Keys that belong to no partner (admin ones included) read no feed.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel

from jaga.api.matcher_state import bank_service
from jaga.api.security import require
from jaga.auth.keys import ApiKey
from jaga.sharing.errors import FeedError
from jaga.sharing.feed import MAX_PAGE, read_page
from jaga.sharing.partners import SHARE_SCOPE, PartnerService

router = APIRouter(prefix="/v1/share", tags=["share"])


class SharedBanksOut(BaseModel):
    banks: list[str]


class FeedPageOut(BaseModel):
    instance: str
    bank: dict[str, Any]
    changes: list[dict[str, Any]]
    cursor: str
    more: bool


@router.get("/feeds", response_model=SharedBanksOut)
def shared_banks(
    request: Request, key: Annotated[ApiKey, Depends(require(SHARE_SCOPE))]
) -> SharedBanksOut:
    """The banks shared with the caller's partner."""
    partners = PartnerService(bank_service(request).engine)
    return SharedBanksOut(banks=sorted(partners.granted_banks(key.key_id)))


@router.get("/feeds/{bank}", response_model=FeedPageOut)
def read_feed(
    request: Request,
    bank: str,
    key: Annotated[ApiKey, Depends(require(SHARE_SCOPE))],
    cursor: Annotated[str, Query(max_length=64, description="'' first, then the last page's")] = "",
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = MAX_PAGE,
) -> FeedPageOut:
    """One page of a shared bank's feed: adds (with provenance) and removes, in order.

    Start with an empty cursor (a snapshot of the active entries follows), then pass each
    page's `cursor` back; `more: false` means the feed is read to its end for now.
    """
    banks = bank_service(request)
    granted = PartnerService(banks.engine).granted_banks(key.key_id)
    if bank not in granted:
        raise HTTPException(404, f"no feed {bank!r} is shared with key {key.name!r}")
    try:
        page = read_page(banks, granted[bank], cursor, limit)
    except FeedError as error:
        raise HTTPException(400, str(error)) from None
    return FeedPageOut(**asdict(page))
