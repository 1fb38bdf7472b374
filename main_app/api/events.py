"""/events: the public catalogue."""
from ..services import events as event_service
from ..schemas.common import APIErrorSchema
from ..schemas.events import EventPageSchema, EventQuerySchema, EventSchema
from .blueprint import Blueprint

blp = Blueprint("events", __name__, url_prefix="/events", description="Events and their sessions")


@blp.route("")
@blp.arguments(EventQuerySchema, location="query")
@blp.response(200, EventPageSchema)
@blp.alt_response(400, schema=APIErrorSchema)
def list_events(args):
    """Upcoming events with sessions and seats left; filter by kind, title, facilitator, dates."""
    page, per_page = args.pop("page"), args.pop("per_page")
    return event_service.list_events(page, per_page, **args)


@blp.route("/<id:event_id>")
@blp.response(200, EventSchema)
@blp.alt_response(404, schema=APIErrorSchema)
def get_event(event_id):
    """One event with its sessions."""
    return event_service.get_event(event_id)
