"""/api/studios/<slug>/payments/<id>/refunds: a studio's manager or owner gives back all or part of one booking's
payment, and may cancel the booking with it."""

from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..schemas.payments import StaffRefundAskSchema, StaffRefundSchema
from ..services import programme
from .staff_doors import acting, studio_guard

blp = Blueprint(
    "studio_refunds", __name__, url_prefix="/api/studios/<slug>", description="A studio's refunds of payments"
)
guard = studio_guard(blp)


@blp.route("/payments/<id:payment_id>/refunds", methods=["POST"])
@guard("refunds.make")
@blp.arguments(StaffRefundAskSchema)
@blp.response(201, StaffRefundSchema)
@blp.alt_response(
    409,
    schema=APIErrorSchema,
    description="not_refundable (not paid through the provider, or nothing left), refund_above_left (details.left), "
    "already_cancelled (cancel_booking on a booking no longer on)",
)
def refund_payment(body, payment_id):
    """Refund all (no amount) or part of a payment of one of the studio's bookings through its provider, queued on
    the payments lane; with cancel_booking the booking is cancelled and its seats go back. An audit entry names it."""
    return programme.refund_payment(acting(), payment_id, body)
