"""Fan-out: each change's frozen record, and publish(), which writes every channel's outbox rows for it."""

from .records import (
    ApprovalRequested,
    Booked,
    BookingFacts,
    BookingNews,
    EventFacts,
    PersonFacts,
    Promoted,
    SeatOffered,
)
from .registry import publish, reminders_due

__all__ = [
    "ApprovalRequested",
    "Booked",
    "BookingFacts",
    "BookingNews",
    "EventFacts",
    "PersonFacts",
    "Promoted",
    "SeatOffered",
    "publish",
    "reminders_due",
]
