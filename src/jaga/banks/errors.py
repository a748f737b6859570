"""Errors a bank operation raises; their messages are written for the person at the keyboard."""

from __future__ import annotations


class BankError(Exception):
    """Base class: anything the caller did that Jaga cannot carry out."""


class BankNotFound(BankError):
    """No bank has this name."""

    def __init__(self, name: str, known: list[str]) -> None:
        hint = f"known banks: {', '.join(known)}" if known else "there are no banks yet"
        super().__init__(
            f"no bank named {name!r} ({hint}); create it with `jaga bank create {name}`"
        )
        self.name = name


class BankExists(BankError):
    """A bank with this name already exists (names are unique)."""

    def __init__(self, name: str) -> None:
        super().__init__(f"a bank named {name!r} already exists; pick another name")
        self.name = name


class InvalidBankSettings(BankError):
    """A bank setting is out of range or unknown."""


class UnsupportedFormat(BankError):
    """The file format could not be told from the name or is not one Jaga reads."""
