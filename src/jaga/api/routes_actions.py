"""Actions over HTTP: a bank's action rules, the review queue, and the match-path hook.

Rules: GET (banks:read) and PUT (banks:write) /v1/banks/{name}/actions; the webhook
secret is write-only (a generated one is returned once, in the answer that made it).
Review items: GET /v1/review-items (banks:read), POST /v1/review-items/{id}/close
(banks:write).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from jaga.actions import review
from jaga.actions.errors import ActionError, ReviewItemNotFound
from jaga.actions.recorder import ActionOutcome, MatchedContent
from jaga.actions.rules import BankActions
from jaga.actions.runtime import ActionRuntime
from jaga.api.schemas import HashesOut, MatchOut
from jaga.api.security import require
from jaga.banks.errors import BankNotFound

router = APIRouter(prefix="/v1", tags=["actions"])


class BankActionsIn(BaseModel):
    """The whole rule set of a bank (PUT replaces it); only the secret is kept if omitted."""

    webhook_url: str | None = Field(None, description="https:// receiver; null: no webhook")
    webhook_secret: str | None = Field(
        None, description="signing secret, 16-255 characters; write-only, never returned"
    )
    generate_secret: bool = Field(False, description="make a new secret; returned once")
    review: bool = Field(False, description="store a review item for each matching content")
    auto_block: bool = Field(False, description="say auto_block: true in match answers")


class BankActionsOut(BaseModel):
    bank: str
    webhook_url: str | None
    webhook_secret_set: bool
    review: bool
    auto_block: bool
    updated_at: datetime | None
    generated_webhook_secret: str | None = Field(
        None, description="only in the answer that generated it: store it now"
    )


class ReviewItemOut(BaseModel):
    id: int
    bank: str
    status: str
    content_key: str
    content: dict[str, Any]
    matches: list[dict[str, Any]]
    event_id: str | None
    seen_count: int
    created_at: datetime
    last_seen_at: datetime
    closed_at: datetime | None
    decision: str
    feedback_queued: int = 0  # verdicts queued for the matched entries' upstream sources


class CloseIn(BaseModel):
    decision: str = Field(min_length=1, max_length=2_000, description="what the reviewer found")
    verdict: Literal["confirmed", "rejected"] | None = Field(
        None,
        description="confirmed: the match is right; rejected: a false positive. Sent back "
        "to the sources of the matched entries (NCMEC vote, StopNCII feedback, "
        "ThreatExchange reaction) through a retrying queue",
    )
    reason: str = Field(
        "", max_length=500, description="with a rejection: the source's reason (NCMEC GUID/name)"
    )


def runtime_of(request: Request) -> ActionRuntime:
    runtime: ActionRuntime = request.app.state.actions
    return runtime


def _http_error(error: Exception) -> HTTPException:
    if isinstance(error, BankNotFound | ReviewItemNotFound):
        return HTTPException(404, str(error))
    return HTTPException(422, str(error))


def _actions_out(actions: BankActions, generated: str | None = None) -> BankActionsOut:
    return BankActionsOut(
        bank=actions.bank_name,
        webhook_url=actions.webhook_url,
        webhook_secret_set=actions.webhook_secret_set,
        review=actions.review,
        auto_block=actions.auto_block,
        updated_at=actions.updated_at,
        generated_webhook_secret=generated,
    )


def _item_out(item: review.ReviewItem) -> ReviewItemOut:
    return ReviewItemOut(
        id=item.item_id,
        bank=item.bank_name,
        status=item.status,
        content_key=item.content_key,
        content=item.content,
        matches=item.matches,
        event_id=item.event_id,
        seen_count=item.seen_count,
        created_at=item.created_at,
        last_seen_at=item.last_seen_at,
        closed_at=item.closed_at,
        decision=item.decision,
    )


@router.get(
    "/banks/{name}/actions",
    response_model=BankActionsOut,
    dependencies=[Depends(require("banks:read"))],
)
def get_actions(request: Request, name: str) -> BankActionsOut:
    """What a match in this bank triggers (the webhook secret is never shown)."""
    try:
        return _actions_out(runtime_of(request).service.get(name))
    except (BankNotFound, ActionError) as error:
        raise _http_error(error) from None


@router.put(
    "/banks/{name}/actions",
    response_model=BankActionsOut,
    response_model_exclude_none=False,
    dependencies=[Depends(require("banks:write"))],
)
def put_actions(request: Request, name: str, body: BankActionsIn) -> BankActionsOut:
    """Set what a match in this bank triggers; applies to this worker at once."""
    runtime = runtime_of(request)
    try:
        actions, generated = runtime.service.set(
            name,
            webhook_url=body.webhook_url,
            remove_webhook=body.webhook_url is None,
            webhook_secret=body.webhook_secret,
            generate_secret=body.generate_secret,
            review=body.review,
            auto_block=body.auto_block,
        )
    except (BankNotFound, ActionError) as error:
        raise _http_error(error) from None
    runtime.refresh_rules()
    return _actions_out(actions, generated)


@router.get(
    "/review-items",
    response_model=list[ReviewItemOut],
    dependencies=[Depends(require("banks:read"))],
)
def list_review_items(
    request: Request,
    status: Literal["open", "closed", "all"] = "open",
    bank: str | None = None,
    limit: Annotated[int, Query(ge=1, le=review.MAX_LIST)] = 100,
    after: Annotated[int, Query(ge=0, description="only items with a larger id")] = 0,
) -> list[ReviewItemOut]:
    """Review items, oldest first; page with `after=<last id seen>`."""
    items = review.list_items(
        runtime_of(request).engine,
        status=None if status == "all" else status,
        bank_name=bank,
        limit=limit,
        after_id=after,
    )
    return [_item_out(item) for item in items]


@router.post(
    "/review-items/{item_id}/close",
    response_model=ReviewItemOut,
    dependencies=[Depends(require("banks:write"))],
)
def close_review_item(request: Request, item_id: int, body: CloseIn) -> ReviewItemOut:
    """Close an item; with a verdict, queue it for the matched entries' sources."""
    from jaga.exchange.connectors.feedback import queued_for_item

    engine = runtime_of(request).engine
    try:
        item = review.close_item(
            engine, item_id, body.decision, verdict=body.verdict, reason=body.reason
        )
        out = _item_out(item)
        out.feedback_queued = queued_for_item(engine, item_id) if body.verdict else 0
        return out
    except ActionError as error:
        if isinstance(error, ReviewItemNotFound):
            raise _http_error(error) from None
        raise HTTPException(409, str(error)) from None


# ---- the hook the match endpoints call -------------------------------------------------


def _caller(request: Request) -> str | None:
    key = getattr(request.state, "api_key", None)
    name = getattr(key, "name", None)
    return name if isinstance(name, str) else None


def _stored_or_503(
    runtime: ActionRuntime, items: Sequence[MatchedContent], who: str | None
) -> list[ActionOutcome]:
    try:
        return runtime.act(items, requested_by=who)
    except Exception as error:  # the match stands, but its events must not be lost
        raise HTTPException(
            503,
            "matches were found but their actions (webhook, review item) could not be "
            f"stored ({type(error).__name__}); retry the request",
            headers={"Retry-After": "1"},
        ) from None


def act(request: Request, items: Sequence[MatchedContent]) -> list[ActionOutcome]:
    """Apply the banks' actions from a sync endpoint (already on a worker thread)."""
    return _stored_or_503(runtime_of(request), items, _caller(request))


async def act_async(request: Request, items: Sequence[MatchedContent]) -> list[ActionOutcome]:
    """Apply the banks' actions from an async endpoint: in memory when nothing needs
    storing (the usual case), in a thread when review items or events must be written."""
    runtime = runtime_of(request)
    if runtime.needs_recording(items):
        return await run_in_threadpool(_stored_or_503, runtime, items, _caller(request))
    return _stored_or_503(runtime, items, _caller(request))


def content_of_hash(signal_type: str, value: str, matches: Sequence[MatchOut]) -> MatchedContent:
    """A bare hash sent to /v1/match, as content for actions."""
    return MatchedContent(
        f"{signal_type}:{value}", {"signal_type": signal_type, "value": value}, matches
    )


def content_of_upload(hashes: HashesOut, matches: Sequence[MatchOut]) -> MatchedContent:
    """An upload hashed by /v1/hash-and-match: every hash a receiver may look up."""
    content = hashes.model_dump(include={"size", "md5", "sha1", "sha256", "pdq"})
    return MatchedContent(f"sha256:{hashes.sha256}", content, matches)
