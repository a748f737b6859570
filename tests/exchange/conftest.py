"""One database per module and backend for the format tests.

They only add banks (each test uses its own names), so sharing a database is safe, and it
saves creating and migrating a PostgreSQL database for each of the many small cases.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

import pytest

from jaga.banks import BankService
from jaga.store import create_engine_for

_numbers = itertools.count(1)


@pytest.fixture(scope="module")
def formats_service(module_database_url: str) -> Iterator[BankService]:
    engine = create_engine_for(module_database_url)
    try:
        yield BankService(engine)
    finally:
        engine.dispose()


@pytest.fixture
def new_bank(formats_service: BankService) -> Callable[..., str]:
    """Create a bank with a name no other test of the module uses; returns the name."""

    def create(prefix: str = "bank", **settings: object) -> str:
        name = f"{prefix}-{next(_numbers)}"
        formats_service.create_bank(name, **settings)  # type: ignore[arg-type]
        return name

    return create
