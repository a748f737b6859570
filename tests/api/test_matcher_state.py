"""The service's matcher: a backlog too big to replay is rebuilt without blocking lookups."""

from __future__ import annotations

import random
import time

import pytest

from jaga.api import matcher_state
from jaga.api.matcher_state import MatcherState
from jaga.banks.records import EntryInput
from jaga.banks.service import BankService
from jaga.detection import matcher as matcher_module
from jaga.detection.matcher import BankMatcher
from jaga.hashing.types import PdqHash


def random_pdq(rng: random.Random) -> str:
    return rng.getrandbits(256).to_bytes(32, "big").hex()


def test_a_big_backlog_is_rebuilt_outside_the_lock_then_swapped(
    bank_service: BankService, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(5)
    bank_service.create_bank("big")
    first = random_pdq(rng)
    bank_service.add_entries("big", [EntryInput("pdq", first)], source="t")
    state = MatcherState(bank_service, None, refresh_seconds=3600)
    state.start()
    deadline = time.monotonic() + 60
    while not state.ready:
        assert time.monotonic() < deadline, state.load_error
        time.sleep(0.05)
    old = state.matcher

    lock_held_while_building: list[bool] = []

    class Watched(BankMatcher):
        def __init__(self, service: BankService) -> None:
            lock_held_while_building.append(state.lock.locked())
            super().__init__(service)

    monkeypatch.setattr(matcher_module, "REBUILD_AFTER_CHANGES", 20)
    monkeypatch.setattr(matcher_state, "BankMatcher", Watched)
    added = [random_pdq(rng) for _ in range(50)]
    bank_service.add_entries("big", [EntryInput("pdq", h) for h in added], source="t")
    assert old.needs_rebuild()
    state.refresh_now()
    state.stop()

    assert lock_held_while_building == [False]  # built while lookups could go on
    assert state.matcher is not old
    for value in (first, added[0], added[-1]):
        result = state.matcher.match_signals([PdqHash(value, 100)], {}, check_quality=False)
        assert [m.bank for m in result.matches] == ["big"]
    assert not state.matcher.has_changes()
