"""The main API's door to what the client book holds about one person (the service token), for their own export."""

from flask import current_app

from service_kit.blueprint import Blueprint
from service_kit.docs import BEARER

from ..schemas import PersonQuerySchema
from ..security import service_token_required
from ..services import clients
from ..storage import get_store
from .book_routes import refusals

blp = Blueprint(
    "people",
    __name__,
    url_prefix="/api/service/people",
    description="What the client book holds about one person, for the main API (service token only).",
)


@blp.route("/<id:user_id>", methods=["GET"])
@service_token_required
@blp.doc(security=BEARER)
@blp.arguments(PersonQuerySchema, location="query")
@blp.response(
    200, description="{clients, children, notifications}: every studio's client row of the account and its children"
)
@refusals(blp, "Not an id (an account the book never heard of answers with empty lists).", service=True)
def person(query, user_id):
    """Every studio's client row of the account, with its figures, consent, tags and staff notes, the rows of the
    children on its family (child=), and its notifications."""
    clients.require_book(get_store(current_app))  # after the token check: a stranger learns nothing
    return clients.person_data(user_id, query["child"])
