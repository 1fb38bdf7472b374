"""Payment plans: an event's deposit and instalments, each booking's schedule, and which instalment a payment pays.

Revision ID: 0033
Revises: 0032
"""

import sqlalchemy as sa
from alembic import op

revision = "0033"
down_revision = "0032"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("payment_plan", sa.JSON(), nullable=True))
    with op.batch_alter_table("payments") as batch:
        batch.add_column(sa.Column("instalment", sa.Integer(), nullable=True))
    op.create_table(
        "booking_instalments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=True),
        sa.Column("paid_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('due', 'paid', 'cancelled', 'refunded')", name=op.f("ck_booking_instalments_status")
        ),
        sa.CheckConstraint("amount > 0", name=op.f("ck_booking_instalments_amount_positive")),
        sa.CheckConstraint("number >= 0", name=op.f("ck_booking_instalments_number")),
        sa.ForeignKeyConstraint(
            ["booking_id"], ["bookings.id"], name=op.f("fk_booking_instalments_booking_id_bookings")
        ),
        sa.ForeignKeyConstraint(
            ["payment_id"], ["payments.id"], name=op.f("fk_booking_instalments_payment_id_payments")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_instalments")),
        sa.UniqueConstraint("booking_id", "number", name=op.f("uq_booking_instalments_booking_id")),
    )
    op.create_index("ix_booking_instalments_payment_id", "booking_instalments", ["payment_id"], unique=False)


def downgrade():
    op.drop_index("ix_booking_instalments_payment_id", table_name="booking_instalments")
    op.drop_table("booking_instalments")
    with op.batch_alter_table("payments") as batch:
        batch.drop_column("instalment")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("payment_plan")
