"""An inbox's unread count and read marks (GET /notifications lists it): a facilitator's own, or with ?studio_id=
a studio's, for its staff whose token names it."""

from flask import current_app

from service_kit.blueprint import Blueprint
from service_kit.docs import BEARER
from service_kit.schemas import APIErrorSchema

from ..schemas import InboxQuerySchema, NotificationOutSchema, ReadAllResultSchema, UnreadCountSchema
from ..security import account_reader_required, inbox_of
from ..services import inbox
from ..storage import get_store

blp = Blueprint("inbox", __name__, description="Read state of an inbox: a facilitator's or a studio's.")
NOT_YOURS = (
    "The service token; a user's token without studio_id; or a studio_id whose inbox the token may not read (its "
    "inbox_studios claim does not name it)."
)


@blp.route("/notifications/unread-count", methods=["GET"])
@account_reader_required
@blp.doc(security=BEARER)
@blp.arguments(InboxQuerySchema, location="query")
@blp.response(200, UnreadCountSchema)
@blp.alt_response(403, schema=APIErrorSchema, description=NOT_YOURS)
def unread_count(args, reader):
    """How many of the inbox's notifications are unread."""
    return {"unread": inbox.unread_count(get_store(current_app), inbox_of(reader, args.get("studio_id")))}


@blp.route("/notifications/<id:notification_id>/read", methods=["POST"])
@account_reader_required
@blp.doc(security=BEARER)
@blp.arguments(InboxQuerySchema, location="query")
@blp.response(200, NotificationOutSchema)
@blp.alt_response(403, schema=APIErrorSchema, description=NOT_YOURS)
@blp.alt_response(404, schema=APIErrorSchema, description="Not in the inbox (unknown, or another's).")
def mark_read(args, notification_id, reader):
    """Mark one of the inbox's notifications read (by the CRM's id); marking it again keeps the first time."""
    return inbox.mark_read(get_store(current_app), inbox_of(reader, args.get("studio_id")), notification_id)


@blp.route("/notifications/read-all", methods=["POST"])
@account_reader_required
@blp.doc(security=BEARER)
@blp.arguments(InboxQuerySchema, location="query")
@blp.response(200, ReadAllResultSchema)
@blp.alt_response(403, schema=APIErrorSchema, description=NOT_YOURS)
def mark_all_read(args, reader):
    """Mark all the inbox's notifications read."""
    return inbox.mark_all_read(get_store(current_app), inbox_of(reader, args.get("studio_id")))
