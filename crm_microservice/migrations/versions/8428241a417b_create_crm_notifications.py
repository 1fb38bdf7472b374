"""create crm_notifications

Revision ID: 8428241a417b
Revises:
Create Date: 2026-11-20 23:42:45.857207

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "8428241a417b"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    # Times are timestamptz; models.UTCDateTime only converts in Python, so plain DateTime is the DDL.
    op.create_table(
        "crm_notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notification_id", sa.String(length=64), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("source_format", sa.String(length=16), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("facilitator_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("user_name", sa.String(length=500), nullable=True),
        sa.Column("user_email", sa.String(length=320), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("event_title", sa.String(length=500), nullable=True),
        sa.Column("event_start", sa.String(length=64), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crm_notifications")),
        # Exactly-once storage rests on this constraint.
        sa.UniqueConstraint("notification_id", name=op.f("uq_crm_notifications_notification_id")),
    )
    op.create_index(op.f("ix_crm_notifications_booking_id"), "crm_notifications", ["booking_id"], unique=False)
    op.create_index(op.f("ix_crm_notifications_facilitator_id"), "crm_notifications", ["facilitator_id"], unique=False)
    op.create_index(op.f("ix_crm_notifications_received_at"), "crm_notifications", ["received_at"], unique=False)
    op.create_index(op.f("ix_crm_notifications_type"), "crm_notifications", ["type"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_crm_notifications_type"), table_name="crm_notifications")
    op.drop_index(op.f("ix_crm_notifications_received_at"), table_name="crm_notifications")
    op.drop_index(op.f("ix_crm_notifications_facilitator_id"), table_name="crm_notifications")
    op.drop_index(op.f("ix_crm_notifications_booking_id"), table_name="crm_notifications")
    op.drop_table("crm_notifications")
