"""The day of a session, for its check-in devices, through both doors (staff_doors): /api/facilitator/<id>/... and
/api/studios/<slug>/...: the roster (with the session's check-in key), check-ins sent in batches (a device's offline
queue; sending it again changes nothing), undoing a mistaken one, walk-ins, attendance and feedback read; and the
feedback links of the people who came."""

from datetime import timedelta

from flask import Response

from main_app.services.checkin import answer_feedback as feedback_answer_feedback
from main_app.services.checkin import correct_attendance as attendance_correct_attendance
from main_app.services.checkin import (
    feedback_for_session,
    person_history,
    record_checkin,
    session_figures,
    sessions_in_range,
    undo_checkin,
)
from main_app.services.checkin import read_feedback as feedback_read_feedback
from main_app.services.checkin import session_roster as roster_session_roster
from main_app.services.checkin import walk_in as walkins_walk_in
from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..models import utcnow
from ..schemas.checkin import (
    AttendanceSchema,
    AttendanceSetSchema,
    CheckinBatchSchema,
    CheckinResultsSchema,
    FeedbackAnswerSchema,
    FeedbackQuerySchema,
    FeedbackSchema,
    PersonAttendanceSchema,
    RangeQuerySchema,
    RosterSchema,
    SessionAttendanceSchema,
    SessionFeedbackSchema,
    UndoQuerySchema,
    WalkInResultSchema,
    WalkInSchema,
)
from . import registrants_csv as csv_export
from .staff_doors import acting, add_both, download_zone

blp = Blueprint("checkin", __name__, description="Check-in on the day of a session")
desk = Blueprint(
    "studio_checkin",
    __name__,
    url_prefix="/api/studios/<slug>",
    description="Check-in at a studio's sessions, as far as each member's role reaches",
)
MINE = "/api/facilitator/<id:facilitator_id>"


@blp.response(200, RosterSchema)
def session_roster(session_id):
    """Every seat coming (names, codes, check-ins), the seats given back, and the session's check-in key."""
    return roster_session_roster(acting(), session_id)


@blp.arguments(CheckinBatchSchema)
@blp.response(200, CheckinResultsSchema)
def check_in(body, session_id):
    """Check seats in by code or by booking: a result per item, in order (checked_in, already_checked_in, not_valid)."""
    return record_checkin(acting(), session_id, body["checkins"])


@blp.arguments(UndoQuerySchema, location="query")
@blp.response(204)
def undo_check_in(args, session_id, booking_id):
    """Undo a mistaken check-in of a seat (?seat=, 1 by default); 404 checkin_not_found."""
    undo_checkin(acting(), session_id, booking_id, args["seat"])


@blp.arguments(AttendanceSchema)
@blp.response(200, AttendanceSetSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="attendance_not_taken: the session has not closed yet")
def correct_attendance(body, session_id, booking_id):
    """Correct a booking's attendance after the session closed: attended or no_show."""
    return attendance_correct_attendance(acting(), session_id, booking_id, body["attendance"])


@blp.response(200, SessionAttendanceSchema)
def session_attendance(session_id):
    """The session's figures: seats booked, attended, no-shows, seats checked in, late cancels."""
    return session_figures(acting(), session_id)


@blp.response(200, PersonAttendanceSchema)
def person_attendance(user_id):
    """A person's history with my sessions, newest first, and their totals; 404 person_not_found."""
    return person_history(acting(), user_id)


@blp.arguments(RangeQuerySchema, location="query")
@blp.response(200, content_type="text/csv", description="One header row, one row per session, oldest first.")
def attendance_csv(args):
    """My sessions starting in ?from= to ?to= (default: the last 90 days to tomorrow) with their attendance."""
    end = args.get("end") or utcnow() + timedelta(days=1)
    start = args.get("start") or end - timedelta(days=91)
    if "end" not in args and args.get("start"):
        end = start + timedelta(days=91)
    text = csv_export.attendance_document(sessions_in_range(acting(), start, end), download_zone())
    return Response(text, mimetype="text/csv", headers={"Content-Disposition": 'attachment; filename="attendance.csv"'})


@blp.arguments(WalkInSchema)
@blp.response(201, WalkInResultSchema)
@blp.alt_response(
    409,
    schema=APIErrorSchema,
    description="checkin_not_open, checkin_closed, session_full, payment_needed, not_a_person, already_booked, or a "
    "pass's refusal",
)
def walk_in(body, session_id):
    """Book someone at the door (found by email, or a new account) and check them in, in one transaction."""
    return walkins_walk_in(acting(), session_id, body)


@blp.response(200, SessionFeedbackSchema)
def session_feedback(session_id):
    """The ratings and comments of the people who came, newest first, and their average."""
    return feedback_for_session(acting(), session_id)


@blp.route("/feedback")
@read_only
@blp.arguments(FeedbackQuerySchema, location="query")
@blp.response(200, FeedbackSchema)
@blp.alt_response(400, schema=APIErrorSchema, description="invalid_token: altered, or older than a week")
@blp.alt_response(409, schema=APIErrorSchema, description="not_attended")
def read_feedback(args):
    """What a feedback link (from the email after a session attended) is about, and the answer so far."""
    return feedback_read_feedback(args["token"])


@blp.route("/feedback", methods=["POST"])
@blp.arguments(FeedbackAnswerSchema)
@blp.response(200, FeedbackSchema)
@blp.alt_response(400, schema=APIErrorSchema, description="invalid_token, or validation_error naming the field")
@blp.alt_response(409, schema=APIErrorSchema, description="not_attended")
def answer_feedback(body):
    """Rate a session attended from 1 to 5, with an optional comment; again within the week to change it."""
    return feedback_answer_feedback(body["token"], body["rating"], body.get("comment"))


SESSION = "/sessions/<id:session_id>"
CHECKING_IN = ("checkin.own", "desk.checkin")
READING = ("registrants.own",)
# (rule, methods, view, the studio door's permissions: any one lets a member in)
ROUTES = [
    (f"{SESSION}/roster", ["GET"], session_roster, CHECKING_IN),
    (f"{SESSION}/checkins", ["POST"], check_in, CHECKING_IN),
    (f"{SESSION}/checkins/<id:booking_id>", ["DELETE"], undo_check_in, CHECKING_IN),
    (f"{SESSION}/attendance/<id:booking_id>", ["PUT"], correct_attendance, CHECKING_IN),
    (f"{SESSION}/walk-ins", ["POST"], walk_in, ("checkin.own", "desk.walkins")),
    (f"{SESSION}/attendance", ["GET"], session_attendance, READING),
    (f"{SESSION}/feedback", ["GET"], session_feedback, READING),
    ("/people/<id:user_id>/attendance", ["GET"], person_attendance, READING),
    ("/attendance.csv", ["GET"], attendance_csv, READING),
]
READS_ONLY = {session_roster, session_attendance, session_feedback, person_attendance, attendance_csv}
blps = (blp, desk)
add_both(ROUTES, READS_ONLY, blp, desk, seed_prefix=MINE)
