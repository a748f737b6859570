"""Importing files: both shapes, both formats, every kind of bad row, on both backends.

Row numbers are physical lines (the CSV header is line 1; blank lines still count).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest

from jaga.banks import BankService, EntryInput, ImportReport
from jaga.banks.errors import UnsupportedFormat

from . import hashes

ZERO_PDQ = "0" * 64
ONES_PDQ = "f" * 64


def reasons_by_line(report: ImportReport) -> dict[int, str]:
    return {row.row_number: row.reason for row in report.quarantined}


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_long_csv_imports_good_rows_and_quarantines_each_bad_kind(
    bank_service: BankService, tmp_path: Path
) -> None:
    bank_service.create_bank("b", signal_types=["pdq", "md5", "sha256"], quality_floor=50)
    good_md5, good_pdq, good_sha = hashes.md5(), hashes.pdq(), hashes.sha256()
    rows = [
        ["md5", good_md5.upper(), "A1", "id-1", "", ""],  # line 2: upper case is normalised
        ["pdq", good_pdq, "B2", "id-2", "90", "true"],  # line 3
        ["sha256", f"  {good_sha} ", "", "", "", ""],  # line 4: blanks trimmed
        ["md5", good_md5[:-1], "", "", "", ""],  # line 5: wrong length
        ["md5", "g" * 32, "", "", "", ""],  # line 6: not hex
        ["photodna", hashes.md5(), "", "", "", ""],  # line 7: unknown signal type
        ["pdq", ZERO_PDQ, "", "", "", ""],  # line 8: all-zero PDQ
        ["pdq", ONES_PDQ, "", "", "", ""],  # line 9: all-ones PDQ
        ["pdq", hashes.pdq(), "", "", "30", ""],  # line 10: under the quality floor
        ["md5", hashes.md5(), "Z9", "", "", ""],  # line 11: category not in scheme
        ["md5", good_md5, "", "", "", ""],  # line 12: duplicate of line 2, counted
        ["md5", "", "", "", "", ""],  # line 13: missing value
        ["sha1", hashes.sha1(), "", "", "", ""],  # line 14: bank does not keep sha1
        ["pdq", "1" + "0" * 63, "", "", "", ""],  # line 15: degenerate (1 bit set)
        ["md5", hashes.md5(), "", "", "high", ""],  # line 16: bad quality is only for pdq
        ["pdq", hashes.pdq(), "", "", "high", ""],  # line 17: bad quality
        ["md5", hashes.md5(), "", "", "", "maybe"],  # line 18: bad flag
        ["sha256", hashlib.sha256(b"").hexdigest(), "", "", "", ""],  # line 19: empty file
    ]
    header = ["signal_type", "value", "category", "original_id", "quality", "interpol_baseline"]
    path = write_csv(tmp_path / "list.csv", header, rows)

    report = bank_service.import_file("b", path)

    reasons = reasons_by_line(report)
    assert sorted(reasons) == [5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 17, 18, 19]
    assert "expected 32 hex digits" in reasons[5]
    assert "not hexadecimal" in reasons[6]
    assert "unknown signal type 'photodna'" in reasons[7]
    assert "all-zero PDQ" in reasons[8]
    assert "all-ones PDQ" in reasons[9]
    assert "below the bank's quality floor 50" in reasons[10]
    assert "'Z9' is not in the bank's 'industry' scheme" in reasons[11]
    assert "missing md5 value" in reasons[13]
    assert "does not keep sha1" in reasons[14]
    assert "1 of 256 bits" in reasons[15]
    assert "quality 'high'" in reasons[17]
    assert "interpol_baseline 'maybe'" in reasons[18]
    assert "empty (0-byte) file" in reasons[19]
    assert (report.rows_read, report.added, report.duplicates) == (18, 4, 1)
    assert report.quarantined_count == 13
    stored = {record.value: record for record in bank_service.active_entries()}
    assert set(stored) >= {good_md5, good_pdq, good_sha}
    assert stored[good_md5].category == "A1"
    assert stored[good_md5].original_id == "id-1"
    assert stored[good_md5].source == "list.csv"
    assert (stored[good_pdq].quality, stored[good_pdq].interpol_baseline) == (90, True)
    kept = bank_service.quarantined_rows(run_id=report.run_id)
    assert [row.row_number for row in kept] == sorted(reasons)
    assert kept[0].raw.startswith("md5,")


def test_reimport_is_idempotent_and_updates_changed_rows(
    bank_service: BankService, tmp_path: Path
) -> None:
    bank_service.create_bank("b")
    values = [hashes.md5() for _ in range(20)]
    path = write_csv(tmp_path / "l.csv", ["signal_type", "value"], [["md5", v] for v in values])
    first = bank_service.import_file("b", path)
    second = bank_service.import_file("b", path)
    assert (first.added, first.unchanged) == (20, 0)
    assert (second.added, second.updated, second.unchanged) == (0, 0, 20)
    changed = write_csv(
        tmp_path / "c.csv", ["signal_type", "value", "category"], [["md5", values[0], "A2"]]
    )
    third = bank_service.import_file("b", changed)
    assert (third.added, third.updated, third.unchanged) == (0, 1, 0)
    assert bank_service.lookup("md5", [values[0]])[0].category == "A2"
    # A blank category later does not erase the one stored.
    fourth = bank_service.import_file("b", path)
    assert (fourth.updated, fourth.unchanged) == (0, 20)
    assert bank_service.get_bank("b").entry_counts == {"md5": 20}


def test_wide_jsonl_as_written_by_jaga_hash(bank_service: BankService, tmp_path: Path) -> None:
    bank_service.create_bank("b", signal_types=["pdq", "md5"])
    still, frame_a, frame_b = hashes.pdq(), hashes.pdq(), hashes.pdq()
    md5_still, md5_anim = hashes.md5(), hashes.md5()
    lines = [
        {"path": "a.jpg", "pdq": still, "quality": 100, "md5": md5_still,
         "sha1": hashes.sha1(), "sha256": hashes.sha256(), "error": None},
        {"path": "b.gif", "pdq": frame_a, "quality": 90, "md5": md5_anim, "sha1": None,
         "frames": [{"frame": 0, "pdq": frame_a, "quality": 90},
                    {"frame": 3, "pdq": frame_b, "quality": 80}], "error": None},
        {"path": "c.txt", "pdq": None, "quality": None, "md5": None,
         "error": "not an image (unrecognised format)"},
        {"path": "d.png", "pdq": hashes.pdq(), "quality": 10, "md5": hashes.md5()},
        {"path": "e.gif", "frames": [{"frame": 0, "pdq": ZERO_PDQ, "quality": 0}]},
    ]  # fmt: skip
    text = "\n".join(json.dumps(line) for line in lines)
    text = text.replace("\n", "\n{not json\n\n", 1)  # line 2 unparseable, line 3 blank
    path = tmp_path / "hashes.jsonl"
    path.write_text(text + "\n[1, 2]\n", encoding="utf-8")

    report = bank_service.import_file("b", path, source="seized drive 7")

    reasons = reasons_by_line(report)
    assert "unparseable JSON" in reasons[2]
    assert reasons[5] == "hashing failed, no hash in row: not an image (unrecognised format)"
    assert reasons[6] == (
        "PDQ quality 10 is below the bank's quality floor 50 "
        "(low-quality hashes match unrelated images)"
    )
    assert reasons[7] == "all-zero PDQ hash (a blank or flat image); it would match junk (frame 0)"
    assert "not an object" in reasons[8]
    assert sorted(reasons) == [2, 5, 6, 7, 8]
    stored = {(r.signal_type, r.value): r for r in bank_service.active_entries()}
    expected = {("pdq", still), ("pdq", frame_a), ("pdq", frame_b), ("md5", md5_still)}
    expected |= {("md5", md5_anim), ("md5", lines[3]["md5"])}  # type: ignore[arg-type]
    assert set(stored) == expected
    assert stored[("pdq", frame_b)].quality == 80
    assert {record.source for record in stored.values()} == {"seized drive 7"}
    assert report.ignored == 2  # sha1 and sha256 of a.jpg: the bank keeps pdq and md5 only
    assert report.added == 6


def test_wide_csv_as_written_by_jaga_hash(bank_service: BankService, tmp_path: Path) -> None:
    bank_service.create_bank("b")
    md5, sha1, sha256 = hashes.md5(), hashes.sha1(), hashes.sha256()
    frame0, frame1 = hashes.pdq(), hashes.pdq()
    header = ["path", "frame", "pdq", "quality", "md5", "sha1", "sha256", "format", "width",
              "height", "error"]  # fmt: skip
    rows = [
        ["x.gif", "0", frame0, "95", md5, sha1, sha256, "GIF", "64", "64", ""],
        ["x.gif", "5", frame1, "92", md5, sha1, sha256, "GIF", "64", "64", ""],
        ["bad.jpg", "", "", "", "", "", "", "", "", "", "truncated image"],
        ["notes.txt", "", "", "", hashes.md5(), hashes.sha1(), hashes.sha256(), "", "", "",
         "not an image"],
    ]  # fmt: skip
    report = bank_service.import_file("b", write_csv(tmp_path / "h.csv", header, rows))
    assert reasons_by_line(report) == {4: "hashing failed, no hash in row: truncated image"}
    assert report.added == 8
    assert report.duplicates == 3  # the second frame row repeats the file's exact hashes
    counts = bank_service.get_bank("b").entry_counts
    assert counts == {"pdq": 2, "md5": 2, "sha1": 2, "sha256": 2}


def test_hma_style_csv_and_json_array(bank_service: BankService, tmp_path: Path) -> None:
    bank_service.create_bank("b")
    value = hashes.pdq()
    hma = write_csv(tmp_path / "hma.csv", ["signal_type", "signal_value"], [["pdq", value]])
    assert bank_service.import_file("b", hma).added == 1
    array = tmp_path / "list.json"
    array.write_text(json.dumps([{"signal_type": "md5", "value": hashes.md5()}, "oops"]))
    report = bank_service.import_file("b", array)
    assert report.added == 1
    assert reasons_by_line(report) == {2: "array item is not an object ({...})"}


def test_csv_structure_problems(bank_service: BankService, tmp_path: Path) -> None:
    bank_service.create_bank("b")
    path = tmp_path / "odd.csv"
    path.write_bytes(
        b"\xef\xbb\xbfSignal_Type,Value\n"  # BOM and capitalised header are fine
        b"md5," + hashes.md5().encode() + b"\n"
        b"md5," + hashes.md5().encode() + b",extra\n"  # line 3: too many cells
        b"md5,\xff\xfe" + b"a" * 30 + b"\n"  # line 4: undecodable bytes
        b'md5,"' + hashes.md5().encode() + b'"\n'
    )
    report = bank_service.import_file("b", path)
    reasons = reasons_by_line(report)
    assert "3 cells, header has 2" in reasons[3]
    assert "not hexadecimal" in reasons[4]
    assert report.added == 2


def test_unreadable_files_are_refused_whole(bank_service: BankService, tmp_path: Path) -> None:
    bank_service.create_bank("b")
    no_hash = write_csv(tmp_path / "x.csv", ["name", "colour"], [["a", "b"]])
    with pytest.raises(UnsupportedFormat, match="no hash column"):
        bank_service.import_file("b", no_hash)
    with pytest.raises(UnsupportedFormat, match="--format"):
        bank_service.import_file("b", tmp_path / "list.txt")
    with pytest.raises(FileNotFoundError):
        bank_service.import_file("b", tmp_path / "missing.csv")
    assert bank_service.import_runs("b") == []


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "json"])
def test_export_then_import_reproduces_the_bank(
    bank_service: BankService, tmp_path: Path, fmt: str
) -> None:
    bank_service.create_bank("src", category_scheme="vic")
    rows = [
        ["pdq", hashes.pdq(), "1", "a", "feed-1", "77", "true"],
        ["md5", hashes.md5(), "", "b", "", "", "false"],
        ["sha1", hashes.sha1(), "5", "", "feed-2", "", ""],
        ["sha256", hashes.sha256(), "0", "c,with comma", "", "", ""],
    ]
    header = ["signal_type", "value", "category", "original_id", "source", "quality",
              "interpol_baseline"]  # fmt: skip
    bank_service.import_file("src", write_csv(tmp_path / "in.csv", header, rows))
    (first, *_) = bank_service.active_entries(["src"])
    bank_service.set_entries_enabled("src", [first.entry_id], False)

    exported = tmp_path / f"out.{fmt}"
    assert bank_service.export_file("src", exported) == 4
    bank_service.create_bank("copy", category_scheme="vic")
    report = bank_service.import_file("copy", exported)
    assert (report.added, report.quarantined_count) == (4, 0)

    def snapshot(bank: str) -> set[tuple[object, ...]]:
        ids = [r.entry_id for r in bank_service.entries_by_ids(range(1, 100)).values()]
        return {
            (r.signal_type, r.value, r.category, r.original_id, r.source, r.quality,
             r.interpol_baseline, r.enabled)
            for r in bank_service.entries_by_ids(ids).values()
            if r.bank_name == bank
        }  # fmt: skip

    assert snapshot("copy") == snapshot("src")
    assert len(snapshot("src")) == 4


def test_export_to_a_stream(bank_service: BankService) -> None:
    bank_service.create_bank("b")
    value = hashes.md5()
    bank_service.add_entries("b", [EntryInput("md5", value)], source="t")
    out = io.StringIO()
    assert bank_service.export_file("b", out, fmt="jsonl") == 1
    (line,) = out.getvalue().splitlines()
    assert json.loads(line)["value"] == value


def test_unterminated_quote_quarantines_its_line_and_keeps_the_next_rows(
    bank_service: BankService, tmp_path: Path
) -> None:
    bank_service.create_bank("b")
    after = [hashes.md5(), hashes.md5()]
    path = tmp_path / "quote.csv"
    path.write_text(
        "signal_type,value\n"
        f"md5,{hashes.md5()}\n"
        '"unterminated,quote\n'  # line 3
        f"md5,{after[0]}\n"
        f"md5,{after[1]}\n"
        'md5,"also open at the end of the file\n',  # line 6
        encoding="utf-8",
    )
    report = bank_service.import_file("b", path)
    reasons = reasons_by_line(report)
    assert sorted(reasons) == [3, 6]
    assert reasons[3].startswith("unterminated quote")
    assert reasons[6].startswith("unterminated quote")
    assert report.quarantined[0].raw == '"unterminated,quote'
    assert (report.rows_read, report.added) == (5, 3)
    assert {r.value for r in bank_service.lookup("md5", after)} == set(after)


def test_short_rows_import_and_long_rows_are_quarantined(
    bank_service: BankService, tmp_path: Path
) -> None:
    bank_service.create_bank("b")
    short, long = hashes.md5(), hashes.md5()
    header = ["signal_type", "value", "category", "original_id", "source", "quality",
              "interpol_baseline", "enabled"]  # fmt: skip
    path = write_csv(
        tmp_path / "cells.csv", header, [["md5", short], ["md5", long, *[""] * 6, "x"]]
    )
    report = bank_service.import_file("b", path)
    assert report.added == 1 and bank_service.lookup("md5", [short])
    assert reasons_by_line(report) == {
        3: "row has 9 cells, header has 8; quote values that contain commas"
    }


def test_line_breaks_in_ids_become_spaces_so_exports_read_back(
    bank_service: BankService, tmp_path: Path
) -> None:
    bank_service.create_bank("b")
    bank_service.add_entries("b", [EntryInput("md5", hashes.md5(), original_id="a\nb")], source="t")
    exported = tmp_path / "out.csv"
    bank_service.export_file("b", exported)
    bank_service.create_bank("copy")
    report = bank_service.import_file("copy", exported)
    assert (report.added, report.quarantined_count) == (1, 0)
    (entry,) = bank_service.active_entries(["copy"])
    assert entry.original_id == "a b"


def test_reasons_are_one_sentence_without_prefixes(
    bank_service: BankService, tmp_path: Path
) -> None:
    bank_service.create_bank("b", signal_types=["pdq", "md5"])
    lines = [
        {"pdq": "ab", "md5": hashes.md5()},
        {"pdq": hashes.pdq(), "quality": "high"},
        {"md5": "xyz"},
        {"signal_type": "pdq", "value": hashes.pdq(), "quality": 3},
    ]
    path = tmp_path / "wide.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    reasons = reasons_by_line(bank_service.import_file("b", path))
    assert reasons == {
        1: "pdq value has 2 characters; expected 64 hex digits",
        2: "quality 'high' is not a whole number 0-100",
        3: "md5 value has 3 characters; expected 32 hex digits",
        4: "PDQ quality 3 is below the bank's quality floor 50 "
        "(low-quality hashes match unrelated images)",
    }
