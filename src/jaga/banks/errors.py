"""Errors a bank operation raises; their messages are written for the person at the keyboard."""

from __future__ import annotations

from pathlib import Path


class BankError(Exception):
    """Base class: anything the caller did that Jaga cannot carry out."""


class BankNotFound(BankError):
    """No bank has this name."""

    def __init__(self, name: str, known: list[str]) -> None:
        # Generic on purpose: show, export, delete and the scanner print it too, where
        # "create it" would be the wrong advice. `jaga bank import` adds that hint itself.
        hint = f"known banks: {', '.join(known)}" if known else "there are no banks yet"
        super().__init__(f"no bank named {name!r} ({hint}); see `jaga bank list`")
        self.name = name
        self.known = known


class BankExists(BankError):
    """A bank with this name already exists (names are unique)."""

    def __init__(self, name: str) -> None:
        super().__init__(f"a bank named {name!r} already exists; pick another name")
        self.name = name


class InvalidBankSettings(BankError):
    """A bank setting is out of range or unknown."""


class UnsupportedFormat(BankError):
    """The file format could not be told from the name or is not one Jaga reads."""


class UnknownImportRun(BankError):
    """The import run does not exist or belongs to another bank."""

    def __init__(self, bank_name: str, run_id: int) -> None:
        super().__init__(
            f"bank {bank_name!r} has no import run {run_id}; "
            f"`jaga bank show {bank_name}` lists its latest runs"
        )


class EmptyImportFile(BankError):
    """The file has no content at all (not even a CSV header): nothing to import."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"no rows in {path} (the file is empty)")
        self.path = path
