"""What a studio pays each member who teaches (pay.rates: its owners): the list, setting a rate, removing it."""

from main_app.services import reports, studios
from service_kit.blueprint import Blueprint

from ..database import read_only
from ..schemas.pay import RateSchema, RateSetSchema, RatesSchema
from .staff_doors import acting, studio_guard

blp = Blueprint(
    "pay_rates", __name__, url_prefix="/api/studios/<slug>/instructor-rates", description="Instructor pay rates"
)
guard = studio_guard(blp)


def _actor() -> studios.Actor:
    staff = acting()
    return staff.actor()


@blp.route("")
@read_only
@guard("pay.rates", "reports.view")
@blp.response(200, RatesSchema)
def list_rates():
    """Every member who may teach (owners, managers, instructors), by name, with their rate (null: none set)."""
    return {"rates": reports.rates(acting().studio.id)}


@blp.route("/<id:user_id>", methods=["PUT"])
@guard("pay.rates")
@blp.arguments(RateSchema)
@blp.response(200, RateSetSchema)
def set_rate(rate, user_id):
    """Set what the member earns per class taught, from the next pay report on (it applies to every class in the
    span asked for); audited. 404 member_not_found for anyone not teaching in this studio."""
    return reports.set_rate(acting().studio.id, _actor(), user_id, rate)


@blp.route("/<id:user_id>", methods=["DELETE"])
@guard("pay.rates")
@blp.response(204)
def remove_rate(user_id):
    """Remove the member's rate: their classes earn nothing in the pay report until one is set; audited."""
    reports.set_rate(acting().studio.id, _actor(), user_id, None)
    return ""
