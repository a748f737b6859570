"""The sync driver: fetch a page, apply it to the bank, record the checkpoint; repeat.

A page is recorded (checkpoint, quarantine, tallies) only after it is applied, in one
transaction, so a sync killed at any moment resumes from the last recorded page and
applies at most that one page again, which changes nothing (see apply.py). A failed sync
keeps its checkpoint and its error (`jaga sync status`); the next run goes on from there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine

from jaga.banks.service import BankService
from jaga.exchange.connectors.apply import PageApplier
from jaga.exchange.connectors.base import Connector
from jaga.exchange.connectors.sources import SourceStore, SyncSource


@dataclass(slots=True)
class SyncResult:
    """What one run did. A page replayed after a crash counts what it changed the second
    time (usually nothing); `jaga sync status` reads the totals from the bank itself."""

    source: str
    pages: int = 0
    added: int = 0
    updated: int = 0
    withdrawn: int = 0
    reinstated: int = 0
    ignored: int = 0
    quarantined: int = 0
    caught_up: bool = False


ProgressCallback = Callable[[SyncResult], None]


def connector_for(source: SyncSource) -> Connector:
    """The connector of a source's kind, with its credentials from the environment."""
    if source.kind == "ncmec":
        from jaga.exchange.connectors.ncmec import NcmecConnector

        return NcmecConnector.for_source(source)
    if source.kind == "stopncii":
        from jaga.exchange.connectors.stopncii import StopNciiConnector

        return StopNciiConnector.for_source(source)
    from jaga.exchange.connectors.threatexchange import ThreatExchangeConnector

    return ThreatExchangeConnector.for_source(source)


def run_sync(
    engine: Engine,
    source_name: str,
    *,
    connector: Connector | None = None,
    max_pages: int | None = None,
    on_page: ProgressCallback | None = None,
) -> SyncResult:
    """Sync one source until it has caught up (or `max_pages`); resumable at any point."""
    store = SourceStore(engine)
    source = store.get(source_name)
    connector = connector or connector_for(source)
    applier = PageApplier(BankService(engine), store, source)
    result = SyncResult(source.name)
    checkpoint = source.checkpoint
    store.start_run(source)
    try:
        while max_pages is None or result.pages < max_pages:
            page = connector.fetch_page(checkpoint)
            outcome = applier.apply(page)
            store.save_page(
                source,
                checkpoint=page.checkpoint,
                quarantined=outcome.quarantined,
            )
            checkpoint = page.checkpoint
            result.pages += 1
            result.added += outcome.added
            result.updated += outcome.updated
            result.withdrawn += outcome.withdrawn
            result.reinstated += outcome.reinstated
            result.ignored += outcome.ignored
            result.quarantined += len(outcome.quarantined)
            if on_page is not None:
                on_page(result)
            if page.done:
                result.caught_up = True
                break
    except Exception as error:
        store.finish_run(source, error=f"{type(error).__name__}: {error}")
        raise
    store.finish_run(source)
    return result
