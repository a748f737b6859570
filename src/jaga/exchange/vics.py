"""Project VIC VICS (OData JSON), versions 1.2, 1.3 and 2.0, US and UK category sets.

A document is `{"@odata.context" | "odata.metadata": ".../DataModels/<v>.xml[/<set>]/...#Cases
| #Media", "value": [...]}`; 2.0 case files nest `Media` inside each Case. Each Media gives
an MD5 and/or SHA-1 entry whose `original_id` is the Media key (its MD5, else its SHA-1);
`Category` is read in the US set (0-5) or, when the context names `/UK/`, the UK set
(numbers for CAID A-C), and translated by the crosswalk into the bank's scheme. Everything
else of the Media (PhotoDNA, flags, Series, Exifs, MediaFiles, ...) and of its Case is kept
under `attributes["vics"]`, so the 2.0 export writes it back.

Quirks tolerated: flags as the strings "true"/"false", upper-case hex, numbers as strings
(OData v3 writes Int64 `MediaSize` as "488"), and `IsPrecategorized` that contradicts
`Category` (kept as sent; the category decides). A flag that is neither is refused.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from jaga.banks.errors import UnsupportedFormat
from jaga.banks.formats import SourceRow
from jaga.banks.records import EntryRecord
from jaga.banks.schemes import CategoryScheme
from jaga.banks.values import parse_flag
from jaga.exchange.common import (
    SeenIds,
    category_in,
    format_attributes,
    group_records,
    hashes_of,
    raw_text,
)
from jaga.exchange.located_json import LocatedDict, load_located

CONTEXT_2_0 = "http://github.com/ICMEC/ProjectVic/DataModels/2.0.xml/{set}/$metadata#{root}"
FLAG_FIELDS = (
    "IsPrecategorized",
    "VictimIdentified",
    "OffenderIdentified",
    "IsDistributed",
    "IsSuspected",
    "SelfGenerated",
)


def read(path: Path) -> Iterator[SourceRow]:
    document = load_located(path)
    if not isinstance(document, dict) or not isinstance(document.get("value"), list):
        raise UnsupportedFormat(f'{path}: not a VICS document (no "value" list); nothing imported')
    context = str(document.get("@odata.context") or document.get("odata.metadata") or "")
    category_set = "vic-uk" if "/uk/" in context.lower() else "vic"
    seen = SeenIds("Media key")
    for item in document["value"]:
        if isinstance(item, LocatedDict) and isinstance(item.get("Media"), list):
            case = {key: value for key, value in item.items() if key != "Media"}
            for media in item["Media"]:
                yield _media_row(media, case, category_set, seen, item.line)
        else:
            yield _media_row(item, {}, category_set, seen, getattr(document, "line", 1))


def _media_row(
    media: Any, case: dict[str, Any], category_set: str, seen: SeenIds, fallback_line: int
) -> SourceRow:
    line = media.line if isinstance(media, LocatedDict) else fallback_line
    raw = raw_text(media)
    if not isinstance(media, dict):
        return SourceRow(line, None, raw, "Media is not a JSON object")
    md5, sha1 = _text(media.get("MD5")), _text(media.get("SHA1"))
    if not md5 and not sha1:
        return SourceRow(line, None, raw, "Media without MD5 or SHA1")
    key = (md5 or sha1).lower()
    repeat = seen.repeat_reason(key, md5 or sha1, line)
    if repeat:
        return SourceRow(line, None, raw, repeat)
    for name in FLAG_FIELDS:
        try:
            parse_flag(name, media.get(name))
        except ValueError as error:
            return SourceRow(line, None, raw, str(error))
    fields = {name: value for name, value in media.items() if name not in ("MD5", "SHA1")}
    if case:
        fields["case"] = case
    row: dict[str, object] = {"original_id": key, "attributes": {"vics": fields}}
    if md5:
        row["md5"] = md5
    if sha1:
        row["sha1"] = sha1
    category = media.get("Category")
    if category is not None and _text(category):
        row["category"], row["category_scheme"] = _text(category), category_set
    return SourceRow(line, row, raw)


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def write(records: Iterable[EntryRecord], out: IO[str], scheme: CategoryScheme) -> int:
    """A VICS 2.0 document: `#Cases` when the media came with cases, else `#Media`."""
    category_set = "vic-uk" if scheme == "caid" else "vic"
    kept = (record for record in records if record.signal_type in ("md5", "sha1"))
    groups = group_records(kept, lambda record: record.original_id or None)
    cases: dict[str, tuple[dict[str, Any], list[dict[str, Any]]]] = {}
    for group in groups:
        fields = format_attributes(group, "vics")
        case = fields.pop("case", {})
        media = _media(group, fields, category_set, scheme)
        cases.setdefault(json.dumps(case, sort_keys=True), (case, []))[1].append(media)
    with_cases = any(case for case, _ in cases.values())
    context = CONTEXT_2_0.format(
        set="UK" if category_set == "vic-uk" else "US", root="Cases" if with_cases else "Media"
    )
    if with_cases:
        value: list[dict[str, Any]] = [{**case, "Media": media} for case, media in cases.values()]
    else:
        value = [media for _, media_list in cases.values() for media in media_list]
    json.dump({"@odata.context": context, "value": value}, out, indent=1, ensure_ascii=False)
    out.write("\n")
    return sum(len(group) for group in groups)


def _media(
    group: list[EntryRecord], fields: dict[str, Any], category_set: str, scheme: CategoryScheme
) -> dict[str, Any]:
    hashes = hashes_of(group)
    media: dict[str, Any] = {}
    if "md5" in hashes:
        media["MD5"] = hashes["md5"]
    if "sha1" in hashes:
        media["SHA1"] = hashes["sha1"]
    media.update(fields)
    category = category_in(category_set, group, scheme)
    if category is not None and _text(fields.get("Category")) != category:
        media["Category"] = int(category)
    return media
