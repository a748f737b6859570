"""`jaga bank ...`: a thin shell over BankService.

Errors are one-line messages, not tracebacks: exit code 2 for usage errors (unknown bank,
bad setting, unreadable file format), 1 for failures while working (an empty import file),
141 when the reader of stdout went away (`jaga bank export B | head`). Hash values are only
ever written where asked (`export`, `quarantine`), never to the terminal log.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn
from rich.table import Column, Table

from jaga.banks.errors import (
    BankError,
    BankNotFound,
    EmptyImportFile,
    InvalidBankSettings,
    UnsupportedFormat,
)
from jaga.banks.records import BankInfo, ImportReport, ImportRunInfo, QuarantinedRow
from jaga.banks.schemes import SCHEME_CATEGORIES
from jaga.hashing.types import SIGNAL_TYPES
from jaga.terminal import errors, fail, plural, stdout_went_away

if TYPE_CHECKING:
    from jaga.banks.service import BankService

SHOWN_QUARANTINE_ROWS = 10
PROGRESS_MIN_BYTES = 5_000_000  # smaller files import in about a second; no bar needed

bank_app = typer.Typer(help="Keep hash lists (banks): create, import, export, enable, delete.")
console = Console()


def register(app: typer.Typer) -> None:
    """Add the `bank` command group to the `jaga` app."""
    app.add_typer(bank_app, name="bank")


def _service() -> BankService:
    """Imported here: SQLAlchemy and Alembic take a second to load, `--help` needs neither."""
    from jaga.banks.service import BankService
    from jaga.store import create_engine_for

    return BankService(create_engine_for())


@contextmanager
def _friendly_errors() -> Iterator[None]:
    """Turn domain errors into messages with the documented exit codes."""
    try:
        yield
    except (BankNotFound, InvalidBankSettings, UnsupportedFormat, FileNotFoundError) as error:
        fail(str(error), 2)
    except BankError as error:
        fail(str(error), 2)
    except BrokenPipeError:
        stdout_went_away()
    except OSError as error:
        fail(str(error), 1)


@bank_app.command("create")
def create(
    name: str = typer.Argument(..., help="letters, digits, '-' and '_' (HMA's UPPER_CASE too)"),
    threshold: int = typer.Option(31, "--threshold", help="PDQ match distance, 0-64 bits"),
    quality_floor: int = typer.Option(50, "--quality-floor", help="lowest PDQ quality kept"),
    scheme: str = typer.Option("industry", "--scheme", help="industry | vic | caid | none"),
    allow_list: bool = typer.Option(
        False, "--allow-list", help="matches here suppress matches elsewhere (benign content)"
    ),
    signal_types: str = typer.Option(
        ",".join(SIGNAL_TYPES), "--signal-types", help="comma-separated: pdq,md5,sha1,sha256"
    ),
    description: str = typer.Option("", "--description"),
) -> None:
    """Create an empty bank."""
    with _friendly_errors():
        bank = _service().create_bank(
            name,
            signal_types=[kind for kind in signal_types.split(",") if kind.strip()],
            pdq_threshold=threshold,
            quality_floor=quality_floor,
            category_scheme=scheme,
            allow_list=allow_list,
            description=description,
        )
    console.print(f"created bank [bold]{bank.name}[/bold] ({_settings_line(bank)})")


@bank_app.command("list")
def list_banks() -> None:
    """List banks with their settings and entry counts."""
    with _friendly_errors():
        _print_banks(_service().list_banks())


def _print_banks(banks: list[BankInfo]) -> None:
    if not banks:
        console.print("no banks yet; create one with `jaga bank create NAME`")
        return
    name_column = Column("name", no_wrap=True)  # scripts read names: never cut them
    table = Table(name_column, "enabled", "allow-list", "signals", "threshold", "scheme", "entries")
    for bank in banks:
        table.add_row(
            bank.name,
            "yes" if bank.enabled else "no",
            "yes" if bank.allow_list else "",
            ",".join(bank.signal_types),
            str(bank.pdq_threshold),
            bank.category_scheme,
            f"{bank.total_entries:,}",
        )
    console.print(table)


@bank_app.command("show")
def show(name: str = typer.Argument(...)) -> None:
    """Settings, counts, the latest imports and a quarantine summary."""
    with _friendly_errors():
        service = _service()
        _print_bank(service.get_bank(name), service.import_runs(name, limit=5))


def _print_bank(bank: BankInfo, runs: list[ImportRunInfo]) -> None:
    console.print(f"[bold]{bank.name}[/bold]  {bank.description}".rstrip())
    console.print(f"  {_settings_line(bank)}")
    console.print(f"  created {bank.created_at:%Y-%m-%d %H:%M} UTC")
    categories = SCHEME_CATEGORIES[bank.category_scheme]
    if categories:
        console.print("  categories: " + "; ".join(f"{k} {v}" for k, v in categories.items()))
    counts = Table("signal", "entries", "enabled")
    for kind in bank.signal_types:
        counts.add_row(
            kind,
            f"{bank.entry_counts.get(kind, 0):,}",
            f"{bank.enabled_entry_counts.get(kind, 0):,}",
        )
    console.print(counts)
    if not runs:
        console.print("no imports yet")
        return
    imports = Table("run", "source", "when (UTC)", "read", "added", "updated", "unch.", "quar.")
    for run in runs:
        imports.add_row(
            str(run.run_id),
            run.source,
            f"{run.started_at:%Y-%m-%d %H:%M}",
            f"{run.rows_read:,}",
            f"{run.added:,}",
            f"{run.updated:,}",
            f"{run.unchanged:,}",
            f"{run.quarantined:,}",
        )
    console.print(imports)
    quarantined = sum(run.quarantined for run in runs)
    if quarantined:
        console.print(
            f"{plural(quarantined, 'quarantined row')} in these imports; see them with "
            f"`jaga bank quarantine {bank.name} [--run RUN] [--output FILE]`"
        )


@bank_app.command("import")
def import_files(
    name: str = typer.Argument(...),
    files: list[Path] = typer.Argument(..., help="files to import (formats: docs/formats.md)"),
    fmt: str | None = typer.Option(
        None,
        "--format",
        help="csv | jsonl | json | ncmec | stopncii | threatexchange | vics | icse | hma "
        "(default: by suffix)",
    ),
    source: str | None = typer.Option(None, "--source", help="provenance (default: file name)"),
    quarantine_out: Path | None = typer.Option(
        None, "--quarantine-out", help="write every quarantined row to this CSV file"
    ),
) -> None:
    """Import hash files; malformed rows are quarantined, the rest imported.

    An empty file is an error (exit 1) but does not stop the other files.
    """
    quarantine_rows: list[tuple[str, int, str, str]] = []
    empty_files = 0
    with _friendly_errors():
        service = _service()
        try:
            service.get_bank(name)
        except BankNotFound as error:
            fail(f"{error}; to import into a new bank, create it first: "
                  f"`jaga bank create {name}`", 2)  # fmt: skip
        for path in files:
            try:
                report = _import_one(service, name, path, fmt, source)
            except EmptyImportFile as error:
                errors.print(f"[red]error:[/red] {error}", highlight=False)
                empty_files += 1
                continue
            _print_report(path, report)
            if quarantine_out is not None:
                quarantine_rows += [
                    (str(path), row.row_number, row.reason, row.raw)
                    for row in service.quarantined_rows(run_id=report.run_id)
                ]
        if quarantine_out is not None:
            with quarantine_out.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(["file", "row_number", "reason", "raw"])
                writer.writerows(quarantine_rows)
            console.print(
                f"wrote {plural(len(quarantine_rows), 'quarantined row')} to {quarantine_out}"
            )
    if empty_files:
        raise typer.Exit(1)


def _import_one(
    service: BankService, name: str, path: Path, fmt: str | None, source: str | None
) -> ImportReport:
    size = path.stat().st_size if path.is_file() else 0
    if size < PROGRESS_MIN_BYTES or not sys.stderr.isatty():
        return service.import_file(name, path, fmt=fmt, source=source)
    columns = (*Progress.get_default_columns()[:1], BarColumn(), DownloadColumn())
    with Progress(*columns, TimeRemainingColumn(), console=errors) as progress:
        task = progress.add_task(f"importing {path.name}", total=size)
        update: Callable[[int, int], None] = lambda done, _total: progress.update(  # noqa: E731
            task, completed=done
        )
        return service.import_file(name, path, fmt=fmt, source=source, on_progress=update)


def _print_report(path: Path, report: ImportReport) -> None:
    console.print(
        f"{path.name}: {plural(report.rows_read, 'row')} read, {report.added:,} added, "
        f"{report.updated:,} updated, {report.unchanged:,} unchanged, "
        f"{report.quarantined_count:,} quarantined"
        + (f", {plural(report.duplicates, 'duplicate')}" if report.duplicates else "")
        + (
            f", {plural(report.ignored, 'value')} of other signal types ignored"
            if report.ignored
            else ""
        )
    )
    if report.rows_read == 0:
        errors.print(
            f"[yellow]warning:[/yellow] no rows in {path} after its header; nothing imported",
            highlight=False,
        )
    for row in report.quarantined[:SHOWN_QUARANTINE_ROWS]:
        console.print(
            f"  line {row.row_number}: {row.reason}", highlight=False, markup=False, soft_wrap=True
        )
    hidden = report.quarantined_count - min(len(report.quarantined), SHOWN_QUARANTINE_ROWS)
    if hidden > 0:
        console.print(f"  ... and {hidden:,} more (use --quarantine-out FILE to see them all)")


@bank_app.command("export")
def export(
    name: str = typer.Argument(...),
    fmt: str = typer.Option(
        "csv",
        "--format",
        help="csv | jsonl | json (Jaga's own, lossless) or ncmec | stopncii | "
        "threatexchange | vics | icse | hma",
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="file to write (default: stdout)"
    ),
) -> None:
    """Export every entry: Jaga's long form, or an exchange format (re-importable)."""
    with _friendly_errors():
        service = _service()
        if output is None:
            service.export_file(name, sys.stdout, fmt=fmt)
            return
        count = service.export_file(name, output, fmt=fmt)
    errors.print(f"exported {plural(count, 'entry', 'entries')} of {name} to {output}")


@bank_app.command("quarantine")
def quarantine(
    name: str = typer.Argument(...),
    run_id: int | None = typer.Option(
        None, "--run", help="only this import run (see `jaga bank show NAME`)"
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="CSV file to write (default: stdout)"
    ),
) -> None:
    """Write the stored quarantined rows (run, line, reason, raw row) as CSV."""
    with _friendly_errors():
        rows = _service().quarantined_rows(bank_name=name, run_id=run_id)
        if output is None:
            _write_quarantine(rows, sys.stdout)
            return
        with output.open("w", encoding="utf-8", newline="") as handle:
            _write_quarantine(rows, handle)
    errors.print(f"wrote {plural(len(rows), 'quarantined row')} of {name} to {output}")


def _write_quarantine(rows: list[QuarantinedRow], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["run", "row_number", "reason", "raw"])
    writer.writerows((row.run_id, row.row_number, row.reason, row.raw) for row in rows)


@bank_app.command("enable")
def enable(name: str = typer.Argument(...)) -> None:
    """Enable a bank: its enabled entries match again."""
    with _friendly_errors():
        _service().set_bank_enabled(name, True)
    console.print(f"bank {name} enabled")


@bank_app.command("disable")
def disable(name: str = typer.Argument(...)) -> None:
    """Disable a bank: nothing in it matches until it is enabled again."""
    with _friendly_errors():
        _service().set_bank_enabled(name, False)
    console.print(f"bank {name} disabled")


@bank_app.command("delete")
def delete(
    name: str = typer.Argument(...),
    yes: bool = typer.Option(False, "--yes", help="confirm: the entries cannot be recovered"),
) -> None:
    """Delete a bank with all its entries, import history and quarantine."""
    with _friendly_errors():
        service = _service()
        bank = service.get_bank(name)
        if not yes:
            fail(
                f"refusing to delete bank {name!r} ({bank.total_entries:,} entries) without "
                f"--yes; export it first if you may need it: jaga bank export {name} -o FILE",
                2,
            )
        deleted = service.delete_bank(name)
    console.print(f"deleted bank {name} and its {plural(deleted, 'entry', 'entries')}")


def _settings_line(bank: BankInfo) -> str:
    parts = [
        "enabled" if bank.enabled else "DISABLED",
        f"signals {','.join(bank.signal_types)}",
        f"pdq threshold {bank.pdq_threshold}",
        f"quality floor {bank.quality_floor}",
        f"scheme {bank.category_scheme}",
    ]
    if bank.allow_list:
        parts.append("allow-list")
    return ", ".join(parts)
