"""POST /notify and GET /notifications."""

from flask import current_app, request

from service_kit.blueprint import Blueprint
from service_kit.docs import BEARER
from service_kit.rate_limits import configured_limit
from service_kit.schemas import APIErrorSchema

from ..extensions import limiter
from ..schemas import NotificationPageSchema, NotificationQuerySchema, NotifyResultSchema
from ..security import reader_required, service_token_required, signature_required
from ..services import notifications
from ..storage import get_store
from .json_body import read_json_object

blp = Blueprint("notifications", __name__, description="Booking notifications from the main API.")

NOTIFY_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "oneOf": [
                    {"$ref": "#/components/schemas/NestedNotification"},
                    {"$ref": "#/components/schemas/FlatNotification"},
                    {"$ref": "#/components/schemas/TypedNotification"},
                ]
            }
        }
    },
}


@blp.route("/notify", methods=["POST"])
# Before the token check, so guessing the token counts too.
@configured_limit(limiter, "RATELIMIT_NOTIFY", "Too many requests from your address; try again in {seconds} second{s}.")
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
    result = {
        "status": "stored" if created else "duplicate",
        "duplicate": not created,
        "notification": notifications.present(record),
    }
    return result, 201 if created else 200


@blp.route("/notifications", methods=["GET"])
@reader_required
@blp.doc(security=[*BEARER, {}], description="Service token: all. Facilitator JWT: own only.")
@blp.arguments(NotificationQuerySchema, location="query")
@blp.response(200, NotificationPageSchema)
@blp.alt_response(
    403, schema=APIErrorSchema, description="A user's token: the inbox is for facilitators and the service"
)
def list_notifications(query, reader):
    """Newest first; a facilitator sees their own, anonymous readers (development) masked email addresses."""
    return notifications.list_page(
        get_store(current_app),
        query,
        facilitator_id=reader.facilitator_id,
        masked=not reader.sees_emails,
    )
