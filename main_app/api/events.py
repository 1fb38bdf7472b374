"""/events: the public catalogue."""

from flask import current_app

from main_app.services.catalogue import get_event as event_service_get_event
from main_app.services.catalogue import list_events as event_service_list_events
from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..models import utcnow
from ..schemas.events import EventPageSchema, EventQuerySchema, EventSchema, event_document, event_page_document
from . import page_cache, site_limit

blp = Blueprint("events", __name__, url_prefix="/events", description="Events and their sessions")


@blp.route("")
@read_only
@blp.arguments(EventQuerySchema, location="query")
@blp.response(200, EventPageSchema)
@blp.alt_response(400, schema=APIErrorSchema)
def list_events(args):
    """Upcoming events with sessions and seats left; filter by kind, title, facilitator, dates."""
    page, per_page = args.pop("page"), args.pop("per_page")
    key = (page, per_page, *sorted(args.items()))
    # A Response passes flask-smorest's dump untouched: the documents are already in EventPageSchema's shape.
    return page_cache.cached_json(key, lambda: event_page_document(event_service_list_events(page, per_page, **args)))


@blp.route("/<id:event_id>")
@site_limit.per_site
@read_only
@blp.response(200, EventSchema)
@blp.alt_response(404, schema=APIErrorSchema)
@blp.alt_response(429, schema=APIErrorSchema, description=site_limit.REFUSED)
def get_event(event_id):
    """One event with its sessions."""
    return current_app.json.response(event_document(event_service_get_event(event_id), utcnow()))
