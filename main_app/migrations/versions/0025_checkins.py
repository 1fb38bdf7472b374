"""Check-ins: one row per seat present at its session.

Revision ID: 0025
Revises: 0024
"""

import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("seat", sa.Integer(), nullable=False),
        sa.Column("checked_in_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("seat >= 1", name=op.f("ck_checkins_seat_positive")),
        sa.ForeignKeyConstraint(["booking_id"], ["bookings.id"], name=op.f("fk_checkins_booking_id_bookings")),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], name=op.f("fk_checkins_session_id_sessions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkins")),
        sa.UniqueConstraint("booking_id", "seat", name=op.f("uq_checkins_booking_id")),
    )
    op.create_index("ix_checkins_session_id", "checkins", ["session_id"], unique=False)


def downgrade():
    op.drop_index("ix_checkins_session_id", table_name="checkins")
    op.drop_table("checkins")
