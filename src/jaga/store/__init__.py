"""Jaga's database: one engine factory, declarative models and in-package Alembic migrations.

SQLite (a file under `./var/`) is the embedded default; PostgreSQL is the production backend.
Everything here works on both, because tests run on both.
"""

from __future__ import annotations

from jaga.store.engine import create_engine_for
from jaga.store.migrate import upgrade_to_head

__all__ = ["create_engine_for", "upgrade_to_head"]
