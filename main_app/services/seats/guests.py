"""A booking's guests: the seats a booker takes for others. Each guest with an email gets their own confirmation,
calendar entry and reminders, within the limits of emails to addresses a booker typed (emails.guest_limits); only
the booker manages the booking. A booking of N seats always has N - 1 guests
still coming (a seat left unnamed gets "Guest n"), so each seat can be given back on its own."""

from types import SimpleNamespace

from sqlalchemy import and_, insert, select, update

from ...extensions import db
from ...models import GUEST_ACTIVE, BookingGuest, OutboxMessage, utcnow
from ..emails import guest_limits
from ..emails.attendee_mail import GUEST_REMINDER, REMINDERS, booking_snapshot, checkin_of, drop_pending, email_row

GUESTS = BookingGuest.__table__
INSERT_GUESTS = insert(GUESTS).returning(GUESTS.c.id, sort_by_parameter_order=True)
LEADS = {"reminder_24h": "Tomorrow", "reminder_2h": "Starting soon"}
# The kinds after which a guest's reminders are (re)written (None: the reminders alone).
REMINDED = (None, "guest_confirmed", "guest_changed")


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


def coming(guests) -> list:
    """The guests still coming."""
    return [guest for guest in guests if guest.status == GUEST_ACTIVE]


def _snapshot(base: dict, guest, seat: int | None) -> dict:
    """A guest's email: the booking's facts, their own seat and unsubscribe links, and of the booker's words only the
    guest's name (the address is the booker's to type: no name or message of theirs goes to it)."""
    base = {name: value for name, value in base.items() if name != "checkin"}  # the booker's seat, not theirs
    own = {} if seat is None else {"checkin": checkin_of(base["session"]["id"], base["booking"]["id"], seat)}
    return {
        **base,
        "to": {"name": guest.name, "email": guest.email, "user_id": None},
        "booking": {**base["booking"], "guest_id": guest.id},
        **guest_limits.links(guest.email),
        **own,
    }


def _told(kind: str | None, guests: list, booker_id: int) -> list:
    """The guests whose email may be written, each counted against the limits (kind None, their reminders alone:
    those neither withheld before nor unsubscribed since); each guest's row says why its email was withheld, if it
    was."""
    if kind is None:
        stopped = guest_limits.suppressed(guest_limits.address_of(guest.email) for guest in guests)
        return [g for g in guests if not _withheld(g) and guest_limits.address_of(g.email) not in stopped]
    outcome = guest_limits.take(booker_id, [guest.email for guest in guests])
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


def mail_rows(kind: str, guests, booking, user, event_session, event, facilitator, party=None, **extra) -> list[dict]:
    """The outbox rows of one email of this kind (guest_confirmed, guest_changed, guest_cancelled, guest_message) to
    each of these guests with an email, and, after a confirmation or a change, their reminders still ahead (kind None:
    the reminders only); each seat still coming gets its own check-in code (party: the booking's whole party, when
    held)."""
    base = {**booking_snapshot(booking, user, event_session, event, facilitator), **extra}
    told = _told(kind, [guest for guest in guests if guest.email], user.id)
    seats = seat_numbers(booking.id, party) if told and kind != "guest_cancelled" else {}
    now, rows = utcnow(), []
    for guest in told:
        snapshot = _snapshot(base, guest, seats.get(guest.id))
        if kind is not None:
            rows.append(email_row(kind, snapshot, booking_id=booking.id))
        if kind not in REMINDED:
            continue
        for reminder, before in REMINDERS:
            if (send_at := event_session.starts_at - before) > now:
                reminder_snapshot = {**snapshot, "lead": LEADS[reminder]}
                rows.append(email_row(GUEST_REMINDER, reminder_snapshot, booking_id=booking.id, send_at=send_at))
    return rows


def mail(kind: str, guests, booking, user, event_session, event, facilitator, party=None, **extra) -> int:
    """Queue mail_rows() in the caller's transaction; how many guests get an email of this kind."""
    rows = mail_rows(kind, guests, booking, user, event_session, event, facilitator, party=party, **extra)
    db.session.add_all(OutboxMessage(**row) for row in rows)
    return sum(row["type"] == kind for row in rows)


def drop_reminders(booking_ids: list[int]) -> None:
    """Remove the guests' reminders of these bookings not yet sent (cancelled, moved, a guest gone)."""
    if booking_ids:
        drop_pending(and_(OutboxMessage.booking_id.in_(booking_ids), OutboxMessage.type == GUEST_REMINDER))
