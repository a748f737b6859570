"""Bank settings and lifecycle through BankService, on both backends."""

from __future__ import annotations

import pytest

from jaga.banks import BankExists, BankNotFound, BankService, EntryInput, InvalidBankSettings

from . import hashes


def test_create_list_get_with_defaults(bank_service: BankService) -> None:
    created = bank_service.create_bank("known-abuse", description="test list")
    assert created.pdq_threshold == 31
    assert created.quality_floor == 50
    assert created.category_scheme == "industry"
    assert created.signal_types == ("pdq", "md5", "sha1", "sha256")
    assert created.enabled and not created.allow_list
    bank_service.create_bank("logos", allow_list=True, category_scheme="none")
    names = [bank.name for bank in bank_service.list_banks()]
    assert names == ["known-abuse", "logos"]
    assert bank_service.get_bank("logos").allow_list is True
    assert bank_service.get_bank("known-abuse").description == "test list"


def test_names_are_unique_and_plain(bank_service: BankService) -> None:
    bank_service.create_bank("one")
    with pytest.raises(BankExists, match="already exists"):
        bank_service.create_bank("one")
    with pytest.raises(BankExists, match="'one' already exists"):
        bank_service.create_bank("ONE")  # differing only in case: a trap, refused
    for bad in ["has space", "", "-lead", "x" * 129, "ünï", "a/b"]:
        with pytest.raises(InvalidBankSettings, match="not allowed"):
            bank_service.create_bank(bad)


def test_hma_style_names_and_renames(bank_service: BankService) -> None:
    bank_service.create_bank("COOP_ORG1_" + "X" * 100)
    bank_service.create_bank("_UNDERSCORE_FIRST")
    bank_service.create_bank("OLD")
    renamed = bank_service.update_bank("OLD", new_name="NEW", matching_enabled_ratio=0.25)
    assert renamed.name == "NEW" and renamed.matching_enabled_ratio == 0.25
    with pytest.raises(BankNotFound):
        bank_service.get_bank("OLD")
    with pytest.raises(BankExists):
        bank_service.update_bank("NEW", new_name="_underscore_first")
    with pytest.raises(InvalidBankSettings, match="outside"):
        bank_service.update_bank("NEW", matching_enabled_ratio=1.5)


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("pdq_threshold", 65, "threshold"),
        ("pdq_threshold", -1, "threshold"),
        ("quality_floor", 101, "quality floor"),
        ("category_scheme", "iwf", "scheme"),
        ("signal_types", ["photodna"], "unknown signal type"),
        ("signal_types", [], "at least one"),
    ],
)
def test_settings_are_validated(
    bank_service: BankService, setting: str, value: object, message: str
) -> None:
    with pytest.raises(InvalidBankSettings, match=message):
        bank_service.create_bank("bad", **{setting: value})  # type: ignore[arg-type]


def test_unknown_bank_names_the_known_ones(bank_service: BankService) -> None:
    bank_service.create_bank("alpha")
    with pytest.raises(BankNotFound, match="known banks: alpha"):
        bank_service.get_bank("beta")


def test_update_refuses_to_strand_entries(bank_service: BankService) -> None:
    bank_service.create_bank("b", category_scheme="industry")
    bank_service.add_entries("b", [EntryInput("sha1", hashes.sha1(), category="A1")], source="test")
    with pytest.raises(InvalidBankSettings, match="1 sha1"):
        bank_service.update_bank("b", signal_types=["pdq"])
    with pytest.raises(InvalidBankSettings, match="'vic'"):
        bank_service.update_bank("b", category_scheme="vic")
    updated = bank_service.update_bank("b", pdq_threshold=20, allow_list=True, quality_floor=70)
    assert (updated.pdq_threshold, updated.allow_list, updated.quality_floor) == (20, True, 70)


def test_disable_enable_and_delete(bank_service: BankService) -> None:
    bank_service.create_bank("b")
    value = hashes.md5()
    bank_service.add_entries("b", [EntryInput("md5", value)], source="test")
    assert bank_service.set_bank_enabled("b", False).enabled is False
    assert list(bank_service.active_entries()) == []
    bank_service.set_bank_enabled("b", True)
    assert [record.value for record in bank_service.active_entries()] == [value]
    assert bank_service.get_bank("b").entry_counts == {"md5": 1}
    assert bank_service.delete_bank("b") == 1
    assert bank_service.list_banks() == []
    with pytest.raises(BankNotFound):
        bank_service.get_bank("b")


def test_delete_cascades_to_import_history(bank_service: BankService) -> None:
    bank_service.create_bank("b")
    report = bank_service.add_entries("b", [EntryInput("md5", "nothex")], source="test")
    assert len(report.quarantined) == 1
    bank_service.delete_bank("b")
    bank_service.create_bank("b")
    assert bank_service.quarantined_rows(bank_name="b") == []
    assert bank_service.import_runs("b") == []
