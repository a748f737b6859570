"""What a key may do. Kept free of heavy imports: the CLI needs it to print `--help`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from jaga.auth.errors import InvalidKey

# Order matters only for display: stored and shown in this order.
SCOPES: Final[tuple[str, ...]] = (
    "hash",
    "match",
    "banks:read",
    "banks:write",
    "metrics",
    "share:read",
    "admin",
)
ADMIN_SCOPE: Final = "admin"
SCOPE_HELP: Final[dict[str, str]] = {
    "hash": "hash uploaded files",
    "match": "match hashes (or hash and match uploads) against the banks",
    "banks:read": "list banks and read their entries",
    "banks:write": "create, change, import into and delete banks",
    "metrics": "read /metrics (for a Prometheus scraper)",
    "share:read": "read the feeds of the banks shared with this key's partner (jaga share)",
    "admin": "everything, including what later scopes allow",
}
KEY_NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


def check_scopes(scopes: Iterable[str]) -> frozenset[str]:
    """The scopes as a set; InvalidKey naming the unknown one, or if there are none.

    Accepts comma-separated items too ("hash,match"), so `--scope` and `--scopes` agree.
    """
    chosen: set[str] = set()
    for item in scopes:
        for scope in item.split(","):
            scope = scope.strip().lower()
            if not scope:
                continue
            if scope not in SCOPES:
                raise InvalidKey(f"unknown scope {scope!r}; use one or more of {', '.join(SCOPES)}")
            chosen.add(scope)
    if not chosen:
        raise InvalidKey(f"a key needs at least one scope: {', '.join(SCOPES)}")
    return frozenset(chosen)


def join_scopes(scopes: Iterable[str]) -> str:
    """The stored form: comma-separated, in SCOPES order (so equal sets store equally)."""
    chosen = set(scopes)
    return ",".join(scope for scope in SCOPES if scope in chosen)


def split_scopes(joined: str) -> frozenset[str]:
    return frozenset(scope for scope in joined.split(",") if scope)


def check_key_name(name: str) -> str:
    if not KEY_NAME_PATTERN.fullmatch(name):
        raise InvalidKey(
            f"key name {name!r} is not a slug: use 1-64 lower-case letters, digits, '-' or '_', "
            "starting with a letter or digit (e.g. 'moderation-worker')"
        )
    return name


def check_rate_limit(rate_limit_per_minute: int) -> int:
    if isinstance(rate_limit_per_minute, bool) or rate_limit_per_minute < 0:
        raise InvalidKey(
            f"rate limit {rate_limit_per_minute!r} is not allowed: give requests per minute, "
            "0 for unlimited"
        )
    return rate_limit_per_minute
