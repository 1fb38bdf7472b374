"""The answers a booking was made with: written in the booking's own transaction, shown to the event's facilitator
(registrants, CSV), and, for a sensitive question, emptied SENSITIVE_ANSWERS_RETENTION_DAYS after the session ends
by a timers-lane message due then (one per session, whatever the number of bookings)."""

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import exists, insert, or_, select, update

from main_app.services import timers

from ...extensions import db
from ...models import Booking, BookingAnswer, EventQuestion, EventSession, utcnow

PURGE = timers.AnswersPurge.KIND


def store(booking_id: int, answered: list[tuple[EventQuestion, object]], event_session) -> None:
    """Write a new booking's answers (one INSERT; none when there are none), inside its unit of work; a sensitive
    one schedules its session's purge."""
    if not answered:
        return
    rows = [{"booking_id": booking_id, "question_id": question.id, "value": value} for question, value in answered]
    db.session.execute(insert(BookingAnswer), rows)
    if any(question.sensitive for question, _value in answered):
        schedule_purge(event_session.id, event_session.ends_at)


def purge_due(ends_at: datetime) -> datetime:
    return ends_at + timedelta(days=current_app.config["SENSITIVE_ANSWERS_RETENTION_DAYS"])


def schedule_purge(session_id: int, ends_at: datetime) -> None:
    """The session's sensitive answers are emptied when their time ends: one message per session and due time."""
    timers.schedule(timers.AnswersPurge(session_id=session_id, due=purge_due(ends_at)))


def purge(job: timers.AnswersPurge) -> None:
    """A session's purge is due (timers lane, in its unit of work): empty its sensitive answers; a session moved
    later is purged at its new time instead."""
    ends_at = db.session.scalar(select(EventSession.ends_at).where(EventSession.id == job.session_id))
    if ends_at is None:
        return
    if purge_due(ends_at) > utcnow():
        schedule_purge(job.session_id, ends_at)
        return
    sensitive = select(EventQuestion.id).where(EventQuestion.sensitive.is_(True))
    of_session = select(Booking.id).where(Booking.session_id == job.session_id)
    db.session.execute(
        update(BookingAnswer)
        .where(
            BookingAnswer.booking_id.in_(of_session),
            BookingAnswer.question_id.in_(sensitive),
            BookingAnswer.purged_at.is_(None),
        )
        .values(value=None, purged_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def of_bookings(booking_ids: list[int]) -> dict[int, list[dict]]:
    """Each booking's answers in its event's order: {question_id, label, kind, sensitive, value, purged}."""
    found: dict[int, list[dict]] = {booking_id: [] for booking_id in booking_ids}
    if not found:
        return found
    rows = db.session.execute(
        select(BookingAnswer, EventQuestion)
        .join(EventQuestion, EventQuestion.id == BookingAnswer.question_id)
        .where(BookingAnswer.booking_id.in_(found))
        .order_by(EventQuestion.position, EventQuestion.id)
    ).all()
    for answer, question in rows:
        found[answer.booking_id].append(
            {
                "question_id": question.id,
                "label": question.label,
                "kind": question.kind,
                "sensitive": question.sensitive,
                "value": answer.value,
                "purged": answer.purged_at is not None,
            }
        )
    return found


def labels(event_id: int) -> list[tuple[int, str]]:
    """(id, label) of every question the event asks, then of those it asked once that have answers, in order: the
    registrants CSV's answer columns."""
    answered = exists().where(BookingAnswer.question_id == EventQuestion.id)
    return db.session.execute(
        select(EventQuestion.id, EventQuestion.label)
        .where(EventQuestion.event_id == event_id, or_(EventQuestion.retired.is_(False), answered))
        .order_by(EventQuestion.retired, EventQuestion.position, EventQuestion.id)
    ).all()
