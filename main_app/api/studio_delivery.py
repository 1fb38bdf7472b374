"""/api/studios/<slug>/delivery: the studio's share of the delivery pipeline (figures, dead letters, retries) for its
members who see its money; the platform-wide views (operations) are the operators'."""

from flask import current_app

from service_kit.blueprint import Blueprint

from ..database import read_only
from ..lanes import build_probes
from ..schemas.operations import (
    ChannelQuerySchema,
    IntegrationStatusSchema,
    OutboxQuerySchema,
    RequeuedSchema,
    StudioOutboxPageSchema,
)
from ..services import studios
from .staff_doors import acting, studio_guard

blp = Blueprint(
    "studio_delivery",
    __name__,
    url_prefix="/api/studios/<slug>",
    description="A studio's delivery figures, dead letters and retries (its messages alone)",
)
guard = studio_guard(blp)


@blp.route("/delivery")
@guard("money.view")
@blp.response(200, IntegrationStatusSchema)
def delivery_status():
    """As GET /api/crm/integration, with every count, last success and last error the studio's messages' alone (the
    reachability of each channel is the platform's)."""
    lanes = build_probes(current_app.config)
    try:
        return studios.delivery_status(acting().studio.id, lanes)
    finally:
        for lane in lanes.values():
            lane.close()


@blp.route("/delivery/messages")
@read_only
@guard("money.view")
@blp.arguments(OutboxQuerySchema, location="query")
@blp.response(200, StudioOutboxPageSchema)
def delivery_messages(args):
    """The studio's messages waiting for delivery, oldest first; ?status=dead or delivered lists those instead,
    ?channel= one channel's; a WhatsApp message with Meta's furthest status and where it fell back to."""
    return studios.delivery_messages(
        acting().studio.id, args["status"], args["page"], args["per_page"], args.get("channel")
    )


@blp.route("/delivery/retry-failed", methods=["PATCH"])
@guard("money.view")
@blp.arguments(ChannelQuerySchema, location="query")
@blp.response(200, RequeuedSchema)
def retry_failed(args):
    """Requeue the studio's dead messages (?channel= only that channel's)."""
    return {"requeued": studios.retry_dead(acting().studio.id, args.get("channel"))}
