"""outbox messages get a channel (the CRM, or an email to one person) and the booking they concern; bookings get a
calendar SEQUENCE; users a reminder preference

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("channel", sa.String(length=20), nullable=False, server_default="crm"))
        batch_op.add_column(sa.Column("booking_id", sa.Integer(), nullable=True))
        batch_op.create_check_constraint(op.f("ck_outbox_messages_channel"), "channel IN ('crm', 'email')")
        batch_op.create_index("ix_outbox_messages_channel_due", ["channel", "status", "next_attempt_at"])
        batch_op.create_index("ix_outbox_messages_booking_id", ["booking_id"])
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("calendar_sequence", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reminders_enabled", sa.Boolean(), nullable=False, server_default=sa.true()))


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("reminders_enabled")
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.drop_column("calendar_sequence")
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_messages_booking_id")
        batch_op.drop_index("ix_outbox_messages_channel_due")
        batch_op.drop_constraint(op.f("ck_outbox_messages_channel"), type_="check")
        batch_op.drop_column("booking_id")
        batch_op.drop_column("channel")
