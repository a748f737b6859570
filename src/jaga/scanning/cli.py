"""`jaga scan`: find known content in files, folders and archives."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from jaga.banks.errors import BankNotFound

if TYPE_CHECKING:
    from jaga.detection.matcher import BankMatcher
    from jaga.scanning.scan import ScanReport

EXIT_NO_MATCH = 0
EXIT_MATCHED = 1
EXIT_USAGE = 2

_MIB = 2**20


def build_matcher(bank_names: list[str] | None, *, dihedral: bool) -> BankMatcher:
    """The matcher over the named banks (all enabled banks when none are named)."""
    from jaga.banks.service import BankService
    from jaga.config import data_dir
    from jaga.detection.matcher import BankMatcher
    from jaga.store import create_engine_for

    service = BankService(create_engine_for())
    for name in bank_names or []:
        service.get_bank(name)  # raises BankNotFound with a helpful message
    return BankMatcher(
        service, bank_names or None, use_dihedral=dihedral, snapshot=data_dir() / "index"
    )


def _shown_path(path: str, roots: list[Path]) -> str:
    """Paths relative to the folder scanned, so the table shows what differs."""
    for root in roots:
        prefix = str(root).rstrip("/") + "/"
        if root.is_dir() and path.startswith(prefix):
            return path[len(prefix) :]
    return path


def _print_summary(
    console: Console, report: ScanReport, roots: list[Path], limit: int = 50
) -> None:
    from jaga.hashing.hasher import is_failure
    from jaga.scanning.report import describe_matches

    matched = report.matched
    unreadable = [(p.display_path, p.reason) for p in report.problems] + [
        (f.path, f.error or "") for f in report.files if f.hashes is None or is_failure(f.hashes)
    ]
    console.print(
        f"Scanned {len(report.files)} files: [bold]{len(matched)} matched[/bold], "
        f"{len(unreadable)} could not be read, {len(report.duplicate_groups())} duplicate groups."
    )
    if matched:
        table = Table(title="Matches")
        table.add_column("file", overflow="fold", ratio=1)
        table.add_column("matched (bank #entry category: how)", overflow="fold", ratio=2)
        for item in matched[:limit]:
            table.add_row(_shown_path(item.path, roots), describe_matches(item.result.matches))
        console.print(table)
        if len(matched) > limit:
            console.print(f"... and {len(matched) - limit} more matched files (see the report).")
    for path, reason in unreadable[:limit]:
        console.print(f"[yellow]not read[/yellow] {_shown_path(path, roots)}: {reason}")
    if len(unreadable) > limit:
        console.print(f"... and {len(unreadable) - limit} more not read (see the report).")


def scan_command(
    paths: list[Path] = typer.Argument(..., help="Files, folders or archives to scan."),
    bank: list[str] = typer.Option(
        [], "--bank", "-b", help="Bank to match against (repeat); default: every enabled bank."
    ),
    json_out: Path | None = typer.Option(None, "--json", help="Write the full report as JSON."),
    csv_out: Path | None = typer.Option(None, "--csv", help="Write the report as CSV."),
    workers: int = typer.Option(0, help="Hashing processes; 0 means one per core."),
    dihedral: bool = typer.Option(
        True, help="Also match rotated (90/180/270) and mirrored copies."
    ),
    archives: bool = typer.Option(True, help="Look inside zip and tar archives."),
    follow_symlinks: bool = typer.Option(False, help="Follow symbolic links."),
    max_depth: int = typer.Option(4, help="How many levels of archives inside archives to open."),
    max_member_size: int = typer.Option(512, help="Largest archive member to read, in MiB."),
    max_total_size: int = typer.Option(
        8192, help="Most bytes read out of one top-level archive (all levels), in MiB."
    ),
    max_members: int = typer.Option(200_000, help="Most members of one top-level archive."),
    max_ratio: float = typer.Option(
        200.0, help="Compression ratio above which a member over 16 MiB counts as a bomb."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
) -> None:
    """Find known content in files, folders and zip/tar archives.

    Exit code: 0 nothing matched, 1 something matched, 2 usage error (e.g. unknown bank).
    Files that cannot be read are listed with the reason; they never stop the scan.
    """
    # Imported here so that `jaga --help` does not load numba, SQLAlchemy and Pillow.
    from jaga.scanning.archive_limits import ArchiveLimits
    from jaga.scanning.report import write_csv, write_json
    from jaga.scanning.scan import ScanOptions, run_scan

    console = Console(stderr=True, quiet=quiet)
    missing = [str(p) for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        console.print(f"[red]No such file or folder:[/red] {', '.join(missing)}")
        raise typer.Exit(EXIT_USAGE)
    try:
        matcher = build_matcher(bank, dihedral=dihedral)
    except BankNotFound as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(EXIT_USAGE) from None
    if not matcher.banks:
        console.print(
            "[yellow]No enabled bank to match against: create or import one first "
            "(jaga bank create NAME; jaga bank import NAME FILE).[/yellow]"
        )
    options = ScanOptions(
        workers=workers,
        limits=ArchiveLimits(
            max_depth=max_depth,
            max_member_size=max_member_size * _MIB,
            max_total_size=max_total_size * _MIB,
            max_members=max_members,
            max_ratio=max_ratio,
        ),
        open_archives=archives,
        follow_symlinks=follow_symlinks,
        dihedral=dihedral,
    )
    columns = (
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True, disable=quiet) as progress:
        task = progress.add_task("Scanning", total=0)

        def on_progress(event: str, count: int) -> None:
            if event == "found":
                progress.update(task, total=(progress.tasks[0].total or 0) + count)
            else:
                progress.advance(task, count)

        report = run_scan(paths, matcher, options, on_progress)
    if json_out is not None:
        write_json(report, json_out)
    if csv_out is not None:
        write_csv(report, csv_out)
    if not quiet:
        _print_summary(console, report, paths)
        for out in (json_out, csv_out):
            if out is not None:
                console.print(f"Report written to {out}")
    sys.stdout.flush()
    raise typer.Exit(EXIT_MATCHED if report.matched else EXIT_NO_MATCH)


def register(app: typer.Typer) -> None:
    app.command("scan")(scan_command)
