"""Seed 004's facilitator routes: event changes forwarded to the main API, bookings from the CRM's own records."""
from flask import Response, current_app, jsonify, request

from ..auth import own_facilitator_required
from ..schemas import BookingPageSchema, BookingQuerySchema
from ..services import bookings
from ..services.main_api import get_client
from ..storage import get_store
from .base import CrmBlueprint, read_json_object

blp = CrmBlueprint(
    "facilitator", __name__, url_prefix="/api/facilitator/<int:facilitator_id>",
    description="A facilitator's own events (answered by the main API) and bookings.",
)
BEARER = [{"bearerAuth": []}]
FORWARDED = {
    "description": "The main API's answer, status and JSON body as they are (400, 403, 404, 409 included).",
}
UNAVAILABLE = {"description": "The main API is unreachable, too slow or gave no JSON (main_api_unavailable)."}


@blp.route("/events", methods=["GET"])
@own_facilitator_required
@blp.doc(security=BEARER, responses={"200": FORWARDED, "503": UNAVAILABLE})
def list_events(facilitator_id):
    """My events, as the main API lists them (the query string goes along)."""
    return _forward(f"/api/facilitator/{facilitator_id}/events")


@blp.route("/events/<int:event_id>", methods=["PUT"])
@own_facilitator_required
@blp.doc(security=BEARER, responses={"200": FORWARDED, "503": UNAVAILABLE})
def update_event(facilitator_id, event_id):
    """Edit one of my events: the JSON body is forwarded to the main API, which validates and decides."""
    return _forward(f"/api/facilitator/{facilitator_id}/events/{event_id}", read_json_object())


@blp.route("/events/<int:event_id>", methods=["DELETE"])
@own_facilitator_required
@blp.doc(security=BEARER, responses={"200": FORWARDED, "503": UNAVAILABLE})
def cancel_event(facilitator_id, event_id):
    """Cancel one of my events; an optional JSON body {"reason": "..."} is forwarded with it."""
    body = read_json_object() if request.get_data(cache=True).strip() else None
    return _forward(f"/api/facilitator/{facilitator_id}/events/{event_id}", body)


@blp.route("/bookings", methods=["GET"])
@own_facilitator_required
@blp.doc(security=BEARER)
@blp.arguments(BookingQuerySchema, location="query")
@blp.response(200, BookingPageSchema)
def list_bookings(query, facilitator_id):
    """Bookings on my events in their current state, from the booking notifications the CRM received."""
    return bookings.list_page(get_store(current_app), facilitator_id, query)


def _forward(path: str, body: object = None) -> Response:
    """This request, sent on to the same path of the main API with the caller's own token; its answer as is."""
    # Flask answers HEAD with the GET view and drops the body; the main API must still be asked for one.
    method = "GET" if request.method == "HEAD" else request.method
    answer = get_client(current_app).forward(
        method, path, request.headers["Authorization"], list(request.args.items(multi=True)), body,
    )
    response = Response(status=204) if answer.body is None else jsonify(answer.body)
    response.status_code = answer.status
    response.headers.update(answer.headers)
    return response
