"""Waiting lists: joining a full session's line, leaving it, and handing it every freed seat in the same transaction
that freed it (services.seats.promotion: booked or offered, first come, first served; never after the start).

Each place holds a "no seat came free" email due at the session's start (notice_id): removed with the place when it
becomes a booking or is left, rewritten when the session or its event changes, sent at once when the session is
cancelled. At the start promotion stops (no seat can be claimed then) and that email tells whoever is still waiting.

Each writing function runs inside the caller's unit of work or opens its own; promote() never commits."""

from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace

from sqlalchemy import bindparam, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from main_app.plumbing import ensure_exclusive, lock_line, sharing_first
from main_app.services.common import child_named
from main_app.services.family import check_age, child_of, hold_child
from main_app.services.languages import N_
from main_app.services.passes import check_pass_for, hold_for_place, release_places
from service_kit.errors import Conflict, ValidationFailed

from ...database import retry_on_deadlock, unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import (
    STATUS_SCHEDULED,
    Booking,
    Dependent,
    Event,
    EventSession,
    User,
    WaitlistEntry,
    utcnow,
)
from .. import news
from . import guests, line, options
from .capacity import check_seats_per_booking, give_back_seat, lock_free_seats, lock_sessions
from .promotion import promote

# Stored in English, marked for the catalogues: the email says it in its person's language (gettext(reason)).
ENDED_AT_START = N_("the session has started and no seat came free.")


@dataclass
class Place:
    """A person's place in a session's line, as the API shows it."""

    session: EventSession
    position: int
    joined_at: datetime
    status: str = "waiting"
    seats: int = 1
    offer_expires_at: datetime | None = None  # and offer_path: set when a freed seat is offered to this place
    offer_path: str | None = None
    child: dict | None = None  # {id, name} of the child of the family it is for; None: the person themself

    @property
    def session_id(self) -> int:
        return self.session.id


def _already_waiting(_exc: IntegrityError) -> Conflict:
    return api_error("already_waiting")


@retry_on_deadlock
@sharing_first
def join(
    user: User,
    session_id: int,
    seats: int = 1,
    guest_list=(),
    pass_id: int | None = None,
    option_id: int | None = None,
    dependent_id: int | None = None,
) -> Place | Booking:
    """Join a full session's line (of the room option named, where the session has options: 400 naming option_id
    when missing, 404 option_not_found) for this many seats (the person's and their guests'): the place, or (seats
    freed meanwhile) the booking it became at once. With a pass, a pack's credits are held for the place: spent when
    it becomes a booking, back when it ends. dependent_id: the place is for this child of the person's family (404
    dependent_not_found for any other; 422 age_outside_range as at booking, for adults too)."""
    event_session = line.session_with_event(session_id)
    if event_session is None:
        raise api_error("session_not_found", session_id=session_id)
    _check_person(event_session, child := child_of(user.id, dependent_id) if dependent_id is not None else None)
    option = options.option_to_book(session_id, option_id, options.offers_options(session_id))
    if options.seat_price(event_session, option_id) == 0:
        pass_id = None  # a free seat needs no pass
    if pass_id is not None and event_session.event.requires_approval:  # a freed seat becomes a request, unpaid
        why = "cannot be used for an event that approves each booking"
        raise ValidationFailed(f"Invalid input: pass_id: {why}.", details={"pass_id": [why]})
    if pass_id is not None:
        check_pass_for(pass_id, user.id, event_session.event.studio_id, event_session.event_id, dependent_id)
    check_seats_per_booking(seats, event_session.max_seats_per_booking)
    if event_session.status != STATUS_SCHEDULED or event_session.event.status != STATUS_SCHEDULED:
        raise api_error("session_cancelled")
    if event_session.starts_at <= utcnow():
        raise api_error("session_started")
    mine = line.seat_of(session_id, user.id, dependent_id)
    if db.session.scalar(mine) is not None:
        raise api_error("already_booked")
    room = event_session.seats_left >= seats and (option is None or option.capacity - option.seats_taken >= seats)
    if room and not line.waiting_in(session_id, option_id):
        raise api_error("seats_available")
    place = {"session_id": session_id, "user_id": user.id, "seats": seats, "pass_id": pass_id, "option_id": option_id}
    place |= {"guests": guests.named(guest_list, seats), "dependent_id": child and child.id}
    return _take_place(place, user, event_session, mine)


def _check_person(event_session: EventSession, child: Dependent | None) -> None:
    """422 age_outside_range when the event's age range leaves out the child the place is for (None: an adult)."""
    event = event_session.event
    when = {"starts_at": event_session.starts_at, "timezone": event.timezone}
    check_age(SimpleNamespace(min_age=event.min_age, max_age=event.max_age, **when), child)


def _take_place(place: dict, user: User, event_session: EventSession, mine) -> Place | Booking:
    """Write the person's place (its columns) in the line, or the booking it became at once; mine asks whether they
    hold a seat of the session."""
    session_id, pass_id, seats = event_session.id, place["pass_id"], place["seats"]
    with unit_of_work(on_integrity_error=_already_waiting):
        # The session's row FOR SHARE first (the lock order of seats.capacity), its seats free read with it: joins go
        # side by side while whoever frees or takes a seat waits for them, and they for it. Then whether they hold a
        # seat, read again: a booking made meanwhile is seen now, and one being made waits for this place and removes
        # it. A seat freed before the lock goes to the head of the line, which may be this person: that changes seats,
        # so the join runs again with the row locked for update (plumbing.locks.sharing_first).
        if (free := lock_free_seats(session_id, shared=True)) > 0:
            ensure_exclusive(EventSession)
        if db.session.scalar(mine) is not None:
            raise api_error("already_booked")
        child = child_named(place["dependent_id"])  # whom the place's emails name, read before the lock too
        place["notice_id"] = _notice_id(user, event_session, child)  # its email, before the lock: less under it
        lock_line(session_id)  # one join at a time from here: places are written, and counted, in the line's order
        hold_child(place["dependent_id"])  # the lock order: session, then child; an erasure waits, then sees it
        entry_id, joined_at, position = line.write_place(place)
        if pass_id is not None:
            hold_for_place(pass_id, user, seats, entry_id, event_session.starts_at)
        promoted = {_whose(booking): booking for booking in promote(session_id)} if free > 0 else {}
        if (me := (user.id, place["dependent_id"])) not in promoted:  # those promoted ahead leave: counted again
            position = line.position_of(db.session.get(WaitlistEntry, entry_id)) if promoted else position
            news.publish(news.PlaceInLine(user, event_session, position, child))
    if me in promoted:
        return promoted[me]
    return Place(event_session, position, joined_at, seats=seats)


def _whose(booking: Booking) -> tuple[int, int | None]:
    """Whose seat a booking holds: (booker, child), the child None for the booker's own."""
    return booking.user_id, booking.dependent_id


@retry_on_deadlock
def leave(user: User, session_id: int, dependent_id: int | None = None) -> None:
    """Leave a session's line (dependent_id: take that child of the person's family out of it, whichever guardian
    put them there; 404 dependent_not_found for any other); 404 not_waiting when not in it."""
    with unit_of_work():
        if dependent_id is not None:
            child_of(user.id, dependent_id)
        lock_sessions([session_id])  # the lock order: a place holding an offer gives its seat back to the session
        if not _remove(session_id, user.id, dependent_id):
            raise api_error("not_waiting")


def forget(user_id: int, session_id: int, dependent_id: int | None = None) -> None:
    """Take a person (or the child dependent_id) out of the line once they hold a seat another way (booked,
    reactivated): each seat ends its own person's place, never the guardian's for a child's seat or the reverse."""
    _remove(session_id, user_id, dependent_id)


PLACES = WaitlistEntry.__table__
# Built once, on the table: every booking runs one, and a plain DELETE skips the ORM's bulk-delete bookkeeping. The
# person's own place, or a child's (whichever guardian joined for them).
OWN_PLACE = (PLACES.c.user_id == bindparam("user_id"), PLACES.c.dependent_id.is_(None))
CHILDS_PLACE = (PLACES.c.dependent_id == bindparam("dependent_id"),)
REMOVE_PLACE = {
    whose: delete(PLACES)
    .where(PLACES.c.session_id == bindparam("session_id"), *place)
    .returning(
        PLACES.c.notice_id,
        PLACES.c.session_id,
        PLACES.c.offered_at,
        PLACES.c.seats,
        PLACES.c.id,
        PLACES.c.pass_id,
        PLACES.c.option_id,
    )
    for whose, place in (("own", OWN_PLACE), ("child", CHILDS_PLACE))
}


def _remove(session_id: int, user_id: int, dependent_id: int | None = None) -> int:
    """Delete the person's place (or the child dependent_id's) in the session's line with its pending
    start-of-session email, and pass on the seat an offered one held; how many went. One statement when there is
    none (every free booking asks)."""
    params = {"session_id": session_id, "user_id": user_id, "dependent_id": dependent_id}
    removed = db.session.execute(REMOVE_PLACE["own" if dependent_id is None else "child"], params).all()
    news.publish(news.Withdrawn([row.notice_id for row in removed]))
    release_places([(row.id, row.pass_id) for row in removed])
    offered = [(row.session_id, row.seats, row.option_id) for row in removed if row.offered_at is not None]
    _give_back_offered(offered)
    return len(removed)


def _notice_id(user: User, event_session: EventSession, child: dict | None = None) -> str:
    """Queue the email telling this person, at the session's start, that the line ended without a seat for them (or
    the child of their family the place is for); its outbox id."""
    ended = news.LineEnded(user, event_session, ENDED_AT_START, event_session.starts_at, child)
    with db.session.no_autoflush:  # a place not yet written is written once, with the notice's id
        [email, *_notice] = news.publish(ended)
    return email["id"]


def refresh_notices(session_ids: list[int]) -> None:
    """The sessions moved or their event changed: each place's start-of-session email now says (and goes at) what
    is true now."""
    entries = _entries_of(session_ids)
    news.publish(news.Withdrawn([entry.notice_id for entry in entries]))
    for entry in entries:
        entry.notice_id = _notice_id(entry.user, entry.session, child_named(entry.dependent_id))


def _entries_of(session_ids: list[int]) -> list[WaitlistEntry]:
    return list(
        db.session.scalars(
            select(WaitlistEntry)
            .options(
                joinedload(WaitlistEntry.user),
                joinedload(WaitlistEntry.session).joinedload(EventSession.event).joinedload(Event.facilitator),
            )
            .where(WaitlistEntry.session_id.in_(session_ids))
            .order_by(WaitlistEntry.id)
            .execution_options(populate_existing=True)
        )
    )


def seat_freed(session_id: int, seats: int = 1, option_id: int | None = None) -> list[Booking]:
    """Seats of the session (in this room option, if any) came free (inside the caller's unit of work): they go
    back to the session and the option, and to the head of the line, now."""
    give_back_seat(session_id, seats, option_id)
    return promote(session_id)


def _give_back_offered(offered: list[tuple[int, int, int | None]]) -> None:
    """Places that held an offer went another way (left, booked, the session ended): each one's claimed seats
    (session id, seats, option id) go back, and on to the next in line."""
    for session_id, seats, option_id in offered:
        seat_freed(session_id, seats, option_id)


def end_lines(session_ids: list[int], reason: str) -> int:
    """The sessions were cancelled: their lines end, and each person waiting is told why now; returns how many."""
    entries = _entries_of(session_ids)
    news.publish(news.Withdrawn([entry.notice_id for entry in entries]))
    for entry in entries:
        if entry.offered_at is not None:  # the seats claimed for the offer: the cancelled session keeps none
            give_back_seat(entry.session_id, entry.seats, entry.option_id)
        news.publish(news.LineEnded(entry.user, entry.session, reason, child=child_named(entry.dependent_id)))
        release_places([(entry.id, entry.pass_id)])
        db.session.delete(entry)
    return len(entries)
