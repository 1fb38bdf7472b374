"""Feedback: a rating and a comment per attended booking.

Revision ID: 0027
Revises: 0026
"""

import sqlalchemy as sa
from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("rating >= 1 AND rating <= 5", name=op.f("ck_feedback_rating")),
        sa.ForeignKeyConstraint(["booking_id"], ["bookings.id"], name=op.f("fk_feedback_booking_id_bookings")),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], name=op.f("fk_feedback_session_id_sessions")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_feedback_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
        sa.UniqueConstraint("booking_id", name=op.f("uq_feedback_booking_id")),
    )
    op.create_index("ix_feedback_session_id", "feedback", ["session_id"], unique=False)


def downgrade():
    op.drop_index("ix_feedback_session_id", table_name="feedback")
    op.drop_table("feedback")
