"""The day of a session, for its facilitator's check-in devices: the roster (with the session's check-in key), check-ins
sent in batches (a device's offline queue; sending it again changes nothing), and undoing a mistaken one."""

from flask_jwt_extended import current_user

from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..schemas.checkin import (
    AttendanceSchema,
    AttendanceSetSchema,
    CheckinBatchSchema,
    CheckinResultsSchema,
    RosterSchema,
    UndoQuerySchema,
)
from ..services.checkin import attendance, checkins, roster
from .facilitator import facilitator_docs, this_facilitator

blp = Blueprint("checkin", __name__, description="Check-in on the day of a session")
SESSION = "/api/facilitator/<id:facilitator_id>/sessions/<id:session_id>"


@blp.route(f"{SESSION}/roster")
@read_only
@facilitator_docs
@this_facilitator
@blp.response(200, RosterSchema)
def session_roster(session_id):
    """Every seat coming (names, codes, check-ins), the seats given back, and the session's check-in key."""
    return roster.roster(current_user, session_id)


@blp.route(f"{SESSION}/checkins", methods=["POST"])
@facilitator_docs
@this_facilitator
@blp.arguments(CheckinBatchSchema)
@blp.response(200, CheckinResultsSchema)
def check_in(body, session_id):
    """Check seats in by code or by booking: a result per item, in order (checked_in, already_checked_in, not_valid)."""
    return checkins.record(current_user, session_id, body["checkins"])


@blp.route(f"{SESSION}/checkins/<id:booking_id>", methods=["DELETE"])
@facilitator_docs
@this_facilitator
@blp.arguments(UndoQuerySchema, location="query")
@blp.response(204)
def undo_check_in(args, session_id, booking_id):
    """Undo a mistaken check-in of a seat (?seat=, 1 by default); 404 checkin_not_found."""
    checkins.undo(current_user, session_id, booking_id, args["seat"])


@blp.route(f"{SESSION}/attendance/<id:booking_id>", methods=["PUT"])
@facilitator_docs
@this_facilitator
@blp.arguments(AttendanceSchema)
@blp.response(200, AttendanceSetSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="attendance_not_taken: the session has not closed yet")
def correct_attendance(body, session_id, booking_id):
    """Correct a booking's attendance after the session closed: attended or no_show."""
    return attendance.correct(current_user, session_id, booking_id, body["attendance"])
