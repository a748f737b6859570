"""The schema comes from in-package Alembic migrations, on both backends."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from jaga.store import create_engine_for, upgrade_to_head
from jaga.store.migrate import alembic_config
from jaga.store.models import Base


def test_migrations_create_every_table_on_an_empty_database(engine: Engine) -> None:
    tables = set(inspect(engine).get_table_names())
    expected = {
        "banks",
        "entries",
        "entry_changes",
        "import_runs",
        "quarantined_rows",
        "instance",
        "api_keys",
        "bank_actions",
        "webhook_outbox",
        "review_items",
        "exchange_sources",
        "exchange_tombstones",
        "exchange_quarantine",
        "exchange_feedback",
        "bank_verify",
        "local_features",
    }
    assert expected <= tables
    with engine.connect() as connection:
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert version == head


def test_upgrade_is_idempotent(engine: Engine, database_url: str) -> None:
    upgrade_to_head(engine)
    upgrade_to_head(engine)
    again = create_engine_for(database_url)
    try:
        with again.connect() as connection:
            count = connection.execute(text("SELECT count(*) FROM alembic_version")).scalar()
        assert count == 1
    finally:
        again.dispose()


def test_models_match_the_migrations(engine: Engine) -> None:
    """A model change without a migration would make fresh databases differ from tests."""
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_sqlite_connections_enforce_foreign_keys_and_use_wal(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite connection settings; PostgreSQL needs none of them")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000
