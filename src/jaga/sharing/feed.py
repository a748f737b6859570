"""A published bank as an incremental feed: a snapshot first, then the change log.

The cursor handed to the partner is opaque to it but simple here:
- `s<seq>.<after id>`: still sending the snapshot of active entries with id > after id;
  `<seq>` is the change-log position taken before the snapshot began, where the change
  phase will start, so nothing that changes during a long snapshot is missed;
- `c<seq>`: sending the bank's change-log steps after `<seq>`.
An entry may therefore be sent twice (in the snapshot and as a change); the subscriber
applies adds as upserts and removes of unknown ids as no-ops, so that is harmless.
A 'remove' names only the entry id: the publisher has deleted the entry by then.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from jaga.banks.service import BankService
from jaga.sharing.bundles import bank_settings
from jaga.sharing.errors import FeedError
from jaga.sharing.provenance import entry_fields
from jaga.store.models import Bank, Entry, EntryChange

MAX_PAGE = 5_000
_CURSOR = re.compile(r"^(?:s(\d{1,19})\.(\d{1,19})|c(\d{1,19}))$")


@dataclass
class FeedPage:
    instance: str
    bank: dict[str, Any]
    changes: list[dict[str, Any]] = field(default_factory=list)
    cursor: str = ""
    more: bool = False


def read_page(banks: BankService, bank_id: int, cursor: str, limit: int = MAX_PAGE) -> FeedPage:
    """One page of bank `bank_id`'s feed after `cursor` ('' to start from the beginning)."""
    limit = max(1, min(limit, MAX_PAGE))
    engine = banks.engine
    bank_name = _bank_name(engine, bank_id)
    page = FeedPage(
        instance=banks.instance_id(),
        bank=bank_settings(banks.get_bank(bank_name, with_counts=False)),
    )
    if cursor == "":
        cursor = f"s{banks.current_cursor()}.0"
    match = _CURSOR.fullmatch(cursor)
    if match is None:
        raise FeedError(f"cursor {cursor[:40]!r} is not one this feed hands out; start with ''")
    if match.group(3) is None:
        _snapshot(banks, bank_id, int(match.group(1)), int(match.group(2)), limit, page)
    else:
        _changes(banks, bank_id, int(match.group(3)), limit, page)
    return page


def _snapshot(
    banks: BankService, bank_id: int, seq: int, after_id: int, limit: int, page: FeedPage
) -> None:
    query = (
        select(Entry.id)
        .join(Bank, Bank.id == Entry.bank_id)
        .where(
            Entry.bank_id == bank_id,
            Entry.id > after_id,
            Entry.enabled.is_(True),
            Bank.enabled.is_(True),
        )
        .order_by(Entry.id)
        .limit(limit)
    )
    with Session(banks.engine) as session:
        ids = list(session.scalars(query))
    records = banks.entries_by_ids(ids)
    page.changes = [
        {"op": "add", **entry_fields(records[entry_id])} for entry_id in ids if entry_id in records
    ]
    # A short page ends the snapshot; the change phase starts where the snapshot did.
    page.cursor = f"s{seq}.{ids[-1]}" if len(ids) == limit else f"c{seq}"
    page.more = True


def _changes(banks: BankService, bank_id: int, seq: int, limit: int, page: FeedPage) -> None:
    with Session(banks.engine) as session:
        newest = int(session.scalar(select(func.max(EntryChange.seq))) or 0)
        rows = session.execute(
            select(EntryChange.seq, EntryChange.entry_id, EntryChange.op)
            .where(
                EntryChange.seq > seq,
                EntryChange.seq <= newest,
                EntryChange.bank_id == bank_id,
                EntryChange.op.in_(("add", "remove")),
            )
            .order_by(EntryChange.seq)
            .limit(limit)
        ).all()
    added = banks.entries_by_ids(entry_id for _, entry_id, op in rows if op == "add")
    for _, entry_id, op in rows:
        if op == "remove":
            page.changes.append({"op": "remove", "id": entry_id})
            continue
        record = added.get(entry_id)
        # Gone or switched off since: a 'remove' later in the log says so.
        if record is not None and record.enabled and record.bank_id == bank_id:
            page.changes.append({"op": "add", **entry_fields(record)})
    page.more = len(rows) == limit
    # A short page has read everything up to `newest` (other banks' steps included).
    page.cursor = f"c{rows[-1][0]}" if page.more else f"c{max(seq, newest)}"


def _bank_name(engine: Engine, bank_id: int) -> str:
    with Session(engine) as session:
        return str(session.scalar(select(Bank.name).where(Bank.id == bank_id)))
