"""A person's private sessions: those still held (booked, or waiting for payment), soonest first."""

from sqlalchemy import select

from ...extensions import db
from ...models import SEAT_HOLDING, Appointment, AppointmentService, Booking, EventSession, Studio, User, utcnow

MOST_LISTED = 200  # a person's upcoming privates: far more than anyone books
TEACHERS = User.__table__.alias("teacher")
COLUMNS = (Appointment.id, Appointment.session_id, EventSession.starts_at, EventSession.ends_at)
COLUMNS += (AppointmentService.id.label("service_id"), AppointmentService.name.label("service_name"))
COLUMNS += (TEACHERS.c.id.label("teacher_id"), TEACHERS.c.name.label("teacher_name"), Studio.slug, Studio.name)
COLUMNS += (Booking.id.label("booking_id"), Booking.status)


def my_appointments(user: User) -> list[dict]:
    """The person's private sessions not yet over whose seat is held, with their booking, service, teacher, studio."""
    rows = db.session.execute(
        select(*COLUMNS)
        .join(EventSession, EventSession.id == Appointment.session_id)
        .join(Booking, Booking.session_id == Appointment.session_id)
        .join(AppointmentService, AppointmentService.id == Appointment.service_id)
        .join(TEACHERS, TEACHERS.c.id == Appointment.teacher_id)
        .join(Studio, Studio.id == Appointment.studio_id)
        .where(Appointment.user_id == user.id, Booking.status.in_(SEAT_HOLDING), EventSession.ends_at > utcnow())
        .order_by(EventSession.starts_at, Appointment.id)
        .limit(MOST_LISTED)
    )
    return [_document(row) for row in rows]


def _document(row) -> dict:
    """One of them as the API shows it."""
    return {
        "id": row.id,
        "session_id": row.session_id,
        "starts_at": row.starts_at,
        "ends_at": row.ends_at,
        "service": {"id": row.service_id, "name": row.service_name},
        "teacher": {"id": row.teacher_id, "name": row.teacher_name},
        "studio": {"slug": row.slug, "name": row.name},
        "booking": {"id": row.booking_id, "status": row.status},
    }
