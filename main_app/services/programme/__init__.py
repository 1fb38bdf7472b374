"""A studio's programme: its events, sessions, series, listings, registrants, options, cancellations, messages."""

from .cancellations import cancel_event, cancel_series, cancel_session
from .events import add_session, create_event, get_own_event, tell_attendees, update_event, update_session
from .listings import list_own_bookings, list_own_events, registrants
from .messages import message_registrants
from .money import event_money
from .ownership import owned_session
from .questions import listed as listed_questions
from .questions import replace as replace_questions
from .recurrence import local_starts
from .refunds import refund_payment
from .series import create_series, update_series

__all__ = [
    "add_session",
    "cancel_event",
    "cancel_series",
    "cancel_session",
    "create_event",
    "create_series",
    "event_money",
    "get_own_event",
    "list_own_bookings",
    "list_own_events",
    "listed_questions",
    "local_starts",
    "message_registrants",
    "owned_session",
    "refund_payment",
    "registrants",
    "replace_questions",
    "tell_attendees",
    "update_event",
    "update_series",
    "update_session",
]
