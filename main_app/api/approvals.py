"""Requests to book events that require approval, and their decision, through both doors (staff_doors):
/api/facilitator/<id>/approvals and .../bookings/<id>/approve | decline (the events that facilitator teaches in), and
/api/studios/<slug>/... (a studio's owners and managers, over its whole programme)."""

from main_app.services.bookings import approve_request, decline_request, waiting_requests
from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..schemas.approvals import ApprovalPageSchema, DeclineRequestSchema
from ..schemas.bookings import BookingSchema
from ..schemas.common import PageArgsSchema
from .staff_doors import acting, add_both

blp = Blueprint("approvals", __name__, description="Requests to book events that require approval")
studio = Blueprint(
    "studio_approvals",
    __name__,
    url_prefix="/api/studios/<slug>",
    description="Requests to book a studio's events that require approval",
)
PREFIX = "/api/facilitator/<id:facilitator_id>"


@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, ApprovalPageSchema)
def list_approvals(args):
    """Requests on my events waiting for my decision, oldest first, with the person's answers."""
    return waiting_requests(acting(), args["page"], args["per_page"])


@blp.response(200, BookingSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="not_pending_approval")
def approve(booking_id):
    """Approve a request: a free seat is booked (confirmed by email), a paid one held for its payment (the person
    is emailed the pay link)."""
    return approve_request(acting(), booking_id)


@blp.arguments(DeclineRequestSchema)
@blp.response(200, BookingSchema)
@blp.alt_response(400, schema=APIErrorSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="not_pending_approval")
def decline(body, booking_id):
    """Decline a request with a message to the person: the seat goes back (to the waiting list first)."""
    return decline_request(acting(), booking_id, body["message"])


# (rule, methods, view, the studio door's permissions: any one lets a member in)
ROUTES = [
    ("/approvals", ["GET"], list_approvals, ("registrants.all",)),
    ("/bookings/<id:booking_id>/approve", ["POST"], approve, ("registrants.all",)),
    ("/bookings/<id:booking_id>/decline", ["POST"], decline, ("registrants.all",)),
]
blps = (blp, studio)
add_both(ROUTES, {list_approvals}, blp, studio, seed_prefix=PREFIX)
