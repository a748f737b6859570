"""Banks for HMA clients: names up to 128 characters, any case; HMA's enabled ratio.

Revision ID: 0004_hma_banks
Revises: 0003_api_keys
Create Date: 2026-11-22 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_hma_banks"
down_revision: str | None = "0003_api_keys"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("banks", schema=None) as batch_op:
        batch_op.alter_column(
            "name", existing_type=sa.String(length=64), type_=sa.String(length=128)
        )
        batch_op.add_column(
            sa.Column("matching_enabled_ratio", sa.Float(), nullable=False, server_default="1.0")
        )


def downgrade() -> None:
    with op.batch_alter_table("banks", schema=None) as batch_op:
        batch_op.drop_column("matching_enabled_ratio")
        batch_op.alter_column(
            "name", existing_type=sa.String(length=128), type_=sa.String(length=64)
        )
