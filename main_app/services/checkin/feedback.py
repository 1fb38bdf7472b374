"""Feedback from the people who came: when a session closes, each booking attended gets an email whose links rate
it 1 to 5 in one click (the web app's page asks nothing more, a comment is optional); a signed link, good for a week,
in which the answer can be changed. One answer per booking (a unique row, upserted); the CRM hears each answer, and
the facilitator reads ratings and comments per session."""

from types import SimpleNamespace

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite

from main_app.services import news
from main_app.services.common import TokenRefused, feedback_claims, feedback_token
from main_app.services.news import seat_numbers
from main_app.services.programme import owned_session
from main_app.services.seats import guests_of
from main_app.services.studios import Staff

from ...database import retry_on_deadlock, unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import (
    ATTENDED,
    BOOKER_ANSWER,
    GUEST_ACTIVE,
    GUEST_ANSWER,
    Booking,
    BookingGuest,
    Checkin,
    Event,
    EventSession,
    Feedback,
    User,
    utcnow,
)

UPSERT = {name: insert for name, insert in (("postgresql", postgresql.insert), ("sqlite", sqlite.insert))}


def ask(event_session: EventSession, event_maker: User, attended) -> None:
    """The feedback emails of a session just closed (inside its unit of work), to each booker and each guest with an
    email whose seat was checked in: attended rows of (id, user_id, calendar_sequence); event_maker: the account that
    made the event (its facilitator_id), whom the emails name."""
    users = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_({row.user_id for row in attended})))}
    came = _guests_who_came([row.id for row in attended])
    event = event_session.event
    for row in sorted(attended):
        booking = SimpleNamespace(id=row.id, calendar_sequence=row.calendar_sequence)
        guests = [(guest, _links(row.id, guest.id)) for guest in came.get(row.id, [])]
        about = (booking, users[row.user_id], event_session, event, news.PersonFacts.of(event_maker))
        news.publish(news.FeedbackAsked(*about, _links(row.id), guests))


def _links(booking_id: int, guest_id: int | None = None) -> dict:
    """A feedback email's links: the page, and one per rating."""
    link = f"{current_app.config['PUBLIC_WEB_URL'].rstrip('/')}/feedback?token={feedback_token(booking_id, guest_id)}"
    return {"url": link, "ratings": [{"rating": n, "url": f"{link}&rating={n}"} for n in range(1, 6)]}


def _guests_who_came(booking_ids: list[int]) -> dict[int, list]:
    """Per booking, its guests still coming with an email whose own seat was checked in."""
    parties = guests_of(booking_ids)
    wanted = [booking_id for booking_id, party in parties.items() if any(guest.email for guest in party)]
    if not wanted:
        return {}
    seen = set(db.session.execute(select(Checkin.booking_id, Checkin.seat).where(Checkin.booking_id.in_(wanted))))
    came = {}
    for booking_id in wanted:
        seat_of = seat_numbers(booking_id, parties[booking_id])
        came[booking_id] = [
            guest
            for guest in parties[booking_id]
            if guest.email and guest.status == GUEST_ACTIVE and (booking_id, seat_of[guest.id]) in seen
        ]
    return came


def _attended_booking(token: str) -> tuple[Booking, BookingGuest | None]:
    """The attended booking a feedback link names, and its guest when the link is theirs; 400 invalid_token (altered,
    or older than a week), 409 not_attended when its attendance was corrected since."""
    try:
        booking_id, guest_id = feedback_claims(token)
    except TokenRefused as refused:
        why = "has expired (a week after the session)" if str(refused) == "expired" else "is not one of ours"
        raise api_error("invalid_token.feedback", why=why, details={"token": [why]}) from None
    booking = db.session.get(Booking, booking_id)
    guest = db.session.get(BookingGuest, guest_id) if guest_id is not None else None
    if booking is None or booking.attendance != ATTENDED or (guest_id is not None and guest is None):
        raise api_error("not_attended")
    return booking, guest


def _answer_of(booking: Booking, guest: BookingGuest | None):
    """Where this booking's (or its guest's) answer is, or would be."""
    if guest is None:
        return (Feedback.booking_id == booking.id, Feedback.guest_id.is_(None))
    return (Feedback.guest_id == guest.id,)


def read(token: str) -> dict:
    """What a feedback link is about, and the answer given so far (rating None when none)."""
    booking, guest = _attended_booking(token)
    event_session = db.session.get(EventSession, booking.session_id)
    given = db.session.scalar(select(Feedback).where(*_answer_of(booking, guest)))
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
    booking, guest = _attended_booking(token)
    now = utcnow()
    with unit_of_work():
        before = db.session.scalar(select(Feedback.id).where(*_answer_of(booking, guest)))
        values = {"rating": rating, "updated_at": now}
        if comment is not None:
            values["comment"] = comment.strip()
        first = {"booking_id": booking.id, "session_id": booking.session_id, "user_id": booking.user_id}
        insert = UPSERT[db.engine.dialect.name](Feedback.__table__).values(
            **first, guest_id=guest.id if guest else None, **{"comment": "", **values}, created_at=now
        )
        # The partial unique index the answer falls under: the booker's, or the guest's.
        key = (["booking_id"], BOOKER_ANSWER) if guest is None else (["guest_id"], GUEST_ANSWER)
        db.session.execute(insert.on_conflict_do_update(index_elements=key[0], index_where=key[1], set_=values))
        given = db.session.scalars(
            select(Feedback).where(*_answer_of(booking, guest)).execution_options(populate_existing=True)
        ).one()
        event_session = db.session.get(EventSession, booking.session_id)
        event = db.session.get(Event, event_session.event_id)
        user = db.session.get(User, booking.user_id)
        about = (booking, user, event_session, event, guest, rating, given.comment, before is not None)
        news.publish(news.FeedbackGiven(*about))
        answered = {"booking_id": booking.id, "title": event.title, "starts_at": event_session.starts_at}
        answered.update(rating=given.rating, comment=given.comment)  # read before the commit expires them
    return answered


def for_session(staff: Staff, session_id: int) -> dict:
    """A session's ratings and comments, newest first, with their average (None when nobody answered)."""
    owned_session(staff, session_id)
    rows = db.session.execute(
        select(Feedback, func.coalesce(BookingGuest.name, User.name))
        .join(User, User.id == Feedback.user_id)
        .outerjoin(BookingGuest, BookingGuest.id == Feedback.guest_id)
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
