"""/timetable: the public week (or up to a month) of sessions across events, day by day."""

from flask import current_app

from main_app.services.catalogue import timetable_between as timetable
from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..schemas.timetable import TimetableQuerySchema, TimetableSchema
from . import site_limit

blp = Blueprint("timetable", __name__, url_prefix="/timetable", description="Sessions day by day across events")


@blp.route("")
@site_limit.per_site
@read_only
@blp.arguments(TimetableQuerySchema, location="query")
@blp.response(200, TimetableSchema)
@blp.alt_response(400, schema=APIErrorSchema)
@blp.alt_response(429, schema=APIErrorSchema, description=site_limit.REFUSED)
def get_timetable(args):
    """Scheduled sessions from one day to another (at most 31), day by day on each event's clock, by start."""
    first, last = args.pop("from_"), args.pop("to")
    # Already in TimetableSchema's shape: a Response passes flask-smorest's dump untouched.
    return current_app.json.response(timetable(first, last, **args))
