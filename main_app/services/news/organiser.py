"""The records of staff's changes to what people booked, and of the requests to book they decide."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from ...models import Booking, BookingGuest, Event, EventSession, User
from .facts import SessionRow, StaffFacts


@dataclass(frozen=True)
class CalledOff:
    """A booking cancelled by staff with its session, series or event (batch_id: the CRM message that sums the
    cancellation up; refund and credit: what goes back): the CRM, the person and their guests hear."""

    booking: Booking
    user: User
    session: EventSession
    event: Event
    staff: StaffFacts
    batch_id: str
    reason: str
    guests: Sequence[BookingGuest] = ()
    refund: dict | None = None
    credit: dict | None = None
    refunded: int = 0  # what refund says, in minor units: the audit log's figure


@dataclass(frozen=True)
class Moved:
    """An active booking whose session changed (changes: each field's label, from and to): the person and their guests
    hear, with their reminders written again."""

    booking: Booking
    user: User
    session: EventSession
    event: Event
    staff: StaffFacts
    guests: Sequence[BookingGuest] = ()
    changes: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class Approved:
    """A request to book approved by the event's organiser: a free seat booked (active), a paid one held for its
    payment (pay: its terms), by the status of booking."""

    booking: Booking
    user: User
    session: EventSession
    event: Event
    organiser: StaffFacts  # the event's organiser, on their own account
    guests: Sequence[BookingGuest] = ()
    pay: dict | None = None


@dataclass(frozen=True)
class Declined:
    """A request to book declined by the event's organiser, with their message to the person."""

    booking: Booking
    user: User
    session: EventSession
    event: Event
    organiser: StaffFacts  # the event's organiser, on their own account
    message: str


@dataclass(frozen=True)
class RequestEnded:
    """A request to book that ended undecided (kind: approval_expired, its hold over; approval_withdrawn, by its
    person): the CRM hears, and the person, when it expired."""

    kind: str
    booking: Booking
    user: User
    session: EventSession
    event: Event


@dataclass(frozen=True)
class WalkedIn:
    """A seat booked at the door by staff (seen: the session as the seat's update left it, for the CRM;
    payment: the CRM's payment fields and receipt: the email's, when paid at the door)."""

    booking: Booking
    user: User
    session: EventSession
    event: Event
    staff: StaffFacts
    seen: SessionRow
    payment: dict | None = None
    receipt: dict | None = None


@dataclass(frozen=True)
class CheckinUndone:
    """A mistaken check-in of a seat undone by staff: the CRM hears, about the booker."""

    session: EventSession
    event: Event
    staff: StaffFacts
    booker: User
    booking_id: int
    seat: int
    dependent_id: int | None = None  # the child the seat is for


@dataclass(frozen=True)
class EventChanged:
    """An event created, updated or cancelled by staff (action; changes: what changed; message_id: named ahead
    when the bookings' messages point to it): the CRM hears."""

    event: Event
    action: str
    staff: StaffFacts
    changes: dict | None = None
    message_id: str | None = None


@dataclass(frozen=True)
class SessionChanged:
    """A session created, updated or cancelled by staff, as EventChanged: the CRM hears."""

    session: EventSession
    event: Event
    action: str
    staff: StaffFacts
    changes: dict | None = None
    message_id: str | None = None
