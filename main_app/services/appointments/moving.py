"""Moving a private session to another of its service's free slots (its own time left out): by its person until the
studio's cancel_hours before its start, by the studio's staff at any time. Under the teachers' locks (the one it
had and the ones free then), then its session's; its person hears as of any session moved (news.Moved: every
channel they use, their reminders and calendar entry written again)."""

from datetime import datetime, timedelta

from sqlalchemy import update

from main_app.services import news
from main_app.services.calendar_sync import calendars_changed
from main_app.services.diary import lock_teachers
from main_app.services.programme import tell_attendees
from main_app.services.seats import lock_sessions

from ...database import retry_on_deadlock, unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import (
    STATUS_SCHEDULED,
    Appointment,
    AppointmentService,
    Event,
    EventSession,
    User,
    utcnow,
)
from .availability import rules_of, teachers_free_at
from .booking import appointment_document


def own_appointment(user: User, appointment_id: int) -> Appointment:
    """The caller's appointment; anyone else's is reported missing (404 appointment_not_found)."""
    appointment = db.session.get(Appointment, appointment_id)
    if appointment is None or appointment.user_id != user.id:
        raise api_error("appointment_not_found")
    return appointment


def move_own(user: User, appointment_id: int, starts_at: datetime, teacher_id: int | None = None) -> dict:
    """The person moves their private session: 409 too_late_to_move within the studio's cancel_hours of its start."""
    appointment = own_appointment(user, appointment_id)
    hours = rules_of(appointment.studio_id).cancel_hours
    session = db.session.get(EventSession, appointment.session_id)
    if utcnow() >= session.starts_at - timedelta(hours=hours):
        raise api_error("too_late_to_move", hours=hours)
    return move_private(appointment, starts_at, teacher_id, news.StaffFacts.of(user))


@retry_on_deadlock
def move_private(appointment: Appointment, starts_at: datetime, teacher_id, actor) -> dict:
    """Move the appointment to starts_at with the teacher named (else its own, when free then, or the first free):
    its document. 409 teacher_busy for a start its service's slots do not offer, appointment_not_active once its
    seat is given back. actor: news.StaffFacts of who moved it."""
    appointment_id, session_id, now = appointment.id, appointment.session_id, utcnow()
    service = db.session.get(AppointmentService, appointment.service_id)
    free = teachers_free_at(service, starts_at, now, teacher_id, but=session_id)
    if not free:
        raise api_error("teacher_busy")
    with unit_of_work():
        lock_teachers({appointment.teacher_id, *free})
        free = teachers_free_at(service, starts_at, now, teacher_id, but=session_id)
        lock_sessions([session_id])  # then the session: a cancellation racing the move waits, or is seen
        appointment = db.session.get(Appointment, appointment_id, populate_existing=True)
        session = db.session.get(EventSession, session_id, populate_existing=True)
        if session.status != STATUS_SCHEDULED or session.seats_taken == 0:
            raise api_error("appointment_not_active")
        if not free:
            raise api_error("teacher_busy")
        before = {"times": {session_id: (session.starts_at, session.ends_at)}}
        teacher = appointment.teacher_id if appointment.teacher_id in free else free[0]
        calendars_changed([appointment.teacher_id, teacher])
        _move(appointment, session, service, starts_at, teacher)
        event = db.session.get(Event, session.event_id)
        tell_attendees(actor, event, [session], {**before, "timezone": event.timezone})
    return appointment_document(session_id)


def _move(appointment: Appointment, session: EventSession, service: AppointmentService, starts_at, teacher: int):
    """The session and its appointment at their new time, with their teacher; the event's span widened to it."""
    ends_at = starts_at + timedelta(minutes=service.duration_minutes)
    session.starts_at, session.ends_at, session.instructor_id = starts_at, ends_at, teacher
    appointment.teacher_id = teacher
    appointment.busy_from = starts_at - timedelta(minutes=service.buffer_before_minutes)
    appointment.busy_until = ends_at + timedelta(minutes=service.buffer_after_minutes)
    db.session.execute(
        update(Event).where(Event.id == session.event_id, Event.ends_at < ends_at).values(ends_at=ends_at)
    )
