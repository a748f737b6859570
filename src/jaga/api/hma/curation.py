"""`/c/banks`, `/c/bank/<name>` and bank content, in HMA's shapes and status codes.

A bank made here is an ordinary Jaga bank (category scheme `none`, HMA's name rule), and
every Jaga bank shows here. Two HMA behaviours matter to Coop and are kept exactly: a
missing bank is the only 404 (Coop deletes its own record on a 404), and DELETE answers
200 even when there was nothing to delete.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Request
from pydantic import BaseModel, ConfigDict
from starlette.concurrency import run_in_threadpool

from jaga.api.hma.access import hma_access
from jaga.api.hma.content import (
    PDQ_QUALITY_THRESHOLD,
    Content,
    from_upload,
    from_url,
    photo_hashes,
)
from jaga.api.hma.matching import checked_signal
from jaga.api.matcher_state import apply_bank_changes, bank_service
from jaga.banks.errors import BankError, BankExists, BankNotFound
from jaga.banks.records import BankInfo, EntryInput, EntryRecord

router = APIRouter(tags=["HMA-compatible"])

HMA_BANK_NAME = re.compile(r"^[A-Z_][A-Z0-9_]*$")
HMA_SOURCE = "hma-api"
DISABLED_FOREVER_TS = 2**31 - 1  # what `disable_until_ts` shows for a disabled entry
_METADATA_KEYS = {"content_id", "content_uri", "json"}


class HmaBankIn(BaseModel):
    """HMA's bank body; `enabled_ratio` may come as a string ("0.5"), as Coop sends it."""

    name: str
    enabled_ratio: float | None = None
    enabled: bool | None = None


class HmaBankUpdate(BaseModel):
    name: str | None = None
    enabled_ratio: float | None = None
    enabled: bool | None = None


class HmaContentUpdate(BaseModel):
    model_config = ConfigDict(extra="ignore")
    disable_until_ts: int | None = None
    note: str | None = None


def _bank_out(bank: BankInfo) -> dict[str, Any]:
    ratio = bank.matching_enabled_ratio if bank.enabled else 0.0
    return {"name": bank.name, "matching_enabled_ratio": ratio}


def _ratio(enabled_ratio: float | None, enabled: bool | None) -> float | None:
    if enabled_ratio is not None:
        if not 0.0 <= enabled_ratio <= 1.0:
            raise HTTPException(400, "enabled_ratio must be between 0.0 and 1.0")
        return enabled_ratio
    if enabled is not None:
        return 1.0 if enabled else 0.0
    return None


def _check_hma_name(name: str) -> str:
    if not HMA_BANK_NAME.fullmatch(name):
        raise HTTPException(400, "Bank names must be UPPER_WITH_UNDERSCORE")
    return name


@router.get("/c/banks", dependencies=[Depends(hma_access("banks:read"))])
def list_banks(request: Request) -> list[dict[str, Any]]:
    return [_bank_out(bank) for bank in bank_service(request).list_banks(with_counts=False)]


@router.post("/c/banks", status_code=201, dependencies=[Depends(hma_access("banks:write"))])
def create_bank(request: Request, body: HmaBankIn) -> dict[str, Any]:
    ratio = _ratio(body.enabled_ratio, body.enabled)
    try:
        bank = bank_service(request).create_bank(
            _check_hma_name(body.name),
            category_scheme="none",
            description="made through the HMA-compatible API",
            matching_enabled_ratio=1.0 if ratio is None else ratio,
        )
    except BankExists:
        raise HTTPException(403, "Bank already exists") from None
    except BankError as error:
        raise HTTPException(400, str(error)) from None
    apply_bank_changes(request)
    return _bank_out(bank)


@router.get("/c/bank/{bank_name}", dependencies=[Depends(hma_access("banks:read"))])
def get_bank(request: Request, bank_name: str) -> dict[str, Any]:
    try:
        return _bank_out(bank_service(request).get_bank(bank_name, with_counts=False))
    except BankNotFound:
        raise HTTPException(404, f"bank {bank_name!r} not found") from None


@router.put("/c/bank/{bank_name}", dependencies=[Depends(hma_access("banks:write"))])
def update_bank(request: Request, bank_name: str, body: HmaBankUpdate) -> dict[str, Any]:
    ratio = _ratio(body.enabled_ratio, body.enabled)
    new_name = _check_hma_name(body.name) if body.name is not None else None
    try:
        bank = bank_service(request).update_bank(
            bank_name, matching_enabled_ratio=ratio, new_name=new_name
        )
    except BankNotFound:
        raise HTTPException(404, "Bank not found") from None
    except BankExists:
        raise HTTPException(403, "Bank name already taken") from None
    except BankError as error:
        raise HTTPException(400, str(error)) from None
    apply_bank_changes(request)
    return _bank_out(bank)


@router.delete("/c/bank/{bank_name}", dependencies=[Depends(hma_access("banks:write"))])
def delete_bank(request: Request, bank_name: str) -> dict[str, str]:
    """200 whether or not the bank existed, as HMA answers."""
    try:
        bank_service(request).delete_bank(bank_name)
    except BankNotFound:
        return {"message": "Done"}
    apply_bank_changes(request)
    return {"message": "Done"}


# ---- content ----------------------------------------------------------------------------


def _metadata(raw: Any) -> dict[str, Any]:
    if raw is None or raw == "":
        return {}
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raise HTTPException(400, "Invalid metadata: not JSON") from None
    if not isinstance(raw, dict) or not set(raw) <= _METADATA_KEYS:
        raise HTTPException(
            400, "Invalid metadata: an object with only content_id, content_uri and json"
        )
    return raw


def _content_signal(content: Content) -> tuple[str, str, int | None]:
    """The one signal a bank keeps for this content: PDQ of a photo, MD5 of a video."""
    if content.content_type == "video":
        return "md5", hashlib.md5(content.data).hexdigest(), None
    first = photo_hashes(content).pdq[0]
    if first.quality < PDQ_QUALITY_THRESHOLD:
        raise HTTPException(
            400,
            f"Invalid pdq signal: the photo's PDQ quality {first.quality} is below "
            f"{PDQ_QUALITY_THRESHOLD} (too flat or small to hash reliably)",
        )
    return "pdq", first.hex, first.quality


def _add(
    request: Request,
    bank_name: str,
    signal_type: str,
    value: str,
    quality: int | None,
    metadata: dict[str, Any],
) -> dict[str, Any]:
    service = bank_service(request)
    original_id = str(metadata.get("content_id") or metadata.get("content_uri") or "")[:255]
    entry = EntryInput(signal_type, value, original_id=original_id, quality=quality)
    try:
        report = service.add_entries(bank_name, [entry], source=HMA_SOURCE)
        if report.quarantined:
            raise HTTPException(
                400, f"Invalid {_hma_type(signal_type)} signal: {report.quarantined[0].reason}"
            )
        record = service.entry_in_bank(bank_name, value=(signal_type, value))
    except BankNotFound:
        raise HTTPException(404, f"bank {bank_name!r} not found") from None
    except BankError as error:
        raise HTTPException(400, str(error)) from None
    if record is None:
        raise HTTPException(500, "the entry was stored but cannot be read back")
    apply_bank_changes(request)
    return {"id": record.entry_id, "signals": {_hma_type(signal_type): value}}


def _hma_type(signal_type: str) -> str:
    return "video_md5" if signal_type == "md5" else signal_type


@router.post("/c/bank/{bank_name}/content", dependencies=[Depends(hma_access("banks:write"))])
async def add_content(
    request: Request,
    bank_name: str,
    url: str | None = None,
    content_type: str | None = None,
) -> dict[str, Any]:
    """Add content by `?url=` or a `photo`/`video` upload; answers `{id, signals}` (200)."""
    _service_bank_exists(request, bank_name)
    metadata: dict[str, Any] = {}
    note: Any = None
    if url:
        content = await from_url(request, url, content_type)
        if request.headers.get("content-type", "").startswith("application/json"):
            body = await _json_body(request)
            metadata, note = _metadata(body.get("metadata")), body.get("note")
    elif request.headers.get("content-type", "").startswith("multipart/form-data"):
        content = await from_upload(request)
        form = await request.form()
        metadata, note = _metadata(form.get("metadata")), form.get("note")
    else:
        raise HTTPException(400, "Neither `url` nor multipart file upload was received")
    if note is not None and len(str(note)) > 255:
        raise HTTPException(400, "note is longer than 255 characters")
    signal_type, value, quality = await run_in_threadpool(_content_signal, content)
    return await run_in_threadpool(_add, request, bank_name, signal_type, value, quality, metadata)


async def _json_body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw:
        return {}
    try:
        body = json.loads(raw)
    except ValueError:
        raise HTTPException(400, "the body is not JSON") from None
    if not isinstance(body, dict):
        raise HTTPException(400, "the body must be a JSON object")
    return body


def _service_bank_exists(request: Request, bank_name: str) -> None:
    """404 before fetching or hashing anything for a bank that is not there."""
    try:
        bank_service(request).get_bank(bank_name, with_counts=False)
    except BankNotFound:
        raise HTTPException(404, f"bank {bank_name!r} not found") from None


@router.post("/c/bank/{bank_name}/signal", dependencies=[Depends(hma_access("banks:write"))])
def add_signal(
    request: Request, bank_name: str, body: Annotated[dict[str, Any], Body()]
) -> dict[str, Any]:
    """Add a bare hash: `{"pdq": "<hex>", "note": "..."}`."""
    signals = {k: v for k, v in body.items() if k != "note"}
    if len(signals) != 1 or not isinstance(next(iter(signals.values())), str):
        raise HTTPException(400, 'send exactly one signal, e.g. {"pdq": "<64 hex>"}')
    ((signal_type, raw),) = signals.items()
    value = checked_signal(signal_type, raw)
    jaga_type = "md5" if signal_type == "video_md5" else signal_type
    return _add(request, bank_name, jaga_type, value, None, {})


def _content_out(record: EntryRecord, bank: BankInfo, include_signals: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": record.entry_id,
        "disable_until_ts": 0 if record.enabled else DISABLED_FOREVER_TS,
        "original_media_uri": None,
        "bank": _bank_out(bank),
    }
    if include_signals:
        out["signals"] = {_hma_type(record.signal_type): record.value}
    return out


def _entry(request: Request, bank_name: str, content_id: int) -> tuple[EntryRecord, BankInfo]:
    service = bank_service(request)
    try:
        record = service.entry_in_bank(bank_name, entry_id=content_id)
        bank = service.get_bank(bank_name, with_counts=False)
    except BankNotFound:
        raise HTTPException(404, f"bank {bank_name!r} not found") from None
    if record is None:
        raise HTTPException(404, f"content {content_id} not found in bank {bank_name!r}")
    return record, bank


@router.get(
    "/c/bank/{bank_name}/content/{content_id}",
    dependencies=[Depends(hma_access("banks:read"))],
)
def get_content(
    request: Request, bank_name: str, content_id: int, include_signals: bool = False
) -> dict[str, Any]:
    record, bank = _entry(request, bank_name, content_id)
    return _content_out(record, bank, include_signals)


@router.put(
    "/c/bank/{bank_name}/content/{content_id}",
    dependencies=[Depends(hma_access("banks:write"))],
)
def update_content(
    request: Request, bank_name: str, content_id: int, body: HmaContentUpdate
) -> dict[str, Any]:
    """`disable_until_ts` in the future disables the entry (until changed back); else enables."""
    record, bank = _entry(request, bank_name, content_id)
    if body.disable_until_ts is not None:
        enabled = body.disable_until_ts <= time.time()
        bank_service(request).set_entries_enabled(bank_name, [content_id], enabled)
        apply_bank_changes(request)
        record, bank = _entry(request, bank_name, content_id)
    return _content_out(record, bank, include_signals=True)


@router.delete(
    "/c/bank/{bank_name}/content/{content_id}",
    dependencies=[Depends(hma_access("banks:write"))],
)
def delete_content(request: Request, bank_name: str, content_id: int) -> dict[str, int]:
    try:
        deleted = bank_service(request).remove_entries(bank_name, entry_ids=[content_id])
    except BankNotFound:
        raise HTTPException(404, f"bank {bank_name!r} not found") from None
    apply_bank_changes(request)
    return {"deleted": deleted}
