"""Run a scan: read items, hash them on every core, match them, collect a report.

Hashing is CPU-bound and runs in worker processes; matching stays in this process
because it needs the one in-memory index and is far cheaper than decoding images.
Nothing read can abort the scan: every failure becomes a listed problem.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from jaga.detection.matcher import BankMatcher, MatchResult
from jaga.hashing.hasher import hash_bytes, hash_file
from jaga.hashing.types import FileHashes
from jaga.scanning.archive_limits import ArchiveLimits
from jaga.scanning.sources import ScanItem, SourceProblem, iter_scan_items

_IN_FLIGHT_PER_WORKER = 3
_BATCH_FILES = 16
_BATCH_BYTES = 32 * 2**20


@dataclass(frozen=True, slots=True)
class FileResult:
    """What the scan learned about one file or archive member."""

    path: str
    hashes: FileHashes | None
    result: MatchResult
    warnings: tuple[str, ...] = ()
    error: str | None = None


@dataclass(slots=True)
class ScanReport:
    """The whole scan: per-file results, what could not be read, and duplicate groups."""

    paths: list[str]
    banks: list[dict[str, object]]
    started_at: datetime
    finished_at: datetime | None = None
    files: list[FileResult] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)

    @property
    def matched(self) -> list[FileResult]:
        return [f for f in self.files if f.result.matches]

    def duplicate_groups(self) -> list[tuple[str, list[str]]]:
        """Files with identical bytes (same SHA-256), so a reviewer looks at each only once."""
        groups: dict[str, list[str]] = defaultdict(list)
        for item in self.files:
            if item.hashes is not None:
                groups[item.hashes.sha256].append(item.path)
        return sorted((digest, sorted(paths)) for digest, paths in groups.items() if len(paths) > 1)


@dataclass(frozen=True, slots=True)
class ScanOptions:
    """How to read and hash; defaults suit a seized-drive triage on this machine."""

    workers: int = 0  # 0: one per core
    limits: ArchiveLimits = field(default_factory=ArchiveLimits)
    open_archives: bool = True
    follow_symlinks: bool = False
    dihedral: bool = True


ProgressCallback = Callable[[str, int], None]
"""Called with (event, count): 'found' as items are discovered, 'done' as they finish."""


def _hash_item(item: ScanItem, dihedral: bool) -> tuple[FileHashes | None, str | None]:
    """Worker-side: hash one item; any failure becomes a reason, never an exception."""
    try:
        if item.path is not None:
            return hash_file(item.path, dihedral=dihedral), None
        return hash_bytes(item.data or b"", item.display_path, dihedral=dihedral), None
    except OSError as error:
        return None, f"could not read the file: {error.strerror or error}"
    except Exception as error:  # a hostile file must not end the scan
        return None, f"could not hash the file ({type(error).__name__}: {error})"


def _hash_batch(
    items: list[ScanItem], dihedral: bool
) -> list[tuple[FileHashes | None, str | None]]:
    """Worker-side: hash a batch, so inter-process overhead is paid per batch, not per file."""
    return [_hash_item(item, dihedral) for item in items]


def _worker_count(requested: int) -> int:
    return requested if requested > 0 else max(1, os.cpu_count() or 1)


def _batches(
    items: Iterator[ScanItem | SourceProblem],
    problems: list[SourceProblem],
    progress: ProgressCallback,
) -> Iterator[list[ScanItem]]:
    """Group items into batches bounded by count and by the bytes they carry."""
    batch: list[ScanItem] = []
    carried = 0
    for item in items:
        if isinstance(item, SourceProblem):
            problems.append(item)
            continue
        progress("found", 1)
        batch.append(item)
        carried += len(item.data) if item.data is not None else 0
        if len(batch) >= _BATCH_FILES or carried >= _BATCH_BYTES:
            yield batch
            batch, carried = [], 0
    if batch:
        yield batch


def _hashed_items(
    items: Iterator[ScanItem | SourceProblem],
    options: ScanOptions,
    problems: list[SourceProblem],
    progress: ProgressCallback,
) -> Iterator[tuple[ScanItem, FileHashes | None, str | None]]:
    """Hash items in worker processes, holding only a bounded number of batches in flight."""
    workers = _worker_count(options.workers)
    batches = _batches(items, problems, progress)
    if workers == 1:
        for batch in batches:
            for item in batch:
                yield (item, *_hash_item(item, options.dihedral))
        return
    pool = ProcessPoolExecutor(max_workers=workers)
    try:
        pending: dict[Future[list[tuple[FileHashes | None, str | None]]], list[ScanItem]] = {}
        exhausted = False
        while pending or not exhausted:
            while not exhausted and len(pending) < workers * _IN_FLIGHT_PER_WORKER:
                upcoming = next(batches, None)
                if upcoming is None:
                    exhausted = True
                    break
                try:
                    pending[pool.submit(_hash_batch, upcoming, options.dihedral)] = upcoming
                except BrokenProcessPool:  # a worker was killed: start afresh, keep going
                    pool.shutdown(cancel_futures=True)
                    pool = ProcessPoolExecutor(max_workers=workers)
                    pending[pool.submit(_hash_batch, upcoming, options.dihedral)] = upcoming
            if not pending:
                continue
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                finished = pending.pop(future)
                try:
                    results = future.result()
                except Exception as crash:  # the worker died (e.g. killed by the OS)
                    reason = f"the hashing worker failed ({type(crash).__name__}): not hashed"
                    results = [(None, reason)] * len(finished)
                for item, (hashes, error) in zip(finished, results, strict=True):
                    yield item, hashes, error
    finally:
        pool.shutdown(cancel_futures=True)


def run_scan(
    paths: Sequence[Path],
    matcher: BankMatcher,
    options: ScanOptions | None = None,
    progress: ProgressCallback | None = None,
) -> ScanReport:
    """Scan `paths` against the matcher's banks and return the full report."""
    options = options or ScanOptions()
    report_progress: ProgressCallback = progress or (lambda _event, _count: None)
    report = ScanReport(
        paths=[str(p) for p in paths],
        banks=[
            {
                "name": bank.name,
                "pdq_threshold": bank.pdq_threshold,
                "quality_floor": bank.quality_floor,
                "allow_list": bank.allow_list,
            }
            for bank in matcher.banks
        ],
        started_at=datetime.now(UTC),
    )
    items = iter_scan_items(
        list(paths),
        options.limits,
        open_archives=options.open_archives,
        follow_symlinks=options.follow_symlinks,
    )
    for item, hashes, error in _hashed_items(items, options, report.problems, report_progress):
        result = matcher.match(hashes) if hashes is not None else MatchResult(())
        report.files.append(
            FileResult(
                path=item.display_path,
                hashes=hashes,
                result=result,
                warnings=item.warnings,
                error=error or (hashes.error if hashes is not None else None),
            )
        )
        report_progress("done", 1)
    report.files.sort(key=lambda f: f.path)
    report.finished_at = datetime.now(UTC)
    return report
