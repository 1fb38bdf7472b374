"""Waiting lists: joining a full session's line, leaving it, and promotion, which hands every freed seat to the head
of the line in the same transaction that freed it (first come, first served; never after the start).

Each place holds a "no seat came free" email due at the session's start (notice_id): removed with the place when it
becomes a booking or is left, rewritten when the session or its event changes, sent at once when the session is
cancelled. At the start promotion stops (no seat can be claimed then) and that email tells whoever is still waiting.

Each writing function runs inside the caller's unit of work or opens its own; promote() never commits."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, exists, func, select, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from service_kit.errors import Conflict, NotFound

from ...database import retry_on_deadlock, unit_of_work
from ...extensions import db
from ...models import (
    BOOKING_ACTIVE,
    SEAT_HOLDING,
    STATUS_SCHEDULED,
    Booking,
    Event,
    EventSession,
    User,
    WaitlistEntry,
    utcnow,
)
from ..crm.messages import enqueue_about_session, enqueue_booking_change
from ..emails import attendee_mail
from ..emails.attendee_mail import booking_snapshot, drop_emails, enqueue_email, mail_booking, schedule_reminders
from .capacity import claim_seat, give_back_seat, lock_sessions
from .holds import hold, pay_terms

ENDED_AT_START = "the session has started and no seat came free."


@dataclass
class Place:
    """A person's place in a session's line, as the API shows it."""

    session: EventSession
    position: int
    joined_at: datetime
    status: str = "waiting"

    @property
    def session_id(self) -> int:
        return self.session.id


def _session_with_event(session_id: int) -> EventSession | None:
    return db.session.scalars(
        select(EventSession)
        .options(joinedload(EventSession.event).joinedload(Event.facilitator))
        .where(EventSession.id == session_id)
        .execution_options(populate_existing=True)
    ).one_or_none()


def position_of(entry: WaitlistEntry) -> int:
    """1 for the head of the line."""
    ahead = db.session.scalar(
        select(func.count(WaitlistEntry.id)).where(
            WaitlistEntry.session_id == entry.session_id,
            tuple_(WaitlistEntry.created_at, WaitlistEntry.id) <= tuple_(entry.created_at, entry.id),
        )
    )
    return ahead


def _already_waiting(_exc: IntegrityError) -> Conflict:
    return Conflict("You are already on the waiting list of this session.", code="already_waiting")


@retry_on_deadlock
def join(user: User, session_id: int) -> Place | Booking:
    """Join a full session's line: the place, or (a seat freed meanwhile) the booking it became at once."""
    event_session = _session_with_event(session_id)
    if event_session is None:
        raise NotFound(f"Session {session_id} does not exist.", code="session_not_found")
    if event_session.status != STATUS_SCHEDULED or event_session.event.status != STATUS_SCHEDULED:
        raise Conflict("This session has been cancelled.", code="session_cancelled")
    if event_session.starts_at <= utcnow():
        raise Conflict("This session has already started.", code="session_started")
    mine = select(Booking.id).where(
        Booking.session_id == session_id, Booking.user_id == user.id, Booking.status.in_(SEAT_HOLDING)
    )
    if db.session.scalar(mine) is not None:
        raise Conflict("You already have a booking for this session.", code="already_booked")
    if event_session.seats_left > 0 and not _line_exists(session_id):
        raise Conflict("This session has seats free: book one instead.", code="seats_available")
    with unit_of_work(on_integrity_error=_already_waiting):
        # The session's lock first (the lock order of seats.capacity), then whether they hold a seat, read again: a
        # booking made meanwhile is seen now, and one being made waits for this place and removes it.
        lock_sessions([session_id])
        if db.session.scalar(mine) is not None:
            raise Conflict("You already have a booking for this session.", code="already_booked")
        entry = WaitlistEntry(session_id=session_id, user_id=user.id)
        db.session.add(entry)
        db.session.flush()
        _schedule_notice(entry, user, event_session)
        # A seat freed between the check above and now goes to the head of the line, which may be this person.
        promoted = {booking.user_id: booking for booking in promote(session_id)}
        if user.id not in promoted:  # counted under the session's lock: nobody joins or leaves ahead meanwhile
            position = position_of(entry)
            attendee_mail.mail_place_in_line(user, event_session, position)
    if user.id in promoted:
        return promoted[user.id]
    return Place(event_session, position, entry.created_at)


def _line_exists(session_id: int) -> bool:
    return db.session.scalar(select(exists().where(WaitlistEntry.session_id == session_id)))


@retry_on_deadlock
def leave(user: User, session_id: int) -> None:
    """Leave a session's line; 404 not_waiting when not in it."""
    with unit_of_work():
        if not _remove(WaitlistEntry.session_id == session_id, WaitlistEntry.user_id == user.id):
            raise NotFound("You are not on the waiting list of this session.", code="not_waiting")


def forget(user_id: int, session_id: int) -> None:
    """Take a person out of the line once they hold a seat another way (booked, reactivated)."""
    _remove(WaitlistEntry.session_id == session_id, WaitlistEntry.user_id == user_id)


def _remove(*conditions) -> int:
    """Delete the places matching conditions with their pending start-of-session emails; how many went. One
    statement when there is none (every free booking asks)."""
    notices = db.session.scalars(
        delete(WaitlistEntry)
        .where(*conditions)
        .returning(WaitlistEntry.notice_id)
        .execution_options(synchronize_session=False)
    ).all()
    drop_emails(notices)
    return len(notices)


def _schedule_notice(entry: WaitlistEntry, user: User, event_session: EventSession) -> None:
    """Queue the email telling this person, at the session's start, that the line ended without a seat for them."""
    event = event_session.event
    snapshot = {**booking_snapshot(None, user, event_session, event, event.facilitator), "reason": ENDED_AT_START}
    entry.notice_id = enqueue_email("waitlist_ended", snapshot, send_at=event_session.starts_at).id


def refresh_notices(session_ids: list[int]) -> None:
    """The sessions moved or their event changed: each place's start-of-session email now says (and goes at) what
    is true now."""
    entries = _entries_of(session_ids)
    drop_emails([entry.notice_id for entry in entries])
    for entry in entries:
        _schedule_notice(entry, entry.user, entry.session)


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


def seat_freed(session_id: int) -> list[Booking]:
    """A seat of the session came free (inside the caller's unit of work): it goes to the head of the line, now."""
    give_back_seat(session_id)
    return promote(session_id)


def promote(session_id: int) -> list[Booking]:
    """Give every free seat to the head of the line, one by one, inside the caller's transaction.

    The seat is claimed first (the usual conditional UPDATE: never a seat that is not there, none once the session
    has started or was cancelled), and only then the head is read: the claim holds the session's row until commit,
    so promoters take turns and each finds the true head. (Reading the head first with SKIP LOCKED let a transaction
    pass over a head locked by a join that then found no seat: someone further back got it.)"""
    promoted = []
    event_session = None
    while _line_exists(session_id) and claim_seat(session_id) is not None:
        head = _head(session_id)
        if head is None:  # the line emptied meanwhile: the seat stays free
            give_back_seat(session_id)
            return promoted
        drop_emails([head.notice_id])  # it got a seat, or holds one already: no "no seat came free" at the start
        db.session.delete(head)
        if _holds_seat(head.user_id, session_id):  # seated another way: the place goes, the seat to the next
            give_back_seat(session_id)
            db.session.flush()
            continue
        booking = Booking(session_id=session_id, user_id=head.user_id, status=BOOKING_ACTIVE, from_waitlist=True)
        db.session.add(booking)
        db.session.flush()
        event_session = _session_with_event(session_id)  # fresh: the seat count just changed
        if event_session.price > 0:
            hold(booking, event_session, promoted=True)  # theirs once they pay, as for any paid seat
        _tell_promoted(booking, db.session.get(User, head.user_id), event_session)
        promoted.append(booking)
    return promoted


def _holds_seat(user_id: int, session_id: int) -> bool:
    mine = select(Booking.id).where(
        Booking.session_id == session_id, Booking.user_id == user_id, Booking.status.in_(SEAT_HOLDING)
    )
    return db.session.scalar(mine.limit(1)) is not None


def _head(session_id: int) -> WaitlistEntry | None:
    """The first in line, locked. PostgreSQL answers no row when the one it waited for was deleted meanwhile (its
    LIMIT is not applied again), so ask until the line is really empty."""
    while True:
        head = db.session.scalars(
            select(WaitlistEntry)
            .where(WaitlistEntry.session_id == session_id)
            .order_by(WaitlistEntry.created_at, WaitlistEntry.id)
            .limit(1)
            .with_for_update()
        ).first()
        if head is not None or not _line_exists(session_id):
            return head


def _tell_promoted(booking: Booking, user: User, event_session: EventSession) -> None:
    """The CRM hears waitlist_promoted and booking_created (from the waiting list), both made by the person promoted
    (whoever freed the seat); the person gets an email and reminders."""
    event = event_session.event
    summary = enqueue_about_session(
        "waitlist_promoted",
        event_session,
        event,
        user,
        f"{user.name} got a freed seat in {event.title} from the waiting list",
        {"booking_id": booking.id, "seats_left": event_session.seats_left},
        booking_id=booking.id,
        actor=user,  # the seat is theirs on their own standing request: news for the facilitator, not read
    )
    if booking.status == BOOKING_ACTIVE:  # a paid seat is reported as booked once it is paid
        # One promotion, one inbox entry: the booking points to the promotion as a batch's member to its summary.
        enqueue_booking_change(booking, "created", user, event_session, event, batch_id=summary.id)
    if booking.status == BOOKING_ACTIVE:
        mail_booking("waitlist_promoted", booking, user, event_session, event, event.facilitator)
        schedule_reminders(booking, user, event_session, event, event.facilitator)
        return
    # A paid seat: held for them until hold_expires_at; the email says by when and where to pay.
    pay = pay_terms(booking, event_session, event)
    mail_booking("waitlist_promoted", booking, user, event_session, event, event.facilitator, pay=pay)


def end_lines(session_ids: list[int], reason: str) -> int:
    """The sessions were cancelled: their lines end, and each person waiting is told why now; returns how many."""
    entries = _entries_of(session_ids)
    drop_emails([entry.notice_id for entry in entries])
    for entry in entries:
        event_session, event = entry.session, entry.session.event
        snapshot = booking_snapshot(None, entry.user, event_session, event, event.facilitator)
        enqueue_email("waitlist_ended", {**snapshot, "reason": reason})
        db.session.delete(entry)
    return len(entries)


def line_of(session_id: int) -> list[tuple[WaitlistEntry, int]]:
    """A session's line in order, each entry with its person and position."""
    entries = db.session.scalars(
        select(WaitlistEntry)
        .options(joinedload(WaitlistEntry.user))
        .where(WaitlistEntry.session_id == session_id)
        .order_by(WaitlistEntry.created_at, WaitlistEntry.id)
    ).all()
    return [(entry, n) for n, entry in enumerate(entries, start=1)]


def waiting_counts(session_ids: list[int]) -> dict[int, int]:
    """How many wait for each session."""
    rows = db.session.execute(
        select(WaitlistEntry.session_id, func.count(WaitlistEntry.id))
        .where(WaitlistEntry.session_id.in_(session_ids))
        .group_by(WaitlistEntry.session_id)
    ).all()
    return {session_id: 0 for session_id in session_ids} | dict(rows)
