"""Random hash values for the sharing tests: never real list data."""

from __future__ import annotations

import secrets


def md5() -> str:
    return secrets.token_hex(16)


def sha256() -> str:
    return secrets.token_hex(32)


def pdq() -> str:
    """A random 256-bit value with about half its bits set, like a real PDQ hash."""
    while True:
        value = secrets.token_hex(32)
        if 96 <= int(value, 16).bit_count() <= 160:
            return value
