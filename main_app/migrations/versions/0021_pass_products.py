"""Passes a facilitator sells (class packs and memberships) and the events each covers.

Revision ID: 0021
Revises: 0020
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

TERMS = (
    "(kind = 'pack' AND credits >= 1 AND valid_days >= 1 AND period IS NULL AND sessions_per_week IS NULL)"
    " OR (kind = 'membership' AND period IS NOT NULL AND credits IS NULL AND valid_days IS NULL"
    " AND (sessions_per_week IS NULL OR sessions_per_week >= 1))"
)


def upgrade():
    op.create_table(
        "pass_products",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("facilitator_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("description", sa.String(length=1000), server_default="", nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("credits", sa.Integer(), nullable=True),
        sa.Column("valid_days", sa.Integer(), nullable=True),
        sa.Column("period", sa.String(length=10), nullable=True),
        sa.Column("sessions_per_week", sa.Integer(), nullable=True),
        sa.Column("price", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("new_customers_only", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("status", sa.String(length=20), server_default="on_sale", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("kind IN ('pack', 'membership')", name=op.f("ck_pass_products_kind")),
        sa.CheckConstraint("status IN ('on_sale', 'retired')", name=op.f("ck_pass_products_status")),
        sa.CheckConstraint("period IS NULL OR period IN ('month', 'year')", name=op.f("ck_pass_products_period")),
        sa.CheckConstraint("price >= 0", name=op.f("ck_pass_products_price")),
        sa.CheckConstraint(TERMS, name=op.f("ck_pass_products_terms")),
        sa.ForeignKeyConstraint(["facilitator_id"], ["users.id"], name=op.f("fk_pass_products_facilitator_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pass_products")),
    )
    op.create_index("ix_pass_products_facilitator_id_id", "pass_products", ["facilitator_id", "id"])
    op.create_table(
        "pass_product_events",
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"], ["pass_products.id"], name=op.f("fk_pass_product_events_product_id_pass_products")
        ),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_pass_product_events_event_id_events")),
        sa.PrimaryKeyConstraint("product_id", "event_id", name=op.f("pk_pass_product_events")),
    )
    op.create_index("ix_pass_product_events_event_id", "pass_product_events", ["event_id"])


def downgrade():
    op.drop_index("ix_pass_product_events_event_id", table_name="pass_product_events")
    op.drop_table("pass_product_events")
    op.drop_index("ix_pass_products_facilitator_id_id", table_name="pass_products")
    op.drop_table("pass_products")
