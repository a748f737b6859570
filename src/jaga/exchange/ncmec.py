"""NCMEC hash-sharing API v2 entries (XML): `<queryResult>` pages of `<image>`/`<video>`.

Each entry becomes one row: MD5, SHA-1 and PDQ fingerprints are entries Jaga matches; the
fingerprints Jaga cannot compute (PhotoDNA `pdna`, `netclean`, `videntifier`, `tmk-pdqf`,
`ssvh-pdna`, `ssvh-safer-hash`, and any new one) are kept as they came, values or
`rel`/`href` links, under `attributes["ncmec"]["fingerprints"]`, with the member, timestamp,
classification and feedback, so the export writes the entry back whole. `deletedImage` /
`deletedVideo` tombstones are reported, not imported.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, BinaryIO

from jaga.banks.formats import SourceRow
from jaga.banks.records import EntryRecord
from jaga.banks.schemes import CategoryScheme
from jaga.exchange.common import (
    SeenIds,
    category_in,
    format_attributes,
    group_records,
    hashes_of,
    raw_text,
    tombstone,
)
from jaga.exchange.xml_records import Node, XmlProblem, iter_records, node_to_json

NAMESPACE = "https://hashsharing.ncmec.org/hashsharing/v2"
ENTRY_TAGS = ("image", "video")
TOMBSTONE_TAGS = ("deletedImage", "deletedVideo")
MATCHED_FINGERPRINTS = {"md5": "md5", "sha1": "sha1", "pdq": "pdq"}  # element -> signal type
KNOWN_FINGERPRINTS = (
    "md5",
    "sha1",
    "pdna",
    "pdq",
    "netclean",
    "videntifier",
    "tmk-pdqf",
    "ssvh-pdna",
    "ssvh-safer-hash",
)
_HEADER_ELEMENTS = {"member", "timestamp", "id", "classification", "fingerprints", "feedback"}


def read(path: Path) -> Iterator[SourceRow]:
    return read_stream(path)


def read_stream(source: Path | BinaryIO) -> Iterator[SourceRow]:
    """The rows of one `<queryResult>` page, from a file or a response body (connectors)."""
    seen = SeenIds("NCMEC entry id")
    for item in iter_records(source, record_depth=2):
        if isinstance(item, XmlProblem):
            yield SourceRow(item.line, None, "", item.message)
            return
        raw = raw_text(node_to_json(item))
        entry_id = item.child_text("id")
        if item.tag in TOMBSTONE_TAGS:
            yield tombstone(item.line, raw, f"<{item.tag}> {entry_id}")
            continue
        if item.tag not in ENTRY_TAGS:
            continue  # paging links and other page furniture
        yield _entry_row(item, entry_id, raw, seen)


def _entry_row(item: Node, entry_id: str, raw: str, seen: SeenIds) -> SourceRow:
    if not entry_id:
        return SourceRow(item.line, None, raw, f"<{item.tag}> without an <id>")
    repeat = seen.repeat_reason((item.tag, entry_id), entry_id, item.line)
    if repeat:
        return SourceRow(item.line, None, raw, repeat)
    row: dict[str, object] = {"original_id": entry_id}
    kept: dict[str, Any] = {}
    fingerprints = item.child("fingerprints")
    for element in fingerprints.children if fingerprints is not None else []:
        signal_type = MATCHED_FINGERPRINTS.get(element.tag.lower())
        if signal_type and element.text and not element.attrs:
            row[signal_type] = element.text
        else:
            kept[element.tag] = _fingerprint_value(element)
    if not any(key in row for key in MATCHED_FINGERPRINTS.values()):
        names = ", ".join(kept) or "none"
        return SourceRow(
            item.line,
            None,
            raw,
            f"entry {entry_id!r} has no fingerprint Jaga matches (md5, sha1, pdq); it has: {names}",
        )
    classification = item.child_text("classification")
    if classification:
        row["category"], row["category_scheme"] = classification, "industry"
    row["attributes"] = {"ncmec": _pass_through(item, kept)}
    return SourceRow(item.line, row, raw)


def _fingerprint_value(element: Node) -> str | dict[str, str]:
    """A fingerprint's text, or its attributes (a `rel`/`href` link) with any text as "value"."""
    if not element.attrs:
        return element.text
    return {**element.attrs, "value": element.text} if element.text else dict(element.attrs)


def _pass_through(item: Node, fingerprints: dict[str, Any]) -> dict[str, Any]:
    member = item.child("member")
    feedback = item.child("feedback")
    fields: dict[str, Any] = {
        "entry_type": item.tag,
        "member_id": member.attrs.get("id", "") if member is not None else "",
        "member_name": member.text if member is not None else "",
        "timestamp": item.child_text("timestamp"),
        "classification": item.child_text("classification"),
        "fingerprints": fingerprints,
        "feedback": node_to_json(feedback) if feedback is not None else None,
        "extra": [
            node_to_json(child) for child in item.children if child.tag not in _HEADER_ELEMENTS
        ],
    }
    return {key: value for key, value in fields.items() if value not in ("", None, [], {})}


def write(records: Iterable[EntryRecord], out: IO[str], scheme: CategoryScheme) -> int:
    kept = (record for record in records if record.signal_type in tuple(MATCHED_FINGERPRINTS))
    groups = group_records(
        kept,
        lambda record: (
            (
                (record.attributes or {}).get("ncmec", {}).get("entry_type", "image"),
                record.original_id,
            )
            if record.original_id
            else None
        ),
    )
    root = ET.Element("queryResult", xmlns=NAMESPACE)
    lists = {tag: ET.SubElement(root, f"{tag}s") for tag in ENTRY_TAGS}
    stamps: dict[str, list[str]] = {tag: [] for tag in ENTRY_TAGS}
    for group in groups:
        fields = format_attributes(group, "ncmec")
        tag = fields.get("entry_type", "image")
        tag = tag if tag in ENTRY_TAGS else "image"
        lists[tag].append(_entry_element(tag, group, fields, scheme))
        if fields.get("timestamp"):
            stamps[tag].append(str(fields["timestamp"]))
    for tag, element in lists.items():
        element.set("count", str(len(element)))
        if stamps[tag]:
            element.set("maxTimestamp", max(stamps[tag]))
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
    return sum(len(group) for group in groups)


def _entry_element(
    tag: str, group: list[EntryRecord], fields: dict[str, Any], scheme: CategoryScheme
) -> ET.Element:
    entry = ET.Element(tag)
    if fields.get("member_id") or fields.get("member_name"):
        member = ET.SubElement(entry, "member")
        if fields.get("member_id"):
            member.set("id", str(fields["member_id"]))
        member.text = fields.get("member_name") or None
    if fields.get("timestamp"):
        ET.SubElement(entry, "timestamp").text = str(fields["timestamp"])
    ET.SubElement(entry, "id").text = group[0].original_id or f"jaga-{group[0].entry_id}"
    classification = category_in("industry", group, scheme) or fields.get("classification")
    if classification:
        ET.SubElement(entry, "classification").text = str(classification)
    prints = ET.SubElement(entry, "fingerprints")
    for signal_type, value in hashes_of(group).items():
        if signal_type in MATCHED_FINGERPRINTS:
            ET.SubElement(prints, signal_type).text = value
    for name, value in fields.get("fingerprints", {}).items():
        element = ET.SubElement(prints, name)
        if isinstance(value, dict):
            element.attrib.update({k: str(v) for k, v in value.items() if k != "value"})
            element.text = value.get("value") or None
        else:
            element.text = str(value)
    if fields.get("feedback"):
        entry.append(_element(fields["feedback"]))
    for extra in fields.get("extra", []):
        entry.append(_element(extra))
    return entry


def _element(value: dict[str, Any]) -> ET.Element:
    """The element kept by `node_to_json`, rebuilt."""
    element = ET.Element(str(value["tag"]), {k: str(v) for k, v in value.get("attrs", {}).items()})
    element.text = value.get("text") or None
    for child in value.get("children", []):
        element.append(_element(child))
    return element
