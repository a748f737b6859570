"""Turning one parsed row (a CSV record or a JSON object) into bank entries or reasons.

Two shapes are understood:
- long form: `signal_type,value[,category,original_id,source,quality,interpol_baseline,enabled]`
  (HMA's `signal_type,signal_value` too);
- wide form: what `jaga hash` writes, `pdq,quality,md5,sha1,sha256[,frames,error,...]`,
  where one row carries several signal types and, for animations, several PDQ frames.

A row can yield some good entries and some problems at once (a good md5 next to a broken
pdq): the good part is imported, each problem is quarantined on its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from jaga.banks.attributes import encode_attributes
from jaga.banks.crosswalk import translate_category
from jaga.banks.schemes import CategoryScheme, normalise_category
from jaga.banks.values import (
    normalise_hash,
    parse_flag,
    parse_quality,
    parse_signal_type,
)
from jaga.hashing.types import SIGNAL_TYPES, SignalType

WIDE_KEYS = frozenset({*SIGNAL_TYPES, "frames"})


@dataclass(frozen=True, slots=True)
class BankRules:
    """The bank settings an import checks rows against."""

    signal_types: frozenset[SignalType]
    quality_floor: int
    category_scheme: CategoryScheme
    default_source: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """A validated, normalised entry waiting to be written."""

    signal_type: SignalType
    value: str
    category: str
    original_id: str
    source: str
    quality: int | None
    interpol_baseline: bool | None
    enabled: bool | None
    attributes: str | None = None  # canonical JSON text (jaga.banks.attributes)


@dataclass(slots=True)
class RowOutcome:
    candidates: list[Candidate] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    ignored: int = 0


def interpret_row(row: Mapping[str, object], rules: BankRules) -> RowOutcome:
    """Validate one row against the bank's rules; never raises for bad data."""
    data = {str(key).strip().lower(): value for key, value in row.items() if key is not None}
    outcome = RowOutcome()
    common = _common_fields(data, rules, outcome)
    if common is None:
        return outcome
    if "signal_type" in data:
        _interpret_long(data, rules, common, outcome)
    elif WIDE_KEYS & data.keys():
        _interpret_wide(data, rules, common, outcome)
    else:
        outcome.problems.append(
            "no hash in row: expected columns signal_type,value (long form) "
            "or pdq/md5/sha1/sha256 (as written by `jaga hash`)"
        )
    # `jaga hash` repeats the first frame's PDQ at the top level; one row, one entry.
    unique = {(item.signal_type, item.value): item for item in reversed(outcome.candidates)}
    outcome.candidates = list(reversed(unique.values()))
    return outcome


@dataclass(frozen=True, slots=True)
class _Common:
    category: str
    original_id: str
    source: str
    interpol_baseline: bool | None
    enabled: bool | None
    attributes: str | None


def _common_fields(
    data: dict[str, object], rules: BankRules, outcome: RowOutcome
) -> _Common | None:
    """Fields shared by every entry of the row; a bad one spoils the whole row."""
    try:
        category = _category(data, rules.category_scheme)
        attributes = encode_attributes(data.get("attributes"))
        baseline = parse_flag("interpol_baseline", data.get("interpol_baseline"))
        enabled = parse_flag("enabled", data.get("enabled"))
    except ValueError as error:
        outcome.problems.append(str(error))
        return None
    # One line each: CSV exports and imports never carry line breaks inside a value.
    original_id = _one_line(_text(data.get("original_id")) or _text(data.get("id")))
    source = _one_line(_text(data.get("source")) or rules.default_source)
    return _Common(category, original_id[:255], source[:255], baseline, enabled, attributes)


def _category(data: dict[str, object], bank_scheme: CategoryScheme) -> str:
    """The row's category in the bank's scheme.

    Rows from an exchange format name the scheme they speak (`category_scheme`), and are
    translated by the crosswalk; plain rows must already be in the bank's scheme.
    """
    raw = _text(data.get("category"))
    source_scheme = _text(data.get("category_scheme"))
    if source_scheme:
        return translate_category(source_scheme, raw, bank_scheme)
    return normalise_category(bank_scheme, raw)


def _interpret_long(
    data: dict[str, object], rules: BankRules, common: _Common, outcome: RowOutcome
) -> None:
    try:
        signal_type = parse_signal_type(_text(data.get("signal_type")))
    except ValueError as error:
        outcome.problems.append(str(error))
        return
    if signal_type not in rules.signal_types:
        outcome.problems.append(
            f"this bank does not keep {signal_type} hashes "
            f"(it keeps {', '.join(sorted(rules.signal_types))})"
        )
        return
    raw_value = data.get("value", data.get("signal_value"))
    _add(outcome, rules, common, signal_type, raw_value, data.get("quality"))


def _interpret_wide(
    data: dict[str, object], rules: BankRules, common: _Common, outcome: RowOutcome
) -> None:
    found_any = False
    for signal_type in SIGNAL_TYPES:
        raw_value = data.get(signal_type)
        if raw_value is None or (isinstance(raw_value, str) and not raw_value.strip()):
            continue
        found_any = True
        if signal_type not in rules.signal_types:
            outcome.ignored += 1
            continue
        quality = data.get("quality") if signal_type == "pdq" else None
        _add(outcome, rules, common, signal_type, raw_value, quality)
    frames = data.get("frames")
    if frames not in (None, "", []):
        found_any = True
        _interpret_frames(frames, rules, common, outcome)
    if not found_any:
        error = _text(data.get("error"))
        outcome.problems.append(
            f"hashing failed, no hash in row: {error}" if error else "no hash value in row"
        )
    elif not outcome.candidates and not outcome.problems and not outcome.ignored:
        outcome.problems.append("no hash value in row")


def _interpret_frames(
    frames: object, rules: BankRules, common: _Common, outcome: RowOutcome
) -> None:
    if not isinstance(frames, list):
        outcome.problems.append('"frames" must be a list of {"frame", "pdq", "quality"} objects')
        return
    for position, frame in enumerate(frames):
        if not isinstance(frame, Mapping) or "pdq" not in frame:
            outcome.problems.append(f"frames[{position}] is not an object with a pdq value")
            continue
        if "pdq" not in rules.signal_types:
            outcome.ignored += 1
            continue
        where = f" (frame {frame.get('frame', position)})"
        _add(outcome, rules, common, "pdq", frame["pdq"], frame.get("quality"), where=where)


def _add(
    outcome: RowOutcome,
    rules: BankRules,
    common: _Common,
    signal_type: SignalType,
    raw_value: object,
    raw_quality: object,
    *,
    where: str = "",
) -> None:
    """Reasons are one sentence that already names the column ("md5 value has …",
    "quality 'x' is not …"); `where` only adds which frame of an animation."""
    try:
        if raw_value is not None and not isinstance(raw_value, str):
            raise ValueError(f"{signal_type} value must be a hex string, not {raw_value!r}")
        value = normalise_hash(signal_type, raw_value or "")
        quality = parse_quality(raw_quality) if signal_type == "pdq" else None
    except ValueError as error:
        outcome.problems.append(f"{error}{where}")
        return
    if quality is not None and quality < rules.quality_floor:
        outcome.problems.append(
            f"PDQ quality {quality} is below the bank's quality floor {rules.quality_floor}"
            f"{where} (low-quality hashes match unrelated images)"
        )
        return
    outcome.candidates.append(
        Candidate(
            signal_type=signal_type,
            value=value,
            category=common.category,
            original_id=common.original_id,
            source=common.source,
            quality=quality,
            interpol_baseline=common.interpol_baseline,
            enabled=common.enabled,
            attributes=common.attributes,
        )
    )


def _text(value: object) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _one_line(text: str) -> str:
    """Line breaks as spaces; NUL (which PostgreSQL text refuses) as U+FFFD."""
    text = text.replace("\x00", "\ufffd")
    return text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
