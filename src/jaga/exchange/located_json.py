"""JSON documents whose objects know the line they start on.

VICS, StopNCII and ThreatExchange files are single JSON documents, yet a person fixing a
bad record needs its line, as for CSV. The standard library's pure-Python scanner lets the
object parser be replaced; ours records where each object began.
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
from pathlib import Path
from typing import Any

from jaga.banks.errors import UnsupportedFormat

MAX_DOCUMENT_BYTES = 512 * 1024 * 1024  # whole-document formats are read into memory


class LocatedDict(dict[str, Any]):
    """A JSON object with the 1-based line its `{` is on."""

    line: int = 0


def load_located(path: Path) -> Any:
    """The parsed document; UnsupportedFormat (naming the line) if it is not JSON at all."""
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        raise UnsupportedFormat(
            f"{path}: {size:,} bytes is more than the {MAX_DOCUMENT_BYTES:,} a JSON document "
            "may have; split it into several files"
        )
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    line_starts = _line_starts(text)
    decoder = json.JSONDecoder()

    def parse_object(state: tuple[str, int], *args: Any) -> tuple[Any, int]:
        value, end = json.decoder.JSONObject(state, *args)  # type: ignore[attr-defined]
        located = LocatedDict(value)
        located.line = bisect.bisect_right(line_starts, state[1] - 1)
        return located, end

    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    try:
        return decoder.decode(text)
    except json.JSONDecodeError as error:
        raise UnsupportedFormat(
            f"{path}: not valid JSON ({error.msg} at line {error.lineno}, column {error.colno}); "
            "nothing was imported"
        ) from None
    except RecursionError:
        raise UnsupportedFormat(
            f"{path}: JSON nested too deeply to be a hash list; nothing was imported"
        ) from None


def _line_starts(text: str) -> list[int]:
    """Offsets where each line begins (one step per line, not per character)."""
    starts = [0]
    found = text.find("\n")
    while found != -1:
        starts.append(found + 1)
        found = text.find("\n", found + 1)
    return starts
