"""Second stage of robust matching for Jaga-built lists: looser PDQ, then local features.

When no hash of a picture comes within a bank's strict distance, its hashes (plain, its
orientations and every robust view) are searched again at a looser distance, but only
among entries that have stored local features (lists Jaga built from the originals: small
next to the received lists, and the only ones with features). The few closest entries are
then checked with ORB keypoints and a RANSAC fit (jaga.robust.local_features): a match is
accepted only when many corners agree on one turn, scale and shift of the whole picture.
The looser distance only picks what to check; what is reported is what the check proved.

Cost is bounded twice: the looser search only sees the verifiable entries (never a big
received list), and at most `candidates` entries are checked per picture.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from jaga.banks.service import BankService
from jaga.hashing.types import PdqHash
from jaga.matching.pdq_index import PdqIndex
from jaga.robust.bank_settings_rows import (
    bank_id_by_name,
    bank_settings_by_name,
    read_bank_settings,
    update_bank_settings,
)
from jaga.robust.local_features import CheckSettings, Features, Verdict, check, unpack
from jaga.store.models import BankVerifyRow, LocalFeatureRow

FEATURE_KIND = "orb"
MAX_DISTANCE = 128
"""The looser distance may go up to every entry (a scan of the verifiable entries only)."""
MAX_CANDIDATES = 20
CACHE_ENTRIES = 4096
"""Unpacked features kept in memory (about 10 KB each): a scan meets the same few again."""


TURNS = 3
"""The plain hash's first three dihedral variants are its 90°, 180° and 270° turns
(jaga.detection.matcher.DIHEDRAL_NAMES): ORB corners survive a turn, so a turned copy can
be verified. Mirrored variants are not searched: ORB descriptors are not mirror-invariant
and the fitted transform has no reflection, so a mirrored candidate could never pass."""


def query_rows(first: PdqHash, views: Sequence[PdqHash]) -> list[str]:
    """The hashes a picture is searched with at the looser distance: its plain hash, its
    three turns, and each robust view as it is (about 15, against 20-odd strict rows)."""
    return [first.hex, *first.dihedral[:TURNS], *(view.hex for view in views)]


class VerifySettingsError(ValueError):
    """A verification setting out of range; the message says the allowed values."""


@dataclass(frozen=True, slots=True)
class VerifySettings:
    """How one bank uses local-feature verification (only banks with stored features).

    `distance` 80: on the bench photos the strict misses of listed copies lay 32-86 bits
    from their original and unlisted copies' nearest listed hash 86+ (docs/benchmarks.md);
    the check, not the distance, decides, so the distance only bounds the work.
    `min_inliers` 16: unrelated pictures gave at most 9 inliers with a sane scale.
    """

    enabled: bool = True
    distance: int = 80
    candidates: int = 3
    min_inliers: int = 16

    def check_settings(self) -> CheckSettings:
        return CheckSettings(min_inliers=self.min_inliers)


@dataclass(frozen=True, slots=True)
class Verified:
    """An entry the check looked at: how far its closest hash was, and the verdict."""

    entry_id: int
    distance: int
    verdict: Verdict

    @property
    def how(self) -> str:
        return (
            f"verified by local features ({self.verdict.inliers} inliers, "
            f"PDQ distance {self.distance})"
        )


class VerifyStore:
    """Reads and writes verification settings and the stored features."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def settings(self, bank_ids: Iterable[int]) -> dict[int, VerifySettings]:
        """Each bank's settings (defaults where none were saved)."""
        return read_bank_settings(self.engine, BankVerifyRow, VerifySettings(), bank_ids)

    def bank_settings(self, bank_name: str) -> VerifySettings:
        return bank_settings_by_name(self.engine, BankVerifyRow, VerifySettings(), bank_name)

    def update(
        self,
        bank_name: str,
        *,
        enabled: bool | None = None,
        distance: int | None = None,
        candidates: int | None = None,
        min_inliers: int | None = None,
    ) -> VerifySettings:
        """Change the given settings of a bank, keep the others."""
        if distance is not None and not 0 <= distance <= MAX_DISTANCE:
            raise VerifySettingsError(
                f"verify distance must be 0-{MAX_DISTANCE} bits, got {distance}"
            )
        if candidates is not None and not 1 <= candidates <= MAX_CANDIDATES:
            raise VerifySettingsError(
                f"verify candidates must be 1-{MAX_CANDIDATES}, got {candidates}"
            )
        if min_inliers is not None and not 8 <= min_inliers <= 200:
            raise VerifySettingsError(
                f"verify min inliers must be 8-200 (fewer accepts chance fits), got {min_inliers}"
            )
        return update_bank_settings(
            self.engine,
            bank_name,
            BankVerifyRow,
            VerifySettings(),
            {
                "enabled": enabled,
                "distance": distance,
                "candidates": candidates,
                "min_inliers": min_inliers,
            },
        )

    def replace_features(self, bank_id: int, entry_id: int, blob: bytes) -> None:
        """Store one entry's packed features, replacing any before."""
        with Session(self.engine) as session:
            session.execute(delete(LocalFeatureRow).where(LocalFeatureRow.entry_id == entry_id))
            session.add(
                LocalFeatureRow(entry_id=entry_id, bank_id=bank_id, kind=FEATURE_KIND, data=blob)
            )
            session.commit()
        BankService(self.engine).log_settings_change(bank_id)  # matchers reload

    def entry_ids(self, bank_ids: Iterable[int]) -> list[int]:
        """Entries of these banks that have stored features."""
        ids = list(bank_ids)
        if not ids:
            return []
        with Session(self.engine) as session:
            rows = session.scalars(
                select(LocalFeatureRow.entry_id).where(LocalFeatureRow.bank_id.in_(ids))
            )
            return [int(r) for r in rows]

    def features(self, entry_ids: Sequence[int]) -> dict[int, Features]:
        """Unpacked features of these entries (a corrupt row is skipped, not fatal)."""
        if not entry_ids:
            return {}
        found: dict[int, Features] = {}
        with Session(self.engine) as session:
            rows = session.execute(
                select(LocalFeatureRow.entry_id, LocalFeatureRow.data).where(
                    LocalFeatureRow.entry_id.in_(list(entry_ids))
                )
            )
            for entry_id, data in rows:
                try:
                    found[int(entry_id)] = unpack(bytes(data))
                except ValueError:
                    continue
        return found

    def feature_count(self, bank_name: str) -> int:
        with Session(self.engine) as session:
            bank_id = bank_id_by_name(session, bank_name)
            return len(
                session.scalars(
                    select(LocalFeatureRow.entry_id).where(LocalFeatureRow.bank_id == bank_id)
                ).all()
            )


class Verifier:
    """The looser index over verifiable entries, and the check of its closest hits.

    Built by the matcher from the entries' plain hashes (one row each), for banks whose
    verification is on. Crop hashes are left out: at 80 bits the search scans every row,
    so 16 rows per original cost 16 times as much, and a cropped copy already matches its
    stored crop strictly (docs/benchmarks.md).
    """

    def __init__(
        self,
        fetch: Callable[[Sequence[int]], dict[int, Features]],
        entry_banks: dict[int, int],
        rows: tuple[np.ndarray, np.ndarray],
        settings: dict[int, VerifySettings],
    ) -> None:
        self._fetch = fetch  # stored features by entry id (VerifyStore.features)
        self._entry_banks = entry_banks  # entry id -> bank id
        self._settings = settings
        self._index = PdqIndex.from_arrays(rows[0], rows[1])
        self._cache: OrderedDict[int, Features] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entry_banks)

    def memory_bytes(self) -> int:
        """The looser index plus the cached features (points and descriptors)."""
        cached = sum(f.points.nbytes + f.descriptors.nbytes for f in self._cache.values())
        return self._index.memory_bytes() + cached

    def warm_up(self) -> None:
        """Run the looser search once, so its compiled kernels load before real queries."""
        self._index.search_arrays(np.zeros((1, 32), dtype=np.uint8), MAX_DISTANCE)

    def candidates(self, hashes: Sequence[str]) -> list[tuple[int, int]]:
        """(entry id, closest distance) of the entries to check, closest first; `hashes`
        are `query_rows(...)`.

        Each bank's own looser distance applies; at most the largest `candidates` of the
        banks involved are returned (the bound on work per picture).
        """
        if not len(self._index) or not hashes:
            return []
        radius = max((s.distance for s in self._settings.values() if s.enabled), default=-1)
        if radius < 0:
            return []
        packed = b"".join(bytes.fromhex(value) for value in hashes)
        queries = np.frombuffer(packed, dtype=np.uint8).reshape(-1, 32)
        _rows, ids, dists = self._index.search_arrays(queries, radius)
        closest: dict[int, int] = {}
        for entry_id, distance in zip(ids.tolist(), dists.tolist(), strict=True):
            settings = self._settings.get(self._entry_banks.get(entry_id, -1))
            if settings is None or not settings.enabled or distance > settings.distance:
                continue
            if distance < closest.get(entry_id, 1 << 16):
                closest[entry_id] = distance
        ordered = sorted(closest.items(), key=lambda item: (item[1], item[0]))
        limit = max((s.candidates for s in self._settings.values() if s.enabled), default=0)
        return ordered[:limit]

    def verify(
        self,
        hashes: Sequence[str],
        query: Features,
        picked: Sequence[tuple[int, int]] | None = None,
    ) -> list[Verified]:
        """The candidates whose stored features the query's match geometrically."""
        checked = self.examine(hashes, query, picked)
        return [found for found in checked if found.verdict.accepted]

    def examine(
        self,
        hashes: Sequence[str],
        query: Features,
        picked: Sequence[tuple[int, int]] | None = None,
    ) -> list[Verified]:
        """Every candidate checked, accepted or not (the refused ones show the margin);
        `picked` is `candidates(hashes)` when the caller already has it."""
        checked: list[Verified] = []
        picked = self.candidates(hashes) if picked is None else picked
        stored = self._features([entry_id for entry_id, _ in picked])
        for entry_id, distance in picked:
            original = stored.get(entry_id)
            if original is None:
                continue
            settings = self._settings[self._entry_banks[entry_id]]
            verdict = check(query, original, settings.check_settings())
            checked.append(Verified(entry_id, distance, verdict))
        return checked

    def _features(self, entry_ids: Sequence[int]) -> dict[int, Features]:
        missing = [i for i in entry_ids if i not in self._cache]
        for entry_id, features in self._fetch(missing).items():
            self._cache[entry_id] = features
            if len(self._cache) > CACHE_ENTRIES:
                self._cache.popitem(last=False)
        return {i: self._cache[i] for i in entry_ids if i in self._cache}
