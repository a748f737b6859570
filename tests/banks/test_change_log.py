"""The change log a matcher follows instead of reloading every entry."""

from __future__ import annotations

from jaga.banks import BankService, EntryChange, EntryInput

from . import hashes


def ops(changes: list[EntryChange]) -> list[tuple[int, str]]:
    return [(change.entry_id, change.op) for change in changes]


def test_change_log_follows_the_active_set(bank_service: BankService) -> None:
    assert bank_service.current_cursor() == 0
    bank_service.create_bank("b")
    bank_service.add_entries("b", [EntryInput("md5", hashes.md5()) for _ in range(3)], source="t")
    a, b, c = (record.entry_id for record in bank_service.active_entries())
    cursor = bank_service.current_cursor()
    assert ops(bank_service.changes_since(0)) == [(a, "add"), (b, "add"), (c, "add")]

    bank_service.set_entries_enabled("b", [a], False)
    bank_service.remove_entries("b", entry_ids=[b])
    assert ops(bank_service.changes_since(cursor)) == [(a, "remove"), (b, "remove")]

    cursor = bank_service.current_cursor()
    bank_service.set_bank_enabled("b", False)  # only c is still active
    assert ops(bank_service.changes_since(cursor)) == [(c, "remove")]
    cursor = bank_service.current_cursor()
    bank_service.set_entries_enabled("b", [a], True)  # bank is off: not active, no change
    assert bank_service.changes_since(cursor) == []
    bank_service.set_bank_enabled("b", True)
    assert sorted(ops(bank_service.changes_since(cursor))) == [(a, "add"), (c, "add")]

    cursor = bank_service.current_cursor()
    bank_service.delete_bank("b")
    changes = bank_service.changes_since(cursor)
    assert sorted(ops(changes)) == [(a, "remove"), (c, "remove")]
    assert [change.seq for change in changes] == sorted(change.seq for change in changes)
    assert bank_service.current_cursor() == changes[-1].seq


def test_changes_since_pages_with_limit(bank_service: BankService) -> None:
    bank_service.create_bank("b")
    bank_service.add_entries("b", [EntryInput("md5", hashes.md5()) for _ in range(5)], source="t")
    first = bank_service.changes_since(0, limit=2)
    second = bank_service.changes_since(first[-1].seq, limit=2)
    third = bank_service.changes_since(second[-1].seq, limit=2)
    seen = [change.entry_id for change in first + second + third]
    assert len(seen) == 5 and len(set(seen)) == 5
    assert bank_service.changes_since(third[-1].seq) == []


def test_changed_category_asks_matchers_to_reload(bank_service: BankService) -> None:
    bank_service.create_bank("b")
    value = hashes.md5()
    bank_service.add_entries("b", [EntryInput("md5", value)], source="t")
    cursor = bank_service.current_cursor()
    bank_service.add_entries("b", [EntryInput("md5", value)], source="t")
    assert bank_service.changes_since(cursor) == []  # unchanged: nothing to do
    bank_service.add_entries("b", [EntryInput("md5", value, category="B1")], source="t")
    (change,) = bank_service.changes_since(cursor)
    assert change.op == "add"
    assert bank_service.entries_by_ids([change.entry_id])[change.entry_id].category == "B1"


def test_disabled_bank_imports_without_changes(bank_service: BankService) -> None:
    bank_service.create_bank("b", enabled=False)
    bank_service.add_entries("b", [EntryInput("md5", hashes.md5())], source="t")
    assert bank_service.current_cursor() == 0
    assert list(bank_service.active_entries()) == []
