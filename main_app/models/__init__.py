"""The main API's data model."""

from service_kit.columns import utcnow

from .booking import (
    BOOKING_ACTIVE,
    BOOKING_CANCELLED,
    BOOKING_EXPIRED,
    BOOKING_PENDING_PAYMENT,
    BOOKING_REFUNDED,
    SEAT_HOLDING,
    Booking,
)
from .event import EVENT_KINDS, STATUS_CANCELLED, STATUS_SCHEDULED, Event, EventSession
from .outbox import (
    CHANNEL_CRM,
    CHANNEL_EMAIL,
    CHANNEL_PAYMENTS,
    FAILURE_CONFIGURATION,
    FAILURE_PERMANENT,
    FAILURE_TRANSIENT,
    OUTBOX_DEAD,
    OUTBOX_DELIVERED,
    OUTBOX_PENDING,
    DeliveryAttempt,
    OutboxMessage,
    new_message_id,
)
from .payment import (
    PAYMENT_FAILED,
    PAYMENT_PENDING,
    PAYMENT_SUCCEEDED,
    REFUND_FAILED,
    REFUND_INITIATED,
    REFUND_PROCESSED,
    Payment,
    PaymentWebhook,
)
from .user import ROLE_ADMIN, ROLE_FACILITATOR, ROLE_USER, ROLES, RevokedToken, User
from .waitlist import WaitlistEntry

__all__ = [
    "BOOKING_ACTIVE",
    "BOOKING_CANCELLED",
    "BOOKING_EXPIRED",
    "BOOKING_PENDING_PAYMENT",
    "BOOKING_REFUNDED",
    "CHANNEL_CRM",
    "CHANNEL_EMAIL",
    "CHANNEL_PAYMENTS",
    "EVENT_KINDS",
    "FAILURE_CONFIGURATION",
    "FAILURE_PERMANENT",
    "FAILURE_TRANSIENT",
    "OUTBOX_DEAD",
    "OUTBOX_DELIVERED",
    "OUTBOX_PENDING",
    "PAYMENT_FAILED",
    "PAYMENT_PENDING",
    "PAYMENT_SUCCEEDED",
    "REFUND_FAILED",
    "REFUND_INITIATED",
    "REFUND_PROCESSED",
    "ROLES",
    "ROLE_ADMIN",
    "ROLE_FACILITATOR",
    "ROLE_USER",
    "SEAT_HOLDING",
    "STATUS_CANCELLED",
    "STATUS_SCHEDULED",
    "Booking",
    "DeliveryAttempt",
    "Event",
    "EventSession",
    "OutboxMessage",
    "Payment",
    "PaymentWebhook",
    "RevokedToken",
    "User",
    "WaitlistEntry",
    "new_message_id",
    "utcnow",
]
