"""A studio's board of private sessions (/api/studios/<slug>/appointments...): its staff see every teacher's day or
week, book a client in at the desk and move one (appointments.board), cancel one (appointments.manage); a teacher
sees their own (appointments.own) and keeps their own hours (/my-hours)."""

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import jsonify

from main_app.services import appointments, calendar_sync
from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..schemas.appointments import (
    AppointmentSchema,
    BoardArgsSchema,
    BoardSchema,
    BookedPrivateSchema,
    CalendarLinkSchema,
    CalendarStateSchema,
    DeskPrivateSchema,
    HoursInSchema,
    HoursSchema,
    MovePrivateSchema,
    StaffCancelSchema,
)
from .staff_doors import acting, studio_guard

blp = Blueprint(
    "appointment_board", __name__, url_prefix="/api/studios/<slug>", description="A studio's board of privates"
)
guard = studio_guard(blp)
NOT_FOUND = "appointment_not_found: not one of the studio's"


@blp.route("/appointments", methods=["GET"])
@read_only
@guard("appointments.board", "appointments.own")
@blp.arguments(BoardArgsSchema, location="query")
@blp.response(200, BoardSchema)
def board(args):
    """The board of a day or a week: every teacher who gives a private (one, with teacher_id), their privates held
    and their classes here; a teacher with appointments.own alone sees their own column."""
    staff = acting()
    teacher_id = args.get("teacher_id")
    if not staff.may("appointments.board"):
        teacher_id = staff.id
    first = args.get("from_") or datetime.now(ZoneInfo(staff.studio.timezone)).date()
    return appointments.board(staff.studio, first, args["days"], teacher_id)


@blp.route("/appointments", methods=["POST"])
@guard("appointments.board")
@blp.arguments(DeskPrivateSchema)
@blp.response(201, BookedPrivateSchema)
@blp.alt_response(404, schema=APIErrorSchema, description="appointment_service_not_found, person_not_found")
@blp.alt_response(
    409,
    schema=APIErrorSchema,
    description="teacher_busy, pass_not_valid_here, payment_needed, session_free, billing_address_required, or "
    "a pass's refusal",
)
def book_for_client(body):
    """Book one of the studio's clients into a private at one of its free slots: with their pass, paid at the desk
    (cash, card terminal or UPI, with who took it) or free; an audit entry names it."""
    staff = acting()
    actor = staff.actor()
    return jsonify(appointments.book_for_client(staff, actor, body)), 201


@blp.route("/appointments/<id:appointment_id>/move", methods=["POST"])
@guard("appointments.board")
@blp.arguments(MovePrivateSchema)
@blp.response(200, AppointmentSchema)
@blp.alt_response(404, schema=APIErrorSchema, description=NOT_FOUND)
@blp.alt_response(409, schema=APIErrorSchema, description="teacher_busy, appointment_not_active")
def move(body, appointment_id):
    """Move a private to another free slot of its service, whenever it is; its person hears as of any move."""
    return appointments.move_for_client(acting(), appointment_id, body["starts_at"], body["teacher_id"])


@blp.route("/appointments/<id:appointment_id>/cancel", methods=["POST"])
@guard("appointments.manage")
@blp.arguments(StaffCancelSchema)
@blp.response(200, AppointmentSchema)
@blp.alt_response(404, schema=APIErrorSchema, description=NOT_FOUND)
@blp.alt_response(409, schema=APIErrorSchema, description="appointment_not_active, session_cancelled")
def cancel(body, appointment_id):
    """The studio cancels a private: every payment and credit back, its person told why."""
    return appointments.cancel_for_client(acting(), appointment_id, body.get("reason"))


@blp.route("/my-hours", methods=["GET"])
@read_only
@guard("appointments.own")
@blp.response(200, HoursSchema)
def my_hours():
    """My weekly hours and days off here, from today on, on the studio's clock."""
    staff = acting()
    return appointments.hours_document(staff.studio, staff.id)


@blp.route("/my-hours", methods=["PUT"])
@guard("appointments.own")
@blp.arguments(HoursInSchema)
@blp.response(200, HoursSchema)
def set_my_hours(body):
    """Replace my weekly hours and my days off and extra hours from today on."""
    staff = acting()
    return appointments.set_hours(staff.studio, staff.id, body)


@blp.route("/my-calendar", methods=["GET"])
@read_only
@guard("appointments.own")
@blp.response(200, CalendarStateSchema)
def my_calendar():
    """My own calendar as linked: its kind and host, when it was last read and written, its last error."""
    return calendar_sync.calendar_document(acting().user)


@blp.route("/my-calendar", methods=["PUT"])
@guard("appointments.own")
@blp.arguments(CalendarLinkSchema)
@blp.response(200, CalendarStateSchema)
def link_my_calendar(body):
    """Link my own calendar (CalDAV, read and written; or an iCal address, read): its busy times block my privates'
    slots, and my classes and privates are written to a CalDAV one; read now and every ten minutes."""
    return calendar_sync.link_calendar(acting().user, body)


@blp.route("/my-calendar/sync", methods=["POST"])
@guard("appointments.own")
@blp.response(200, CalendarStateSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="calendar_not_linked")
def sync_my_calendar():
    """Read and write my calendar now rather than at its next turn."""
    return calendar_sync.sync_now(acting().user)


@blp.route("/my-calendar", methods=["DELETE"])
@guard("appointments.own")
@blp.response(204)
def unlink_my_calendar():
    """Unlink my calendar: its login and busy times are forgotten (what was written there stays)."""
    calendar_sync.unlink_calendar(acting().user)
