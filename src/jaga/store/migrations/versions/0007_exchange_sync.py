"""Exchange sync: upstream sources with checkpoints, tombstones, quarantine, feedback outbox.

Revision ID: 0007_exchange_sync
Revises: 0006_entry_attributes
Create Date: 2026-11-30 23:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_exchange_sync"
down_revision: str | None = "0006_entry_attributes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_index("ix_entries_bank_original_id", "entries", ["bank_id", "original_id"])
    op.create_table(
        "exchange_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("bank_name", sa.String(length=128), nullable=False),
        sa.Column("base_url", sa.Text(), nullable=False),
        sa.Column("settings", sa.Text(), nullable=False),
        sa.Column("checkpoint", sa.Text(), nullable=False),
        sa.Column("created_at", _WHEN, nullable=False),
        sa.Column("last_run_started_at", _WHEN, nullable=True),
        sa.Column("last_run_finished_at", _WHEN, nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("quarantined", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_sources")),
        sa.UniqueConstraint("name", name=op.f("uq_exchange_sources_name")),
    )
    op.create_table(
        "exchange_tombstones",
        sa.Column("id", _BIG_ID, autoincrement=True, nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.BigInteger(), nullable=False),
        sa.Column("upstream_id", sa.String(length=255), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("created_at", _WHEN, nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["exchange_sources.id"],
            name=op.f("fk_exchange_tombstones_source_id_exchange_sources"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_tombstones")),
        sa.UniqueConstraint("source_id", "entry_id", name="uq_exchange_tombstones"),
    )
    op.create_index(op.f("ix_exchange_tombstones_source_id"), "exchange_tombstones", ["source_id"])
    op.create_table(
        "exchange_quarantine",
        sa.Column("id", _BIG_ID, autoincrement=True, nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("upstream_id", sa.String(length=255), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("created_at", _WHEN, nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["exchange_sources.id"],
            name=op.f("fk_exchange_quarantine_source_id_exchange_sources"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_quarantine")),
    )
    op.create_index(op.f("ix_exchange_quarantine_source_id"), "exchange_quarantine", ["source_id"])
    op.create_table(
        "exchange_feedback",
        sa.Column("id", _BIG_ID, autoincrement=True, nullable=False),
        sa.Column("source_name", sa.String(length=64), nullable=False),
        sa.Column("review_item_id", sa.BigInteger(), nullable=True),
        sa.Column("entry_id", sa.BigInteger(), nullable=False),
        sa.Column("upstream_id", sa.String(length=255), nullable=False),
        sa.Column("signal_type", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", _WHEN, nullable=False),
        sa.Column("claimed_until", _WHEN, nullable=True),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("created_at", _WHEN, nullable=False),
        sa.Column("sent_at", _WHEN, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_feedback")),
    )
    op.create_index(op.f("ix_exchange_feedback_source_name"), "exchange_feedback", ["source_name"])
    op.create_index("ix_exchange_feedback_due", "exchange_feedback", ["status", "next_attempt_at"])


def downgrade() -> None:
    op.drop_index("ix_exchange_feedback_due", table_name="exchange_feedback")
    op.drop_index(op.f("ix_exchange_feedback_source_name"), table_name="exchange_feedback")
    op.drop_table("exchange_feedback")
    op.drop_index(op.f("ix_exchange_quarantine_source_id"), table_name="exchange_quarantine")
    op.drop_table("exchange_quarantine")
    op.drop_index(op.f("ix_exchange_tombstones_source_id"), table_name="exchange_tombstones")
    op.drop_table("exchange_tombstones")
    op.drop_table("exchange_sources")
    op.drop_index("ix_entries_bank_original_id", table_name="entries")
