"""A studio's webhooks (webhooks.manage: its owners, or a token given it): its endpoints, their delivery logs, a
delivery sent again, a test delivery; and REST hooks, the subscribe and unsubscribe calls Zapier-style tools make."""

from main_app.services import webhooks
from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..schemas.webhooks import (
    DeliveryPageSchema,
    DeliveryQuerySchema,
    DeliverySchema,
    HookSchema,
    HookSubscribeSchema,
    WebhookChangeSchema,
    WebhookCreateSchema,
    WebhookListSchema,
    WebhookMadeSchema,
    WebhookSchema,
)
from .staff_doors import acting, studio_guard

blp = Blueprint("webhooks", __name__, url_prefix="/api/studios/<slug>", description="Webhooks and REST hooks")
guard = studio_guard(blp)
MANAGE = "webhooks.manage"


@blp.route("/webhooks")
@read_only
@guard(MANAGE)
@blp.response(200, WebhookListSchema)
def list_webhooks():
    """The studio's endpoints, newest first, and the catalogue of event types."""
    catalogue = [{"type": kind, "description": words} for kind, words in webhooks.EVENT_TYPES.items()]
    return {"items": webhooks.studio_endpoints(acting().studio.id), "event_types": catalogue}


@blp.route("/webhooks", methods=["POST"])
@guard(MANAGE)
@blp.arguments(WebhookCreateSchema)
@blp.response(201, WebhookMadeSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="too_many_webhooks")
def make_webhook(body):
    """Subscribe an address to event types; its signing secret is in this answer only."""
    staff = acting()
    return webhooks.make_endpoint(staff.studio, staff.actor(), body)


@blp.route("/webhooks/<id:webhook_id>", methods=["PATCH"])
@guard(MANAGE)
@blp.arguments(WebhookChangeSchema)
@blp.response(200, WebhookSchema)
def change_webhook(changes, webhook_id):
    """Change an endpoint's address, description, event types, or switch it off and on."""
    return webhooks.change_endpoint(acting().studio.id, webhook_id, changes, acting().actor())


@blp.route("/webhooks/<id:webhook_id>", methods=["DELETE"])
@guard(MANAGE)
@blp.response(204)
def remove_webhook(webhook_id):
    """Remove an endpoint: it hears nothing more, what waits for it is not sent; its log stays."""
    webhooks.remove_endpoint(acting().studio.id, webhook_id, acting().actor())
    return ""


@blp.route("/webhooks/<id:webhook_id>/deliveries")
@read_only
@guard(MANAGE)
@blp.arguments(DeliveryQuerySchema, location="query")
@blp.response(200, DeliveryPageSchema)
def deliveries(args, webhook_id):
    """The endpoint's delivery log, newest first: each delivery's type, state, tries and last answer."""
    return webhooks.deliveries(acting().studio.id, webhook_id, args["page"], args["per_page"])


@blp.route("/webhooks/<id:webhook_id>/deliveries/<delivery_id>/redeliver", methods=["POST"])
@guard(MANAGE)
@blp.response(202, DeliverySchema)
def redeliver(webhook_id, delivery_id):
    """Send a delivery again: a dead or waiting one now, a delivered one as a new delivery of the same body."""
    return webhooks.redeliver(acting().studio.id, webhook_id, delivery_id)


@blp.route("/webhooks/<id:webhook_id>/test", methods=["POST"])
@guard(MANAGE)
@blp.response(202, DeliverySchema)
def test_webhook(webhook_id):
    """Send the endpoint a webhook_test delivery, through the lane like any other."""
    return webhooks.send_test(acting().studio, webhook_id)


@blp.route("/hooks", methods=["POST"])
@guard(MANAGE)
@blp.arguments(HookSubscribeSchema)
@blp.response(201, HookSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="too_many_webhooks")
def subscribe_hook(body):
    """REST hooks: subscribe target_url to one event type (what Zapier calls when a Zap is turned on)."""
    staff = acting()
    endpoint = {"url": body["target_url"], "event_types": [body["event"]], "field": "target_url"}
    made = webhooks.make_endpoint(staff.studio, staff.actor(), endpoint, source="api")
    return {"id": made["id"], "target_url": made["url"], "event": body["event"], "secret": made["secret"]}


@blp.route("/hooks/<id:webhook_id>", methods=["DELETE"])
@guard(MANAGE)
@blp.response(204)
def unsubscribe_hook(webhook_id):
    """REST hooks: unsubscribe (what Zapier calls when a Zap is turned off)."""
    webhooks.remove_endpoint(acting().studio.id, webhook_id, acting().actor())
    return ""
