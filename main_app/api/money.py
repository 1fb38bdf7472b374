"""A facilitator's money view of an event: received, refunded and outstanding under payment plans."""

from flask_jwt_extended import current_user

from main_app.services.facilitation import event_money as money_event_money
from service_kit.blueprint import Blueprint

from ..database import read_only
from ..schemas.plans import EventMoneySchema
from .facilitator import facilitator_docs, this_facilitator

blp = Blueprint("money", __name__, description="A facilitator's money per event")


@blp.route("/api/facilitator/<id:facilitator_id>/events/<id:event_id>/money")
@read_only
@facilitator_docs
@this_facilitator
@blp.response(200, EventMoneySchema)
def event_money(event_id):
    """What my event's bookings paid, got back, and still owe on their payment plans, in total and per booking."""
    return money_event_money(current_user, event_id)
