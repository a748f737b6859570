"""`/m/lookup` and friends: which banks hold content like this, in HMA's shape.

The answer is `{bank_name: [{"bank_content_id": int, "distance": "str"}]}`, with banks
that did not match left out. Each bank's own threshold applies (31 by default, HMA's
fixed value), allow-lists silence look-alikes, and new entries match as soon as they
are added through this worker (within about a second on the others; HMA: minutes).
"""

from __future__ import annotations

import hashlib
import random
import re
import time
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from jaga.actions.recorder import MatchedContent
from jaga.api.hma.access import hma_access
from jaga.api.hma.content import Content, from_upload, from_url, photo_hashes
from jaga.api.matcher_state import ready_state
from jaga.api.routes_actions import act_async, content_of_hash
from jaga.auth.keys import ApiKey
from jaga.detection.matcher import BankMatcher, Match, MatchResult
from jaga.hashing.types import PdqHash

router = APIRouter(tags=["HMA-compatible"])

# HMA's signal types, and Jaga's exact digests as an extension; `video_md5` is an MD5.
HEX_LENGTH = {"pdq": 64, "video_md5": 32, "md5": 32, "sha1": 40, "sha256": 64}
_JAGA_TYPE = {"video_md5": "md5"}
_HEX = re.compile(r"^[0-9a-f]+$")

BankMatches = dict[str, list[dict[str, Any]]]
AUTO_BLOCK_HEADER = "X-Jaga-Auto-Block"
HMA_NOT_READY = "index not yet ready"  # HMA's words


def checked_signal(signal_type: str, signal: str) -> str:
    """The hash, stripped and lower-cased; 400 with HMA's messages otherwise."""
    if signal_type not in HEX_LENGTH:
        raise HTTPException(400, f"No such SignalType {signal_type!r}")
    value = signal.strip().lower()
    if len(value) != HEX_LENGTH[signal_type] or not _HEX.fullmatch(value):
        raise HTTPException(
            400,
            f"invalid signal: a {signal_type} hash is {HEX_LENGTH[signal_type]} hex digits",
        )
    return value


def _distance(signal_type: str, distance: int) -> str:
    return str(distance) if signal_type == "pdq" else "-"


def _included(matcher: BankMatcher, banks: str | None, coinflip: float | None) -> set[str]:
    """Banks a lookup may answer with: the named ones, and those the coin flip lets in."""
    wanted = {b.strip() for b in banks.split(",")} if banks else None
    return {
        bank.name
        for bank in matcher.banks
        if (wanted is None or bank.name in wanted)
        and (coinflip is None or bank.matching_enabled_ratio >= coinflip)
    }


def _seen(result: MatchResult, included: set[str]) -> list[Match]:
    """The matches the caller is shown (banks named and let in by the coin flip)."""
    return [match for match in result.matches if match.bank in included]


def by_bank(matches: list[Match], signal_type: str) -> BankMatches:
    answer: BankMatches = {}
    for match in matches:
        answer.setdefault(match.bank, []).append(
            {"bank_content_id": match.entry_id, "distance": _distance(signal_type, match.distance)}
        )
    return answer


def lookup_signal(
    signal_type: str, value: str, banks: str | None, coinflip: float | None
) -> Callable[[BankMatcher], list[Match]]:
    def work(matcher: BankMatcher) -> list[Match]:
        if signal_type == "pdq":
            result = matcher.match_signals([PdqHash(value, 100)], {}, check_quality=False)
        else:
            result = matcher.match_signals([], {_JAGA_TYPE.get(signal_type, signal_type): value})
        return _seen(result, _included(matcher, banks, coinflip))

    return work


def _content_lookup(
    content: Content, banks: str | None, coinflip: float | None
) -> tuple[str, MatchedContent, Callable[[BankMatcher], list[Match]]]:
    """Hash first (outside the lock); then match every orientation of the picture.

    Returns the signal type the answer is keyed by, the content as actions see it, and
    the matching work."""
    if content.content_type == "video":
        md5 = hashlib.md5(content.data).hexdigest()
        work = lookup_signal("video_md5", md5, banks, coinflip)
        return "video_md5", MatchedContent(f"md5:{md5}", {"md5": md5}, ()), work
    hashes = photo_hashes(content)

    def photo_work(matcher: BankMatcher) -> list[Match]:
        return _seen(matcher.match_signals(hashes.pdq, {}), _included(matcher, banks, coinflip))

    described = {
        "size": hashes.size,
        "md5": hashes.md5,
        "sha1": hashes.sha1,
        "sha256": hashes.sha256,
        "pdq": [{"frame": p.frame, "hash": p.hex, "quality": p.quality} for p in hashes.pdq],
    }
    return "pdq", MatchedContent(f"sha256:{hashes.sha256}", described, ()), photo_work


async def _acted(
    request: Request, response: Response, content: MatchedContent, matches: list[Match]
) -> None:
    """Run the banks' actions (webhook, review item) on what the caller was shown.

    HMA's answer is keyed by bank name, so the auto-block verdict travels in a header
    (`X-Jaga-Auto-Block: true`) that HMA clients simply ignore."""
    if await auto_blocked_after_actions(request, content, matches):
        response.headers[AUTO_BLOCK_HEADER] = "true"


async def auto_blocked_after_actions(
    request: Request, content: MatchedContent, matches: list[Match]
) -> bool:
    """The banks' actions on `matches` of `content`; whether they call for a block."""
    if not matches:
        return False
    item = MatchedContent(content.content_key, content.content, matches)
    (outcome,) = await act_async(request, [item])
    return outcome.auto_block


def coin_flip(seed: str | None) -> float:
    """HMA's coin flip: a bank takes part iff its matching_enabled_ratio >= this."""
    return random.random() if seed is None else random.Random(seed).random()


def _require_hash_scope(request: Request) -> None:
    key: ApiKey | None = getattr(request.state, "api_key", None)
    if key is not None and not key.allows("hash"):
        raise HTTPException(403, f"key {key.name!r} lacks the scope hash for a url lookup")


_LOOKUP_PARAMETERS = [
    {"name": name, "in": "query", "required": False, "schema": {"type": "string"}}
    for name in (
        "signal_type",
        "signal",
        "url",
        "content_type",
        "banks",
        "seed",
        "bypass_coinflip",  # accepted and, as in HMA, ignored on GET
    )
]


@router.get(
    "/m/lookup",
    dependencies=[Depends(hma_access("match"))],
    openapi_extra={"parameters": _LOOKUP_PARAMETERS},
)
async def lookup(request: Request, response: Response) -> Any:
    """By hash (`signal_type` + `signal`) or by `url` (then keyed by signal type).

    The query is read directly, not declared parameter by parameter: FastAPI's validation
    of seven optional strings cost more than the lookup on Coop's hottest call.
    """
    query = request.query_params
    signal_type, signal, url = query.get("signal_type"), query.get("signal"), query.get("url")
    content_type, banks, seed = query.get("content_type"), query.get("banks"), query.get("seed")
    if url:
        _require_hash_scope(request)
        state = ready_state(request, HMA_NOT_READY)
        content = await from_url(request, url, content_type)
        keyed_by, described, work = await run_in_threadpool(
            _content_lookup, content, banks, coin_flip(seed)
        )
        matches = await state.run(work)
        await _acted(request, response, described, matches)
        answer = {keyed_by: by_bank(matches, keyed_by)}
        return answer.get(signal_type, {}) if signal_type else answer
    if not signal or not signal_type:
        raise HTTPException(400, "Either url or both signal and signal_type are required")
    value = checked_signal(signal_type, signal)
    state = ready_state(request, HMA_NOT_READY)
    matches = await state.run(lookup_signal(signal_type, value, banks, coin_flip(seed)))
    await _acted(request, response, content_of_hash(signal_type, value, ()), matches)
    # Plain JSON of plain data: FastAPI's generic encoding of the return value costs more
    # than the lookup itself on this, the hottest HMA call.
    blocked = response.headers.get(AUTO_BLOCK_HEADER)
    headers = {AUTO_BLOCK_HEADER: blocked} if blocked else None
    return JSONResponse(by_bank(matches, signal_type), headers=headers)


@router.post("/m/lookup", dependencies=[Depends(hma_access("hash", "match"))])
async def lookup_upload(
    request: Request,
    response: Response,
    banks: str | None = None,
    seed: str | None = None,
    bypass_coinflip: bool = False,
) -> dict[str, BankMatches]:
    """Match an uploaded `photo` or `video` part: `{"pdq": {bank: [...]}}`."""
    state = ready_state(request, HMA_NOT_READY)
    content = await from_upload(request)
    coinflip = None if bypass_coinflip else coin_flip(seed)
    keyed_by, described, work = await run_in_threadpool(_content_lookup, content, banks, coinflip)
    matches = await state.run(work)
    await _acted(request, response, described, matches)
    return {keyed_by: by_bank(matches, keyed_by)}


@router.get("/m/raw_lookup", dependencies=[Depends(hma_access("match"))])
async def raw_lookup(
    request: Request,
    signal_type: Annotated[str, Query()],
    signal: Annotated[str, Query()],
    banks: str | None = None,
    include_distance: bool = False,
) -> dict[str, list[Any]]:
    """Matching entry ids, no coin flip: `{"matches": [4, 5]}`."""
    value = checked_signal(signal_type, signal)
    state = ready_state(request, HMA_NOT_READY)
    matches = await state.run(lookup_signal(signal_type, value, banks, None))
    found = [item for items in by_bank(matches, signal_type).values() for item in items]
    if include_distance:
        return {"matches": found}
    return {"matches": [item["bank_content_id"] for item in found]}


@router.post("/m/compare", dependencies=[Depends(hma_access("match"))])
def compare(body: Annotated[dict[str, list[str]], Body()]) -> dict[str, list[Any]]:
    """Compare two PDQ hashes: `{"pdq": [matches, {"distance": d}]}` (threshold 31)."""
    answer: dict[str, list[Any]] = {}
    for signal_type, pair in body.items():
        if signal_type != "pdq":
            raise HTTPException(400, f"No such SignalType {signal_type!r}")
        if len(pair) != 2:
            raise HTTPException(400, "compare takes exactly two hashes per signal type")
        left, right = (int(checked_signal("pdq", value), 16) for value in pair)
        distance = (left ^ right).bit_count()
        answer[signal_type] = [distance <= 31, {"distance": distance}]
    return answer


@router.get("/m/index/status", dependencies=[Depends(hma_access("match"))])
async def index_status(request: Request) -> dict[str, dict[str, Any]]:
    """Per signal type: present, the time the index was last brought up to date, size."""
    state = ready_state(request, HMA_NOT_READY)
    counts = await state.run(lambda matcher: matcher.entry_counts())
    built_to = int(time.time() - (time.monotonic() - state.last_checked))
    return {
        "pdq": {"present": True, "built_to": built_to, "size": counts.get("pdq", 0)},
        "video_md5": {"present": True, "built_to": built_to, "size": counts.get("md5", 0)},
    }
