"""KeyService: create, check, list and revoke the API keys the HTTP service accepts.

A secret is `jaga_` + 40 URL-safe random characters (240 bits). Only its SHA-256 is kept:
the secret is random and long, so a slow password hash would buy nothing and cost every
request. A lookup reads the few rows sharing the secret's prefix (almost always one) and
compares hashes in constant time. `last_used_at` is written at most once a minute per key,
so a busy client does not turn every request into a write.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Final, cast

from sqlalchemy import Connection, Engine, Row, Table, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from jaga.auth.errors import KeyExists, KeyNotFound
from jaga.auth.scopes import (
    ADMIN_SCOPE,
    SCOPES,
    check_key_name,
    check_rate_limit,
    check_scopes,
    join_scopes,
    split_scopes,
)
from jaga.store.models import ApiKeyRow
from jaga.store.timestamps import utc_now

__all__ = ["SCOPES", "ApiKey", "KeyService"]

SECRET_MARKER: Final = "jaga_"
SECRET_RANDOM_CHARS: Final = 40
SECRET_PATTERN: Final = re.compile(rf"{SECRET_MARKER}[A-Za-z0-9_-]{{{SECRET_RANDOM_CHARS}}}")
# The marker plus 8 random characters: enough to tell keys apart, far too few to guess from.
KEY_PREFIX_LENGTH: Final = len(SECRET_MARKER) + 8
DEFAULT_RATE_LIMIT_PER_MINUTE: Final = 6000
LAST_USED_RESOLUTION: Final = timedelta(minutes=1)
_KEYS = cast(Table, ApiKeyRow.__table__)


@dataclass(frozen=True)
class ApiKey:
    """What Jaga knows about a key; never the secret, never its hash."""

    key_id: int
    name: str
    key_prefix: str
    scopes: frozenset[str]
    rate_limit_per_minute: int  # 0: unlimited
    created_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    def allows(self, scope: str) -> bool:
        """Whether this key may do what `scope` covers; `admin` covers everything.

        An unknown scope is a programming error (a typo would silently refuse or allow),
        so it raises ValueError instead of answering.
        """
        if scope not in SCOPES:
            raise ValueError(f"unknown scope {scope!r}; scopes are {', '.join(SCOPES)}")
        return scope in self.scopes or ADMIN_SCOPE in self.scopes


class KeyService:
    """API keys on one database (see `jaga.store.create_engine_for`).

    `clock` exists for tests of the once-a-minute `last_used_at` rule.
    """

    def __init__(self, engine: Engine, *, clock: Callable[[], datetime] = utc_now) -> None:
        self.engine = engine
        self._clock = clock

    def create(
        self,
        name: str,
        scopes: Iterable[str],
        *,
        rate_limit_per_minute: int = DEFAULT_RATE_LIMIT_PER_MINUTE,
    ) -> tuple[ApiKey, str]:
        """A new key and its secret. The secret is returned here only: it is never stored.

        InvalidKey for a bad name, scope or rate limit; KeyExists if the name is taken.
        """
        values: dict[str, Any] = {
            "name": check_key_name(name),
            "scopes": join_scopes(check_scopes(scopes)),
            "rate_limit_per_minute": check_rate_limit(rate_limit_per_minute),
            "created_at": self._clock(),
            "revoked_at": None,
            "last_used_at": None,
        }
        secret = SECRET_MARKER + secrets.token_urlsafe(SECRET_RANDOM_CHARS * 3 // 4)
        assert SECRET_PATTERN.fullmatch(secret), "token_urlsafe changed its output length"
        values |= {"key_prefix": secret[:KEY_PREFIX_LENGTH], "key_hash": _digest(secret)}
        try:
            with self.engine.begin() as connection:
                if self._find(connection, name) is not None:
                    raise KeyExists(name)
                key_id = connection.execute(insert(_KEYS).values(values)).inserted_primary_key
        except IntegrityError:
            # Another process took the name between our check and our insert.
            raise KeyExists(name) from None
        assert key_id is not None
        return _api_key_from(values | {"id": key_id[0]}), secret

    def authenticate(self, secret: object) -> ApiKey | None:
        """The live key this secret belongs to, or None (unknown, revoked or malformed).

        Cheap enough for every request: one indexed read, plus a write at most once a
        minute per key to keep `last_used_at` roughly current.
        """
        if not isinstance(secret, str) or not SECRET_PATTERN.fullmatch(secret):
            return None
        digest = _digest(secret)
        with self.engine.connect() as connection:
            candidates = connection.execute(
                select(_KEYS).where(_KEYS.c.key_prefix == secret[:KEY_PREFIX_LENGTH])
            ).all()
            found: Row[Any] | None = None
            for row in candidates:  # compare all, so timing says nothing about which matched
                if hmac.compare_digest(row.key_hash, digest):
                    found = row
            if found is None or found.revoked_at is not None:
                return None
            key = _api_key_from(found._mapping)
            now = self._clock()
            if key.last_used_at is None or now - key.last_used_at >= LAST_USED_RESOLUTION:
                if _touch(connection, key.key_id, now):
                    key = replace(key, last_used_at=now)
                connection.commit()
            return key

    def list_keys(self) -> list[ApiKey]:
        """Every key by name, revoked ones too (their names stay taken)."""
        with self.engine.connect() as connection:
            rows = connection.execute(select(_KEYS).order_by(_KEYS.c.name)).all()
        return [_api_key_from(row._mapping) for row in rows]

    def get(self, name: str) -> ApiKey:
        """One key; KeyNotFound (with the known names) if there is none by that name."""
        with self.engine.connect() as connection:
            return _api_key_from(self._require(connection, name)._mapping)

    def revoke(self, name: str) -> ApiKey:
        """Refuse this key from now on. Revoking twice keeps the first revocation time."""
        with self.engine.begin() as connection:
            row = self._require(connection, name)
            if row.revoked_at is None:
                connection.execute(
                    update(_KEYS)
                    .where(_KEYS.c.id == row.id, _KEYS.c.revoked_at.is_(None))
                    .values(revoked_at=self._clock())
                )
            return _api_key_from(self._require(connection, name)._mapping)

    @staticmethod
    def _find(connection: Connection, name: str) -> Row[Any] | None:
        return connection.execute(select(_KEYS).where(_KEYS.c.name == name)).one_or_none()

    def _require(self, connection: Connection, name: str) -> Row[Any]:
        row = self._find(connection, name)
        if row is None:
            known = connection.execute(select(_KEYS.c.name).order_by(_KEYS.c.name)).scalars()
            raise KeyNotFound(name, list(known))
        return row


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


def _touch(connection: Connection, key_id: int, now: datetime) -> bool:
    """Stamp `last_used_at` unless another worker already did within the minute."""
    result = connection.execute(
        update(_KEYS)
        .where(
            _KEYS.c.id == key_id,
            or_(
                _KEYS.c.last_used_at.is_(None),
                _KEYS.c.last_used_at <= now - LAST_USED_RESOLUTION,
            ),
        )
        .values(last_used_at=now)
    )
    return result.rowcount == 1


def _api_key_from(row: Any) -> ApiKey:
    """An ApiKey from a row mapping (or the dict just inserted); the hash stays behind."""
    return ApiKey(
        key_id=row["id"],
        name=row["name"],
        key_prefix=row["key_prefix"],
        scopes=split_scopes(row["scopes"]),
        rate_limit_per_minute=row["rate_limit_per_minute"],
        created_at=row["created_at"],
        revoked_at=row["revoked_at"],
        last_used_at=row["last_used_at"],
    )
