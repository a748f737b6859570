"""Run `jaga`'s API as a real Uvicorn process on loopback, for tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from jaga.auth.keys import KeyService
from jaga.banks.service import BankService
from jaga.store import create_engine_for


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    url: str
    keys: KeyService
    banks: BankService
    log_path: Path

    def client(self, key: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30)


@contextmanager
def running_server(
    database_url: str, folder: Path, env: Mapping[str, str] | None = None
) -> Iterator[Server]:
    """Start the server, wait until /readyz says the index is loaded, stop it afterwards."""
    engine = create_engine_for(database_url)
    port = free_port()
    full_env = dict(
        os.environ,
        JAGA_DATABASE_URL=database_url,
        JAGA_DATA_DIR=str(folder / "data"),
        JAGA_LOG_FORMAT="json",  # as `jaga serve` sets it, so Jaga's own lines are logged
        **(env or {}),
    )
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "jaga.api.app:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "info",
    ]
    log_path = folder / "server.log"
    log = log_path.open("w")
    process = subprocess.Popen(command, env=full_env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(log_path.read_text())
            time.sleep(0.1)
        yield Server(url, KeyService(engine), BankService(engine), log_path)
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
        engine.dispose()
