"""What happened, to whom, and what each channel needs to tell of it: one frozen record per kind of change.

A record holds the objects the change touched (models, or the plain facts below where a write read no model); the
channel writers in news.channels turn it into outbox rows."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class EventFacts:
    """An event as a booking's messages and document read it, where the write read columns, not the model."""

    id: int
    title: str
    kind: str
    location: str | None
    timezone: str
    facilitator_id: int
    studio_id: int
    studio_name: str  # the studio's, as its emails name it and link its page
    studio_slug: str
    starts_at: datetime
    refund_until_hours: int | None
    late_cancel_hours: int | None


@dataclass(frozen=True)
class PersonFacts:
    """A person as the messages name them (the facilitator of an event)."""

    id: int
    name: str


@dataclass(frozen=True)
class BookingFacts:
    """A booking just written with one INSERT, with the columns its messages and document read."""

    id: int
    session_id: int
    user_id: int
    status: str
    seats: int
    created_at: datetime
    from_waitlist: bool
    calendar_sequence: int
    pass_id: int | None
    option_id: int | None
    option_name: str | None  # read already: its messages need not read the option again
    cancelled_at: datetime | None = None
    cancel_reason: str | None = None
    cancelled_by: int | None = None
    reactivated_at: datetime | None = None
    hold_expires_at: datetime | None = None


@dataclass(frozen=True)
class Booked:
    """A seat booked and active: free, with a pass or a code, or paid (payment: the CRM's payment fields; receipt
    and plan: what the confirmation shows of the money)."""

    booking: Any
    user: Any
    session: Any
    event: Any
    facilitator: Any
    guests: Sequence = ()  # the booking's guests, as written or read
    payment: dict | None = None
    receipt: dict | None = None
    plan: dict | None = None


@dataclass(frozen=True)
class Promoted:
    """A seat from the waiting list: booked (active), held for payment (pay: its terms), or a request held for the
    facilitator's decision (pending approval), by the status of booking."""

    booking: Any
    user: Any
    session: Any
    event: Any
    facilitator: Any
    guests: Sequence = ()
    pay: dict | None = None


@dataclass(frozen=True)
class BookingNews:
    """A change the person hears of by email, notice and, for the kinds texts say, text: kind as in docs/emails.md
    (seat_held, hold_ended, ...), with what that email adds (extra), due at send_at or now."""

    kind: str
    booking: Any
    user: Any
    session: Any
    event: Any
    facilitator: Any
    extra: dict = field(default_factory=dict)
    send_at: datetime | None = None


@dataclass(frozen=True)
class ApprovalRequested:
    """A request to book an event that approves bookings: held until the facilitator decides (review_url: their
    queue)."""

    booking: Any
    user: Any
    session: Any
    event: Any
    until: str
    review_url: str


@dataclass(frozen=True)
class SeatOffered:
    """A freed seat kept for the head of the waiting list (offer: its terms and links)."""

    user: Any
    session: Any
    event: Any
    offer: dict


@dataclass(frozen=True)
class OfferEnded:
    """An offered seat not taken (reason: declined, or its time ran out): the seat goes on down the line."""

    user: Any
    session: Any
    event: Any
    reason: str


@dataclass(frozen=True)
class PassPurchased:
    """A pass became good (bought, or free): receipt when money moved."""

    sold: Any
    user: Any
    receipt: dict | None = None


@dataclass(frozen=True)
class LastCredit:
    """A pack is down to its last credit."""

    sold: Any
    user: Any


@dataclass(frozen=True)
class CodeRedeemed:
    """A discount code's use spent for good (about: the booking or pass it paid towards)."""

    user: Any
    facilitator_id: int
    code: str
    amount_off: int
    currency: str
    about: dict
    studio_id: int


@dataclass(frozen=True)
class PassRenewed:
    """A membership ran on a period (amount: what the period cost)."""

    member: Any
    user: Any
    receipt: dict | None
    amount: int


@dataclass(frozen=True)
class RenewalDeclined:
    """A membership's renewal was declined: it can be saved until lapses_at; approve_url: where to approve it."""

    member: Any
    user: Any
    lapses_at: datetime
    failure: str | None
    approve_url: str | None = None


@dataclass(frozen=True)
class PassLapsed:
    """A membership lapsed: its renewal was declined."""

    member: Any
    user: Any


@dataclass(frozen=True)
class Cancelled:
    """A booking cancelled by its person: the CRM, the person and their guests hear (extra: what the email adds:
    by, reason, refund, credit)."""

    booking: Any
    user: Any
    session: Any
    event: Any
    facilitator: Any
    guests: Sequence = ()
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Reactivated:
    """A cancelled booking active again: the CRM, the person (with reminders) and their guests hear."""

    booking: Any
    user: Any
    session: Any
    event: Any
    facilitator: Any
    guests: Sequence = ()


@dataclass(frozen=True)
class GuestGivenBack:
    """A guest's seat given back by the booker (refund: {amount, currency} when money goes back): the CRM and that
    guest hear; the guests still coming get their reminders again, seats renumbered (party: the whole party)."""

    booking: Any
    user: Any
    session: Any
    event: Any
    facilitator: Any
    guest: Any
    party: Sequence = ()
    refund: dict | None = None


@dataclass(frozen=True)
class Registered:
    """A new account: the CRM hears, the person gets the welcome email."""

    user: Any


@dataclass(frozen=True)
class PlaceInLine:
    """A person joined a session's waiting list, at this position."""

    user: Any
    session: Any
    position: int


@dataclass(frozen=True)
class LineEnded:
    """A place in line ends without a seat (reason: why), told at send_at (the session's start) or now."""

    user: Any
    session: Any
    reason: str
    send_at: datetime | None = None


@dataclass(frozen=True)
class AccountMade:
    """An account made for someone booked in at the door by facilitator: the CRM hears, the person is told how to set
    its password."""

    user: Any
    facilitator: Any
    event: Any  # None for a pass sold at the desk
    sold_pass: str | None = None  # the name of that pass


@dataclass(frozen=True)
class CheckedIn:
    """A seat checked in at the door by facilitator (seat: booking_id, seat and who sits there; device: the door's
    device; extra: walk_in for a walk-in); message: the CRM's sentence."""

    session: Any
    facilitator: Any
    booker: Any
    seat: dict
    at: datetime
    device: str | None
    message: str
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class RegistrantsEmailed:
    """A facilitator emailed a session's registrants (bookings: the active ones, with their users; parties: the
    guests of those with more than one seat; words: subject, text, reply_to)."""

    session: Any
    event: Any
    facilitator: Any
    bookings: Sequence
    parties: dict
    words: dict
