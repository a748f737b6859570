"""The one way Jaga opens its database."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

from jaga import config
from jaga.store.migrate import upgrade_to_head

SQLITE_BUSY_TIMEOUT_MS = 30_000

_migrated_urls: set[str] = set()
_migration_guard = threading.Lock()


def create_engine_for(url: str | None = None) -> Engine:
    """An engine on `url` (default: `jaga.config.database_url()`), migrated to head.

    Migrations run once per URL per process, so calling this again is cheap. SQLite gets
    foreign keys (off by default there, and bank deletion relies on cascades), WAL (readers
    do not block the importer) and a busy timeout (writers wait instead of failing).
    """
    url = url or config.database_url()
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        _create_sqlite_folder(engine)
        event.listen(engine, "connect", _configure_sqlite_connection)
    with _migration_guard:
        if url not in _migrated_urls:
            upgrade_to_head(engine)
            _migrated_urls.add(url)
    return engine


def _create_sqlite_folder(engine: Engine) -> None:
    """SQLite creates the file but not its folder; a fresh `JAGA_DATABASE_URL` should work."""
    database = engine.url.database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()
