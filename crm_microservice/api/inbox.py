"""A facilitator's inbox: unread count and read marks (GET /notifications lists it)."""

from flask import current_app

from service_kit.blueprint import Blueprint
from service_kit.docs import BEARER
from service_kit.schemas import APIErrorSchema

from ..schemas import NotificationOutSchema, ReadAllResultSchema, UnreadCountSchema
from ..security import facilitator_required
from ..services import inbox
from ..storage import get_store

blp = Blueprint("inbox", __name__, description="Read state of a facilitator's notifications.")
NOT_FACILITATOR = "The service token or a user's token: an inbox is a facilitator's."


@blp.route("/notifications/unread-count", methods=["GET"])
@facilitator_required
@blp.doc(security=BEARER)
@blp.response(200, UnreadCountSchema)
@blp.alt_response(403, schema=APIErrorSchema, description=NOT_FACILITATOR)
def unread_count(reader):
    """How many of my notifications are unread."""
    return {"unread": inbox.unread_count(get_store(current_app), reader.facilitator_id)}


@blp.route("/notifications/<id:notification_id>/read", methods=["POST"])
@facilitator_required
@blp.doc(security=BEARER)
@blp.response(200, NotificationOutSchema)
@blp.alt_response(403, schema=APIErrorSchema, description=NOT_FACILITATOR)
@blp.alt_response(404, schema=APIErrorSchema, description="Not in my inbox (unknown, or another facilitator's).")
def mark_read(notification_id, reader):
    """Mark one of my notifications read (by the CRM's id); marking it again keeps the first time."""
    return inbox.mark_read(get_store(current_app), reader.facilitator_id, notification_id)


@blp.route("/notifications/read-all", methods=["POST"])
@facilitator_required
@blp.doc(security=BEARER)
@blp.response(200, ReadAllResultSchema)
@blp.alt_response(403, schema=APIErrorSchema, description=NOT_FACILITATOR)
def mark_all_read(reader):
    """Mark all my notifications read."""
    return inbox.mark_all_read(get_store(current_app), reader.facilitator_id)
