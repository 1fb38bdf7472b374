"""POST /notify, POST /notify/batch and GET /notifications."""

from flask import current_app, jsonify, request

from service_kit.blueprint import Blueprint
from service_kit.docs import BEARER
from service_kit.rate_limits import configured_limit
from service_kit.schemas import APIErrorSchema

from ..extensions import limiter
from ..schemas import (
    MAX_BATCH_ITEMS,
    NotificationPageSchema,
    NotificationQuerySchema,
    NotifyBatchResultSchema,
    NotifyResultSchema,
)
from ..security import inbox_of, reader_required, service_token_required, signature_required
from ..services import notification_batches, notifications
from ..storage import get_store
from .json_body import read_json_object

blp = Blueprint("notifications", __name__, description="Booking notifications from the main API.")

ANY_SHAPE = {
    "oneOf": [
        {"$ref": "#/components/schemas/NestedNotification"},
        {"$ref": "#/components/schemas/FlatNotification"},
        {"$ref": "#/components/schemas/TypedNotification"},
    ]
}
NOTIFY_BODY = {"required": True, "content": {"application/json": {"schema": ANY_SHAPE}}}
NOTIFY_BATCH_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["notifications"],
                "additionalProperties": False,
                "properties": {
                    "notifications": {
                        "type": "array",
                        "minItems": 1,
                        "maxItems": MAX_BATCH_ITEMS,
                        "items": ANY_SHAPE,
                        "description": "Each item as /notify takes it, with its own notification_id (an item "
                        "without one is invalid: there are no per-item headers).",
                    }
                },
            }
        }
    },
}
TOO_MANY = "Too many requests from your address; try again in {seconds} second{s}."


@blp.route("/notify", methods=["POST"])
# Before the token check, so guessing the token counts too.
@configured_limit(limiter, "RATELIMIT_NOTIFY", TOO_MANY)
@service_token_required
@signature_required
@blp.doc(requestBody=NOTIFY_BODY, security=BEARER)
@blp.response(201, NotifyResultSchema, description="Stored")
@blp.alt_response(200, schema=NotifyResultSchema, description="Already stored: a repeat of the same id")
@blp.alt_response(429, schema=APIErrorSchema, description="Too many requests from this address; see Retry-After")
def notify():
    """Store a notification once per Idempotency-Key / webhook-id / notification_id."""
    payload = read_json_object()
    record, created = notifications.receive(get_store(current_app), payload, request.headers)
    # Shaped by the service as NotifyResultSchema documents it: sent as it is.
    return jsonify(notifications.answer(record, created)), 201 if created else 200


@blp.route("/notify/batch", methods=["POST"])
@configured_limit(limiter, "RATELIMIT_NOTIFY_BATCH", TOO_MANY)  # one count per batch, before the token check
@service_token_required
@signature_required  # one signature over the whole body, under the batch's own webhook-id
@blp.doc(requestBody=NOTIFY_BATCH_BODY, security=BEARER)
@blp.response(200, NotifyBatchResultSchema, description="Per-item results, in the order sent")
@blp.alt_response(429, schema=APIErrorSchema, description="Too many requests from this address; see Retry-After")
def notify_batch():
    """Store many notifications, each once per its notification_id; a bad item is refused alone, never the batch."""
    # Text that cannot be stored makes only its item invalid (the item's schema refuses it), not the batch.
    payload = read_json_object(check_text=False)
    return notification_batches.receive_batch(get_store(current_app), payload)


@blp.route("/notifications", methods=["GET"])
@reader_required
@blp.doc(
    security=[*BEARER, {}],
    description="Service token: all. A facilitator's JWT: their own inbox. With studio_id: that studio's inbox, for "
    "a JWT whose inbox_studios claim names it (its owners and managers).",
)
@blp.arguments(NotificationQuerySchema, location="query")
@blp.response(200, NotificationPageSchema)
@blp.alt_response(
    403,
    schema=APIErrorSchema,
    description="A JWT without studio_id that is no facilitator's, or with the studio_id of a studio whose inbox it "
    "may not read",
)
def list_notifications(query, reader):
    """Newest first; a facilitator sees their own, a studio's staff their studio's, anonymous readers (development)
    masked email addresses."""
    inbox = None if reader.kind in ("service", "anonymous") else inbox_of(reader, query.get("studio_id"))
    return notifications.list_page(get_store(current_app), query, inbox, masked=not reader.sees_emails)
