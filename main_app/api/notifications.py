"""The caller's notification centre: what they were told by email or text, unread first; marking notices read."""

from flask_jwt_extended import current_user

from main_app.services.notices import mark_read as centre_mark_read
from main_app.services.notices import notices_page
from service_kit.blueprint import Blueprint
from service_kit.docs import BEARER
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..models import ROLES
from ..schemas.common import PageArgsSchema
from ..schemas.notifications import MarkedSchema, MarkReadSchema, NotificationPageSchema
from ..security import role_required

blp = Blueprint("notifications", __name__, description="The caller's in-app notifications")


@blp.route("/me/notifications")
@blp.doc(security=BEARER)
@read_only
@role_required(*ROLES)
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, NotificationPageSchema)
def list_notifications(args):
    """The caller's notices, unread first and newest first, with how many are unread."""
    return notices_page(current_user, args["page"], args["per_page"])


@blp.route("/me/notifications/read", methods=["POST"])
@blp.doc(security=BEARER)
@role_required(*ROLES)
@blp.arguments(MarkReadSchema)
@blp.response(200, MarkedSchema)
@blp.alt_response(400, schema=APIErrorSchema, description="validation_error: neither ids nor all, or both")
def mark_read(body):
    """Mark notices read: {"ids": [...]} (the caller's own; others' are left alone) or {"all": true}."""
    return centre_mark_read(current_user, None if body.get("all") else body["ids"])
