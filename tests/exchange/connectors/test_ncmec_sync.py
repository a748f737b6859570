"""NCMEC Hash Sharing API v2 sync against a loopback stand-in fed with NCMEC's sample
entries (../shared/formats/ncmec-hash-sharing) and bad upstream data."""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from jaga.banks.service import BankService
from jaga.exchange.connectors.sources import SourceStore
from jaga.exchange.connectors.sync import run_sync
from jaga.net.fetch import UnsafeUrl

from .conftest import PowerLoss, pdq_hex
from .standins import NcmecEntry, NcmecStandIn

SAMPLES = "ncmec-hash-sharing/threatexchange-test-data"
PROVENANCE = "ncmec:industry"


def sample_elements(formats: Path, name: str) -> list[tuple[str, str]]:
    """(images|videos, element XML without namespace) of one sample answer, in file order."""
    root = ET.parse(formats / SAMPLES / name).getroot()
    for element in root.iter():
        element.tag = element.tag.partition("}")[2] or element.tag
    found = []
    for kind in ("images", "videos"):
        for holder in root.findall(kind):
            found += [(kind, ET.tostring(child, encoding="unicode")) for child in holder]
    return found


def image(entry_id: str, fingerprints: str, classification: str = "A1", member: int = 7) -> str:
    return (
        f'<image><member id="{member}">Stand-in ESP</member><timestamp>2026-01-01T00:00:00Z'
        f"</timestamp><id>{entry_id}</id><classification>{classification}</classification>"
        f"<fingerprints>{fingerprints}</fingerprints></image>"
    )


def first_window(formats: Path, base: int) -> list[NcmecEntry]:
    real = sample_elements(formats, "ENTRIES_XML.xml") + sample_elements(
        formats, "ENTRIES_XML3.xml"
    )
    real += sample_elements(formats, "ENTRIES_LARGE_FINGERPRINTS.xml")
    made = [
        ("images", image("good-pdq", f"<pdq>{pdq_hex(1)}</pdq>", "B1")),
        ("images", image("bad-md5", "<md5>xyz</md5>")),
        ("images", image("zero-pdq", f"<pdq>{'0' * 64}</pdq>")),
        ("images", image("odd-category", "<md5>" + "c" * 32 + "</md5>", "Z9")),
        ("images", image("dup", "<md5>" + "d" * 32 + "</md5>")),
        ("images", image("dup", "<md5>" + "e" * 32 + "</md5>")),
        (
            "images",
            "<image><id>no-member</id><fingerprints><md5>"
            + "f" * 32
            + "</md5></fingerprints></image>",
        ),
    ]
    return [NcmecEntry(base + n, kind, xml) for n, (kind, xml) in enumerate(real + made)]


@pytest.fixture
def ncmec(formats: Path, monkeypatch: pytest.MonkeyPatch) -> NcmecStandIn:
    server = NcmecStandIn(
        entries=first_window(formats, int(time.time()) - 1_000),
        page_size=4,
        reasons_xml=(formats / SAMPLES / "FEEDBACK_REASONS_XML.xml").read_text(),
    )
    monkeypatch.setenv("JAGA_SYNC_INDUSTRY_USERNAME", server.username)
    monkeypatch.setenv("JAGA_SYNC_INDUSTRY_PASSWORD", server.password)
    yield server
    server.close()


def add_source(engine: Engine, bank_service: BankService, server: NcmecStandIn) -> None:
    bank_service.create_bank("ncmec-industry", category_scheme="industry")
    SourceStore(engine).add(
        "industry",
        kind="ncmec",
        bank_name="ncmec-industry",
        base_url=server.base_url,
        settings={"environment": "Industry", "start": int(time.time()) - 5_000},
    )


def bank_state(bank_service: BankService) -> dict[tuple[str, str], tuple[str, str, bool]]:
    entries = bank_service.active_entries()  # enabled only
    enabled = {(e.signal_type, e.value) for e in entries}
    everything = bank_service.entries_by_original_ids(
        "ncmec-industry",
        PROVENANCE,
        [e.original_id for e in bank_service.entries_by_ids(range(1, 200)).values()],
    )
    return {
        (e.signal_type, e.value): (e.original_id, e.category, (e.signal_type, e.value) in enabled)
        for e in everything
    }


def test_sync_takes_entries_quarantines_bad_ones_and_honours_tombstones(
    engine: Engine, bank_service: BankService, ncmec: NcmecStandIn, formats: Path
) -> None:
    add_source(engine, bank_service, ncmec)
    result = run_sync(engine, "industry")

    assert result.caught_up and result.pages == 4  # 13 elements, 4 a page
    state = bank_state(bank_service)
    assert state[("md5", "a1" * 16)] == ("42/image1", "A1", True)
    assert state[("sha1", "a1" * 20)] == ("42/image1", "A1", True)
    assert state[("md5", "b1" * 16)] == ("42/video1", "", True)
    assert state[("pdq", pdq_hex(1))] == ("7/good-pdq", "B1", True)
    assert state[("md5", "face" * 8)] == ("101/willupdate", "A1", True)
    assert state[("md5", "e" * 32)] == ("7/dup", "A1", True)  # served first, so kept
    # What Jaga cannot match on (here PhotoDNA and NCMEC's votes) is stored with the entry.
    stored = {
        (e.signal_type, e.value): e.attributes
        for e in bank_service.active_entries(["ncmec-industry"])
    }
    image1 = stored[("md5", "a1" * 16)]["ncmec"]  # type: ignore[index]
    assert image1["fingerprints"]["pdna"].startswith("a1a1")
    assert image1["feedback"] == {"Md5": ["upvote:42"], "Sha1": ["downvote:42"]}
    assert ("md5", "d" * 32) not in state
    store = SourceStore(engine)
    reasons = {q.upstream_id: q.reason for q in store.quarantine(store.get("industry"))}
    assert "3 characters" in reasons["7/bad-md5"]
    assert "all-zero PDQ" in reasons["7/zero-pdq"]
    assert "'Z9' is not in the bank's 'industry' scheme" in reasons["7/odd-category"]
    assert "duplicate upstream id '7/dup'" in reasons["7/dup"]
    assert "unreadable NCMEC image entry" in reasons["no-member"]
    assert len(reasons) == 5 and result.quarantined == 5
    # Every request kept the first one's window and paged on NCMEC's own next links.
    assert len({(r.query["from"], r.query["to"]) for r in ncmec.requests}) == 1
    assert [r.query.get("start") for r in ncmec.requests] == [None, "4", "8", "12"]

    # The next window: willupdate A1 -> A2; willdelete and image1 deleted upstream.
    cursor = bank_service.current_cursor()
    now = int(time.time())
    ncmec.entries = [
        NcmecEntry(now, *item) for item in sample_elements(formats, "ENTRIES_XML4.xml")
    ]
    ncmec.entries.append(NcmecEntry(now, "images", DELETED_IMAGE1))
    again = run_sync(engine, "industry")

    state = bank_state(bank_service)
    assert again.withdrawn == 3  # image1's md5 and sha1, willdelete's md5
    assert state[("md5", "face" * 8)] == ("101/willupdate", "A2", True)
    assert state[("md5", "bace" * 8)] == ("101/willdelete", "A1", False)
    assert state[("md5", "a1" * 16)] == ("42/image1", "A1", False)  # kept, but disabled
    assert state[("md5", "b1" * 16)] == ("42/video1", "", True)
    removed = [c.entry_id for c in bank_service.changes_since(cursor) if c.op == "remove"]
    assert len(removed) == 3  # what the matcher follows
    first_from = ncmec.requests[0].query["to"]
    assert ncmec.requests[-1].query["from"] == first_from  # the window moved on


DELETED_IMAGE1 = (
    '<deletedImage><member id="42">Example Member</member><id>image1</id>'
    "<timestamp>2026-01-02T00:00:00Z</timestamp></deletedImage>"
)


def test_a_crash_between_applying_a_page_and_its_checkpoint_loses_and_repeats_nothing(
    engine: Engine, bank_service: BankService, ncmec: NcmecStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_source(engine, bank_service, ncmec)
    real_save = SourceStore.save_page
    calls = {"n": 0}

    def save_then_lose_power(self: SourceStore, *args: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] == 3:  # page 3 is in the bank, its checkpoint is not
            raise PowerLoss
        real_save(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(SourceStore, "save_page", save_then_lose_power)
    with pytest.raises(PowerLoss):
        run_sync(engine, "industry")
    monkeypatch.setattr(SourceStore, "save_page", real_save)
    requests_before = len(ncmec.requests)
    resumed = run_sync(engine, "industry")

    assert resumed.caught_up and resumed.pages == 2  # page 3 again, then page 4
    assert [r.query.get("start") for r in ncmec.requests[requests_before:]] == ["8", "12"]
    assert resumed.added == 2  # page 3 again added nothing; page 4 is image1's md5 and sha1
    store = SourceStore(engine)
    source = store.get("industry")
    assert source.quarantined == 5 and len(store.quarantine(source)) == 5  # none twice
    # image1 md5+sha1, video1 md5+sha1, good-pdq, willupdate, willdelete, dup: each once
    assert bank_service.count_entries_from("ncmec-industry", PROVENANCE) == (8, 8)
    assert bank_service.get_bank("ncmec-industry").total_entries == 8
    assert {key: value[2] for key, value in bank_state(bank_service).items()} == {
        ("md5", "a1" * 16): True,
        ("sha1", "a1" * 20): True,
        ("md5", "b1" * 16): True,
        ("sha1", "b1" * 20): True,
        ("pdq", pdq_hex(1)): True,
        ("md5", "face" * 8): True,
        ("md5", "bace" * 8): True,
        ("md5", "e" * 32): True,
    }


def test_the_guarded_session_refuses_loopback_unless_allowed(
    engine: Engine, bank_service: BankService, ncmec: NcmecStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_source(engine, bank_service, ncmec)
    monkeypatch.delenv("JAGA_SYNC_ALLOW_NETWORKS")
    with pytest.raises(UnsafeUrl, match="private or reserved address"):
        run_sync(engine, "industry")
    assert ncmec.requests == []
    assert "UnsafeUrl" in SourceStore(engine).get("industry").last_error


def test_fingerprints_jaga_cannot_match_travel_as_pass_through(formats: Path) -> None:
    """PhotoDNA values and the links of large fingerprints are kept in `attributes` (to be
    stored once entries have an attributes column), never dropped silently."""
    from jaga.exchange.connectors.ncmec import parse_entries

    def parsed(name: str) -> list[Any]:
        root = ET.parse(formats / SAMPLES / name).getroot()
        for element in root.iter():
            element.tag = element.tag.partition("}")[2] or element.tag
        records, rejected = parse_entries(root)
        assert rejected == []
        return records

    [large] = parsed("ENTRIES_LARGE_FINGERPRINTS.xml")
    assert large.hashes == (("md5", "face" * 8),)
    assert large.attributes["fingerprint_links"] == {
        "tmk-pdqf": "/v2/entries/1/fingerprints/TMK_PDQF",
        "videntifier": "/v2/entries/1/fingerprints/VIDENTIFIER",
    }
    image1 = parsed("ENTRIES_XML.xml")[0]
    assert image1.upstream_id == "42/image1" and image1.changed_at == 1508857200
    assert image1.attributes["fingerprints"]["pdna"].startswith("a1a1")
    assert image1.attributes["feedback"] == {"Md5": ["upvote:42"], "Sha1": ["downvote:42"]}
    assert [r.deleted for r in parsed("ENTRIES_XML.xml")] == [False, True, False, True]
    # Every sample answer reads without a rejected entry (<feedback /> empty, no data...).
    for sample in ("ENTRIES_XML2.xml", "ENTRIES_XML3.xml", "ENTRIES_XML4.xml"):
        assert all(record.upstream_id for record in parsed(sample))
    assert parsed("ENTRIES_NO_DATA_XML.xml") == []


def test_a_sync_killed_mid_walk_resumes_where_it_stopped(
    engine: Engine,
    bank_service: BankService,
    ncmec: NcmecStandIn,
    database_url: str,
    tmp_path: Path,
) -> None:
    """A real crash: `jaga sync run` in its own process, SIGKILLed while it waits for
    page 3; the next run goes on from page 3 and ends with the same bank as a clean one."""
    import os
    import subprocess
    import sys

    add_source(engine, bank_service, ncmec)
    ncmec.hold_at_start = 8
    env = dict(
        os.environ,
        JAGA_DATABASE_URL=database_url,
        JAGA_SYNC_ALLOW_NETWORKS="127.0.0.0/8",
        JAGA_SYNC_INDUSTRY_USERNAME=ncmec.username,
        JAGA_SYNC_INDUSTRY_PASSWORD=ncmec.password,
        JAGA_DATA_DIR=str(tmp_path / "data"),
    )
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "jaga"), "sync", "run", "industry"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert ncmec.held.wait(60), "the sync never asked for page 3"
        process.kill()
        process.wait(10)
    finally:
        ncmec.release.set()
    store = SourceStore(engine)
    assert store.get("industry").pages == 2  # pages 1 and 2 were recorded
    ncmec.hold_at_start = None
    before = len(ncmec.requests)
    resumed = run_sync(engine, "industry")

    assert [r.query.get("start") for r in ncmec.requests[before:]] == ["8", "12"]
    assert resumed.caught_up and store.get("industry").pages == 4
    assert len(store.quarantine(store.get("industry"))) == 5
    assert bank_service.count_entries_from("ncmec-industry", PROVENANCE) == (8, 8)
