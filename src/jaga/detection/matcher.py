"""Match the hashes of one piece of content against the enabled banks.

One in-memory index holds every enabled entry of every bank; per-bank rules (distance
threshold, quality floor, allow-list) are applied to the hits afterwards. This keeps one
index to update when lists change and lets each bank keep its own threshold, which HMA
could not (its threshold is hard-coded at 31).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from jaga.banks.service import BankInfo, BankService, EntryRecord
from jaga.detection.snapshot_lock import snapshot_lock
from jaga.hashing.types import EXACT_SIGNAL_TYPES, FileHashes, PdqHash
from jaga.matching.exact_index import ExactIndex
from jaga.matching.pdq_index import PdqIndex
from jaga.matching.types import MatchingError
from jaga.robust.consensus import agreements, decode_of
from jaga.robust.local_features import FeatureLoader
from jaga.robust.local_features import unpack as unpack_features
from jaga.robust.settings import RobustSettings, RobustStore
from jaga.robust.verify import Verifier, VerifyStore, query_rows
from jaga.robust.views import ViewSettings

# What the scanned image is, relative to the listed original, when the k-th of the seven
# non-identity dihedral hashes (pdqhash.compute_dihedral order) is the one that matched.
# Measured by hashing drawn pictures after each PIL transpose.
DIHEDRAL_NAMES: tuple[str, ...] = (
    "rotated 90° clockwise",
    "rotated 180°",
    "rotated 90° counter-clockwise",
    "flipped upside down",
    "mirrored left to right",
    "mirrored along the main diagonal",
    "mirrored along the other diagonal",
)
PLAIN_PDQ = "PDQ"

_LOAD_BATCH = 50_000  # rows per database round trip: large enough to amortise, small in memory
_RECORD_CACHE_LIMIT = 100_000  # entry details kept for hits; a few hundred bytes each
SNAPSHOT_FORMAT = "jaga-bank-matcher/1"
REBUILD_AFTER_CHANGES = 200_000  # past this backlog, reloading all is faster than replaying

QUALITY_TOLERANCE = 2
"""Jaga's fast PDQ decodes JPEGs at reduced size; its quality differs from the reference
`pdqhash` quality by at most 2 on the bench photos (docs/benchmarks.md). A query hash within
that margin below a bank's floor is given the benefit of the doubt, so Jaga does not miss an
image that the reference would have let through (HMA drops query hashes under 50)."""


@dataclass(frozen=True, slots=True)
class Match:
    """One bank entry that the content matched, with what a reviewer needs to judge it."""

    bank: str
    entry_id: int
    signal_type: str
    category: str | None
    distance: int
    how: str
    frame: int | None  # the image frame whose PDQ matched; None for exact hashes
    source: str | None
    original_id: str | None
    allow_list: bool


@dataclass(frozen=True, slots=True)
class MatchResult:
    """Matches for one file.

    `suppressed` are matches silenced because the content also matched an allow-list bank
    (listed in `allowed`): they are kept so that a reviewer can see what was overruled.
    """

    matches: tuple[Match, ...]
    suppressed: tuple[Match, ...] = ()
    allowed: tuple[Match, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class IndexStats:
    """How big the index is: entries by signal type, and what removals left behind."""

    entries: dict[str, int]
    pdq_removed_rows: int
    pdq_memory_bytes: int
    cached_records: int
    cursor: int  # the change-log position the index reflects


@dataclass(frozen=True, slots=True)
class _Candidate:
    entry_id: int
    signal_type: str
    distance: int
    how: str
    frame: int | None
    robust: str = ""  # "" plain or dihedral; "view" a robust view; "region" a stored crop;
    # "agreed" both decodes' text views near the entry (jaga.robust.consensus)
    quality: int | None = None  # a robust view's own PDQ quality


# Which explanation a match report prefers when several hashes hit one entry: the plainest
# that passes, then the closest.
_RANK = {"": 0, "view": 1, "region": 2, "agreed": 3, "verified": 4}


class BankMatcher:
    """Holds one index of every enabled bank and answers `match(FileHashes)`.

    The index covers all enabled banks so that one snapshot on disk serves every caller;
    `bank_names` only narrows which banks a match may come from (enabled allow-list banks
    always take part). `refresh()` applies the bank change log since the last look, so
    entries added or disabled elsewhere (and whole banks enabled or disabled) are visible
    without rebuilding the index.
    """

    def __init__(
        self,
        service: BankService,
        bank_names: Sequence[str] | None = None,
        *,
        use_dihedral: bool = True,
        snapshot: Path | None = None,
        robust: bool = True,
    ) -> None:
        self._service = service
        self._use_robust = robust  # False: plain PDQ only, whatever the banks' settings
        self._use_dihedral = use_dihedral
        self._bank_names = set(bank_names) if bank_names else None
        self._enabled_banks: dict[int, BankInfo] = {}
        self._banks: dict[int, BankInfo] = {}
        self._records: dict[int, EntryRecord] = {}
        self._pdq = PdqIndex()
        self._exact: dict[str, ExactIndex] = {
            t: ExactIndex.for_signal(t) for t in EXACT_SIGNAL_TYPES
        }
        self._robust_store = RobustStore(service.engine)
        self._robust: dict[int, RobustSettings] = {}
        self._regions = PdqIndex()
        self._region_rows: dict[int, tuple[int, str]] = {}  # region row -> (entry, label)
        self._verify_store = VerifyStore(service.engine)
        self._verifier: Verifier | None = None  # local-feature check of Jaga-built lists
        self._load_banks()
        self.loaded_from_snapshot = snapshot is not None and self._load_snapshot(snapshot)
        if not self.loaded_from_snapshot:
            self._cursor = service.current_cursor()
            self._load_entries()
        changed = self.refresh()
        self._load_regions()
        self._load_verifier()
        if snapshot is not None and (changed or not self.loaded_from_snapshot):
            with contextlib.suppress(OSError):  # a read-only or busy folder costs speed only
                self.save_snapshot(snapshot)

    @property
    def banks(self) -> list[BankInfo]:
        """The banks matches may come from: the named ones, or every enabled bank."""
        return list(self._banks.values())

    def entry_count(self) -> int:
        """Entries in the index, all enabled banks together (a size, for reports)."""
        return len(self._pdq) + sum(len(index) for index in self._exact.values())

    def entry_counts(self) -> dict[str, int]:
        """Entries in the index by signal type."""
        counts = {"pdq": len(self._pdq)}
        counts.update({kind: len(index) for kind, index in self._exact.items()})
        return counts

    def index_stats(self) -> IndexStats:
        """Sizes for metrics; call it where searches are excluded (the index is not locked)."""
        entries = {"pdq": len(self._pdq)}
        entries.update({t: len(index) for t, index in self._exact.items()})
        return IndexStats(
            entries=entries,
            pdq_removed_rows=self._pdq.dead_count(),
            pdq_memory_bytes=self._pdq.memory_bytes(),
            cached_records=len(self._records),
            cursor=self._cursor,
        )

    def warm_up(self) -> None:
        """Run each index kernel once, so its compiled code is loaded before real work.

        Numba loads a kernel's machine code on first call: about a second, several on a
        busy machine. Without this, the first refresh pays it while holding the service's
        index lock (lookups wait) and the first lookup pays it too. Changes nothing.
        """
        query = np.zeros((1, 32), dtype=np.uint8)
        probe = PdqIndex(delta_rows=2)  # the add buffer's kernels: search, remove
        probe.add(np.zeros(1, dtype=np.int64), query)
        probe.search_many(query, 31)
        probe.remove([0])
        self._pdq.search_many(query, 31)  # this index's segments (multi-index kernels)
        if self._verifier is not None:
            self._verifier.warm_up()  # the looser search of the local-feature stage

    def _load_banks(self) -> None:
        self._enabled_banks = {
            b.bank_id: b for b in self._service.list_banks(with_counts=False) if b.enabled
        }
        # Allow-lists always apply: they exist to stop benign look-alikes from matching
        # whichever list a caller picked.
        self._banks = {
            bank_id: bank
            for bank_id, bank in self._enabled_banks.items()
            if self._bank_names is None or bank.name in self._bank_names or bank.allow_list
        }
        self._robust = self._robust_store.settings(self._banks)
        if not self._use_robust:
            self._robust = dict.fromkeys(self._robust, RobustSettings(enabled=False))

    def _load_regions(self) -> None:
        """The crop hashes of Jaga-built lists, for banks that use them (small: built lists
        are the ones Jaga hashed itself, so they are reloaded whole when banks change)."""
        wanted = [i for i, s in self._robust.items() if s.enabled and s.regions]
        rows = self._robust_store.regions(wanted)
        self._region_rows = {row.row_id: (row.entry_id, row.label) for row in rows}
        ids = np.asarray([row.row_id for row in rows], dtype=np.int64)
        hashes = np.frombuffer(b"".join(bytes.fromhex(r.value) for r in rows), dtype=np.uint8)
        self._regions = PdqIndex.from_arrays(ids, hashes.reshape(-1, 32))

    def _load_verifier(self) -> None:
        """The looser index over the plain hashes of entries with stored local features,
        for banks whose robust matching and verification are on; None when there are none."""
        settings = self._verify_store.settings(self._banks)
        wanted = [i for i, s in settings.items() if s.enabled and self._robust.get(i, _OFF).enabled]
        entry_ids = self._verify_store.entry_ids(wanted)
        if not entry_ids:
            self._verifier = None
            return
        records = self._service.entries_by_ids(entry_ids)
        live = {i: r for i, r in records.items() if r.enabled and r.signal_type == "pdq"}
        ids = list(live)
        values = [live[i].value for i in ids]
        hashes = np.frombuffer(b"".join(bytes.fromhex(v) for v in values), dtype=np.uint8)
        self._verifier = Verifier(
            self._verify_store.features,
            {i: r.bank_id for i, r in live.items()},
            (np.asarray(ids, dtype=np.int64), hashes.reshape(-1, 32)),
            {i: settings[i] for i in wanted},
        )

    def wants_local_features(self) -> bool:
        """Whether the local-feature stage is active: some selected bank verifies with them."""
        return self._verifier is not None and len(self._verifier) > 0

    def robust_summary(self, bank_id: int) -> str:
        """A bank's robust matching in words, for scan reports."""
        robust = self._robust.get(bank_id)
        if robust is None or not robust.enabled:
            return "off"
        parts = ["de-bordering"] if robust.deborder else []
        if robust.max_angle:
            parts.append(f"tilts up to {robust.max_angle}°")
        if robust.regions:
            parts.append("stored crops")
        if robust.agree:
            parts.append(f"two decodes' text views agreeing within {robust.agree_distance}")
        if self._verifier is not None and self._verify_store.settings([bank_id])[bank_id].enabled:
            parts.append("local-feature verification")
        return "on: " + ", ".join(parts) if parts else "on"

    def view_settings(self) -> ViewSettings | None:
        """What robust views a query needs for these banks; None when no bank uses them."""
        used = [s for bank_id, s in self._robust.items() if s.enabled and bank_id in self._banks]
        if not used:
            return None
        return ViewSettings(
            deborder=any(s.deborder for s in used), max_tilt=max(s.max_angle for s in used)
        )

    def _load_entries(self) -> None:
        """Bulk load: the PDQ index is built in one go, not by many small additions."""
        pdq_ids: list[int] = []
        pdq_values = bytearray()
        exact: dict[str, tuple[list[int], list[str]]] = {t: ([], []) for t in EXACT_SIGNAL_TYPES}
        for entry_id, _bank_id, signal_type, value in self._service.active_hashes(
            self._enabled_banks
        ):
            if signal_type == "pdq":
                pdq_ids.append(entry_id)
                pdq_values += bytes.fromhex(value)
            elif signal_type in exact:
                exact[signal_type][0].append(entry_id)
                exact[signal_type][1].append(value)
        hashes = np.frombuffer(bytes(pdq_values), dtype=np.uint8).reshape(-1, 32)
        self._pdq = PdqIndex.from_arrays(np.asarray(pdq_ids, dtype=np.int64), hashes)
        for signal_type, (ids, values) in exact.items():
            if ids:
                self._exact[signal_type].add(np.asarray(ids, dtype=np.int64), values)

    def _add_records(self, records: Iterable[EntryRecord]) -> None:
        """Index the records that may match; the rest (disabled) are simply skipped."""
        pdq_ids: list[int] = []
        pdq_values: list[bytes] = []
        exact: dict[str, tuple[list[int], list[str]]] = {t: ([], []) for t in EXACT_SIGNAL_TYPES}
        for record in records:
            if record.bank_id not in self._enabled_banks or not record.enabled:
                continue
            if record.signal_type == "pdq":
                pdq_ids.append(record.entry_id)
                pdq_values.append(bytes.fromhex(record.value))
            elif record.signal_type in exact:
                ids, values = exact[record.signal_type]
                ids.append(record.entry_id)
                values.append(record.value)
        if pdq_ids:
            hashes = np.frombuffer(b"".join(pdq_values), dtype=np.uint8).reshape(-1, 32)
            self._pdq.add(np.asarray(pdq_ids, dtype=np.int64), hashes)
        for signal_type, (ids, values) in exact.items():
            if ids:
                self._exact[signal_type].add(np.asarray(ids, dtype=np.int64), values)

    def _remove_ids(self, entry_ids: Sequence[int]) -> None:
        if not entry_ids:
            return
        self._pdq.remove(entry_ids)
        for index in self._exact.values():
            index.remove(entry_ids)

    def pending_changes(self) -> int:
        """How many change-log steps this index has not applied yet (one indexed read)."""
        return self._service.current_cursor() - self._cursor

    def needs_rebuild(self) -> bool:
        """Whether `refresh()` would reload everything rather than replay the changes."""
        return self.pending_changes() > REBUILD_AFTER_CHANGES

    def has_changes(self) -> bool:
        """Whether the change log moved since the last refresh: one indexed read, no lock
        needed, so a server can poll it often and lock the index only when there is work."""
        return self._service.current_cursor() > self._cursor

    def refresh(self) -> int:
        """Apply bank changes made since the last refresh; returns how many were applied."""
        backlog = self._service.current_cursor() - self._cursor
        if backlog > REBUILD_AFTER_CHANGES:
            # A big import or a big bank switched on: one bulk read beats replaying it.
            self._cursor = self._service.current_cursor()
            self._load_banks()
            self._records.clear()
            self._exact = {t: ExactIndex.for_signal(t) for t in EXACT_SIGNAL_TYPES}
            self._load_entries()
        applied = backlog if backlog > REBUILD_AFTER_CHANGES else 0
        while True:
            changes = self._service.changes_since(self._cursor, limit=_LOAD_BATCH)
            if not changes:
                if applied:
                    self._load_regions()
                    self._load_verifier()
                return applied
            self._cursor = changes[-1].seq
            self._load_banks()
            changed_ids = sorted({c.entry_id for c in changes if c.op != "settings"})
            for entry_id in changed_ids:
                self._records.pop(entry_id, None)
            self._remove_ids(changed_ids)
            records = self._service.entries_by_ids(changed_ids)
            self._add_records(records.values())
            self._pdq.purge_dead()  # memory follows the live size as banks churn
            applied += len(changes)

    # --- snapshots ---------------------------------------------------------------------

    def save_snapshot(self, directory: Path) -> bool:
        """Write the index next to the change-log position it reflects; False if a snapshot
        at least as new was already there (it is kept: a snapshot never goes back in time).

        It is written to a staging folder, then swapped in under the snapshot lock, so a
        reader never sees a half-written snapshot or a mix of two (see snapshot_lock).
        """
        directory = Path(directory)
        unique = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        staging = directory.with_name(f"{directory.name}.writing-{unique}")
        staging.mkdir(parents=True)
        try:
            self._pdq.save(staging / "pdq")
            for signal_type, index in self._exact.items():
                index.save(staging / signal_type)
            database = self._service.instance_id()
            manifest = {"format": SNAPSHOT_FORMAT, "database": database, "cursor": self._cursor}
            (staging / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
            previous = directory.with_name(f"{directory.name}.old-{unique}")
            with snapshot_lock(directory, exclusive=True):
                current = _read_manifest(directory)
                if (
                    current is not None
                    and current.get("format") == SNAPSHOT_FORMAT
                    and current.get("database") == database
                    and int(current.get("cursor", -1)) >= self._cursor
                ):
                    return False
                if directory.exists():
                    directory.rename(previous)
                staging.rename(directory)
            shutil.rmtree(previous, ignore_errors=True)
            return True
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def _load_snapshot(self, directory: Path) -> bool:
        """Load a snapshot of this database; False (and a fresh build) if it does not fit."""
        try:
            with snapshot_lock(directory, exclusive=False):
                manifest = _read_manifest(directory)
                if manifest is None or manifest.get("format") != SNAPSHOT_FORMAT:
                    return False
                if manifest.get("database") != self._service.instance_id():
                    return False
                cursor = int(manifest["cursor"])
                if cursor > self._service.current_cursor():
                    return False
                pdq = PdqIndex.load(directory / "pdq")
                exact: dict[str, ExactIndex] = {
                    t: ExactIndex.load(directory / t) for t in EXACT_SIGNAL_TYPES
                }
        except (OSError, ValueError, KeyError, MatchingError):
            return False
        self._pdq, self._exact, self._cursor = pdq, exact, cursor
        return True

    def _pdq_queries(self, hashes: Sequence[PdqHash]) -> tuple[np.ndarray, list[tuple[str, int]]]:
        """Every frame's hash, plus its seven orientations when asked, searched in one call."""
        packed: list[bytes] = []
        labels: list[tuple[str, int]] = []
        for pdq in hashes:
            packed.append(bytes.fromhex(pdq.hex))
            labels.append((PLAIN_PDQ, pdq.frame))
            if self._use_dihedral:
                for name, variant in zip(DIHEDRAL_NAMES, pdq.dihedral, strict=False):
                    packed.append(bytes.fromhex(variant))
                    labels.append((f"PDQ, the listed image {name}", pdq.frame))
        queries = np.frombuffer(b"".join(packed), dtype=np.uint8).reshape(-1, 32)
        return queries, labels

    def _candidates(
        self,
        pdq_hashes: Sequence[PdqHash],
        exact: Mapping[str, str],
        views: Sequence[tuple[str, PdqHash]] = (),
    ) -> list[_Candidate]:
        """Raw index hits, before any bank's rules; PDQ at the widest selected threshold."""
        found: list[_Candidate] = []
        for signal_type, value in exact.items():
            for entry_id in self._exact[signal_type].lookup(value):
                found.append(_Candidate(entry_id, signal_type, 0, f"exact {signal_type}", None))
        if pdq_hashes and len(self._pdq):
            radius = max((bank.pdq_threshold for bank in self._banks.values()), default=31)
            queries, labels = self._pdq_queries(pdq_hashes)
            for (how, frame), hits in zip(
                labels, self._pdq.search_many(queries, radius), strict=True
            ):
                for entry_id, distance in hits:
                    found.append(_Candidate(int(entry_id), "pdq", int(distance), how, frame))
        if pdq_hashes and (views or len(self._regions)):
            found += self._robust_candidates(pdq_hashes[0], views)
        if views and len(self._pdq):
            found += self._agreed_candidates(views)
        return found

    def _agreed_candidates(self, views: Sequence[tuple[str, PdqHash]]) -> list[_Candidate]:
        """Entries near the text views of both decodes (jaga.robust.consensus), searched at
        the widest agreement distance of the banks that use it; each bank's own distance is
        applied in match_signals. Only pictures with lettering found have such views."""
        radius = max(
            (
                s.agree_distance
                for i, s in self._robust.items()
                if i in self._banks and s.enabled and s.agree
            ),
            default=0,
        )
        voters = [(how, pdq) for how, pdq in views if decode_of(how) is not None]
        if radius == 0 or len({decode_of(how) for how, _pdq in voters}) < 2:
            return []
        array = np.frombuffer(
            b"".join(bytes.fromhex(pdq.hex) for _how, pdq in voters), dtype=np.uint8
        ).reshape(-1, 32)
        hits = [
            (how, int(entry_id), int(distance))
            for (how, _pdq), row_hits in zip(
                voters, self._pdq.search_many(array, radius), strict=True
            )
            for entry_id, distance in row_hits
        ]
        quality = {how: pdq.quality for how, pdq in voters}
        return [
            _Candidate(
                agreed.entry_id,
                "pdq",
                agreed.distance,
                f"PDQ, {agreed.how()}",
                0,
                "agreed",
                min(quality[how] for how in agreed.views),
            )
            for agreed in agreements(hits, radius)
        ]

    def _robust_candidates(
        self, first: PdqHash, views: Sequence[tuple[str, PdqHash]]
    ) -> list[_Candidate]:
        """Hits of the robust views in the index, and of every hash in the crop index."""
        radius = max(
            (b.pdq_threshold for i, b in self._banks.items() if self._robust[i].enabled),
            default=0,
        )
        if radius == 0:
            return []
        packed: list[bytes] = []
        labels: list[tuple[str, int]] = []  # how, quality
        queries = [("", first), *views]
        for view_how, pdq in queries:
            prefix = f"PDQ, {view_how}" if view_how else PLAIN_PDQ
            packed.append(bytes.fromhex(pdq.hex))
            labels.append((prefix, pdq.quality))
            for name, variant in zip(DIHEDRAL_NAMES, pdq.dihedral, strict=False):
                packed.append(bytes.fromhex(variant))
                labels.append((f"{prefix}, the listed image {name}", pdq.quality))
        array = np.frombuffer(b"".join(packed), dtype=np.uint8).reshape(-1, 32)
        found: list[_Candidate] = []
        first_view_row = 1 + len(first.dihedral)  # rows before it are the plain search's
        if len(array) > first_view_row and len(self._pdq):
            hits = self._pdq.search_many(array[first_view_row:], radius)
            for (how, quality), row_hits in zip(labels[first_view_row:], hits, strict=True):
                for entry_id, distance in row_hits:
                    found.append(
                        _Candidate(int(entry_id), "pdq", int(distance), how, 0, "view", quality)
                    )
        if len(self._regions):
            for (how, quality), row_hits in zip(
                labels, self._regions.search_many(array, radius), strict=True
            ):
                for row_id, distance in row_hits:
                    entry_id, label = self._region_rows[int(row_id)]
                    found.append(
                        _Candidate(
                            entry_id,
                            "pdq",
                            int(distance),
                            f"{how}; matched the listed image's {label}",
                            0,
                            "region",
                            quality,
                        )
                    )
        return found

    def _verified_candidates(
        self,
        pdq_hashes: Sequence[PdqHash],
        views: Sequence[tuple[str, PdqHash]],
        local_features: FeatureLoader | None,
    ) -> list[_Candidate]:
        """No hash came within a strict distance: the entries of Jaga-built lists that a
        looser PDQ search proposes and the local-feature check accepts (jaga.robust.verify).
        The picture's features are asked for only when there is a candidate to check."""
        if self._verifier is None or local_features is None or not pdq_hashes:
            return []
        hashes = query_rows(pdq_hashes[0], [pdq for _how, pdq in views])
        picked = self._verifier.candidates(hashes)
        if not picked:
            return []
        try:
            query = unpack_features(local_features())
        except ValueError:
            return []
        return [
            _Candidate(found.entry_id, "pdq", found.distance, found.how, 0, "verified")
            for found in self._verifier.verify(hashes, query, picked)
        ]

    def _entry_records(self, entry_ids: set[int]) -> dict[int, EntryRecord]:
        """Entry details for hits, cached: a scan meets the same listed images again and again."""
        missing = sorted(entry_ids - self._records.keys())
        if missing:
            if len(self._records) > _RECORD_CACHE_LIMIT:
                self._records.clear()
            self._records.update(self._service.entries_by_ids(missing))
        return {i: self._records[i] for i in entry_ids if i in self._records}

    def match(self, content: FileHashes, *, features: FeatureLoader | None = None) -> MatchResult:
        """All matches of one file, per-bank rules applied, the closest hit per entry kept.

        `features` gives the picture's ORB features on demand (when the hashes carry none):
        called only when nothing matched strictly and a Jaga-built list has a candidate.
        """
        exact: dict[str, str] = {t: getattr(content, t) for t in EXACT_SIGNAL_TYPES}
        loader = features
        if content.local_features:
            loader = lambda: content.local_features  # noqa: E731
        return self.match_signals(content.pdq, exact, views=content.views, local_features=loader)

    def match_signals(
        self,
        pdq_hashes: Sequence[PdqHash],
        exact: Mapping[str, str],
        *,
        check_quality: bool = True,
        views: Sequence[tuple[str, PdqHash]] = (),
        local_features: FeatureLoader | None = None,
    ) -> MatchResult:
        """Match bare hashes (what an API caller sends): PDQ hashes and exact digests by type.

        `check_quality=False` when the caller gave no quality: the hash was made elsewhere,
        and HMA-style lookups do not re-judge it.
        """
        candidates = self._candidates(pdq_hashes, exact, views)
        if not any(c.signal_type == "pdq" for c in candidates):
            candidates += self._verified_candidates(pdq_hashes, views, local_features)
        if not candidates:
            return MatchResult(())
        records = self._entry_records({c.entry_id for c in candidates})
        quality_by_frame = {pdq.frame: pdq.quality for pdq in pdq_hashes}
        best: dict[int, Match] = {}
        rank: dict[int, int] = {}  # id(match) -> how robust its explanation is (_RANK)
        notes: list[str] = []
        for candidate in candidates:
            record = records.get(candidate.entry_id)
            if record is None or not record.enabled:
                continue
            bank = self._banks.get(record.bank_id)
            if bank is None:
                continue
            if candidate.robust:
                robust = self._robust.get(bank.bank_id)
                if robust is None or not robust.enabled:
                    continue
                if candidate.robust == "region" and not robust.regions:
                    continue
                if candidate.robust == "agreed" and (
                    not robust.agree or candidate.distance > robust.agree_distance
                ):
                    continue
            # A verified match is past the strict distance by design, and its evidence is
            # the geometric fit of many keypoints, not the PDQ of a flat picture.
            # An agreement is past the strict distance by design too: its distance was
            # checked against the bank's agreement distance above.
            if candidate.signal_type == "pdq" and candidate.robust != "verified":
                if candidate.robust != "agreed" and candidate.distance > bank.pdq_threshold:
                    continue
                quality = (
                    candidate.quality
                    if candidate.quality is not None
                    else quality_by_frame.get(candidate.frame or 0, 0)
                )
                if check_quality and quality < bank.quality_floor - QUALITY_TOLERANCE:
                    notes.append(
                        f"PDQ quality {quality} is below bank {bank.name!r}'s floor "
                        f"{bank.quality_floor}: its PDQ match was not counted"
                    )
                    continue
            match = Match(
                bank=bank.name,
                entry_id=record.entry_id,
                signal_type=candidate.signal_type,
                category=record.category,
                distance=candidate.distance,
                how=candidate.how,
                frame=candidate.frame,
                source=record.source,
                original_id=record.original_id,
                allow_list=bank.allow_list,
            )
            kept = best.get(record.entry_id)
            if kept is None or _closer(match, kept, rank[id(kept)], _RANK[candidate.robust]):
                best[record.entry_id] = match
                rank[id(match)] = _RANK[candidate.robust]
        ordered = sorted(best.values(), key=lambda m: (m.bank, m.distance, m.entry_id))
        return _apply_allow_lists(ordered, notes)


_OFF = RobustSettings(enabled=False)


def _read_manifest(directory: Path) -> dict[str, Any] | None:
    """A snapshot's manifest, or None when there is none (or it is not JSON)."""
    try:
        manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def _closer(match: Match, kept: Match, kept_rank: int = 0, rank: int = 0) -> bool:
    """The plainest explanation wins (plain or dihedral, then a robust view, then a stored
    crop), then the smaller distance; at equal distance the plain hash beats an orientation."""
    return (rank, match.distance, match.how != PLAIN_PDQ) < (
        kept_rank,
        kept.distance,
        kept.how != PLAIN_PDQ,
    )


def _apply_allow_lists(ordered: list[Match], notes: list[str]) -> MatchResult:
    """An allow-list match silences matches of the same or a weaker kind.

    An exact allow-list match means this very file is known to be benign: everything else
    is silenced. A PDQ allow-list match only says the picture looks like a benign one, so
    it silences other PDQ matches but never an exact-hash match of a listed file.
    """
    allowed = [m for m in ordered if m.allow_list]
    if not allowed:
        return MatchResult(tuple(ordered), (), (), tuple(dict.fromkeys(notes)))
    exact_allowed = any(m.signal_type != "pdq" for m in allowed)
    listed = [m for m in ordered if not m.allow_list]
    kept = [m for m in listed if not exact_allowed and m.signal_type != "pdq"]
    silenced = [m for m in listed if m not in kept]
    if silenced:
        banks = ", ".join(sorted({m.bank for m in allowed}))
        notes.append(f"{len(silenced)} match(es) silenced by allow-list bank(s) {banks}")
    return MatchResult(tuple(kept), tuple(silenced), tuple(allowed), tuple(dict.fromkeys(notes)))
