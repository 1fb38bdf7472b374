"""A session's line as promotion and offers read it: who waits without an offer, its head, and what the person who
gets a freed seat hears. A session with room options has one line per option (places name theirs); a session
without has one line, its places naming none."""

from sqlalchemy import exists, func, insert, literal_column, select, tuple_
from sqlalchemy.orm import joinedload

from main_app.plumbing import lock

from ...extensions import db
from ...models import (
    BOOKING_ACTIVE,
    BOOKING_PENDING_APPROVAL,
    SEAT_HOLDING,
    Booking,
    Event,
    EventSession,
    User,
    WaitlistEntry,
)
from .. import news
from .holds import pay_terms

# A place that holds an offer has a seat claimed for it already: promotion passes over it.
NOT_OFFERED = WaitlistEntry.offered_at.is_(None)


def session_with_event(session_id: int) -> EventSession | None:
    """The session with its event, facilitator, studio and instructor (whom its emails name), read afresh."""
    event = joinedload(EventSession.event)
    return db.session.scalars(
        select(EventSession)
        .options(
            event.joinedload(Event.facilitator),
            event.joinedload(Event.studio),
            joinedload(EventSession.instructor),
        )
        .where(EventSession.id == session_id)
        .execution_options(populate_existing=True)
    ).one_or_none()


def waiting_exists(session_id: int) -> bool:
    """Whether anyone waits in the session's line without an offer."""
    return db.session.scalar(select(exists().where(WaitlistEntry.session_id == session_id, NOT_OFFERED)))


def waiting_in(session_id: int, option_id: int | None) -> bool:
    """Whether anyone waits without an offer in the line of this option of the session (None: the session's own)."""
    in_line = (WaitlistEntry.session_id == session_id, WaitlistEntry.option_id == option_id, NOT_OFFERED)
    return db.session.scalar(select(exists().where(*in_line)))


def lines_waiting(session_id: int) -> list[int | None]:
    """The session's lines with someone waiting without an offer, the longest-waiting first: option ids, or [None]
    for the line of a session without options; [] when nobody waits (one query)."""
    first = func.min(WaitlistEntry.created_at)
    return list(
        db.session.scalars(
            select(WaitlistEntry.option_id)
            .where(WaitlistEntry.session_id == session_id, NOT_OFFERED)
            .group_by(WaitlistEntry.option_id)
            .order_by(first, WaitlistEntry.option_id)
        )
    )


def head(session_id: int, option_id: int | None = None) -> WaitlistEntry | None:
    """The first without an offer in the line of this option (None: of a session without options), locked.
    PostgreSQL answers no row when the one it waited for was deleted meanwhile (its LIMIT is not applied again), so
    ask until nobody waits."""
    while True:
        first = (
            lock(
                WaitlistEntry,
                select(WaitlistEntry)
                .where(WaitlistEntry.session_id == session_id, WaitlistEntry.option_id == option_id, NOT_OFFERED)
                .order_by(WaitlistEntry.created_at, WaitlistEntry.id)
                .limit(1),
            )
            .scalars()
            .first()
        )
        if first is not None or not waiting_in(session_id, option_id):
            return first


def position_of(entry: WaitlistEntry) -> int:
    """1 for the head of the line."""
    return db.session.scalar(
        select(func.count(WaitlistEntry.id)).where(
            WaitlistEntry.session_id == entry.session_id,
            WaitlistEntry.option_id == entry.option_id,  # each room option has its own line
            tuple_(WaitlistEntry.created_at, WaitlistEntry.id) <= tuple_(entry.created_at, entry.id),
        )
    )


PLACES, AHEAD = WaitlistEntry.__table__, WaitlistEntry.__table__.alias("ahead")
WRITTEN = {name: literal_column(f"{PLACES.name}.{name}") for name in ("session_id", "option_id", "created_at", "id")}
# The place's position counted by the INSERT that writes it (as position_of counts, in the same line's order): one
# statement less while the line is locked. RETURNING names the new row by its table; the own row is left out by
# the strict "before it", as PostgreSQL's subquery does not see it and SQLite's does.
POSITION = (
    select(func.count())
    .select_from(AHEAD)
    .where(
        AHEAD.c.session_id == WRITTEN["session_id"],
        AHEAD.c.option_id.is_not_distinct_from(WRITTEN["option_id"]),
        tuple_(AHEAD.c.created_at, AHEAD.c.id) < tuple_(WRITTEN["created_at"], WRITTEN["id"]),
    )
    .scalar_subquery()
)
WRITE_PLACE = insert(PLACES).returning(PLACES.c.id, PLACES.c.created_at, (POSITION + 1).label("position"))


def write_place(place: dict):
    """Write a place in line (the line locked: no place is written ahead of it meanwhile): its id, created_at and
    position (1 for the head)."""
    return db.session.execute(WRITE_PLACE, place).one()


def seat_of(session_id: int, user_id: int, dependent_id: int | None = None):
    """A booking that holds a seat of the session (booked, or held while paying) for the person themself (or the
    child dependent_id, whichever guardian booked it), asked."""
    whose = (Booking.dependent_id == dependent_id,) if dependent_id is not None else (
        Booking.user_id == user_id, Booking.dependent_id.is_(None)
    )  # fmt: skip
    return select(Booking.id).where(Booking.session_id == session_id, Booking.status.in_(SEAT_HOLDING), *whose)


def holds_seat(place: WaitlistEntry) -> bool:
    """Whether whom the place is for (its person, or the child it names) holds a seat of its session."""
    return db.session.scalar(seat_of(place.session_id, place.user_id, place.dependent_id).limit(1)) is not None


def tell_promoted(booking: Booking, user: User, event_session: EventSession, party=()) -> None:
    """The CRM hears waitlist_promoted and booking_created (from the waiting list), both made by the person promoted
    (whoever freed the seat); the person gets an email and reminders, and so do the guests (party) they named. A paid
    seat is held for them until hold_expires_at: the email says by when and where to pay."""
    event = event_session.event
    held = booking.status not in (BOOKING_ACTIVE, BOOKING_PENDING_APPROVAL)
    pay = pay_terms(booking, event_session, event) if held else None
    news.publish(news.Promoted(booking, user, event_session, event, news.PersonFacts.of(event.facilitator), party, pay))


def line_of(session_id: int) -> list[tuple[WaitlistEntry, int]]:
    """A session's line in order, each entry with its person, room option, the child it is for and position (in its
    option's line)."""
    entries = db.session.scalars(
        select(WaitlistEntry)
        .options(joinedload(WaitlistEntry.user), joinedload(WaitlistEntry.option), joinedload(WaitlistEntry.dependent))
        .where(WaitlistEntry.session_id == session_id)
        .order_by(WaitlistEntry.created_at, WaitlistEntry.id)
    ).all()
    ahead: dict[int | None, int] = {}
    placed = []
    for entry in entries:
        ahead[entry.option_id] = position = ahead.get(entry.option_id, 0) + 1
        placed.append((entry, position))
    return placed


def waiting_counts(session_ids: list[int]) -> dict[int, int]:
    """How many wait for each session."""
    rows = db.session.execute(
        select(WaitlistEntry.session_id, func.count(WaitlistEntry.id))
        .where(WaitlistEntry.session_id.in_(session_ids))
        .group_by(WaitlistEntry.session_id)
    ).all()
    return {session_id: 0 for session_id in session_ids} | dict(rows)
