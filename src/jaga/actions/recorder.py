"""Turn matches into actions: auto-block flags, review items and webhook events.

`needs_recording` runs in memory on every lookup, so content that matches nothing, or
matches only banks without stored actions, costs no database work. When something must
be stored, every review item and webhook event of the request is written in one
transaction: the API answers only after it commits, so an answered match always has its
events, and a failed write fails the request (the caller retries) instead of losing them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import Engine

from jaga.actions import outbox, review
from jaga.actions.rules import BankRule
from jaga.store.timestamps import utc_now

EVENT_TYPE = "match"


class MatchLike(Protocol):
    """What the recorder reads of a match: `jaga.detection.matcher.Match` and the API's
    `MatchOut` both fit, so the API can hand over exactly the matches it answers with."""

    @property
    def bank(self) -> str: ...
    @property
    def entry_id(self) -> int: ...
    @property
    def signal_type(self) -> str: ...
    @property
    def category(self) -> str | None: ...
    @property
    def distance(self) -> int: ...
    @property
    def how(self) -> str: ...
    @property
    def frame(self) -> int | None: ...
    @property
    def source(self) -> str | None: ...
    @property
    def original_id(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class MatchedContent:
    """One piece of content and its matches (already narrowed to what the caller sees).

    `content_key` identifies the content for review de-duplication ('sha256:<hex>' for an
    upload, '<signal>:<hex>' for a bare hash); `content` is the hashes a receiver gets.
    """

    content_key: str
    content: dict[str, Any]
    matches: Sequence[MatchLike]


@dataclass(slots=True)
class ActionOutcome:
    """What the actions did for one piece of content, for the API response."""

    auto_block: bool = False
    review_item_ids: list[int] = field(default_factory=list)
    webhook_event_ids: list[str] = field(default_factory=list)


def needs_recording(rules: Mapping[str, BankRule], items: Sequence[MatchedContent]) -> bool:
    """Whether any match is in a bank wanting a webhook or a review item."""
    for item in items:
        for match in item.matches:
            rule = rules.get(match.bank)
            if rule is not None and (rule.webhook or rule.review):
                return True
    return False


def auto_block(rules: Mapping[str, BankRule], matches: Sequence[MatchLike]) -> bool:
    return any((rule := rules.get(m.bank)) is not None and rule.auto_block for m in matches)


def record(
    engine: Engine,
    rules: Mapping[str, BankRule],
    items: Sequence[MatchedContent],
    *,
    requested_by: str | None,
) -> list[ActionOutcome]:
    """Apply the rules to each item; store review items and webhook events in one go."""
    outcomes = [ActionOutcome(auto_block=auto_block(rules, item.matches)) for item in items]
    if not needs_recording(rules, items):
        return outcomes
    now = utc_now()
    events: list[outbox.NewEvent] = []
    with engine.begin() as connection:
        for item, outcome in zip(items, outcomes, strict=True):
            by_bank: dict[str, list[MatchLike]] = defaultdict(list)
            for match in item.matches:
                by_bank[match.bank].append(match)
            for bank_name, matches in by_bank.items():
                rule = rules.get(bank_name)
                if rule is None or not (rule.webhook or rule.review):
                    continue
                event_id = outbox.new_event_id() if rule.webhook else None
                facts = [_match_facts(match) for match in matches]
                item_id: int | None = None
                if rule.review:
                    item_id = review.open_item(
                        connection,
                        bank_id=rule.bank_id,
                        bank_name=bank_name,
                        content_key=item.content_key,
                        content=item.content,
                        matches=facts,
                        event_id=event_id,
                    )
                    outcome.review_item_ids.append(item_id)
                if event_id is not None:
                    body = event_payload(
                        event_id=event_id,
                        bank_name=bank_name,
                        created_at=now,
                        content=item.content,
                        matches=facts,
                        auto_block=outcome.auto_block,
                        review_item_id=item_id,
                        requested_by=requested_by,
                    )
                    events.append(outbox.NewEvent(event_id, rule.bank_id, bank_name, body))
                    outcome.webhook_event_ids.append(event_id)
        outbox.enqueue(connection, events)
    return outcomes


def event_payload(
    *,
    event_id: str,
    bank_name: str,
    created_at: datetime,
    content: dict[str, Any],
    matches: list[dict[str, Any]],
    auto_block: bool,
    review_item_id: int | None,
    requested_by: str | None,
) -> str:
    """The JSON body of one webhook: one event per piece of content and bank.

    It names the matched entries (id, category, distance, how) but never their stored
    values or any other entry of the bank.
    """
    return json.dumps(
        {
            "event_id": event_id,
            "type": EVENT_TYPE,
            "created_at": created_at.isoformat().replace("+00:00", "Z"),
            "bank": bank_name,
            "content": content,
            "matches": matches,
            "auto_block": auto_block,
            "review_item_id": review_item_id,
            "requested_by": requested_by,
        },
        separators=(",", ":"),
    )


def _match_facts(match: MatchLike) -> dict[str, Any]:
    return {
        "entry_id": match.entry_id,
        "signal_type": match.signal_type,
        "category": match.category or None,
        "distance": match.distance,
        "how": match.how,
        "frame": match.frame,
        "original_id": match.original_id or None,
        "source": match.source or None,
    }
