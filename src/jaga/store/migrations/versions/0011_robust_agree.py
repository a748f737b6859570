"""Robust matching: agreement of the two decodes' text views, per bank.

Revision ID: 0011_robust_agree
Revises: 0010_local_features
Create Date: 2026-12-03 19:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_robust_agree"
down_revision: str | None = "0010_local_features"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Banks that already have a settings row get the defaults (on, 34 bits), as banks
    # without a row do (jaga.robust.settings.RobustSettings).
    with op.batch_alter_table("bank_robust", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("agree", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch_op.add_column(
            sa.Column("agree_distance", sa.Integer(), nullable=False, server_default="34")
        )


def downgrade() -> None:
    with op.batch_alter_table("bank_robust", schema=None) as batch_op:
        batch_op.drop_column("agree_distance")
        batch_op.drop_column("agree")
