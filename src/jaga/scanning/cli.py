"""`jaga scan`: find known content in files, folders and archives.

Exit codes are the contract with scripts and triage pipelines, so each means one thing:
0 nothing matched, 1 something matched, 2 the command was wrong (unknown or disabled bank,
no bank at all, missing path, unwritable report), 3 the scan failed, or with `--strict`
something was not fully examined and nothing matched.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape
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
from jaga.terminal import fail, plural

if TYPE_CHECKING:
    from jaga.detection.matcher import BankMatcher
    from jaga.scanning.scan import ScanReport

EXIT_NO_MATCH = 0
EXIT_MATCHED = 1
EXIT_USAGE = 2
EXIT_FAILED = 3

_MIB = 2**20


class UsageProblem(Exception):
    """The command cannot run as given; the message says what to do instead."""


def build_matcher(
    bank_names: list[str] | None, *, dihedral: bool, robust: bool = True
) -> BankMatcher:
    """The matcher over the named banks (every enabled bank when none are named)."""
    from jaga.banks.service import BankService
    from jaga.config import data_dir
    from jaga.detection.matcher import BankMatcher
    from jaga.store import create_engine_for

    service = BankService(create_engine_for())
    for name in bank_names or []:
        bank = service.get_bank(name)  # raises BankNotFound naming the known banks
        if not bank.enabled:
            raise UsageProblem(
                f"bank {name!r} is disabled; enable it first: jaga bank enable {name}"
            )
    matcher = BankMatcher(
        service,
        bank_names or None,
        use_dihedral=dihedral,
        snapshot=data_dir() / "index",
        robust=robust,
    )
    if not any(not bank.allow_list for bank in matcher.banks):
        raise UsageProblem(
            "there is no enabled bank to match against: create one and import hashes "
            "(jaga bank create NAME; jaga bank import NAME FILE), or enable one "
            "(jaga bank list; jaga bank enable NAME)"
        )
    return matcher


def _check_report_path(path: Path | None) -> None:
    """Fail before a long scan, not after it, when a report cannot be written."""
    if path is None:
        return
    if path.is_dir():
        raise UsageProblem(f"{path} is a folder; give a file name for the report")
    if not path.parent.is_dir():
        raise UsageProblem(f"cannot write {path}: the folder {path.parent} does not exist")


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
    from jaga.scanning.report import describe_matches

    matched = report.matched
    not_examined = report.not_examined()
    allow_listed = [f for f in report.files if f.result.allowed]
    console.print(
        f"Scanned {plural(len(report.files), 'file')}: [bold]{len(matched)} matched[/bold], "
        f"{len(allow_listed)} allow-listed, {len(not_examined)} not fully examined, "
        f"{plural(len(report.duplicate_groups()), 'duplicate group')}."
    )
    if matched:
        table = Table(title="Matches")
        table.add_column("file", overflow="fold", ratio=1)
        table.add_column("bank (category): how each entry matched", overflow="fold", ratio=2)
        for item in matched[:limit]:
            table.add_row(
                escape(_shown_path(item.path, roots)), escape(describe_matches(item.result.matches))
            )
        console.print(table)
        if len(matched) > limit:
            console.print(f"... and {len(matched) - limit} more matched files (see the report).")
    for item in allow_listed[:limit]:
        silenced = len(item.result.suppressed)
        console.print(
            f"[green]allow-listed[/green] {escape(_shown_path(item.path, roots))}: "
            f"in {item.result.allowed[0].bank}; {plural(silenced, 'match')} silenced"
        )
    for path, _kind, reason in not_examined[:limit]:
        console.print(
            f"[yellow]not fully examined[/yellow] {escape(_shown_path(path, roots))}: "
            f"{escape(reason)}"
        )
    if len(not_examined) > limit:
        console.print(f"... and {len(not_examined) - limit} more (see the report).")


def scan_command(
    paths: list[Path] = typer.Argument(..., help="Files, folders or archives to scan."),
    bank: list[str] = typer.Option(
        [], "--bank", "-b", help="Bank to match against (repeat); default: every enabled bank."
    ),
    json_out: Path | None = typer.Option(None, "--json", help="Write the full report as JSON."),
    csv_out: Path | None = typer.Option(None, "--csv", help="Write the report as CSV."),
    workers: int = typer.Option(0, min=0, help="Hashing processes; 0 means one per core."),
    dihedral: bool = typer.Option(
        True, help="Also match rotated (90/180/270) and mirrored copies."
    ),
    robust: bool = typer.Option(
        True,
        help="Robust matching (framed, tilted, cropped copies) where a bank has it on "
        "(jaga robust show BANK); --no-robust matches plain PDQ only.",
    ),
    archives: bool = typer.Option(True, help="Look inside zip and tar archives."),
    follow_symlinks: bool = typer.Option(False, help="Follow symbolic links."),
    max_depth: int = typer.Option(
        4, min=0, help="How many levels of archives inside archives to open."
    ),
    max_member_size: int = typer.Option(512, min=1, help="Largest archive member to read, in MiB."),
    max_total_size: int = typer.Option(
        8192, min=1, help="Most bytes read out of one top-level archive (all levels), in MiB."
    ),
    max_members: int = typer.Option(200_000, min=1, help="Most members of one top-level archive."),
    max_ratio: float = typer.Option(
        200.0, min=1.0, help="Compression ratio above which a member over 16 MiB counts as a bomb."
    ),
    strict: bool = typer.Option(
        False, help="Exit 3 when anything was not fully examined and nothing matched."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
) -> None:
    """Find known content in files, folders and zip/tar archives.

    Exit code: 0 nothing matched, 1 something matched, 2 usage error (unknown or disabled
    bank, no bank, missing path), 3 the scan failed (or, with --strict, something was not
    fully examined and nothing matched). Files that cannot be read never stop the scan:
    they are listed with the reason.
    """
    # Imported here so that `jaga --help` does not load numba, SQLAlchemy and Pillow.
    from jaga.config import data_dir
    from jaga.scanning.archive_limits import ArchiveLimits
    from jaga.scanning.report import write_csv, write_json
    from jaga.scanning.scan import ScanOptions, run_scan

    console = Console(stderr=True, quiet=quiet)
    try:
        missing = [str(p) for p in paths if not p.exists() and not p.is_symlink()]
        if missing:
            raise UsageProblem(f"no such file or folder: {', '.join(missing)}")
        _check_report_path(json_out)
        _check_report_path(csv_out)
        matcher = build_matcher(bank, dihedral=dihedral, robust=robust)
    except (BankNotFound, UsageProblem) as error:
        fail(str(error), EXIT_USAGE)
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
        excluded_folders=(data_dir(),),
        views=matcher.view_settings(),
    )
    columns = (
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    try:
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
    except OSError as error:
        fail(f"the scan failed: {error}", EXIT_FAILED)
    if not quiet:
        _print_summary(console, report, paths)
        for out in (json_out, csv_out):
            if out is not None:
                console.print(f"Report written to {escape(str(out))}")
    if report.matched:
        raise typer.Exit(EXIT_MATCHED)
    if strict and report.not_examined():
        raise typer.Exit(EXIT_FAILED)
    raise typer.Exit(EXIT_NO_MATCH)


def register(app: typer.Typer) -> None:
    """Add `jaga scan` to the `jaga` app."""
    app.command("scan")(scan_command)
