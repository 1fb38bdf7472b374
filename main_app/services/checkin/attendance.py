"""Attendance, once check-in was taken: the session's first check-in schedules its close, a timers-lane message due
NO_SHOW_GRACE_MINUTES after its end; closing marks each active booking attended (a seat checked in) or no_show (none
was), the CRM hears each no-show (a pass's credits for it stay spent: a forfeit in its ledger), and each person who
came is asked for feedback. A session where nobody used check-in is never closed: its people are not no-shows for a
door nobody kept. A facilitator corrects a booking's attendance afterwards."""

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import exists, select, update
from sqlalchemy.orm import joinedload

from main_app.plumbing import lock
from main_app.services.passes import give_back_credits
from main_app.services.programme import owned_session
from main_app.services.seats import lock_sessions
from main_app.services.studios import Staff

from ...database import retry_on_deadlock, unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import (
    ATTENDED,
    BOOKING_ACTIVE,
    NO_SHOW,
    Booking,
    Checkin,
    EventSession,
    User,
    utcnow,
)
from .. import news, timers
from . import feedback

CLOSE = timers.SessionClose.KIND
CHECKED_IN = exists().where(Checkin.booking_id == Booking.id)


def closes_at(event_session: EventSession) -> datetime:
    return event_session.ends_at + timedelta(minutes=current_app.config["NO_SHOW_GRACE_MINUTES"])


def schedule_close(event_session: EventSession) -> None:
    """Check-in was taken (inside its unit of work): the session closes after its end, once whatever the check-ins."""
    timers.schedule(timers.SessionClose(session_id=event_session.id, due=closes_at(event_session)))


def close(job: timers.SessionClose) -> None:
    """The session's close is due (timers lane, in its unit of work, the session locked): attendance is set on
    every active booking not marked yet; a session moved later closes at its new time instead."""
    event_session = db.session.scalars(
        select(EventSession)
        .options(joinedload(EventSession.event))
        .where(EventSession.id == job.session_id)
        .execution_options(populate_existing=True)
    ).one_or_none()
    if event_session is None:
        return
    if closes_at(event_session) > utcnow():
        schedule_close(event_session)
        return
    unmarked = (Booking.session_id == event_session.id, Booking.status == BOOKING_ACTIVE, Booking.attendance.is_(None))
    attended = db.session.execute(
        update(Booking)
        .where(*unmarked, CHECKED_IN)
        .values(attendance=ATTENDED)
        .returning(Booking.id, Booking.user_id, Booking.calendar_sequence)
        .execution_options(synchronize_session=False)
    ).all()
    missed = db.session.execute(
        update(Booking)
        .where(*unmarked, ~CHECKED_IN)
        .values(attendance=NO_SHOW)
        .returning(
            Booking.id, Booking.user_id, Booking.seats, Booking.pass_id, Booking.dependent_id, Booking.session_id
        )
        .execution_options(synchronize_session=False)
    ).all()
    users = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_({row.user_id for row in missed})))}
    door = db.session.get(User, event_session.event.facilitator_id)  # the facilitator whose door it was
    for row in sorted(missed):
        _tell("no_show", event_session, users[row.user_id], row, news.StaffFacts.of(door))
        if row.pass_id is not None:  # the no-show rule: the credits spent on the seats stay spent, on the record
            give_back_credits(row, row.seats, returned=False)
    feedback.ask(event_session, door, attended)


@retry_on_deadlock
def correct(staff: Staff, session_id: int, booking_id: int, attendance: str) -> dict:
    """Staff set a booking's attendance after the close (they were there after all, or were not); 404
    booking_not_found for another session's, 409 attendance_not_taken before the close marked it."""
    event_session = owned_session(staff, session_id)
    with unit_of_work():
        lock_sessions([session_id])
        booking = lock(
            Booking,
            select(Booking)
            .where(Booking.id == booking_id, Booking.session_id == session_id)
            .execution_options(populate_existing=True),
        ).scalar_one_or_none()
        if booking is None:
            raise api_error("booking_not_found.in_session", booking_id=booking_id)
        if booking.attendance is None:
            raise api_error("attendance_not_taken")
        if booking.attendance != attendance:
            booking.attendance = attendance
            user = db.session.get(User, booking.user_id)
            _tell(f"attendance_{attendance}", event_session, user, booking, staff.facts())
        return {"booking_id": booking.id, "attendance": booking.attendance}


def _tell(kind: str, event_session: EventSession, user: User, booking, staff: news.StaffFacts) -> None:
    """The CRM's news of a booking's attendance (booking: the model or a row with its id, seats and dependent_id)."""
    noted = news.AttendanceNoted(kind, event_session, user, booking.id, booking.seats, staff, booking.dependent_id)
    news.publish(noted)
