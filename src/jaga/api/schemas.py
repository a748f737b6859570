"""Request and response bodies of API v1, as pydantic models (they make the OpenAPI doc)."""

from __future__ import annotations

import string
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from jaga.banks.values import HEX_LENGTHS

SignalName = Literal["pdq", "md5", "sha1", "sha256"]
MAX_BATCH = 1_000
MAX_ENTRIES = 10_000
_HEX = set(string.hexdigits)


class HashIn(BaseModel):
    """A hash to match: its type, its hex value, and the PDQ quality if the caller knows it."""

    signal_type: SignalName
    value: str = Field(description="hex; PDQ 64, MD5 32, SHA-1 40, SHA-256 64 characters")
    quality: int | None = Field(None, ge=0, le=100, description="PDQ quality, if known")

    @model_validator(mode="after")
    def _hex_of_the_right_length(self) -> HashIn:
        value = self.value.strip().lower()
        expected = HEX_LENGTHS[self.signal_type]
        if len(value) != expected or not _HEX.issuperset(value):
            raise ValueError(
                f"value must be {expected} hex characters for {self.signal_type}, "
                f"got {len(value)} characters"
            )
        self.value = value
        return self


class MatchRequest(BaseModel):
    hashes: list[HashIn] = Field(min_length=1, max_length=MAX_BATCH)
    banks: list[str] | None = Field(None, description="only these banks (allow-lists always apply)")


class MatchOut(BaseModel):
    bank: str
    entry_id: int
    signal_type: str
    category: str | None
    distance: int
    how: str
    frame: int | None
    source: str | None
    original_id: str | None


class MatchResultOut(BaseModel):
    matches: list[MatchOut]
    allow_listed_by: list[MatchOut] = []
    suppressed: list[MatchOut] = []
    notes: list[str] = []
    # Actions of the matching banks (docs/actions.md): block at once, queued for review,
    # and the ids of the webhook events sent about this content.
    auto_block: bool = False
    review_item_ids: list[int] = []
    webhook_event_ids: list[str] = []


class HashResultOut(MatchResultOut):
    signal_type: str
    value: str


class MatchResponse(BaseModel):
    results: list[HashResultOut]


class PdqOut(BaseModel):
    frame: int
    hash: str
    quality: int


class HashesOut(BaseModel):
    size: int
    md5: str
    sha1: str
    sha256: str
    pdq: list[PdqOut]
    format: str | None
    width: int | None
    height: int | None


class HashResponse(BaseModel):
    hashes: HashesOut


class HashAndMatchResponse(MatchResultOut):
    hashes: HashesOut
    matched: bool


class BankIn(BaseModel):
    name: str
    description: str = ""
    signal_types: list[SignalName] = ["pdq", "md5", "sha1", "sha256"]
    pdq_threshold: int = Field(31, ge=0, le=64)
    quality_floor: int = Field(50, ge=0, le=100)
    category_scheme: Literal["industry", "vic", "caid", "none"] = "industry"
    allow_list: bool = False


class BankOut(BaseModel):
    name: str
    description: str
    signal_types: list[str]
    pdq_threshold: int
    quality_floor: int
    category_scheme: str
    allow_list: bool
    enabled: bool
    entries: dict[str, int]


class EntryIn(BaseModel):
    signal_type: SignalName
    value: str
    category: str = ""
    original_id: str = ""
    source: str | None = None
    quality: int | None = Field(None, ge=0, le=100)
    interpol_baseline: bool | None = None


class EntriesIn(BaseModel):
    entries: list[EntryIn] = Field(min_length=1, max_length=MAX_ENTRIES)
    source: str = Field("api", description="provenance for entries without their own source")


class QuarantinedOut(BaseModel):
    position: int
    reason: str


class ImportOut(BaseModel):
    added: int
    updated: int
    unchanged: int
    duplicates: int
    quarantined: list[QuarantinedOut]


class RemoveIn(BaseModel):
    entry_ids: list[int] = Field(default_factory=list, max_length=MAX_ENTRIES)
    values: list[HashIn] = Field(default_factory=list, max_length=MAX_ENTRIES)


class RemovedOut(BaseModel):
    removed: int
