"""Shared fixtures: a fresh database on each backend, and the services built on it.

Fixtures (names are stable; other test folders rely on them):

- `database_url` (str): parametrised over ``sqlite`` and ``postgresql``. SQLite is a file in
  the test's tmp_path; PostgreSQL is a new database with a unique name on
  postgresql+psycopg://postgres@127.0.0.1:5432, dropped (WITH (FORCE)) afterwards. Every
  test that uses it runs twice, ``[sqlite]`` and ``[postgresql]``. If PostgreSQL cannot be
  reached the ``[postgresql]`` runs FAIL (CI starts PostgreSQL; a silent skip would hide a
  backend that was never tested). Set JAGA_TEST_SKIP_POSTGRES=1 to skip them on purpose.
  JAGA_TEST_POSTGRES_URL overrides the server URL (it must point at a maintenance DB).
- `module_database_url` (str): the same, one database per module and backend, for tests
  that share something costly (a server process); they must not step on each other's data.
- `engine` (sqlalchemy.Engine): `create_engine_for(database_url)`, migrated, disposed after.
- `bank_service` (BankService): a BankService on `engine`.

Unique database names and tmp_path keep this safe under pytest-xdist (`-n 2`).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from jaga.banks.service import BankService
from jaga.store import create_engine_for

POSTGRES_SERVER_URL = os.environ.get(
    "JAGA_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    with _fresh_database(request.param, tmp_path_factory) as url:
        yield url


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """Like `database_url`, shared by a module's tests (for costly things such as servers)."""
    with _fresh_database(request.param, tmp_path_factory) as url:
        yield url


@contextmanager
def _fresh_database(kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'jaga.db'}"
        return
    if os.environ.get("JAGA_TEST_SKIP_POSTGRES") == "1":
        pytest.skip("PostgreSQL tests skipped on purpose (JAGA_TEST_SKIP_POSTGRES=1)")
    name = f"jaga_test_{uuid.uuid4().hex[:16]}"
    server = _postgres_server()
    try:
        with server.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(POSTGRES_SERVER_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


def _postgres_server() -> Engine:
    server = create_engine(POSTGRES_SERVER_URL, isolation_level="AUTOCOMMIT")
    try:
        with server.connect():
            pass
    except OperationalError as error:
        server.dispose()
        pytest.fail(
            f"PostgreSQL is not reachable at {POSTGRES_SERVER_URL} ({error.orig}). Start it "
            "(CI: .ci/run does), or set JAGA_TEST_SKIP_POSTGRES=1 to skip PostgreSQL tests.",
            pytrace=False,
        )
    return server


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    created = create_engine_for(database_url)
    try:
        yield created
    finally:
        created.dispose()


@pytest.fixture
def bank_service(engine: Engine) -> BankService:
    return BankService(engine)


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own JAGA_DATA_DIR, so index snapshots and SQLite files written by
    the CLI never land in the working tree or collide between parallel test workers."""
    monkeypatch.setenv("JAGA_DATA_DIR", str(tmp_path / "jaga-data"))
