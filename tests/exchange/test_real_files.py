"""Every applicable real file in ../shared/formats imports; the known-malformed are refused.

The files are other people's (see ../shared/formats/SOURCES.md); the counts below were
read off the files themselves. Skipped, saying why, where the folder is absent.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from jaga.banks import BankService
from jaga.banks.errors import UnsupportedFormat

FORMATS = Path(__file__).resolve().parents[2].parent / "shared" / "formats"
pytestmark = pytest.mark.skipif(
    not FORMATS.is_dir(),
    reason=f"{FORMATS} is absent (the shared sample files live next to the checkout)",
)
NCMEC = "ncmec-hash-sharing/threatexchange-test-data"
STOPNCII = "stopncii/threatexchange-test-data"
TE = "threatexchange/api-reference-readme-examples"
HMA = "hma-threatexchange-datasets/hma-v1-sample_data"
NSRL = "project-vic-vics/nsrl-caid-1.2"
NOT_MATCHED = "not an MD5 or PDQ hash"

# format, file, rows read, entries added, {reason start: rows quarantined}
IMPORTS: list[tuple[str, str, int, int, dict[str, int]]] = [
    (
        "ncmec",
        f"{NCMEC}/ENTRIES_XML.xml",
        4,
        4,
        {"<deletedImage> image4": 1, "<deletedVideo> video4": 1},
    ),
    ("ncmec", f"{NCMEC}/ENTRIES_XML2.xml", 1, 2, {}),
    ("ncmec", f"{NCMEC}/ENTRIES_XML3.xml", 2, 2, {}),
    ("ncmec", f"{NCMEC}/ENTRIES_XML4.xml", 2, 1, {"<deletedVideo> willdelete": 1}),
    ("ncmec", f"{NCMEC}/ENTRIES_LARGE_FINGERPRINTS.xml", 1, 1, {}),
    ("ncmec", f"{NCMEC}/ENTRIES_NO_DATA_XML.xml", 0, 0, {}),
    ("stopncii", f"{STOPNCII}/FetchHashes-response-page1.json", 2, 2, {}),
    ("stopncii", f"{STOPNCII}/FetchHashes-response-page2.json", 1, 1, {}),
    (
        "stopncii",
        f"{STOPNCII}/FetchHashes-response-undefined-enum.json",
        3,
        2,
        {"duplicate StopNCII hash": 1},
    ),
    ("threatexchange", f"{TE}/curl-README-example-05.json", 1, 1, {}),
    ("threatexchange", f"{TE}/curl-README-example-07.json", 1, 1, {}),
    ("threatexchange", f"{TE}/java-README-example-02.json", 1, 1, {}),
    ("threatexchange", f"{TE}/python-README-example-04.json", 1, 1, {}),
    ("threatexchange", f"{TE}/ruby-README-example-03.json", 1, 1, {}),
    ("hma", f"{HMA}/holidays-jpg1-pdq-hashes.csv", 813, 810, {}),  # 3 repeated hashes
    ("hma", f"{HMA}/holidays-jpg2-pdq-hashes.csv", 679, 679, {}),
    ("hma", f"{HMA}/pdq.csv", 139, 139, {}),
    ("hma", f"{HMA}/video_md5.csv", 2, 1, {"the md5 of an empty (0-byte) file": 1}),
    ("hma", f"{HMA}/photo_md5.csv", 1, 0, {"the md5 of an empty (0-byte) file": 1}),
    ("hma", f"{HMA}/pdq_ocr.csv", 2, 0, {NOT_MATCHED: 2}),
    ("hma", f"{HMA}/raw_text.csv", 3, 0, {NOT_MATCHED: 3}),
    ("hma", f"{HMA}/trend_query.csv", 1, 0, {NOT_MATCHED: 1}),
    ("hma", f"{HMA}/url.csv", 1, 0, {NOT_MATCHED: 1}),
    ("hma", f"{HMA}/video_tmk_pdqf.csv", 1, 0, {NOT_MATCHED: 1}),
    ("hma", "hma-threatexchange-datasets/python-threatexchange/pdq_samples.csv", 138, 138, {}),
]

# SOURCES.md: "NOT WELL-FORMED (documentation elisions `...`)".
MALFORMED = [f"{TE}/curl-README-example-02.json", f"{TE}/curl-README-example-03.json"]


@pytest.mark.parametrize(("fmt", "name", "rows", "added", "quarantined"), IMPORTS)
def test_real_file_imports(
    formats_service: BankService,
    new_bank: Callable[..., str],
    fmt: str,
    name: str,
    rows: int,
    added: int,
    quarantined: dict[str, int],
) -> None:
    real = new_bank("real")
    report = formats_service.import_file(real, FORMATS / name, fmt=fmt)
    assert (report.rows_read, report.added) == (rows, added), report.quarantined
    seen: dict[str, int] = {}
    for row in report.quarantined:
        start = next((key for key in quarantined if row.reason.startswith(key)), row.reason)
        seen[start] = seen.get(start, 0) + 1
        assert row.row_number > 0
    assert seen == quarantined


def test_every_nsrl_vics_file_imports_into_a_known_files_bank(
    formats_service: BankService, new_bank: Callable[..., str]
) -> None:
    """5,411 VICS 1.2 Media (category 8: known software) into an allow-list without scheme."""
    nsrl = new_bank("nsrl", category_scheme="none", allow_list=True, signal_types=["md5", "sha1"])
    files = sorted((FORMATS / NSRL).glob("NSRL-CAID-*.json"))
    assert len(files) == 11
    media = 0
    for path in files:
        report = formats_service.import_file(nsrl, path, fmt="vics")
        assert report.quarantined_count == 0, (path.name, report.quarantined[:3])
        media += report.rows_read
    assert media == 5411
    counts = formats_service.get_bank(nsrl).entry_counts
    assert counts["md5"] + counts["sha1"] > 10_000


def test_nsrl_category_8_is_refused_by_a_vic_bank(
    formats_service: BankService, new_bank: Callable[..., str]
) -> None:
    vic = new_bank("vic", category_scheme="vic")
    report = formats_service.import_file(vic, FORMATS / NSRL / "NSRL-CAID-MOV.json", fmt="vics")
    assert report.added == 0 and report.quarantined_count == 9
    assert all("unknown vic category '8'" in row.reason for row in report.quarantined)


def test_ncmec_reclassification_updates_the_entry(
    formats_service: BankService, new_bank: Callable[..., str]
) -> None:
    """ENTRIES_XML4 re-sends `willupdate` as A2 (it was A1 in ENTRIES_XML3)."""
    ncmec = new_bank("ncmec")
    formats_service.import_file(ncmec, FORMATS / NCMEC / "ENTRIES_XML3.xml")
    report = formats_service.import_file(ncmec, FORMATS / NCMEC / "ENTRIES_XML4.xml")
    assert report.updated == 1
    entry = formats_service.entry_in_bank(ncmec, value=("md5", "face" * 8))
    assert entry is not None and entry.category == "A2"
    assert entry.attributes is not None and entry.attributes["ncmec"]["classification"] == "A2"


def test_stopncii_unknown_enum_values_are_kept_and_flagged(
    formats_service: BankService, new_bank: Callable[..., str]
) -> None:
    ncii = new_bank("ncii")
    formats_service.import_file(
        ncii, FORMATS / STOPNCII / "FetchHashes-response-undefined-enum.json", fmt="stopncii"
    )
    entry = formats_service.entry_in_bank(
        ncii, value=("pdq", "95d087d087f8f41cf00771c707f713c7675d07f8c618f00ef00f07f307e37087")
    )
    assert entry is not None and entry.attributes is not None
    fields = entry.attributes["stopncii"]
    assert fields["hashRegions"] == ["UK"]
    assert fields["unknown_values"] == [
        "CSPFeedbacks[0].feedbackValue=Undefined",
        "CSPFeedbacks[1].feedbackValue=Undefined",
    ]


@pytest.mark.parametrize("name", MALFORMED)
def test_known_malformed_files_are_refused_with_a_reason(
    formats_service: BankService, new_bank: Callable[..., str], name: str
) -> None:
    te = new_bank("te")
    with pytest.raises(UnsupportedFormat, match=r"not valid JSON \(.* at line \d+"):
        formats_service.import_file(te, FORMATS / name, fmt="threatexchange")
    assert formats_service.import_runs(te) == []
