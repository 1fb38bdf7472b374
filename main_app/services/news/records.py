"""What happened, to whom, and what each channel needs to tell of it: one frozen record per kind of change.

A record holds the objects the change touched (models, or news.facts' plain facts where a write read no model); the
channel writers in news.channels turn it into outbox rows."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from ...models import Booking, BookingGuest, Event, EventSession, Pass, User
from .facts import BookingFacts, EventFacts, GuestRow, PersonFacts, SessionRow, StaffFacts


@dataclass(frozen=True)
class Booked:
    """A seat booked and active: free, with a pass or a code, or paid (payment: the CRM's payment fields; receipt
    and plan: what the confirmation shows of the money)."""

    booking: Booking | BookingFacts
    user: User
    session: EventSession | SessionRow
    event: Event | EventFacts
    organiser: PersonFacts
    guests: Sequence[BookingGuest | GuestRow] = ()  # the booking's guests, as written or read
    payment: dict | None = None
    receipt: dict | None = None
    plan: dict | None = None


@dataclass(frozen=True)
class Promoted:
    """A seat from the waiting list: booked (active), held for payment (pay: its terms), or a request held for the
    facilitator's decision (pending approval), by the status of booking."""

    booking: Booking
    user: User
    session: EventSession
    event: Event
    organiser: PersonFacts
    guests: Sequence[BookingGuest | GuestRow] = ()
    pay: dict | None = None


@dataclass(frozen=True)
class BookingNews:
    """A change the person hears of by email, notice and, for the kinds texts say, text: kind as in docs/emails.md
    (seat_held, hold_ended, ...), with what that email adds (extra), due at send_at or now."""

    kind: str
    booking: Booking
    user: User
    session: EventSession
    event: Event
    organiser: PersonFacts
    extra: dict = field(default_factory=dict)
    send_at: datetime | None = None


@dataclass(frozen=True)
class ApprovalRequested:
    """A request to book an event that approves bookings: held until the facilitator decides (review_url: their
    queue)."""

    booking: Booking
    user: User
    session: EventSession
    event: Event
    until: str
    review_url: str


@dataclass(frozen=True)
class SeatOffered:
    """A freed seat kept for the head of the waiting list (offer: its terms and links)."""

    user: User
    session: EventSession
    event: Event
    offer: dict
    child: dict | None = None  # {id, name} of the child of the family the place is for


@dataclass(frozen=True)
class OfferEnded:
    """An offered seat not taken (reason: declined, or its time ran out): the seat goes on down the line."""

    user: User
    session: EventSession
    event: Event
    reason: str
    child: dict | None = None


@dataclass(frozen=True)
class PassPurchased:
    """A pass became good (bought, or free): receipt when money moved."""

    sold: Pass
    user: User
    receipt: dict | None = None


@dataclass(frozen=True)
class LastCredit:
    """A pack is down to its last credit."""

    sold: Pass
    user: User


@dataclass(frozen=True)
class CodeRedeemed:
    """A discount code's use spent for good (about: the booking or pass it paid towards)."""

    user: User
    facilitator_id: int
    code: str
    amount_off: int
    currency: str
    about: dict
    studio_id: int


@dataclass(frozen=True)
class PassRenewed:
    """A membership ran on a period (amount: what the period cost)."""

    member: Pass
    user: User
    receipt: dict | None
    amount: int


@dataclass(frozen=True)
class RenewalDeclined:
    """A membership's renewal was declined: it can be saved until lapses_at; approve_url: where to approve it."""

    member: Pass
    user: User
    lapses_at: datetime
    failure: str | None
    approve_url: str | None = None


@dataclass(frozen=True)
class PassLapsed:
    """A membership lapsed: its renewal was declined."""

    member: Pass
    user: User


@dataclass(frozen=True)
class Cancelled:
    """A booking cancelled by its person: the CRM, the person and their guests hear (extra: what the email adds:
    by, reason, refund, credit)."""

    booking: Booking
    user: User
    session: EventSession
    event: Event
    organiser: PersonFacts
    guests: Sequence[BookingGuest] = ()
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Reactivated:
    """A cancelled booking active again: the CRM, the person (with reminders) and their guests hear."""

    booking: Booking
    user: User
    session: EventSession
    event: Event
    organiser: PersonFacts
    guests: Sequence[BookingGuest] = ()


@dataclass(frozen=True)
class GuestGivenBack:
    """A guest's seat given back by the booker (refund: {amount, currency} when money goes back): the CRM and that
    guest hear; the guests still coming get their reminders again, seats renumbered (party: the whole party)."""

    booking: Booking
    user: User
    session: EventSession
    event: Event
    organiser: PersonFacts
    guest: BookingGuest
    party: Sequence[BookingGuest] = ()
    refund: dict | None = None


@dataclass(frozen=True)
class Registered:
    """A new account: the CRM hears, the person gets the welcome email."""

    user: User


@dataclass(frozen=True)
class PlaceInLine:
    """A person joined a session's waiting list, at this position."""

    user: User
    session: EventSession
    position: int
    child: dict | None = None


@dataclass(frozen=True)
class LineEnded:
    """A place in line ends without a seat (reason: why), told at send_at (the session's start) or now."""

    user: User
    session: EventSession
    reason: str
    send_at: datetime | None = None
    child: dict | None = None


@dataclass(frozen=True)
class AccountMade:
    """An account made for someone booked in at the door by staff: the CRM hears, the person is told how to set its
    password."""

    user: User
    staff: StaffFacts
    event: Event | None  # None for a pass sold at the desk
    sold_pass: str | None = None  # the name of that pass


@dataclass(frozen=True)
class CheckedIn:
    """A seat checked in at the door by staff (seat: booking_id, seat and who sits there; device: the door's
    device; extra: walk_in for a walk-in); message: the CRM's sentence."""

    session: EventSession
    staff: StaffFacts
    booker: User
    seat: dict
    at: datetime
    device: str | None
    message: str
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class RegistrantsEmailed:
    """Staff emailed a session's registrants (bookings: the active ones, with their users; parties: the
    guests of those with more than one seat; words: subject, text, reply_to)."""

    session: EventSession
    event: Event
    staff: StaffFacts
    bookings: Sequence[Booking]  # with their users
    parties: dict[int, list[BookingGuest]]
    words: dict
