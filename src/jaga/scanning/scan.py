"""Run a scan: read items, hash them on every core, match them, collect a report.

Hashing is CPU-bound and runs in worker processes; matching stays in this process
because it needs the one in-memory index and is far cheaper than decoding images.
Nothing read can abort the scan: every failure becomes a listed problem.
"""

from __future__ import annotations

import os
from collections import defaultdict, deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from jaga.detection.matcher import BankMatcher, MatchResult
from jaga.hashing.hasher import hash_bytes, hash_file, is_failure
from jaga.hashing.types import FileHashes
from jaga.robust.local_features import FeatureLoader, features_of_bytes
from jaga.robust.views import ViewSettings
from jaga.scanning.archive_limits import ArchiveLimits
from jaga.scanning.sources import ScanItem, SourceProblem, iter_scan_items

# Batches amortise inter-process overhead (about 3x faster than one file per task on 2
# cores); a few batches per worker keep every core busy while the next ones are read.
_IN_FLIGHT_PER_WORKER = 3
_BATCH_FILES = 16
_BATCH_BYTES = 32 * 2**20  # archive-member bytes one batch may carry
_IN_FLIGHT_BYTES = 512 * 2**20  # member bytes in flight at once, whatever the core count


@dataclass(frozen=True, slots=True)
class FileResult:
    """What the scan learned about one file or archive member.

    `error` means the file was not fully examined (unreadable, or an image that would not
    decode); `note` is a normal outcome worth saying, such as "not an image" for a video,
    which still had its exact hashes matched.
    """

    path: str
    hashes: FileHashes | None
    result: MatchResult
    warnings: tuple[str, ...] = ()
    error: str | None = None
    note: str | None = None


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
        """Files with at least one match that no allow-list silenced."""
        return [f for f in self.files if f.result.matches]

    def not_examined(self) -> list[tuple[str, str, str]]:
        """(path, kind, reason) of everything not fully examined: unread files, archive
        members past a limit, images that would not decode. One list for every output."""
        skipped = [(p.display_path, p.kind, p.reason) for p in self.problems]
        failed = [
            (f.path, "unreadable" if f.hashes is None else "image_not_decoded", f.error or "")
            for f in self.files
            if f.error
        ]
        return skipped + failed

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
    excluded_folders: tuple[Path, ...] = ()
    views: ViewSettings | None = None  # robust-matching views (jaga.robust); None: plain only


ProgressCallback = Callable[[str, int], None]
"""Called with (event, count): 'found' as items are discovered, 'done' as they finish."""


def _hash_item(
    item: ScanItem, dihedral: bool, views: ViewSettings | None = None
) -> tuple[FileHashes | None, str | None]:
    """Worker-side: hash one item; any failure becomes a reason, never an exception."""
    try:
        if item.path is not None:
            return hash_file(item.path, dihedral=dihedral, views=views), None
        data = item.data or b""
        return hash_bytes(data, item.display_path, dihedral=dihedral, views=views), None
    except OSError as error:
        return None, f"could not read the file: {error.strerror or error}"
    except Exception as error:  # a hostile file must not end the scan
        return None, f"could not hash the file ({type(error).__name__}: {error})"


def item_features(item: ScanItem) -> FeatureLoader:
    """Computes the item's ORB features only if the matcher asks: that is, when nothing
    matched strictly and a Jaga-built list has a candidate near it (jaga.robust.verify)."""

    def load() -> bytes:
        try:
            data = item.path.read_bytes() if item.path is not None else item.data or b""
        except OSError:
            return b""
        return features_of_bytes(data)

    return load


def _hash_batch(
    items: list[ScanItem], dihedral: bool, views: ViewSettings | None = None
) -> list[tuple[FileHashes | None, str | None]]:
    """Worker-side: hash a batch, so inter-process overhead is paid per batch, not per file."""
    return [_hash_item(item, dihedral, views) for item in items]


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
                yield (item, *_hash_item(item, options.dihedral, options.views))
        return
    yield from _hash_in_pool(batches, workers, options.dihedral, options.views)


def _carried(batch: list[ScanItem]) -> int:
    return sum(len(item.data) for item in batch if item.data is not None)


def _hash_in_pool(
    batches: Iterator[list[ScanItem]],
    workers: int,
    dihedral: bool,
    views: ViewSettings | None = None,
) -> Iterator[tuple[ScanItem, FileHashes | None, str | None]]:
    """Run batches on a process pool, bounded in batches and bytes in flight.

    A worker that dies (a decoder crash, the OS killing it for memory) breaks the whole
    pool and every batch in flight with it; those files are retried one at a time, alone on
    a fresh pool, so only the file that really kills a worker is reported as not hashed.
    """
    pool = ProcessPoolExecutor(max_workers=workers)
    pending: dict[Future[list[tuple[FileHashes | None, str | None]]], tuple[list[ScanItem], bool]]
    pending = {}
    retries: deque[list[ScanItem]] = deque()
    in_flight_bytes = 0
    exhausted = False
    try:
        while pending or retries or not exhausted:
            while (retries or not exhausted) and len(pending) < workers * _IN_FLIGHT_PER_WORKER:
                if pending and (retries or in_flight_bytes >= _IN_FLIGHT_BYTES):
                    break  # a retry runs alone, so a crash during it is that file's own
                is_retry = bool(retries)
                batch = retries.popleft() if retries else next(batches, None)
                if batch is None:
                    exhausted = True
                    break
                try:
                    future = pool.submit(_hash_batch, batch, dihedral, views)
                except BrokenProcessPool:  # a worker was killed: start afresh, keep going
                    pool.shutdown(cancel_futures=True)
                    pool = ProcessPoolExecutor(max_workers=workers)
                    future = pool.submit(_hash_batch, batch, dihedral, views)
                pending[future] = (batch, is_retry)
                in_flight_bytes += _carried(batch)
                if is_retry:
                    break
            if not pending:
                continue
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                batch, was_retry = pending.pop(future)
                in_flight_bytes -= _carried(batch)
                try:
                    results = future.result()
                except Exception as crash:
                    if not was_retry:
                        retries.extend([item] for item in batch)
                        continue
                    reason = (
                        f"the hashing process died on this file ({type(crash).__name__}); "
                        "it was not hashed"
                    )
                    results = [(None, reason)]
                for item, (hashes, error) in zip(batch, results, strict=True):
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
                "robust": matcher.robust_summary(bank.bank_id),
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
        excluded_folders=options.excluded_folders,
    )
    for item, hashes, error in _hashed_items(items, options, report.problems, report_progress):
        result = (
            matcher.match(hashes, features=item_features(item))
            if hashes is not None
            else MatchResult(())
        )
        note = None
        if hashes is not None and hashes.error:
            if is_failure(hashes):
                error = error or hashes.error
            else:
                note = hashes.error
        report.files.append(
            FileResult(
                path=item.display_path,
                hashes=hashes,
                result=result,
                warnings=item.warnings,
                error=error,
                note=note,
            )
        )
        report_progress("done", 1)
    report.files.sort(key=lambda f: f.path)
    report.finished_at = datetime.now(UTC)
    return report
