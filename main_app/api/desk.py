"""/api/studios/<slug>/desk/...: the front desk's own routes (the check-in and walk-in routes are the programme's)."""

from flask import request
from flask_jwt_extended import current_user

from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..schemas.studios import DeskSaleSchema, DeskSoldSchema
from ..services import checkin, studios
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
    actor = studios.Actor(current_user.id, staff.studio_role, request.remote_addr)
    return checkin.sell_at_desk(staff, actor, body["product_id"], body["name"], body["email"], body["method"])
