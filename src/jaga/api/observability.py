"""Wire metrics, structured logs and the access log into an app: one call from create_app."""

from __future__ import annotations

from fastapi import FastAPI

from jaga.api import logging_setup, routes_metrics
from jaga.api.request_log import RequestObserver


def install(app: FastAPI) -> None:
    """Logs as `JAGA_LOG_FORMAT` says, /metrics, and the per-request observer.

    Call it after the app's other middleware is added, so the observer is the outermost
    and times (and logs) every answer, refusals included.
    """
    logging_setup.configure_from_environment()
    app.add_middleware(RequestObserver)
    app.include_router(routes_metrics.router)
