"""Waiting-list offers, answered through the signed link the person was sent: look, take the seat, or decline."""

from flask import jsonify

from main_app.services.bookings import accept_offer as offer_replies_accept_offer
from main_app.services.bookings import decline_offer as offer_replies_decline_offer
from main_app.services.bookings import offer_document
from main_app.services.forms import require_signed
from main_app.services.seats import find_offer
from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..schemas.bookings import BookingSchema
from ..schemas.offers import DeclinedSchema, OfferSchema

blp = Blueprint("offers", __name__, description="Waiting-list offers, through their signed links")
TOKEN = "/waitlist/offers/<string(maxlength=300):token>"
GONE = "offer_not_found: the link is not ours, or the offer was taken, declined or has ended"


@blp.route(TOKEN)
@read_only
@blp.response(200, OfferSchema)
@blp.alt_response(404, schema=APIErrorSchema, description=GONE)
def show_offer(token):
    """The offer a link names: open or ended, until when, the session and its price."""
    return offer_document(token)


@blp.route(f"{TOKEN}/accept", methods=["POST"])
@blp.response(201, BookingSchema)
@blp.alt_response(404, schema=APIErrorSchema, description=GONE)
@blp.alt_response(
    409,
    schema=APIErrorSchema,
    description="offer_expired: its time ran out; the seat went on; form_signature_required (details.forms): a "
    "required form's version published while they waited is unsigned (signed, the link works again until its time)",
)
def accept_offer(token):
    """Take the offered seat: the booking (active; pending_payment for a paid session, paid on its payment page)."""
    entry = find_offer(token).entry
    require_signed(entry.user_id, entry.session_id)  # a version published while they waited is asked for too
    # Shaped by the service already (BookingSchema's document): sent as it is.
    return jsonify(offer_replies_accept_offer(token)), 201


@blp.route(f"{TOKEN}/decline", methods=["POST"])
@blp.response(200, DeclinedSchema)
@blp.alt_response(404, schema=APIErrorSchema, description=GONE)
def decline_offer(token):
    """Decline the offered seat: it goes to the next person in line at once."""
    return offer_replies_decline_offer(token)
