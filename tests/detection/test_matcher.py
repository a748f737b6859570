"""BankMatcher: per-bank thresholds, quality floors, allow-lists, dihedral variants and
incremental refresh, on both database backends (the `bank_service` fixture)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from jaga.banks.records import EntryInput
from jaga.banks.service import BankService
from jaga.detection import matcher as matcher_module
from jaga.detection.matcher import BankMatcher
from jaga.hashing.types import FileHashes, PdqHash
from jaga.store import create_engine_for

RNG = random.Random(7)


def random_pdq() -> str:
    return RNG.getrandbits(256).to_bytes(32, "big").hex()


def flip_bits(hex_hash: str, count: int) -> str:
    value = int(hex_hash, 16)
    for bit in RNG.sample(range(256), count):
        value ^= 1 << bit
    return value.to_bytes(32, "big").hex()


def content(
    pdq: str | None = None,
    *,
    quality: int = 90,
    md5: str = "0" * 31 + "1",
    dihedral: tuple[str, ...] = (),
) -> FileHashes:
    hashes = (PdqHash(pdq, quality, 0, dihedral),) if pdq else ()
    return FileHashes(name="query.jpg", size=1, md5=md5, sha1="a" * 40, sha256="b" * 64, pdq=hashes)


def add(service: BankService, bank: str, signal_type: str, value: str, category: str = "") -> None:
    report = service.add_entries(
        bank, [EntryInput(signal_type, value, category=category)], source="test"
    )
    assert report.added == 1, report


def test_per_bank_threshold_and_distance(bank_service: BankService) -> None:
    entry = random_pdq()
    bank_service.create_bank("loose", pdq_threshold=31)
    bank_service.create_bank("strict", pdq_threshold=8)
    add(bank_service, "loose", "pdq", entry, "A1")
    add(bank_service, "strict", "pdq", entry)
    matcher = BankMatcher(bank_service)

    near = matcher.match(content(flip_bits(entry, 5)))
    assert sorted((m.bank, m.distance) for m in near.matches) == [("loose", 5), ("strict", 5)]

    farther = matcher.match(content(flip_bits(entry, 20)))
    assert [(m.bank, m.distance, m.category) for m in farther.matches] == [("loose", 20, "A1")]

    assert matcher.match(content(flip_bits(entry, 32))).matches == ()


def test_exact_hash_match_and_bank_selection(bank_service: BankService) -> None:
    md5 = "0123456789abcdef0123456789abcdef"
    bank_service.create_bank("exact", signal_types=["md5"])
    bank_service.create_bank("other", signal_types=["md5"])
    add(bank_service, "exact", "md5", md5.upper())
    add(bank_service, "other", "md5", md5)

    only_exact = BankMatcher(bank_service, ["exact"]).match(content(md5=md5))
    assert [(m.bank, m.signal_type, m.distance) for m in only_exact.matches] == [
        ("exact", "md5", 0)
    ]
    assert {m.bank for m in BankMatcher(bank_service).match(content(md5=md5)).matches} == {
        "exact",
        "other",
    }


def test_quality_floor_blocks_weak_query_hash(bank_service: BankService) -> None:
    entry = random_pdq()
    bank_service.create_bank("floor", quality_floor=50)
    add(bank_service, "floor", "pdq", entry)
    matcher = BankMatcher(bank_service)
    weak = matcher.match(content(entry, quality=47))
    assert weak.matches == ()
    assert any("below" in note for note in weak.notes)
    assert len(matcher.match(content(entry, quality=48)).matches) == 1  # within tolerance


def test_allow_list_suppresses_other_matches(bank_service: BankService) -> None:
    entry = random_pdq()
    bank_service.create_bank("known")
    bank_service.create_bank("benign", allow_list=True, category_scheme="none")
    add(bank_service, "known", "pdq", entry)
    add(bank_service, "benign", "pdq", flip_bits(entry, 3))
    result = BankMatcher(bank_service).match(content(entry))
    assert result.matches == ()
    assert [m.bank for m in result.allowed] == ["benign"]
    assert [m.bank for m in result.suppressed] == ["known"]


def test_dihedral_variant_says_how_it_matched(bank_service: BankService) -> None:
    entry = random_pdq()
    bank_service.create_bank("known")
    add(bank_service, "known", "pdq", entry)
    variants = tuple(random_pdq() for _ in range(7))
    rotated_query = content(
        random_pdq(), dihedral=(variants[0], flip_bits(entry, 2), *variants[2:])
    )

    found = BankMatcher(bank_service).match(rotated_query)
    assert [(m.distance, m.how) for m in found.matches] == [
        (2, "PDQ, the listed image rotated 180°")
    ]
    assert BankMatcher(bank_service, use_dihedral=False).match(rotated_query).matches == ()


def test_refresh_sees_added_and_disabled_entries(bank_service: BankService) -> None:
    first, second = random_pdq(), random_pdq()
    bank_service.create_bank("live")
    add(bank_service, "live", "pdq", first)
    matcher = BankMatcher(bank_service)
    assert matcher.match(content(second)).matches == ()

    add(bank_service, "live", "pdq", second)
    assert matcher.refresh() >= 1
    assert len(matcher.match(content(second)).matches) == 1

    entry_id = matcher.match(content(first)).matches[0].entry_id
    bank_service.set_entries_enabled("live", [entry_id], False)
    matcher.refresh()
    assert matcher.match(content(first)).matches == ()

    bank_service.set_bank_enabled("live", False)
    matcher.refresh()
    assert matcher.match(content(second)).matches == ()
    assert matcher.banks == []


def test_bank_enabled_again_is_matchable_after_refresh(bank_service: BankService) -> None:
    entry = random_pdq()
    bank_service.create_bank("toggled")
    add(bank_service, "toggled", "pdq", entry)
    matcher = BankMatcher(bank_service)
    bank_service.set_bank_enabled("toggled", False)
    matcher.refresh()
    assert matcher.match(content(entry)).matches == ()
    bank_service.set_bank_enabled("toggled", True)
    matcher.refresh()
    assert [m.bank for m in matcher.match(content(entry)).matches] == ["toggled"]


def test_snapshot_is_reused_and_caught_up(bank_service: BankService, tmp_path: Path) -> None:
    first, second = random_pdq(), random_pdq()
    md5 = "00112233445566778899aabbccddeeff"
    bank_service.create_bank("snap")
    add(bank_service, "snap", "pdq", first)
    add(bank_service, "snap", "md5", md5)
    snapshot = tmp_path / "index"

    built = BankMatcher(bank_service, snapshot=snapshot)
    assert not built.loaded_from_snapshot
    assert (snapshot / "manifest.json").is_file()

    add(bank_service, "snap", "pdq", second)  # a change after the snapshot was written
    reloaded = BankMatcher(bank_service, snapshot=snapshot)
    assert reloaded.loaded_from_snapshot
    assert len(reloaded.match(content(first, md5=md5)).matches) == 2  # PDQ and exact md5
    assert len(reloaded.match(content(second)).matches) == 1
    assert reloaded.entry_count() == 3


def test_snapshot_of_another_database_is_not_used(
    bank_service: BankService, tmp_path: Path
) -> None:
    entry = random_pdq()
    snapshot = tmp_path / "index"
    other = BankService(create_engine_for(f"sqlite:///{tmp_path / 'other.db'}"))
    other.create_bank("elsewhere")
    add(other, "elsewhere", "pdq", entry)
    BankMatcher(other, snapshot=snapshot)

    bank_service.create_bank("here")
    fresh = BankMatcher(bank_service, snapshot=snapshot)
    assert not fresh.loaded_from_snapshot
    assert fresh.match(content(entry)).matches == ()


def test_allow_list_applies_even_when_banks_are_named(bank_service: BankService) -> None:
    entry = random_pdq()
    bank_service.create_bank("known")
    bank_service.create_bank("benign", allow_list=True, category_scheme="none")
    add(bank_service, "known", "pdq", entry)
    add(bank_service, "benign", "pdq", entry)
    result = BankMatcher(bank_service, ["known"]).match(content(entry))
    assert result.matches == ()
    assert [m.bank for m in result.allowed] == ["benign"]


def test_pdq_allow_list_never_silences_an_exact_match(bank_service: BankService) -> None:
    entry = random_pdq()
    md5 = "0123456789abcdef0123456789abcdef"
    bank_service.create_bank("known")
    bank_service.create_bank("benign", allow_list=True, category_scheme="none")
    add(bank_service, "known", "pdq", entry)
    add(bank_service, "known", "md5", md5)
    add(bank_service, "benign", "pdq", entry)
    result = BankMatcher(bank_service).match(content(entry, md5=md5))
    assert [(m.signal_type, m.frame) for m in result.matches] == [("md5", None)]
    assert [m.signal_type for m in result.suppressed] == ["pdq"]

    add(bank_service, "benign", "md5", md5)  # the very file is known to be benign
    exact_allowed = BankMatcher(bank_service).match(content(entry, md5=md5))
    assert exact_allowed.matches == ()
    assert sorted(m.signal_type for m in exact_allowed.suppressed) == ["md5", "pdq"]


def test_a_large_backlog_is_reloaded_not_replayed(
    bank_service: BankService, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(matcher_module, "REBUILD_AFTER_CHANGES", 3)
    kept, dropped = random_pdq(), random_pdq()
    bank_service.create_bank("bulk")
    add(bank_service, "bulk", "pdq", dropped)
    matcher = BankMatcher(bank_service)
    extra = [random_pdq() for _ in range(5)]
    for value in [kept, *extra]:
        add(bank_service, "bulk", "pdq", value)
    entry_id = matcher.match(content(dropped)).matches[0].entry_id
    bank_service.set_entries_enabled("bulk", [entry_id], False)
    assert matcher.refresh() >= 7
    assert len(matcher.match(content(kept)).matches) == 1
    assert matcher.match(content(dropped)).matches == ()
    assert matcher.entry_count() == 6


def test_settings_changed_elsewhere_reach_a_running_matcher(bank_service: BankService) -> None:
    """Another process renames a bank or tightens its threshold: the next refresh sees it."""
    bank_service.create_bank("far")
    entry = random_pdq()
    add(bank_service, "far", "pdq", entry)
    matcher = BankMatcher(bank_service)
    query = content(flip_bits(entry, 12))
    assert [m.bank for m in matcher.match(query).matches] == ["far"]
    cursor = bank_service.current_cursor()
    bank_service.update_bank("far", new_name="NEAR", pdq_threshold=10)
    assert bank_service.current_cursor() == cursor + 1 and matcher.has_changes()
    bank_service.update_bank("NEAR", pdq_threshold=10)  # no change: nothing logged
    assert bank_service.current_cursor() == cursor + 1
    matcher.refresh()
    assert matcher.match(query).matches == ()
    assert [m.bank for m in matcher.match(content(flip_bits(entry, 3))).matches] == ["NEAR"]
