"""paid sessions: prices, refund cut-offs, seat holds while paying, payments and their webhooks, a payments channel

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

SEAT_HOLDING = "status IN ('active', 'pending_payment')"


def upgrade():
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("price", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("currency", sa.String(length=3), nullable=False, server_default="INR"))
        batch_op.create_check_constraint(op.f("ck_sessions_price"), "price >= 0")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("refund_until_hours", sa.Integer(), nullable=False, server_default="24"))
        batch_op.create_check_constraint(op.f("ck_events_refund_until_hours"), "refund_until_hours >= 0")
    op.drop_index("uq_bookings_one_active_per_user", table_name="bookings")
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hold_expires_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.drop_constraint(op.f("ck_bookings_status"), type_="check")
        batch_op.create_check_constraint(
            op.f("ck_bookings_status"), "status IN ('pending_payment', 'active', 'cancelled', 'expired', 'refunded')"
        )
    op.create_index(
        "uq_bookings_one_seat_per_user",
        "bookings",
        ["session_id", "user_id"],
        unique=True,
        sqlite_where=sa.text(SEAT_HOLDING),
        postgresql_where=sa.text(SEAT_HOLDING),
    )
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_outbox_messages_channel"), type_="check")
        batch_op.create_check_constraint(op.f("ck_outbox_messages_channel"), "channel IN ('crm', 'email', 'payments')")
    op.create_table(
        "payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("provider", sa.String(length=20), nullable=False),
        sa.Column("reference", sa.String(length=255), nullable=False),
        sa.Column("checkout_url", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("payment_id", sa.String(length=255), nullable=True),
        sa.Column("paid_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failure", sa.String(length=500), nullable=True),
        sa.Column("refund_status", sa.String(length=20), nullable=True),
        sa.Column("refund_id", sa.String(length=255), nullable=True),
        sa.Column("refund_amount", sa.Integer(), nullable=True),
        sa.Column("refund_reason", sa.String(length=500), nullable=True),
        sa.Column("refunded_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("status IN ('pending', 'succeeded', 'failed')", name=op.f("ck_payments_status")),
        sa.CheckConstraint(
            "refund_status IS NULL OR refund_status IN ('initiated', 'processed', 'failed')",
            name=op.f("ck_payments_refund_status"),
        ),
        sa.CheckConstraint("amount > 0", name=op.f("ck_payments_amount_positive")),
        sa.ForeignKeyConstraint(["booking_id"], ["bookings.id"], name=op.f("fk_payments_booking_id_bookings")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
        sa.UniqueConstraint("provider", "reference", name=op.f("uq_payments_provider")),
    )
    op.create_index("ix_payments_booking_id_id", "payments", ["booking_id", "id"])
    op.create_table(
        "payment_webhooks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("provider", sa.String(length=20), nullable=False),
        sa.Column("event_id", sa.String(length=255), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_webhooks")),
        sa.UniqueConstraint("provider", "event_id", name=op.f("uq_payment_webhooks_provider")),
    )


def downgrade():
    op.drop_table("payment_webhooks")
    op.drop_index("ix_payments_booking_id_id", table_name="payments")
    op.drop_table("payments")
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_outbox_messages_channel"), type_="check")
        batch_op.create_check_constraint(op.f("ck_outbox_messages_channel"), "channel IN ('crm', 'email')")
    op.drop_index("uq_bookings_one_seat_per_user", table_name="bookings")
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_bookings_status"), type_="check")
        batch_op.create_check_constraint(op.f("ck_bookings_status"), "status IN ('active', 'cancelled')")
        batch_op.drop_column("hold_expires_at")
    op.create_index(
        "uq_bookings_one_active_per_user",
        "bookings",
        ["session_id", "user_id"],
        unique=True,
        sqlite_where=sa.text("status = 'active'"),
        postgresql_where=sa.text("status = 'active'"),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_events_refund_until_hours"), type_="check")
        batch_op.drop_column("refund_until_hours")
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_sessions_price"), type_="check")
        batch_op.drop_column("currency")
        batch_op.drop_column("price")
