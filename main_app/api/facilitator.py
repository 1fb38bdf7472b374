"""/api/facilitator/<id>/...: a facilitator's own events, sessions and registrants (that facilitator only)."""

from functools import wraps

from flask import Response
from flask_jwt_extended import current_user

from main_app.services.facilitation import add_session as facilitation_add_session
from main_app.services.facilitation import cancel_event as cancellations_cancel_event
from main_app.services.facilitation import cancel_session as cancellations_cancel_session
from main_app.services.facilitation import create_event as facilitation_create_event
from main_app.services.facilitation import get_own_event, list_own_bookings, list_own_events
from main_app.services.facilitation import message_registrants as session_messages_message_registrants
from main_app.services.facilitation import registrants as listings_registrants
from main_app.services.facilitation import update_event as facilitation_update_event
from main_app.services.facilitation import update_session as facilitation_update_session
from main_app.services.seats import line_of
from service_kit.blueprint import Blueprint
from service_kit.docs import BEARER
from service_kit.rate_limits import configured_limit
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..error_codes import api_error
from ..extensions import limiter
from ..models import ROLE_FACILITATOR
from ..schemas.bookings import CancelRequestSchema
from ..schemas.common import PageArgsSchema
from ..schemas.events import EventPageSchema, EventSchema, SessionSchema
from ..schemas.facilitator import (
    BookingsQuerySchema,
    CancelledEventSchema,
    CancelledSessionSchema,
    EventCreateSchema,
    EventUpdateSchema,
    FacilitatorBookingPageSchema,
    MessageSentSchema,
    RegistrantsSchema,
    SessionCreateSchema,
    SessionMessageSchema,
    SessionUpdateSchema,
)
from ..security import role_required
from . import registrants_csv as csv_export

blp = Blueprint(
    "facilitator",
    __name__,
    url_prefix="/api/facilitator/<id:facilitator_id>",
    description="A facilitator's own events, sessions and registrants",
)


def this_facilitator(view):
    """Facilitator role and the path's id is the caller's own; else 401 / 403."""

    @role_required(ROLE_FACILITATOR)
    @wraps(view)
    def wrapper(*args, facilitator_id, **kwargs):
        if current_user.id != facilitator_id:
            raise api_error("forbidden.own_events")
        return view(*args, **kwargs)

    return wrapper


def facilitator_docs(blp_view):
    """Every route here: bearer auth, and the 401/403/404 answers it can give."""
    for status in (401, 403, 404):
        blp_view = blp.alt_response(status, schema=APIErrorSchema)(blp_view)
    return blp.doc(security=BEARER)(blp_view)


@blp.route("/events")
@read_only
@facilitator_docs
@this_facilitator
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, EventPageSchema)
def list_events(args):
    """My events (all, cancelled and past too) with sessions, seats taken (active bookings) and left."""
    return list_own_events(current_user, args["page"], args["per_page"])


@blp.route("/events", methods=["POST"])
@facilitator_docs
@this_facilitator
@blp.arguments(EventCreateSchema)
@blp.response(201, EventSchema)
@blp.alt_response(400, schema=APIErrorSchema)
def create_event(body):
    """Create an event with its sessions."""
    return facilitation_create_event(current_user, body)


@blp.route("/events/<id:event_id>")
@read_only
@facilitator_docs
@this_facilitator
@blp.response(200, EventSchema)
def get_event(event_id):
    """One of my events."""
    return get_own_event(current_user, event_id)


@blp.route("/events/<id:event_id>", methods=["PUT", "PATCH"])
@facilitator_docs
@this_facilitator
@blp.arguments(EventUpdateSchema)
@blp.response(200, EventSchema)
@blp.alt_response(409, schema=APIErrorSchema)
def update_event(body, event_id):
    """Edit an event's title, description, kind or location (fields not given stay as they are)."""
    return facilitation_update_event(current_user, event_id, body)


@blp.route("/events/<id:event_id>", methods=["DELETE"])
@facilitator_docs
@this_facilitator
@blp.arguments(CancelRequestSchema, required=False)
@blp.response(200, CancelledEventSchema)
@blp.alt_response(409, schema=APIErrorSchema)
def cancel_event(body, event_id):
    """Cancel an event: every session and active booking on it is cancelled, with the reason given."""
    event, told = cancellations_cancel_event(current_user, event_id, body.get("reason"))
    return {"event": event, "bookings_cancelled": told}


@blp.route("/events/<id:event_id>/sessions", methods=["POST"])
@facilitator_docs
@this_facilitator
@blp.arguments(SessionCreateSchema)
@blp.response(201, SessionSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="event_cancelled")
def add_session(body, event_id):
    """Add a session to one of my events."""
    return facilitation_add_session(current_user, event_id, body)


@blp.route("/sessions/<id:session_id>", methods=["PUT", "PATCH"])
@facilitator_docs
@this_facilitator
@blp.arguments(SessionUpdateSchema)
@blp.response(200, SessionSchema)
@blp.alt_response(409, schema=APIErrorSchema)
def update_session(body, session_id):
    """Move a session or change its capacity (never below the seats already taken: 409)."""
    return facilitation_update_session(current_user, session_id, body)


@blp.route("/sessions/<id:session_id>/cancel", methods=["POST"])
@facilitator_docs
@this_facilitator
@blp.arguments(CancelRequestSchema, required=False)
@blp.response(200, CancelledSessionSchema)
@blp.alt_response(409, schema=APIErrorSchema)
def cancel_session(body, session_id):
    """Cancel a session: its active bookings are cancelled with the reason given."""
    event_session, told = cancellations_cancel_session(current_user, session_id, body.get("reason"))
    return {"session": event_session, "bookings_cancelled": told}


@blp.route("/sessions/<id:session_id>/message", methods=["POST"])
@facilitator_docs
@this_facilitator
# Inside the role check, keyed by the facilitator: only their own accepted messages count against them.
@configured_limit(
    limiter,
    "RATELIMIT_SESSION_MESSAGE",
    "You have sent several messages recently; try again in {seconds} second{s}.",
    key_func=lambda: f"session-message:{current_user.id}",
    deduct_when=lambda response: response.status_code == 202,
)
@blp.arguments(SessionMessageSchema)
@blp.response(202, MessageSentSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="session_cancelled, session_finished or no_recipients")
@blp.alt_response(429, schema=APIErrorSchema, description="Too many messages sent recently; see Retry-After")
def message_registrants(body, session_id):
    """Email everyone booked in the session (subject and text; replies go to me); the CRM hears it once."""
    recipients = session_messages_message_registrants(current_user, session_id, body["subject"], body["text"])
    return {"recipients": recipients}


@blp.route("/sessions/<id:session_id>/registrants")
@read_only
@facilitator_docs
@this_facilitator
@blp.response(200, RegistrantsSchema)
def registrants(session_id):
    """Who booked this session: name, email, booked at, status (cancelled ones too)."""
    event_session, bookings = listings_registrants(current_user, session_id)
    return {
        "session": event_session,
        "event": event_session.event,
        "active": event_session.seats_taken,
        "items": bookings,
        "waiting": [
            {
                "position": position,
                "name": entry.user.name,
                "email": entry.user.email,
                "user_id": entry.user_id,
                "joined_at": entry.created_at,
                "seats": entry.seats,
                "option": entry.option,
            }
            for entry, position in line_of(session_id)
        ],
    }


@blp.route("/sessions/<id:session_id>/registrants.csv")
@read_only
@facilitator_docs
@this_facilitator
@blp.response(
    200, content_type="text/csv", description="One header row, one row per registrant, then the waiting list in order."
)
def registrants_csv(session_id):
    """The registrants as a CSV download (RFC 4180), every cell quoted: one holding ; or a tab stays one cell in a
    spreadsheet that splits on those."""
    event_session, bookings = listings_registrants(current_user, session_id)
    text = csv_export.document(bookings, line_of(session_id), event_session.questions)
    return Response(
        text,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="session-{session_id}-registrants.csv"'},
    )


@blp.route("/bookings")
@read_only
@facilitator_docs
@this_facilitator
@blp.arguments(BookingsQuerySchema, location="query")
@blp.response(200, FacilitatorBookingPageSchema)
def list_bookings(args):
    """Bookings on my events, newest first; ?status=active or cancelled."""
    return list_own_bookings(current_user, args["page"], args["per_page"], args.get("status"))
