"""Following another Jaga's feed: subscribe once, then pull pages into a local bank.

Each subscription owns one local bank. A pull applies the feed's steps in order (runs of
adds as one import, runs of removes as one delete), then stores the new cursor. A crash
between the two replays the page at the next pull, which is harmless: adds are upserts
and removes of unknown ids do nothing. The publisher's entry id → local value map
(`shared_entries`) is what turns a 'remove' into a deletion here.

One puller at a time per data folder (a file lock), so `jaga share pull` and the workers
of `jaga serve` never apply the same page at once.

The feed URL is the operator's own choice (CLI only), so it may be a partner on the
private network; redirects are never followed, so the partner key goes nowhere else.
"""

from __future__ import annotations

import fcntl
import json
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from jaga.banks.errors import BankError
from jaga.banks.service import BankService
from jaga.config import data_dir
from jaga.sharing.bundles import ensure_bank
from jaga.sharing.errors import SharingError, SubscriptionError
from jaga.sharing.provenance import entry_input, shared_source
from jaga.store.models import Bank, SharedEntryRow, ShareSubscriptionRow
from jaga.store.timestamps import utc_now

TRUST_LEVELS = ("auto", "review")
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
PAGE_SIZE = 5_000
MAX_PAGES_PER_PULL = 10_000
MAX_PAGE_BYTES = 64 * 2**20  # a full page of 5,000 entries is about 2 MB
ClientFactory = Callable[[], httpx.Client]


@dataclass(frozen=True, slots=True)
class SubscriptionInfo:
    name: str
    feed_url: str
    bank: str
    trust: str
    source_instance: str
    source_bank: str
    cursor: str
    last_pulled_at: datetime | None
    last_error: str


@dataclass(slots=True)
class PullReport:
    name: str
    pages: int = 0
    added: int = 0
    removed: int = 0
    quarantined: int = 0
    error: str = ""


class SubscriptionService:
    """Subscriptions on one database; `client` makes the HTTP client for pulls."""

    def __init__(
        self,
        banks: BankService,
        client: ClientFactory | None = None,
        *,
        page_size: int = PAGE_SIZE,
        lock_path: Path | None = None,
    ) -> None:
        self.banks = banks
        self.page_size = page_size
        self.lock_path = lock_path or data_dir() / "share-pull.lock"
        self.engine: Engine = banks.engine
        self.client = client or (lambda: httpx.Client(timeout=60, follow_redirects=False))

    def subscribe(
        self, name: str, feed_url: str, api_key: str, *, into: str, trust: str
    ) -> SubscriptionInfo:
        """Check the feed answers with this key, create bank `into` like the publisher's
        (or take an existing empty-of-feeds one), and remember where to pull from."""
        if not NAME_PATTERN.fullmatch(name):
            raise SubscriptionError(
                f"subscription name {name!r} is not allowed: use 1-64 lower-case letters, "
                "digits, '-' or '_'"
            )
        if trust not in TRUST_LEVELS:
            raise SubscriptionError(f"trust {trust!r}: use 'auto' or 'review'")
        if not feed_url.startswith(("https://", "http://")):
            raise SubscriptionError(f"feed URL {feed_url!r} must start with https:// or http://")
        if any(info.name == name for info in self.subscriptions()):
            raise SubscriptionError(f"a subscription named {name!r} exists already")
        first = self._fetch(feed_url, api_key, "", limit=1)
        ensure_bank(self.banks, into, first["bank"])
        with Session(self.engine, expire_on_commit=False) as session:
            bank_id = session.scalar(select(Bank.id).where(Bank.name == into))
            feeding = session.scalar(
                select(ShareSubscriptionRow.name).where(ShareSubscriptionRow.bank_id == bank_id)
            )
            if feeding is not None:
                raise SubscriptionError(
                    f"bank {into!r} is fed by subscription {feeding!r} already; "
                    "each subscription needs its own bank"
                )
            row = ShareSubscriptionRow(
                name=name,
                feed_url=feed_url,
                api_key=api_key,
                bank_id=bank_id,
                trust=trust,
                cursor="",
                source_instance=str(first.get("instance", ""))[:64],
                source_bank=str(first["bank"].get("name", ""))[:128],
                last_error="",
                created_at=utc_now(),
            )
            session.add(row)
            session.commit()
        return self.get(name)

    def get(self, name: str) -> SubscriptionInfo:
        found = [info for info in self.subscriptions() if info.name == name]
        if not found:
            known = ", ".join(info.name for info in self.subscriptions()) or "none yet"
            raise SubscriptionError(f"no subscription named {name!r} (subscriptions: {known})")
        return found[0]

    def subscriptions(self) -> list[SubscriptionInfo]:
        with Session(self.engine) as session:
            rows = session.execute(
                select(ShareSubscriptionRow, Bank.name)
                .join(Bank, Bank.id == ShareSubscriptionRow.bank_id)
                .order_by(ShareSubscriptionRow.name)
            ).all()
            return [_info(row, bank) for row, bank in rows]

    def unsubscribe(self, name: str) -> None:
        """Stop pulling; the local bank and its entries stay (delete the bank to drop them)."""
        with Session(self.engine) as session:
            result = session.execute(
                delete(ShareSubscriptionRow).where(ShareSubscriptionRow.name == name)
            )
            session.commit()
        if not getattr(result, "rowcount", 0):
            raise SubscriptionError(f"no subscription named {name!r}")

    def pull(self, names: Iterable[str] | None = None, *, wait: bool = True) -> list[PullReport]:
        """Pull every subscription (or the named ones) until its feed has nothing more.

        A feed that fails is reported (and its error stored) without stopping the others.
        One puller at a time per data folder (`jaga share pull` and the workers of `jaga
        serve` alike): with `wait=False`, returns [] at once if another is pulling.
        """
        with pull_lock(self.lock_path, wait=wait) as held:
            return self._pull_all(names) if held else []

    def _pull_all(self, names: Iterable[str] | None) -> list[PullReport]:
        chosen = set(names) if names is not None else None
        reports = []
        for info in self.subscriptions():
            if chosen is not None and info.name not in chosen:
                continue
            report = PullReport(info.name)
            try:
                self._pull_one(info, report)
                self._record(info.name, error="")
            except (SharingError, BankError, httpx.HTTPError) as error:
                report.error = str(error) or type(error).__name__
                self._record(info.name, error=report.error)
            except (KeyError, ValueError, TypeError, AttributeError) as error:
                report.error = f"{info.feed_url}: malformed feed page ({type(error).__name__})"
                self._record(info.name, error=report.error)
            reports.append(report)
        return reports

    def _pull_one(self, info: SubscriptionInfo, report: PullReport) -> None:
        with Session(self.engine) as session:
            row = session.scalar(
                select(ShareSubscriptionRow).where(ShareSubscriptionRow.name == info.name)
            )
            assert row is not None
            subscription_id, api_key, cursor = row.id, row.api_key, row.cursor
        for _ in range(MAX_PAGES_PER_PULL):
            page = self._fetch(info.feed_url, api_key, cursor, limit=self.page_size)
            changes = page.get("changes")
            next_cursor = page.get("cursor")
            if (
                not isinstance(changes, list)
                or not all(isinstance(change, dict) for change in changes)
                or not isinstance(next_cursor, str)
            ):
                raise SubscriptionError(f"{info.feed_url}: the answer is not a Jaga feed page")
            for op, run in groupby(changes, key=lambda change: change.get("op")):
                items = list(run)
                if op == "add":
                    self._add(info, subscription_id, items, report)
                elif op == "remove":
                    report.removed += self._remove(info.bank, subscription_id, items)
            self._save_cursor(subscription_id, next_cursor)
            report.pages += 1
            cursor = next_cursor
            if not page.get("more"):
                return

    def _add(
        self,
        info: SubscriptionInfo,
        subscription_id: int,
        items: list[dict[str, Any]],
        report: PullReport,
    ) -> None:
        remote_ids = [int(item["id"]) for item in items]
        with Session(self.engine) as session:
            known = {
                row.remote_entry_id: (row.signal_type, row.value)
                for row in session.scalars(
                    select(SharedEntryRow).where(
                        SharedEntryRow.subscription_id == subscription_id,
                        SharedEntryRow.remote_entry_id.in_(remote_ids),
                    )
                )
            }
        # An id the publisher reused for another value: the old value goes first.
        stale = [
            known[int(item["id"])]
            for item in items
            if int(item["id"]) in known
            and known[int(item["id"])] != (item.get("signal_type"), item.get("value"))
        ]
        if stale:
            self.banks.remove_entries(info.bank, values=stale)
        inputs = [
            entry_input(
                item,
                shared_source(
                    "feed",
                    info.source_instance,
                    info.source_bank,
                    item["id"],
                    str(item.get("source") or ""),
                ),
            )
            for item in items
        ]
        result = self.banks.add_entries(info.bank, inputs, source=f"share {info.name}")
        report.added += result.added
        report.quarantined += result.quarantined_count
        with Session(self.engine) as session:
            session.execute(
                delete(SharedEntryRow).where(
                    SharedEntryRow.subscription_id == subscription_id,
                    SharedEntryRow.remote_entry_id.in_(remote_ids),
                )
            )
            session.add_all(
                SharedEntryRow(
                    subscription_id=subscription_id,
                    remote_entry_id=int(item["id"]),
                    signal_type=str(item.get("signal_type", ""))[:16],
                    value=str(item.get("value", "")).strip().lower()[:64],
                )
                for item in {int(item["id"]): item for item in items}.values()
            )
            session.commit()

    def _remove(self, bank: str, subscription_id: int, items: list[dict[str, Any]]) -> int:
        remote_ids = [int(item["id"]) for item in items]
        with Session(self.engine) as session:
            mapped = session.scalars(
                select(SharedEntryRow).where(
                    SharedEntryRow.subscription_id == subscription_id,
                    SharedEntryRow.remote_entry_id.in_(remote_ids),
                )
            ).all()
            values = [(row.signal_type, row.value) for row in mapped]
        removed = self.banks.remove_entries(bank, values=values) if values else 0
        with Session(self.engine) as session:
            session.execute(
                delete(SharedEntryRow).where(
                    SharedEntryRow.subscription_id == subscription_id,
                    SharedEntryRow.remote_entry_id.in_(remote_ids),
                )
            )
            session.commit()
        return removed

    def _fetch(self, feed_url: str, api_key: str, cursor: str, *, limit: int) -> dict[str, Any]:
        """One page, read up to MAX_PAGE_BYTES: a publisher cannot exhaust our memory."""
        body = bytearray()
        with (
            self.client() as client,
            client.stream(
                "GET",
                feed_url,
                params={"cursor": cursor, "limit": limit},
                headers={"Authorization": f"Bearer {api_key}"},
            ) as response,
        ):
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > MAX_PAGE_BYTES:
                    raise SubscriptionError(
                        f"{feed_url}: a page larger than {MAX_PAGE_BYTES:,} bytes; refused"
                    )
        if response.status_code != 200:
            raise SubscriptionError(
                f"{feed_url}: the publisher answered {response.status_code} "
                f"({_detail(bytes(body), response.reason_phrase)})"
            )
        try:
            page = json.loads(body)
        except ValueError:
            raise SubscriptionError(f"{feed_url}: the answer is not JSON") from None
        if not isinstance(page, dict) or not isinstance(page.get("bank"), dict):
            raise SubscriptionError(f"{feed_url}: the answer is not a Jaga feed page")
        return page

    def _save_cursor(self, subscription_id: int, cursor: str) -> None:
        with Session(self.engine) as session:
            row = session.get(ShareSubscriptionRow, subscription_id)
            if row is not None:
                row.cursor = cursor[:128]
                session.commit()

    def _record(self, name: str, *, error: str) -> None:
        with Session(self.engine) as session:
            row = session.scalar(
                select(ShareSubscriptionRow).where(ShareSubscriptionRow.name == name)
            )
            if row is not None:
                row.last_pulled_at = utc_now()
                row.last_error = error[:2000]
                session.commit()


@contextmanager
def pull_lock(path: Path, *, wait: bool) -> Iterator[bool]:
    """An exclusive lock on `path` (True if held): pulls of one database never overlap."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _detail(body: bytes, reason: str) -> str:
    try:
        parsed = json.loads(body)
    except ValueError:
        return reason
    if isinstance(parsed, dict) and isinstance(parsed.get("detail"), str):
        return str(parsed["detail"])[:300]
    return reason


def _info(row: ShareSubscriptionRow, bank: str) -> SubscriptionInfo:
    return SubscriptionInfo(
        name=row.name,
        feed_url=row.feed_url,
        bank=bank,
        trust=row.trust,
        source_instance=row.source_instance,
        source_bank=row.source_bank,
        cursor=row.cursor,
        last_pulled_at=row.last_pulled_at,
        last_error=row.last_error,
    )
