"""Errors of the connectors, each with a message a person can act on."""

from __future__ import annotations


class ConnectorError(Exception):
    """Base class: something about a sync source or its feedback went wrong."""


class UnknownSource(ConnectorError):
    def __init__(self, name: str, known: list[str]) -> None:
        listed = ", ".join(known) if known else "none yet (add one with `jaga sync add`)"
        super().__init__(f"no sync source named {name!r}; known: {listed}")


class SourceExists(ConnectorError):
    def __init__(self, name: str) -> None:
        super().__init__(f"a sync source named {name!r} already exists")


class InvalidSource(ConnectorError):
    """A source's settings cannot work (unknown kind, missing privacy group, bad name)."""


class MissingCredentials(ConnectorError):
    """The credentials a source needs are not set; the message names the variables."""


class UpstreamError(ConnectorError):
    """The upstream API refused or failed a call; `retryable` says whether to try again."""

    def __init__(self, message: str, *, retryable: bool = True) -> None:
        super().__init__(message)
        self.retryable = retryable
