"""The tables, as SQLAlchemy 2 declarative models.

Banks own entries, import runs and quarantined rows (deleting a bank deletes them). The
change log deliberately has no foreign keys: it must outlive the entries and banks it
talks about, so that a matcher still learns that a deleted entry is gone.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from jaga.store.timestamps import UtcDateTime, utc_now

# Stable constraint names, so Alembic migrations can refer to them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite only auto-increments INTEGER PRIMARY KEY; PostgreSQL wants BIGINT for big tables.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Bank(Base):
    """A named hash list with its own matching settings."""

    __tablename__ = "banks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    # Comma-separated subset of pdq,md5,sha1,sha256 (portable; the set is tiny and fixed).
    signal_types: Mapped[str] = mapped_column(String(64))
    pdq_threshold: Mapped[int] = mapped_column(Integer, default=31)
    quality_floor: Mapped[int] = mapped_column(Integer, default=50)
    category_scheme: Mapped[str] = mapped_column(String(16), default="industry")
    allow_list: Mapped[bool] = mapped_column(Boolean, default=False)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    # HMA's `matching_enabled_ratio`: the share of lookups the bank takes part in.
    matching_enabled_ratio: Mapped[float] = mapped_column(Float, default=1.0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)

    entries: Mapped[list[Entry]] = relationship(
        back_populates="bank", cascade="all, delete-orphan", passive_deletes=True
    )


class Entry(Base):
    """One hash value in one bank, with its category and where it came from."""

    __tablename__ = "entries"
    __table_args__ = (
        UniqueConstraint("bank_id", "signal_type", "value", name="uq_entries_bank_signal_value"),
        # Exact-hash lookups ask "which banks hold this md5?" across banks.
        Index("ix_entries_signal_value", "signal_type", "value"),
        # Syncs find the entries an upstream tombstone names by their upstream id.
        Index("ix_entries_bank_original_id", "bank_id", "original_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    bank_id: Mapped[int] = mapped_column(ForeignKey("banks.id", ondelete="CASCADE"))
    signal_type: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(64))
    category: Mapped[str] = mapped_column(String(16), default="")
    interpol_baseline: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    quality: Mapped[int | None] = mapped_column(Integer, nullable=True)
    source: Mapped[str] = mapped_column(String(255), default="")
    original_id: Mapped[str] = mapped_column(String(255), default="")
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    # JSON object: the source record's fields Jaga has no column for (docs/formats.md).
    attributes: Mapped[str | None] = mapped_column(Text, nullable=True)

    bank: Mapped[Bank] = relationship(back_populates="entries")


class EntryChange(Base):
    """One step of the active set (enabled entries of enabled banks): an entry came or went.

    `seq` is the cursor a matcher follows with `changes_since`, instead of reloading.
    """

    __tablename__ = "entry_changes"

    seq: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    entry_id: Mapped[int] = mapped_column(BigInteger)
    bank_id: Mapped[int] = mapped_column(Integer)
    op: Mapped[str] = mapped_column(String(8))  # 'add' | 'remove'


class Instance(Base):
    """One row: a random id for this database, so snapshots can tell databases apart."""

    __tablename__ = "instance"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    instance_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ImportRun(Base):
    """One import of one file (or one `add_entries` call): what it did, for `bank show`."""

    __tablename__ = "import_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bank_id: Mapped[int] = mapped_column(ForeignKey("banks.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(255), default="")
    fmt: Mapped[str] = mapped_column(String(16), default="")
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    added: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    ignored: Mapped[int] = mapped_column(Integer, default=0)
    quarantined: Mapped[int] = mapped_column(Integer, default=0)


class QuarantinedRow(Base):
    """A row that could not be imported, kept with its reason so someone can fix it."""

    __tablename__ = "quarantined_rows"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    import_run_id: Mapped[int] = mapped_column(
        ForeignKey("import_runs.id", ondelete="CASCADE"), index=True
    )
    bank_id: Mapped[int] = mapped_column(ForeignKey("banks.id", ondelete="CASCADE"), index=True)
    row_number: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    raw: Mapped[str] = mapped_column(Text, default="")


class ApiKeyRow(Base):
    """An API key for the HTTP service: only the SHA-256 of its secret is kept.

    `key_prefix` (the secret's first characters) lets people tell keys apart in lists and
    narrows the lookup; it is too short to help anyone guess the rest.
    """

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    key_prefix: Mapped[str] = mapped_column(String(16), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Comma-separated subset of hash,match,banks:read,banks:write,admin (see jaga.auth).
    scopes: Mapped[str] = mapped_column(String(64))
    rate_limit_per_minute: Mapped[int] = mapped_column(Integer, default=6000)  # 0: unlimited
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class BankActionsRow(Base):
    """What to do when content matches a bank: a signed webhook, a review item, auto-block.

    One row per bank that has any action (most banks have none). The webhook secret is
    kept as given, because signing needs the secret itself; it is never shown again.
    """

    __tablename__ = "bank_actions"

    bank_id: Mapped[int] = mapped_column(
        ForeignKey("banks.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    webhook_url: Mapped[str | None] = mapped_column(Text, nullable=True)
    webhook_secret: Mapped[str | None] = mapped_column(String(255), nullable=True)
    review: Mapped[bool] = mapped_column(Boolean, default=False)
    auto_block: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class WebhookOutboxRow(Base):
    """One webhook event waiting for, or done with, delivery (the transactional outbox).

    Written in the same transaction as the match's review items, so an event exists if and
    only if the match was answered. A deliverer claims a row by setting `claimed_until` (a
    lease) and `claimed_by`; a deliverer that dies leaves the lease to expire and another
    takes the row over. No foreign key to banks: events outlive a deleted bank as dead
    letters, so nobody wonders where they went.
    """

    __tablename__ = "webhook_outbox"
    __table_args__ = (Index("ix_webhook_outbox_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(64), unique=True)
    bank_id: Mapped[int] = mapped_column(Integer, index=True)
    bank_name: Mapped[str] = mapped_column(String(128))
    payload: Mapped[str] = mapped_column(Text)  # the JSON body, exactly as it is sent
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending|delivered|dead
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    claimed_until: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    claimed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    last_status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    delivered_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class ReviewItemRow(Base):
    """Content that matched a bank whose rule asks for human review.

    One open item per bank and content: the same content matched again only raises
    `seen_count`. Like the outbox, no foreign key, so a deleted bank's items stay reviewable.
    """

    __tablename__ = "review_items"
    __table_args__ = (
        Index("ix_review_items_bank_content", "bank_id", "content_key"),
        Index("ix_review_items_status", "status", "id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    bank_id: Mapped[int] = mapped_column(Integer)
    bank_name: Mapped[str] = mapped_column(String(128))
    content_key: Mapped[str] = mapped_column(String(128))  # e.g. 'sha256:<hex>' or 'pdq:<hex>'
    content: Mapped[str] = mapped_column(Text)  # JSON: the content's hashes
    matches: Mapped[str] = mapped_column(Text)  # JSON: the matched entries of this bank
    event_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open|closed
    seen_count: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    decision: Mapped[str] = mapped_column(Text, default="")


class TrustedKeyRow(Base):
    """A partner's Ed25519 public key whose signed bundles this instance accepts.

    `key_id` is the first 16 hex digits of the SHA-256 of the raw public key: what a
    bundle names as its signer, and what people compare when they trust a key.
    """

    __tablename__ = "trusted_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    key_id: Mapped[str] = mapped_column(String(32), unique=True)
    public_key: Mapped[str] = mapped_column(String(64))  # base64 of the 32 raw bytes
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class SharePartnerRow(Base):
    """An organisation this instance shares banks with; it reads feeds with its own API key
    (scope `share:read`), and sees only the banks granted to it."""

    __tablename__ = "share_partners"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    api_key_id: Mapped[int] = mapped_column(
        ForeignKey("api_keys.id", ondelete="CASCADE"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class ShareGrantRow(Base):
    """Bank `bank_id` is published to partner `partner_id`."""

    __tablename__ = "share_grants"

    partner_id: Mapped[int] = mapped_column(
        ForeignKey("share_partners.id", ondelete="CASCADE"), primary_key=True
    )
    bank_id: Mapped[int] = mapped_column(
        ForeignKey("banks.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class ShareSubscriptionRow(Base):
    """Another Jaga's feed of one bank, pulled into a local bank (one feed per local bank).

    `trust` is 'auto' (the local bank's actions apply) or 'review' (matches only ever make
    review items). `cursor` is the publisher's opaque position; `api_key` the partner key
    the publisher gave us, kept as given because every pull must send it.
    """

    __tablename__ = "share_subscriptions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    feed_url: Mapped[str] = mapped_column(Text)
    api_key: Mapped[str] = mapped_column(String(255))
    bank_id: Mapped[int] = mapped_column(ForeignKey("banks.id", ondelete="CASCADE"), unique=True)
    trust: Mapped[str] = mapped_column(String(16))
    cursor: Mapped[str] = mapped_column(String(128), default="")
    source_instance: Mapped[str] = mapped_column(String(64), default="")
    source_bank: Mapped[str] = mapped_column(String(128), default="")
    last_pulled_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class SharedEntryRow(Base):
    """Which local value a publisher's entry id became: a 'remove' in the feed names only
    the publisher's entry id, and this row is the entry's provenance too."""

    __tablename__ = "shared_entries"

    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("share_subscriptions.id", ondelete="CASCADE"), primary_key=True
    )
    remote_entry_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    signal_type: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(64))


class BundleImportRow(Base):
    """One bundle imported: refuses the same bundle twice and an older one after a newer
    (a replay that would bring back withdrawn entries), and records where entries came from."""

    __tablename__ = "bundle_imports"
    __table_args__ = (Index("ix_bundle_imports_origin", "origin_instance", "origin_bank"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bundle_id: Mapped[str] = mapped_column(String(64), unique=True)
    signer_key_id: Mapped[str] = mapped_column(String(32), default="")
    origin_instance: Mapped[str] = mapped_column(String(64))
    origin_bank: Mapped[str] = mapped_column(String(128))
    bundle_created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    bank_name: Mapped[str] = mapped_column(String(128))
    entries: Mapped[int] = mapped_column(Integer, default=0)
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class ExchangeSourceRow(Base):
    """An upstream hash list Jaga syncs into a bank (NCMEC, StopNCII, ThreatExchange).

    `checkpoint` (JSON) is the connector's resume point, written after each page is applied
    to the bank, so a crashed sync goes on from the last page it finished. Credentials are
    never stored here: they come from the environment or a credentials file.
    """

    __tablename__ = "exchange_sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(32))  # ncmec | stopncii | threatexchange
    bank_name: Mapped[str] = mapped_column(String(128))
    base_url: Mapped[str] = mapped_column(Text, default="")  # '' means the public default
    settings: Mapped[str] = mapped_column(Text, default="{}")  # JSON, per kind
    checkpoint: Mapped[str] = mapped_column(Text, default="{}")  # JSON, per kind
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    last_run_started_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    last_run_finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    last_error: Mapped[str] = mapped_column(Text, default="")
    # Pages recorded and records quarantined, both exactly once (see SourceStore.save_page);
    # entry counts are read from the bank itself, the only place they are exact.
    pages: Mapped[int] = mapped_column(Integer, default=0)
    quarantined: Mapped[int] = mapped_column(Integer, default=0)


class ExchangeTombstoneRow(Base):
    """An entry disabled because its source withdrew or deleted it upstream.

    The entry itself stays (provenance kept, it no longer matches); this row says why, so
    that the source reinstating it re-enables it, while an entry a reviewer disabled stays
    disabled.
    """

    __tablename__ = "exchange_tombstones"
    __table_args__ = (UniqueConstraint("source_id", "entry_id", name="uq_exchange_tombstones"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    source_id: Mapped[int] = mapped_column(
        ForeignKey("exchange_sources.id", ondelete="CASCADE"), index=True
    )
    entry_id: Mapped[int] = mapped_column(BigInteger)
    upstream_id: Mapped[str] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(32))  # e.g. deleted, Withdrawn, should_delete
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class ExchangeQuarantineRow(Base):
    """An upstream record a sync did not take, with the reason; the sync went on without it."""

    __tablename__ = "exchange_quarantine"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    source_id: Mapped[int] = mapped_column(
        ForeignKey("exchange_sources.id", ondelete="CASCADE"), index=True
    )
    upstream_id: Mapped[str] = mapped_column(String(255), default="")
    reason: Mapped[str] = mapped_column(Text)
    raw: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class ExchangeFeedbackRow(Base):
    """A reviewer's verdict waiting to go back to the entry's source (an outbox, like
    webhook_outbox): written with the review item's closing, claimed with a lease, retried
    with backoff, dead-lettered after too many attempts."""

    __tablename__ = "exchange_feedback"
    __table_args__ = (Index("ix_exchange_feedback_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    source_name: Mapped[str] = mapped_column(String(64), index=True)
    review_item_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    entry_id: Mapped[int] = mapped_column(BigInteger)
    upstream_id: Mapped[str] = mapped_column(String(255))
    signal_type: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(64))
    verdict: Mapped[str] = mapped_column(String(16))  # confirmed | rejected
    reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending|sent|dead
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    claimed_until: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    claimed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class BankRobustRow(Base):
    """A bank's robust-matching settings (jaga.robust); no row means the defaults (on).

    Kept beside the bank, like its actions, so banks stay one table of list facts.
    """

    __tablename__ = "bank_robust"

    bank_id: Mapped[int] = mapped_column(
        ForeignKey("banks.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    deborder: Mapped[bool] = mapped_column(Boolean, default=True)
    max_angle: Mapped[int] = mapped_column(Integer, default=8)  # degrees; 0: no tilt views
    regions: Mapped[bool] = mapped_column(Boolean, default=True)  # use stored crop hashes
    # Both decodes' text views within agree_distance of one entry (jaga.robust.consensus).
    agree: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    agree_distance: Mapped[int] = mapped_column(Integer, default=34, server_default="34")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class RegionHashRow(Base):
    """An extra PDQ of part of a listed original (a crop Jaga hashed itself).

    Only lists Jaga builds from the originals have these: lists received from NCMEC,
    StopNCII or ThreatExchange hold only the plain hash. Deleted with their entry.
    """

    __tablename__ = "region_hashes"
    __table_args__ = (Index("ix_region_hashes_bank", "bank_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    entry_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("entries.id", ondelete="CASCADE"), index=True
    )
    bank_id: Mapped[int] = mapped_column(ForeignKey("banks.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(64))
    value: Mapped[str] = mapped_column(String(64))


class BankVerifyRow(Base):
    """A bank's local-feature verification settings (jaga.robust.verify); no row: defaults.

    Its own table, beside `bank_robust`, so that the verification stage can be tuned (or
    switched off) without touching the view settings.
    """

    __tablename__ = "bank_verify"

    bank_id: Mapped[int] = mapped_column(
        ForeignKey("banks.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    distance: Mapped[int] = mapped_column(Integer, default=80)  # looser PDQ radius
    candidates: Mapped[int] = mapped_column(Integer, default=3)  # checked per picture
    min_inliers: Mapped[int] = mapped_column(Integer, default=16)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class LocalFeatureRow(Base):
    """ORB keypoints and descriptors of a listed original (jaga.robust.local_features).

    Only lists Jaga builds from the originals have these (received lists hold only the
    plain hash). Deleted with their entry.
    """

    __tablename__ = "local_features"
    __table_args__ = (Index("ix_local_features_bank", "bank_id"),)

    entry_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    bank_id: Mapped[int] = mapped_column(ForeignKey("banks.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))  # "orb"; the blob's own header says more
    data: Mapped[bytes] = mapped_column(LargeBinary)
