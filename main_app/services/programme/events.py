"""A facilitator's own events and sessions: read, create, edit; each function that writes is one unit of work.
Cancelling is services.cancellations, writing to the people booked services.session_messages."""

from datetime import datetime

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.orm import joinedload, selectinload

from main_app.plumbing import lock
from main_app.services import news, studios
from main_app.services.diary import refuse_if_privates
from main_app.services.seats import (
    guests_of,
    lock_sessions,
    promote_waitlist,
    refresh_notices,
)
from main_app.services.studios import Staff
from service_kit.errors import ValidationFailed

from ...database import retry_on_deadlock, unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import (
    BOOKING_ACTIVE,
    BOOKING_PENDING_PAYMENT,
    STATUS_CANCELLED,
    STATUS_SCHEDULED,
    Booking,
    Event,
    EventSession,
    utcnow,
)
from ..languages import gettext
from .options import add_options, edit_options, lock_options
from .ownership import get_own_event, owned_event, owned_session, refresh_span, session_with_counts
from .session_changes import HOW, HOW_LABEL, NONE, PLACE_SETTINGS, SEAT_SETTINGS, TOLD, when_changed
from .session_changes import change as _change
from .session_changes import change_settings as _change_settings

EVENT_FIELDS = (
    *("title", "description", "kind", "location", "timezone", "refund_until_hours", "late_cancel_hours"),
    *("location_country", "location_state_code"),  # the place of supply of admission to it (invoices)
    *("requires_approval", "min_age", "max_age"),  # the ages a child booked for it may be (bookings.for_child)
    "payment_plan",  # applies to bookings made from now on: each booking keeps the schedule it was made with
)
EVENT_DEFAULTS = {
    "description": "",
    "location": "",
    "refund_until_hours": 24,
    "late_cancel_hours": 12,
    "requires_approval": False,
}


def _check_times(starts_at: datetime, ends_at: datetime, path: tuple[str, ...] = ()) -> None:
    """400 naming the field when times make no sense; path locates it in the body, e.g. ("sessions", "1")."""
    if ends_at <= starts_at:
        field, problem = "ends_at", "Must be after starts_at."
    elif starts_at <= utcnow():
        field, problem = "starts_at", "Must be in the future."
    else:
        return
    details = {field: [problem]}
    for key in reversed(path):  # nested like the schema's own errors: {"sessions": {"1": {"starts_at": [...]}}}
        details = {key: details}
    raise ValidationFailed(f"Invalid input: {'.'.join((*path, field))}: {problem}", details=details)


def _check_ages(min_age: int | None, max_age: int | None) -> None:
    """400 naming max_age when an event's age range would leave out every age."""
    if min_age is not None and max_age is not None and max_age < min_age:
        problem = gettext("Must be at least min_age (%(min_age)s).", min_age=min_age)
        raise ValidationFailed(f"Invalid input: max_age: {problem}", details={"max_age": [problem]})


# -- creating and editing ---------------------------------------------------------------------------


def create_event(staff: Staff, data: dict) -> Event:
    """A new event with its sessions, reported as event_created."""
    for n, slot in enumerate(data["sessions"]):
        _check_times(slot["starts_at"], slot["ends_at"], ("sessions", str(n)))
    _check_ages(data.get("min_age"), data.get("max_age"))
    with unit_of_work():
        studio_id = studios.workplace(staff)
        sessions = [
            new_session(slot, studios.instructor_for(staff, studio_id, slot.get("instructor_id")))
            for slot in data["sessions"]
        ]
        refuse_if_privates([(s.instructor_id, s.starts_at, s.ends_at) for s in sessions], utcnow())
        event = Event(
            facilitator_id=staff.id,
            studio_id=studio_id,
            sessions=sessions,
            starts_at=sessions[0].starts_at,
            ends_at=sessions[0].ends_at,
            **{field: data.get(field, EVENT_DEFAULTS.get(field)) for field in EVENT_FIELDS},
        )
        refresh_span(event)
        db.session.add(event)
        db.session.flush()
        for event_session, slot in zip(sessions, data["sessions"], strict=True):
            add_options(event_session.id, slot.get("options"))
        news.publish(news.EventChanged(event, "created", staff.facts(), {"sessions": [s.id for s in sessions]}))
    return get_own_event(staff, event.id)


def new_session(slot: dict, instructor_id: int) -> EventSession:
    """A session as a facilitator describes it: times, seats, price (free unless priced) in a currency, taught by
    instructor_id."""
    # status set now, not at INSERT: refresh_span counts only scheduled sessions.
    return EventSession(
        starts_at=slot["starts_at"],
        ends_at=slot["ends_at"],
        capacity=slot["capacity"],
        price=slot.get("price", 0),
        currency=slot.get("currency") or current_app.config["DEFAULT_CURRENCY"],
        status=STATUS_SCHEDULED,
        instructor_id=instructor_id,
        **{name: slot[name] for name in (*SEAT_SETTINGS, *PLACE_SETTINGS) if name in slot},
    )


@retry_on_deadlock
def update_event(staff: Staff, event_id: int, data: dict) -> Event:
    """Edit title, description, kind or location; reported as event_updated when anything changed."""
    event = owned_event(staff, event_id)
    if event.status == STATUS_CANCELLED:
        raise api_error("event_cancelled.edit")
    _check_ages(data.get("min_age", event.min_age), data.get("max_age", event.max_age))
    before = {"title": event.title, "location": event.location, "timezone": event.timezone}
    with unit_of_work():
        changes: dict = {}
        for field in EVENT_FIELDS:
            if field in data:
                _change(event, field, data[field], changes)
        if changes:
            news.publish(news.EventChanged(event, "updated", staff.facts(), changes))
        if changes.keys() & set(before):
            tell_attendees(staff.facts(), event, [s for s in event.sessions if s.starts_at > utcnow()], before)
            refresh_notices([s.id for s in event.sessions if s.status == STATUS_SCHEDULED])
    return get_own_event(staff, event_id)


def add_session(staff: Staff, event_id: int, data: dict) -> EventSession:
    """One more session for an event; reported as session_created."""
    event = owned_event(staff, event_id)
    if event.status == STATUS_CANCELLED:
        raise api_error("event_cancelled.new_sessions")
    _check_times(data["starts_at"], data["ends_at"])
    with unit_of_work():
        event_session = new_session(data, studios.instructor_for(staff, event.studio_id, data.get("instructor_id")))
        refuse_if_privates([(event_session.instructor_id, event_session.starts_at, event_session.ends_at)], utcnow())
        event.sessions.append(event_session)
        refresh_span(event)
        db.session.flush()
        add_options(event_session.id, data.get("options"))
        news.publish(news.SessionChanged(event_session, event, "created", staff.facts()))
    return session_with_counts(staff, event_session.id)


@retry_on_deadlock
def update_session(staff: Staff, session_id: int, data: dict) -> EventSession:
    """Move a session or change its capacity (never below the seats taken); reported as session_updated."""
    event_session = owned_session(staff, session_id)
    if event_session.status == STATUS_CANCELLED:
        raise api_error("session_cancelled.edit")
    starts_at = data.get("starts_at", event_session.starts_at)
    ends_at = data.get("ends_at", event_session.ends_at)
    if (starts_at, ends_at) != (event_session.starts_at, event_session.ends_at):  # dates sent back unchanged: kept
        _check_times(starts_at, ends_at)
    event = event_session.event
    before = {"times": {session_id: (event_session.starts_at, event_session.ends_at)}, "timezone": event.timezone,
              "modes": {session_id: event_session.mode}}  # fmt: skip
    with unit_of_work():
        # The session's lock first: a booking holding a seat at the old price is seen before the price changes, and
        # a booking after it reads the new one under the same lock.
        moved = (starts_at, ends_at) != (event_session.starts_at, event_session.ends_at)
        if moved:  # the teacher's lock first (the lock order's User): a private booked now is seen, or sees this
            refuse_if_privates([(event_session.instructor_id, starts_at, ends_at)], utcnow(), but_session=session_id)
        _lock_first(session_id, data, told=moved or data.get("mode", event_session.mode) != event_session.mode)
        db.session.refresh(event_session)
        event_session, changes = edit_session(staff, event_session, data, starts_at, ends_at)
        if "options" in data and edit_options(event_session, data["options"], changes):
            promote_waitlist(session_id)  # the new seats go to the people waiting, in order
        if changes:
            news.publish(news.SessionChanged(event_session, event_session.event, "updated", staff.facts(), changes))
        if changes.keys() & TOLD:
            tell_attendees(staff.facts(), event_session.event, [event_session], before)
            refresh_notices([session_id])
    return session_with_counts(staff, session_id)


def _lock_first(session_id: int, data: dict, told: bool) -> None:
    """What a session's change may lock, in the lock order, before a seat it frees goes to the people waiting (whose
    places come last): the session, its options when they change, its bookings when they are told (a move, a
    change of place)."""
    lock_sessions([session_id])
    if "options" in data:
        lock_options(session_id)
    if told:
        held = select(Booking.id).where(Booking.session_id == session_id, Booking.status == BOOKING_ACTIVE)
        lock(Booking, held.order_by(Booking.id))


def tell_attendees(actor, event: Event, sessions: list[EventSession], before: dict) -> int:
    """Tell everyone booked in these sessions what changed (old and new), with the updated calendar entry, and write
    their reminders again; actor: news.StaffFacts of who changed them; how many were told. before: the event's old
    fields, "times": {session id: (starts, ends)} for sessions that moved, and "modes": {session id: mode} for those
    whose place changed (online now: their emails carry the join page)."""
    labels = {"title": "What", "location": "Where"}
    lock_sessions([s.id for s in sessions])  # the lock order: a cancellation racing this waits, or is seen
    bookings = list(
        lock(
            Booking,
            select(Booking)
            .options(joinedload(Booking.user))
            .where(Booking.session_id.in_([s.id for s in sessions]), Booking.status == BOOKING_ACTIVE)
            .order_by(Booking.id),
        ).scalars()
    )
    by_id = {s.id: s for s in sessions}
    parties = guests_of([b.id for b in bookings if b.seats > 1])
    moved = []
    for booking in bookings:
        event_session = by_id[booking.session_id]
        changes = [
            {"label": label, "from": before[field] or NONE, "to": getattr(event, field) or NONE}
            for field, label in labels.items()
            if field in before and before[field] != getattr(event, field)
        ]
        old_times = before.get("times", {}).get(event_session.id, (event_session.starts_at, event_session.ends_at))
        moved_to = (event_session.starts_at, event_session.ends_at)
        if (when := when_changed(old_times, before["timezone"], moved_to, event.timezone))["from"] != when["to"]:
            changes.append(when)
        old_mode = before.get("modes", {}).get(event_session.id, event_session.mode)
        if old_mode != event_session.mode:
            changes.append({"label": HOW_LABEL, "from": HOW[old_mode], "to": HOW[event_session.mode]})
        booking.calendar_sequence += 1
        party = parties.get(booking.id, [])
        moved.append(news.Moved(booking, booking.user, event_session, event, actor, party, changes))
    news.publish_all(moved)  # one publish: the batch's reminders taken back in one statement, not two a booking
    return len(bookings)


def _change_price(event_session: EventSession, data: dict, changes: dict) -> None:
    """A new price or currency applies to bookings made from now on; never while someone is paying the old one."""
    price, currency = data.get("price", event_session.price), data.get("currency", event_session.currency)
    if (price, currency) == (event_session.price, event_session.currency):
        return
    paying = select(Booking.id).where(Booking.session_id == event_session.id, Booking.status == BOOKING_PENDING_PAYMENT)
    if db.session.scalar(paying.limit(1)) is not None:
        raise api_error("payments_pending", details={"price": ["Cannot change while a payment is pending."]})
    _change(event_session, "price", price, changes)
    _change(event_session, "currency", currency, changes)


def edit_session(
    staff: Staff, event_session: EventSession, data: dict, starts_at, ends_at, span: bool = True
) -> tuple[EventSession, dict]:
    """Apply a session's new capacity and times: the session as it is now, and {field: {"from", "to"}} changed.
    span=False leaves the event's span to the caller, who changes many sessions and refreshes it once."""
    session_id = event_session.id
    changes: dict = {}
    _change_settings(event_session, data, changes)  # first: seats the new capacity frees go as these now say
    db.session.flush()
    if "capacity" in data and data["capacity"] != event_session.capacity:
        # Conditional, so a booking landing now cannot leave more seats taken than the new capacity.
        result = db.session.execute(
            update(EventSession)
            .where(
                EventSession.id == session_id,
                EventSession.status == STATUS_SCHEDULED,
                EventSession.seats_taken <= data["capacity"],
            )
            .values(capacity=data["capacity"])
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            db.session.rollback()
            taken = db.session.scalar(select(EventSession.seats_taken).where(EventSession.id == session_id))
            raise api_error(
                "capacity_below_bookings", taken=taken, details={"capacity": [f"Must be at least {taken}."]}
            )
        changes["capacity"] = {"from": event_session.capacity, "to": data["capacity"]}
        if data["capacity"] > event_session.capacity:
            promote_waitlist(session_id)  # the new seats go to the people waiting, in order
        event_session = owned_session(staff, session_id)
    _change(event_session, "starts_at", starts_at, changes)
    _change(event_session, "ends_at", ends_at, changes)
    _change_price(event_session, data, changes)
    if changes and span:
        refresh_span(
            db.session.scalars(
                select(Event).options(selectinload(Event.sessions)).where(Event.id == event_session.event_id)
            ).one()
        )
    return event_session, changes
