"""The main API's data model."""

from service_kit.columns import utcnow

from .booking import BOOKING_ACTIVE, BOOKING_CANCELLED, Booking
from .event import EVENT_KINDS, STATUS_CANCELLED, STATUS_SCHEDULED, Event, EventSession
from .outbox import (
    CHANNEL_CRM,
    CHANNEL_EMAIL,
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
from .user import ROLE_ADMIN, ROLE_FACILITATOR, ROLE_USER, ROLES, RevokedToken, User
from .waitlist import WaitlistEntry

__all__ = [
    "BOOKING_ACTIVE",
    "BOOKING_CANCELLED",
    "CHANNEL_CRM",
    "CHANNEL_EMAIL",
    "EVENT_KINDS",
    "FAILURE_CONFIGURATION",
    "FAILURE_PERMANENT",
    "FAILURE_TRANSIENT",
    "OUTBOX_DEAD",
    "OUTBOX_DELIVERED",
    "OUTBOX_PENDING",
    "ROLES",
    "ROLE_ADMIN",
    "ROLE_FACILITATOR",
    "ROLE_USER",
    "STATUS_CANCELLED",
    "STATUS_SCHEDULED",
    "Booking",
    "DeliveryAttempt",
    "Event",
    "EventSession",
    "OutboxMessage",
    "RevokedToken",
    "User",
    "WaitlistEntry",
    "new_message_id",
    "utcnow",
]
