"""Alembic, driven from code: migrations ship inside the package, no alembic.ini needed.

Developers use the same entry point: `python -m jaga.store upgrade|current|history|revision`.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, text

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

# Any constant works; it only has to be the same for every Jaga process on one database.
_PG_MIGRATION_LOCK = 0x4A414741  # "JAGA"


def alembic_config(url: str | None = None) -> Config:
    """An Alembic config pointing at the in-package migrations (and a URL for CLI use)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        # ConfigParser treats % as interpolation; URLs may contain it (encoded passwords).
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade_to_head(engine: Engine) -> None:
    """Bring the database to the newest schema; a no-op when it is already there.

    On PostgreSQL an advisory lock makes concurrent first starts (several workers) take
    turns instead of racing to create the same tables.
    """
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK}
            )
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
