"""Banks over HTTP: list and read (banks:read), create, change and fill (banks:write).

Writes go through BankService, the same code the CLI uses, and are applied to this
worker's index at once; other workers see them at their next refresh (about a second).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request, Response

from jaga.api.matcher_state import apply_bank_changes, bank_service
from jaga.api.schemas import (
    BankIn,
    BankOut,
    EntriesIn,
    ImportOut,
    QuarantinedOut,
    RemovedOut,
    RemoveIn,
)
from jaga.api.security import require
from jaga.banks.errors import BankError, BankExists, BankNotFound
from jaga.banks.records import BankInfo, EntryInput

router = APIRouter(prefix="/v1/banks", tags=["banks"])


def _bank_out(bank: BankInfo) -> BankOut:
    return BankOut(
        name=bank.name,
        description=bank.description,
        signal_types=list(bank.signal_types),
        pdq_threshold=bank.pdq_threshold,
        quality_floor=bank.quality_floor,
        category_scheme=bank.category_scheme,
        allow_list=bank.allow_list,
        enabled=bank.enabled,
        entries={str(kind): count for kind, count in bank.entry_counts.items()},
    )


def _http_error(error: BankError) -> HTTPException:
    if isinstance(error, BankNotFound):
        return HTTPException(404, str(error))
    if isinstance(error, BankExists):
        return HTTPException(409, str(error))
    return HTTPException(422, str(error))


@router.get("", response_model=list[BankOut], dependencies=[Depends(require("banks:read"))])
def list_banks(request: Request) -> list[BankOut]:
    """Every bank with its settings and entry counts (never the entries themselves)."""
    return [_bank_out(bank) for bank in bank_service(request).list_banks()]


@router.post(
    "", response_model=BankOut, status_code=201, dependencies=[Depends(require("banks:write"))]
)
def create_bank(request: Request, body: BankIn) -> BankOut:
    try:
        bank = bank_service(request).create_bank(
            body.name,
            signal_types=body.signal_types,
            pdq_threshold=body.pdq_threshold,
            quality_floor=body.quality_floor,
            category_scheme=body.category_scheme,
            allow_list=body.allow_list,
            description=body.description,
        )
    except BankError as error:
        raise _http_error(error) from None
    apply_bank_changes(request)
    return _bank_out(bank)


@router.get("/{name}", response_model=BankOut, dependencies=[Depends(require("banks:read"))])
def get_bank(request: Request, name: str) -> BankOut:
    try:
        return _bank_out(bank_service(request).get_bank(name))
    except BankError as error:
        raise _http_error(error) from None


@router.post(
    "/{name}/entries", response_model=ImportOut, dependencies=[Depends(require("banks:write"))]
)
def add_entries(request: Request, name: str, body: EntriesIn) -> ImportOut:
    """Add up to 10,000 entries; bad ones are quarantined with their position and reason."""
    entries = [
        EntryInput(
            signal_type=e.signal_type,
            value=e.value,
            category=e.category,
            original_id=e.original_id,
            source=e.source,
            quality=e.quality,
            interpol_baseline=e.interpol_baseline,
        )
        for e in body.entries
    ]
    try:
        report = bank_service(request).add_entries(name, entries, source=body.source)
    except BankError as error:
        raise _http_error(error) from None
    apply_bank_changes(request)
    return ImportOut(
        added=report.added,
        updated=report.updated,
        unchanged=report.unchanged,
        duplicates=report.duplicates,
        quarantined=[
            QuarantinedOut(position=row.row_number, reason=row.reason) for row in report.quarantined
        ],
    )


@router.post(
    "/{name}/entries/remove",
    response_model=RemovedOut,
    dependencies=[Depends(require("banks:write"))],
)
def remove_entries(request: Request, name: str, body: RemoveIn) -> RemovedOut:
    """Remove entries by id or by value; they stop matching at once."""
    try:
        removed = bank_service(request).remove_entries(
            name,
            entry_ids=body.entry_ids,
            values=[(v.signal_type, v.value) for v in body.values],
        )
    except BankError as error:
        raise _http_error(error) from None
    apply_bank_changes(request)
    return RemovedOut(removed=removed)


def _set_enabled(request: Request, name: str, enabled: bool) -> BankOut:
    try:
        bank = bank_service(request).set_bank_enabled(name, enabled)
    except BankError as error:
        raise _http_error(error) from None
    apply_bank_changes(request)
    return _bank_out(bank)


@router.post(
    "/{name}/disable", response_model=BankOut, dependencies=[Depends(require("banks:write"))]
)
def disable_bank(request: Request, name: str) -> BankOut:
    return _set_enabled(request, name, False)


@router.post(
    "/{name}/enable", response_model=BankOut, dependencies=[Depends(require("banks:write"))]
)
def enable_bank(request: Request, name: str) -> BankOut:
    return _set_enabled(request, name, True)


@router.delete("/{name}", status_code=204, dependencies=[Depends(require("banks:write"))])
def delete_bank(request: Request, name: str) -> Response:
    try:
        bank_service(request).delete_bank(name)
    except BankError as error:
        raise _http_error(error) from None
    apply_bank_changes(request)
    return Response(status_code=204)
