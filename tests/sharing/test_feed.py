"""The feed and its subscriber in one process, with tiny pages so every boundary is hit:
snapshot pages, the switch to the change log, runs of adds and removes, replays.

The HTTP layer between them is httpx's in-memory transport calling the publisher's real
`read_page`; tests/api/test_share_instances.py runs the same code between two servers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict

import httpx
import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from jaga.actions.rules import ActionService
from jaga.banks.records import EntryInput
from jaga.banks.service import BankService
from jaga.sharing.errors import FeedError, SubscriptionError
from jaga.sharing.feed import read_page
from jaga.sharing.subscriptions import SubscriptionService
from jaga.store import create_engine_for
from jaga.store.models import ShareSubscriptionRow

from . import values

FEED_URL = "http://publisher.test/v1/share/feeds/list"


@pytest.fixture
def publisher(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BankService]:
    """The publishing instance: its own SQLite database (the subscriber gets both backends)."""
    folder = tmp_path_factory.mktemp("publisher")
    engine = create_engine_for(f"sqlite:///{folder / 'a.db'}")
    banks = BankService(engine)
    banks.create_bank("list", signal_types=["md5"])
    banks.create_bank("other", signal_types=["md5"])
    yield banks
    engine.dispose()


def _subscriber(bank_service: BankService, publisher: BankService) -> SubscriptionService:
    bank_id = publisher.get_bank("list", with_counts=False).bank_id

    def handle(request: httpx.Request) -> httpx.Response:
        assert request.headers["authorization"] == "Bearer partner-key"
        cursor = request.url.params.get("cursor", "")
        page = read_page(publisher, bank_id, cursor, int(request.url.params["limit"]))
        return httpx.Response(200, json=asdict(page))

    def client() -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(handle))

    return SubscriptionService(bank_service, client, page_size=2)


def _values(banks: BankService, bank: str) -> set[str]:
    return {record.value for record in banks.active_entries([bank])}


def test_snapshot_then_changes_in_small_pages(
    bank_service: BankService, publisher: BankService
) -> None:
    first = [values.md5() for _ in range(5)]
    publisher.add_entries("list", [EntryInput("md5", v) for v in first], source="s")
    publisher.add_entries("other", [EntryInput("md5", values.md5())], source="s")
    subscriptions = _subscriber(bank_service, publisher)
    subscriptions.subscribe("a", FEED_URL, "partner-key", into="from-a", trust="auto")

    (report,) = subscriptions.pull()
    assert (report.added, report.removed, report.error) == (5, 0, "")
    assert report.pages >= 3  # five entries in pages of two, then the change phase
    assert _values(bank_service, "from-a") == set(first)

    # Changes on the publisher: adds, deletes, a disabled entry, one added and deleted
    # between pulls; other banks' changes never travel.
    later = [values.md5() for _ in range(3)]
    publisher.add_entries("list", [EntryInput("md5", v) for v in later], source="s")
    publisher.remove_entries("list", values=[("md5", first[0]), ("md5", later[2])])
    gone = publisher.entry_in_bank("list", value=("md5", first[1]))
    assert gone is not None
    publisher.set_entries_enabled("list", [gone.entry_id], False)
    publisher.add_entries("other", [EntryInput("md5", values.md5())], source="s")
    (report,) = subscriptions.pull()
    assert report.error == ""
    expected = set(first[2:]) | set(later[:2])
    assert _values(bank_service, "from-a") == expected

    # Pulling again changes nothing; replaying from an older cursor is harmless.
    assert subscriptions.pull()[0].added == 0
    info = subscriptions.get("a")
    assert info.cursor.startswith("c")
    _rewind(bank_service, "a")
    (replayed,) = subscriptions.pull()
    assert replayed.error == "" and _values(bank_service, "from-a") == expected

    # The whole bank switched off on the publisher: everything leaves; back on: returns.
    publisher.set_bank_enabled("list", False)
    subscriptions.pull()
    assert _values(bank_service, "from-a") == set()
    publisher.set_bank_enabled("list", True)
    subscriptions.pull()
    assert _values(bank_service, "from-a") == expected


def test_bad_cursors_and_broken_feeds_are_reported(
    bank_service: BankService, publisher: BankService
) -> None:
    bank_id = publisher.get_bank("list", with_counts=False).bank_id
    for cursor in ("x", "c-1", "s1", "c1;drop"):
        with pytest.raises(FeedError):
            read_page(publisher, bank_id, cursor)

    def broken(request: httpx.Request) -> httpx.Response:
        if request.url.params["limit"] == "1":  # the subscribe probe: a fine first page
            return httpx.Response(200, json={"bank": {"name": "list", "signal_types": ["md5"]}})
        return httpx.Response(200, json={"bank": {}, "changes": [{"op": "add"}], "cursor": "c1"})

    subscriptions = SubscriptionService(
        bank_service, lambda: httpx.Client(transport=httpx.MockTransport(broken))
    )
    subscriptions.subscribe("b", FEED_URL, "k", into="from-b", trust="review")
    (report,) = subscriptions.pull()
    assert "malformed feed page" in report.error
    assert subscriptions.get("b").cursor == ""  # nothing half-applied is remembered


def _rewind(banks: BankService, name: str) -> None:
    """Set a subscription's cursor back to the start, as if a crash lost the saved one."""
    with Session(banks.engine) as session:
        session.execute(
            update(ShareSubscriptionRow).where(ShareSubscriptionRow.name == name).values(cursor="")
        )
        session.commit()


def test_review_only_sources_never_act_on_their_own(
    bank_service: BankService, publisher: BankService
) -> None:
    subscriptions = _subscriber(bank_service, publisher)
    subscriptions.subscribe("trusted", FEED_URL, "partner-key", into="auto-bank", trust="auto")
    subscriptions.subscribe("checked", FEED_URL, "partner-key", into="review-bank", trust="review")
    actions = ActionService(bank_service.engine)
    for bank in ("auto-bank", "review-bank"):
        actions.set(bank, webhook_url="https://example.org/hook", generate_secret=True)
        actions.set(bank, auto_block=True)
    rules = actions.rules()
    assert (rules["auto-bank"].auto_block, rules["auto-bank"].webhook) == (True, True)
    review = rules["review-bank"]
    assert (review.review, review.auto_block, review.webhook) == (True, False, False)

    with pytest.raises(SubscriptionError, match="fed by subscription 'checked'"):
        subscriptions.subscribe("again", FEED_URL, "partner-key", into="review-bank", trust="auto")
    with pytest.raises(SubscriptionError, match="trust"):
        subscriptions.subscribe("odd", FEED_URL, "partner-key", into="x", trust="maybe")
