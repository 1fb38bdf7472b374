"""/api/studios/<slug>/desk/...: the front desk's own routes, selling a pass and booking a client into a class (the
check-in and walk-in routes are the programme's)."""

from flask import jsonify

from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..schemas.desk import (
    DeskBookedSchema,
    DeskBookingSchema,
    DeskClientListSchema,
    DeskClientQuerySchema,
)
from ..schemas.studios import DeskSaleSchema, DeskSoldSchema
from ..services import checkin
from .staff_doors import acting, studio_guard

blp = Blueprint("desk", __name__, url_prefix="/api/studios/<slug>", description="A studio's front desk")
guard = studio_guard(blp)


@blp.route("/desk/passes", methods=["POST"])
@guard("desk.sales")
@blp.arguments(DeskSaleSchema)
@blp.response(201, DeskSoldSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="pass_retired, not_a_person")
def sell_pass(body):
    """Sell one of the studio's passes at the desk, paid there in cash or on the card terminal: good at once."""
    staff = acting()
    actor = staff.actor()
    return checkin.sell_at_desk(staff, actor, body["product_id"], body["name"], body["email"], body["method"])


@blp.route("/desk/clients", methods=["GET"])
@guard("desk.walkins")
@blp.arguments(DeskClientQuerySchema, location="query")
@blp.response(200, DeskClientListSchema)
def find_clients(args):
    """The studio's clients (who booked its classes or hold its passes) whose name, email or phone starts with q,
    each with their passes of this studio good to book with now."""
    return checkin.find_desk_clients(acting(), args["q"], args["limit"])


@blp.route("/desk/bookings", methods=["POST"])
@guard("desk.walkins")
@blp.arguments(DeskBookingSchema)
@blp.response(201, DeskBookedSchema)
@blp.alt_response(
    409,
    schema=APIErrorSchema,
    description="session_full, already_booked, payment_needed, session_free, pass_not_valid_here, price_changed, "
    "not_a_person, or a pass's refusal",
)
def book_client(body):
    """Book a client (by email, found or made an account, or by id) into one of the sessions the desk reaches, one
    seat or more: with their pass, paid at the desk (cash, card terminal or UPI, with who took it) or free; an audit
    entry names it."""
    staff = acting()
    actor = staff.actor()
    # The booking is shaped by the service already (BookingSchema's document, as online bookings): sent as it is.
    return jsonify(checkin.book_at_desk(staff, actor, body)), 201
