"""Taking a paid booking's seats, and the 409s that explain why they could not be taken."""

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from main_app.services.seats import Claimed, claim_priced_seat, option_full, too_few_seats
from service_kit.errors import Conflict

from ...error_codes import api_error
from ...extensions import db
from ...models import SEAT_HOLDING, STATUS_SCHEDULED, Booking, Event, EventSession, SessionOption, User, utcnow


class PriceChanged(Exception):
    """The seat's price under the lock is not the one the booking was read and quoted at: it is made again."""


def take_seat(session_id: int, booker: User | int | None = None, seats: int = 1, option_id=None) -> Claimed:
    """Take this many seats (in the option named) for booker (a user, or the id of a child on their family): how
    many of the session's are now taken and the seat's price under the lock; or raise why the session cannot be
    booked."""
    claimed = claim_priced_seat(session_id, seats, option_id)
    if claimed is not None:
        return claimed
    now = utcnow()
    db.session.rollback()
    if booker is not None and _has_active_booking(booker, session_id):
        raise api_error("already_booked")
    event_session = db.session.get(EventSession, session_id)
    if event_session is None:
        raise api_error("session_not_found", session_id=session_id)
    event = db.session.get(Event, event_session.event_id)
    if event_session.status != STATUS_SCHEDULED or event.status != STATUS_SCHEDULED:
        raise api_error("session_cancelled")
    if event_session.starts_at <= now:
        raise api_error("session_started")
    if option_id is not None and (option := db.session.get(SessionOption, option_id)).retired:
        raise api_error("option_retired", option=option.name)
    if option_id is not None and option.seats_left < seats:
        raise option_full(option.seats_left, seats, option.name)
    raise too_few_seats(event_session.seats_left, seats) or api_error("session_full")


def _has_active_booking(booker: User | int, session_id: int) -> bool:
    """Whether the user's own seat, or the child's (booker an id), is held in the session."""
    whose = (Booking.dependent_id == booker,) if isinstance(booker, int) else (
        Booking.user_id == booker.id, Booking.dependent_id.is_(None)
    )  # fmt: skip
    held = select(Booking.id).where(Booking.session_id == session_id, Booking.status.in_(SEAT_HOLDING), *whose)
    return db.session.scalar(held) is not None


def already_booked(_exc: IntegrityError) -> Conflict:
    """The one-active-booking unique index refused a second active booking: a 409."""
    return api_error("already_booked")
