"""Bad upstream data is quarantined with a reason naming its line; an import never crashes.

The all-zero PDQ once crashed HMA's index build; here it is one quarantined row.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from pathlib import Path

import pytest

from jaga.banks import BankService, ImportReport
from jaga.banks.errors import BankError

from .samples import ICSE_HEADER, hashes

ZERO_PDQ = "0" * 64


def reasons(report: ImportReport) -> dict[int, str]:
    return {row.row_number: row.reason for row in report.quarantined}


def test_ncmec_bad_entries_are_quarantined_by_line(
    formats_service: BankService, new_bank: Callable[..., str], tmp_path: Path
) -> None:
    good = hashes.md5()
    path = tmp_path / "entries.xml"
    path.write_text(
        f"""<queryResult xmlns="https://hashsharing.ncmec.org/hashsharing/v2"><images>
<image><id>ok</id><classification>A1</classification><fingerprints><md5>{good}</md5></fingerprints></image>
<image><id>zero</id><fingerprints><pdq>{ZERO_PDQ}</pdq><md5>{hashes.md5()}</md5></fingerprints></image>
<image><id>short</id><fingerprints><md5>abc</md5></fingerprints></image>
<image><id>ok</id><fingerprints><md5>{hashes.md5()}</md5></fingerprints></image>
<image><id>cat</id><classification>C3</classification><fingerprints><md5>{hashes.md5()}</md5></fingerprints></image>
<image><id>pdna-only</id><fingerprints><pdna>AQID</pdna></fingerprints></image>
<image><fingerprints><md5>{hashes.md5()}</md5></fingerprints></image>
</images></queryResult>
""",
        encoding="utf-8",
    )
    bank = new_bank("ncmec", category_scheme="industry")
    report = formats_service.import_file(bank, path, fmt="ncmec")
    assert report.added == 2  # "ok", and the good md5 of "zero"
    assert reasons(report) == {
        3: "all-zero PDQ hash (a blank or flat image); it would match junk",
        4: "md5 value has 3 characters; expected 32 hex digits",
        5: "duplicate NCMEC entry id 'ok' (first at line 2, which is kept)",
        6: "unknown industry category 'C3' (the industry scheme has A1, A2, B1, B2)",
        7: "entry 'pdna-only' has no fingerprint Jaga matches (md5, sha1, pdq); it has: pdna",
        8: "<image> without an <id>",
    }


def test_ncmec_xxe_and_broken_xml_are_refused_at_their_line(
    formats_service: BankService, new_bank: Callable[..., str], tmp_path: Path
) -> None:
    bank = new_bank("xml")
    hostile = tmp_path / "xxe.xml"
    hostile.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE q [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
        "<queryResult><images><image><id>&e;</id></image></images></queryResult>\n",
        encoding="utf-8",
    )
    report = formats_service.import_file(bank, hostile, fmt="ncmec")
    (row,) = report.quarantined
    assert report.added == 0 and "entity and DTD declarations are not allowed" in row.reason
    assert "root:" not in row.raw
    truncated = tmp_path / "truncated.xml"
    truncated.write_text(
        f"<queryResult><images>\n<image><id>a</id><fingerprints><md5>{hashes.md5()}</md5>"
        "</fingerprints></image>\n<image><id>b</id><fingerprints><md5>",
        encoding="utf-8",
    )
    report = formats_service.import_file(bank, truncated, fmt="ncmec")
    assert report.added == 1
    ((line, reason),) = reasons(report).items()
    assert line == 3 and "the XML stops being readable here" in reason


def test_stopncii_threatexchange_hma_and_icse_bad_records(
    formats_service: BankService, new_bank: Callable[..., str], tmp_path: Path
) -> None:
    stopncii = tmp_path / "page.json"
    records = [
        {"signalType": "ImagePDQ", "hashValue": ZERO_PDQ, "hashStatus": "Active"},
        {"signalType": "ImagePhotoDNA", "hashValue": "AQID", "hashStatus": "Active"},
        {"signalType": "VideoMD5", "hashValue": hashes.md5(), "hashStatus": "Deleted"},
    ]
    stopncii.write_text(json.dumps({"hashRecords": records}, indent=1), encoding="utf-8")
    bank = new_bank("mixed", category_scheme="vic")
    found = reasons(formats_service.import_file(bank, stopncii, fmt="stopncii"))
    assert found[3].startswith("all-zero PDQ hash")
    assert found[8].startswith("signalType 'ImagePhotoDNA' is not one Jaga matches")
    assert found[13].startswith("hashStatus Deleted: a withdrawal, not an entry")

    updates = tmp_path / "updates.jsonl"
    lines = [
        {"id": "1", "indicator": ZERO_PDQ, "type": "HASH_PDQ"},
        {"id": "2", "indicator": hashes.md5(), "type": "HASH_MD5"},
        {"id": "2", "indicator": hashes.md5(), "type": "HASH_MD5"},
        {"id": "3", "indicator": "https://example.org/x", "type": "URI"},
    ]
    updates.write_text(
        "\n".join(json.dumps(line) for line in lines) + "\n{broken\n", encoding="utf-8"
    )
    report = formats_service.import_file(bank, updates, fmt="threatexchange")
    assert report.added == 1
    found = reasons(report)
    assert found[1].startswith("all-zero PDQ hash")
    assert found[3] == "duplicate ThreatExchange id '2' (first at line 2, which is kept)"
    assert found[4].startswith("indicator type 'URI' is not a hash Jaga matches")
    assert found[5].startswith("unparseable JSON")

    seed = tmp_path / "seed.csv"
    seed.write_text(
        f"{ZERO_PDQ},1,2021-01-01T00:00:00+0000,x\n{hashes.pdq()},2,2021,y\n"
        f"{hashes.pdq()},2,2021,z\nnot,enough\n",
        encoding="utf-8",
    )
    found = reasons(formats_service.import_file(bank, seed, fmt="hma"))
    assert found[1].startswith("all-zero PDQ hash")
    assert found[3] == "duplicate HMA signal id '2' (first at line 2, which is kept)"
    assert found[4] == "2 cells; expected hash,id,timestamp,tags"

    icse = tmp_path / "icse.csv"
    icse.write_text(
        f"{ICSE_HEADER}\n{hashes.md5()};;;A;;;;;;;;perhaps\n{hashes.md5()};;;B;;;;;;;;Yes\n"
        f"{hashes.md5()};;;B;;;;;;;;No\n{hashes.md5()};;;C;;;;;;;;No;extra\n",
        encoding="utf-8",
    )
    report = formats_service.import_file(bank, icse, fmt="icse")
    assert report.added == 1
    assert reasons(report) == {
        2: "Baseline 'perhaps' is not true/false",
        4: "duplicate Image ID 'B' (first at line 3, which is kept)",
        5: "13 cells, the header has 12",
    }
    entry = next(
        iter(
            formats_service.lookup(
                "md5", [line.split(";")[0] for line in icse.read_text().splitlines()[2:3]]
            )
        )
    )
    assert entry.category == "1" and entry.interpol_baseline is True  # Baseline → VIC 1


HOSTILE: list[Callable[[], bytes]] = [
    lambda: secrets.token_bytes(4096),
    lambda: b"\xef\xbb\xbf{" * 100,
    lambda: b'{"value": [1, "x", null, {"MD5": 5}], "hashRecords": [[], {"hashValue": 3}]}',
    lambda: b"[" * 5000 + b"]" * 5000,
    lambda: b"<a>" * 3000,
    lambda: b"<q><i>" + b"<x>" * 3000 + b"</x>" * 3000 + b"</i></q>",
    lambda: b'{"data": [{"raw_indicator": {"x": 1}, "type": "HASH_MD5"}]}',
    lambda: b';;;;\n\x00\x00;"\n' * 50,
]


@pytest.mark.parametrize("fmt", ["ncmec", "stopncii", "threatexchange", "vics", "icse", "hma"])
def test_hostile_input_never_crashes_an_import(
    formats_service: BankService, new_bank: Callable[..., str], tmp_path: Path, fmt: str
) -> None:
    bank = new_bank(fmt)
    for number, make in enumerate(HOSTILE):
        path = tmp_path / f"hostile-{number}"
        path.write_bytes(make())
        try:
            report = formats_service.import_file(bank, path, fmt=fmt)
        except BankError as refused:  # refused as a whole, with a reason
            assert str(refused)
            continue
        assert report.added == 0
        assert all(row.reason and row.row_number >= 0 for row in report.quarantined)


def test_nul_characters_are_stored_safely_on_every_backend(
    formats_service: BankService, new_bank: Callable[..., str], tmp_path: Path
) -> None:
    """PostgreSQL text refuses NUL; a list carrying one must still import."""
    value = hashes.md5()
    path = tmp_path / "nul.json"
    path.write_text(
        json.dumps(
            {
                "data": [
                    {
                        "id": "a\u0000b",
                        "raw_indicator": value,
                        "type": "HASH_MD5",
                        "description": "x\u0000y",
                    },
                    {"id": "\u0000", "type": "X\u0000"},
                ]
            }
        ),
        encoding="utf-8",
    )
    bank = new_bank("nul")
    report = formats_service.import_file(bank, path, fmt="threatexchange")
    assert report.added == 1 and report.quarantined_count == 1
    entry = formats_service.entry_in_bank(bank, value=("md5", value))
    assert entry is not None and entry.original_id == "a\ufffdb"
    assert entry.attributes is not None
    assert entry.attributes["threatexchange"]["description"] == "x\u0000y"
