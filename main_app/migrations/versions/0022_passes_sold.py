"""Passes people buy, the ledger of their credits, and what a pass pays for: a payment for a pass instead of a
booking, a booking and a place in line made with a pass; an event's cut-off for giving a credit back.

Revision ID: 0022
Revises: 0021
"""

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

PASS_STATUSES = "status IN ('pending_payment', 'active', 'failed', 'lapsed', 'refunded')"
LEDGER_KINDS = "kind IN ('purchase', 'renewal', 'spend', 'return', 'forfeit', 'hold', 'release')"


def upgrade():
    op.create_table(
        "passes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("facilitator_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("credits", sa.Integer(), nullable=True),
        sa.Column("credits_left", sa.Integer(), nullable=True),
        sa.Column("valid_days", sa.Integer(), nullable=True),
        sa.Column("period", sa.String(length=10), nullable=True),
        sa.Column("sessions_per_week", sa.Integer(), nullable=True),
        sa.Column("event_ids", sa.JSON(), nullable=True),
        sa.Column("price", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("valid_from", sa.DateTime(timezone=True), nullable=True),
        sa.Column("valid_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("renews", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("paid_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(PASS_STATUSES, name=op.f("ck_passes_status")),
        sa.CheckConstraint("credits_left IS NULL OR credits_left >= 0", name=op.f("ck_passes_credits_left")),
        sa.ForeignKeyConstraint(["product_id"], ["pass_products.id"], name=op.f("fk_passes_product_id_pass_products")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_passes_user_id_users")),
        sa.ForeignKeyConstraint(["facilitator_id"], ["users.id"], name=op.f("fk_passes_facilitator_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_passes")),
    )
    op.create_index("ix_passes_user_id_id", "passes", ["user_id", "id"])
    op.create_index(op.f("ix_passes_product_id"), "passes", ["product_id"])
    op.create_index("ix_passes_facilitator_id_id", "passes", ["facilitator_id", "id"])
    op.create_table(
        "pass_ledger",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pass_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("credits", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=True),
        sa.Column("waitlist_entry_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(LEDGER_KINDS, name=op.f("ck_pass_ledger_kind")),
        sa.ForeignKeyConstraint(["pass_id"], ["passes.id"], name=op.f("fk_pass_ledger_pass_id_passes")),
        sa.ForeignKeyConstraint(["booking_id"], ["bookings.id"], name=op.f("fk_pass_ledger_booking_id_bookings")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pass_ledger")),
    )
    op.create_index("ix_pass_ledger_pass_id_id", "pass_ledger", ["pass_id", "id"])
    op.create_index("ix_pass_ledger_booking_id", "pass_ledger", ["booking_id"])
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.alter_column("booking_id", existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column("pass_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(op.f("fk_payments_pass_id_passes"), "passes", ["pass_id"], ["id"])
        batch_op.create_index("ix_payments_pass_id", ["pass_id"])
        batch_op.create_check_constraint(op.f("ck_payments_pays_for_one"), "(booking_id IS NULL) <> (pass_id IS NULL)")
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pass_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(op.f("fk_bookings_pass_id_passes"), "passes", ["pass_id"], ["id"])
        batch_op.create_index(op.f("ix_bookings_pass_id"), ["pass_id"])
    with op.batch_alter_table("waitlist_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pass_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(op.f("fk_waitlist_entries_pass_id_passes"), "passes", ["pass_id"], ["id"])
        batch_op.create_index(op.f("ix_waitlist_entries_pass_id"), ["pass_id"])
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("late_cancel_hours", sa.Integer(), server_default="12", nullable=False))
        batch_op.create_check_constraint(op.f("ck_events_late_cancel_hours"), "late_cancel_hours >= 0")


def downgrade():
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_events_late_cancel_hours"), type_="check")
        batch_op.drop_column("late_cancel_hours")
    with op.batch_alter_table("waitlist_entries", schema=None) as batch_op:
        batch_op.drop_index(op.f("ix_waitlist_entries_pass_id"))
        batch_op.drop_constraint(op.f("fk_waitlist_entries_pass_id_passes"), type_="foreignkey")
        batch_op.drop_column("pass_id")
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.drop_index(op.f("ix_bookings_pass_id"))
        batch_op.drop_constraint(op.f("fk_bookings_pass_id_passes"), type_="foreignkey")
        batch_op.drop_column("pass_id")
    op.execute("DELETE FROM payments WHERE booking_id IS NULL")
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_payments_pays_for_one"), type_="check")
        batch_op.drop_index("ix_payments_pass_id")
        batch_op.drop_constraint(op.f("fk_payments_pass_id_passes"), type_="foreignkey")
        batch_op.drop_column("pass_id")
        batch_op.alter_column("booking_id", existing_type=sa.Integer(), nullable=False)
    op.drop_index("ix_pass_ledger_booking_id", table_name="pass_ledger")
    op.drop_index("ix_pass_ledger_pass_id_id", table_name="pass_ledger")
    op.drop_table("pass_ledger")
    op.drop_index("ix_passes_facilitator_id_id", table_name="passes")
    op.drop_index(op.f("ix_passes_product_id"), table_name="passes")
    op.drop_index("ix_passes_user_id_id", table_name="passes")
    op.drop_table("passes")
