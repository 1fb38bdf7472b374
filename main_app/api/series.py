"""A facilitator's recurring series: sessions of an event made from a rule, and the rest of a series cancelled."""

from flask_jwt_extended import current_user

from main_app.services.facilitation import cancel_series as cancellations_cancel_series
from main_app.services.facilitation import create_series, update_series
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
from .facilitator import facilitator_docs, this_facilitator

blp = Blueprint(
    "series",
    __name__,
    url_prefix="/api/facilitator/<id:facilitator_id>",
    description="A facilitator's recurring series of sessions",
)


@blp.route("/events/<id:event_id>/series", methods=["POST"])
@facilitator_docs
@this_facilitator
@blp.arguments(SeriesCreateSchema)
@blp.response(201, SeriesSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="event_cancelled")
def add_series(body, event_id):
    """Add sessions to one of my events from a recurrence rule (at most 366), on the event's clock."""
    return create_series(current_user, event_id, body)


@blp.route("/events/<id:event_id>/series/<id:series_id>", methods=["PATCH"])
@facilitator_docs
@this_facilitator
@blp.arguments(SeriesUpdateSchema)
@blp.response(200, SeriesChangedSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="nothing_to_change, capacity_below_bookings")
def change_series(body, event_id, series_id):
    """Change a series from a day on: the time on the event's clock, the duration or the capacity, all or none."""
    return update_series(current_user, event_id, series_id, {**body, "from": body["from_"]})


@blp.route("/events/<id:event_id>/series/<id:series_id>/cancel", methods=["POST"])
@facilitator_docs
@this_facilitator
@blp.arguments(SeriesCancelSchema)
@blp.response(200, SeriesCancelledSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="nothing_to_cancel")
def cancel_series(body, event_id, series_id):
    """Cancel a series' sessions from a day on, with the usual emails, refunds and waiting-list ends."""
    return cancellations_cancel_series(current_user, event_id, series_id, {**body, "from": body["from_"]})
