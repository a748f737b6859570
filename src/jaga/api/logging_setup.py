"""Structured logs for the service: one JSON object a line (or key=value on a terminal).

Everything goes through the standard `logging` module, rendered by structlog: Jaga's own
events (`get_logger`), Uvicorn's messages and library warnings alike, so one collector
parses one format. Configured from the environment because Uvicorn's worker processes
build the app themselves: `jaga serve` sets `JAGA_LOG_FORMAT` and every worker reads it.

Hash lists are sensitive, so any run of 32 or more hex digits (an MD5, SHA-1, SHA-256 or
PDQ hash) is replaced before a line is written, whatever logged it: a database error
quoting an SQL parameter, an exception message naming a bad digest, a client's header.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import MutableMapping
from typing import Any

import structlog

LOG_FORMAT_ENV = "JAGA_LOG_FORMAT"
LOG_LEVEL_ENV = "JAGA_LOG_LEVEL"
FORMATS = ("json", "console")

_HEX_RUN = re.compile(r"[0-9A-Fa-f]{32,}")  # anywhere, even inside a word: "0x" + hash
REDACTED = "[hex redacted]"


def redact_hex(text: str) -> str:
    """`text` with every run of 32+ hex digits (a hash) replaced by a marker."""
    return _HEX_RUN.sub(REDACTED, text)


def _redacted(value: Any) -> Any:
    if isinstance(value, str):
        return redact_hex(value)
    if isinstance(value, dict):
        return {key: _redacted(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_redacted(item) for item in value]
    if isinstance(value, (int, float, bool)) or value is None:
        return value
    return redact_hex(str(value))


def _redact(_logger: Any, _name: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """structlog processor: redact hashes from every value of the event, at any depth.

    Also drops Uvicorn's `color_message` (the message again, with terminal colour codes).
    """
    event.pop("color_message", None)
    for key, value in event.items():
        event[key] = _redacted(value)
    return event


def _shared_processors() -> list[Any]:
    return [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.stdlib.ExtraAdder(),
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        _add_worker,
    ]


def _add_worker(
    _logger: Any, _name: str, event: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    event.setdefault("worker", os.getpid())
    return event


def _route_structlog_to_stdlib() -> None:
    """structlog loggers hand their events to `logging`, where the one handler renders them.

    Safe to call when nothing else is configured: without a handler, `logging` drops
    info-level events, so an app built in a test prints nothing unasked.
    """
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *_shared_processors(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


def chosen_format(raw: str | None = None) -> str:
    """'json' or 'console' from `JAGA_LOG_FORMAT`; 'auto' or unset: console on a terminal."""
    value = (raw if raw is not None else os.environ.get(LOG_FORMAT_ENV, "")).strip().lower()
    if value in ("", "auto"):
        return "console" if sys.stderr.isatty() else "json"
    if value not in FORMATS:
        raise SystemExit(
            f"error: {LOG_FORMAT_ENV}={value!r} is not a log format; use json, console or auto"
        )
    return value


_active_format: str | None = None
_handler: logging.StreamHandler[Any] | None = None


def active_format() -> str | None:
    """The format `configure_logging` set up ('json' or 'console'), None if it did not run."""
    return _active_format


def write_line(line: str) -> None:
    """Write an already rendered line where the log handler writes, under its lock, so it
    never interleaves with lines that went through `logging`."""
    handler = _handler
    if handler is None:
        return
    handler.acquire()
    try:
        handler.stream.write(line + "\n")
        handler.flush()
    finally:
        handler.release()


def configure_logging(log_format: str = "json", level: str | None = None) -> None:
    """Send every log record to stderr as JSON lines ('json') or key=value ('console').

    Uvicorn's own access log is silenced: the service writes one access line per request
    itself (jaga.api.request_log), with the route template and the caller's key name.
    """
    _route_structlog_to_stdlib()
    renderer: Any
    if log_format == "console":
        renderer = structlog.dev.ConsoleRenderer(
            colors=sys.stderr.isatty(), exception_formatter=structlog.dev.plain_traceback
        )
    else:
        renderer = structlog.processors.JSONRenderer()
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=_shared_processors(),
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            # Tracebacks as plain text (never with local variables, which may hold hashes).
            structlog.processors.format_exc_info,
            _redact,
            renderer,
        ],
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel((level or os.environ.get(LOG_LEVEL_ENV) or "INFO").upper())
    for name in ("uvicorn", "uvicorn.error"):
        uvicorn_logger = logging.getLogger(name)
        uvicorn_logger.handlers.clear()
        uvicorn_logger.propagate = True
    access = logging.getLogger("uvicorn.access")
    access.handlers.clear()
    access.propagate = False
    global _active_format, _handler
    _active_format, _handler = log_format, handler


def configure_from_environment() -> None:
    """What each worker does when it builds the app: structured logs if `jaga serve` (or
    the operator) set `JAGA_LOG_FORMAT`; otherwise leave logging as the host set it up."""
    _route_structlog_to_stdlib()
    if os.environ.get(LOG_FORMAT_ENV):
        configure_logging(chosen_format())


def get_logger(name: str) -> Any:
    """A structlog logger: `log.info("event.name", key=value, ...)`."""
    return structlog.stdlib.get_logger(name)
