"""The main API's data model."""
from .booking import BOOKING_ACTIVE, BOOKING_CANCELLED, Booking
from .event import EVENT_KINDS, STATUS_CANCELLED, STATUS_SCHEDULED, Event, Session
from .outbox import (
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
from .types import utcnow
from .user import ROLE_ADMIN, ROLE_FACILITATOR, ROLE_USER, ROLES, RevokedToken, User

__all__ = [
    "BOOKING_ACTIVE", "BOOKING_CANCELLED", "Booking", "EVENT_KINDS", "STATUS_CANCELLED",
    "STATUS_SCHEDULED", "Event", "Session", "OUTBOX_DEAD", "OUTBOX_DELIVERED", "OUTBOX_PENDING",
    "OutboxMessage", "DeliveryAttempt", "FAILURE_CONFIGURATION", "FAILURE_PERMANENT", "FAILURE_TRANSIENT",
    "ROLE_ADMIN", "new_message_id", "utcnow", "ROLE_FACILITATOR", "ROLE_USER", "ROLES", "RevokedToken", "User",
]
