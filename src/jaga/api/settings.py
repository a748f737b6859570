"""What an operator can set for `jaga serve`, from the environment.

Environment variables (not a config file) because the service runs under process
managers and containers, where that is the convention.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from jaga.actions.settings import DeliverySettings
from jaga.net.fetch import FetchPolicy, IpNetwork


def _float_env(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return float(raw)
    except ValueError:
        raise SystemExit(f"error: {name}={raw!r} is not a number") from None


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"error: {name}={raw!r} is not a whole number") from None


def _networks_env(name: str) -> tuple[IpNetwork, ...]:
    try:
        return FetchPolicy.parse_networks(os.environ.get(name, ""))
    except ValueError as error:
        raise SystemExit(f"error: {name}: {error}") from None


@dataclass(frozen=True, slots=True)
class ServiceSettings:
    """Limits and timings of the service; defaults suit one machine in front of a platform."""

    database_url: str | None = None  # None: jaga.config.database_url()
    max_upload_bytes: int = 50 * 2**20
    refresh_seconds: float = 1.0  # how soon bank changes made elsewhere become visible
    key_cache_seconds: float = 10.0  # how long a checked key is trusted without the database
    # Callers from these networks may use the HMA-compatible endpoints without a key (HMA
    # clients such as Coop send none). Empty: a key is always needed.
    hma_open_networks: tuple[IpNetwork, ...] = ()
    # Networks that `?url=` fetches may reach although not public (default: none).
    fetch_allow_networks: tuple[IpNetwork, ...] = ()
    fetch_allowed_hosts: frozenset[str] = field(default_factory=frozenset)
    fetch_timeout_seconds: float = 30.0
    webhooks: DeliverySettings = field(default_factory=DeliverySettings)  # JAGA_WEBHOOK_*
    # Answer ordinary /v1/match and /m/lookup calls before FastAPI's routing
    # (jaga.api.fast_paths). Off (JAGA_FAST_PATHS=0) only to compare or to rule them out.
    fast_paths: bool = True
    share_pull_seconds: float = 0.0  # pull partner feeds this often (0: only `jaga share pull`)
    # Send reviewers' verdicts to NCMEC/StopNCII/ThreatExchange this often (0: only by
    # `jaga sync feedback`).
    sync_feedback_seconds: float = 30.0

    @classmethod
    def from_environment(cls) -> ServiceSettings:
        return cls(
            database_url=os.environ.get("JAGA_DATABASE_URL") or None,
            max_upload_bytes=_int_env("JAGA_MAX_UPLOAD_BYTES", 50 * 2**20),
            refresh_seconds=_float_env("JAGA_REFRESH_SECONDS", 1.0),
            webhooks=DeliverySettings.from_environment(),
            hma_open_networks=_networks_env("JAGA_HMA_OPEN_NETWORKS"),
            fetch_allow_networks=_networks_env("JAGA_FETCH_ALLOW_NETWORKS"),
            fetch_allowed_hosts=frozenset(
                host.strip().lower()
                for host in os.environ.get("JAGA_FETCH_ALLOWED_HOSTS", "").split(",")
                if host.strip()
            ),
            fetch_timeout_seconds=_float_env("JAGA_FETCH_TIMEOUT_SECONDS", 30.0),
            fast_paths=os.environ.get("JAGA_FAST_PATHS", "1").strip().lower()
            not in {"0", "false", "no", "off"},
            share_pull_seconds=_float_env("JAGA_SHARE_PULL_SECONDS", 0.0),
            sync_feedback_seconds=_float_env("JAGA_SYNC_FEEDBACK_SECONDS", 30.0),
        )

    @property
    def fetch_policy(self) -> FetchPolicy:
        return FetchPolicy(
            max_bytes=self.max_upload_bytes,
            timeout_seconds=self.fetch_timeout_seconds,
            allow_networks=self.fetch_allow_networks,
            allowed_hosts=self.fetch_allowed_hosts,
        )
