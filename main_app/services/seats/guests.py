"""A booking's guests: the seats a booker takes for others. Each guest with an email gets their own confirmation,
calendar entry and reminders, within the limits of emails to addresses a booker typed (emails.guest_limits); only
the booker manages the booking. A booking of N seats always has N - 1 guests
still coming (a seat left unnamed gets "Guest n"), so each seat can be given back on its own."""

from types import SimpleNamespace

from sqlalchemy import insert, select

from ...extensions import db
from ...models import GUEST_ACTIVE, BookingGuest

GUESTS = BookingGuest.__table__
INSERT_GUESTS = insert(GUESTS).returning(GUESTS.c.id, sort_by_parameter_order=True)


def named(guests, seats: int) -> list[dict]:
    """The guests of a booking of this many seats: those given (name trimmed, no email as None), then one
    "Guest n" for each seat still unnamed."""
    given = [{"name": guest["name"].strip(), "email": guest.get("email") or None} for guest in guests or ()]
    return given + [{"name": f"Guest {n}", "email": None} for n in range(len(given) + 1, seats)]


def add(booking_id: int, guests: list[dict]) -> list[SimpleNamespace]:
    """Write the guests of a new booking (one INSERT, none when there are none); the rows as objects."""
    if not guests:
        return []
    rows = [{"booking_id": booking_id, "status": GUEST_ACTIVE, **guest} for guest in guests]
    ids = db.session.scalars(INSERT_GUESTS, rows).all()
    return [SimpleNamespace(id=guest_id, cancelled_at=None, **row) for guest_id, row in zip(ids, rows, strict=True)]


def of(booking_ids) -> dict[int, list[BookingGuest]]:
    """Each booking's guests, in the order they were named."""
    found: dict[int, list] = {booking_id: [] for booking_id in booking_ids}
    if found:
        rows = db.session.scalars(
            select(BookingGuest).where(BookingGuest.booking_id.in_(found)).order_by(BookingGuest.id)
        )
        for guest in rows:
            found[guest.booking_id].append(guest)
    return found
