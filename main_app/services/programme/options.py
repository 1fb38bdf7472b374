"""A session's room options as its facilitator sets them: given with a new session, changed with an edit (renamed
and repriced for bookings from then on, resized never below the seats taken, removed only when nothing holds them).

Options may add up to more than the session's capacity: the session's capacity still caps the total, so a
facilitator can let either room fill the house. Each write runs inside the caller's unit of work."""

from sqlalchemy import delete, exists, select, update

from main_app.plumbing import lock
from main_app.services.seats import lock_sessions
from service_kit.errors import ValidationFailed

from ...error_codes import api_error
from ...extensions import db
from ...models import BOOKING_PENDING_PAYMENT, Booking, EventSession, SessionOption, WaitlistEntry


def add_options(session_id: int, options: list[dict] | None) -> None:
    """Give a new session (flushed, so it has its id) its options, in the order given."""
    for position, option in enumerate(options or ()):
        db.session.add(_new(session_id, position, option))


def _new(session_id: int, position: int, option: dict) -> SessionOption:
    return SessionOption(
        session_id=session_id,
        name=option["name"].strip(),
        price=option.get("price", 0),
        capacity=option["capacity"],
        position=position,
    )


def _invalid(n: int, field: str, problem: str) -> ValidationFailed:
    return ValidationFailed(
        f"Invalid input: options.{n}.{field}: {problem}", details={"options": {str(n): {field: [problem]}}}
    )


def lock_options(session_id: int) -> None:
    """Lock the session's options, before anything its new capacity moves: the seats it frees go to the people
    waiting, whose places come after the options in the lock order."""
    lock(
        SessionOption, select(SessionOption.id).where(SessionOption.session_id == session_id).order_by(SessionOption.id)
    )


def edit_options(event_session: EventSession, options: list[dict], changes: dict) -> bool:
    """Make the session's options the list given (options with an id are changed, without one added, those left out
    removed), noting {"options": {"from", "to"}} in changes; whether any seats were added (the line may move). 400
    for a series' session or an id not among its options; 409 option_capacity_below_bookings, option_in_use (an
    option left out still holds seats or people wait for it), payments_pending (repricing while someone pays)."""
    if event_session.series_id is not None and options:
        raise ValidationFailed(
            "Room options are offered on single sessions, not on a recurring series.",
            details={"options": ["Not offered on a session of a recurring series."]},
        )
    lock_sessions([event_session.id])  # the lock order: the session, then its options
    current = {
        option.id: option
        for option in lock(
            SessionOption,
            select(SessionOption)
            .where(SessionOption.session_id == event_session.id, SessionOption.retired.is_(False))
            .order_by(SessionOption.id)
            .execution_options(populate_existing=True),
        ).scalars()
    }
    before = [_summary(option) for option in sorted(current.values(), key=lambda o: (o.position, o.id))]
    for n, option in enumerate(options):
        if "id" in option and option["id"] not in current:
            raise _invalid(n, "id", "Not one of this session's options.")
    kept = {option["id"] for option in options if "id" in option}
    for option in current.values():
        if option.id not in kept:
            _remove(option)
    grew = False
    for position, given in enumerate(options):
        if "id" not in given:
            db.session.add(_new(event_session.id, position, given))
            grew = True
            continue
        option = current[given["id"]]
        grew |= _resize(option, given["capacity"])
        _reprice(option, given.get("price", option.price))
        option.name, option.position = given["name"].strip(), position
    db.session.flush()
    after = [_summary(option) for option in _offered(event_session.id)]
    if after != before:
        changes["options"] = {"from": before, "to": after}
    return grew


def _summary(option: SessionOption) -> dict:
    return {"name": option.name, "price": option.price, "capacity": option.capacity}


def _offered(session_id: int) -> list[SessionOption]:
    return list(
        db.session.scalars(
            select(SessionOption)
            .where(SessionOption.session_id == session_id, SessionOption.retired.is_(False))
            .order_by(SessionOption.position, SessionOption.id)
        )
    )


def _resize(option: SessionOption, capacity: int) -> bool:
    """A new capacity, never below the seats taken (conditional, under the option's lock); whether it grew."""
    if capacity == option.capacity:
        return False
    result = db.session.execute(
        update(SessionOption)
        .where(SessionOption.id == option.id, SessionOption.seats_taken <= capacity)
        .values(capacity=capacity)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        taken = option.seats_taken
        raise api_error(
            "option_capacity_below_bookings",
            taken=taken,
            option=option.name,
            details={"option_id": option.id, "seats_taken": taken},
        )
    grew = capacity > option.capacity
    db.session.refresh(option)
    return grew


def _reprice(option: SessionOption, price: int) -> None:
    """A new price applies to bookings made from now on; never while someone pays the old one."""
    if price == option.price:
        return
    paying = select(Booking.id).where(Booking.option_id == option.id, Booking.status == BOOKING_PENDING_PAYMENT)
    if db.session.scalar(paying.limit(1)) is not None:
        raise api_error("payments_pending.option", option=option.name, details={"option_id": option.id})
    option.price = price


def _remove(option: SessionOption) -> None:
    """Take an option off the session: refused while it holds seats or people wait for it; retired (kept for the
    bookings that named it) once booked, deleted when never."""
    waiting = db.session.scalar(select(exists().where(WaitlistEntry.option_id == option.id)))
    if option.seats_taken > 0 or waiting:
        raise api_error(
            "option_in_use", option=option.name, details={"option_id": option.id, "seats_taken": option.seats_taken}
        )
    if db.session.scalar(select(exists().where(Booking.option_id == option.id))):
        option.retired = True
    else:
        db.session.execute(delete(SessionOption).where(SessionOption.id == option.id))
