"""Operators' endpoints: platform-wide CRM integration status and retries (admin role or the service token); a
studio's staff see their studio's share at /api/studios/<slug>/delivery (studio_delivery)."""

from flask import current_app

from main_app.delivery import get_message, list_messages, retry_message
from main_app.delivery import integration_status as operations_integration_status
from main_app.delivery import retry_failed as operations_retry_failed
from main_app.services.crm import test_integration
from service_kit.blueprint import Blueprint
from service_kit.docs import BEARER
from service_kit.schemas import APIErrorSchema

from ..lanes import build_probes
from ..models import CHANNEL_CRM
from ..schemas.operations import (
    ChannelQuerySchema,
    IntegrationStatusSchema,
    IntegrationTestSchema,
    OutboxMessageDetailSchema,
    OutboxPageSchema,
    OutboxQuerySchema,
    RequeuedSchema,
)
from ..security import operator_id, operator_required

blp = Blueprint(
    "operations",
    __name__,
    url_prefix="/api",
    description="Delivery to the CRM and by email, platform-wide: status and retries (operators: platform admins "
    "and the service token; a studio's staff use /api/studios/<slug>/delivery)",
)
MESSAGE_ID = "<hex_id:message_id>"
OPERATORS_ONLY = "A user's or facilitator's token: this needs an admin's token or the service token."


@blp.route("/crm/integration")
@blp.doc(security=BEARER)
@operator_required
@blp.response(200, IntegrationStatusSchema)
@blp.alt_response(403, schema=APIErrorSchema, description=OPERATORS_ONLY)
def integration_status():
    """Per channel (the CRM at the top level, email under "email", refunds under "payments", timed jobs under
    "timers"): reachable?, pending / retrying / dead counts, deliveries in the last hour, last success and error."""
    lanes = build_probes(current_app.config)
    try:
        return operations_integration_status(lanes)
    finally:
        for lane in lanes.values():
            lane.close()


@blp.route("/crm/integration/test", methods=["POST"])
@blp.doc(security=BEARER)
@operator_required
@blp.response(200, IntegrationTestSchema)
@blp.alt_response(403, schema=APIErrorSchema, description=OPERATORS_ONLY)
def integration_test():
    """Send a test notification to the CRM now and report the outcome."""
    client = build_probes(current_app.config, channels=(CHANNEL_CRM,))[CHANNEL_CRM]
    try:
        return test_integration(client, operator_id())
    finally:
        client.close()


@blp.route("/crm/integration/retry-failed", methods=["PATCH"])
@blp.doc(security=BEARER)
@operator_required
@blp.arguments(ChannelQuerySchema, location="query")
@blp.response(200, RequeuedSchema)
@blp.alt_response(403, schema=APIErrorSchema, description=OPERATORS_ONLY)
def retry_failed(args):
    """Requeue every dead notification (?channel=crm or email: only that channel's)."""
    return {"requeued": operations_retry_failed(args.get("channel"))}


@blp.route("/notifications/pending")
@blp.doc(security=BEARER)
@operator_required
@blp.arguments(OutboxQuerySchema, location="query")
@blp.response(200, OutboxPageSchema)
@blp.alt_response(403, schema=APIErrorSchema, description=OPERATORS_ONLY)
def list_notifications(args):
    """Notifications waiting for delivery, oldest first; ?status=dead or delivered lists those instead, ?channel=crm
    or email one channel's."""
    return list_messages(args["status"], args["page"], args["per_page"], args.get("channel"))


@blp.route(f"/notifications/{MESSAGE_ID}/status")
@blp.doc(security=BEARER)
@operator_required
@blp.response(200, OutboxMessageDetailSchema)
@blp.alt_response(403, schema=APIErrorSchema, description=OPERATORS_ONLY)
@blp.alt_response(404, schema=APIErrorSchema)
def notification_status(message_id):
    """One notification: status, schedule, last error, payload and every delivery attempt."""
    return get_message(message_id)


@blp.route(f"/notifications/{MESSAGE_ID}/retry", methods=["POST"])
@blp.doc(security=BEARER)
@operator_required
@blp.response(202, OutboxMessageDetailSchema)
@blp.alt_response(403, schema=APIErrorSchema, description=OPERATORS_ONLY)
@blp.alt_response(404, schema=APIErrorSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="already_delivered")
def retry_notification(message_id):
    """Deliver one pending or dead notification as soon as possible."""
    return retry_message(message_id)
