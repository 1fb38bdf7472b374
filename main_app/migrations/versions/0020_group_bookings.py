"""Bookings for several people: a booking's seats and guests, a session's most seats per booking, and a place in
line that waits for a number of seats.

Revision ID: 0020
Revises: 0019
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seats", sa.Integer(), server_default="1", nullable=False))
        batch_op.create_check_constraint(op.f("ck_bookings_seats_positive"), "seats >= 1")
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("max_seats_per_booking", sa.Integer(), server_default="6", nullable=False))
        batch_op.create_check_constraint(op.f("ck_sessions_max_seats_per_booking"), "max_seats_per_booking >= 1")
    with op.batch_alter_table("waitlist_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seats", sa.Integer(), server_default="1", nullable=False))
        batch_op.add_column(sa.Column("guests", sa.JSON(), nullable=True))
        batch_op.create_check_constraint(op.f("ck_waitlist_entries_seats_positive"), "seats >= 1")
    op.create_table(
        "booking_guests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("refund_status", sa.String(length=20), nullable=True),
        sa.Column("refund_amount", sa.Integer(), nullable=True),
        sa.Column("refund_id", sa.String(length=255), nullable=True),
        sa.CheckConstraint("status IN ('active', 'cancelled')", name=op.f("ck_booking_guests_status")),
        sa.CheckConstraint(
            "refund_status IS NULL OR refund_status IN ('initiated', 'processed', 'failed')",
            name=op.f("ck_booking_guests_refund_status"),
        ),
        sa.ForeignKeyConstraint(["booking_id"], ["bookings.id"], name=op.f("fk_booking_guests_booking_id_bookings")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_guests")),
    )
    op.create_index(op.f("ix_booking_guests_booking_id"), "booking_guests", ["booking_id"])


def downgrade():
    op.drop_index(op.f("ix_booking_guests_booking_id"), table_name="booking_guests")
    op.drop_table("booking_guests")
    with op.batch_alter_table("waitlist_entries", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_waitlist_entries_seats_positive"), type_="check")
        batch_op.drop_column("guests")
        batch_op.drop_column("seats")
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_sessions_max_seats_per_booking"), type_="check")
        batch_op.drop_column("max_seats_per_booking")
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_bookings_seats_positive"), type_="check")
        batch_op.drop_column("seats")
