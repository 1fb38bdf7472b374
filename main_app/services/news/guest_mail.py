"""The emails to a booking's guests (seats.guests): their own confirmation, change or cancellation with their own
seat's check-in code, and their reminders, within the limits of emails to addresses a booker typed."""

from sqlalchemy import select, update

from main_app.services.common import BY_VIDEO, guest_join_token
from main_app.services.emails import (
    GUEST_REMINDER,
    REMINDERS,
    booking_snapshot,
    checkin_of,
    guest_address_of,
    guest_email_links,
    suppressed_addresses,
    take_guest_emails,
)

from ...extensions import db
from ...models import BookingGuest, utcnow
from .words import Word

GUESTS = BookingGuest.__table__
LEADS = {"reminder_24h": "Tomorrow", "reminder_2h": "Starting soon"}
# The kinds after which a guest's reminders are (re)written (None: the reminders alone).
REMINDED = (None, "guest_confirmed", "guest_changed")


def _snapshot(base: dict, guest, seat: int | None) -> dict:
    """A guest's email: the booking's facts, their own seat and unsubscribe links, and of the booker's words only the
    guest's name (the address is the booker's to type: no name or message of theirs goes to it)."""
    base = {name: value for name, value in base.items() if name != "checkin"}  # the booker's seat, not theirs
    own = {} if seat is None else {"checkin": checkin_of(base["session"]["id"], base["booking"]["id"], seat)}
    if base["session"].get("mode") in BY_VIDEO:  # their own join address: they have no account to sign in with
        own["guest_join"] = guest_join_token(guest.id)
    return {
        **base,
        "to": {"name": guest.name, "email": guest.email, "user_id": None},
        "booking": {**base["booking"], "guest_id": guest.id},
        **guest_email_links(guest.email),
        **own,
    }


def _told(kind: str | None, guests: list, booker_id: int) -> list:
    """The guests whose email may be written, each counted against the limits (kind None, their reminders alone:
    those neither withheld before nor unsubscribed since); each guest's row says why its email was withheld, if it
    was."""
    if kind is None:
        stopped = suppressed_addresses(guest_address_of(guest.email) for guest in guests)
        return [g for g in guests if not _withheld(g) and guest_address_of(g.email) not in stopped]
    outcome = take_guest_emails(booker_id, [guest.email for guest in guests])
    for guest, why in zip(guests, outcome, strict=True):
        if _withheld(guest) != why:
            db.session.execute(
                update(GUESTS).where(GUESTS.c.id == guest.id).values(email_withheld=why),
                execution_options={"synchronize_session": False},
            )
            setattr(guest, "email_withheld", why)  # noqa: B010 - a model or a row's namespace alike
    return [guest for guest, why in zip(guests, outcome, strict=True) if why is None]


def _withheld(guest) -> str | None:
    return getattr(guest, "email_withheld", None)


def seat_numbers(booking_id: int, party=None) -> dict[int, int]:
    """Each guest's seat number by guest id: the booker's seat is 1, the guests' follow in the order they were named
    (party: the booking's whole party when the caller holds it, else read)."""
    if party is None:
        party = db.session.scalars(
            select(BookingGuest.id).where(BookingGuest.booking_id == booking_id).order_by(BookingGuest.id)
        ).all()
        return {guest_id: number for number, guest_id in enumerate(party, start=2)}
    return {guest.id: number for number, guest in enumerate(sorted(party, key=lambda g: g.id), start=2)}


def mail_words(kind: str | None, guests, booking, user, event_session, event, organiser, party=None, **extra):
    """The words of one email of this kind (guest_confirmed, guest_changed, guest_cancelled, guest_message) to
    each of these guests with an email, and, after a confirmation or a change, their reminders still ahead (kind None:
    the reminders only); each seat still coming gets its own check-in code (party: the booking's whole party, when
    held)."""
    told = _told(kind, [guest for guest in guests if guest.email], user.id)
    if not told:  # most bookings bring no guest with an email: no snapshot to build
        return []
    base = {**booking_snapshot(booking, user, event_session, event, organiser), **extra}
    seats = seat_numbers(booking.id, party) if kind != "guest_cancelled" else {}
    now, words = utcnow(), []
    for guest in told:
        snapshot = _snapshot(base, guest, seats.get(guest.id))
        if kind is not None:
            words.append(Word(kind, snapshot, booking_id=booking.id))
        if kind not in REMINDED:
            continue
        for reminder, before in REMINDERS:
            if (send_at := event_session.starts_at - before) > now:
                reminder_snapshot = {**snapshot, "lead": LEADS[reminder]}
                words.append(Word(GUEST_REMINDER, reminder_snapshot, booking_id=booking.id, send_at=send_at))
    return words
