"""Fixtures for the connector tests: the shared sample files, loopback allowed, a bank."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

FORMATS = Path(__file__).resolve().parents[3].parent / "shared" / "formats"


@pytest.fixture
def formats() -> Path:
    if not FORMATS.is_dir():
        pytest.skip(f"{FORMATS} is absent (the shared sample files sit next to the checkout)")
    return FORMATS


@pytest.fixture(autouse=True)
def _loopback_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stand-ins listen on 127.0.0.1, which the guarded session refuses by default."""
    monkeypatch.setenv("JAGA_SYNC_ALLOW_NETWORKS", "127.0.0.0/8")


def pdq_hex(seed: int) -> str:
    """A plausible PDQ hash (128 of 256 bits set), different for each seed."""
    bits = random.Random(seed).sample(range(256), 128)
    return f"{sum(1 << bit for bit in bits):064x}"


class PowerLoss(BaseException):
    """A crash the sync cannot catch (like SIGKILL): nothing after it runs."""
