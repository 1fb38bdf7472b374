"""The records of a facilitator's changes to what people booked, and of the requests to book they decide."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class CalledOff:
    """A booking cancelled by facilitator with its session, series or event (batch_id: the CRM message that sums the
    cancellation up; refund and credit: what goes back): the CRM, the person and their guests hear."""

    booking: Any
    user: Any
    session: Any
    event: Any
    facilitator: Any
    batch_id: str
    reason: str
    guests: Sequence = ()
    refund: dict | None = None
    credit: dict | None = None
    refunded: int = 0  # what refund says, in minor units: the audit log's figure


@dataclass(frozen=True)
class Moved:
    """An active booking whose session changed (changes: each field's label, from and to): the person and their guests
    hear, with their reminders written again."""

    booking: Any
    user: Any
    session: Any
    event: Any
    facilitator: Any
    guests: Sequence = ()
    changes: list = field(default_factory=list)


@dataclass(frozen=True)
class Approved:
    """A request to book approved by facilitator: a free seat booked (active), a paid one held for its payment (pay:
    its terms), by the status of booking."""

    booking: Any
    user: Any
    session: Any
    event: Any
    facilitator: Any
    guests: Sequence = ()
    pay: dict | None = None


@dataclass(frozen=True)
class Declined:
    """A request to book declined by facilitator, with their message to the person."""

    booking: Any
    user: Any
    session: Any
    event: Any
    facilitator: Any
    message: str


@dataclass(frozen=True)
class RequestEnded:
    """A request to book that ended undecided (kind: approval_expired, its hold over; approval_withdrawn, by its
    person): the CRM hears, and the person, when it expired."""

    kind: str
    booking: Any
    user: Any
    session: Any
    event: Any


@dataclass(frozen=True)
class WalkedIn:
    """A seat booked at the door by facilitator (seen: the session as the seat's update left it, for the CRM;
    payment: the CRM's payment fields and receipt: the email's, when paid at the door)."""

    booking: Any
    user: Any
    session: Any
    event: Any
    facilitator: Any
    seen: Any
    payment: dict | None = None
    receipt: dict | None = None


@dataclass(frozen=True)
class CheckinUndone:
    """A mistaken check-in of a seat undone by facilitator: the CRM hears, about the booker."""

    session: Any
    event: Any
    facilitator: Any
    booker: Any
    booking_id: int
    seat: int


@dataclass(frozen=True)
class EventChanged:
    """An event created, updated or cancelled by facilitator (action; changes: what changed; message_id: named ahead
    when the bookings' messages point to it): the CRM hears."""

    event: Any
    action: str
    facilitator: Any
    changes: dict | None = None
    message_id: str | None = None


@dataclass(frozen=True)
class SessionChanged:
    """A session created, updated or cancelled by facilitator, as EventChanged: the CRM hears."""

    session: Any
    event: Any
    action: str
    facilitator: Any
    changes: dict | None = None
    message_id: str | None = None
