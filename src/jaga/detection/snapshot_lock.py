"""A lock file beside the index snapshot, so processes sharing one data folder take turns.

Several Uvicorn workers (and the CLI) start from, and write, the same snapshot. Renaming a
finished folder into place is atomic, but a reader opens a dozen files one after another:
without the lock it could take the manifest (the change-log position) from one snapshot
and the arrays from another, and never replay the changes in between. Readers share the
lock; a writer takes it alone only for the swap (writing happens beforehand, unlocked).

`flock` is advisory and per open file, so it works between processes and threads alike
and is released by the kernel if a holder dies. Where there is no `fcntl` (Windows) the
lock does nothing: run one process per data folder there.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None  # type: ignore[assignment]


def lock_path(snapshot: Path) -> Path:
    return snapshot.with_name(f"{snapshot.name}.lock")


@contextmanager
def snapshot_lock(snapshot: Path, *, exclusive: bool) -> Iterator[None]:
    """Hold the snapshot's lock: shared to read it, exclusive to replace it."""
    path = lock_path(snapshot)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+b") as handle:
        if fcntl is None:
            yield
            return
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
