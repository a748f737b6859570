"""Robust matching: per-bank settings and the crop hashes of Jaga-built lists.

Revision ID: 0009_robust_matching
Revises: 0008_sharing
Create Date: 2026-11-30 23:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_robust_matching"
down_revision: str | None = "0008_sharing"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "bank_robust",
        sa.Column("bank_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("deborder", sa.Boolean(), nullable=False),
        sa.Column("max_angle", sa.Integer(), nullable=False),
        sa.Column("regions", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["bank_id"], ["banks.id"], name=op.f("fk_bank_robust_bank_id_banks"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("bank_id", name=op.f("pk_bank_robust")),
    )
    op.create_table(
        "region_hashes",
        sa.Column("id", _BIG_ID, autoincrement=True, nullable=False),
        sa.Column("entry_id", _BIG_ID, nullable=False),
        sa.Column("bank_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["entries.id"],
            name=op.f("fk_region_hashes_entry_id_entries"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["bank_id"],
            ["banks.id"],
            name=op.f("fk_region_hashes_bank_id_banks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_region_hashes")),
    )
    with op.batch_alter_table("region_hashes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_region_hashes_entry_id"), ["entry_id"], unique=False)
        batch_op.create_index("ix_region_hashes_bank", ["bank_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("region_hashes", schema=None) as batch_op:
        batch_op.drop_index("ix_region_hashes_bank")
        batch_op.drop_index(batch_op.f("ix_region_hashes_entry_id"))
    op.drop_table("region_hashes")
    op.drop_table("bank_robust")
