"""What a change tells people and what it takes back, before any channel: a record's words (one per message to one
person) and what it unsays (pending messages that no longer hold); each channel in news.channels turns them into
its own outbox rows, or withdraws its own."""

from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app

from main_app.services.common import unsubscribe_token
from main_app.services.emails import GUEST_REMINDER, REMINDER_KINDS, REMINDERS, booking_snapshot

from ...models import User, new_message_id, utcnow


@dataclass(frozen=True)
class Word:
    """One message to one person (person: their account; None for a guest known only by address): its kind as in
    docs/emails.md, what it shows, about which booking, due at send_at or now."""

    kind: str
    snapshot: dict
    person: User | None = None
    booking_id: int | None = None
    send_at: datetime | None = None
    emailed: bool = True  # False: a reminder whose person turned reminder emails off
    email_links: dict = field(default_factory=dict)  # the email's own (its unsubscribe links), no text's
    id: str = field(default_factory=new_message_id)  # the email's: what goes beside it is dropped with it


@dataclass(frozen=True)
class Unsaid:
    """Pending messages a change takes back on every channel: those of these kinds about these bookings, and those
    written for these words (message_ids: the emails' ids, each channel's rows beside them)."""

    booking_ids: tuple[int, ...] = ()
    kinds: tuple[str, ...] = ()
    message_ids: tuple[str, ...] = ()


def booking_words(kind: str, booking, user: User, event_session, event, organiser, send_at=None, **extra):
    """The person's word of this kind about a booking (extra: what it adds to the booking's snapshot)."""
    snapshot = {**booking_snapshot(booking, user, event_session, event, organiser), **extra}
    return [Word(kind, snapshot, user, booking.id, send_at)]


def reminder_words(booking, user: User, event_session, event, organiser) -> list[Word]:
    """The reminders still ahead of an active booking; those the person turned off go by no email, the texted one
    still goes where texts carry it."""
    snapshot = booking_snapshot(booking, user, event_session, event, organiser)
    links = reminder_links(user)
    now = utcnow()
    return [
        Word(kind, snapshot, user, booking.id, send_at, emailed=user.reminders_enabled, email_links=links)
        for kind, before in REMINDERS
        if (send_at := event_session.starts_at - before) > now  # booked 3 hours ahead: the 24-hour one has passed
    ]


def reminder_links(user: User) -> dict:
    """A reminder email's unsubscribe links; none for a person who turned reminder emails off (it goes by none)."""
    if not user.reminders_enabled:
        return {}
    token = unsubscribe_token(user)
    # The header's one-click POST goes to the API; the footer's link to a web page that asks first.
    return {
        "unsubscribe_url": f"{current_app.config['PUBLIC_API_URL']}/auth/reminders/unsubscribe?token={token}",
        "unsubscribe_page": f"{current_app.config['PUBLIC_WEB_URL']}/unsubscribe?token={token}",
    }


def booking_unsaid(news) -> list[Unsaid]:
    """A booking cancelled or moved: its reminders, the booker's and the guests', not yet sent."""
    return reminders_unsaid([news.booking.id])


def guest_reminders_unsaid(news) -> list[Unsaid]:
    """A booking whose party changed: its guests' reminders not yet sent."""
    return [Unsaid(booking_ids=(news.booking.id,), kinds=(GUEST_REMINDER,))]


def reminders_unsaid(booking_ids) -> list[Unsaid]:
    """The reminders, the booker's and their guests', not yet sent for these bookings."""
    ids = tuple(booking_ids)
    return [Unsaid(booking_ids=ids, kinds=(*REMINDER_KINDS, GUEST_REMINDER))] if ids else []


def merged(unsaid: list[Unsaid]) -> list[Unsaid]:
    """The same messages taken back in as few items as there are sets of kinds (a batch's bookings: one)."""
    bookings_of: dict[tuple[str, ...], tuple[int, ...]] = {}
    for item in unsaid:
        if item.booking_ids:
            bookings_of[item.kinds] = bookings_of.get(item.kinds, ()) + tuple(item.booking_ids)
    ids = tuple(message_id for item in unsaid for message_id in item.message_ids)
    by_booking = [Unsaid(booking_ids=booking_ids, kinds=kinds) for kinds, booking_ids in bookings_of.items()]
    return by_booking + ([Unsaid(message_ids=ids)] if ids else [])
