"""Sharing: trusted bundle keys, bundle imports, partners and grants, subscriptions.

Revision ID: 0008_sharing
Revises: 0007_exchange_sync
Create Date: 2026-11-30 22:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_sharing"
down_revision: str | None = "0007_exchange_sync"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "trusted_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("key_id", sa.String(length=32), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trusted_keys")),
        sa.UniqueConstraint("key_id", name=op.f("uq_trusted_keys_key_id")),
        sa.UniqueConstraint("name", name=op.f("uq_trusted_keys_name")),
    )
    op.create_table(
        "share_partners",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("api_key_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["api_key_id"],
            ["api_keys.id"],
            name=op.f("fk_share_partners_api_key_id_api_keys"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_share_partners")),
        sa.UniqueConstraint("api_key_id", name=op.f("uq_share_partners_api_key_id")),
        sa.UniqueConstraint("name", name=op.f("uq_share_partners_name")),
    )
    op.create_table(
        "share_grants",
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("bank_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["bank_id"],
            ["banks.id"],
            name=op.f("fk_share_grants_bank_id_banks"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["share_partners.id"],
            name=op.f("fk_share_grants_partner_id_share_partners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("partner_id", "bank_id", name=op.f("pk_share_grants")),
    )
    with op.batch_alter_table("share_grants", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_share_grants_bank_id"), ["bank_id"], unique=False)
    op.create_table(
        "share_subscriptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("feed_url", sa.Text(), nullable=False),
        sa.Column("api_key", sa.String(length=255), nullable=False),
        sa.Column("bank_id", sa.Integer(), nullable=False),
        sa.Column("trust", sa.String(length=16), nullable=False),
        sa.Column("cursor", sa.String(length=128), nullable=False),
        sa.Column("source_instance", sa.String(length=64), nullable=False),
        sa.Column("source_bank", sa.String(length=128), nullable=False),
        sa.Column("last_pulled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["bank_id"],
            ["banks.id"],
            name=op.f("fk_share_subscriptions_bank_id_banks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_share_subscriptions")),
        sa.UniqueConstraint("bank_id", name=op.f("uq_share_subscriptions_bank_id")),
        sa.UniqueConstraint("name", name=op.f("uq_share_subscriptions_name")),
    )
    op.create_table(
        "shared_entries",
        sa.Column("subscription_id", sa.Integer(), nullable=False),
        sa.Column("remote_entry_id", sa.BigInteger(), nullable=False),
        sa.Column("signal_type", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["share_subscriptions.id"],
            name=op.f("fk_shared_entries_subscription_id_share_subscriptions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "subscription_id", "remote_entry_id", name=op.f("pk_shared_entries")
        ),
    )
    op.create_table(
        "bundle_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bundle_id", sa.String(length=64), nullable=False),
        sa.Column("signer_key_id", sa.String(length=32), nullable=False),
        sa.Column("origin_instance", sa.String(length=64), nullable=False),
        sa.Column("origin_bank", sa.String(length=128), nullable=False),
        sa.Column("bundle_created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("bank_name", sa.String(length=128), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bundle_imports")),
        sa.UniqueConstraint("bundle_id", name=op.f("uq_bundle_imports_bundle_id")),
    )
    with op.batch_alter_table("bundle_imports", schema=None) as batch_op:
        batch_op.create_index(
            "ix_bundle_imports_origin", ["origin_instance", "origin_bank"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("bundle_imports", schema=None) as batch_op:
        batch_op.drop_index("ix_bundle_imports_origin")
    op.drop_table("bundle_imports")
    op.drop_table("shared_entries")
    op.drop_table("share_subscriptions")
    with op.batch_alter_table("share_grants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_share_grants_bank_id"))
    op.drop_table("share_grants")
    op.drop_table("share_partners")
    op.drop_table("trusted_keys")
