"""Feedback from the people who came: when a session closes, each booking attended gets an email whose links rate
it 1 to 5 in one click (the web app's page asks nothing more, a comment is optional); a signed link, good for a week,
in which the answer can be changed. One answer per booking (a unique row, upserted); the CRM hears each answer, and
the facilitator reads ratings and comments per session."""

from types import SimpleNamespace

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite

from service_kit.errors import Conflict, ValidationFailed

from ...database import retry_on_deadlock, unit_of_work
from ...extensions import db
from ...models import ATTENDED, Booking, Event, EventSession, Feedback, User, utcnow
from ..common.tokens import TokenRefused, feedback_booking_id, feedback_token
from ..crm.messages import enqueue_about_session
from ..emails.attendee_mail import booking_snapshot, enqueue_email
from ..facilitation.ownership import owned_session

UPSERT = {name: insert for name, insert in (("postgresql", postgresql.insert), ("sqlite", sqlite.insert))}


def ask(event_session: EventSession, facilitator: User, attended) -> None:
    """The feedback emails of a session just closed (inside its unit of work): attended rows of (id, user_id,
    calendar_sequence)."""
    users = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_({row.user_id for row in attended})))}
    web = current_app.config["PUBLIC_WEB_URL"].rstrip("/")
    for row in sorted(attended):
        booking = SimpleNamespace(id=row.id, calendar_sequence=row.calendar_sequence)
        snapshot = booking_snapshot(booking, users[row.user_id], event_session, event_session.event, facilitator)
        link = f"{web}/feedback?token={feedback_token(row.id)}"
        ratings = [{"rating": n, "url": f"{link}&rating={n}"} for n in range(1, 6)]
        snapshot["feedback"] = {"url": link, "ratings": ratings}
        enqueue_email("feedback_request", snapshot, booking_id=row.id)


def _attended_booking(token: str) -> Booking:
    """The attended booking a feedback link names; 400 invalid_token (altered, or older than a week), 409
    not_attended when its attendance was corrected since."""
    try:
        booking_id = feedback_booking_id(token)
    except TokenRefused as refused:
        why = "has expired (a week after the session)" if str(refused) == "expired" else "is not one of ours"
        raise ValidationFailed(
            f"This feedback link's token {why}.", code="invalid_token", details={"token": [why]}
        ) from None
    booking = db.session.get(Booking, booking_id)
    if booking is None or booking.attendance != ATTENDED:
        raise Conflict("Feedback is for the people who came.", code="not_attended")
    return booking


def read(token: str) -> dict:
    """What a feedback link is about, and the answer given so far (rating None when none)."""
    booking = _attended_booking(token)
    event_session = db.session.get(EventSession, booking.session_id)
    given = db.session.scalar(select(Feedback).where(Feedback.booking_id == booking.id))
    return {
        "booking_id": booking.id,
        "title": db.session.get(Event, event_session.event_id).title,
        "starts_at": event_session.starts_at,
        "rating": given.rating if given else None,
        "comment": given.comment if given else "",
    }


@retry_on_deadlock
def answer(token: str, rating: int, comment: str | None) -> dict:
    """Rate (or rate again) the session a link is about, answered as read() would; a comment left out keeps the one
    given before."""
    booking = _attended_booking(token)
    now = utcnow()
    with unit_of_work():
        before = db.session.scalar(select(Feedback.id).where(Feedback.booking_id == booking.id))
        values = {"rating": rating, "updated_at": now}
        if comment is not None:
            values["comment"] = comment.strip()
        first = {"booking_id": booking.id, "session_id": booking.session_id, "user_id": booking.user_id}
        insert = UPSERT[db.engine.dialect.name](Feedback.__table__).values(
            **first, **{"comment": "", **values}, created_at=now
        )
        db.session.execute(insert.on_conflict_do_update(index_elements=["booking_id"], set_=values))
        given = db.session.scalars(
            select(Feedback).where(Feedback.booking_id == booking.id).execution_options(populate_existing=True)
        ).one()
        event_session = db.session.get(EventSession, booking.session_id)
        event = db.session.get(Event, event_session.event_id)
        user = db.session.get(User, booking.user_id)
        enqueue_about_session(
            "feedback_received",
            event_session,
            event,
            user,
            f"{user.name} rated {event.title} {rating} of 5",
            {"booking_id": booking.id, "rating": rating, "comment": given.comment, "changed": before is not None},
            booking_id=booking.id,
            actor=user,
        )
        answered = {"booking_id": booking.id, "title": event.title, "starts_at": event_session.starts_at}
        answered.update(rating=given.rating, comment=given.comment)  # read before the commit expires them
    return answered


def for_session(facilitator: User, session_id: int) -> dict:
    """A session's ratings and comments, newest first, with their average (None when nobody answered)."""
    owned_session(facilitator, session_id)
    rows = db.session.execute(
        select(Feedback, User.name)
        .join(User, User.id == Feedback.user_id)
        .where(Feedback.session_id == session_id)
        .order_by(Feedback.updated_at.desc(), Feedback.id.desc())
    ).all()
    items = [
        {"booking_id": f.booking_id, "name": name, "rating": f.rating, "comment": f.comment, "at": f.updated_at}
        for f, name in rows
    ]
    return {"count": len(items), "average": average_of(session_id), "items": items}


def average_of(session_id: int) -> float | None:
    """The session's average rating, to one decimal; None when nobody answered."""
    found = db.session.scalar(select(func.avg(Feedback.rating)).where(Feedback.session_id == session_id))
    return None if found is None else round(float(found), 1)
