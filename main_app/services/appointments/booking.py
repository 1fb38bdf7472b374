"""Booking a private session. The slot is claimed first, in a short transaction under its teachers' locks
(services.diary): checked free of their classes and private sessions, and made a session of the service's private
event, reserved for the person and taught by the first free teacher. Its seat is then booked through bookings' one
path (free, paid at a checkout, or with a pass's credits), which decides everything money does. A booking that
fails lets the claim go at once; one whose process dies lets it lapse at claimed_until."""

from datetime import datetime, timedelta

from sqlalchemy import delete, select, update

from main_app.services.bookings import book_session
from main_app.services.calendar_sync import calendars_changed
from main_app.services.diary import lock_teachers

from ...database import retry_on_deadlock, unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import (
    STATUS_CANCELLED,
    STATUS_SCHEDULED,
    Appointment,
    AppointmentService,
    Event,
    EventSession,
    Studio,
    StudioMember,
    User,
    utcnow,
)
from .availability import rules_of, teachers_free_at

CLAIM = timedelta(minutes=5)  # how long a slot stays claimed while its seat is being booked


def bookable_service(service_id: int) -> AppointmentService:
    """A service taking bookings at an open studio; 404 appointment_service_not_found for any other."""
    service = db.session.get(AppointmentService, service_id)
    studio = service and db.session.get(Studio, service.studio_id)
    if service is None or not service.active or studio.closed_at is not None:
        raise api_error("appointment_service_not_found")
    return service


def book_appointment(user: User, service_id: int, starts_at: datetime, teacher_id=None, pass_id=None) -> dict:
    """Book the service from starts_at with the teacher named (or the first free one) for user, paid as its session's
    seat is: the booking's document (bookings.get_booking's shape) with its appointment. 404 for a service not
    taking bookings, 409 teacher_busy for a start its slots do not offer (or no longer do), pass_not_valid_here
    with a pass for a service paid in money only; then whatever booking the seat refuses, nothing kept."""
    service = bookable_service(service_id)
    if pass_id is not None and service.credits is None:
        raise api_error("pass_not_valid_here.private")
    session_id = claim_slot(user, service, starts_at, teacher_id)
    try:
        booked = book_session(user, session_id, pass_id=pass_id)
    except Exception:
        let_go(session_id)
        raise
    claimed(session_id)
    return {**booked, "appointment": appointment_document(session_id)}


@retry_on_deadlock
def claim_slot(user: User, service: AppointmentService, starts_at: datetime, teacher_id=None) -> int:
    """The session made for the slot (its id), under the locks of the teachers who were free for it."""
    now = utcnow()
    free = teachers_free_at(service, starts_at, now, teacher_id)  # read first: a taken slot costs no lock
    if not free:
        raise api_error("teacher_busy")
    with unit_of_work():
        event_id = _private_event(service, now)
        lock_teachers(free)
        free = teachers_free_at(service, starts_at, now, teacher_id)
        if not free:
            raise api_error("teacher_busy")
        session_id = _new_session(user, service, event_id, free[0], starts_at, now)
    return session_id


def _new_session(user: User, service: AppointmentService, event_id: int, teacher: int, starts_at, now) -> int:
    """The private session of the slot and its appointment row; the event's span widened to it."""
    ends_at = starts_at + timedelta(minutes=service.duration_minutes)
    session = EventSession(
        event_id=event_id, instructor_id=teacher, starts_at=starts_at, ends_at=ends_at, capacity=1,
        price=service.price, currency=db.session.get(Studio, service.studio_id).currency, status=STATUS_SCHEDULED,
        max_seats_per_booking=1, mode="online" if service.online else "in_person", reserved_for_id=user.id,
        credits_per_seat=service.credits or 1,
    )  # fmt: skip
    db.session.add(session)
    db.session.flush()
    appointment = Appointment(
        studio_id=service.studio_id, service_id=service.id, teacher_id=teacher, user_id=user.id, session_id=session.id,
        busy_from=starts_at - timedelta(minutes=service.buffer_before_minutes),
        busy_until=ends_at + timedelta(minutes=service.buffer_after_minutes), claimed_until=now + CLAIM,
    )  # fmt: skip
    db.session.add(appointment)
    db.session.execute(update(Event).where(Event.id == event_id, Event.ends_at < ends_at).values(ends_at=ends_at))
    return session.id


def _private_event(service: AppointmentService, now: datetime) -> int:
    """The service's private event; one made before services had them gets one now, by a conditional UPDATE (no
    studio lock: a class's change holding its teacher's lock may write under the studio, and would wait on it)."""
    if service.event_id is not None:
        return service.event_id
    made = private_event(service, now)
    taken = db.session.execute(
        update(AppointmentService)
        .where(AppointmentService.id == service.id, AppointmentService.event_id.is_(None))
        .values(event_id=made)
        .execution_options(synchronize_session=False)
    )
    if taken.rowcount != 1:  # another booking gave it one first: that one stays
        db.session.execute(delete(Event).where(Event.id == made))
    db.session.refresh(service)
    return service.event_id


def private_event(service: AppointmentService, now: datetime) -> int:
    """A new private event for the service (its id): its studio owner's, on the studio's clock, refunding and
    crediting back as the studio's rules for privates say."""
    studio, rules = db.session.get(Studio, service.studio_id), rules_of(service.studio_id)
    owner = db.session.scalar(
        select(StudioMember.user_id)
        .where(StudioMember.studio_id == studio.id, StudioMember.role == "owner")
        .order_by(StudioMember.id)
        .limit(1)
    )
    event = Event(
        title=service.name, description=service.description, kind="session", location=service.location or "",
        timezone=studio.timezone, facilitator_id=owner, studio_id=studio.id, starts_at=now, ends_at=now,
        refund_until_hours=rules.cancel_hours, late_cancel_hours=rules.cancel_hours, private=True,
    )  # fmt: skip
    db.session.add(event)
    db.session.flush()
    return event.id


def let_go(session_id: int) -> None:
    """A claim whose booking failed: its session is cancelled while no seat of it is held, freeing the teacher."""
    with unit_of_work():
        db.session.execute(
            update(EventSession)
            .where(EventSession.id == session_id, EventSession.seats_taken == 0)
            .values(status=STATUS_CANCELLED)
        )


def claimed(session_id: int) -> None:
    """The claim's work is done: from now on the seat (held or given back) says whether the teacher is busy, and the
    teacher's calendar hears of it (not before: a sync then would find no seat held yet, and write nothing)."""
    with unit_of_work():
        db.session.execute(
            update(Appointment).where(Appointment.session_id == session_id).values(claimed_until=utcnow())
        )
        calendars_changed(
            db.session.scalars(select(Appointment.teacher_id).where(Appointment.session_id == session_id))
        )


def appointment_document(session_id: int) -> dict:
    """An appointment as the API shows it: its service, teacher, times."""
    row = db.session.execute(
        select(Appointment, AppointmentService.name, User.name.label("teacher_name"))
        .join(AppointmentService, AppointmentService.id == Appointment.service_id)
        .join(User, User.id == Appointment.teacher_id)
        .join(EventSession, EventSession.id == Appointment.session_id)
        .add_columns(EventSession.starts_at, EventSession.ends_at)
        .where(Appointment.session_id == session_id)
    ).one()
    return {
        "id": row.Appointment.id,
        "service": {"id": row.Appointment.service_id, "name": row.name},
        "teacher": {"id": row.Appointment.teacher_id, "name": row.teacher_name},
        "starts_at": row.starts_at,
        "ends_at": row.ends_at,
        "session_id": session_id,
    }
