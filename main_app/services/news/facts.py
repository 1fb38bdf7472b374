"""The plain facts a record holds where its write read columns, not models: an event, a booking, the people the
messages name and the staff who acted, and the shapes of the rows (a session, a guest, a booking) read by SQL
alone."""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from ...models import User


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
    private: bool = False  # a private session's event (services.appointments): no page of its own


@dataclass(frozen=True)
class PersonFacts:
    """A person as the messages name them (an event's organiser, whom its emails name as its facilitator)."""

    id: int
    name: str

    @classmethod
    def of(cls, person: User) -> "PersonFacts":
        """The account's id and name."""
        return cls(person.id, person.name)


@dataclass(frozen=True)
class StaffFacts:
    """Who acted for a studio, as the CRM (its actor: id and account role) and the audit log (studio_role, address)
    record them; an event's organiser acting on their own account has no studio role."""

    id: int
    name: str
    role: str  # their account's role, the CRM's actor
    studio_role: str | None = None  # their role in the studio, the audit log's
    remote_addr: str | None = None

    @classmethod
    def of(cls, user: User) -> "StaffFacts":
        """An account acting on its own (the event's organiser): its account role alone."""
        return cls(user.id, user.name, user.role)


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
    dependent_id: int | None = None  # the child on the booker's family the seats are for


class SessionRow(Protocol):
    """A session read as a row (a free booking's, or as a seat's update left it): what its messages read."""

    id: int
    starts_at: datetime
    ends_at: datetime
    capacity: int
    seats_taken: int


class GuestRow(Protocol):
    """A guest as the INSERT that named them wrote them: what their emails and the CRM read."""

    id: int
    booking_id: int
    name: str
    email: str | None
    status: str
    cancelled_at: datetime | None


class BookingRow(Protocol):
    """A booking read as a row (the close of a session's attended seats): what its messages read."""

    id: int
    calendar_sequence: int


class PassOwner(Protocol):
    """A pass, or its row as the spending UPDATE returned it: whose studio and organiser its CRM messages carry."""

    facilitator_id: int
    studio_id: int | None
