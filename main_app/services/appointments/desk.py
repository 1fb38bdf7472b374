"""The studio's staff at the board: a client booked into a private at the desk (with their pass, paid at the desk
or free: checkin's desk booking, its audit entry and receipt), a private moved at any time, or cancelled by the
studio (every payment and credit back, its person told, as of any session the studio cancels)."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from main_app.services import checkin, programme
from main_app.services.calendar_sync import calendars_changed
from main_app.services.studios import Staff

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import ROLE_USER, Appointment, EventSession, User
from .booking import appointment_document, claim_slot, claimed, let_go
from .moving import move_private
from .offer import service_of


def studio_appointment(staff: Staff, appointment_id: int) -> Appointment:
    """One of the studio's appointments; 404 appointment_not_found for any other."""
    appointment = db.session.get(Appointment, appointment_id)
    if appointment is None or appointment.studio_id != staff.studio.id:
        raise api_error("appointment_not_found.studio")
    return appointment


def book_for_client(staff: Staff, actor, body: dict) -> dict:
    """Book body's service at body's start for the client user_id (one of the studio's), used as the desk books a
    class (use: pass, door or free): the booking's document with its appointment, as POST /appointments gives it."""
    service = service_of(staff.studio, body["service_id"], taking_bookings=True)
    person = db.session.get(User, body["user_id"])
    if person is None or person.role != ROLE_USER:
        raise api_error("person_not_found", user_id=body["user_id"])
    if body["use"] == "pass" and service.credits is None:
        raise api_error("pass_not_valid_here.private")
    session_id = claim_slot(person, service, body["starts_at"], body.get("teacher_id"))
    seat = {"session_id": session_id, "user_id": person.id, "seats": 1}
    seat |= {name: body[name] for name in ("use", "pass_id", "method") if body.get(name) is not None}
    try:
        booked = checkin.book_at_desk(staff, actor, seat, private=_with_event(session_id))
    except Exception:
        let_go(session_id)
        raise
    claimed(session_id)
    return {**booked, "appointment": appointment_document(session_id)}


def _with_event(session_id: int) -> EventSession:
    """The private's session with its event, as the desk's booking reads them."""
    query = select(EventSession).options(joinedload(EventSession.event)).where(EventSession.id == session_id)
    return db.session.scalars(query.execution_options(populate_existing=True)).one()


def move_for_client(staff: Staff, appointment_id: int, starts_at, teacher_id=None) -> dict:
    """Move one of the studio's privates, whenever it is: as move_private."""
    appointment = studio_appointment(staff, appointment_id)
    return move_private(appointment, starts_at, teacher_id, staff.facts())


def cancel_for_client(staff: Staff, appointment_id: int, reason: str | None) -> dict:
    """The studio cancels one of its privates: its session cancelled, every payment and credit back, its person
    told why (409 session_cancelled.already when it was)."""
    appointment = studio_appointment(staff, appointment_id)
    if db.session.get(EventSession, appointment.session_id).seats_taken == 0:
        raise api_error("appointment_not_active")
    programme.cancel_session(staff, appointment.session_id, reason)
    with unit_of_work():
        calendars_changed([appointment.teacher_id])
    return appointment_document(appointment.session_id)
