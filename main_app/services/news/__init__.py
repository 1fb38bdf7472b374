"""Fan-out: each change's frozen record, and publish(), which writes every channel's outbox rows for it."""

from .pass_mail import credit_row
from .records import (
    ApprovalRequested,
    Booked,
    BookingFacts,
    BookingNews,
    Cancelled,
    CodeRedeemed,
    EventFacts,
    LastCredit,
    PassLapsed,
    PassPurchased,
    PassRenewed,
    PersonFacts,
    Promoted,
    Reactivated,
    RenewalDeclined,
    SeatOffered,
)
from .registry import publish, reminders_due

__all__ = [
    "ApprovalRequested",
    "Booked",
    "BookingFacts",
    "BookingNews",
    "Cancelled",
    "CodeRedeemed",
    "EventFacts",
    "LastCredit",
    "PassLapsed",
    "PassPurchased",
    "PassRenewed",
    "PersonFacts",
    "Promoted",
    "Reactivated",
    "RenewalDeclined",
    "SeatOffered",
    "credit_row",
    "publish",
    "reminders_due",
]
