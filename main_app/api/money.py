"""The money view of an event (received, refunded and outstanding under payment plans) through both doors
(staff_doors)."""

from main_app.services.programme import event_money as money_event_money
from service_kit.blueprint import Blueprint

from ..schemas.plans import EventMoneySchema
from .staff_doors import acting, add_both

seed = Blueprint(
    "money",
    __name__,
    url_prefix="/api/facilitator/<id:facilitator_id>",
    description="A facilitator's money per event",
)
shop = Blueprint(
    "studio_money",
    __name__,
    url_prefix="/api/studios/<slug>",
    description="A studio's money per event, for its members who see its money",
)


@seed.response(200, EventMoneySchema)
def event_money(event_id):
    """What my event's bookings paid, got back, and still owe on their payment plans, in total and per booking."""
    return money_event_money(acting(), event_id)


add_both([("/events/<id:event_id>/money", ["GET"], event_money, ("money.view",))], {event_money}, seed, shop)
blps = (seed, shop)
