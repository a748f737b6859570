"""Errors an API-key operation raises; their messages are written for the person at the keyboard."""

from __future__ import annotations


class AuthError(Exception):
    """Base class: anything the caller asked of the key store that Jaga cannot carry out."""


class InvalidKey(AuthError):
    """A key name, scope or rate limit is not acceptable."""


class KeyExists(AuthError):
    """A key with this name already exists (names are unique, revoked keys keep theirs)."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"an API key named {name!r} already exists (revoked keys keep their names); "
            "pick another name"
        )
        self.name = name


class KeyNotFound(AuthError):
    """No key has this name."""

    def __init__(self, name: str, known: list[str]) -> None:
        hint = f"known keys: {', '.join(known)}" if known else "there are no API keys yet"
        super().__init__(f"no API key named {name!r} ({hint}); see `jaga keys list`")
        self.name = name
        self.known = known
