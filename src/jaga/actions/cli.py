"""`jaga bank actions`, `jaga review ...` and `jaga webhooks ...`: thin shells over jaga.actions.

Errors are one-line messages with exit code 2 (unknown bank, bad setting). A generated
webhook secret goes to stdout alone (`SECRET=$(jaga bank actions B --webhook URL
--generate-secret)` works), like a new API key; stored secrets are never printed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import datetime
from typing import TYPE_CHECKING

import typer
from rich import box
from rich.console import Console
from rich.table import Column, Table

from jaga.actions.errors import ActionError
from jaga.banks.errors import BankError
from jaga.terminal import errors, exit_quietly_on_broken_pipe, fail, plural

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from jaga.actions.review import ReviewItem
    from jaga.actions.rules import BankActions

review_app = typer.Typer(help="Review items: content that matched a bank asking for review.")
webhooks_app = typer.Typer(help="Webhook events: list them, requeue dead-lettered ones.")
console = Console()
WIDE_TABLE_COLUMNS = 120  # below this, `webhooks list` leaves out the creation time


def register(app: typer.Typer) -> None:
    """Add `jaga bank actions`, `jaga review` and `jaga webhooks` to the `jaga` app."""
    from jaga.banks.cli import bank_app

    bank_app.command("actions")(bank_actions)
    app.add_typer(review_app, name="review")
    app.add_typer(webhooks_app, name="webhooks")


def _engine() -> Engine:
    """Imported here: SQLAlchemy and Alembic take a second to load, `--help` needs neither."""
    from jaga.store import create_engine_for

    return create_engine_for()


@contextmanager
def _friendly_errors() -> Iterator[None]:
    try:
        yield
    except (ActionError, BankError) as error:
        fail(str(error), 2)


def bank_actions(
    name: str = typer.Argument(..., help="the bank"),
    webhook: str | None = typer.Option(
        None, "--webhook", help="receiver URL (https://...) for a signed POST on each match"
    ),
    no_webhook: bool = typer.Option(False, "--no-webhook", help="stop sending webhooks"),
    secret_env: str | None = typer.Option(
        None, "--secret-env", help="name of an environment variable holding the signing secret"
    ),
    generate_secret: bool = typer.Option(
        False, "--generate-secret", help="make a signing secret and print it once, on stdout"
    ),
    review: bool | None = typer.Option(
        None, "--review/--no-review", help="store a review item for each matching content"
    ),
    auto_block: bool | None = typer.Option(
        None, "--auto-block/--no-auto-block", help="answer auto_block: true for matches"
    ),
) -> None:
    """Show or change what a match in a bank triggers: webhook, review item, auto-block.

    Without options it shows the current rules. The secret is taken from an environment
    variable (never the command line, which other users can see in `ps`) or generated.
    Private and loopback receivers need JAGA_WEBHOOK_ALLOW_PRIVATE=1.
    """
    from jaga.actions.rules import ActionService
    from jaga.actions.settings import DeliverySettings

    secret: str | None = None
    if secret_env is not None:
        secret = os.environ.get(secret_env)
        if not secret:
            fail(f"environment variable {secret_env} is not set or empty", 2)
    changing = (
        webhook is not None
        or no_webhook
        or secret is not None
        or generate_secret
        or review is not None
        or auto_block is not None
    )
    with _friendly_errors():
        allow_private = DeliverySettings.from_environment().allow_private_targets
        service = ActionService(_engine(), allow_private_targets=allow_private)
        if not changing:
            _print_actions(service.get(name))
            return
        actions, generated = service.set(
            name,
            webhook_url=webhook,
            remove_webhook=no_webhook,
            webhook_secret=secret,
            generate_secret=generate_secret,
            review=review,
            auto_block=auto_block,
        )
    if generated is not None:
        console.print(generated, markup=False, highlight=False, soft_wrap=True)
        errors.print(
            "This signing secret cannot be shown again: give it to the receiver now. "
            f"To replace it: `jaga bank actions {name} --generate-secret`.",
            highlight=False,
        )
    _print_actions(actions, out=errors if generated is not None else console)
    errors.print("running servers apply the change within about a second", highlight=False)


def _print_actions(actions: BankActions, out: Console | None = None) -> None:
    out = out or console
    webhook = actions.webhook_url or "none"
    if actions.webhook_url is not None:
        webhook += " (signed; secret set)" if actions.webhook_secret_set else " (NO SECRET)"
    out.print(f"bank {actions.bank_name} actions:", markup=False, highlight=False)
    out.print(f"  webhook     {webhook}", markup=False, highlight=False)
    out.print(f"  review      {'on' if actions.review else 'off'}", highlight=False)
    out.print(f"  auto-block  {'on' if actions.auto_block else 'off'}", highlight=False)


@review_app.command("list")
def review_list(
    status: str = typer.Option("open", "--status", help="open | closed | all"),
    bank: str | None = typer.Option(None, "--bank", help="only this bank"),
    limit: int = typer.Option(100, "--limit", min=1, max=1000),
    as_json: bool = typer.Option(False, "--json", help="JSON lines with every detail"),
) -> None:
    """Review items, oldest first."""
    from jaga.actions import review

    with _friendly_errors(), exit_quietly_on_broken_pipe():
        chosen = None if status == "all" else status
        items = review.list_items(_engine(), status=chosen, bank_name=bank, limit=limit)
        if as_json:
            for item in items:
                print(json.dumps(_item_json(item), sort_keys=True))
            return
        if not items:
            console.print(f"no {'' if chosen is None else chosen + ' '}review items")
            return
        table = Table(
            Column("id", justify="right", no_wrap=True),
            Column("bank", no_wrap=True),
            "status",
            "matched",
            Column("seen", justify="right"),
            Column("first seen (UTC)", no_wrap=True),
            box=box.SIMPLE_HEAD,
            show_edge=False,
        )
        for item in items:
            table.add_row(
                str(item.item_id),
                item.bank_name,
                item.status,
                _matched(item.matches),
                str(item.seen_count),
                _when(item.created_at),
            )
        console.print(table)
        console.print(plural(len(items), "item"))


@review_app.command("close")
def review_close(
    item_id: int = typer.Argument(..., help="the item's id (see `jaga review list`)"),
    decision: str = typer.Option(..., "--decision", help="what you found, e.g. 'confirmed'"),
    verdict: str | None = typer.Option(
        None,
        "--verdict",
        help="confirmed | rejected: tell the matched entries' sources (NCMEC, StopNCII, "
        "ThreatExchange) through the feedback queue",
    ),
    reason: str = typer.Option(
        "", "--reason", help="with --verdict rejected: the source's reason (NCMEC GUID or name)"
    ),
) -> None:
    """Close a review item with your decision, and optionally a verdict for the sources."""
    from jaga.actions import review
    from jaga.exchange.connectors.feedback import queued_for_item

    with _friendly_errors():
        engine = _engine()
        item = review.close_item(engine, item_id, decision, verdict=verdict, reason=reason)
    console.print(f"closed review item {item.item_id} ({item.bank_name})", highlight=False)
    if verdict is not None:
        queued = queued_for_item(engine, item_id)
        console.print(
            f"{plural(queued, 'verdict')} queued for upstream sources; "
            "`jaga sync feedback` sends them",
            highlight=False,
        )


@webhooks_app.command("list")
def webhooks_list(
    status: str | None = typer.Option(None, "--status", help="pending | delivered | dead"),
    bank: str | None = typer.Option(None, "--bank", help="only this bank"),
    limit: int = typer.Option(50, "--limit", min=1, max=10_000),
) -> None:
    """Webhook events, newest first, with their last error (never their payload)."""
    from jaga.actions import outbox

    if status is not None and status not in outbox.STATUSES:
        fail(f"unknown status {status!r}; use one of {', '.join(outbox.STATUSES)}", 2)
    with exit_quietly_on_broken_pipe():
        engine = _engine()
        events = outbox.list_events(engine, status=status, bank_name=bank, limit=limit)
        counts = outbox.backlog_counts(engine)
        if events:
            wide = console.width >= WIDE_TABLE_COLUMNS  # else the error would be squeezed out
            columns = [
                Column("event", no_wrap=True),  # scripts pass ids to `retry`: never cut them
                Column("bank", no_wrap=True),
                Column("status"),
                Column("tries", justify="right"),
            ]
            if wide:
                columns.append(Column("created (UTC)", no_wrap=True))
            columns.append(Column("last error", min_width=12, overflow="fold"))
            table = Table(*columns, box=box.SIMPLE_HEAD, show_edge=False)
            for event in events:
                created = [_when(event.created_at)] if wide else []
                table.add_row(
                    event.event_id,
                    event.bank_name,
                    event.status,
                    str(event.attempts),
                    *created,
                    event.last_error,
                )
            console.print(table)
        console.print(f"{counts['pending']:,} pending, {counts['dead']:,} dead in the outbox")


@webhooks_app.command("retry")
def webhooks_retry(
    event_ids: list[str] = typer.Argument(None, help="dead events to requeue"),
    all_dead: bool = typer.Option(False, "--all-dead", help="requeue every dead event"),
) -> None:
    """Requeue dead-lettered events with a fresh set of attempts (e.g. after fixing a URL)."""
    from jaga.actions import outbox

    if bool(event_ids) == all_dead:
        fail("name the dead events to retry, or give --all-dead", 2)
    requeued = outbox.retry_dead(_engine(), None if all_dead else event_ids)
    console.print(f"requeued {plural(requeued, 'dead event')}; running servers send them soon")


def _matched(matches: list[dict[str, object]]) -> str:
    parts = []
    for match in matches[:3]:
        category = f" {match['category']}" if match.get("category") else ""
        parts.append(f"#{match['entry_id']}{category} d{match['distance']}")
    more = f" +{len(matches) - 3}" if len(matches) > 3 else ""
    return ", ".join(parts) + more


def _item_json(item: ReviewItem) -> dict[str, object]:
    data = asdict(item)
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in data.items()}


def _when(moment: datetime | None) -> str:
    return "" if moment is None else f"{moment:%Y-%m-%d %H:%M}"


@webhooks_app.command("prune")
def webhooks_prune(
    older_than_days: float = typer.Option(
        30.0, "--older-than-days", min=0.0, help="delete delivered events older than this"
    ),
) -> None:
    """Delete delivered events older than N days (servers do this hourly on their own, see
    JAGA_WEBHOOK_RETENTION_DAYS). Pending and dead events are never deleted."""
    from datetime import timedelta

    from jaga.actions import outbox

    removed = outbox.prune_delivered(_engine(), older_than=timedelta(days=older_than_days))
    console.print(f"deleted {plural(removed, 'delivered event')}")
