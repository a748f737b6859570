"""Every format: import → export → import gives the same entries, pass-through included."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from jaga.banks import BankService
from jaga.exchange import ncmec

from . import samples
from .entries import attributes_by_value, entries_of

# format, sample builder, the bank's category scheme, entries expected from the sample
CASES: list[tuple[str, Callable[[Path], Path], str, int]] = [
    ("ncmec", samples.ncmec, "industry", 5),
    ("stopncii", samples.stopncii, "industry", 2),
    ("threatexchange", samples.threatexchange, "industry", 3),
    ("vics", samples.vics, "vic", 4),
    ("vics", lambda path: samples.vics(path, category_set="UK"), "caid", 4),
    ("vics", samples.vics13, "vic", 3),
    ("icse", samples.icse, "vic", 4),
    ("hma", samples.hma, "industry", 3),
    ("hma", samples.hma_dataset, "industry", 2),
]


@pytest.mark.parametrize(("fmt", "build", "scheme", "expected"), CASES)
def test_round_trip_keeps_every_entry_and_field(
    formats_service: BankService,
    new_bank: Callable[..., str],
    tmp_path: Path,
    fmt: str,
    build: Callable[[Path], Path],
    scheme: str,
    expected: int,
) -> None:
    source = build(tmp_path / "source")
    first = new_bank("first", category_scheme=scheme)
    second = new_bank("second", category_scheme=scheme)
    report = formats_service.import_file(first, source, fmt=fmt)
    assert report.added == expected, report.quarantined
    exported = tmp_path / "exported"
    assert formats_service.export_file(first, exported, fmt=fmt) == expected
    again = formats_service.import_file(second, exported, fmt=fmt)
    assert again.added == expected and again.quarantined_count == 0, again.quarantined
    assert entries_of(formats_service, second) == entries_of(formats_service, first)
    # And once more: the export of the copy is the same file.
    second_export = tmp_path / "exported-again"
    formats_service.export_file(second, second_export, fmt=fmt)
    assert second_export.read_text("utf-8") == exported.read_text("utf-8")


@pytest.mark.parametrize("plain", ["csv", "jsonl", "json"])
def test_plain_exports_carry_the_pass_through_fields(
    formats_service: BankService, new_bank: Callable[..., str], tmp_path: Path, plain: str
) -> None:
    ncmec = new_bank("ncmec", category_scheme="industry")
    copy = new_bank("copy", category_scheme="industry")
    formats_service.import_file(ncmec, samples.ncmec(tmp_path / "entries.xml"))
    backup = tmp_path / f"backup.{plain}"
    formats_service.export_file(ncmec, backup)
    report = formats_service.import_file(copy, backup)
    assert report.added == 5 and report.quarantined_count == 0, report.quarantined
    assert entries_of(formats_service, copy) == entries_of(formats_service, ncmec)


def test_ncmec_keeps_what_jaga_cannot_compute(
    formats_service: BankService, new_bank: Callable[..., str], tmp_path: Path
) -> None:
    ncmec = new_bank("ncmec", category_scheme="industry")
    report = formats_service.import_file(ncmec, samples.ncmec(tmp_path / "e.xml"))
    assert [row.reason.split(":")[0] for row in report.quarantined] == ["<deletedImage> img-3"]
    kept = [
        attributes["ncmec"] for attributes in attributes_by_value(formats_service, ncmec).values()
    ]
    fingerprints = {name for item in kept for name in item.get("fingerprints", {})}  # type: ignore[attr-defined]
    assert fingerprints == {
        "pdna",
        "netclean",
        "ssvh-pdna",
        "ssvh-safer-hash",
        "tmk-pdqf",
        "videntifier",
    }
    video = next(item for item in kept if item["entry_type"] == "video")  # type: ignore[index]
    assert video["fingerprints"]["tmk-pdqf"]["href"] == "/v2/entries/1/fingerprints/TMK_PDQF"  # type: ignore[index]
    info = formats_service.get_bank(ncmec, with_counts=False)
    categories = {(r.original_id, r.category) for r in formats_service._bank_entries(info.bank_id)}
    assert categories == {("img-1", "A1"), ("img-2", "B2"), ("vid-1", "A2")}


def test_vics_categories_follow_the_bank_scheme(
    formats_service: BankService, new_bank: Callable[..., str], tmp_path: Path
) -> None:
    """US VIC 1 becomes industry '' (A or B? 1 or 2?), VIC 3 (CGI) is refused there."""
    industry = new_bank("industry", category_scheme="industry")
    report = formats_service.import_file(industry, samples.vics(tmp_path / "v.json"), fmt="vics")
    assert report.added == 3
    (refused,) = report.quarantined
    assert "VIC category 3 (CGI / animation) is not abuse material" in refused.reason
    info = formats_service.get_bank(industry, with_counts=False)
    assert {record.category for record in formats_service._bank_entries(info.bank_id)} == {""}


@pytest.mark.parametrize(("build", "expected"), [(samples.vics, 4), (samples.stopncii, 2)])
def test_json_files_of_vics_and_stopncii_need_no_format_flag(
    formats_service: BankService,
    new_bank: Callable[..., str],
    tmp_path: Path,
    build: Callable[[Path], Path],
    expected: int,
) -> None:
    bank = new_bank("sniffed", category_scheme="vic")
    report = formats_service.import_file(bank, build(tmp_path / "list.json"))
    assert report.added == expected, report.quarantined
    assert formats_service.import_runs(bank)[0].fmt in ("vics", "stopncii")


def test_ncmec_pages_parse_from_a_response_body(tmp_path: Path) -> None:
    """What a connector does with a fetched page: the same rows as from a file."""
    page = samples.ncmec(tmp_path / "page.xml")
    from_file = list(ncmec.read(page))
    from_body = list(ncmec.read_stream(io.BytesIO(page.read_bytes())))
    assert from_body == from_file
    assert [row.row_number for row in from_body] == [
        4,
        24,
        32,
        35,
    ]  # <image>, <image>, <deletedImage>, <video>
