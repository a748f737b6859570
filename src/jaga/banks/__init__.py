"""Banks: named hash lists with thresholds, categories, provenance and allow-lists.

`BankService` is the one API that the CLI, the scanner and the HTTP API use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jaga.banks.errors import (
    BankError,
    BankExists,
    BankNotFound,
    EmptyImportFile,
    InvalidBankSettings,
    UnknownImportRun,
)
from jaga.banks.records import (
    BankInfo,
    EntryChange,
    EntryInput,
    EntryRecord,
    ImportReport,
    ImportRunInfo,
    QuarantinedRow,
)

if TYPE_CHECKING:
    from jaga.banks.service import BankService


def __getattr__(name: str) -> Any:
    """Load `BankService` (and SQLAlchemy with it) only when used, so `jaga --help` is quick."""
    if name == "BankService":
        from jaga.banks.service import BankService

        return BankService
    raise AttributeError(f"module 'jaga.banks' has no attribute {name!r}")


__all__ = [
    "BankError",
    "BankExists",
    "BankInfo",
    "BankNotFound",
    "BankService",
    "EmptyImportFile",
    "EntryChange",
    "EntryInput",
    "EntryRecord",
    "ImportReport",
    "ImportRunInfo",
    "InvalidBankSettings",
    "QuarantinedRow",
    "UnknownImportRun",
]
