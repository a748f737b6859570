"""The FastAPI application: routers, shared state, and the guards every request passes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from jaga import __version__
from jaga.actions.outbox import backlog_counts
from jaga.actions.runtime import ActionRuntime
from jaga.api import (
    hma,
    metrics,
    observability,
    routes_actions,
    routes_banks,
    routes_content,
    routes_health,
    routes_share,
)
from jaga.api.fast_paths import FastPaths
from jaga.api.matcher_state import MatcherState
from jaga.api.security import Gatekeeper
from jaga.api.settings import ServiceSettings
from jaga.auth.keys import KeyService
from jaga.banks.service import BankService
from jaga.config import data_dir
from jaga.exchange.connectors.feedback_sender import FeedbackSender
from jaga.sharing.puller import FeedPuller
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
<li><code>/v1/banks/&lt;name&gt;/actions</code> (webhook, review, auto-block on a match) and
<code>/v1/review-items</code></li>
<li><code>/v1/share/feeds</code>: banks shared with a partner (scope <code>share:read</code>)</li>
<li><code>/metrics</code> for Prometheus (a key with scope <code>metrics</code>)</li>
<li><a href="/healthz">/healthz</a> and <a href="/readyz">/readyz</a></li>
<li>HMA-compatible: <code>/h/hash</code>, <code>/m/lookup</code>, <code>/c/banks</code>,
<code>/c/bank/&lt;name&gt;</code>, <code>/status</code> (see docs/hma.md)</li>
</ul>
</body></html>
"""


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    """Build the app; the index loads in the background once the server starts."""
    settings = settings or ServiceSettings.from_environment()
    engine = create_engine_for(settings.database_url)
    actions = ActionRuntime(engine, settings.webhooks, settings.refresh_seconds)
    state = MatcherState(
        BankService(engine),
        data_dir() / "index",
        settings.refresh_seconds,
        before_refresh=lambda: actions.refresh_rules(keep_renamed=True),
    )
    metrics.set_backlog_source(lambda: backlog_counts(engine))
    puller = FeedPuller(engine, settings.share_pull_seconds)
    verdicts = FeedbackSender(engine, settings.sync_feedback_seconds)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        state.start()
        actions.start()  # webhook delivery runs in every worker; claims never overlap
        puller.start()  # partner feeds, if JAGA_SHARE_PULL_SECONDS asks for it
        verdicts.start()  # reviewers' verdicts back to the sources they came from
        yield
        verdicts.stop()
        puller.stop()
        actions.stop()
        state.stop()

    app = FastAPI(
        title="Jaga",
        version=__version__,
        description="Hash and match known content against hash lists (banks).",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.matcher = state
    app.state.actions = actions
    app.state.gatekeeper = Gatekeeper(KeyService(engine), settings.key_cache_seconds)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: Exception) -> Response:
        """HMA's error body is `{"message": ...}`; Jaga's own API keeps FastAPI's `detail`."""
        assert isinstance(error, StarletteHTTPException)
        if hma.is_hma_path(request.url.path):
            return JSONResponse(
                {"message": error.detail}, status_code=error.status_code, headers=error.headers
            )
        return await http_exception_handler(request, error)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: Exception) -> Response:
        """HMA (flask-openapi3) answers a schema error with 422 and a bare list of errors."""
        assert isinstance(error, RequestValidationError)
        if hma.is_hma_path(request.url.path):
            return JSONResponse(jsonable_encoder(error.errors()), status_code=422)
        return await request_validation_exception_handler(request, error)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def root() -> str:
        return ROOT_PAGE.format(version=__version__)

    app.include_router(routes_health.router)
    app.include_router(routes_content.router)
    app.include_router(routes_banks.router)
    app.include_router(routes_actions.router)
    app.include_router(routes_share.router)
    app.include_router(hma.router)
    if settings.fast_paths:
        app.add_middleware(FastPaths)  # innermost: after the size guard, logs and metrics
    app.add_middleware(RefuseOversized, limit=settings.max_upload_bytes)
    observability.install(app)  # its middleware wraps everything above
    app.add_middleware(MergeSlashes)  # outermost: metrics and logs see the merged path
    return app


class RefuseOversized:
    """Refuse a body that announces itself too large before reading a byte of it.

    Plain ASGI (as every middleware here): Starlette's `@app.middleware("http")` wrapping
    costs a noticeable share of a one-millisecond lookup.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit
        self.message = f"upload larger than the limit of {limit:,} bytes"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            for name, value in scope["headers"]:
                if name == b"content-length":
                    if value.isdigit() and int(value) > self.limit + _MULTIPART_OVERHEAD:
                        key = "message" if hma.is_hma_path(scope["path"]) else "detail"
                        refusal = JSONResponse({key: self.message}, status_code=413)
                        await refusal(scope, receive, send)
                        return
                    break
        await self.app(scope, receive, send)


class MergeSlashes:
    """Read `//c/banks` as `/c/banks`, as HMA's server does.

    Coop joins its default base URL (`http://host:9876/`) and `/c/...` into a path with a
    double slash. A 404 there would make Coop delete its bank records, so repeated
    slashes are merged before routing, for every path.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and "//" in scope["path"]:
            scope = dict(scope)
            scope["path"] = _merge_slashes(scope["path"])
            scope["raw_path"] = _merge_slashes(scope.get("raw_path", b"").decode("latin-1")).encode(
                "latin-1"
            )
        await self.app(scope, receive, send)


def _merge_slashes(path: str) -> str:
    while "//" in path:
        path = path.replace("//", "/")
    return path
