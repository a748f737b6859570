"""Local-feature verification: per-bank settings and the ORB features of Jaga-built lists.

Revision ID: 0010_local_features
Revises: 0009_robust_matching
Create Date: 2026-12-01 01:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_local_features"
down_revision: str | None = "0009_robust_matching"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "bank_verify",
        sa.Column("bank_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("distance", sa.Integer(), nullable=False),
        sa.Column("candidates", sa.Integer(), nullable=False),
        sa.Column("min_inliers", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["bank_id"], ["banks.id"], name=op.f("fk_bank_verify_bank_id_banks"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("bank_id", name=op.f("pk_bank_verify")),
    )
    op.create_table(
        "local_features",
        sa.Column("entry_id", _BIG_ID, autoincrement=False, nullable=False),
        sa.Column("bank_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["entries.id"],
            name=op.f("fk_local_features_entry_id_entries"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["bank_id"],
            ["banks.id"],
            name=op.f("fk_local_features_bank_id_banks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("entry_id", name=op.f("pk_local_features")),
    )
    with op.batch_alter_table("local_features", schema=None) as batch_op:
        batch_op.create_index("ix_local_features_bank", ["bank_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("local_features", schema=None) as batch_op:
        batch_op.drop_index("ix_local_features_bank")
    op.drop_table("local_features")
    op.drop_table("bank_verify")
