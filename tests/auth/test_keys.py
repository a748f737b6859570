"""KeyService on both backends: secrets work once issued, are never stored, and can be revoked."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, text

from jaga.auth.errors import InvalidKey, KeyExists, KeyNotFound
from jaga.auth.keys import SCOPES, ApiKey, KeyService


class FakeClock:
    """A clock the test moves by hand, to check the once-a-minute `last_used_at` rule."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 22, 9, 0, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def service(engine: Engine, clock: FakeClock) -> KeyService:
    return KeyService(engine, clock=clock)


def test_a_new_secret_authenticates_with_its_scopes(service: KeyService) -> None:
    created, secret = service.create("worker", ["match", "hash"], rate_limit_per_minute=120)
    assert secret.startswith("jaga_") and len(secret) == 45
    assert created.key_prefix == secret[:13]

    key = service.authenticate(secret)
    assert key is not None
    assert key.name == "worker" and key.key_id == created.key_id
    assert key.scopes == frozenset({"hash", "match"})
    assert key.rate_limit_per_minute == 120
    assert key.allows("hash") and key.allows("match")
    assert not key.allows("banks:read") and not key.allows("admin")


def test_each_key_gets_its_own_random_secret(service: KeyService) -> None:
    _, first = service.create("one", ["hash"])
    _, second = service.create("two", ["hash"])
    assert first != second and first[:13] != second[:13]
    one, two = service.authenticate(first), service.authenticate(second)
    assert one is not None and one.name == "one"
    assert two is not None and two.name == "two"


def test_wrong_malformed_and_revoked_secrets_are_refused(service: KeyService) -> None:
    _, secret = service.create("worker", ["hash"])
    flipped = secret[:-1] + ("A" if secret[-1] != "A" else "B")
    same_prefix = secret[:13] + "x" * 32  # right prefix, wrong rest
    malformed: list[object] = ["", "jaga_", secret + "x", secret[:-1], " " + secret]
    malformed += ["Bearer " + secret, "jaga_" + "!" * 40, secret.encode(), None, 42]
    for wrong in [flipped, same_prefix, secret.swapcase(), *malformed]:
        assert service.authenticate(wrong) is None, wrong

    assert service.authenticate(secret) is not None
    revoked = service.revoke("worker")
    assert revoked.revoked and revoked.revoked_at is not None
    assert service.authenticate(secret) is None
    assert service.get("worker").revoked


def test_the_database_never_holds_the_secret(service: KeyService, engine: Engine) -> None:
    _, secret = service.create("worker", ["admin"])
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM api_keys")).all()
    assert len(rows) == 1
    stored = [str(value) for value in rows[0]]
    assert not any(secret in value for value in stored)
    assert not any(secret[13:21] in value for value in stored)  # no part past the prefix
    assert hashlib.sha256(secret.encode()).hexdigest() in stored  # what is kept instead


def test_listed_keys_carry_no_hash(service: KeyService) -> None:
    service.create("beta", ["banks:read"])
    service.create("alpha", ["hash", "banks:write"], rate_limit_per_minute=0)
    keys = service.list_keys()
    assert [key.name for key in keys] == ["alpha", "beta"]
    assert keys[0].rate_limit_per_minute == 0 and keys[0].scopes == {"hash", "banks:write"}
    assert "key_hash" not in ApiKey.__dataclass_fields__


def test_admin_allows_every_scope(service: KeyService) -> None:
    _, secret = service.create("root", ["admin"])
    key = service.authenticate(secret)
    assert key is not None
    assert all(key.allows(scope) for scope in SCOPES)
    with pytest.raises(ValueError, match="unknown scope 'bank:read'"):
        key.allows("bank:read")  # a typo in a caller must not pass silently


def test_names_are_unique_even_after_revocation(service: KeyService) -> None:
    service.create("worker", ["hash"])
    with pytest.raises(KeyExists, match="'worker' already exists"):
        service.create("worker", ["match"])
    service.revoke("worker")
    with pytest.raises(KeyExists):
        service.create("worker", ["hash"])


def test_bad_names_scopes_and_rate_limits_are_refused(service: KeyService) -> None:
    with pytest.raises(InvalidKey, match="unknown scope 'superuser'"):
        service.create("worker", ["hash", "superuser"])
    with pytest.raises(InvalidKey, match="at least one scope"):
        service.create("worker", [])
    with pytest.raises(InvalidKey, match="not a slug"):
        service.create("Bad Name", ["hash"])
    with pytest.raises(InvalidKey, match="rate limit -1"):
        service.create("worker", ["hash"], rate_limit_per_minute=-1)
    assert service.list_keys() == []  # nothing half-created


def test_comma_separated_and_repeated_scopes_are_one_set(service: KeyService) -> None:
    key, _ = service.create("worker", ["match,hash", " HASH ", "banks:read"])
    assert key.scopes == frozenset({"hash", "match", "banks:read"})


def test_unknown_names_raise_key_not_found_naming_the_known_keys(service: KeyService) -> None:
    with pytest.raises(KeyNotFound, match="there are no API keys yet"):
        service.revoke("missing")
    service.create("worker", ["hash"])
    with pytest.raises(KeyNotFound, match=r"no API key named 'missing' \(known keys: worker\)"):
        service.get("missing")


def test_revoking_twice_keeps_the_first_time(service: KeyService, clock: FakeClock) -> None:
    service.create("worker", ["hash"])
    first = service.revoke("worker").revoked_at
    clock.advance(3600)
    assert service.revoke("worker").revoked_at == first == service.get("worker").revoked_at


def test_last_used_at_is_written_at_most_once_a_minute(
    service: KeyService, clock: FakeClock
) -> None:
    created, secret = service.create("worker", ["hash"])
    assert created.last_used_at is None
    first_use = clock.now

    assert service.authenticate(secret) is not None
    assert service.get("worker").last_used_at == first_use

    clock.advance(59)
    key = service.authenticate(secret)
    assert key is not None and key.last_used_at == first_use
    assert service.get("worker").last_used_at == first_use  # no write within the minute

    clock.advance(1)
    key = service.authenticate(secret)
    assert key is not None and key.last_used_at == clock.now
    assert service.get("worker").last_used_at == clock.now
