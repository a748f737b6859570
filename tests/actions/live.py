"""Real processes for the actions tests: a `jaga` API server that can be killed and
restarted on the same database, and a webhook receiver on loopback that records every
request and answers as told (ok, fail, or hold the request open)."""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
from PIL import Image


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def jpeg(image: Image.Image, quality: int = 90) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    """Poll until `condition` holds; fail naming `what` after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {seconds} s waiting for {what}")
        time.sleep(0.02)


class JagaServer:
    """`uvicorn jaga.api.app:create_app` in a subprocess; `kill()` is SIGKILL, no goodbye."""

    def __init__(self, database_url: str, folder: Path, env: dict[str, str]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.folder = folder
        self.env = dict(
            os.environ,
            JAGA_DATABASE_URL=database_url,
            JAGA_DATA_DIR=str(folder / "data"),
            JAGA_WEBHOOK_ALLOW_PRIVATE="1",  # the receiver is on loopback
            **env,
        )
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self) -> None:
        self.starts += 1
        log = (self.folder / f"server-{self.starts}.log").open("w")
        command = [sys.executable, "-m", "uvicorn", "jaga.api.app:create_app", "--factory"]
        command += ["--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning"]
        self.process = subprocess.Popen(command, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"{self.url}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(self.log())
            time.sleep(0.1)

    def log(self) -> str:
        return "".join(p.read_text() for p in sorted(self.folder.glob("server-*.log")))

    def kill(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def client(self, key: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30)


@dataclass
class Delivery:
    path: str
    headers: dict[str, str]
    body: bytes
    at: float

    @property
    def event_id(self) -> str:
        return self.headers["idempotency-key"]

    @property
    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Receiver:
    """A webhook receiver that processes each event once, deduplicating on its
    Idempotency-Key, as docs/actions.md tells receivers to.

    Paths: /ok answers 200; /flaky answers 500 to the first two tries of each event, then
    200; /down always 500. While `holding` is set every request is held open (after it was
    recorded and processed) until `release` is set: the answer then goes nowhere if the
    sender died meanwhile.
    """

    deliveries: list[Delivery] = field(default_factory=list)
    processed: dict[str, Delivery] = field(default_factory=dict)
    holding: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> Receiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", "0")))
                headers = {k.lower(): v for k, v in self.headers.items()}
                delivery = Delivery(self.path, headers, body, time.monotonic())
                with receiver.lock:
                    receiver.deliveries.append(delivery)
                    tries = sum(1 for d in receiver.deliveries if d.event_id == delivery.event_id)
                    status = {"/ok": 200, "/down": 500}.get(self.path, 500 if tries <= 2 else 200)
                    if status == 200:
                        receiver.processed.setdefault(delivery.event_id, delivery)
                if receiver.holding.is_set():
                    receiver.release.wait(60)
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                except OSError:
                    pass  # the sender is gone (killed while we held the request)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.release.set()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def of(self, event_id: str) -> list[Delivery]:
        with self.lock:
            return [d for d in self.deliveries if d.event_id == event_id]

    def distinct_ids(self) -> set[str]:
        with self.lock:
            return {d.event_id for d in self.deliveries}
