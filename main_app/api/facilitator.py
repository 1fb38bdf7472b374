"""Events, sessions and registrants of the staff routes, through both doors (staff_doors): /api/facilitator/<id>/...
and /api/studios/<slug>/..."""

from flask import Response

from main_app.services.programme import add_session as programme_add_session
from main_app.services.programme import cancel_event as cancellations_cancel_event
from main_app.services.programme import cancel_session as cancellations_cancel_session
from main_app.services.programme import create_event as programme_create_event
from main_app.services.programme import get_own_event, list_own_bookings, list_own_events
from main_app.services.programme import message_registrants as session_messages_message_registrants
from main_app.services.programme import registrants as listings_registrants
from main_app.services.programme import update_event as programme_update_event
from main_app.services.programme import update_session as programme_update_session
from main_app.services.seats import line_of
from service_kit.blueprint import Blueprint
from service_kit.rate_limits import configured_limit
from service_kit.schemas import APIErrorSchema

from ..extensions import limiter
from ..schemas.bookings import CancelRequestSchema
from ..schemas.common import PageArgsSchema
from ..schemas.facilitator import (
    BookingsQuerySchema,
    CancelledEventSchema,
    CancelledSessionSchema,
    EventCreateSchema,
    EventUpdateSchema,
    FacilitatorBookingPageSchema,
    ManagedEventPageSchema,
    ManagedEventSchema,
    ManagedSessionSchema,
    MessageSentSchema,
    RegistrantsSchema,
    SessionCreateSchema,
    SessionMessageSchema,
    SessionUpdateSchema,
)
from . import registrants_csv as csv_export
from .staff_doors import _documented, acting, add_both, this_facilitator

seed = Blueprint(
    "facilitator",
    __name__,
    url_prefix="/api/facilitator/<id:facilitator_id>",
    description="A facilitator's own events, sessions and registrants (the sessions they teach)",
)
programme = Blueprint(
    "studio_programme",
    __name__,
    url_prefix="/api/studios/<slug>",
    description="A studio's events, sessions and registrants, as far as each member's role reaches",
)


def facilitator_docs(view):
    """The seed door's docs (bearer auth, 401/403/404), for staff routes not yet on a studio's."""
    return _documented(seed, view)


__all__ = ["blps", "facilitator_docs", "this_facilitator"]


@seed.arguments(PageArgsSchema, location="query")
@seed.response(200, ManagedEventPageSchema)
def list_events(args):
    """My events (all, cancelled and past too) with sessions, seats taken (active bookings) and left."""
    return list_own_events(acting(), args["page"], args["per_page"])


@seed.arguments(EventCreateSchema)
@seed.response(201, ManagedEventSchema)
@seed.alt_response(400, schema=APIErrorSchema)
def create_event(body):
    """Create an event with its sessions."""
    return programme_create_event(acting(), body)


@seed.response(200, ManagedEventSchema)
def get_event(event_id):
    """One of my events."""
    return get_own_event(acting(), event_id)


@seed.arguments(EventUpdateSchema)
@seed.response(200, ManagedEventSchema)
@seed.alt_response(409, schema=APIErrorSchema)
def update_event(body, event_id):
    """Edit an event's title, description, kind or location (fields not given stay as they are)."""
    return programme_update_event(acting(), event_id, body)


@seed.arguments(CancelRequestSchema, required=False)
@seed.response(200, CancelledEventSchema)
@seed.alt_response(409, schema=APIErrorSchema)
def cancel_event(body, event_id):
    """Cancel an event: every session and active booking on it is cancelled, with the reason given."""
    event, told = cancellations_cancel_event(acting(), event_id, body.get("reason"))
    return {"event": event, "bookings_cancelled": told}


@seed.arguments(SessionCreateSchema)
@seed.response(201, ManagedSessionSchema)
@seed.alt_response(409, schema=APIErrorSchema, description="event_cancelled")
def add_session(body, event_id):
    """Add a session to one of my events."""
    return programme_add_session(acting(), event_id, body)


@seed.arguments(SessionUpdateSchema)
@seed.response(200, ManagedSessionSchema)
@seed.alt_response(409, schema=APIErrorSchema)
def update_session(body, session_id):
    """Move a session or change its capacity (never below the seats already taken: 409)."""
    return programme_update_session(acting(), session_id, body)


@seed.arguments(CancelRequestSchema, required=False)
@seed.response(200, CancelledSessionSchema)
@seed.alt_response(409, schema=APIErrorSchema)
def cancel_session(body, session_id):
    """Cancel a session: its active bookings are cancelled with the reason given."""
    event_session, told = cancellations_cancel_session(acting(), session_id, body.get("reason"))
    return {"session": event_session, "bookings_cancelled": told}


# Inside the role check, keyed by the facilitator: only their own accepted messages count against them.
@configured_limit(
    limiter,
    "RATELIMIT_SESSION_MESSAGE",
    "You have sent several messages recently; try again in {seconds} second{s}.",
    key_func=lambda: f"session-message:{acting().id}",
    deduct_when=lambda response: response.status_code == 202,
)
@seed.arguments(SessionMessageSchema)
@seed.response(202, MessageSentSchema)
@seed.alt_response(409, schema=APIErrorSchema, description="session_cancelled, session_finished or no_recipients")
@seed.alt_response(429, schema=APIErrorSchema, description="Too many messages sent recently; see Retry-After")
def message_registrants(body, session_id):
    """Email everyone booked in the session (subject and text; replies go to me); the CRM hears it once."""
    recipients = session_messages_message_registrants(acting(), session_id, body["subject"], body["text"])
    return {"recipients": recipients}


@seed.response(200, RegistrantsSchema)
def registrants(session_id):
    """Who booked this session: name, email, booked at, status (cancelled ones too)."""
    event_session, bookings = listings_registrants(acting(), session_id)
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
                "child": entry.dependent,
            }
            for entry, position in line_of(session_id)
        ],
    }


@seed.response(
    200,
    content_type="text/csv",
    description="One header row, one row per registrant, then the waiting list in order.",
)
def registrants_csv(session_id):
    """The registrants as a CSV download (RFC 4180), every cell quoted: one holding ; or a tab stays one cell in a
    spreadsheet that splits on those."""
    event_session, bookings = listings_registrants(acting(), session_id)
    timezone = event_session.event.studio.timezone  # the studio's clock, as its other downloads
    text = csv_export.document(bookings, line_of(session_id), timezone, event_session.questions)
    return Response(
        text,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="session-{session_id}-registrants.csv"'},
    )


@seed.arguments(BookingsQuerySchema, location="query")
@seed.response(200, FacilitatorBookingPageSchema)
def list_bookings(args):
    """Bookings on my events, newest first; ?status=active or cancelled."""
    return list_own_bookings(acting(), args["page"], args["per_page"], args.get("status"))


# (rule, methods, view, the studio door's permissions: any one lets a member in)
ROUTES = [
    ("/events", ["GET"], list_events, ("sessions.own", "desk.checkin")),
    ("/events", ["POST"], create_event, ("events.manage",)),
    ("/events/<id:event_id>", ["GET"], get_event, ("sessions.own", "desk.checkin")),
    ("/events/<id:event_id>", ["PUT", "PATCH"], update_event, ("events.manage",)),
    ("/events/<id:event_id>", ["DELETE"], cancel_event, ("events.manage",)),
    ("/events/<id:event_id>/sessions", ["POST"], add_session, ("events.manage",)),
    ("/sessions/<id:session_id>", ["PUT", "PATCH"], update_session, ("events.manage",)),
    ("/sessions/<id:session_id>/cancel", ["POST"], cancel_session, ("events.manage",)),
    ("/sessions/<id:session_id>/message", ["POST"], message_registrants, ("messages.own",)),
    ("/sessions/<id:session_id>/registrants", ["GET"], registrants, ("registrants.own", "desk.checkin")),
    ("/sessions/<id:session_id>/registrants.csv", ["GET"], registrants_csv, ("registrants.own", "desk.checkin")),
    ("/bookings", ["GET"], list_bookings, ("registrants.all",)),
]
READS_ONLY = {list_events, get_event, registrants, list_bookings}
blps = (seed, programme)
add_both(ROUTES, READS_ONLY, seed, programme)
