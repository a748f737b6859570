"""StopNCII FetchHashes pages (JSON): `{"hashRecords": [...], "nextPageToken": ...}`.

A record is one hash (`signalType` ImagePDQ → pdq, VideoMD5 → md5). Everything else in it
(`hashStatus`, `caseNumbers`, `CSPFeedbacks`, `hashRegions`, `lastModtimestamp`, ...) is kept
under `attributes["stopncii"]`. Values outside the documented enums (`"Undefined"`,
`"RandomFeedbackValue"`) are kept and listed in `unknown_values`, where python-threatexchange
would drop the record. Withdrawn and deleted hashes are reported, not imported. The page's
own fields (`nextPageToken`, `nextSetTimestamp`, `count`) belong to a sync, not to entries.
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
from jaga.exchange.common import SeenIds, format_attributes, raw_text, tombstone
from jaga.exchange.located_json import LocatedDict, load_located

SIGNAL_TYPES = {"ImagePDQ": "pdq", "VideoMD5": "md5"}
STATUSES = ("Received", "Active", "Withdrawn", "Deleted")
FEEDBACK_VALUES = (
    "None",
    "QualityUnknown",
    "PendingReview",
    "Blocked",
    "NotBlocked",
    "Withdrawn",
    "Deleted",
)
WITHDRAWN = ("Withdrawn", "Deleted")
_HASH_FIELDS = ("signalType", "hashValue")


def read(path: Path) -> Iterator[SourceRow]:
    document = load_located(path)
    if isinstance(document, dict) and isinstance(document.get("hashRecords"), list):
        records = document["hashRecords"]
    elif isinstance(document, list):
        records = document
    else:
        raise UnsupportedFormat(
            f'{path}: not a StopNCII FetchHashes page (no "hashRecords" list); nothing imported'
        )
    seen = SeenIds("StopNCII hash")
    fallback_line = getattr(document, "line", 1)
    for position, record in enumerate(records, start=1):
        if not isinstance(record, LocatedDict):
            yield SourceRow(
                fallback_line,
                None,
                raw_text(record),
                f"hashRecords[{position - 1}] is not an object",
            )
            continue
        yield record_row(record, record.line, seen)


def record_row(record: dict[str, Any], line: int, seen: SeenIds) -> SourceRow:
    """One hash record as a bank row (connectors call this on fetched pages)."""
    raw = raw_text(record)
    kind = str(record.get("signalType", ""))
    value = str(record.get("hashValue") or "").strip()
    signal_type = SIGNAL_TYPES.get(kind)
    if signal_type is None:
        known = ", ".join(SIGNAL_TYPES)
        return SourceRow(line, None, raw, f"signalType {kind!r} is not one Jaga matches ({known})")
    if record.get("hashStatus") in WITHDRAWN:
        return tombstone(line, raw, f"hashStatus {record['hashStatus']}")
    repeat = seen.repeat_reason((signal_type, value.lower()), value, line)
    if repeat:
        return SourceRow(line, None, raw, repeat)
    fields = {key: item for key, item in record.items() if key not in _HASH_FIELDS}
    unknown = _unknown_values(record)
    if unknown:
        fields["unknown_values"] = unknown
    row: dict[str, object] = {signal_type: value, "attributes": {"stopncii": fields}}
    return SourceRow(line, row, raw)


def _unknown_values(record: dict[str, Any]) -> list[str]:
    """Enum values outside StopNCII's documented sets, named by where they are."""
    found: list[str] = []
    if record.get("hashStatus") not in (None, *STATUSES):
        found.append(f"hashStatus={record['hashStatus']}")
    cases = record.get("caseNumbers")
    for case, status in cases.items() if isinstance(cases, dict) else []:
        if status not in STATUSES:
            found.append(f"caseNumbers.{case}={status}")
    feedbacks = record.get("CSPFeedbacks")
    for index, feedback in enumerate(feedbacks if isinstance(feedbacks, list) else []):
        value = feedback.get("feedbackValue") if isinstance(feedback, dict) else None
        if value not in (None, *FEEDBACK_VALUES):
            found.append(f"CSPFeedbacks[{index}].feedbackValue={value}")
    return found


def write(records: Iterable[EntryRecord], out: IO[str], scheme: CategoryScheme) -> int:
    """One FetchHashes-shaped page with every pdq and md5 entry (others have no signalType)."""
    names = {jaga: name for name, jaga in SIGNAL_TYPES.items()}
    written: list[dict[str, Any]] = []
    for record in records:
        if record.signal_type not in names:
            continue
        fields = format_attributes([record], "stopncii")
        fields.pop("unknown_values", None)
        written.append(
            {"signalType": names[record.signal_type], "hashValue": record.value, **fields}
        )
    page = {"count": len(written), "hasMoreRecords": False, "hashRecords": written}
    json.dump(page, out, indent=2, ensure_ascii=False)
    out.write("\n")
    return len(written)
