"""The FastAPI application: routers, shared state, and the guards every request passes."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse

from jaga import __version__
from jaga.api import observability, routes_banks, routes_content, routes_health
from jaga.api.matcher_state import MatcherState
from jaga.api.security import Gatekeeper
from jaga.api.settings import ServiceSettings
from jaga.auth.keys import KeyService
from jaga.banks.service import BankService
from jaga.config import data_dir
from jaga.store import create_engine_for

_MULTIPART_OVERHEAD = 64 * 1024  # headers and boundaries around an upload's bytes

ROOT_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Jaga</title></head>
<body>
<h1>Jaga {version}</h1>
<p>Hash and match known child-abuse content by its hashes. Every call needs an API key
(<code>jaga keys create NAME --scope hash --scope match</code>), sent as
<code>Authorization: Bearer &lt;key&gt;</code>.</p>
<ul>
<li><a href="/docs">/docs</a>: the API, interactive; <a href="/openapi.json">/openapi.json</a></li>
<li><code>POST /v1/hash</code>, <code>POST /v1/match</code>,
<code>POST /v1/hash-and-match</code></li>
<li><code>/v1/banks</code>: list, create, add and remove entries, enable, disable</li>
<li><a href="/healthz">/healthz</a> and <a href="/readyz">/readyz</a></li>
</ul>
</body></html>
"""


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    """Build the app; the index loads in the background once the server starts."""
    settings = settings or ServiceSettings.from_environment()
    engine = create_engine_for(settings.database_url)
    state = MatcherState(BankService(engine), data_dir() / "index", settings.refresh_seconds)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        state.start()
        yield
        state.stop()

    app = FastAPI(
        title="Jaga",
        version=__version__,
        description="Hash and match known content against hash lists (banks).",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.matcher = state
    app.state.gatekeeper = Gatekeeper(KeyService(engine), settings.key_cache_seconds)

    @app.middleware("http")
    async def refuse_oversized(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        """Refuse a body that announces itself too large before reading a byte of it."""
        declared = request.headers.get("content-length")
        limit = settings.max_upload_bytes + _MULTIPART_OVERHEAD
        if declared and declared.isdigit() and int(declared) > limit:
            return JSONResponse(
                {"detail": f"upload larger than the limit of {settings.max_upload_bytes:,} bytes"},
                status_code=413,
            )
        return await call_next(request)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def root() -> str:
        return ROOT_PAGE.format(version=__version__)

    app.include_router(routes_health.router)
    app.include_router(routes_content.router)
    app.include_router(routes_banks.router)
    observability.install(app)  # last: its middleware wraps everything above
    return app
