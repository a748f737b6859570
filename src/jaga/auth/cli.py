"""`jaga keys ...`: a thin shell over KeyService.

The secret of a new key goes to stdout alone (`KEY=$(jaga keys create ...)` works); what
surrounds it goes to stderr. Errors are one-line messages with exit code 2. Secrets and
their hashes are never printed anywhere else.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING

import typer
from rich import box
from rich.console import Console
from rich.table import Column, Table

from jaga.auth.errors import AuthError
from jaga.auth.scopes import SCOPES
from jaga.terminal import errors, fail

if TYPE_CHECKING:
    from jaga.auth.keys import ApiKey, KeyService

keys_app = typer.Typer(help="API keys for the HTTP service: create, list, revoke.")
console = Console()
WIDE_TABLE_COLUMNS = 110  # below this, `keys list` stacks the three times in one column


def register(app: typer.Typer) -> None:
    """Add the `keys` command group to the `jaga` app."""
    app.add_typer(keys_app, name="keys")


def _service() -> KeyService:
    """Imported here: SQLAlchemy and Alembic take a second to load, `--help` needs neither."""
    from jaga.auth.keys import KeyService
    from jaga.store import create_engine_for

    return KeyService(create_engine_for())


@contextmanager
def _friendly_errors() -> Iterator[None]:
    try:
        yield
    except AuthError as error:
        fail(str(error), 2)


@keys_app.command("create")
def create(
    name: str = typer.Argument(..., help="slug: lower-case letters, digits, '-' and '_'"),
    scope: list[str] = typer.Option(
        [], "--scope", help=f"repeatable; one of {', '.join(SCOPES)} (admin allows all)"
    ),
    scopes: str = typer.Option("", "--scopes", help="comma-separated, e.g. hash,match"),
    rate_limit: int = typer.Option(6000, "--rate-limit", help="requests per minute; 0: unlimited"),
) -> None:
    """Create a key and print its secret, once."""
    with _friendly_errors():
        key, secret = _service().create(name, [*scope, scopes], rate_limit_per_minute=rate_limit)
    errors.print(f"created API key [bold]{key.name}[/bold] ({_summary(key)})", highlight=False)
    console.print(secret, markup=False, highlight=False, soft_wrap=True)
    errors.print(
        "This secret cannot be shown again: store it now. Jaga keeps only its hash; "
        f"if it is lost, revoke the key (`jaga keys revoke {key.name}`) and create another.",
        highlight=False,
    )


@keys_app.command("list")
def list_keys() -> None:
    """List keys: name, prefix, scopes, rate limit and when they were created, used, revoked."""
    with _friendly_errors():
        keys = _service().list_keys()
    if not keys:
        console.print("no API keys yet; create one with `jaga keys create NAME --scope hash`")
        return
    console.print(_keys_table(keys, wide=console.width >= WIDE_TABLE_COLUMNS))


@keys_app.command("revoke")
def revoke(name: str = typer.Argument(...)) -> None:
    """Refuse a key from now on (its name stays taken)."""
    with _friendly_errors():
        service = _service()
        before = service.get(name)
        key = service.revoke(name)
    if before.revoked:
        console.print(f"API key {key.name} was already revoked on {_when(key.revoked_at)} UTC")
    else:
        console.print(f"revoked API key {key.name}; requests with it are refused from now on")


def _keys_table(keys: list[ApiKey], *, wide: bool) -> Table:
    """One row per key. Three timestamps do not fit beside the rest in 80 columns, so a
    narrow terminal gets them stacked in one cell instead of cut off."""
    columns = [
        Column("name", no_wrap=True),  # scripts read names: never cut them
        Column("prefix", no_wrap=True),
        Column("scopes", min_width=11),
        Column("per min", justify="right", no_wrap=True),
    ]
    if wide:
        columns += [Column(title, no_wrap=True) for title in ("created", "last used", "revoked")]
    else:
        columns.append(Column("when", min_width=16))
    table = Table(
        *columns,
        box=box.SIMPLE_HEAD,
        show_edge=False,
        collapse_padding=True,
        caption="times in UTC; per min: requests per minute allowed",
    )
    for key in keys:
        times: tuple[str, ...] = (
            _when(key.created_at),
            _when(key.last_used_at) or "never",
            _when(key.revoked_at),
        )
        if not wide:
            labelled = zip(("created", "used", "revoked"), times, strict=True)
            times = ("\n".join(f"{label} {moment}" for label, moment in labelled if moment),)
        table.add_row(
            key.name,
            key.key_prefix,
            ", ".join(scope for scope in SCOPES if scope in key.scopes),
            _rate_limit(key).removesuffix("/min"),
            *times,
        )
    return table


def _summary(key: ApiKey) -> str:
    return f"scopes {_scopes(key)}; rate limit {_rate_limit(key)}; prefix {key.key_prefix}"


def _scopes(key: ApiKey) -> str:
    return ",".join(scope for scope in SCOPES if scope in key.scopes)


def _rate_limit(key: ApiKey) -> str:
    limit = key.rate_limit_per_minute
    return "unlimited" if limit == 0 else f"{limit:,}/min"


def _when(moment: datetime | None) -> str:
    return "" if moment is None else f"{moment:%Y-%m-%d %H:%M}"
