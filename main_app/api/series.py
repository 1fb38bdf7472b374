"""Recurring series: sessions of an event made from a rule, changed or cancelled from a day on, through both doors
(staff_doors): /api/facilitator/<id>/... and /api/studios/<slug>/... (members who manage the studio's events)."""

from main_app.services.programme import cancel_series as cancellations_cancel_series
from main_app.services.programme import create_series, update_series
from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..schemas.series import (
    SeriesCancelledSchema,
    SeriesCancelSchema,
    SeriesChangedSchema,
    SeriesCreateSchema,
    SeriesSchema,
    SeriesUpdateSchema,
)
from .staff_doors import acting, add_both

blp = Blueprint(
    "series",
    __name__,
    url_prefix="/api/facilitator/<id:facilitator_id>",
    description="A facilitator's recurring series of sessions",
)
studio = Blueprint(
    "studio_series",
    __name__,
    url_prefix="/api/studios/<slug>",
    description="A studio's recurring series of sessions",
)


@blp.arguments(SeriesCreateSchema)
@blp.response(201, SeriesSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="event_cancelled")
def add_series(body, event_id):
    """Add sessions to one of my events from a recurrence rule (at most 366), on the event's clock."""
    return create_series(acting(), event_id, body)


@blp.arguments(SeriesUpdateSchema)
@blp.response(200, SeriesChangedSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="nothing_to_change, capacity_below_bookings")
def change_series(body, event_id, series_id):
    """Change a series from a day on: the time on the event's clock, the duration or the capacity, all or none."""
    return update_series(acting(), event_id, series_id, {**body, "from": body["from_"]})


@blp.arguments(SeriesCancelSchema)
@blp.response(200, SeriesCancelledSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="nothing_to_cancel")
def cancel_series(body, event_id, series_id):
    """Cancel a series' sessions from a day on, with the usual emails, refunds and waiting-list ends."""
    return cancellations_cancel_series(acting(), event_id, series_id, {**body, "from": body["from_"]})


SERIES = "/events/<id:event_id>/series"
# (rule, methods, view, the studio door's permissions: any one lets a member in)
ROUTES = [
    (SERIES, ["POST"], add_series, ("events.manage",)),
    (f"{SERIES}/<id:series_id>", ["PATCH"], change_series, ("events.manage",)),
    (f"{SERIES}/<id:series_id>/cancel", ["POST"], cancel_series, ("events.manage",)),
]
blps = (blp, studio)
add_both(ROUTES, set(), blp, studio)
