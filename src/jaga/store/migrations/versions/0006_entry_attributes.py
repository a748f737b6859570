"""Entries keep the fields of their source record that Jaga has no column for.

A nullable JSON object (as text, so SQLite and PostgreSQL store it alike): fingerprints
Jaga cannot compute (NCMEC's PhotoDNA, TMK+PDQF, videntifier...), StopNCII case statuses,
ThreatExchange descriptor fields, VICS media metadata. Exports write them back, so a list
survives a round trip through Jaga. The layout is documented in docs/formats.md.

Revision ID: 0006_entry_attributes
Revises: 0005_actions
Create Date: 2026-11-30 23:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_entry_attributes"
down_revision: str | None = "0005_actions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("entries") as batch:
        batch.add_column(sa.Column("attributes", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("entries") as batch:
        batch.drop_column("attributes")
