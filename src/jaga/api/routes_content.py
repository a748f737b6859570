"""Hash uploads, match hashes, or both in one call: the platform's upload path."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, UploadFile
from starlette.concurrency import run_in_threadpool

from jaga.actions.recorder import ActionOutcome
from jaga.api.matcher_state import MatcherState, ready_state
from jaga.api.metrics import record_matches
from jaga.api.routes_actions import act, act_async, content_of_hash, content_of_upload
from jaga.api.schemas import (
    HashAndMatchResponse,
    HashesOut,
    HashResponse,
    HashResultOut,
    MatchOut,
    MatchRequest,
    MatchResponse,
    MatchResultOut,
    PdqOut,
)
from jaga.api.security import require
from jaga.detection.matcher import Match, MatchResult
from jaga.hashing.hasher import hash_bytes
from jaga.hashing.types import EXACT_SIGNAL_TYPES, FileHashes, PdqHash
from jaga.robust.local_features import features_of_bytes
from jaga.robust.views import ViewSettings

router = APIRouter(prefix="/v1", tags=["hashing and matching"])

Upload = Annotated[UploadFile, File(description="the image to hash")]


def _read_upload(request: Request, upload: UploadFile) -> bytes:
    limit: int = request.app.state.settings.max_upload_bytes
    data = upload.file.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(413, f"upload larger than the limit of {limit:,} bytes")
    return data


def _hash_upload(
    request: Request, upload: UploadFile, views: ViewSettings | None = None
) -> FileHashes:
    return _hash_upload_data(request, upload, views)[0]


def _hash_upload_data(
    request: Request, upload: UploadFile, views: ViewSettings | None = None
) -> tuple[FileHashes, bytes]:
    """The upload's hashes and its bytes (kept for local features, computed on demand)."""
    data = _read_upload(request, upload)
    hashes = hash_bytes(data, upload.filename or "upload", dihedral=True, views=views)
    if hashes.error or not hashes.pdq:
        reason = hashes.error or "no image frame could be hashed"
        raise HTTPException(415, f"not a usable image: {reason}")
    return hashes, data


def _hashes_out(hashes: FileHashes) -> HashesOut:
    return HashesOut(
        size=hashes.size,
        md5=hashes.md5,
        sha1=hashes.sha1,
        sha256=hashes.sha256,
        pdq=[PdqOut(frame=p.frame, hash=p.hex, quality=p.quality) for p in hashes.pdq],
        format=hashes.image_format,
        width=hashes.width,
        height=hashes.height,
    )


def _match_out(match: Match) -> MatchOut:
    return MatchOut(
        bank=match.bank,
        entry_id=match.entry_id,
        signal_type=match.signal_type,
        category=match.category or None,
        distance=match.distance,
        how=match.how,
        frame=match.frame,
        source=match.source or None,
        original_id=match.original_id or None,
    )


def _result_fields(result: MatchResult, banks: list[str] | None) -> dict[str, Any]:
    """A result's matches as response fields, keeping only the banks asked for
    (allow-list hits are always shown: they explain a silence)."""

    def wanted(match: Match) -> bool:
        return banks is None or match.bank in banks

    return {
        "matches": [_match_out(m) for m in result.matches if wanted(m)],
        "allow_listed_by": [_match_out(m) for m in result.allowed],
        "suppressed": [_match_out(m) for m in result.suppressed if wanted(m)],
        "notes": list(result.notes),
    }


@router.post("/hash", response_model=HashResponse)
def hash_upload(
    request: Request, file: Upload, _key: object = Depends(require("hash"))
) -> HashResponse:
    """PDQ (every distinct frame), MD5, SHA-1 and SHA-256 of an uploaded image."""
    return HashResponse(hashes=_hashes_out(_hash_upload(request, file)))


def match_batch(state: MatcherState, body: MatchRequest) -> MatchResponse:
    """Match a batch; the caller holds `state.lock`."""
    results = []
    for item in body.hashes:
        if item.signal_type == "pdq":
            pdq = [PdqHash(item.value, item.quality if item.quality is not None else 100)]
            result = state.matcher.match_signals(pdq, {}, check_quality=item.quality is not None)
        else:
            result = state.matcher.match_signals([], {item.signal_type: item.value})
        out = HashResultOut(
            signal_type=item.signal_type, value=item.value, **_result_fields(result, body.banks)
        )
        record_matches(out.matches)
        results.append(out)
    return MatchResponse(results=results)


def _match_waiting(state: MatcherState, body: MatchRequest) -> MatchResponse:
    with state.lock:
        return match_batch(state, body)


ON_LOOP_BATCH = 16  # larger batches go to a thread, so one caller cannot stall the others


async def act_on_matches(request: Request, response: MatchResponse) -> None:
    """The matching banks' actions (webhook, review item, auto-block), set on each result."""
    if not any(result.matches for result in response.results):  # most lookups match nothing
        return
    contents = [content_of_hash(r.signal_type, r.value, r.matches) for r in response.results]
    outcomes = await act_async(request, contents)
    for result, outcome in zip(response.results, outcomes, strict=True):
        _set_actions(result, outcome)


@router.post("/match", response_model=MatchResponse)
async def match_hashes(
    request: Request, body: MatchRequest, _key: object = Depends(require("match"))
) -> MatchResponse:
    """Match up to 1,000 hashes; each result lists every match with its provenance.

    `async`: a lookup takes well under a millisecond, so running it on the event loop beats
    handing it to the thread pool (measured: about twice the lookups a second). When the
    index is busy (a refresh holds the lock) or the batch is large, the work goes to a
    thread instead, so the event loop never waits. Most single lookups never reach this
    function: `jaga.api.fast_paths` answers them before FastAPI's routing.
    """
    state = ready_state(request)
    if len(body.hashes) > ON_LOOP_BATCH or not state.lock.acquire(blocking=False):
        response = await run_in_threadpool(_match_waiting, state, body)
    else:
        try:
            response = match_batch(state, body)
        finally:
            state.lock.release()
    await act_on_matches(request, response)
    return response


@router.post("/hash-and-match", response_model=HashAndMatchResponse)
def hash_and_match(
    request: Request,
    file: Upload,
    bank: Annotated[list[str] | None, Query(description="only these banks")] = None,
    _key: object = Depends(require("hash", "match")),
) -> HashAndMatchResponse:
    """Hash an upload and match it in one call: the hashes and every match, together."""
    state = ready_state(request)
    # Robust views (framed, tilted copies) as the banks ask; hashed outside the index lock.
    hashes, data = _hash_upload_data(request, file, state.matcher.view_settings())
    with state.lock:
        # ORB features (Jaga-built lists' verification) are computed only if a near
        # candidate needs checking: rare, and a few ms, so they are not worth a second lock.
        result = state.matcher.match_signals(
            hashes.pdq,
            {t: getattr(hashes, t) for t in EXACT_SIGNAL_TYPES},
            views=hashes.views,
            local_features=lambda: features_of_bytes(data),
        )
    out = MatchResultOut(**_result_fields(result, bank))
    record_matches(out.matches)
    hashes_out = _hashes_out(hashes)
    (outcome,) = act(request, [content_of_upload(hashes_out, out.matches)])
    _set_actions(out, outcome)
    return HashAndMatchResponse(hashes=hashes_out, matched=bool(out.matches), **out.model_dump())


def _set_actions(result: MatchResultOut, outcome: ActionOutcome) -> None:
    result.auto_block = outcome.auto_block
    result.review_item_ids = outcome.review_item_ids
    result.webhook_event_ids = outcome.webhook_event_ids
