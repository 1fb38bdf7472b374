"""Messages for the CRM, written in the same transaction as the change they report."""

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service_kit.columns import UTCDateTime, utcnow

from ..extensions import db

OUTBOX_PENDING = "pending"
OUTBOX_DELIVERED = "delivered"
OUTBOX_DEAD = "dead"
# Where a message goes: the CRM service, an email to one person, the payment provider, or our own data on time.
CHANNEL_CRM = "crm"
CHANNEL_EMAIL = "email"
CHANNEL_PAYMENTS = "payments"  # money: refunds, renewal charges, checkouts and subscriptions to close
CHANNEL_TIMERS = "timers"  # timed jobs (a hold's end, a session's close), applied by the dispatcher when due
CHANNEL_SMS = "sms"  # texts to people's mobile numbers, only while they have texts on
CHANNEL_WHATSAPP = "whatsapp"  # WhatsApp messages to people who opted in to them
CHANNEL_APP = "app"  # notices in people's in-app notification centre
CHANNEL_WEBHOOKS = "webhooks"  # a studio's news to the addresses of its own tools that subscribed to it
# Why the last attempt failed: worth retrying, never worth retrying, or our own settings are wrong.
FAILURE_TRANSIENT = "transient"
FAILURE_PERMANENT = "permanent"
FAILURE_CONFIGURATION = "configuration"


def new_message_id() -> str:
    """A unique notification id, also sent to the CRM as Idempotency-Key."""
    return uuid.uuid4().hex


class OutboxMessage(db.Model):
    """One notification waiting for, or done with, delivery: to the CRM, or as an email to one person."""

    __tablename__ = "outbox_messages"
    __table_args__ = (
        sa.CheckConstraint("status IN ('pending', 'delivered', 'dead')", name="status"),
        sa.CheckConstraint(
            "channel IN ('crm', 'email', 'payments', 'sms', 'app', 'timers', 'whatsapp', 'webhooks')", name="channel"
        ),
        sa.Index("ix_outbox_messages_due", "status", "next_attempt_at"),
        # Each channel's dispatcher claims due pending messages of its own channel, in order.
        sa.Index("ix_outbox_messages_channel_due", "channel", "status", "next_attempt_at"),
        # An ordered lane (webhooks) claims a message only when no earlier one of its key is pending.
        sa.Index(
            "ix_outbox_messages_ordered_key",
            "ordered_key",
            "created_at",
            postgresql_where=sa.text("ordered_key IS NOT NULL"),
            sqlite_where=sa.text("ordered_key IS NOT NULL"),
        ),
        sa.Index(
            "ix_outbox_messages_endpoint_id",
            "endpoint_id",
            "created_at",
            postgresql_where=sa.text("endpoint_id IS NOT NULL"),
            sqlite_where=sa.text("endpoint_id IS NOT NULL"),
        ),
    )

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_message_id)
    channel: Mapped[str] = mapped_column(sa.String(20), default=CHANNEL_CRM, server_default=CHANNEL_CRM)
    # The booking an email is about: its reminders move with the session and go when it is cancelled.
    booking_id: Mapped[int | None] = mapped_column(index=True)
    type: Mapped[str] = mapped_column(sa.String(64))
    payload: Mapped[dict] = mapped_column(sa.JSON)
    status: Mapped[str] = mapped_column(sa.String(20), default=OUTBOX_PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_by: Mapped[str | None] = mapped_column(sa.String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    failure_kind: Mapped[str | None] = mapped_column(sa.String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A webhook's: its endpoint (the delivery log's), and the endpoint and object whose messages go in order.
    endpoint_id: Mapped[int | None] = mapped_column()
    ordered_key: Mapped[str | None] = mapped_column(sa.String(100))

    attempt_log: Mapped[list["DeliveryAttempt"]] = relationship(order_by="DeliveryAttempt.id", lazy="raise")


class DeliveryAttempt(db.Model):
    """One try at handing over one message (an HTTP request to the CRM, an SMTP conversation): when, by whom, what
    came back (HTTP status or SMTP reply code), how long it took."""

    __tablename__ = "delivery_attempts"
    __table_args__ = (sa.Index("ix_delivery_attempts_message_id_id", "message_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str] = mapped_column(sa.ForeignKey("outbox_messages.id"))
    attempted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    worker_id: Mapped[str] = mapped_column(sa.String(64))
    status_code: Mapped[int | None]
    latency_ms: Mapped[float]
    error: Mapped[str | None] = mapped_column(sa.String(500))
    response_excerpt: Mapped[str | None] = mapped_column(sa.String(500))
