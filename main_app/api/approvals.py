"""/api/facilitator/<id>/approvals and .../bookings/<id>/approve | decline: requests to book the facilitator's events
that require approval, and their decision (that facilitator only)."""

from flask_jwt_extended import current_user

from main_app.services.bookings import approve_request, decline_request, waiting_requests
from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..schemas.approvals import ApprovalPageSchema, DeclineRequestSchema
from ..schemas.bookings import BookingSchema
from ..schemas.common import PageArgsSchema
from .facilitator import facilitator_docs, this_facilitator

blp = Blueprint("approvals", __name__, description="Requests to book events that require approval")
PREFIX = "/api/facilitator/<id:facilitator_id>"


@blp.route(f"{PREFIX}/approvals")
@read_only
@facilitator_docs
@this_facilitator
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, ApprovalPageSchema)
def list_approvals(args):
    """Requests on my events waiting for my decision, oldest first, with the person's answers."""
    return waiting_requests(current_user, args["page"], args["per_page"])


@blp.route(f"{PREFIX}/bookings/<id:booking_id>/approve", methods=["POST"])
@facilitator_docs
@this_facilitator
@blp.response(200, BookingSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="not_pending_approval")
def approve(booking_id):
    """Approve a request: a free seat is booked (confirmed by email), a paid one held for its payment (the person
    is emailed the pay link)."""
    return approve_request(current_user, booking_id)


@blp.route(f"{PREFIX}/bookings/<id:booking_id>/decline", methods=["POST"])
@facilitator_docs
@this_facilitator
@blp.arguments(DeclineRequestSchema)
@blp.response(200, BookingSchema)
@blp.alt_response(400, schema=APIErrorSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="not_pending_approval")
def decline(body, booking_id):
    """Decline a request with a message to the person: the seat goes back (to the waiting list first)."""
    return decline_request(current_user, booking_id, body["message"])
