"""Seats of a session, taken and given back with one conditional UPDATE each: never more than the capacity; and the
one lock order of every path that changes bookings and their seats.

The lock order (plumbing/locks.py's LOCK_ORDER; SQLite has one writer at a time): the sessions, lowest id first, then
their room options (session_options), then the bookings, lowest id first, then what hangs off a booking (its guests,
pass, code, payments, places in line, outbox rows). A new booking follows it by nature (its seat's conditional
UPDATE locks the session, then the option's locks the option, before the booking exists); every other path takes
lock_sessions_of() before it changes a booking it read, and touches an option's row only after its session's.

A seat in a session with room options is taken twice, in one transaction: from the session (whose capacity caps the
total) and then from the option; when the option has no room the session's seat is given back at once, so a claim
is all or nothing. Every path that gives a seat back gives the option's back with it."""

from typing import NamedTuple

from sqlalchemy import bindparam, select, update

from main_app.plumbing import ensure_exclusive, lock, lock_shared
from main_app.services import calendar_sync
from service_kit.errors import Conflict, ValidationFailed

from ...error_codes import api_error
from ...extensions import db
from ...models import STATUS_SCHEDULED, Booking, Event, EventSession, SessionOption, utcnow

SESSIONS, EVENTS, OPTIONS = EventSession.__table__, Event.__table__, SessionOption.__table__
# Built once, on the tables (the ORM's bulk UPDATE would cost as much again; no loaded object needs refreshing):
# composing a statement costs as much as running it, and bookings take seats all day.
CLAIM_SEAT = (
    update(SESSIONS)
    .where(
        SESSIONS.c.id == bindparam("session_id"),
        SESSIONS.c.status == STATUS_SCHEDULED,
        # A cancelled event's sessions are not bookable, whatever their own status says. Asked of the session's own
        # event: an IN (SELECT …) would list every scheduled event first.
        select(EVENTS.c.id).where(EVENTS.c.id == SESSIONS.c.event_id, EVENTS.c.status == STATUS_SCHEDULED).exists(),
        SESSIONS.c.starts_at > bindparam("now", type_=SESSIONS.c.starts_at.type),
        SESSIONS.c.seats_taken + bindparam("seats") <= SESSIONS.c.capacity,
    )
    .values(seats_taken=SESSIONS.c.seats_taken + bindparam("seats"))
    .returning(SESSIONS.c.seats_taken, SESSIONS.c.price)
)
GIVE_BACK_SEAT = (
    update(SESSIONS)
    .where(SESSIONS.c.id == bindparam("session_id"), SESSIONS.c.seats_taken >= bindparam("seats"))
    .values(seats_taken=SESSIONS.c.seats_taken - bindparam("seats"))
    .returning(SESSIONS.c.reserved_for_id, SESSIONS.c.instructor_id)  # a private's: its teacher's calendar hears
)

CLAIM_OPTION_SEAT = (
    update(OPTIONS)
    .where(
        OPTIONS.c.id == bindparam("option_id"),
        OPTIONS.c.session_id == bindparam("of_session"),  # "session_id" is the column's own name in an UPDATE
        OPTIONS.c.retired.is_(False),
        OPTIONS.c.seats_taken + bindparam("seats") <= OPTIONS.c.capacity,
    )
    .values(seats_taken=OPTIONS.c.seats_taken + bindparam("seats"))
    .returning(OPTIONS.c.price)
)
GIVE_BACK_OPTION_SEAT = (
    update(OPTIONS)
    .where(OPTIONS.c.id == bindparam("option_id"), OPTIONS.c.seats_taken >= bindparam("seats"))
    .values(seats_taken=OPTIONS.c.seats_taken - bindparam("seats"))
)


class Claimed(NamedTuple):
    """Seats taken: how many of the session's are now taken, and what one seat costs, read under the claim's lock."""

    taken: int
    seat_price: int


def claim_priced_seat(session_id: int, seats: int = 1, option_id: int | None = None) -> Claimed | None:
    """Atomically take this many seats (all or none) if the session, and the option named, can still be booked: the
    session's seats now taken and the seat's price (the option's, or the session's) as the locked row says, or None
    (nothing changed). A price read before may have changed since: what a seat costs is this one.

    A single conditional UPDATE decides each, so two requests can never both get the last seats.
    """
    ensure_exclusive(EventSession)
    params = {"session_id": session_id, "now": utcnow(), "seats": seats}
    claimed = db.session.execute(CLAIM_SEAT, params).one_or_none()
    if claimed is None or option_id is None:
        return claimed and Claimed(*claimed)
    claim = {"of_session": session_id, "option_id": option_id, "seats": seats}
    if (price := db.session.execute(CLAIM_OPTION_SEAT, claim).scalar_one_or_none()) is None:
        db.session.execute(GIVE_BACK_SEAT, params)  # the option is full: the session's seats go back at once
        return None
    return Claimed(claimed.seats_taken, price)


def claim_seat(session_id: int, seats: int = 1, option_id: int | None = None) -> int | None:
    """claim_priced_seat's seats now taken, or None (nothing changed)."""
    claimed = claim_priced_seat(session_id, seats, option_id)
    return claimed and claimed.taken


def option_full(left: int, seats: int, name: str) -> Conflict:
    """The 409 for asking this many seats of an option with left free."""
    left = max(left, 0)
    if left == 0:
        return api_error("option_full", name=name, details={"seats_left": left})
    seats_are = "seat is" if left == 1 else "seats are"
    return api_error("option_full.some_left", left=left, seats_are=seats_are, name=name, details={"seats_left": left})


def too_few_seats(seats_left: int, seats: int) -> Conflict | None:
    """The 409 for asking this many seats with seats_left free (session_full when none), or None when they fit."""
    if seats_left <= 0:
        return api_error("session_full")
    if seats > seats_left:
        word = "seat is" if seats_left == 1 else "seats are"
        return api_error("not_enough_seats", seats_left=seats_left, word=word, details={"seats_left": seats_left})
    return None


def why_not_claimed(session_id: int, seats: int, option_id: int | None = None) -> Conflict:
    """Why a claim of this many seats found none (read after it, in the same transaction)."""
    if option_id is not None:
        option = db.session.execute(
            select(OPTIONS.c.name, OPTIONS.c.capacity - OPTIONS.c.seats_taken).where(OPTIONS.c.id == option_id)
        ).one()
        if option[1] < seats:
            return option_full(option[1], seats, option[0])
    found = db.session.execute(
        select(SESSIONS.c.capacity - SESSIONS.c.seats_taken, SESSIONS.c.status).where(SESSIONS.c.id == session_id)
    ).first()
    if found is not None and found[1] != STATUS_SCHEDULED:  # cancelled meanwhile (its studio closing, say)
        return api_error("session_cancelled")
    return too_few_seats(found[0] if found else 0, seats) or api_error("session_full")


def check_seats_per_booking(seats: int, most: int) -> None:
    """400 when one booking or place asks more seats than the session lets one take."""
    if seats > most:
        raise ValidationFailed(
            f"At most {most} seats per booking here.",
            details={"seats": [f"At most {most} seats per booking here."]},
        )


def give_back_seat(session_id: int, seats: int = 1, option_id: int | None = None) -> None:
    """Return this many seats to the session, and to the option they were in (the session's row first)."""
    ensure_exclusive(EventSession)
    given = db.session.execute(GIVE_BACK_SEAT, {"session_id": session_id, "seats": seats}).first()
    if given is not None and given.reserved_for_id is not None:  # a private given up: however it was (cancelled,
        calendar_sync.calendars_changed([given.instructor_id])  # its hold lapsed), off the teacher's calendar now
    if option_id is not None:
        db.session.execute(GIVE_BACK_OPTION_SEAT, {"option_id": option_id, "seats": seats})


def lock_sessions(session_ids) -> None:
    """Lock these sessions' rows, lowest id first: the first step of the lock order."""
    lock(EventSession, session_ids)


def lock_free_seats(session_id: int, shared: bool = False) -> int:
    """Lock the session's row (the lock order's first step; shared: FOR SHARE, see plumbing.locks) and read how many
    of its seats are free under it."""
    free = SESSIONS.c.capacity - SESSIONS.c.seats_taken
    return (lock_shared if shared else lock)(EventSession, select(free).where(SESSIONS.c.id == session_id)).scalar_one()


def lock_sessions_of(booking_ids, also_sessions=(), shared: bool = False) -> None:
    """Lock the sessions of these bookings (and also_sessions; shared: FOR SHARE, see plumbing.locks), then the
    bookings, each lowest id first (the lock order): a booking's session never changes, so reading it before the
    lock is safe."""
    ids = sorted(set(booking_ids))
    sessions = set(also_sessions)
    if ids:
        sessions.update(db.session.scalars(select(Booking.session_id).where(Booking.id.in_(ids))))
    (lock_shared if shared else lock)(EventSession, sessions)
    lock(Booking, ids)
