"""Recurring series: the rule a facilitator gives, and which series each session was made from.

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "session_series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("rrule", sa.String(length=500), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("start_time", sa.String(length=5), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_session_series_event_id_events")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_series")),
    )
    op.create_index(op.f("ix_session_series_event_id"), "session_series", ["event_id"])
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("series_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_sessions_series_id"), ["series_id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_sessions_series_id_session_series"), "session_series", ["series_id"], ["id"]
        )


def downgrade():
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_sessions_series_id_session_series"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_sessions_series_id"))
        batch_op.drop_column("series_id")
    op.drop_index(op.f("ix_session_series_event_id"), table_name="session_series")
    op.drop_table("session_series")
