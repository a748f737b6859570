"""Sample files of each exchange format, built with random hash values (never list data).

Each sample carries the fields a round trip must keep (fingerprints Jaga cannot compute,
feedback, case metadata, tags...) and the quirks seen in real files.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from types import SimpleNamespace


def _pdq() -> str:
    """A random 256-bit value with about half its bits set, like a real PDQ hash."""
    while True:
        value = secrets.token_hex(32)
        if 96 <= int(value, 16).bit_count() <= 160:
            return value


hashes = SimpleNamespace(
    md5=lambda: secrets.token_hex(16),
    sha1=lambda: secrets.token_hex(20),
    sha256=lambda: secrets.token_hex(32),
    pdq=_pdq,
)


def ncmec(path: Path) -> Path:
    path.write_text(
        f"""<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>
<queryResult xmlns="https://hashsharing.ncmec.org/hashsharing/v2">
    <images count="3" maxTimestamp="2024-01-02T00:00:00Z">
        <image>
            <member id="42">Example Member</member>
            <timestamp>2024-01-01T00:00:00Z</timestamp>
            <id>img-1</id>
            <classification>A1</classification>
            <fingerprints>
                <md5>{hashes.md5().upper()}</md5>
                <sha1>{hashes.sha1()}</sha1>
                <pdna>{"AQID" * 36}</pdna>
                <pdq>{hashes.pdq()}</pdq>
                <netclean>{"ab" * 40}</netclean>
                <ssvh-pdna>{"cd" * 20}</ssvh-pdna>
                <ssvh-safer-hash>{"ef" * 20}</ssvh-safer-hash>
            </fingerprints>
            <feedback lastUpdateTimestamp="2024-01-02T00:00:00Z">
\t\t<negativeFeedback type="Md5" lastUpdateTimestamp="2024-01-02T00:00:00Z">
                    <reasons><reason guid="0000-1" name="Not CSAM" type="Md5"/></reasons>
                </negativeFeedback>
            </feedback>
        </image>
        <image>
            <member id="43">Other Member</member>
            <timestamp>2024-01-02T00:00:00Z</timestamp>
            <id>img-2</id>
            <classification>B2</classification>
            <fingerprints><md5>{hashes.md5()}</md5></fingerprints>
            <feedback />
        </image>
        <deletedImage><member id="43">Other Member</member><id>img-3</id></deletedImage>
    </images>
    <videos count="1" maxTimestamp="2024-01-03T00:00:00Z">
        <video>
            <member id="42">Example Member</member>
            <timestamp>2024-01-03T00:00:00Z</timestamp>
            <id>vid-1</id>
            <classification>A2</classification>
            <fingerprints>
                <md5>{hashes.md5()}</md5>
                <tmk-pdqf rel="self" href="/v2/entries/1/fingerprints/TMK_PDQF"/>
                <videntifier rel="self" href="/v2/entries/1/fingerprints/VIDENTIFIER"/>
            </fingerprints>
        </video>
    </videos>
    <paging><next>/v2/entries?from=x&amp;start=2</next></paging>
</queryResult>
""",
        encoding="utf-8",
    )
    return path


def stopncii(path: Path) -> Path:
    page = {
        "count": 2,
        "nextSetTimestamp": 1625167824,
        "nextPageToken": "W3sidG9rZW4iOiJ4In1d",
        "hasMoreRecords": False,
        "hashRecords": [
            {
                "lastModtimestamp": 1625175071,
                "hashValue": hashes.pdq(),
                "hashStatus": "Active",
                "caseNumbers": {"case-1": "Active", "case-2": "Received"},
                "signalType": "ImagePDQ",
                "hashRegions": ["UK"],
                "CSPFeedbacks": [
                    {"source": "P1", "feedbackValue": "Undefined", "tags": ["Tag-One"]}
                ],
            },
            {
                "lastModtimestamp": 1625175072,
                "hashValue": hashes.md5().upper(),
                "hashStatus": "Received",
                "caseNumbers": {"case-3": "Received"},
                "signalType": "VideoMD5",
            },
            {
                "lastModtimestamp": 1625175073,
                "hashValue": hashes.pdq(),
                "hashStatus": "Withdrawn",
                "signalType": "ImagePDQ",
            },
        ],
    }
    path.write_text(json.dumps(page, indent=2), encoding="utf-8")
    return path


def threatexchange(path: Path) -> Path:
    descriptors = [
        {  # the Graph API's descriptor shape
            "raw_indicator": hashes.sha1(),
            "type": "HASH_SHA1",
            "added_on": "2020-05-12T16:38:37+0000",
            "confidence": 50,
            "owner": {"id": "494491891138576", "name": "Test App"},
            "privacy_type": "HAS_WHITELIST",
            "status": "NON_MALICIOUS",
            "share_level": "AMBER",
            "tags": {"data": [{"id": "2911371008904239", "text": "testing"}]},
            "id": "3047058802049882",
        },
        {  # a threat_updates record
            "id": "3046896738736542",
            "indicator": hashes.pdq(),
            "type": "HASH_PDQ",
            "creation_time": 1591147081,
            "last_updated": 1591147082,
            "should_delete": False,
            "tags": ["media_type_photo"],
            "status": "MALICIOUS",
        },
        {  # the Java tool's flattened form: confidence as a string, tags comma-joined
            "id": "1791017857689049",
            "td_raw_indicator": hashes.md5(),
            "td_indicator_type": "HASH_MD5",
            "td_confidence": "100",
            "td_subjective_tags": "pwny,testing",
        },
        {"id": "2", "indicator": hashes.md5(), "type": "HASH_MD5", "should_delete": True},
        {"id": "3", "raw_indicator": "evil.example", "type": "DOMAIN", "tags": None},
    ]
    path.write_text(json.dumps({"data": descriptors, "paging": {}}, indent=2), encoding="utf-8")
    return path


def vics(path: Path, *, category_set: str = "US") -> Path:
    """VICS 2.0 with every quirk: "true"/"false" strings, upper-case hex, Int64 as a
    string, IsPrecategorized contradicting Category."""
    case = {
        "CaseID": "6f1c1a3e-0000-4000-8000-000000000001",
        "CaseNumber": "2024-17",
        "ContactName": "Analyst",
        "SourceApplicationName": "Test",
    }
    media = [
        {
            "MediaID": 1,
            "Category": 1 if category_set == "US" else 2,
            "MD5": hashes.md5().upper(),
            "SHA1": hashes.sha1().upper(),
            "PhotoDNA": "AQID" * 36,
            "MediaSize": "488",
            "IsPrecategorized": "false",
            "VictimIdentified": "true",
            "IsDistributed": "FALSE",
            "Series": "series-x",
            "Exifs": [{"PropertyName": "Make", "PropertyValue": "Cam"}],
            "MediaFiles": [{"FileName": "a b's (1).jpg", "FilePath": "x/y"}],
        },
        {
            "MediaID": 2,
            "Category": "3" if category_set == "US" else "1",
            "MD5": hashes.md5(),
            "IsPrecategorized": True,
        },
        {"MediaID": 3, "SHA1": hashes.sha1(), "Category": 0, "IsPrecategorized": "true"},
    ]
    document = {
        "@odata.context": "http://github.com/ICMEC/ProjectVic/DataModels/2.0.xml/"
        f"{category_set}/$metadata#Cases",
        "value": [{**case, "Media": media}],
    }
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return path


def vics13(path: Path) -> Path:
    """VICS 1.3: `odata.metadata`, a `#Media` collection, no cases."""
    media = [
        {
            "odata.id": 'Media("x")',
            "MediaID": 0,
            "Category": 1,
            "MD5": hashes.md5(),
            "SHA1": hashes.sha1(),
            "MediaSize": "1024",
            "IsPrecategorized": "true",
        },
        {"MediaID": 0, "Category": 5, "MD5": hashes.md5().upper(), "IsDistributed": "false"},
    ]
    document = {
        "odata.metadata": "http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Media",
        "value": media,
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


ICSE_HEADER = (
    "MD5;SHA1;PhotoDNA;Image ID;Is distributed;Victim identified;Offender identified;"
    "Series name;Number of submissions;File Available;Media Type;Baseline"
)


def icse(path: Path) -> Path:
    rows = [
        f"{hashes.md5()};{hashes.sha1()};{'AQID' * 36};IMG-1;Yes;No;No;Series A;3;Yes;Image;Yes",
        f"{hashes.md5().upper()};;;IMG-2;No;Yes;No;;1;No;Video;No",
        f';{hashes.sha1()};;IMG-3;;;;"semi;colon";;;Image;',
    ]
    path.write_text("\n".join([ICSE_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def hma(path: Path) -> Path:
    rows = [
        f"{hashes.pdq()},100001,2021-05-07T18:07:52+0000,media_type_photo disputed",
        f"{hashes.pdq()},100002,00000000000000,2021-06-14T12:10:52+0000,test_pdq_samples",
        f"{hashes.md5()},100003,2020-07-31T19:42:09+0000,media_type_video",
        f'"{hashes.pdq()},This is a sample text string",100004,2020-12-28T21:38:33+0000,x',
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def hma_dataset(path: Path) -> Path:
    rows = [
        "collab,signal_type,signal_str,category,tags",
        f"Sample Signals,pdq,{hashes.pdq()},WORTH_INVESTIGATING,",
        f"Sample Signals,video_md5,{hashes.md5()},WORTH_INVESTIGATING,tag1 tag2",
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path
