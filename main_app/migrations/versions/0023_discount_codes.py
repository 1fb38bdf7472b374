"""Discount codes and their uses.

Revision ID: 0023
Revises: 0022
"""

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

DISCOUNT = (
    "(percent_off IS NULL) <> (amount_off IS NULL)"
    " AND (percent_off IS NULL OR (percent_off >= 1 AND percent_off <= 100))"
    " AND (amount_off IS NULL OR amount_off >= 1)"
)


def upgrade():
    op.create_table(
        "discount_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("facilitator_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("percent_off", sa.Integer(), nullable=True),
        sa.Column("amount_off", sa.Integer(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("max_uses", sa.Integer(), nullable=True),
        sa.Column("max_uses_per_person", sa.Integer(), nullable=True),
        sa.Column("uses", sa.Integer(), server_default="0", nullable=False),
        sa.Column("valid_from", sa.DateTime(timezone=True), nullable=True),
        sa.Column("valid_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("applies_to", sa.String(length=10), nullable=False),
        sa.Column("event_ids", sa.JSON(), nullable=True),
        sa.Column("status", sa.String(length=10), server_default="active", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("applies_to IN ('bookings', 'passes', 'both')", name=op.f("ck_discount_codes_applies_to")),
        sa.CheckConstraint("status IN ('active', 'retired')", name=op.f("ck_discount_codes_status")),
        sa.CheckConstraint(DISCOUNT, name=op.f("ck_discount_codes_discount")),
        sa.CheckConstraint("uses >= 0 AND (max_uses IS NULL OR uses <= max_uses)", name=op.f("ck_discount_codes_uses")),
        sa.ForeignKeyConstraint(["facilitator_id"], ["users.id"], name=op.f("fk_discount_codes_facilitator_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_discount_codes")),
        sa.UniqueConstraint("facilitator_id", "code", name=op.f("uq_discount_codes_facilitator_id")),
    )
    op.create_table(
        "code_uses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=True),
        sa.Column("pass_id", sa.Integer(), nullable=True),
        sa.Column("amount_off", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("status IN ('held', 'redeemed', 'returned')", name=op.f("ck_code_uses_status")),
        sa.CheckConstraint("(booking_id IS NULL) <> (pass_id IS NULL)", name=op.f("ck_code_uses_for_one")),
        sa.ForeignKeyConstraint(["code_id"], ["discount_codes.id"], name=op.f("fk_code_uses_code_id_discount_codes")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_code_uses_user_id_users")),
        sa.ForeignKeyConstraint(["booking_id"], ["bookings.id"], name=op.f("fk_code_uses_booking_id_bookings")),
        sa.ForeignKeyConstraint(["pass_id"], ["passes.id"], name=op.f("fk_code_uses_pass_id_passes")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_code_uses")),
    )
    op.create_index("ix_code_uses_code_id_user_id", "code_uses", ["code_id", "user_id"])
    op.create_index(op.f("ix_code_uses_user_id"), "code_uses", ["user_id"])
    op.create_index(op.f("ix_code_uses_booking_id"), "code_uses", ["booking_id"])
    op.create_index(op.f("ix_code_uses_pass_id"), "code_uses", ["pass_id"])


def downgrade():
    for name in ("ix_code_uses_pass_id", "ix_code_uses_booking_id", "ix_code_uses_user_id"):
        op.drop_index(op.f(name), table_name="code_uses")
    op.drop_index("ix_code_uses_code_id_user_id", table_name="code_uses")
    op.drop_table("code_uses")
    op.drop_table("discount_codes")
