"""Who may call the HMA-compatible endpoints: a key with the right scopes, or, where the
operator opened it, any caller from a named network.

HMA has no authentication and Coop sends none, so Coop can only use Jaga if either a
key-adding proxy stands in front, or the operator opens these endpoints to Coop's network
(`JAGA_HMA_OPEN_NETWORKS`, e.g. `10.0.3.0/24`). Such calls carry no key, so the access
line of each (jaga.api.request_log) names its source address and the open network it came
through; nothing is open by default.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Awaitable, Callable

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from jaga.api.security import Gatekeeper, secret_from
from jaga.api.settings import ServiceSettings


def open_network_of(request: Request) -> str | None:
    """The configured open network the caller is in, if it sent no key and is in one."""
    client = request.client
    return open_network_for(request.app.state.settings, client.host if client else None)


def open_network_for(settings: ServiceSettings, host: str | None) -> str | None:
    """The configured open network that holds the address `host`, if any."""
    if not settings.hma_open_networks or host is None:
        return None
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None
    for network in settings.hma_open_networks:
        if address in network:
            return str(network)
    return None


def hma_access(*scopes: str) -> Callable[[Request], Awaitable[str]]:
    """A dependency: who the caller is (key name or open network), checked for `scopes`."""

    async def dependency(request: Request) -> str:
        if secret_from(request) is None:
            network = open_network_of(request)
            if network is not None:
                request.state.open_network = network  # for the access log line
                return f"no key, open network {network}"
        gatekeeper: Gatekeeper = request.app.state.gatekeeper
        key = gatekeeper.cached_check(request, scopes)
        if key is None:
            key = await run_in_threadpool(gatekeeper.check, request, scopes)
        return f"key {key.name}"

    return dependency
