"""Attendance as staff read it: one session's figures, a person's history with the sessions they reach, and
those sessions in a date range (the CSV). Late cancels are people's own cancellations after the event's late-cancel
cut-off."""

from datetime import datetime, timedelta

from sqlalchemy import and_, case, func, select

from main_app.services.programme import owned_session
from main_app.services.studios import Staff, as_staff

from ...error_codes import api_error
from ...extensions import db
from ...models import (
    ATTENDED,
    BOOKING_ACTIVE,
    CANCELLED_BY_PERSON,
    NO_SHOW,
    Booking,
    Event,
    EventSession,
    User,
)
from .feedback import average_of
from .roster import COUNTED, seats_checked_in


def _late(booking_cancelled_at, starts_at, late_cancel_hours):
    """A person's own cancellation after the cut-off (computed in Python: the hours are per event)."""
    return booking_cancelled_at is not None and booking_cancelled_at > starts_at - timedelta(hours=late_cancel_hours)


def session_figures(staff: Staff, session_id: int) -> dict:
    """One session's attendance: seats booked, bookings attended and no-shows, seats checked in, late cancels."""
    event_session = owned_session(staff, session_id)
    rows = db.session.execute(
        select(Booking.status, Booking.seats, Booking.attendance, Booking.walk_in)
        .add_columns(Booking.cancelled_at, Booking.cancelled_by)
        .where(Booking.session_id == session_id)
    ).all()
    late_hours = event_session.event.late_cancel_hours
    return {
        "session_id": session_id,
        "starts_at": event_session.starts_at,
        "capacity": event_session.capacity,
        "booked": sum(row.seats for row in rows if row.status == BOOKING_ACTIVE),
        "attended": sum(1 for row in rows if row.status == BOOKING_ACTIVE and row.attendance == ATTENDED),
        "no_shows": sum(1 for row in rows if row.status == BOOKING_ACTIVE and row.attendance == NO_SHOW),
        "checked_in": seats_checked_in(session_id),
        "walk_ins": sum(1 for row in rows if row.status == BOOKING_ACTIVE and row.walk_in),
        "late_cancels": sum(
            1
            for row in rows
            if row.cancelled_by == CANCELLED_BY_PERSON and _late(row.cancelled_at, event_session.starts_at, late_hours)
        ),
        "closed": any(row.attendance is not None for row in rows),
        "average_rating": average_of(session_id),
    }


def person_history(staff: Staff, user_id: int) -> dict:
    """A person's bookings of the sessions the staff member reaches, newest first, with their totals; 404
    person_not_found when they never booked one."""
    rows = db.session.execute(
        select(
            Booking.id,
            Booking.session_id,
            Event.title,
            EventSession.starts_at,
            Booking.status,
            Booking.seats,
            Booking.attendance,
            Booking.cancelled_at,
            Booking.cancelled_by,
            Event.late_cancel_hours,
        )
        .join(EventSession, EventSession.id == Booking.session_id)
        .join(Event, Event.id == EventSession.event_id)
        .where(Booking.user_id == user_id, as_staff(staff).sessions_clause())
        .order_by(EventSession.starts_at.desc(), Booking.id.desc())
    ).all()
    if not rows:
        raise api_error("person_not_found", user_id=user_id)
    person = db.session.get(User, user_id)
    items = [
        {
            "booking_id": row.id,
            "session_id": row.session_id,
            "title": row.title,
            "starts_at": row.starts_at,
            "status": row.status,
            "seats": row.seats,
            "attendance": row.attendance,
            "late_cancel": row.cancelled_by == CANCELLED_BY_PERSON
            and _late(row.cancelled_at, row.starts_at, row.late_cancel_hours),
        }
        for row in rows
    ]
    totals = {
        "booked": len(items),
        "attended": sum(1 for item in items if item["attendance"] == ATTENDED),
        "no_shows": sum(1 for item in items if item["attendance"] == NO_SHOW),
        "late_cancels": sum(1 for item in items if item["late_cancel"]),
    }
    return {"user_id": user_id, "name": person.name, "email": person.email, "items": items, **totals}


def sessions_in_range(staff: Staff, start: datetime, end: datetime) -> list:
    """The sessions the staff member reaches starting in [start, end), oldest first, with their attendance counts
    (one query)."""
    active = Booking.status == BOOKING_ACTIVE
    counts = (
        select(
            Booking.session_id,
            func.coalesce(func.sum(case((active, Booking.seats), else_=0)), 0).label("booked"),
            func.count(case((and_(active, Booking.attendance == ATTENDED), 1))).label("attended"),
            func.count(case((and_(active, Booking.attendance == NO_SHOW), 1))).label("no_shows"),
            func.count(case((and_(active, Booking.walk_in), 1))).label("walk_ins"),
        )
        .group_by(Booking.session_id)
        .subquery()
    )
    return db.session.execute(
        select(
            EventSession.id,
            Event.title,
            EventSession.starts_at,
            EventSession.status,
            EventSession.capacity,
            func.coalesce(counts.c.booked, 0).label("booked"),
            func.coalesce(counts.c.attended, 0).label("attended"),
            func.coalesce(counts.c.no_shows, 0).label("no_shows"),
            func.coalesce(counts.c.walk_ins, 0).label("walk_ins"),
            COUNTED.label("checked_in"),
        )
        .join(Event, Event.id == EventSession.event_id)
        .outerjoin(counts, counts.c.session_id == EventSession.id)
        .where(as_staff(staff).sessions_clause(), EventSession.starts_at >= start, EventSession.starts_at < end)
        .order_by(EventSession.starts_at, EventSession.id)
    ).all()
