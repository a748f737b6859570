"""`jaga hash FILE|DIR...`: hash files and folders, print JSONL, CSV or a table.

Exit status: 0 when at least one file hashed (per-file errors are in the output and
summarised on stderr); 1 when files were found but none hashed, or with `--strict` when any
file failed; 2 for usage errors (a path that does not exist); 141 when the reader of stdout
went away early (`jaga hash DIR | head`), as for a Unix tool stopped by SIGPIPE. Failures
are defined by `jaga.hashing.hasher.is_failure`: unreadable files and broken or refused
images. A named non-image (a video) is not a failure: it has exact hashes and an `error`
saying why no PDQ.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack
from enum import StrEnum
from pathlib import Path
from typing import TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn
from rich.table import Table

from jaga.hashing.hasher import hash_file, is_failure, iter_image_files
from jaga.hashing.records import CSV_COLUMNS, csv_rows, json_record
from jaga.hashing.types import FileHashes
from jaga.terminal import exit_quietly_on_broken_pipe, fail, plural

PROGRESS_MIN_FILES = 5
"""Show a progress bar for more files than this even when stderr is not a terminal."""

"""128 + SIGPIPE: what a shell reports for `cat big | head`; `set -o pipefail` scripts can tell
the output was cut short, and nobody sees a traceback."""

_CHUNK_SIZE = 16
_CHUNKS_IN_FLIGHT_PER_WORKER = 4


class OutputFormat(StrEnum):
    """Output formats of `jaga hash`."""

    table = "table"
    csv = "csv"
    jsonl = "jsonl"


def hash_command(
    paths: list[Path] = typer.Argument(..., help="Files and folders to hash (recursively)."),
    format: OutputFormat = typer.Option(
        OutputFormat.jsonl, "--format", "-f", help="Output format.", case_sensitive=False
    ),
    dihedral: bool = typer.Option(
        False, "--dihedral", help="Also output the 7 rotated/flipped PDQ variants."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write results here instead of stdout."
    ),
    workers: int = typer.Option(
        0, "--workers", "-w", min=0, help="Worker processes (0 = one per CPU core)."
    ),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 if any file failed."),
) -> None:
    """Hash images with PDQ and every file with MD5, SHA-1 and SHA-256."""
    errors = Console(stderr=True, soft_wrap=True)
    missing = [path for path in paths if not path.exists()]
    if missing:
        # The same one-line style as `jaga bank`, not a usage box.
        fail(f"no such file or folder: {missing[0]} (check the path)", 2)
    files = list(iter_image_files(paths))
    worker_count = workers or os.cpu_count() or 1
    with exit_quietly_on_broken_pipe(), ExitStack() as stack:
        stream: TextIO = (
            stack.enter_context(output.open("w", encoding="utf-8", newline=""))
            if output
            else sys.stdout
        )
        results = _hash_all(files, dihedral, worker_count, errors, stack)
        failures = _write(results, format, dihedral, stream)
    _summarise(len(files), failures, errors)
    if files and (len(failures) == len(files) or (strict and failures)):
        raise typer.Exit(code=1)


def register(app: typer.Typer) -> None:
    """Add `hash` to the `jaga` command."""
    app.command("hash")(hash_command)


def hash_path_safely(path: Path, dihedral: bool) -> FileHashes:
    """`hash_file` that turns an unreadable file into a result with an error.

    Module-level so worker processes can run it; without it one vanished file would fail
    its whole chunk.
    """
    try:
        return hash_file(path, dihedral=dihedral)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return FileHashes(
            name=str(path), size=0, md5="", sha1="", sha256="", error=f"cannot read file: {reason}"
        )


def _hash_all(
    files: Sequence[Path], dihedral: bool, workers: int, errors: Console, stack: ExitStack
) -> Iterator[FileHashes]:
    show_progress = errors.is_terminal or len(files) > PROGRESS_MIN_FILES
    progress = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=errors,
        disable=not show_progress,
        transient=False,
    )
    stack.enter_context(progress)
    task = progress.add_task("hashing", total=len(files))
    if workers <= 1 or len(files) <= 1:
        results: Iterator[FileHashes] = (hash_path_safely(path, dihedral) for path in files)
    else:
        executor = stack.enter_context(ProcessPoolExecutor(max_workers=workers))
        results = _ordered_parallel(executor, files, dihedral, workers)
    for result in results:
        progress.advance(task)
        yield result


def hash_paths(paths: Sequence[Path], dihedral: bool) -> list[FileHashes]:
    """Hash a chunk of paths in one worker call (fewer round trips than one call per file)."""
    return [hash_path_safely(path, dihedral) for path in paths]


def _ordered_parallel(
    executor: ProcessPoolExecutor, files: Sequence[Path], dihedral: bool, workers: int
) -> Iterator[FileHashes]:
    """Results in input order with a bounded number of chunks in flight.

    `executor.map` submits every task up front, which for a million-file folder holds a
    million futures; a window of a few chunks per worker keeps memory flat and cores busy.
    """
    pending: deque[Future[list[FileHashes]]] = deque()
    for start in range(0, len(files), _CHUNK_SIZE):
        chunk = list(files[start : start + _CHUNK_SIZE])
        pending.append(executor.submit(hash_paths, chunk, dihedral))
        if len(pending) >= workers * _CHUNKS_IN_FLIGHT_PER_WORKER:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def _write(
    results: Iterator[FileHashes], format: OutputFormat, dihedral: bool, stream: TextIO
) -> list[FileHashes]:
    failures: list[FileHashes] = []
    if format is OutputFormat.jsonl:
        for result in results:
            stream.write(json.dumps(json_record(result, dihedral=dihedral)) + "\n")
            failures += [result] if is_failure(result) else []
    elif format is OutputFormat.csv:
        writer = csv.DictWriter(stream, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
        writer.writeheader()
        for result in results:
            writer.writerows(csv_rows(result))
            failures += [result] if is_failure(result) else []
    else:
        # `pixels`, not `size`: in JSON `size` is the file's length in bytes.
        table = Table("path", "frame", "pdq", "quality", "md5", "format", "pixels", "error")
        for result in results:
            for row in csv_rows(result):
                pixels = f"{row['width']}x{row['height']}" if row["width"] else ""
                table.add_row(
                    row["path"],
                    row["frame"],
                    row["pdq"],
                    row["quality"],
                    row["md5"],
                    row["format"],
                    pixels,
                    row["error"],
                )
            failures += [result] if is_failure(result) else []
        Console(file=stream, width=250 if not stream.isatty() else None).print(table)
    return failures


def _summarise(total: int, failures: list[FileHashes], errors: Console) -> None:
    if total == 0:
        errors.print("No files found.")
        return
    if failures:
        errors.print(f"[yellow]{len(failures):,} of {plural(total, 'file')} failed:[/yellow]")
        for result in failures[:20]:
            errors.print(f"  {result.name}: {result.error}", markup=False, highlight=False)
        if len(failures) > 20:
            errors.print(f"  ... and {len(failures) - 20:,} more (see the error column)")
