"""`jaga sync add|run|status|quarantine|feedback`: thin shells over the connectors.

Credentials come from JAGA_SYNC_<SOURCE>_<KEY> variables or the JSON file named by
JAGA_SYNC_CREDENTIALS_FILE, never from the command line (other users can read it in
`ps`) and never printed. Exit codes: 2 for a usage error (unknown source or bank, bad
setting, missing credentials), 3 when a sync or a delivery failed.
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

from jaga.terminal import errors, exit_quietly_on_broken_pipe, fail, plural

if TYPE_CHECKING:
    from sqlalchemy import Engine

sync_app = typer.Typer(help="Keep banks in sync with NCMEC, StopNCII and ThreatExchange.")
console = Console()


def register(app: typer.Typer) -> None:
    """Add `jaga sync` to the `jaga` app."""
    app.add_typer(sync_app, name="sync")


def _engine() -> Engine:
    from jaga.store import create_engine_for

    return create_engine_for()


@contextmanager
def _friendly_errors() -> Iterator[None]:
    from jaga.banks.errors import BankError
    from jaga.exchange.connectors.errors import ConnectorError, UpstreamError

    try:
        yield
    except UpstreamError as error:
        fail(str(error), 3)
    except (ConnectorError, BankError) as error:
        fail(str(error), 2)


@sync_app.command("add")
def sync_add(
    name: str = typer.Argument(..., help="a name for the source, e.g. 'industry'"),
    kind: str = typer.Option(..., "--kind", help="ncmec | stopncii | threatexchange"),
    bank: str = typer.Option(..., "--bank", help="the bank its entries go to (must exist)"),
    base_url: str = typer.Option("", "--base-url", help="API base URL (default: the public one)"),
    environment: str = typer.Option(
        "Industry", "--environment", help="NCMEC environment, e.g. Industry, NGO, test_Industry"
    ),
    privacy_group: str = typer.Option("", "--privacy-group", help="ThreatExchange group id"),
    page_size: int = typer.Option(0, "--page-size", min=0, help="records a page (0: default)"),
    start: int = typer.Option(0, "--start", min=0, help="first sync from this Unix time"),
) -> None:
    """Add a sync source; its credentials go in the environment (see docs/connectors.md)."""
    from jaga.banks.service import BankService
    from jaga.exchange.connectors.credentials import variable_name
    from jaga.exchange.connectors.sources import SourceStore

    settings: dict[str, object] = {"start": start}
    if kind == "ncmec":
        settings["environment"] = environment
    if kind == "threatexchange":
        settings["privacy_group"] = privacy_group
    if page_size:
        settings["page_size"] = page_size
    with _friendly_errors():
        engine = _engine()
        BankService(engine).get_bank(bank, with_counts=False)
        source = SourceStore(engine).add(
            name, kind=kind, bank_name=bank, base_url=base_url, settings=settings
        )
    keys = {
        "ncmec": ["username", "password"],
        "stopncii": ["subscription_key", "fetch_key", "feedback_key"],
        "threatexchange": ["token"],
    }[source.kind]
    console.print(f"added sync source {source.name} ({source.kind} -> bank {bank})")
    console.print("credentials: " + ", ".join(variable_name(name, key) for key in keys))


@sync_app.command("run")
def sync_run(
    names: list[str] = typer.Argument(None, help="sources to sync (default: all)"),
    max_pages: int | None = typer.Option(None, "--max-pages", min=1, help="stop after N pages"),
) -> None:
    """Fetch what changed upstream since the last checkpoint and apply it to the banks.

    Safe to stop at any moment: the next run resumes from the last page recorded.
    """
    from rich.progress import Progress, SpinnerColumn, TextColumn

    from jaga.exchange.connectors.sources import SourceStore
    from jaga.exchange.connectors.sync import SyncResult, run_sync

    engine = _engine()
    with _friendly_errors():
        chosen = names or [source.name for source in SourceStore(engine).all()]
        for name in chosen:
            SourceStore(engine).get(name)
    if not chosen:
        fail("no sync sources yet; add one with `jaga sync add`", 2)
    failed = 0
    for name in chosen:
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), console=errors) as bar:
            task = bar.add_task(f"{name}: starting")

            def shown(result: SyncResult, task: object = task, bar: Progress = bar) -> None:
                bar.update(
                    task,  # type: ignore[arg-type]
                    description=f"{result.source}: {plural(result.pages, 'page')}, "
                    f"{result.added:,} added, {result.withdrawn:,} withdrawn",
                )

            try:
                result = run_sync(engine, name, max_pages=max_pages, on_page=shown)
            except Exception as error:
                failed += 1
                errors.print(f"{name}: sync failed: {type(error).__name__}: {error}", markup=False)
                continue
        state = "caught up" if result.caught_up else "stopped early (run again to go on)"
        console.print(
            f"{name}: {plural(result.pages, 'page')}, {result.added:,} added, "
            f"{result.updated:,} updated, {result.withdrawn:,} withdrawn, "
            f"{result.reinstated:,} reinstated, {result.quarantined:,} quarantined; {state}",
            highlight=False,
            soft_wrap=True,
        )
    if failed:
        raise typer.Exit(3)


@sync_app.command("status")
def sync_status() -> None:
    """Each source: its bank, entries, tombstones, quarantine, last run and error."""
    from jaga.banks.service import BankService
    from jaga.exchange.connectors import feedback
    from jaga.exchange.connectors.sources import SourceStore

    with exit_quietly_on_broken_pipe(), _friendly_errors():
        engine = _engine()
        store = SourceStore(engine)
        banks = BankService(engine)
        table = Table(
            Column("source", no_wrap=True),
            "kind",
            "bank",
            Column("entries (enabled)", justify="right"),
            Column("withdrawn", justify="right"),
            Column("quarantined", justify="right"),
            Column("last run (UTC)", no_wrap=True),
            Column("last error", overflow="fold"),
            box=box.SIMPLE_HEAD,
            show_edge=False,
        )
        for source in store.all():
            try:
                total, enabled = banks.count_entries_from(source.bank_name, source.provenance)
                counted = f"{total:,} ({enabled:,})"
            except Exception:  # the bank was deleted since
                counted = "bank missing"
            table.add_row(
                source.name,
                source.kind,
                source.bank_name,
                counted,
                f"{store.tombstone_count(source):,}",
                f"{source.quarantined:,}",
                _when(source.last_run_finished_at or source.last_run_started_at),
                source.last_error,
            )
        console.print(table)
        queued = feedback.counts(engine)
        console.print(
            f"feedback: {queued['pending']:,} pending, {queued['sent']:,} sent, "
            f"{queued['dead']:,} dead",
            highlight=False,
        )


@sync_app.command("quarantine")
def sync_quarantine(
    name: str = typer.Argument(..., help="the source"),
    limit: int = typer.Option(100, "--limit", min=1, max=100_000),
    raw: bool = typer.Option(False, "--raw", help="also print each record as received"),
) -> None:
    """Upstream records a sync did not take, with the reason (oldest first)."""
    from jaga.exchange.connectors.sources import SourceStore

    with exit_quietly_on_broken_pipe(), _friendly_errors():
        store = SourceStore(_engine())
        items = store.quarantine(store.get(name), limit=limit)
        for item in items:
            console.print(f"{item.upstream_id or '(no id)'}: {item.reason}", markup=False)
            if raw:
                console.print(f"    {item.raw}", markup=False, highlight=False)
        console.print(plural(len(items), "quarantined record"))


@sync_app.command("feedback")
def sync_feedback(
    limit: int = typer.Option(100, "--limit", min=1, max=10_000, help="verdicts to send now"),
    retry_dead: bool = typer.Option(False, "--retry-dead", help="requeue dead verdicts first"),
) -> None:
    """Send reviewers' verdicts to the sources (NCMEC votes, StopNCII feedback, ThreatExchange
    reactions) now; failures are retried later with a growing delay. `jaga serve` does this
    by itself every JAGA_SYNC_FEEDBACK_SECONDS (30)."""
    from jaga.exchange.connectors import feedback
    from jaga.exchange.connectors.feedback_sender import deliver_due
    from jaga.exchange.connectors.sources import SourceStore
    from jaga.exchange.connectors.sync import connector_for

    engine = _engine()
    if retry_dead:
        console.print(f"requeued {plural(feedback.retry_dead(engine), 'dead verdict')}")
    store = SourceStore(engine)
    report = deliver_due(engine, lambda name: connector_for(store.get(name)), limit=limit)
    for line in report.errors[:20]:
        errors.print(line, markup=False, highlight=False)
    console.print(
        f"{report.sent:,} sent, {report.retrying:,} to retry, {report.dead:,} dead", highlight=False
    )
    if report.retrying or report.dead:
        raise typer.Exit(3)


def _when(moment: datetime | None) -> str:
    return "" if moment is None else f"{moment:%Y-%m-%d %H:%M}"
