"""The main API's data model."""
from .booking import BOOKING_ACTIVE, BOOKING_CANCELLED, Booking
from .event import EVENT_KINDS, STATUS_CANCELLED, STATUS_SCHEDULED, Event, Session
from .outbox import OUTBOX_DEAD, OUTBOX_DELIVERED, OUTBOX_PENDING, OutboxMessage, new_message_id
from .types import utcnow
from .user import ROLE_FACILITATOR, ROLE_USER, ROLES, User

__all__ = [
    "BOOKING_ACTIVE", "BOOKING_CANCELLED", "Booking", "EVENT_KINDS", "STATUS_CANCELLED",
    "STATUS_SCHEDULED", "Event", "Session", "OUTBOX_DEAD", "OUTBOX_DELIVERED", "OUTBOX_PENDING",
    "OutboxMessage", "new_message_id", "utcnow", "ROLE_FACILITATOR", "ROLE_USER", "ROLES", "User",
]
