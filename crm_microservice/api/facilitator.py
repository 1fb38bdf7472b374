"""Seed 004's facilitator routes: event changes forwarded to the main API, bookings from the CRM's own records."""

from flask import Response, current_app, jsonify, request

from service_kit.blueprint import Blueprint
from service_kit.docs import BEARER
from service_kit.schemas import APIErrorSchema

from ..schemas import (
    BookingPageSchema,
    BookingQuerySchema,
    EventChangesSchema,
    ForwardedPageArgsSchema,
    ForwardedSchema,
    ReasonSchema,
)
from ..security import own_facilitator_required
from ..services import bookings
from ..services.main_api import get_client
from ..storage import get_store
from .json_body import read_json_object

blp = Blueprint(
    "facilitator",
    __name__,
    url_prefix="/api/facilitator/<id:facilitator_id>",
    description="A facilitator's own events (answered by the main API) and bookings.",
)
NOT_OWN = "Not a facilitator's token, or another facilitator's id (the CRM's check, or the main API's)."


def _forwarded(*statuses: int, body=None, body_required: bool = False):
    """Docs of a forwarded route: the main API's answer (200 and these errors, in the error shape) or 503;
    body, a schema, documents the JSON body that goes along (the main API checks it, not the CRM)."""

    def decorator(view):
        view = blp.alt_response(
            200,
            schema=ForwardedSchema,
            success=True,
            description="The main API's answer, as it is (see its /openapi.json).",
        )(view)
        for status in statuses:
            view = blp.alt_response(status, schema=APIErrorSchema, description="The main API's answer, as it is.")(view)
        view = blp.alt_response(403, schema=APIErrorSchema, description=NOT_OWN)(view)
        view = blp.alt_response(
            503,
            schema=APIErrorSchema,
            description=("main_api_unavailable: the main API is unreachable, too slow or gave no JSON."),
        )(view)
        extra = (
            {"requestBody": {"required": body_required, "content": {"application/json": {"schema": body}}}}
            if body
            else {}
        )
        return blp.doc(security=BEARER, **extra)(view)

    return decorator


@blp.route("/events", methods=["GET"])
@own_facilitator_required
@_forwarded(400, 404)
@blp.doc(parameters=[{"in": "query", "schema": ForwardedPageArgsSchema}])
def list_events(facilitator_id):
    """My events, as the main API lists them (the query string goes along)."""
    return _forward(f"/api/facilitator/{facilitator_id}/events")


@blp.route("/events/<id:event_id>", methods=["PUT"])
@own_facilitator_required
@_forwarded(404, 409, body=EventChangesSchema, body_required=True)
def update_event(facilitator_id, event_id):
    """Edit one of my events: the JSON body is forwarded to the main API, which validates and decides."""
    return _forward(f"/api/facilitator/{facilitator_id}/events/{event_id}", read_json_object())


@blp.route("/events/<id:event_id>", methods=["DELETE"])
@own_facilitator_required
@_forwarded(404, 409, body=ReasonSchema)
def cancel_event(facilitator_id, event_id):
    """Cancel one of my events; an optional JSON body {"reason": "..."} is forwarded with it."""
    body = read_json_object() if request.get_data(cache=True).strip() else None
    return _forward(f"/api/facilitator/{facilitator_id}/events/{event_id}", body)


@blp.route("/bookings", methods=["GET"])
@own_facilitator_required
@blp.doc(security=BEARER)
@blp.arguments(BookingQuerySchema, location="query")
@blp.response(200, BookingPageSchema)
@blp.alt_response(403, schema=APIErrorSchema, description=NOT_OWN)
@blp.alt_response(404, schema=APIErrorSchema, description="Not an id (the path's ids are integers).")
def list_bookings(query, facilitator_id):
    """Bookings on my events in their current state, from the booking notifications the CRM received."""
    return bookings.list_page(get_store(current_app), facilitator_id, query)


def _forward(path: str, body: object = None) -> Response:
    """This request, sent on to the same path of the main API with the caller's own token; its answer as is."""
    # Flask answers HEAD with the GET view and drops the body; the main API must still be asked for one.
    method = "GET" if request.method == "HEAD" else request.method
    answer = get_client(current_app).forward(
        method,
        path,
        request.headers["Authorization"],
        list(request.args.items(multi=True)),
        body,
    )
    response = Response(status=204) if answer.body is None else jsonify(answer.body)
    response.status_code = answer.status
    response.headers.update(answer.headers)
    return response
