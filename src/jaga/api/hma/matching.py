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

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request
from starlette.concurrency import run_in_threadpool

from jaga.api.hma.access import hma_access
from jaga.api.hma.content import Content, from_upload, from_url, photo_hashes
from jaga.api.matcher_state import MatcherState
from jaga.auth.keys import ApiKey
from jaga.detection.matcher import BankMatcher, MatchResult
from jaga.hashing.types import PdqHash

router = APIRouter(tags=["HMA-compatible"])

# HMA's signal types, and Jaga's exact digests as an extension; `video_md5` is an MD5.
HEX_LENGTH = {"pdq": 64, "video_md5": 32, "md5": 32, "sha1": 40, "sha256": 64}
_JAGA_TYPE = {"video_md5": "md5"}
_HEX = re.compile(r"^[0-9a-f]+$")

BankMatches = dict[str, list[dict[str, Any]]]


def _ready_state(request: Request) -> MatcherState:
    state: MatcherState = request.app.state.matcher
    if not state.ready:
        raise HTTPException(503, "index not yet ready")
    return state


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


def _by_bank(result: MatchResult, included: set[str], signal_type: str) -> BankMatches:
    answer: BankMatches = {}
    for match in result.matches:
        if match.bank in included:
            answer.setdefault(match.bank, []).append(
                {
                    "bank_content_id": match.entry_id,
                    "distance": _distance(signal_type, match.distance),
                }
            )
    return answer


def _lookup_signal(
    signal_type: str, value: str, banks: str | None, coinflip: float | None
) -> Callable[[BankMatcher], BankMatches]:
    def work(matcher: BankMatcher) -> BankMatches:
        if signal_type == "pdq":
            result = matcher.match_signals([PdqHash(value, 100)], {}, check_quality=False)
        else:
            result = matcher.match_signals([], {_JAGA_TYPE.get(signal_type, signal_type): value})
        return _by_bank(result, _included(matcher, banks, coinflip), signal_type)

    return work


def _lookup_content(
    content: Content, banks: str | None, coinflip: float | None
) -> Callable[[BankMatcher], dict[str, BankMatches]]:
    """Hash first (outside the lock), then match every orientation of the picture."""
    if content.content_type == "video":
        by_md5 = _lookup_signal("video_md5", hashlib.md5(content.data).hexdigest(), banks, coinflip)
        return lambda matcher: {"video_md5": by_md5(matcher)}
    hashes = photo_hashes(content)

    def work(matcher: BankMatcher) -> dict[str, BankMatches]:
        result = matcher.match_signals(hashes.pdq, {})
        return {"pdq": _by_bank(result, _included(matcher, banks, coinflip), "pdq")}

    return work


def _coinflip(seed: str | None) -> float:
    """HMA's coin flip: a bank takes part iff its matching_enabled_ratio >= this."""
    return random.Random(seed).random()


def _require_hash_scope(request: Request) -> None:
    key: ApiKey | None = getattr(request.state, "api_key", None)
    if key is not None and not key.allows("hash"):
        raise HTTPException(403, f"key {key.name!r} lacks the scope hash for a url lookup")


@router.get("/m/lookup", dependencies=[Depends(hma_access("match"))])
async def lookup(
    request: Request,
    signal_type: str | None = None,
    signal: str | None = None,
    url: str | None = None,
    content_type: str | None = None,
    banks: str | None = None,
    seed: str | None = None,
    bypass_coinflip: str | None = None,  # accepted and, as in HMA, ignored on GET
) -> Any:
    """By hash (`signal_type` + `signal`) or by `url` (then keyed by signal type)."""
    del bypass_coinflip
    if url:
        _require_hash_scope(request)
        state = _ready_state(request)
        content = await from_url(request, url, content_type)
        work = await run_in_threadpool(_lookup_content, content, banks, _coinflip(seed))
        answer = await state.run(work)
        return answer.get(signal_type, {}) if signal_type else answer
    if not signal or not signal_type:
        raise HTTPException(400, "Either url or both signal and signal_type are required")
    value = checked_signal(signal_type, signal)
    state = _ready_state(request)
    return await state.run(_lookup_signal(signal_type, value, banks, _coinflip(seed)))


@router.post("/m/lookup", dependencies=[Depends(hma_access("hash", "match"))])
async def lookup_upload(
    request: Request,
    banks: str | None = None,
    seed: str | None = None,
    bypass_coinflip: bool = False,
) -> dict[str, BankMatches]:
    """Match an uploaded `photo` or `video` part: `{"pdq": {bank: [...]}}`."""
    state = _ready_state(request)
    content = await from_upload(request)
    coinflip = None if bypass_coinflip else _coinflip(seed)
    work = await run_in_threadpool(_lookup_content, content, banks, coinflip)
    return await state.run(work)


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
    state = _ready_state(request)
    by_bank = await state.run(_lookup_signal(signal_type, value, banks, None))
    found = [item for items in by_bank.values() for item in items]
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
    state = _ready_state(request)
    counts = await state.run(lambda matcher: matcher.entry_counts())
    built_to = int(time.time() - (time.monotonic() - state.last_checked))
    return {
        "pdq": {"present": True, "built_to": built_to, "size": counts.get("pdq", 0)},
        "video_md5": {"present": True, "built_to": built_to, "size": counts.get("md5", 0)},
    }
