"""Banks: named hash lists with thresholds, categories, provenance and allow-lists.

`BankService` is the one API that the CLI, the scanner and the HTTP API use.
"""

from __future__ import annotations

from jaga.banks.errors import BankError, BankExists, BankNotFound, InvalidBankSettings
from jaga.banks.records import (
    BankInfo,
    EntryChange,
    EntryInput,
    EntryRecord,
    ImportReport,
    ImportRunInfo,
    QuarantinedRow,
)
from jaga.banks.service import BankService

__all__ = [
    "BankError",
    "BankExists",
    "BankInfo",
    "BankNotFound",
    "BankService",
    "EntryChange",
    "EntryInput",
    "EntryRecord",
    "ImportReport",
    "ImportRunInfo",
    "InvalidBankSettings",
    "QuarantinedRow",
]
