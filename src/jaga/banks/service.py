"""BankService: every bank operation, for the CLI, the scanner and the HTTP API alike.

Writes that change the active set (enabled entries of enabled banks) append to the change
log in the same transaction, so a matcher can follow `changes_since(cursor)` instead of
reloading millions of entries. Imports run in one transaction each: a crash leaves the
bank as it was, never half-imported.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TypeVar, cast

from sqlalchemy import (
    Engine,
    String,
    Table,
    and_,
    any_,
    bindparam,
    case,
    delete,
    func,
    insert,
    literal,
    select,
    text,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from jaga.banks.attributes import decode_attributes, merge_attributes
from jaga.banks.errors import (
    BankExists,
    BankNotFound,
    EmptyImportFile,
    InvalidBankSettings,
    UnknownImportRun,
)
from jaga.banks.formats import (
    FileFormat,
    ProgressCallback,
    SourceRow,
    format_for,
    is_blank,
    read_rows,
    write_entries,
)
from jaga.banks.records import (
    BankInfo,
    EntryChange,
    EntryInput,
    EntryRecord,
    ImportReport,
    ImportRunInfo,
    QuarantinedRow,
)
from jaga.banks.rows import BankRules, Candidate, interpret_row
from jaga.banks.schemes import CATEGORY_SCHEMES, CategoryScheme, normalise_category
from jaga.banks.values import parse_signal_type
from jaga.hashing.types import SIGNAL_TYPES, SignalType
from jaga.store.models import Bank, Entry, ImportRun, Instance
from jaga.store.models import EntryChange as EntryChangeRow
from jaga.store.models import QuarantinedRow as QuarantinedRowModel
from jaga.store.timestamps import utc_now

__all__ = [
    "BankInfo",
    "BankService",
    "EntryChange",
    "EntryInput",
    "EntryRecord",
    "ImportReport",
    "ImportRunInfo",
    "QuarantinedRow",
]

# Upper case and up to 128 characters so that HMA clients' names (Coop's
# `COOP_<ORG>_<NAME>`) are banks as they are; names are compared exactly, as HMA does,
# but two names differing only in case are refused as a trap for people.
BANK_NAME_PATTERN = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_-]{0,127}$")
MAX_PDQ_THRESHOLD = 64
REPORTED_QUARANTINE_LIMIT = 10_000  # rows kept in ImportReport; all are in the database
_PG_CHANGE_LOG_LOCK = 0x4A414743  # advisory lock key serialising change-log writers
_T = TypeVar("_T")
_ENTRIES = cast(Table, Entry.__table__)
_CHANGES = cast(Table, EntryChangeRow.__table__)
_QUARANTINE = cast(Table, QuarantinedRowModel.__table__)


class BankService:
    """Banks and their entries on one database (see `jaga.store.create_engine_for`)."""

    def __init__(self, engine: Engine, *, batch_size: int = 5_000) -> None:
        self.engine = engine
        self.batch_size = batch_size

    # ---- banks ---------------------------------------------------------------------------

    def create_bank(
        self,
        name: str,
        *,
        signal_types: Iterable[str] = SIGNAL_TYPES,
        pdq_threshold: int = 31,
        quality_floor: int = 50,
        category_scheme: str = "industry",
        allow_list: bool = False,
        description: str = "",
        enabled: bool = True,
        matching_enabled_ratio: float = 1.0,
    ) -> BankInfo:
        """Create an empty bank; BankExists if the name is taken."""
        bank = Bank(
            name=_check_name(name),
            description=description,
            signal_types=",".join(_check_signal_types(signal_types)),
            pdq_threshold=_check_threshold(pdq_threshold),
            quality_floor=_check_quality_floor(quality_floor),
            category_scheme=_check_scheme(category_scheme),
            allow_list=allow_list,
            enabled=enabled,
            matching_enabled_ratio=_check_ratio(matching_enabled_ratio),
            created_at=utc_now(),
        )
        with self._session() as session:
            taken = session.scalar(
                select(Bank.name).where(func.lower(Bank.name) == bank.name.lower())
            )
            if taken is not None:
                raise BankExists(taken)
            session.add(bank)
            try:
                session.commit()
            except IntegrityError:
                raise BankExists(bank.name) from None
            return _bank_info(bank, {}, {})

    def list_banks(self, *, with_counts: bool = True) -> list[BankInfo]:
        """All banks by name, with entry counts per signal type.

        Counting reads every entry (seconds at millions); a matcher that only needs the
        settings passes `with_counts=False`.
        """
        with self._session() as session:
            banks = session.scalars(select(Bank).order_by(Bank.name)).all()
            if not with_counts:
                return [_bank_info(bank, {}, {}) for bank in banks]
            counts, enabled_counts = _entry_counts(session, None)
            return [_bank_info(bank, counts[bank.id], enabled_counts[bank.id]) for bank in banks]

    def get_bank(self, name: str, *, with_counts: bool = True) -> BankInfo:
        """One bank's settings and counts; BankNotFound (with the known names) if absent.

        Counting reads the bank's entries (seconds at millions); callers that only need
        the settings, or to know the bank exists, pass `with_counts=False`.
        """
        with self._session() as session:
            bank = self._bank(session, name)
            if not with_counts:
                return _bank_info(bank, {}, {})
            counts, enabled_counts = _entry_counts(session, bank.id)
            return _bank_info(bank, counts[bank.id], enabled_counts[bank.id])

    def update_bank(
        self,
        name: str,
        *,
        description: str | None = None,
        signal_types: Iterable[str] | None = None,
        pdq_threshold: int | None = None,
        quality_floor: int | None = None,
        category_scheme: str | None = None,
        allow_list: bool | None = None,
        matching_enabled_ratio: float | None = None,
        new_name: str | None = None,
    ) -> BankInfo:
        """Change settings; refuses changes that would strand existing entries.

        Dropping a signal type that still has entries, or switching to a scheme their
        categories do not fit, raises InvalidBankSettings rather than leaving entries
        the bank no longer accepts.
        """
        with self._session() as session:
            bank = self._bank(session, name)
            if signal_types is not None:
                chosen = _check_signal_types(signal_types)
                stranded = session.execute(
                    select(Entry.signal_type, func.count())
                    .where(Entry.bank_id == bank.id, Entry.signal_type.not_in(chosen))
                    .group_by(Entry.signal_type)
                ).all()
                if stranded:
                    held = ", ".join(f"{count} {kind}" for kind, count in stranded)
                    raise InvalidBankSettings(
                        f"bank {name!r} still holds {held} entries; remove them before "
                        "dropping those signal types"
                    )
                bank.signal_types = ",".join(chosen)
            if category_scheme is not None:
                scheme = _check_scheme(category_scheme)
                categories = session.scalars(
                    select(Entry.category).where(Entry.bank_id == bank.id).distinct()
                ).all()
                for category in categories:
                    try:
                        normalise_category(scheme, category)
                    except ValueError as error:
                        raise InvalidBankSettings(
                            f"cannot switch bank {name!r} to scheme {scheme!r}: existing {error}"
                        ) from None
                bank.category_scheme = scheme
            if description is not None:
                bank.description = description
            if pdq_threshold is not None:
                bank.pdq_threshold = _check_threshold(pdq_threshold)
            if quality_floor is not None:
                bank.quality_floor = _check_quality_floor(quality_floor)
            if allow_list is not None:
                bank.allow_list = allow_list
            if matching_enabled_ratio is not None:
                bank.matching_enabled_ratio = _check_ratio(matching_enabled_ratio)
            if new_name is not None and new_name != bank.name:
                taken = session.scalar(
                    select(Bank.name).where(
                        func.lower(Bank.name) == _check_name(new_name).lower(), Bank.id != bank.id
                    )
                )
                if taken is not None:
                    raise BankExists(taken)
                bank.name = new_name
            if session.is_modified(bank):
                _lock_change_log(session)
                session.add(EntryChangeRow(entry_id=0, bank_id=bank.id, op="settings"))
            try:
                session.commit()
            except IntegrityError:
                raise BankExists(new_name or name) from None
            name = bank.name
        return self.get_bank(name)

    def log_settings_change(self, bank_id: int) -> None:
        """Tell every matcher that a bank's matching settings changed elsewhere (e.g. its
        robust-matching settings, kept in their own table): they reload bank settings at
        their next refresh, as after `update_bank`."""
        with self._session() as session:
            _lock_change_log(session)
            session.add(EntryChangeRow(entry_id=0, bank_id=bank_id, op="settings"))
            session.commit()

    def set_bank_enabled(self, name: str, enabled: bool) -> BankInfo:
        """Switch a whole bank on or off; its enabled entries enter or leave the active set."""
        with self._session() as session:
            bank = self._bank(session, name)
            if bank.enabled != enabled:
                _lock_change_log(session)
                if not enabled:
                    _log_bank_entries(session, bank.id, "remove")
                bank.enabled = enabled
                session.flush()
                if enabled:
                    _log_bank_entries(session, bank.id, "add")
                session.commit()
        return self.get_bank(name)

    def delete_bank(self, name: str) -> int:
        """Delete a bank with its entries, import runs and quarantine; returns entries deleted."""
        with self._session() as session:
            bank = self._bank(session, name)
            _lock_change_log(session)
            if bank.enabled:
                _log_bank_entries(session, bank.id, "remove")
            deleted = session.scalar(
                select(func.count()).select_from(Entry).where(Entry.bank_id == bank.id)
            )
            session.execute(delete(Bank).where(Bank.id == bank.id))
            session.commit()
            return int(deleted or 0)

    # ---- imports -------------------------------------------------------------------------

    def add_entries(
        self, bank_name: str, entries: Iterable[EntryInput], *, source: str
    ) -> ImportReport:
        """Add entries from code, checked exactly like imported rows (numbered from 1)."""
        rows = (
            SourceRow(number, _input_as_row(entry), f"{entry.signal_type},{entry.value}"[:500])
            for number, entry in enumerate(entries, start=1)
        )
        return self._import_rows(bank_name, rows, source=source, fmt="api")

    def import_file(
        self,
        bank_name: str,
        path: Path | str,
        *,
        fmt: str | None = None,
        source: str | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> ImportReport:
        """Import a file of any `FILE_FORMATS`; bad rows are quarantined, the rest imported.

        `source` (default: the file name) is the provenance of rows without a `source`
        column. Raises UnsupportedFormat for a file it cannot read at all, EmptyImportFile
        for an empty one (no run is recorded); a CSV header without rows imports 0 rows.
        """
        path = Path(path)
        file_format = format_for(path, fmt)
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no such file")
        self.get_bank(bank_name, with_counts=False)  # fail on an unknown bank before reading
        if is_blank(path):
            raise EmptyImportFile(path)
        rows = read_rows(path, file_format, on_progress)
        return self._import_rows(bank_name, rows, source=source or path.name, fmt=file_format)

    def _import_rows(
        self, bank_name: str, rows: Iterable[SourceRow], *, source: str, fmt: str
    ) -> ImportReport:
        with self._session() as session:
            bank = self._bank(session, bank_name)
            rules = BankRules(
                signal_types=frozenset(_split_types(bank.signal_types)),
                quality_floor=bank.quality_floor,
                category_scheme=cast(CategoryScheme, bank.category_scheme),
                default_source=source[:255],
            )
            _lock_change_log(session)
            _plan_each_query_afresh(session)
            run = ImportRun(bank_id=bank.id, source=source[:255], fmt=fmt, started_at=utc_now())
            session.add(run)
            session.flush()
            writer = _ImportWriter(session, bank.id, bank.enabled, run.id)
            seen: set[tuple[str, str]] = set()
            pending: list[Candidate] = []
            for row in rows:
                writer.rows_read += 1
                if row.data is None:
                    writer.quarantine(row, row.error or "unreadable row")
                    continue
                outcome = interpret_row(row.data, rules)
                writer.ignored += outcome.ignored
                for problem in outcome.problems:
                    writer.quarantine(row, problem)
                for candidate in outcome.candidates:
                    key = (candidate.signal_type, candidate.value)
                    if key in seen:
                        writer.duplicates += 1
                        continue
                    seen.add(key)
                    pending.append(candidate)
                if len(pending) >= self.batch_size:
                    writer.write(pending)
                    pending = []
            writer.write(pending)
            report = writer.finish(run)
            session.commit()
            return report

    def quarantined_rows(
        self,
        *,
        run_id: int | None = None,
        bank_name: str | None = None,
        limit: int | None = None,
    ) -> list[QuarantinedRow]:
        """Quarantined rows of one import run, or of every run of a bank, in file order.

        With both, the run must belong to the bank (UnknownImportRun otherwise), so a typo in
        a run id is an error rather than an empty list.
        """
        if run_id is None and bank_name is None:
            raise ValueError("give run_id or bank_name")
        with self._session() as session:
            query = select(QuarantinedRowModel).order_by(
                QuarantinedRowModel.import_run_id, QuarantinedRowModel.id
            )
            if run_id is not None:
                query = query.where(QuarantinedRowModel.import_run_id == run_id)
            if bank_name is not None:
                bank = self._bank(session, bank_name)
                query = query.where(QuarantinedRowModel.bank_id == bank.id)
                if run_id is not None:
                    owner = session.scalar(select(ImportRun.bank_id).where(ImportRun.id == run_id))
                    if owner != bank.id:
                        raise UnknownImportRun(bank_name, run_id)
            if limit is not None:
                query = query.limit(limit)
            return [
                QuarantinedRow(row.row_number, row.reason, row.raw, run_id=row.import_run_id)
                for row in session.scalars(query)
            ]

    def import_runs(self, bank_name: str, *, limit: int = 10) -> list[ImportRunInfo]:
        """The latest imports into a bank, newest first."""
        with self._session() as session:
            bank = self._bank(session, bank_name)
            runs = session.scalars(
                select(ImportRun)
                .where(ImportRun.bank_id == bank.id)
                .order_by(ImportRun.id.desc())
                .limit(limit)
            )
            return [_run_info(run) for run in runs]

    # ---- export and entry maintenance ----------------------------------------------------

    def export_file(
        self, bank_name: str, out: Path | str | IO[str], *, fmt: str | None = None
    ) -> int:
        """Write every entry (enabled or not) as `fmt`; returns the number of entries written.

        csv/jsonl/json are the bank's own backup format: importing it into a new bank with the
        same settings reproduces values, categories, provenance, attributes and enabled
        flags. The exchange formats (docs/formats.md) keep what their format can hold.
        """
        bank = self.get_bank(bank_name, with_counts=False)
        if isinstance(out, str | Path):
            path = Path(out)
            file_format: FileFormat = format_for(path, fmt)
            with path.open("w", encoding="utf-8", newline="") as handle:
                return write_entries(
                    self._bank_entries(bank.bank_id), handle, file_format, bank.category_scheme
                )
        file_format = format_for(Path("out.csv"), fmt or "csv")
        return write_entries(
            self._bank_entries(bank.bank_id), out, file_format, bank.category_scheme
        )

    def set_entries_enabled(self, bank_name: str, entry_ids: Iterable[int], enabled: bool) -> int:
        """Enable or disable entries of one bank by id; returns how many changed.

        Disabling is how a false positive is silenced without losing its provenance;
        a later re-import does not re-enable it.
        """
        ids = list(dict.fromkeys(entry_ids))
        changed = 0
        with self._session() as session:
            bank = self._bank(session, bank_name)
            _lock_change_log(session)
            for chunk in _chunks(ids, 1_000):
                targets = session.scalars(
                    select(Entry.id).where(
                        Entry.bank_id == bank.id, Entry.id.in_(chunk), Entry.enabled != enabled
                    )
                ).all()
                if not targets:
                    continue
                session.execute(
                    update(Entry)
                    .where(Entry.id.in_(targets))
                    .values(enabled=enabled, updated_at=utc_now())
                )
                if bank.enabled:
                    _log(session, [(entry_id, bank.id) for entry_id in targets], enabled)
                changed += len(targets)
            session.commit()
        return changed

    def remove_entries(
        self,
        bank_name: str,
        *,
        entry_ids: Iterable[int] = (),
        values: Iterable[tuple[str, str]] = (),
    ) -> int:
        """Delete entries by id and/or by (signal_type, value); returns how many went."""
        with self._session() as session:
            bank = self._bank(session, bank_name)
            targets: list[tuple[int, bool]] = []
            for id_chunk in _chunks(list(dict.fromkeys(entry_ids)), 1_000):
                targets += _pairs(
                    session.execute(
                        select(Entry.id, Entry.enabled).where(
                            Entry.bank_id == bank.id, Entry.id.in_(id_chunk)
                        )
                    )
                )
            by_type: dict[str, list[str]] = defaultdict(list)
            for signal_type, value in values:
                by_type[parse_signal_type(signal_type)].append(value.strip().lower())
            for signal_type, wanted in by_type.items():
                for chunk in _chunks(wanted, 1_000):
                    targets += _pairs(
                        session.execute(
                            select(Entry.id, Entry.enabled).where(
                                Entry.bank_id == bank.id,
                                Entry.signal_type == signal_type,
                                Entry.value.in_(chunk),
                            )
                        )
                    )
            unique = dict(targets)
            if not unique:
                return 0
            _lock_change_log(session)
            if bank.enabled:
                active = [(entry_id, bank.id) for entry_id, on in unique.items() if on]
                _log(session, active, False)
            for doomed in _chunks(list(unique), 1_000):
                session.execute(delete(Entry).where(Entry.id.in_(doomed)))
            session.commit()
            return len(unique)

    # ---- reading for matchers ------------------------------------------------------------

    def active_entries(
        self,
        bank_names: Sequence[str] | None = None,
        *,
        signal_types: Iterable[str] | None = None,
        batch_size: int = 10_000,
    ) -> Iterator[EntryRecord]:
        """Enabled entries of enabled banks, streamed by id in batches.

        Each batch is its own short read, so a slow consumer holds no transaction open.
        To follow changes afterwards, take `current_cursor()` BEFORE iterating and apply
        `changes_since(cursor)` after; applying a change twice must be harmless.
        """
        conditions = [Entry.enabled.is_(True), Bank.enabled.is_(True)]
        if bank_names is not None:
            with self._session() as session:
                ids = [self._bank(session, name).id for name in bank_names]
            conditions.append(Entry.bank_id.in_(ids))
        if signal_types is not None:
            conditions.append(Entry.signal_type.in_(_check_signal_types(signal_types)))
        last_id = 0
        while True:
            with self._session() as session:
                rows = session.execute(
                    _record_query()
                    .where(and_(*conditions), Entry.id > last_id)
                    .order_by(Entry.id)
                    .limit(batch_size)
                ).all()
            if not rows:
                return
            for row in rows:
                yield _record(row)
            last_id = rows[-1][0]

    def active_hashes(self, bank_ids: Iterable[int]) -> Iterator[tuple[int, int, str, str]]:
        """(entry id, bank id, signal type, value) of the enabled entries of these banks.

        The bulk read behind an index build: one streamed query of four narrow columns,
        because paging through full records (`active_entries`) costs minutes at millions.
        """
        wanted = list(bank_ids)
        if not wanted:
            return
        query = (
            select(Entry.id, Entry.bank_id, Entry.signal_type, Entry.value)
            .where(Entry.enabled.is_(True), Entry.bank_id.in_(wanted))
            .execution_options(yield_per=50_000)
        )
        with self._session() as session:
            for row in session.execute(query):
                yield row[0], row[1], row[2], row[3]

    def entries_by_ids(self, ids: Iterable[int]) -> dict[int, EntryRecord]:
        """The entries with these ids (enabled or not); ids that no longer exist are absent."""
        found: dict[int, EntryRecord] = {}
        with self._session() as session:
            for chunk in _chunks(list(dict.fromkeys(ids)), 1_000):
                for row in session.execute(_record_query().where(Entry.id.in_(chunk))):
                    record = _record(row)
                    found[record.entry_id] = record
        return found

    def entries_by_original_ids(
        self, bank_name: str, source: str, original_ids: Iterable[str]
    ) -> list[EntryRecord]:
        """Entries of one bank that came from `source` under these upstream ids (enabled or
        not): how a sync finds what an upstream tombstone or a reinstatement refers to."""
        wanted = list(dict.fromkeys(original_ids))
        found: list[EntryRecord] = []
        with self._session() as session:
            bank = self._bank(session, bank_name)
            for chunk in _chunks(wanted, 1_000):
                query = _record_query().where(
                    Entry.bank_id == bank.id, Entry.source == source, Entry.original_id.in_(chunk)
                )
                found += [_record(row) for row in session.execute(query.order_by(Entry.id))]
        return found

    def count_entries_from(self, bank_name: str, source: str) -> tuple[int, int]:
        """(all, enabled) entries of one bank with this provenance, e.g. one sync source's."""
        with self._session() as session:
            bank = self._bank(session, bank_name)
            total, enabled = session.execute(
                select(func.count(), func.sum(case((Entry.enabled.is_(True), 1), else_=0))).where(
                    Entry.bank_id == bank.id, Entry.source == source
                )
            ).one()
            return int(total or 0), int(enabled or 0)

    def entry_in_bank(
        self, bank_name: str, *, entry_id: int | None = None, value: tuple[str, str] | None = None
    ) -> EntryRecord | None:
        """One entry of one bank, by id or by (signal_type, value), enabled or not."""
        with self._session() as session:
            bank = self._bank(session, bank_name)
            query = _record_query().where(Entry.bank_id == bank.id)
            if entry_id is not None:
                query = query.where(Entry.id == entry_id)
            if value is not None:
                query = query.where(Entry.signal_type == value[0], Entry.value == value[1])
            row = session.execute(query.limit(1)).first()
            return _record(row) if row is not None else None

    def lookup(self, signal_type: str, values: Iterable[str]) -> list[EntryRecord]:
        """Active entries equal to any of `values` (exact hashes: md5/sha1/sha256)."""
        kind = parse_signal_type(signal_type)
        wanted = list(dict.fromkeys(value.strip().lower() for value in values))
        found: list[EntryRecord] = []
        with self._session() as session:
            for chunk in _chunks(wanted, 1_000):
                query = _record_query().where(
                    Entry.signal_type == kind,
                    Entry.value.in_(chunk),
                    Entry.enabled.is_(True),
                    Bank.enabled.is_(True),
                )
                found += [_record(row) for row in session.execute(query.order_by(Entry.id))]
        return found

    def instance_id(self) -> str:
        """This database's random id (see the `instance` table)."""
        with self._session() as session:
            return str(session.scalar(select(Instance.instance_id).where(Instance.id == 1)))

    def current_cursor(self) -> int:
        """The newest change-log position (0 when nothing has changed yet)."""
        with self._session() as session:
            return int(session.scalar(select(func.max(EntryChangeRow.seq))) or 0)

    def changes_since(self, cursor: int, limit: int = 10_000) -> list[EntryChange]:
        """Changes after `cursor`, oldest first; pass the last `seq` back as the next cursor."""
        with self._session() as session:
            rows = session.scalars(
                select(EntryChangeRow)
                .where(EntryChangeRow.seq > cursor)
                .order_by(EntryChangeRow.seq)
                .limit(limit)
            )
            return [
                EntryChange(row.seq, row.entry_id, row.bank_id, cast(Any, row.op)) for row in rows
            ]

    # ---- helpers -------------------------------------------------------------------------

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    def _bank(self, session: Session, name: str) -> Bank:
        bank = session.scalar(select(Bank).where(Bank.name == name))
        if bank is None:
            known = list(session.scalars(select(Bank.name).order_by(Bank.name).limit(20)))
            raise BankNotFound(name, known)
        return bank

    def _bank_entries(self, bank_id: int) -> Iterator[EntryRecord]:
        last_id = 0
        while True:
            with self._session() as session:
                rows = session.execute(
                    _record_query()
                    .where(Entry.bank_id == bank_id, Entry.id > last_id)
                    .order_by(Entry.id)
                    .limit(10_000)
                ).all()
            if not rows:
                return
            yield from (_record(row) for row in rows)
            last_id = rows[-1][0]


@dataclass
class _ImportWriter:
    """Writes one import's candidates in batches and keeps its tallies."""

    session: Session
    bank_id: int
    bank_enabled: bool
    run_id: int
    rows_read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    ignored: int = 0
    quarantined_count: int = 0

    def __post_init__(self) -> None:
        self.reported: list[QuarantinedRow] = []
        self._quarantine_batch: list[dict[str, object]] = []

    def quarantine(self, row: SourceRow, reason: str) -> None:
        self.quarantined_count += 1
        if len(self.reported) < REPORTED_QUARANTINE_LIMIT:
            self.reported.append(QuarantinedRow(row.row_number, reason, row.raw, self.run_id))
        self._quarantine_batch.append(
            {
                "import_run_id": self.run_id,
                "bank_id": self.bank_id,
                "row_number": row.row_number,
                # PostgreSQL text refuses NUL; hostile files have them.
                "reason": reason.replace("\x00", "\ufffd"),
                "raw": row.raw.replace("\x00", "\ufffd"),
            }
        )
        if len(self._quarantine_batch) >= 5_000:
            self._flush_quarantine()

    def _flush_quarantine(self) -> None:
        if self._quarantine_batch:
            self.session.execute(insert(_QUARANTINE), self._quarantine_batch)
            self._quarantine_batch = []

    def write(self, candidates: list[Candidate]) -> None:
        if not candidates:
            return
        existing = self._existing(candidates)
        now = utc_now()
        new_rows: list[dict[str, object]] = []
        changed_rows: list[dict[str, object]] = []
        for candidate in candidates:
            current = existing.get((candidate.signal_type, candidate.value))
            if current is None:
                new_rows.append(_new_entry_row(self.bank_id, candidate, now))
                continue
            merged = _merge(current, candidate)
            if merged is None:
                self.unchanged += 1
            else:
                changed_rows.append({**merged, "b_id": current["id"], "updated_at": now})
        relog: list[tuple[int, int]] = []
        if new_rows:
            inserted = _insert_new_entries(self.session, new_rows)
            self.added += len(inserted)
            # Rows another writer inserted meanwhile were skipped: they already exist as sent.
            self.unchanged += len(new_rows) - len(inserted)
            relog += [(entry_id, self.bank_id) for entry_id, enabled in inserted if enabled]
        if changed_rows:
            self.session.execute(
                update(_ENTRIES)
                .where(_ENTRIES.c.id == bindparam("b_id"))
                .values(
                    category=bindparam("category"),
                    quality=bindparam("quality"),
                    original_id=bindparam("original_id"),
                    interpol_baseline=bindparam("interpol_baseline"),
                    attributes=bindparam("attributes"),
                    updated_at=bindparam("updated_at"),
                ),
                changed_rows,
            )
            self.updated += len(changed_rows)
            # 'add' for a changed entry tells a matcher to reload it (its category changed).
            relog += [
                (cast(int, row["b_id"]), self.bank_id) for row in changed_rows if row["enabled"]
            ]
        if self.bank_enabled:
            _log(self.session, relog, True)

    def _existing(self, candidates: list[Candidate]) -> dict[tuple[str, str], dict[str, Any]]:
        by_type: dict[str, list[str]] = defaultdict(list)
        for candidate in candidates:
            by_type[candidate.signal_type].append(candidate.value)
        found: dict[tuple[str, str], dict[str, Any]] = {}
        for signal_type, values in by_type.items():
            for chunk in _chunks(values, 2_000):
                rows = self.session.execute(
                    select(
                        Entry.id,
                        Entry.value,
                        Entry.category,
                        Entry.quality,
                        Entry.original_id,
                        Entry.interpol_baseline,
                        Entry.enabled,
                        Entry.attributes,
                    ).where(
                        Entry.bank_id == self.bank_id,
                        Entry.signal_type == signal_type,
                        _value_in(self.session, chunk),
                    )
                ).mappings()
                for row in rows:
                    found[(signal_type, row["value"])] = dict(row)
        return found

    def finish(self, run: ImportRun) -> ImportReport:
        self._flush_quarantine()
        run.finished_at = utc_now()
        run.rows_read = self.rows_read
        run.added = self.added
        run.updated = self.updated
        run.unchanged = self.unchanged
        run.duplicates = self.duplicates
        run.ignored = self.ignored
        run.quarantined = self.quarantined_count
        return ImportReport(
            run_id=self.run_id,
            rows_read=self.rows_read,
            added=self.added,
            updated=self.updated,
            unchanged=self.unchanged,
            quarantined=self.reported,
            duplicates=self.duplicates,
            ignored=self.ignored,
            quarantined_count=self.quarantined_count,
        )


def _value_in(session: Session, values: Sequence[str]) -> Any:
    """`value IN (...)`, sent as one array parameter on PostgreSQL (see _insert_new_entries)."""
    if session.get_bind().dialect.name == "postgresql":
        return Entry.value == any_(bindparam("values", list(values), type_=ARRAY(String)))
    return Entry.value.in_(values)


def _new_entry_row(bank_id: int, candidate: Candidate, now: object) -> dict[str, object]:
    return {
        "bank_id": bank_id,
        "signal_type": candidate.signal_type,
        "value": candidate.value,
        "category": candidate.category,
        "original_id": candidate.original_id,
        "source": candidate.source,
        "quality": candidate.quality,
        "interpol_baseline": candidate.interpol_baseline,
        "enabled": True if candidate.enabled is None else candidate.enabled,
        "attributes": candidate.attributes,
        "imported_at": now,
        "updated_at": now,
    }


def _merge(current: dict[str, Any], candidate: Candidate) -> dict[str, object] | None:
    """The entry's fields after this row, or None when the row adds nothing new.

    Blank fields in the row mean "not stated", so they never erase what is stored; the
    first source and the enabled flag are kept (re-importing must not re-enable an entry
    someone disabled as a false positive).
    """
    merged = {
        "category": candidate.category or current["category"],
        "quality": current["quality"] if candidate.quality is None else candidate.quality,
        "original_id": candidate.original_id or current["original_id"],
        "interpol_baseline": current["interpol_baseline"]
        if candidate.interpol_baseline is None
        else candidate.interpol_baseline,
        "attributes": merge_attributes(current["attributes"], candidate.attributes),
    }
    if all(merged[key] == current[key] for key in merged):
        return None
    return {**merged, "enabled": current["enabled"]}


_PG_INSERT_ENTRIES = text(
    """
    INSERT INTO entries (bank_id, signal_type, value, category, original_id, source, quality,
                         interpol_baseline, enabled, attributes, imported_at, updated_at)
    SELECT :bank_id, t.signal_type, t.value, t.category, t.original_id, t.source, t.quality,
           t.interpol_baseline, t.enabled, t.attributes, :now, :now
    FROM unnest(CAST(:signal_type AS text[]), CAST(:value AS text[]),
                CAST(:category AS text[]), CAST(:original_id AS text[]),
                CAST(:source AS text[]), CAST(:quality AS integer[]),
                CAST(:interpol_baseline AS boolean[]), CAST(:enabled AS boolean[]),
                CAST(:attributes AS text[]))
         AS t(signal_type, value, category, original_id, source, quality,
              interpol_baseline, enabled, attributes)
    ON CONFLICT ON CONSTRAINT uq_entries_bank_signal_value DO NOTHING
    RETURNING id, enabled
    """
)
_ARRAY_COLUMNS = (
    "signal_type",
    "value",
    "category",
    "original_id",
    "source",
    "quality",
    "interpol_baseline",
    "enabled",
    "attributes",
)


def _insert_new_entries(session: Session, rows: list[dict[str, object]]) -> list[Any]:
    """Insert rows that were not there a moment ago; returns (id, enabled) of those inserted.

    On PostgreSQL the batch travels as one array per column: a multi-row VALUES statement
    with tens of thousands of placeholders spent most of its time in driver-side parsing.
    """
    if session.get_bind().dialect.name == "postgresql":
        params: dict[str, object] = {
            column: [row[column] for row in rows] for column in _ARRAY_COLUMNS
        }
        params["bank_id"] = rows[0]["bank_id"]
        params["now"] = rows[0]["imported_at"]
        return list(session.execute(_PG_INSERT_ENTRIES, params).all())
    statement = _insert_ignoring_conflicts(session).returning(_ENTRIES.c.id, _ENTRIES.c.enabled)
    return list(session.execute(statement, rows).all())


def _insert_ignoring_conflicts(session: Session) -> Any:
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(_ENTRIES).on_conflict_do_nothing(
            constraint="uq_entries_bank_signal_value"
        )
    return sqlite.insert(_ENTRIES).on_conflict_do_nothing()


def _lock_change_log(session: Session) -> None:
    """Serialise change-log writers on PostgreSQL until commit.

    Sequence numbers are handed out at insert time but become visible at commit; without
    this, a reader could see seq 11 commit before seq 10 and skip 10 for ever. SQLite
    already allows one writer at a time.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_CHANGE_LOG_LOCK})


def _plan_each_query_afresh(session: Session) -> None:
    """Stop PostgreSQL reusing a generic plan for this import's lookups.

    psycopg prepares a statement after a few runs; PostgreSQL then settles on a plan made
    while the bank was small (a scan filtering 2,000 values per row), and a 100k-row import
    crawled for minutes. Custom plans see the real values and use the unique index.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))


def _log(session: Session, entries: list[tuple[int, int]], added: bool) -> None:
    op = "add" if added else "remove"
    if entries and session.get_bind().dialect.name == "postgresql":
        session.execute(
            text(
                "INSERT INTO entry_changes (entry_id, bank_id, op) "
                "SELECT t.e, t.b, :op FROM unnest(CAST(:entry_ids AS bigint[]), "
                "CAST(:bank_ids AS integer[])) WITH ORDINALITY AS t(e, b, n) ORDER BY t.n"
            ),
            {"op": op, "entry_ids": [e for e, _ in entries], "bank_ids": [b for _, b in entries]},
        )
        return
    for chunk in _chunks(entries, 5_000):
        session.execute(
            insert(_CHANGES),
            [{"entry_id": entry_id, "bank_id": bank_id, "op": op} for entry_id, bank_id in chunk],
        )


def _log_bank_entries(session: Session, bank_id: int, op: str) -> None:
    """One change per enabled entry of the bank, in one INSERT ... SELECT."""
    chosen = select(Entry.id, Entry.bank_id, literal(op)).where(
        Entry.bank_id == bank_id, Entry.enabled.is_(True)
    )
    session.execute(
        insert(_CHANGES).from_select(["entry_id", "bank_id", "op"], chosen.order_by(Entry.id))
    )


def _entry_counts(
    session: Session, bank_id: int | None
) -> tuple[dict[int, dict[SignalType, int]], dict[int, dict[SignalType, int]]]:
    query = select(
        Entry.bank_id,
        Entry.signal_type,
        func.count(),
        func.sum(case((Entry.enabled.is_(True), 1), else_=0)),
    ).group_by(Entry.bank_id, Entry.signal_type)
    if bank_id is not None:
        query = query.where(Entry.bank_id == bank_id)
    counts: dict[int, dict[SignalType, int]] = defaultdict(dict)
    enabled_counts: dict[int, dict[SignalType, int]] = defaultdict(dict)
    for owner, signal_type, total, enabled in session.execute(query):
        counts[owner][cast(SignalType, signal_type)] = int(total)
        enabled_counts[owner][cast(SignalType, signal_type)] = int(enabled or 0)
    return counts, enabled_counts


def _record_query() -> Any:
    return select(
        Entry.id,
        Entry.bank_id,
        Bank.name,
        Entry.signal_type,
        Entry.value,
        Entry.category,
        Entry.interpol_baseline,
        Entry.source,
        Entry.original_id,
        Entry.imported_at,
        Entry.quality,
        Entry.enabled,
        Entry.attributes,
    ).join(Bank, Bank.id == Entry.bank_id)


def _record(row: Any) -> EntryRecord:
    return EntryRecord(
        entry_id=row[0],
        bank_id=row[1],
        bank_name=row[2],
        signal_type=row[3],
        value=row[4],
        category=row[5],
        interpol_baseline=row[6],
        source=row[7],
        original_id=row[8],
        imported_at=row[9],
        quality=row[10],
        enabled=row[11],
        attributes=decode_attributes(row[12]),
    )


def _bank_info(
    bank: Bank, counts: dict[SignalType, int], enabled_counts: dict[SignalType, int]
) -> BankInfo:
    return BankInfo(
        bank_id=bank.id,
        name=bank.name,
        description=bank.description,
        signal_types=_split_types(bank.signal_types),
        pdq_threshold=bank.pdq_threshold,
        quality_floor=bank.quality_floor,
        category_scheme=cast(CategoryScheme, bank.category_scheme),
        allow_list=bank.allow_list,
        enabled=bank.enabled,
        matching_enabled_ratio=bank.matching_enabled_ratio,
        created_at=bank.created_at,
        entry_counts=dict(counts),
        enabled_entry_counts=dict(enabled_counts),
    )


def _run_info(run: ImportRun) -> ImportRunInfo:
    return ImportRunInfo(
        run_id=run.id,
        source=run.source,
        fmt=run.fmt,
        started_at=run.started_at,
        finished_at=run.finished_at,
        rows_read=run.rows_read,
        added=run.added,
        updated=run.updated,
        unchanged=run.unchanged,
        duplicates=run.duplicates,
        ignored=run.ignored,
        quarantined=run.quarantined,
    )


def _input_as_row(entry: EntryInput) -> dict[str, object]:
    return {
        "signal_type": entry.signal_type,
        "value": entry.value,
        "category": entry.category,
        "original_id": entry.original_id,
        "source": entry.source,
        "quality": entry.quality,
        "interpol_baseline": entry.interpol_baseline,
        "enabled": entry.enabled,
        "attributes": entry.attributes,
    }


def _pairs(rows: Iterable[Any]) -> list[tuple[int, bool]]:
    return [(int(row[0]), bool(row[1])) for row in rows]


def _split_types(joined: str) -> tuple[SignalType, ...]:
    return tuple(cast(SignalType, kind) for kind in joined.split(",") if kind)


def _check_name(name: str) -> str:
    if not BANK_NAME_PATTERN.fullmatch(name):
        raise InvalidBankSettings(
            f"bank name {name!r} is not allowed: use 1-128 letters, digits, '-' or '_', "
            "not starting with '-' (e.g. 'ncmec-industry' or 'COOP_ORG1_CSAM')"
        )
    return name


def _check_ratio(value: float) -> float:
    if not 0.0 <= value <= 1.0:
        raise InvalidBankSettings(f"matching_enabled_ratio {value} is outside 0.0-1.0")
    return float(value)


def _check_signal_types(signal_types: Iterable[str]) -> list[SignalType]:
    chosen: set[SignalType] = set()
    for raw in signal_types:
        try:
            chosen.add(parse_signal_type(raw))
        except ValueError as error:
            raise InvalidBankSettings(str(error)) from None
    if not chosen:
        raise InvalidBankSettings("a bank needs at least one signal type (pdq, md5, sha1, sha256)")
    return [kind for kind in SIGNAL_TYPES if kind in chosen]


def _check_threshold(value: int) -> int:
    if not 0 <= value <= MAX_PDQ_THRESHOLD:
        raise InvalidBankSettings(
            f"PDQ threshold {value} is outside 0-{MAX_PDQ_THRESHOLD} bits "
            "(31 is the usual; above 64 of 256 bits matches unrelated images)"
        )
    return value


def _check_quality_floor(value: int) -> int:
    if not 0 <= value <= 100:
        raise InvalidBankSettings(f"quality floor {value} is outside 0-100 (50 is the usual)")
    return value


def _check_scheme(scheme: str) -> CategoryScheme:
    for known in CATEGORY_SCHEMES:
        if scheme == known:
            return known
    raise InvalidBankSettings(
        f"unknown category scheme {scheme!r}; use one of {', '.join(CATEGORY_SCHEMES)}"
    )


def _chunks(items: Sequence[_T], size: int) -> Iterator[Sequence[_T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
