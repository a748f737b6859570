"""Entries: categories per scheme, enable/disable, removal, reads for matchers."""

from __future__ import annotations

import pytest

from jaga.banks import BankService, EntryInput

from . import hashes


@pytest.mark.parametrize(
    ("scheme", "good", "normalised", "bad"),
    [
        ("industry", ["a1", "B2"], ["A1", "B2"], ["C1", "1"]),
        ("vic", ["0", "5", "CAT3"], ["0", "5", "3"], ["6", "A1"]),
        ("caid", ["a", "C"], ["A", "C"], ["D", "A1"]),
        ("none", [""], [""], ["A1"]),
    ],
)
def test_categories_are_checked_against_the_scheme(
    bank_service: BankService, scheme: str, good: list[str], normalised: list[str], bad: list[str]
) -> None:
    bank_service.create_bank("b", category_scheme=scheme)
    entries = [EntryInput("md5", hashes.md5(), category=category) for category in good]
    entries += [EntryInput("md5", hashes.md5(), category=category) for category in bad]
    report = bank_service.add_entries("b", entries, source="test")
    assert report.added == len(good)
    assert [row.row_number for row in report.quarantined] == list(
        range(len(good) + 1, len(good) + len(bad) + 1)
    )
    assert all("categor" in row.reason for row in report.quarantined)
    stored = sorted(record.category for record in bank_service.active_entries(["b"]))
    assert stored == sorted(normalised)


def test_enable_disable_and_remove_entries(bank_service: BankService) -> None:
    bank_service.create_bank("b")
    values = [hashes.md5() for _ in range(3)]
    bank_service.add_entries("b", [EntryInput("md5", value) for value in values], source="t")
    ids = {record.value: record.entry_id for record in bank_service.active_entries()}
    assert bank_service.set_entries_enabled("b", [ids[values[0]]], False) == 1
    assert bank_service.set_entries_enabled("b", [ids[values[0]]], False) == 0
    active = {record.value for record in bank_service.active_entries()}
    assert active == {values[1], values[2]}
    assert bank_service.entries_by_ids([ids[values[0]]])[ids[values[0]]].enabled is False
    removed = bank_service.remove_entries(
        "b", entry_ids=[ids[values[1]]], values=[("MD5", values[2].upper())]
    )
    assert removed == 2
    assert list(bank_service.active_entries()) == []
    assert bank_service.get_bank("b").entry_counts == {"md5": 1}


def test_reimport_does_not_re_enable_a_disabled_entry(bank_service: BankService) -> None:
    bank_service.create_bank("b")
    value = hashes.md5()
    bank_service.add_entries("b", [EntryInput("md5", value)], source="t")
    (record,) = bank_service.active_entries()
    bank_service.set_entries_enabled("b", [record.entry_id], False)
    report = bank_service.add_entries("b", [EntryInput("md5", value)], source="t")
    assert (report.added, report.unchanged) == (0, 1)
    assert list(bank_service.active_entries()) == []


def test_active_entries_filters_banks_and_types_and_streams_in_batches(
    bank_service: BankService,
) -> None:
    bank_service.create_bank("one")
    bank_service.create_bank("two")
    one = [EntryInput("md5", hashes.md5()) for _ in range(25)]
    one += [EntryInput("pdq", hashes.pdq(), quality=90) for _ in range(5)]
    bank_service.add_entries("one", one, source="t")
    bank_service.add_entries("two", [EntryInput("sha256", hashes.sha256())], source="t")
    everything = list(bank_service.active_entries(batch_size=7))
    assert len(everything) == 31
    assert len({record.entry_id for record in everything}) == 31
    assert len(list(bank_service.active_entries(["one"], signal_types=["pdq"]))) == 5
    (only,) = bank_service.active_entries(["two"])
    assert (only.bank_name, only.signal_type, only.source) == ("two", "sha256", "t")
    found = bank_service.lookup("md5", [one[3].value.upper(), hashes.md5()])
    assert [record.value for record in found] == [one[3].value]


def test_entry_record_carries_provenance(bank_service: BankService) -> None:
    bank_service.create_bank("b")
    value = hashes.pdq()
    entry = EntryInput(
        "PDQ",
        value.upper(),
        category="b1",
        original_id="X-7",
        quality=88,
        interpol_baseline=True,
    )
    report = bank_service.add_entries("b", [entry], source="partner feed")
    assert report.added == 1
    (record,) = bank_service.active_entries()
    assert record.value == value
    assert (record.category, record.original_id, record.quality) == ("B1", "X-7", 88)
    assert record.interpol_baseline is True
    assert record.source == "partner feed"
    assert record.imported_at.tzinfo is not None
