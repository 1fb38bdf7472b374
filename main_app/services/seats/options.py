"""Room options as bookings and the catalogue read them: which a booking may name, what a seat in one costs, and
every option of a page's sessions in one query."""

from sqlalchemy import select

from service_kit.errors import ValidationFailed

from ...error_codes import api_error
from ...extensions import db
from ...models import SessionOption

OPTIONS = SessionOption.__table__
# An option as the catalogue, the booking dialog and the facilitator's views show it.
OPTION_COLUMNS = (
    OPTIONS.c.id,
    OPTIONS.c.session_id,
    OPTIONS.c.name,
    OPTIONS.c.price,
    OPTIONS.c.capacity,
    OPTIONS.c.seats_taken,
)
OPTIONS_OF = (
    select(*OPTION_COLUMNS)
    .where(OPTIONS.c.retired.is_(False))
    .order_by(OPTIONS.c.session_id, OPTIONS.c.position, OPTIONS.c.id)
)


def option_document(row) -> dict:
    """An option as SessionOptionSchema dumps it."""
    return {
        "id": row.id,
        "name": row.name,
        "price": row.price,
        "capacity": row.capacity,
        "seats_left": row.capacity - row.seats_taken,
    }


def options_of(session_ids) -> dict[int, list]:
    """The offered options of these sessions in their order, by session id (one query; none asked, none run)."""
    found: dict[int, list] = {}
    if ids := sorted(set(session_ids)):
        for row in db.session.execute(OPTIONS_OF.where(OPTIONS.c.session_id.in_(ids))):
            found.setdefault(row.session_id, []).append(row)
    return found


def offers_options(session_id: int) -> bool:
    """Whether the session offers room options (a booking of it must then name one)."""
    query = select(OPTIONS.c.id).where(OPTIONS.c.session_id == session_id, OPTIONS.c.retired.is_(False)).limit(1)
    return db.session.scalar(query) is not None


def option_to_book(session_id: int, option_id: int | None, has_options: bool):
    """The option a booking (or a place in line) of this session names, as a row of OPTION_COLUMNS, or None for a
    session without options. 400 naming option_id when one is missing or not wanted; 404 option_not_found for an
    option that is not one of this session's (or no longer offered)."""
    if not has_options:
        if option_id is not None:
            problem = "This session has no room options."
            raise ValidationFailed(f"Invalid input: option_id: {problem}", details={"option_id": [problem]})
        return None
    if option_id is None:
        problem = "Choose one of the session's room options."
        raise ValidationFailed(f"Invalid input: option_id: {problem}", details={"option_id": [problem]})
    row = db.session.execute(
        select(*OPTION_COLUMNS).where(
            OPTIONS.c.id == option_id, OPTIONS.c.session_id == session_id, OPTIONS.c.retired.is_(False)
        )
    ).one_or_none()
    if row is None:
        raise api_error("option_not_found", option_id=option_id, session_id=session_id)
    return row


def seat_price(event_session, option_id: int | None) -> int:
    """What one seat costs: the option's price when the booking names one, else the session's."""
    if option_id is None:
        return event_session.price
    return db.session.get(SessionOption, option_id).price


def option_name(option_id: int | None) -> str | None:
    """The option's name, for emails and messages (None without one)."""
    return None if option_id is None else db.session.get(SessionOption, option_id).name
