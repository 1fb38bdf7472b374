"""Payments for the seats of paid sessions and for passes, and the provider webhooks already applied."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from service_kit.columns import UTCDateTime, utcnow

from ..extensions import db

PAYMENT_PENDING = "pending"
PAYMENT_SUCCEEDED = "succeeded"
PAYMENT_AT_DOOR = "door"  # the provider of money a facilitator took in person (refunded in person too)
DESK_METHODS = ("cash", "card_terminal", "upi")  # how money taken at a studio's desk was paid (upi: its QR)
PAYMENT_FAILED = "failed"
REFUND_INITIATED = "initiated"
REFUND_PROCESSED = "processed"
REFUND_FAILED = "failed"


class Payment(db.Model):
    """One checkout for one booking or one pass: what it asks (amount, currency, always our price at the time),
    what the provider said, and its refund. A booking paid again after a refund has a newer one."""

    __tablename__ = "payments"
    __table_args__ = (
        sa.CheckConstraint("status IN ('pending', 'succeeded', 'failed')", name="status"),
        sa.CheckConstraint(
            "refund_status IS NULL OR refund_status IN ('initiated', 'processed', 'failed')", name="refund_status"
        ),
        sa.CheckConstraint("amount > 0", name="amount_positive"),
        sa.UniqueConstraint("provider", "reference"),  # a webhook names the checkout: it finds one payment
        sa.Index("ix_payments_booking_id_id", "booking_id", "id"),
        sa.Index("ix_payments_pass_id", "pass_id"),
        sa.CheckConstraint("(booking_id IS NULL) <> (pass_id IS NULL)", name="pays_for_one"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int | None] = mapped_column(sa.ForeignKey("bookings.id"))
    pass_id: Mapped[int | None] = mapped_column(sa.ForeignKey("passes.id"))
    provider: Mapped[str] = mapped_column(sa.String(20))
    # The studio whose own provider account took it (its keys refund it and its webhooks tell of it); null: the
    # install's account (PAYMENT_PROVIDER's settings). A studio's row is never deleted (closing keeps it), and no
    # foreign key lets SQLite add the column without rebuilding the table (ids and counters stay).
    account_id: Mapped[int | None] = mapped_column(index=True)
    reference: Mapped[str] = mapped_column(sa.String(255))  # the provider's checkout id
    checkout_url: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[str] = mapped_column(sa.String(20), default=PAYMENT_PENDING)
    amount: Mapped[int]
    currency: Mapped[str] = mapped_column(sa.String(3))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    payment_id: Mapped[str | None] = mapped_column(sa.String(255))  # the provider's payment, once paid
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    failure: Mapped[str | None] = mapped_column(sa.String(500))
    refund_status: Mapped[str | None] = mapped_column(sa.String(20))
    refund_id: Mapped[str | None] = mapped_column(sa.String(255))
    refund_amount: Mapped[int | None]
    refund_reason: Mapped[str | None] = mapped_column(sa.String(500))
    refunded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Under a payment plan: the number of the booking's instalment it pays (0 the deposit); null: the whole price.
    instalment: Mapped[int | None]
    # Money taken at a studio's desk (provider "door"): one of DESK_METHODS, and the member who took it.
    method: Mapped[str | None] = mapped_column(sa.String(20))
    taken_by: Mapped[int | None] = mapped_column(index=True)  # as the audit log's actor_id: outlives the account
    # What a studio's staff asked back of it so far (PaymentRefund rows not failed): raised by one conditional
    # update that never lets it pass what is left, so two partial refunds cannot both take the remainder.
    staff_refunded: Mapped[int] = mapped_column(default=0, server_default="0")
    # The tax its amount was charged with, fixed when the price was quoted ({"name", "rate", "inclusive"}): its
    # invoice splits the amount at this rate whatever the studio's rate is by the time it is paid. Null: older rows.
    tax: Mapped[dict | None] = mapped_column(sa.JSON)
    # A capture its checkout did not ask for (a second one, or of the wrong amount): the id of the checkout's
    # payment it came through. Recorded so no money is kept without a row, always refunded, and never the booking's
    # or pass's own payment (which stays open for the right capture).
    surplus_of: Mapped[int | None] = mapped_column(index=True)


class PaymentRefund(db.Model):
    """A refund a studio's staff asked of one payment, all or part of what is left of it: sent on the payments lane
    and settled by the provider's answer or webhook, as a cancellation's refund is."""

    __tablename__ = "payment_refunds"
    __table_args__ = (
        sa.CheckConstraint("status IN ('initiated', 'processed', 'failed')", name="status"),
        sa.CheckConstraint("amount > 0", name="amount_positive"),
        sa.Index("ix_payment_refunds_payment_id", "payment_id"),
        sa.Index("ix_payment_refunds_refund_id", "refund_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(sa.ForeignKey("payments.id"))
    amount: Mapped[int]
    reason: Mapped[str] = mapped_column(sa.String(500))
    status: Mapped[str] = mapped_column(sa.String(20), default=REFUND_INITIATED)
    refund_id: Mapped[str | None] = mapped_column(sa.String(255))  # the provider's, once it answers
    asked_by: Mapped[int | None]  # as the audit log's actor_id: outlives the account
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    settled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class PaymentWebhook(db.Model):
    """A provider event already applied: the same event again changes nothing."""

    __tablename__ = "payment_webhooks"
    __table_args__ = (sa.UniqueConstraint("provider", "event_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The account the event came to: the provider's name for the install's, "<name>@<studio id>" for a studio's
    # own (an event at one studio's door never makes the same id at another's a duplicate).
    provider: Mapped[str] = mapped_column(sa.String(20))
    event_id: Mapped[str] = mapped_column(sa.String(255))
    kind: Mapped[str] = mapped_column(sa.String(40))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
