"""The main API's door to a segment's consenting clients (the service token): it sends the segment's marketing email
through its own email lane, so the CRM never sends mail and the main API never reads the client book's tables."""

import datetime as dt

from flask import current_app

from service_kit.blueprint import Blueprint
from service_kit.docs import BEARER

from ..schemas import RecipientListSchema, RecipientQuerySchema
from ..security import service_token_required
from ..services import clients
from ..storage import get_store
from .book_routes import refusals

blp = Blueprint(
    "segment_recipients",
    __name__,
    url_prefix="/api/service/studios/<id:studio_id>/segments",
    description="A segment's clients who gave marketing consent, for the main API (service token only).",
)


@blp.route("/<id:segment_id>/recipients", methods=["GET"])
@service_token_required
@blp.doc(security=BEARER)
@blp.arguments(RecipientQuerySchema, location="query")
@blp.response(200, RecipientListSchema)
@refusals(blp, "No such segment of this studio's.", service=True)
def segment_recipients(args, studio_id, segment_id):
    """The segment's clients with marketing consent given (not withdrawn) and an email, one per address, by id."""
    clients.require_book(get_store(current_app))  # after the token check: a stranger learns nothing
    now = dt.datetime.now(dt.UTC)
    return clients.recipients(studio_id, segment_id, args["limit"], now, args["timezone"])
