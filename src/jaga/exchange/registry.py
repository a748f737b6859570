"""Which module reads and writes each exchange format (imported only when used)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from jaga.banks.formats import SourceRow
from jaga.banks.records import EntryRecord
from jaga.banks.schemes import CategoryScheme

Reader = Callable[[Path], Iterator[SourceRow]]
Writer = Callable[[Iterable[EntryRecord], IO[str], CategoryScheme], int]

_MODULES = {
    "ncmec": "jaga.exchange.ncmec",
    "stopncii": "jaga.exchange.stopncii",
    "threatexchange": "jaga.exchange.threatexchange",
    "vics": "jaga.exchange.vics",
    "icse": "jaga.exchange.icse",
    "hma": "jaga.exchange.hma",
}


@dataclass(frozen=True, slots=True)
class ExchangeFormat:
    name: str
    read: Reader
    write: Writer


def exchange_format(name: str) -> ExchangeFormat:
    """The reader and writer of format `name` (a key of `_MODULES`)."""
    module = importlib.import_module(_MODULES[name])
    return ExchangeFormat(name, module.read, module.write)


# Keys that only one format puts near the top of a JSON document.
_JSON_MARKERS = (
    (b'"odata.metadata"', "vics"),
    (b'"@odata.context"', "vics"),
    (b'"hashRecords"', "stopncii"),
)


def sniff_json_format(path: Path) -> str | None:
    """The exchange format a `.json` file's first 4 KiB name, else None (plain JSON).

    Spares people `--format vics` for a VICS file: read as plain JSON it would be one
    quarantined row per line.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return None
    return next((name for marker, name in _JSON_MARKERS if marker in head), None)
